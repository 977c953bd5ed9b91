/**
 * The synth command as entry points run it: build the app, synthesize, validate, then write
 * atomically or check, reporting every problem and returning an exit code.
 */
import * as path from 'path';
import { App } from 'cdk8s';
import pc from 'picocolors';
import { ValidationError } from '../constructs/core/errors';
import { isPackageCopiesError } from '../constructs/core/copies';
import { constructMetadataFile } from './construct-metadata';
import { OutputFolderError, writeOutputAtomically } from './output';
import { findStaleFiles, formatStaleMessage, isStale } from './stale-check';
import { SynthError } from './synth-error';
import { synthesizeApp, SynthValidator } from './synthesize';
import { validationConfigFiles } from './validation-config';

/** Process exit codes of the entry points. */
export enum ExitCode {
  /** Synthesized (or checked) without errors. */
  OK = 0,
  /** The app has problems, `dist/` is stale, or writing failed. */
  PROBLEMS = 1,
  /** The command line is wrong, or the output folder is refused (it is the project, or holds files synth did not write). */
  USAGE = 2,
}

/** Where messages go. */
export interface Reporter {
  /** Progress and results (standard output). */
  info(message: string): void;
  /** Warnings (standard error). */
  warn(message: string): void;
  /** Errors (standard error). */
  error(message: string): void;
}

/** Options for {@link runSynth}. */
export interface RunSynthOptions {
  /**
   * The output folder.
   *
   * @default 'dist'
   */
  readonly outdir?: string;
  /**
   * Compare with the output folder instead of writing; differences fail.
   *
   * @default false
   */
  readonly check?: boolean;
  /**
   * Validates the synthesized objects before anything is written.
   *
   * @default - only the constructs' own validations run
   */
  readonly validate?: SynthValidator;
  /**
   * Where messages go.
   *
   * @default - standard output and error, coloured on a terminal
   */
  readonly reporter?: Reporter;
}

/**
 * Builds an app with `build`, synthesizes it and writes (or checks) the output folder: the chart
 * files, the `kustomization.yaml` files, the generated validation config files (see
 * {@link validationConfigFiles}) and, when the app records construct metadata (as `cdk8s synth`
 * asks when validation plugins are configured), `construct-metadata.json` like cdk8s writes it.
 *
 * Errors thrown while building (e.g. a construct's `ValidationError`) and every synth problem
 * are reported as messages without stack traces; the output folder is left untouched on failure.
 * An output folder that is refused (see `OutputFolderError`: the working directory, a project,
 * files synth did not write) and two loaded copies of cdk8s or constructs (an installation problem)
 * are exit code 2; a file-system failure while writing is exit code 1.
 */
export function runSynth(build: () => App, options: RunSynthOptions = {}): ExitCode {
  const outdir = options.outdir ?? 'dist';
  const reporter = options.reporter ?? consoleReporter();
  try {
    const app = build();
    const result = synthesizeApp(app, { validate: options.validate });
    result.warnings.forEach((w) => reporter.warn(w));
    // Next to the manifests: what they were validated with, for `cdk8s-patterns validate <outdir>`.
    const files = [...result.files, ...validationConfigFiles(result, options.validate?.settings)];
    // What cdk8s's own App.synth() writes when `cdk8s synth` asks for it (validation plugins configured).
    // (`recordConstructMetadata` is private in cdk8s's typings: set from props or CDK8S_RECORD_CONSTRUCT_METADATA.)
    if ((app as unknown as { recordConstructMetadata?: unknown }).recordConstructMetadata === true) {
      files.push(constructMetadataFile(result));
    }
    if (options.check) {
      const report = findStaleFiles(outdir, files);
      if (isStale(report)) {
        reporter.error(formatStaleMessage(outdir, report));
        return ExitCode.PROBLEMS;
      }
      reporter.info(`${displayDir(outdir)} is up to date (${plural(files.length, 'file')}).`);
      return ExitCode.OK;
    }
    writeOutputAtomically(outdir, files, { notice: (m) => reporter.warn(m) });
    reporter.info(`Synthesized ${plural(result.charts.length, 'chart')} (${plural(result.objects.length, 'object')}) to ${displayDir(outdir)}`);
    files.forEach((f) => reporter.info(`  - ${path.join(outdir, f.name)}`));
    return ExitCode.OK;
  } catch (e) {
    reportFailure(e, reporter);
    return e instanceof OutputFolderError || isPackageCopiesError(e) ? ExitCode.USAGE : ExitCode.PROBLEMS;
  }
}

/** A reporter on standard output and error, coloured only when the stream is a terminal. */
export function consoleReporter(): Reporter {
  const err = pc.createColors(Boolean(process.stderr.isTTY) && !process.env.NO_COLOR);
  return {
    info: (message) => process.stdout.write(`${message}\n`),
    warn: (message) => process.stderr.write(`${err.yellow('warning:')} ${message}\n`),
    error: (message) => process.stderr.write(`${err.red('error:')} ${message}\n`),
  };
}

/**
 * Reports an error from building or synthesizing an app as messages, without stack traces
 * (set `CDK8S_PATTERNS_DEBUG=1` to get the stack of errors other than validation errors).
 */
export function reportFailure(e: unknown, reporter: Reporter): void {
  if (e instanceof SynthError) {
    e.warnings.forEach((w) => reporter.warn(w));
    reporter.error(e.message);
  } else if (e instanceof ValidationError || (e instanceof Error && e.name === 'ValidationError')) {
    reporter.error(e.message);
  } else if (e instanceof Error) {
    reporter.error(process.env.CDK8S_PATTERNS_DEBUG ? e.stack ?? e.message : e.message);
  } else {
    reporter.error(String(e));
  }
}

function displayDir(outdir: string): string {
  return `${outdir.replace(/[\\/]+$/, '')}/`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
