/**
 * `two-tier-validated`: N web apps, each connected to its own PostgreSQL `Database`, in one chart,
 * through the whole pipeline: build, synthesize, validate (all layers) and write.
 */
import { App } from 'cdk8s';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { benchAppSpec } from '../fixtures/app-spec';
import { pipelineModule, ProjectModule } from './_project';

const twoTierModule = new ProjectModule<typeof import('../fixtures/two-tier')>(
  'the two-tier bench app (bench/fixtures/two-tier.ts)', () => require('../fixtures/two-tier'));
const validationModule = new ProjectModule<typeof import('../../src/validation')>(
  'the validation engine (src/validation)', () => require('../../src/validation'));

/** N web apps with a database each, synth + validate + write. */
export const twoTierValidated: BenchCase = {
  id: 'two-tier-validated',
  title: 'WebApp + Database per app, synth + validate + write',
  group: CaseGroup.SYNTH,
  unit: 'apps',
  unavailable: () => twoTierModule.unavailable ?? validationModule.unavailable ?? pipelineModule.unavailable,
  sizes: () => [10, 100, 500],
  run(n, context) {
    const { addTwoTierApp, twoTierChart } = twoTierModule.module;
    const app = new App();
    const chart = twoTierChart(app, 'apps');
    for (let i = 0; i < n; i++) {
      addTwoTierApp(chart, benchAppSpec(i));
    }
    const objects = pipelineModule.module.synthWithPipeline(app, context.workDir, validationModule.module.synthValidator());
    return { objects };
  },
};
