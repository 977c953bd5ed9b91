/**
 * Bad input at scale (issue #14): a big generated stream gives the same findings, at the same
 * lines, as its objects give one by one, with memory that does not grow with the stream; a file
 * over the input limit is refused with a message naming the limit and exit code 2.
 *
 * The default run streams 25,000 objects (over the 4 MiB threshold of the block-by-block path).
 * `CDK8S_PATTERNS_BIG_INPUT_TEST=1` runs the issue's sizes: 1,000,000 objects in a ~200 MB file,
 * with the peak memory of the CLI process checked (GNU time). No assertion is about time.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { STREAM_MIN_BYTES } from '../../../src/cli/commands/validate';
import { MAX_INPUT_BYTES } from '../../../src/validation/input-file';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(ROOT, 'src/cli/main.ts');
const BIG = process.env.CDK8S_PATTERNS_BIG_INPUT_TEST === '1';
const OBJECTS = BIG ? 1_000_000 : 25_000;
/** Every this many objects, one has a name the API server refuses. */
const BAD_EVERY = 1000;
/** Lines per generated document (`---` included). */
const DOCUMENT_LINES = 9;
jest.setTimeout(BIG ? 1_800_000 : 180_000);

function isBad(i: number): boolean {
  return i % BAD_EVERY === 7;
}

function documentOf(i: number): string {
  return `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${isBad(i) ? `Bad_Name_${i}` : `cm-${i}`}
  namespace: big
data:
  index: "${i}"
  note: ${'padding so that a million objects make a 200 MB file, as the issue asks - lorem ipsum dolor'}
`;
}

function writeStream(file: string, objects: number): number {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  try {
    let buffer = '';
    for (let i = 0; i < objects; i++) {
      buffer += documentOf(i);
      if (buffer.length > 1 << 20) {
        bytes += fs.writeSync(fd, buffer);
        buffer = '';
      }
    }
    bytes += fs.writeSync(fd, buffer);
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

interface JsonReport {
  summary: { errors: number; warnings: number; objects: number; inputProblems: number };
  findings: Array<{ rule: string; severity: string; line: number; path: string; message: string; object: { name: string } }>;
  inputProblems: Array<{ file: string; message: string }>;
}

function validateFile(dir: string, file: string, measure: boolean): { code: number | null; report: JsonReport; maxRssKb?: number; stderr: string } {
  const out = path.join(dir, `${path.basename(file)}.json`);
  const args = [TSX, MAIN, 'validate', file, '--level', 'api', '--format', 'json', '--output', out];
  const timed = measure && fs.existsSync('/usr/bin/time');
  const result = timed
    ? spawnSync('/usr/bin/time', ['-f', 'maxrss=%M', ...args], { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1', CDK8S_PATTERNS_PARSE_WORKERS: '0' } })
    : spawnSync(args[0], args.slice(1), { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1', CDK8S_PATTERNS_PARSE_WORKERS: '0' } });
  const rss = /maxrss=(\d+)/.exec(result.stderr);
  return { code: result.status, report: JSON.parse(fs.readFileSync(out, 'utf8')) as JsonReport, maxRssKb: rss ? Number(rss[1]) : undefined, stderr: result.stderr };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'big-input-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test(`${OBJECTS.toLocaleString('en-US')} objects: the findings of each object, at its lines`, () => {
  const file = path.join(dir, 'stream.yaml');
  const bytes = writeStream(file, OBJECTS);
  expect(bytes).toBeGreaterThanOrEqual(STREAM_MIN_BYTES);
  const bad = Array.from({ length: OBJECTS }, (_, i) => i).filter(isBad);
  const { code, report, maxRssKb, stderr } = validateFile(dir, file, BIG);
  expect(stderr).toContain(`${bad.length} errors, 0 warnings; report written to`);
  expect(code).toBe(1);
  expect(report.summary).toMatchObject({ objects: OBJECTS, errors: bad.length, inputProblems: 0 });

  // the same finding as the object validated alone, at the object's line in the stream
  const alone = path.join(dir, 'alone.yaml');
  fs.writeFileSync(alone, documentOf(7));
  const single = validateFile(dir, alone, false).report.findings;
  expect(single).toHaveLength(1);
  expect(single[0]).toMatchObject({ rule: 'api/metadata', path: 'metadata.name', line: 5 });
  expect(report.findings).toEqual(bad.map((i) => ({
    ...single[0],
    file,
    line: i * DOCUMENT_LINES + 5,
    message: single[0].message.replace(/Bad_Name_7/g, `Bad_Name_${i}`),
    object: { ...single[0].object, name: `Bad_Name_${i}` },
  })));
  if (BIG && maxRssKb !== undefined) {
    // the file is ~200 MB: reading it whole (bytes and text) would take over 400 MiB
    expect(maxRssKb / 1024).toBeLessThan(300);
  }
});

test('a file over the input limit is refused, naming the limit, with exit code 2', () => {
  const file = path.join(dir, 'too-big.yaml');
  // sparse: no disk space or time is used for the content
  fs.writeFileSync(file, '');
  fs.truncateSync(file, MAX_INPUT_BYTES + 1);
  const result = spawnSync(TSX, [MAIN, 'validate', file, '--level', 'api'], { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
  expect(result.status).toBe(2);
  expect(result.stdout).toContain(`${path.basename(file)}: the file is 256 MiB, over the 256 MiB limit; split it into smaller files`);
});
