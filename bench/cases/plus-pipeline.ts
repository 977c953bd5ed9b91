/**
 * Plain cdk8s-plus-28 code through the project's synth pipeline: separates the cost of the
 * pipeline (synthesis + YAML emitter) from the cost of the WebApp construct.
 */
import { App, Chart } from 'cdk8s';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { benchAppSpec, ONE_CHART_ID } from '../fixtures/app-spec';
import { addPlainPlusApp } from '../fixtures/plain-plus-app';
import { pipelineModule } from './_project';

/** Plain cdk8s-plus-28, one chart, project pipeline. */
export const plusPipelineOneChart: BenchCase = {
  id: 'plus-pipeline-one-chart',
  title: 'cdk8s-plus-28, one chart, project pipeline',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  unavailable: () => pipelineModule.unavailable,
  run(n, context) {
    const app = new App();
    const chart = new Chart(app, ONE_CHART_ID);
    for (let i = 0; i < n; i++) {
      addPlainPlusApp(chart, benchAppSpec(i));
    }
    return { objects: pipelineModule.module.synthWithPipeline(app, context.workDir) };
  },
};

/** Plain cdk8s-plus-28, one chart per app, project pipeline. */
export const plusPipelineChartPerApp: BenchCase = {
  id: 'plus-pipeline-chart-per-app',
  title: 'cdk8s-plus-28, chart per app, project pipeline',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  unavailable: () => pipelineModule.unavailable,
  run(n, context) {
    const app = new App();
    for (let i = 0; i < n; i++) {
      const spec = benchAppSpec(i);
      addPlainPlusApp(new Chart(app, spec.id), spec);
    }
    return { objects: pipelineModule.module.synthWithPipeline(app, context.workDir) };
  },
};
