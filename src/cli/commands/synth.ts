/**
 * `cdk8s-patterns synth [--app <module>] [--out <dir>] [--check] [--no-validate]`.
 *
 * Exit codes: 0 synthesized (or up to date), 1 problems in the app, a stale output folder or a
 * file-system failure while writing, 2 usage errors (unknown flags, no app found, an app module that
 * is missing, does not type-check or provides no app, an output folder that is refused).
 */
import { Command } from 'commander';
import { isPackageCopiesError } from '../../constructs/core/copies';
import { checkOutputFolder } from '../../synth/output';
import { ExitCode, Reporter, consoleReporter, reportFailure, runSynth } from '../../synth/run';
import { validatorOf } from '../../synth/synth-app';
import { AppModuleError, LoadedApp, loadApp } from '../app-module';

/** The options of the synth command as commander parses them. */
export interface SynthFlags {
  readonly app?: string;
  readonly out?: string;
  readonly check?: boolean;
  readonly validate: boolean;
}

/** What `--app` says in the help of `synth` and `diff`. */
export const APP_OPTION_HELP = 'the app module: a file that calls synth(app) or app.synth(), or exports an App or a function '
  + '(app: App) => void (default: the file the app: command of cdk8s.yaml runs, else main.ts, else main.js)';

/** Registers `synth` on the program. */
export function register(program: Command): void {
  program
    .command('synth')
    .description('synthesize an app to one YAML file per chart, validated before anything is written')
    .option('--app <module>', APP_OPTION_HELP)
    .option('--out <dir>', 'output folder (default: $CDK8S_OUTDIR, else the app\'s outdir, else dist)')
    .option('--check', 'compare with the output folder instead of writing; fail when it is stale')
    .option('--no-validate', 'skip the validation engine (construct validations still run)')
    .action(async (flags: SynthFlags) => {
      process.exitCode = await runSynthCommand(flags);
    });
}

/**
 * Runs the synth command: loads the app (type-checking a TypeScript module first), then
 * synthesizes, validates with the options the module gave `synth(app, options)` and writes or
 * checks the output folder.
 *
 * @returns the exit code
 */
export async function runSynthCommand(flags: SynthFlags, reporter: Reporter = consoleReporter()): Promise<ExitCode> {
  const outdir = flags.out || process.env.CDK8S_OUTDIR;
  if (outdir && !flags.check) {
    // refuse `--out .` and the like before type-checking and loading the app
    try {
      checkOutputFolder(outdir);
    } catch (e) {
      reportFailure(e, reporter);
      return ExitCode.USAGE;
    }
  }
  let loaded: LoadedApp;
  try {
    loaded = await loadApp(flags.app);
  } catch (e) {
    return reportLoadFailure(e, reporter);
  }
  const { app, options } = loaded;
  if (process.env.CDK8S_PATTERNS_DEBUG && loaded.typeCheckMillis !== undefined) {
    process.stderr.write(`debug: type-checked ${loaded.module} in ${loaded.typeCheckMillis} ms\n`);
  }
  return runSynth(() => app, {
    outdir: flags.out || process.env.CDK8S_OUTDIR || app.outdir || 'dist',
    check: flags.check ?? false,
    validate: flags.validate ? validatorOf(options) : undefined,
    reporter,
  });
}

/**
 * Reports why an app could not be loaded: a usage error (exit code 2) for an app that cannot be
 * found, type-checked or used, with the compiler's diagnostics first, or that loads a second copy of
 * cdk8s or constructs; a problem in the app (exit code 1) for another error thrown while it was built.
 */
export function reportLoadFailure(e: unknown, reporter: Reporter, stderr: (text: string) => void = (t) => process.stderr.write(t)): ExitCode {
  if (e instanceof AppModuleError) {
    if (e.details !== '') stderr(e.details);
    reporter.error(e.message);
    return ExitCode.USAGE;
  }
  reportFailure(e, reporter);
  return isPackageCopiesError(e) ? ExitCode.USAGE : ExitCode.PROBLEMS;
}
