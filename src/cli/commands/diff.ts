/**
 * `cdk8s-patterns diff [BEFORE AFTER] [--app <module>] [--against <dir>] [--envs <a,b>]
 * [--format text|json|markdown] [--fail-on-risk] [--fail-on-change]`.
 *
 * Three ways to pick the two sides:
 * - no arguments: the committed output folder (`--against`, default `$CDK8S_OUTDIR` or `dist`)
 *   versus a fresh in-memory synth of the app (`--app`, like `synth`; not written anywhere);
 * - `--envs dev,prod`: `<against>/dev` versus `<against>/prod`, objects matched with the
 *   namespace ignored;
 * - two folders: `diff dist-old dist`.
 *
 * Exit codes: 0 no differences, or differences without a `--fail-on-*` flag that applies;
 * 1 risky changes with `--fail-on-risk`, any change with `--fail-on-change`;
 * 2 usage or input errors (a folder that is missing or does not parse, an app that fails to synthesize).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, Option } from 'commander';
import pc from 'picocolors';
import {
  DiffFormat, DiffInputError, diffEnvironments, diffManifests, DiffReport, formatDiff, hasChanges, hasRisk, ManifestFile,
  readManifestFolder,
} from '../../delivery/diff';
import { listEnvironments } from '../../delivery/graph/environments';

/** Exit codes of `cdk8s-patterns diff`. */
export enum DiffExitCode {
  /** No differences, or differences that no `--fail-on-*` flag asked to fail on. */
  OK = 0,
  /** `--fail-on-risk` and a risky change, or `--fail-on-change` and any change. */
  FAILED = 1,
  /** Bad usage or input that could not be read, parsed or synthesized. */
  USAGE = 2,
}

/** The options of the diff command as commander parses them. */
export interface DiffFlags {
  readonly app?: string;
  readonly against?: string;
  readonly envs?: string;
  readonly format?: string;
  readonly failOnRisk?: boolean;
  readonly failOnChange?: boolean;
}

/** Where the command writes; injectable for tests. */
export interface DiffIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout is a colour-capable terminal. */
  readonly color: boolean;
}

/** Registers `diff` on the program. */
export function register(program: Command): void {
  program
    .command('diff')
    .description('compare a fresh synth with the committed output, two environments, or two folders, object by object')
    .argument('[folders...]', 'two folders to compare (BEFORE AFTER) instead of a synth')
    .option('--app <module>', 'the app module, as for synth (default: the file the app: command of cdk8s.yaml runs, else main.ts, else main.js)')
    .option('--against <dir>', 'the committed output folder (default: $CDK8S_OUTDIR, else dist)')
    .option('--envs <a,b>', 'compare two environment folders of the output folder, e.g. dev,prod')
    .addOption(new Option('--format <format>', 'output format').choices(Object.values(DiffFormat)).default(DiffFormat.TEXT))
    .option('--fail-on-risk', 'exit 1 when a change is risky')
    .option('--fail-on-change', 'exit 1 when anything changed')
    .action(async (folders: string[], flags: DiffFlags) => {
      process.exitCode = await runDiff(folders, flags, processIo());
    });
}

/** Runs the diff command; returns the exit code. */
export async function runDiff(folders: readonly string[], flags: DiffFlags, io: DiffIo): Promise<DiffExitCode> {
  const usage = usageProblem(folders, flags);
  if (usage !== undefined) {
    io.stderr(`error: ${usage} (see diff --help)\n`);
    return DiffExitCode.USAGE;
  }
  const format = (flags.format ?? DiffFormat.TEXT) as DiffFormat;
  const against = flags.against || process.env.CDK8S_OUTDIR || 'dist';
  let report: DiffReport;
  try {
    if (folders.length === 2) {
      report = diffManifests(readManifestFolder(folders[0]), readManifestFolder(folders[1]));
    } else if (flags.envs !== undefined) {
      const [a, b] = flags.envs.split(',').map((e) => e.trim());
      report = diffEnvironments(
        { name: a, files: readManifestFolder(environmentFolder(against, a)) },
        { name: b, files: readManifestFolder(environmentFolder(against, b)) },
      );
    } else {
      const committed = readManifestFolder(against);
      const fresh = await synthesizeFresh(flags.app, io);
      if (fresh === undefined) return DiffExitCode.USAGE;
      report = diffManifests(committed, fresh);
    }
  } catch (e) {
    if (e instanceof DiffInputError) {
      io.stderr(`error: cannot diff: ${e.message}\n`);
      return DiffExitCode.USAGE;
    }
    throw e;
  }
  io.stdout(formatDiff(report, format, { color: io.color && format === DiffFormat.TEXT }));
  if (flags.failOnChange && hasChanges(report)) return DiffExitCode.FAILED;
  if (flags.failOnRisk && hasRisk(report)) return DiffExitCode.FAILED;
  return DiffExitCode.OK;
}

/**
 * The folder of environment `name` in the output folder `against`.
 *
 * @throws DiffInputError naming the environments there are (or saying the output is flat) when it is missing
 */
function environmentFolder(against: string, name: string): string {
  const folder = path.join(against, name);
  if (fs.existsSync(folder) && fs.statSync(folder).isDirectory()) return folder;
  let envs: string[];
  try {
    envs = listEnvironments(against).filter((e) => e.dir !== against).map((e) => e.name);
  } catch {
    return folder; // the output folder itself is missing: readManifestFolder says so
  }
  throw new DiffInputError([envs.length === 0
    ? `${folder}: folder not found; ${against} has no environment folders (its charts are written to its root)`
    : `${folder}: folder not found; the environments in ${against} are ${envs.join(', ')}`]);
}

function usageProblem(folders: readonly string[], flags: DiffFlags): string | undefined {
  if (folders.length === 1 || folders.length > 2) {
    return `give two folders to compare (BEFORE AFTER), or none to compare a synth with --against; got ${folders.length}`;
  }
  if (folders.length === 2 && (flags.envs !== undefined || flags.app !== undefined || flags.against !== undefined)) {
    return 'two folders cannot be combined with --envs, --app or --against';
  }
  if (flags.envs !== undefined) {
    if (flags.app !== undefined) return '--envs compares two folders of the output and cannot be combined with --app';
    const envs = flags.envs.split(',').map((e) => e.trim());
    if (envs.length !== 2 || envs.some((e) => e === '' || e.includes('/') || e === '..' || e === '.')) {
      return `--envs needs two environment names separated by a comma, e.g. dev,prod; got '${flags.envs}'`;
    }
    if (envs[0] === envs[1]) return `--envs needs two different environments; got '${flags.envs}'`;
  }
  return undefined;
}

/**
 * Synthesizes the app module in memory (construct validations only; `synth` runs the validation
 * engine) and returns its files, or undefined after reporting why it failed.
 */
async function synthesizeFresh(appModule: string | undefined, io: DiffIo): Promise<ManifestFile[] | undefined> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { AppModuleError, loadApp } = require('../app-module') as typeof import('../app-module');
  const { synthesizeApp, reportFailure } = require('../../synth') as typeof import('../../synth');
  /* eslint-enable @typescript-eslint/no-require-imports */
  try {
    const loaded = await loadApp(appModule);
    const result = synthesizeApp(loaded.app);
    return result.files.map((f) => ({ name: f.name, content: f.content, path: `${loaded.module} (synth) ${f.name}` }));
  } catch (e) {
    if (e instanceof AppModuleError) {
      io.stderr(`${e.details}error: ${e.message}\n`);
    } else {
      reportFailure(e, {
        info: (m) => io.stderr(`${m}\n`),
        warn: (m) => io.stderr(`warning: ${m}\n`),
        error: (m) => io.stderr(`error: ${m}\n`),
      });
    }
    return undefined;
  }
}

function processIo(): DiffIo {
  return {
    stdout: (text) => { process.stdout.write(text); },
    stderr: (text) => { process.stderr.write(text); },
    color: pc.isColorSupported && process.stdout.isTTY === true,
  };
}
