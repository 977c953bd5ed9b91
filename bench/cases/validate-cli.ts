/**
 * `cdk8s-patterns validate FILE --format json --output /dev/null` on one generated multi-document
 * manifest (issue #3: >= 25,000 objects/s wall-clock including start-up for 100,000 objects).
 *
 * The CLI runs as a child process, like a user runs it (compiled; through tsx with `bench:tsx`), so the time includes
 * start-up; the peak memory is that process's (GNU time).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BenchCase, CaseGroup } from '../lib/bench-case';
import { writeValidateCliManifests } from '../fixtures/validate-cli-manifests';
import { cliCommand } from '../lib/runtime';

/** The size of the target file. */
export const VALIDATE_CLI_OBJECTS = 100_000;

const GNU_TIME = '/usr/bin/time';

function manifestFile(n: number, workDir: string): string {
  const file = path.join(workDir, `validate-cli-${n}.yaml`);
  if (!fs.existsSync(file)) writeValidateCliManifests(n, file);
  return file;
}

/** The validate CLI on a file of `n` objects (100,000 whatever `--sizes` says). */
export const validateCli: BenchCase = {
  id: 'validate-cli',
  title: 'cdk8s-patterns validate big.yaml (child process)',
  group: CaseGroup.MICRO,
  unit: 'objects',
  sizes: () => [VALIDATE_CLI_OBJECTS],
  warmupSize: () => 1000,
  prepare(n, context) {
    manifestFile(n, context.workDir);
  },
  run(n, context) {
    const file = manifestFile(n, context.workDir);
    const args = [...cliCommand(context.rootDir), 'validate', file, '--format', 'json', '--output', '/dev/null'];
    const timed = fs.existsSync(GNU_TIME);
    const result = timed
      ? spawnSync(GNU_TIME, ['-f', 'maxrss=%M', ...args], { encoding: 'utf8' })
      : spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
    // exit code 1 means findings at error level, which the generated file has on purpose
    if (result.error || (result.status !== 0 && result.status !== 1)) {
      throw new Error(`validate failed: ${result.error?.message ?? result.stderr}`);
    }
    const rss = /maxrss=(\d+)/.exec(result.stderr);
    return { objects: n, externalMaxRssKb: rss ? Number(rss[1]) : Number.NaN };
  },
};
