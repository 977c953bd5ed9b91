#!/usr/bin/env node
/**
 * The `cdk8s-patterns` command line.
 *
 * Each command lives in `commands/<name>.ts` and exports `register(program)`; they are
 * registered explicitly below. Exit codes: 0 ok, 1 problems found, 2 usage errors.
 */
import { Command, CommanderError } from 'commander';
import { ExitCode } from '../synth/run';
import * as synth from './commands/synth';
import * as validate from './commands/validate';

/** Creates the program with every command registered. */
export function createProgram(): Command {
  const program = new Command('cdk8s-patterns')
    .description('Typed, validated Kubernetes application patterns built on cdk8s')
    .showHelpAfterError()
    .exitOverride((err: CommanderError) => {
      // help and version exit 0; every other commander error is a usage error
      process.exit(err.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE);
    });
  synth.register(program);
  validate.register(program);
  return program;
}

/** Runs the command line; the exit code is left in `process.exitCode`. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = createProgram();
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
