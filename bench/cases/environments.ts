/**
 * `environments-50x3`: N apps × 3 environments (dev, staging, prod) through the whole synth
 * pipeline: build, synthesize, validate with the validation engine, and write `dist/<env>/` with
 * a `kustomization.yaml` per environment. Target: under 10 s for 50 apps × 3 environments.
 */
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { pipelineModule, ProjectModule, webAppModule } from './_project';

/** App counts (× 3 environments): 10, 50 and 100, to show linear growth. */
const SIZES: readonly number[] = [10, 50, 100];

const environmentsModule = new ProjectModule<typeof import('../fixtures/environments')>(
  'the environments bench app (bench/fixtures/environments.ts)', () => require('../fixtures/environments'));
const validationModule = new ProjectModule<typeof import('../../src/validation')>(
  'the validation engine (src/validation)', () => require('../../src/validation'));

/** 50 apps × 3 environments, synth + validate + write. */
export const environments50x3: BenchCase = {
  id: 'environments-50x3',
  title: 'N apps x 3 environments, synth + validate + write dist/<env>/',
  group: CaseGroup.SYNTH,
  unit: 'apps x3 envs',
  unavailable: () => environmentsModule.unavailable ?? validationModule.unavailable ?? webAppModule.unavailable ?? pipelineModule.unavailable,
  sizes: () => SIZES,
  prepare: () => {
    process.env[webAppModule.module.BENCH_SECRET_VARIABLE] = 'bench-api-key';
  },
  run(n, context) {
    const app = environmentsModule.module.environmentsApp(n);
    const objects = pipelineModule.module.synthWithPipeline(app, context.workDir, validationModule.module.synthValidator());
    return { objects };
  },
};
