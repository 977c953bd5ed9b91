/**
 * The synth entry point: `npm run synth` and `npx cdk8s synth` (see `cdk8s.yaml`) both run this file.
 *
 * Flags: `--check` compares the synthesized manifests with `dist/` instead of writing and fails
 * when they differ; `--out <dir>` writes elsewhere (default: `$CDK8S_OUTDIR`, set by the cdk8s
 * CLI, else `dist`). Construct validations and the validation engine run on the in-memory
 * result; every problem is listed and the process exits non-zero, and `dist/` is only replaced,
 * atomically, when the whole app synthesizes and validates.
 */
import { runSynthEntryPoint } from '../synth';
import { synthValidator } from '../validation';
import { addExampleCharts } from './index';

process.exitCode = runSynthEntryPoint(addExampleCharts, { validate: synthValidator() });
