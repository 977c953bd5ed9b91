/**
 * Entry points that synthesize when run as a script: `--check` and `--out <dir>` parsing, shared by
 * `synth(app)` (see synth-app.ts) and {@link runSynthEntryPoint}.
 */
import { parseArgs } from 'util';
import { App } from 'cdk8s';
import { ExitCode, Reporter, consoleReporter, runSynth } from './run';
import { SynthValidator } from './synthesize';

/** Options for {@link runSynthEntryPoint}. */
export interface SynthEntryPointOptions {
  /**
   * Validates the synthesized objects before anything is written.
   *
   * @default - only the constructs' own validations run
   */
  readonly validate?: SynthValidator;
  /**
   * Command-line arguments (without `node` and the script).
   *
   * @default process.argv.slice(2)
   */
  readonly argv?: readonly string[];
  /**
   * Environment; `CDK8S_OUTDIR` (set by the cdk8s CLI) chooses the output folder when `--out`
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

/** Usage text of the entry point. */
export const ENTRY_POINT_USAGE = 'usage: main.ts [--check] [--out <dir>]\n'
  + '  --check       compare the synthesized files with the output folder instead of writing; fail if stale\n'
  + '  --out <dir>   output folder (default: $CDK8S_OUTDIR, else dist)';

/**
 * Parses `--check` and `--out <dir>`, creates an `App`, lets `addCharts` fill it, then
 * synthesizes, validates and writes (or checks) the output folder.
 *
 * @returns the exit code (also the value to give `process.exit`)
 */
export function runSynthEntryPoint(addCharts: (app: App) => void, options: SynthEntryPointOptions = {}): ExitCode {
  const reporter = options.reporter ?? consoleReporter();
  const env = options.env ?? process.env;
  const args = parseEntryPointArgs(options.argv ?? process.argv.slice(2), reporter);
  if (typeof args === 'number') {
    return args;
  }
  const outdir = args.out || env.CDK8S_OUTDIR || 'dist';
  return runSynth(() => {
    const app = new App({ outdir });
    addCharts(app);
    return app;
  }, { outdir, check: args.check ?? false, validate: options.validate, reporter });
}

/** The flags of an entry point. */
export interface EntryPointArgs {
  /** `--check`: compare with the output folder instead of writing. */
  readonly check?: boolean;
  /** `--out <dir>`: the output folder. */
  readonly out?: string;
}

/**
 * Parses `--check`, `--out <dir>` and `--help`. A wrong flag is reported with the usage text
 * (exit code 2); `--help` prints the usage text (exit code 0).
 *
 * @returns the flags, or the exit code when the entry point should stop here
 */
export function parseEntryPointArgs(argv: readonly string[], reporter: Reporter): EntryPointArgs | ExitCode {
  let values: { check?: boolean; out?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        check: { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    reporter.error(`${(e as Error).message}\n${ENTRY_POINT_USAGE}`);
    return ExitCode.USAGE;
  }
  if (values.help) {
    reporter.info(ENTRY_POINT_USAGE);
    return ExitCode.OK;
  }
  return { check: values.check, out: values.out };
}
