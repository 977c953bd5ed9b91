#!/usr/bin/env node
/**
 * The `cdk8s-patterns` command line.
 *
 * Each command lives in `commands/<name>.ts` and exports `register(program)`; they are
 * registered explicitly below. Exit codes: 0 ok, 1 problems found, 2 usage errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command, CommanderError } from 'commander';
import { ExitCode } from '../validation/report/format';

/** The commands, in help order. */
export const COMMANDS = ['synth', 'validate', 'graph', 'diff'] as const;

/**
 * Creates the program with every command registered; with `only`, just that command (so
 * `validate` starts without loading cdk8s and the constructs, and `synth` without the graph and
 * diff code).
 */
export function createProgram(only?: string): Command {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Command } = require('commander') as typeof import('commander');
  const program = new Command('cdk8s-patterns')
    .description('Typed, validated Kubernetes application patterns built on cdk8s')
    .version(packageVersion(), '-V, --version', 'print the version of cdk8s-patterns')
    .showHelpAfterError()
    .exitOverride((err: CommanderError) => {
      // help and version exit 0; every other commander error is a usage error
      process.exit(err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE);
    });
  /* eslint-disable @typescript-eslint/no-require-imports */
  const wanted = (name: string): boolean => only === undefined || only === name;
  if (wanted('synth')) (require('./commands/synth') as typeof import('./commands/synth')).register(program);
  if (wanted('validate')) (require('./commands/validate') as typeof import('./commands/validate')).register(program);
  if (wanted('graph')) (require('./commands/graph') as typeof import('./commands/graph')).register(program);
  if (wanted('diff')) (require('./commands/diff') as typeof import('./commands/diff')).register(program);
  /* eslint-enable @typescript-eslint/no-require-imports */
  return program;
}

/** The version in this library's package.json (src/cli/ and lib/src/cli/ both find it). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cdk8s-patterns' && pkg.version !== undefined) return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/** The flag that shows the stack trace of an unexpected error (also `CDK8S_PATTERNS_DEBUG=1`). */
export const DEBUG_FLAG = '--debug';

/**
 * Runs the command line; the exit code is left in `process.exitCode`.
 *
 * Any error a command does not handle (a bug, an input nothing expected) ends as a one-line
 * message and exit code 2; `--debug` anywhere on the command line (or `CDK8S_PATTERNS_DEBUG=1`)
 * prints its stack trace too.
 */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const args = argv.filter((a, i) => i < 2 || a !== DEBUG_FLAG);
  if (args.length !== argv.length) process.env.CDK8S_PATTERNS_DEBUG = '1';
  try {
    // `validate` with paths and plain options runs without commander (start-up, issue #14)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (args[2] === 'validate' && await (require('./commands/validate') as typeof import('./commands/validate')).runValidateArgs(args.slice(3))) return;
    // A command loads only its own code (`validate` and `--version` start without cdk8s and the
    // constructs); help and unknown commands register every command.
    const command = args[2];
    const only = ['--version', '-V'].includes(command) ? 'validate'
      : (COMMANDS as readonly string[]).includes(command) ? command : undefined;
    const program = createProgram(only);
    program.option(DEBUG_FLAG, 'print the stack trace of unexpected errors (or set CDK8S_PATTERNS_DEBUG=1)');
    if (args.length <= 2) {
      program.outputHelp();
      process.exitCode = ExitCode.USAGE;
      return;
    }
    await program.parseAsync([...args]);
  } catch (e) {
    reportUnexpected(e);
  }
}

/**
 * Reports an error nothing handled: `error: unexpected RangeError: <first line of the message>`
 * with a hint to `--debug`, or the stack trace when debugging; sets exit code 2.
 */
export function reportUnexpected(e: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): void {
  const debug = isDebug();
  const name = e instanceof Error ? e.name : typeof e;
  const message = (e instanceof Error ? e.message : String(e)).split('\n').find((l) => l.trim() !== '') ?? '';
  write(`error: unexpected ${name}${message === '' ? '' : `: ${message}`}${debug ? '' : ` (run with ${DEBUG_FLAG} for the stack trace)`}\n`);
  if (debug && e instanceof Error && e.stack !== undefined) write(`${e.stack}\n`);
  process.exitCode = ExitCode.USAGE;
}

function isDebug(): boolean {
  const value = process.env.CDK8S_PATTERNS_DEBUG;
  return value !== undefined && value !== '' && value !== '0';
}

if (require.main === module) {
  // Errors outside the command's own flow (an event handler, a stream) end the same way.
  process.on('uncaughtException', (e) => {
    reportUnexpected(e);
    process.exit(ExitCode.USAGE);
  });
  process.on('unhandledRejection', (e) => {
    reportUnexpected(e);
    process.exit(ExitCode.USAGE);
  });
  // `cdk8s-patterns validate dist | head`: a closed pipe ends the output quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.OK);
    reportUnexpected(e);
    process.exit(ExitCode.USAGE);
  });
  // A big input file's parse worker starts before the validate command's modules load
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (process.argv[2] === 'validate') (require('../validation/parse/early-parse') as typeof import('../validation/parse/early-parse')).startEarlyParse(process.argv.slice(3));
  void main();
}
