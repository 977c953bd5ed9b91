/**
 * The synth entry point, written as a user's `main.ts` is: `npm run synth`, `npx cdk8s synth` (see
 * `cdk8s.yaml`) and `npx cdk8s-patterns synth` all run this file.
 *
 * Flags: `--check` compares the synthesized manifests with `dist/` instead of writing and fails
 * when they differ; `--out <dir>` writes elsewhere (default: `$CDK8S_OUTDIR`, set by the cdk8s
 * CLI, else `dist`). Construct validations and the validation engine run on the in-memory
 * result; every problem is listed and the process exits non-zero, and `dist/` is only replaced,
 * atomically, when the whole app synthesizes and validates.
 */
import { App } from 'cdk8s';
import { synth } from '../index';
import { addExampleCharts } from './index';

const app = new App();
addExampleCharts(app);
synth(app);
