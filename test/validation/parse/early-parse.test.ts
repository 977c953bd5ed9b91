/**
 * The parse worker `cli/main.ts` starts before the validate command loads (issue #14): it picks the
 * first big input file, reads, cuts and parses it itself, and `parseYamlFileStream` hands over exactly
 * what it hands over without it (objects, lines, positions, problems); a file it declines, a worker
 * that cannot start and a run that cannot use it fall back to the usual path.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateValidateCliManifests } from '../../../bench/fixtures/validate-cli-manifests';
import { EARLY_MIN_BYTES, EarlyParse, startEarlyParse, takeEarlyParse } from '../../../src/validation/parse/early-parse';
import { parseYamlFileStream } from '../../../src/validation/parse/stream';
import { SourcedObject } from '../../../src/validation/types';

/** The real worker body, loaded through tsx (a worker thread cannot load TypeScript by itself). */
const TSX_WORKER = path.join(__dirname, 'fixtures', 'tsx-parse-worker.js');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'early-parse-'));
const savedWorkers = process.env.CDK8S_PATTERNS_PARSE_WORKERS;

beforeEach(() => {
  process.env.CDK8S_PATTERNS_PARSE_WORKERS = '1';
});

afterAll(() => {
  if (savedWorkers === undefined) delete process.env.CDK8S_PATTERNS_PARSE_WORKERS;
  else process.env.CDK8S_PATTERNS_PARSE_WORKERS = savedWorkers;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Generated manifests with problems mixed in (a duplicate key, a scalar document, a List), past `bytes`. */
function bigText(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = i % 7 === 3 ? 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dup\n  name: again\n'
      : i % 11 === 5 ? 'just a scalar\n'
        : i % 13 === 8 ? `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: item-${i}\n- 3\n`
          : generateValidateCliManifests(40);
    parts.push(part);
    size += part.length;
  }
  return `# a comment first\n${parts.join('---\n')}`;
}

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function describeObjects(objects: readonly SourcedObject[]): unknown[] {
  return objects.map((o) => [o.object, o.source.file, o.source.line, o.source.lineOf!('metadata.name'), o.source.lineOf!('spec.template.spec.containers[0].image')]);
}

async function read(file: string, options: Parameters<typeof parseYamlFileStream>[2] = {}): Promise<{ objects: unknown[]; problems: unknown[] } | undefined> {
  const objects: SourcedObject[] = [];
  const result = await parseYamlFileStream(file, (batch) => objects.push(...batch), options);
  return result === undefined ? undefined : { objects: describeObjects(objects), problems: result.problems };
}

const big = write('big.yaml', bigText(EARLY_MIN_BYTES + 200_000));
const bigToo = write('big-too.yaml', bigText(EARLY_MIN_BYTES + 1000));
const small = write('small.yaml', generateValidateCliManifests(10));

describe('startEarlyParse', () => {
  test.each<[string, string[], string | undefined]>([
    ['the first big file', [small, big, bigToo], big],
    ['option values are not inputs', ['--crd', bigToo, '--level', 'api', '-o', bigToo, `--config=${bigToo}`, big], big],
    ['after --, every argument is an input', ['--', '--level', bigToo], bigToo],
    ['no big file', [small, dir, path.join(dir, 'missing.yaml'), '-'], undefined],
  ])('%s', (_name, args, expected) => {
    startEarlyParse(args, TSX_WORKER);
    for (const file of [big, bigToo]) {
      const early = takeEarlyParse(file);
      expect(early !== undefined).toBe(file === expected);
      early?.stop();
    }
  });

  test.each(['0', '2'])('not with CDK8S_PATTERNS_PARSE_WORKERS=%s (no worker, or workers that also validate)', (workers) => {
    process.env.CDK8S_PATTERNS_PARSE_WORKERS = workers;
    startEarlyParse([big], TSX_WORKER);
    expect(takeEarlyParse(big)).toBeUndefined();
  });

  test('a worker nobody takes does not keep the process alive', () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, 'fixtures', 'early-parse-untaken.js'), big], {
      encoding: 'utf8', timeout: 60000, env: { ...process.env, CDK8S_PATTERNS_PARSE_WORKERS: '1' },
    });
    expect([result.status, result.signal, result.stdout]).toEqual([0, null, 'started\n']);
  }, 70000);

  test('a relative path names the same file', () => {
    startEarlyParse([path.relative(process.cwd(), big)], TSX_WORKER);
    const early = takeEarlyParse(big);
    expect(early).toBeDefined();
    early?.stop();
  });
});

describe('parseYamlFileStream with an early parse', () => {
  const inThread = read(big);

  test.each([64 * 1024, 1])('the same objects, lines and problems as in one thread (budget %d characters)', async (budget) => {
    const kinds: Record<string, number> = {};
    const attach = EarlyParse.prototype.attach;
    const spy = jest.spyOn(EarlyParse.prototype, 'attach').mockImplementation(function (this: EarlyParse, receive, onFailure) {
      attach.call(this, (message) => {
        kinds[message.type] = (kinds[message.type] ?? 0) + 1;
        receive(message);
      }, onFailure);
    });
    startEarlyParse([big], TSX_WORKER, budget);
    const got = await read(big, { workers: 1, parseHere: false });
    spy.mockRestore();
    expect(takeEarlyParse(big)).toBeUndefined(); // taken
    // every chunk came from the early worker: parsed there before this thread took them, then left
    // to this thread to parse whenever it had handed everything over
    expect(kinds.chunk).toBeGreaterThanOrEqual(1);
    expect(kinds.raw).toBeGreaterThanOrEqual(1);
    expect(kinds.chunk + kinds.raw).toBeGreaterThan(30);
    expect(kinds.end).toBe(1);
    const expected = await inThread;
    expect(got!.problems.length).toBeGreaterThan(10);
    expect(got).toEqual(expected);
  }, 60000);

  test('a file of comments only: "no objects found" as in one thread', async () => {
    const comments = write('comments.yaml', '# nothing here\n'.repeat(Math.ceil(EARLY_MIN_BYTES / 15) + 10));
    startEarlyParse([comments], TSX_WORKER);
    expect(await read(comments, { workers: 1, parseHere: false })).toEqual({ problems: [{ file: comments, line: 1, message: 'no objects found (empty file)' }], objects: [] });
  }, 60000);

  test('a file that must be read whole (a byte-order mark) is declined as without it', async () => {
    const bom = write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(big)]));
    startEarlyParse([bom], TSX_WORKER);
    expect(await read(bom, { workers: 1, parseHere: false })).toBeUndefined();
  }, 60000);

  test.each(['exiting-early-worker.js', 'missing-worker.js'])('a worker that stops before handing anything over (%s): the file is parsed here', async (script) => {
    startEarlyParse([big], path.join(__dirname, 'fixtures', script));
    expect(await read(big, { workers: 0 })).toEqual(await inThread);
  }, 60000);

  test('a run whose workers also validate does not use it (and stops it)', async () => {
    startEarlyParse([bigToo], TSX_WORKER);
    const got = await read(bigToo, { chunkChars: 1 << 20 });
    expect(got).toEqual(await read(bigToo));
    expect(takeEarlyParse(bigToo)).toBeUndefined();
  }, 60000);
});
