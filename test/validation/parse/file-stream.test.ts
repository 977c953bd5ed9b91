/**
 * A big file read block by block (issue #14: memory that does not grow with the input) gives
 * exactly what parsing its whole text gives: objects, lines, positions and problems, wherever the
 * block and chunk boundaries fall (inside a multi-byte character, a document marker or a line),
 * with and without a parse worker. Files that must be read whole are declined before anything is
 * handed over.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateValidateCliManifests } from '../../../bench/fixtures/validate-cli-manifests';
import { yamlPieceChunks, yamlChunks } from '../../../src/validation/parse/chunks';
import { parseYamlFileStream, parseYamlStream } from '../../../src/validation/parse/stream';
import { SourcedObject } from '../../../src/validation/types';

function describeObjects(objects: readonly SourcedObject[]): unknown[] {
  return objects.map((o) => [
    o.object, o.source.file, o.source.line, o.source.lineOf!('metadata.name'), o.source.lineOf!('data.note'),
    o.source.lineOf!('spec.template.spec.containers[0].image'),
  ]);
}

const UNICODE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ünïcödé-🚀
data:
  note: 'größe — 日本語 🚀
    continued'
---
apiVersion: v1
kind: ConfigMap
metadata: {name: dup}
data:
  note: a
  note: b
---
--- # empty
apiVersion: v1
kind: Secret
metadata:
  name: after-empty
stringData:
  key: |
    ---
    not a marker: indented
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'file-stream-test-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function fromText(text: string, file: string): Promise<{ objects: unknown[]; problems: unknown[] }> {
  const objects: SourcedObject[] = [];
  const { problems } = await parseYamlStream(text, file, (batch) => objects.push(...batch), { chunkChars: 1 << 20 });
  return { objects: describeObjects(objects), problems };
}

async function fromFile(file: string, chunkChars: number, blockBytes: number, workers = 0): Promise<{ objects: unknown[]; problems: unknown[] } | undefined> {
  const objects: SourcedObject[] = [];
  const result = await parseYamlFileStream(file, (batch) => objects.push(...batch), { chunkChars, workers, _blockBytes: blockBytes });
  return result === undefined ? undefined : { objects: describeObjects(objects), problems: result.problems };
}

describe('yamlPieceChunks', () => {
  test('cuts a text arriving in pieces exactly where yamlChunks cuts the whole text', () => {
    const text = `${generateValidateCliManifests(40)}---\n${UNICODE}`;
    for (const chunkChars of [1, 37, 500, 4000, 1 << 20]) {
      const whole = [...yamlChunks(text, chunkChars)].map((c) => ({ ...c, text: text.slice(c.start, c.end) }));
      for (const piece of [1, 3, 64, 1000, text.length]) {
        const pieces: string[] = [];
        for (let i = 0; i < text.length; i += piece) pieces.push(text.slice(i, i + piece));
        expect([...yamlPieceChunks(pieces, chunkChars)]).toEqual(whole);
      }
    }
  });
});

describe('parseYamlFileStream', () => {
  test.each([
    [1, 1], [7, 3], [200, 64], [1 << 20, 5], [1 << 20, 1 << 20],
  ])('chunks of %d characters, blocks of %d bytes: the same as the whole text', async (chunkChars, blockBytes) => {
    const text = `${UNICODE}---\n${generateValidateCliManifests(30)}`;
    const file = write('mixed.yaml', text);
    expect(await fromFile(file, chunkChars, blockBytes)).toEqual(await fromText(text, file));
  });

  test('with a parse worker: the same as the whole text', async () => {
    const text = `${generateValidateCliManifests(60)}---\n${UNICODE}`;
    const file = write('worker.yaml', text);
    expect(await fromFile(file, 2000, 777, 1)).toEqual(await fromText(text, file));
  });

  test('an empty file is reported as in the whole-text path', async () => {
    const file = write('empty.yaml', '# nothing\n');
    expect(await fromFile(file, 100, 3)).toEqual({ objects: [], problems: [{ file, line: 1, message: 'no objects found (empty file)' }] });
  });

  test.each([
    ['invalid UTF-8', Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')])],
    ['a byte-order mark', `\ufeffapiVersion: v1\nkind: ConfigMap\n`],
    ['JSON', ' {"apiVersion": "v1", "kind": "ConfigMap"}'],
    ['a NUL', 'apiVersion: v1\nkind: ConfigMap\ndata: {a: "\u0000"}\n'],
    ['a U+FFFD', 'apiVersion: v1\nkind: ConfigMap\ndata: {a: "\ufffd"}\n'],
  ])('a file with %s is declined before any object is handed over', async (_what, content) => {
    const file = write('declined.yaml', content);
    const seen: unknown[] = [];
    expect(await parseYamlFileStream(file, (batch) => seen.push(...batch), { _blockBytes: 2 })).toBeUndefined();
    expect(seen).toEqual([]);
  });

  test('a file that cannot be read is declined (the caller reports it)', async () => {
    expect(await parseYamlFileStream(path.join(dir, 'missing.yaml'), () => undefined)).toBeUndefined();
  });
});
