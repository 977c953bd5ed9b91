/**
 * `cdk8s-patterns synth [--app <module>] [--out <dir>] [--check] [--no-validate]`.
 *
 * Exit codes: 0 synthesized (or up to date), 1 problems in the app or a stale output folder,
 * 2 usage errors (unknown flags, an app module that is missing or exports nothing usable).
 */
import { Command } from 'commander';
import { ExitCode, Reporter, consoleReporter, reportFailure, runSynth } from '../../synth/run';
import { synthValidator } from '../../validation/engine-hooks';
import { AppModuleError, loadAppModule } from '../app-module';

/** The default app module: the example apps of this repository. */
export const DEFAULT_APP_MODULE = 'src/apps/index.ts';

/** The options of the synth command as commander parses them. */
export interface SynthFlags {
  readonly app: string;
  readonly out?: string;
  readonly check?: boolean;
  readonly validate: boolean;
}

/** Registers `synth` on the program. */
export function register(program: Command): void {
  program
    .command('synth')
    .description('synthesize an app to one YAML file per chart, validated before anything is written')
    .option('--app <module>', 'module exporting an App or a function (app: App) => void', DEFAULT_APP_MODULE)
    .option('--out <dir>', 'output folder (default: $CDK8S_OUTDIR, else dist)')
    .option('--check', 'compare with the output folder instead of writing; fail when it is stale')
    .option('--no-validate', 'skip the validation engine (construct validations still run)')
    .action((flags: SynthFlags) => {
      process.exitCode = runSynthCommand(flags);
    });
}

/** Runs the synth command; returns the exit code. */
export function runSynthCommand(flags: SynthFlags, reporter: Reporter = consoleReporter()): ExitCode {
  const outdir = flags.out || process.env.CDK8S_OUTDIR || 'dist';
  let build: (outdir: string) => ReturnType<ReturnType<typeof loadAppModule>>;
  try {
    build = loadAppModule(flags.app);
  } catch (e) {
    if (e instanceof AppModuleError) {
      reporter.error(e.message);
      return ExitCode.USAGE;
    }
    reportFailure(e, reporter);
    return ExitCode.PROBLEMS;
  }
  return runSynth(() => build(outdir), {
    outdir,
    check: flags.check ?? false,
    validate: flags.validate ? synthValidator() : undefined,
    reporter,
  });
}
