/**
 * `synth(app)`: the one call at the end of a user's `main.ts`.
 */
import type { App } from 'cdk8s';
import type { ValidationOptions } from '../validation/config';
import { synthValidator } from '../validation/engine-hooks';
import { parseEntryPointArgs } from './entry';
import { ExitCode, Reporter, consoleReporter, runSynth } from './run';

/** Options for {@link synth}: the validation engine's options, or `validate: false`. */
export interface SynthAppOptions extends ValidationOptions {
  /**
   * Run the validation engine on the synthesized objects before anything is written (the
   * constructs' own validations always run).
   *
   * @default true
   */
  readonly validate?: boolean;
  /**
   * Command-line arguments (without `node` and the script): `--check`, `--out <dir>`.
   *
   * @default process.argv.slice(2)
   */
  readonly argv?: readonly string[];
  /**
   * Environment; `CDK8S_OUTDIR` (set by `cdk8s synth`) chooses the output folder when `--out`
   * is not given.
   *
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Where messages go.
   *
   * @default - standard output and error, coloured on a terminal
   */
  readonly reporter?: Reporter;
}

/**
 * Receives the app when `cdk8s-patterns synth|diff` loads the module that calls `synth(app)`.
 * Kept on `globalThis` under a registered symbol, so it reaches `synth` of any loaded copy of this
 * library (the CLI's and the app's may differ).
 */
export type SynthCapture = (app: App, options: SynthAppOptions) => void;

const CAPTURE = Symbol.for('cdk8s-patterns.synth-capture');

/**
 * Synthesizes, validates and writes an app: call it once at the end of `main.ts`, instead of
 * `app.synth()`.
 *
 * - Run as a script (`npx ts-node main.ts`, `npx cdk8s synth`, `node main.js`): parses `--check`
 *   and `--out <dir>` from the command line; the output folder is `--out`, else `$CDK8S_OUTDIR`
 *   (set by `cdk8s synth`), else the app's `outdir` (`dist` unless given to `new App()`). The
 *   constructs' validations and the validation engine (unless `validate: false`) run on the
 *   in-memory result; every problem is listed and nothing is written unless all pass, then the
 *   folder is replaced atomically (with `--check`, compared instead). Sets `process.exitCode`.
 * - Loaded by `cdk8s-patterns synth|diff`: hands the app and the options to the CLI, which does
 *   the above with its own flags; writes nothing itself.
 *
 * @example
 * const app = new App();
 * new MyChart(app, 'my-app');
 * synth(app, { podSecurity: PodSecurityLevel.BASELINE });
 *
 * @returns the exit code: 0 written (or up to date), 1 problems in the app or a stale folder,
 *   2 a wrong command line
 */
export function synth(app: App, options: SynthAppOptions = {}): ExitCode {
  const capture = (globalThis as Record<symbol, unknown>)[CAPTURE];
  if (typeof capture === 'function') {
    (capture as SynthCapture)(app, options);
    return ExitCode.OK;
  }
  const reporter = options.reporter ?? consoleReporter();
  const env = options.env ?? process.env;
  const args = parseEntryPointArgs(options.argv ?? process.argv.slice(2), reporter);
  let code: ExitCode;
  if (typeof args === 'number') {
    code = args;
  } else {
    code = runSynth(() => app, {
      outdir: args.out || env.CDK8S_OUTDIR || app.outdir || 'dist',
      check: args.check ?? false,
      validate: validatorOf(options),
      reporter,
    });
  }
  process.exitCode = code;
  return code;
}

/** The validation hook `synth(app, options)` runs, or undefined for `validate: false`. */
export function validatorOf(options: SynthAppOptions): ReturnType<typeof synthValidator> | undefined {
  if (options.validate === false) {
    return undefined;
  }
  const { validate: _validate, argv: _argv, env: _env, reporter: _reporter, ...validation } = options;
  return synthValidator(validation);
}

/**
 * Makes `synth(app)` hand apps to `capture` instead of writing, until the returned function is
 * called. Used by the CLI while it loads an app module.
 */
export function captureSynth(capture: SynthCapture): () => void {
  const global = globalThis as Record<symbol, unknown>;
  const previous = global[CAPTURE];
  global[CAPTURE] = capture;
  return () => {
    global[CAPTURE] = previous;
  };
}
