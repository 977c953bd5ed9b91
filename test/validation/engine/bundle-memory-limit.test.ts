/**
 * Bad input at cross/policy level (issue #14): the bundle (cross-object and policy) rules keep every
 * object until the end of the run, so memory grows with the number of objects. A run whose kept
 * objects fill more than half of node's heap limit stops with a message naming the limit and the
 * ways around it, and exit code 2, instead of running out of memory; a run under it finishes with
 * the same findings as a small one.
 *
 * The default run uses a small heap (`--max-old-space-size=64`) and 100,000 small objects.
 * `CDK8S_PATTERNS_BIG_INPUT_TEST=1` also runs the issue's size at policy level with node's default
 * heap: 1,000,000 objects in a ~200 MB file, which must finish with every bad object's finding at its
 * line (its peak memory is printed; no assertion is about time).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BUNDLE_HEAP_SHARE, BundleMemoryLimitError } from '../../../src/validation/engine';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(ROOT, 'src/cli/main.ts');
const BIG = process.env.CDK8S_PATTERNS_BIG_INPUT_TEST === '1';
const BAD_EVERY = 1000;
/** Lines per generated document (`---` included). */
const DOCUMENT_LINES = 9;
jest.setTimeout(BIG ? 1_800_000 : 300_000);

function isBad(i: number): boolean {
  return i % BAD_EVERY === 7;
}

function writeStream(file: string, objects: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    let buffer = '';
    for (let i = 0; i < objects; i++) {
      buffer += `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${isBad(i) ? `Bad_Name_${i}` : `cm-${i}`}
  namespace: big
data:
  index: "${i}"
  note: padding so that a million objects make a 200 MB file, as the issue asks - lorem ipsum dolor
`;
      if (buffer.length > 1 << 20) {
        fs.writeSync(fd, buffer);
        buffer = '';
      }
    }
    fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  maxRssKb?: number;
}

function validateFile(file: string, args: readonly string[], nodeOptions?: string): Run {
  const timed = fs.existsSync('/usr/bin/time');
  const command = [TSX, MAIN, 'validate', file, ...args];
  const env = { ...process.env, NO_COLOR: '1', CDK8S_PATTERNS_PARSE_WORKERS: '0', ...(nodeOptions !== undefined ? { NODE_OPTIONS: nodeOptions } : {}) };
  const result = timed
    ? spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', ...command], { encoding: 'utf-8', env, maxBuffer: 64 << 20 })
    : spawnSync(command[0], command.slice(1), { encoding: 'utf-8', env, maxBuffer: 64 << 20 });
  const rss = /maxrss=(\d+)/.exec(result.stderr);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.replace(/^maxrss=\d+\n?/m, ''), maxRssKb: rss ? Number(rss[1]) : undefined };
}

/** `line <n>  metadata.name: Invalid value: "Bad_Name_<i>"` for every bad object, in order. */
function expectedBadNames(objects: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < objects; i++) if (isBad(i)) out.push(`line ${i * DOCUMENT_LINES + 5} Bad_Name_${i}`);
  return out;
}

function badNamesOf(stdout: string): string[] {
  return [...stdout.matchAll(/line (\d+) +metadata\.name: Invalid value: "(Bad_Name_\d+)"/g)].map((m) => `line ${m[1]} ${m[2]}`);
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-memory-limit-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('objects kept for the bundle rules', () => {
  test('the limit is half of the heap and the message says which limit and how to go around it', () => {
    expect(BUNDLE_HEAP_SHARE).toBe(0.5);
    const error = new BundleMemoryLimitError(81_892, 58 * 1024 * 1024, 112 * 1024 * 1024);
    expect(error.message).toBe('input too large for the cross-object and policy rules: they keep every object until the end of the run, and with the first 81892 objects'
      + ' the heap holds 58 MiB, over half of what node may use (112 MiB heap limit); validate with --level api (no cross-object rules),'
      + ' validate the input in smaller parts, or give node more memory (NODE_OPTIONS=--max-old-space-size=<MiB>)');
  });

  test('a small heap: the policy-level run stops with exit code 2 and the message; --level api and a bigger heap finish with every finding', () => {
    const objects = 100_000;
    const file = path.join(dir, 'small-heap.yaml');
    writeStream(file, objects);
    const stopped = validateFile(file, [], '--max-old-space-size=64');
    expect(stopped.stderr).toMatch(/^error: input too large for the cross-object and policy rules: .* with the first \d+ objects the heap holds \d+ MiB, over half of what node may use \(\d+ MiB heap limit\); validate with --level api/m);
    expect(stopped.stderr).not.toMatch(/unexpected|at .*\.ts:\d+|FATAL|heap out of memory/);
    expect(stopped.stdout).toBe('');
    expect(stopped.code).toBe(2);

    const api = validateFile(file, ['--level', 'api'], '--max-old-space-size=64');
    expect(api.code).toBe(1);
    expect(badNamesOf(api.stdout)).toEqual(expectedBadNames(objects));

    const roomy = validateFile(file, [], '--max-old-space-size=512');
    expect(roomy.code).toBe(1);
    expect(badNamesOf(roomy.stdout)).toEqual(expectedBadNames(objects));
    expect(roomy.stdout).toContain(`${objects / BAD_EVERY} errors, 0 warnings (${objects} objects checked`);
  });

  (BIG ? test : test.skip)('1,000,000 objects (~200 MB) at policy level with node\'s default heap: the same findings as a small one', () => {
    const objects = 1_000_000;
    const file = path.join(dir, 'million.yaml');
    writeStream(file, objects);
    const run = validateFile(file, []);
    // eslint-disable-next-line no-console
    console.log(`1,000,000 objects at policy level: exit ${run.code}, peak RSS ${run.maxRssKb === undefined ? '?' : Math.round(run.maxRssKb / 1024)} MiB`);
    expect(run.stderr).not.toMatch(/input too large|unexpected|FATAL/);
    expect(run.code).toBe(1);
    expect(badNamesOf(run.stdout)).toEqual(expectedBadNames(objects));
    expect(run.stdout).toContain(`${objects / BAD_EVERY} errors, 0 warnings (${objects} objects checked`);
  });
});
