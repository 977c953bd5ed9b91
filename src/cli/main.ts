#!/usr/bin/env node
/**
 * The `cdk8s-patterns` command line.
 *
 * Each command lives in `commands/<name>.ts` and exports `register(program)`; they are
 * registered explicitly below. Exit codes: 0 ok, 1 problems found, 2 usage errors.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import { ExitCode } from '../validation/report/format';

/**
 * Creates the program with every command registered; with `only`, just that command (so
 * `validate` starts without loading cdk8s and the constructs).
 */
export function createProgram(only?: string): Command {
  const program = new Command('cdk8s-patterns')
    .description('Typed, validated Kubernetes application patterns built on cdk8s')
    .version(packageVersion(), '-V, --version', 'print the version of cdk8s-patterns')
    .showHelpAfterError()
    .exitOverride((err: CommanderError) => {
      // help and version exit 0; every other commander error is a usage error
      process.exit(err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE);
    });
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (only !== 'validate') (require('./commands/synth') as typeof import('./commands/synth')).register(program);
  (require('./commands/validate') as typeof import('./commands/validate')).register(program);
  if (only !== 'validate') (require('./commands/graph') as typeof import('./commands/graph')).register(program);
  if (only !== 'validate') (require('./commands/diff') as typeof import('./commands/diff')).register(program);
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

/** Runs the command line; the exit code is left in `process.exitCode`. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // `validate` and `--version` start without loading cdk8s and the constructs.
  const program = createProgram(['validate', '--version', '-V'].includes(argv[2]) ? 'validate' : undefined);
  if (argv.length <= 2) {
    program.outputHelp();
    process.exitCode = ExitCode.USAGE;
    return;
  }
  await program.parseAsync([...argv]);
}

if (require.main === module) {
  void main();
}
