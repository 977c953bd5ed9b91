/**
 * The project's synth pipeline as the cases use it: in-memory synthesis, then the atomic write.
 *
 * This is what `npm run synth` does (`runSynth` in src/synth/run.ts) minus building the app and
 * printing. Validation is not included here; validated cases pass a validator.
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { SynthValidator, synthesizeApp, writeOutputAtomically } from '../../src/synth';

/**
 * Synthesizes `app` with the project's pipeline and writes it to `<workDir>/dist`.
 *
 * @returns the number of objects written
 */
export function synthWithPipeline(app: App, workDir: string, validate?: SynthValidator): number {
  const result = synthesizeApp(app, { validate });
  writeOutputAtomically(path.join(workDir, 'dist'), result.files);
  return result.objects.length;
}
