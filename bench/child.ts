/**
 * Child-process entry: runs one case at one size and prints one `BENCH_RESULT {json}` line.
 *
 * Started by `bench/run.ts` as `node --import tsx --expose-gc bench/child.ts <case-id> <size>`,
 * so every measurement gets a fresh heap and its own maxRSS.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { CaseContext } from './lib/bench-case';
import { RESULT_PREFIX, RunSample } from './lib/results';
import { ROOT_DIR } from './lib/runtime';
import { createRegistry } from './cases';

/** Apps in the in-process warm-up run (JIT, lazily loaded modules), capped at the measured size. */
const WARMUP_SIZE = 10;

function main(argv: readonly string[]): void {
  const [caseId, rawSize] = argv;
  const size = Number(rawSize);
  if (!caseId || !Number.isInteger(size) || size < 1) {
    throw new Error(`usage: bench/child.ts <case-id> <size>, got '${argv.join(' ')}'`);
  }
  const benchCase = createRegistry().get(caseId);
  const startupSeconds = performance.now() / 1000;
  const rootDir = ROOT_DIR;
  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-bench-'));
  const contextIn = (name: string): CaseContext => {
    const workDir = path.join(workRoot, name);
    fs.mkdirSync(workDir);
    return { workDir, rootDir };
  };
  try {
    const warmup = contextIn('warmup');
    const warmupSize = benchCase.warmupSize?.(size) ?? Math.min(size, WARMUP_SIZE);
    benchCase.prepare?.(warmupSize, warmup);
    benchCase.run(warmupSize, warmup);
    const measured = contextIn('measured');
    benchCase.prepare?.(size, measured);
    collectGarbage();

    const start = process.hrtime.bigint();
    const result = benchCase.run(size, measured);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;

    const objects = result.objects ?? result.countObjects?.() ?? 0;
    const external = result.externalMaxRssKb;
    const maxRssKb = external === undefined ? process.resourceUsage().maxRSS : Number.isNaN(external) ? null : external;
    const sample: RunSample = {
      seconds, objects, maxRssKb, startupSeconds,
      ...(result.liveHeapKb === undefined ? {} : { liveHeapKb: result.liveHeapKb }),
      ...(result.bytes === undefined ? {} : { bytes: result.bytes }),
    };
    process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(sample)}\n`);
  } finally {
    fs.rmSync(workRoot, { recursive: true, force: true });
  }
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}

try {
  main(process.argv.slice(2));
} catch (error) {
  // the parent shows the end of stderr: keep the message last, after the stack
  const e = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(`${e.stack ?? ''}\n${e.message}\n`);
  process.exitCode = 1;
}
