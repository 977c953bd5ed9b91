/**
 * The project's `WebApp` through the project's synth pipeline, in one chart and one chart per app.
 */
import { App, Chart } from 'cdk8s';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { benchAppSpec, ONE_CHART_ID } from '../fixtures/app-spec';
import { pipelineModule, ProjectModule, webAppModule } from './_project';

/** The apps' secret value (WebApp reads secret values from the environment at synth time). */
function setSecretVariable(): void {
  process.env[webAppModule.module.BENCH_SECRET_VARIABLE] = 'bench-api-key';
}

function unavailable(): string | undefined {
  return webAppModule.unavailable ?? pipelineModule.unavailable;
}

/** WebApp, one chart holding every app, project pipeline. */
export const webAppOneChart: BenchCase = {
  id: 'webapp-one-chart',
  title: 'WebApp, one chart, project pipeline',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  unavailable,
  prepare: setSecretVariable,
  run(n, context) {
    const { addWebApp } = webAppModule.module;
    const { synthWithPipeline } = pipelineModule.module;
    const app = new App();
    const chart = new Chart(app, ONE_CHART_ID);
    for (let i = 0; i < n; i++) {
      addWebApp(chart, benchAppSpec(i));
    }
    return { objects: synthWithPipeline(app, context.workDir) };
  },
};

/** WebApp, one chart per app, project pipeline. */
export const webAppChartPerApp: BenchCase = {
  id: 'webapp-chart-per-app',
  title: 'WebApp, chart per app, project pipeline',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  unavailable,
  prepare: setSecretVariable,
  run(n, context) {
    const { addWebApp } = webAppModule.module;
    const { synthWithPipeline } = pipelineModule.module;
    const app = new App();
    for (let i = 0; i < n; i++) {
      const spec = benchAppSpec(i);
      addWebApp(new Chart(app, spec.id), spec);
    }
    return { objects: synthWithPipeline(app, context.workDir) };
  },
};

const validationModule = new ProjectModule<typeof import('../../src/validation')>(
  'the validation engine (src/validation)', () => require('../../src/validation'));

/** WebApp, one chart, project pipeline with the validation engine (all layers), as `synth(app)` runs it. */
export const webAppValidatedOneChart: BenchCase = {
  id: 'webapp-validated-one-chart',
  title: 'WebApp, one chart, project pipeline + validation (all layers)',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  unavailable: () => unavailable() ?? validationModule.unavailable,
  prepare: setSecretVariable,
  run(n, context) {
    const { addWebApp } = webAppModule.module;
    const { synthWithPipeline } = pipelineModule.module;
    const app = new App();
    const chart = new Chart(app, ONE_CHART_ID);
    for (let i = 0; i < n; i++) {
      addWebApp(chart, benchAppSpec(i));
    }
    return { objects: synthWithPipeline(app, context.workDir, validationModule.module.synthValidator()) };
  },
};
