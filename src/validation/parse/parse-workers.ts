/**
 * How `validate` reads big files: the size from which a file is parsed in chunks, and how many parse
 * worker threads it uses. Shared by the command and the early parse (`early-parse.ts`), which runs
 * before anything else loads: this module only uses Node's own modules.
 */
import * as fs from 'fs';
import * as os from 'os';

/** Files at least this big are parsed in chunks, in a worker thread when there is a spare core. */
export const STREAM_MIN_BYTES = 4 * 1024 * 1024;

/**
 * Parse worker threads for big files: `CDK8S_PATTERNS_PARSE_WORKERS` when set (0 runs everything
 * in the main thread), else 1 when a core is idle. A worker costs extra CPU (objects are copied
 * between threads), which only pays off when the second core is really available.
 *
 * "Idle" is judged on what runs now where Linux tells it (`/proc/loadavg`: fewer runnable tasks,
 * this one included, than cores), so a parent that just finished a busy minute and now only waits
 * for this command does not count as load. Elsewhere the 1-minute load average must leave one core
 * free.
 */
export function parseWorkers(): number {
  const env = process.env.CDK8S_PATTERNS_PARSE_WORKERS;
  if (env !== undefined && /^[0-9]+$/.test(env)) return Number(env);
  const cores = os.availableParallelism();
  if (cores <= 1) return 0;
  const load = os.loadavg()[0];
  const runnable = runnableTasks();
  // Tasks runnable right now say whether a core is free now; the 1-minute load average lags behind.
  if (runnable !== undefined) return runnable < cores ? 1 : 0;
  return load <= cores - 1 ? 1 : 0;
}

/** Runnable tasks right now (this one included) from `/proc/loadavg`, or undefined where there is none. */
function runnableTasks(): number | undefined {
  try {
    const match = /^\S+ \S+ \S+ (\d+)\//.exec(fs.readFileSync('/proc/loadavg', 'utf8'));
    return match === null ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}
