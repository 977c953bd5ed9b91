/**
 * Parent side of a measurement: runs the bench child (`bench/child.ts`, or its compiled build) in a
 * fresh node process and summarizes runs.
 */
import { spawnSync } from 'child_process';
import { RESULT_PREFIX, RunSample, SizeResult } from './results';
import { childArgs } from './runtime';
import { best, median } from './stats';

/**
 * Runs one case at one size in a fresh child process and returns its sample.
 *
 * @throws with the child's stderr when it fails or prints no result
 */
export function runChild(rootDir: string, caseId: string, size: number): RunSample {
  const child = spawnSync(
    process.execPath,
    [...childArgs(), caseId, String(size)],
    { cwd: rootDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return parseChildOutput(caseId, size, child.status, child.stdout ?? '', child.stderr ?? child.error?.message ?? '');
}

/**
 * Extracts the sample from a child's output.
 *
 * @throws when the child failed or printed no `BENCH_RESULT` line; the message ends with the
 *   last lines of its stderr
 */
export function parseChildOutput(caseId: string, size: number, status: number | null, stdout: string, stderr: string): RunSample {
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (status !== 0 || !line) {
    const tail = stderr.trim().split('\n').slice(-8).join('\n');
    throw new Error(`case '${caseId}' at size ${size} failed (exit code ${status}):\n${tail}`);
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as RunSample;
}

/**
 * Summarizes the runs of one case at one size.
 *
 * @throws when the runs disagree on the number of objects (the case is not deterministic)
 */
export function summarize(size: number, samples: readonly RunSample[]): SizeResult {
  const objects = samples[0].objects;
  if (samples.some((s) => s.objects !== objects)) {
    throw new Error(`runs at size ${size} produced different object counts: ${samples.map((s) => s.objects).join(', ')}`);
  }
  const seconds = samples.map((s) => s.seconds);
  const medianSeconds = median(seconds);
  const rss = samples.map((s) => s.maxRssKb).filter((r): r is number => r !== null);
  const live = samples.map((s) => s.liveHeapKb).filter((h): h is number => h !== undefined);
  const bytes = samples[0].bytes;
  return {
    size,
    objects,
    seconds,
    medianSeconds,
    bestSeconds: best(seconds),
    objectsPerSecond: objects / medianSeconds,
    maxRssKb: rss.length > 0 ? median(rss) : null,
    startupSeconds: median(samples.map((s) => s.startupSeconds)),
    ...(live.length > 0 ? { liveHeapKb: median(live) } : {}),
    ...(bytes === undefined ? {} : { bytes, bytesPerSecond: bytes / medianSeconds }),
  };
}
