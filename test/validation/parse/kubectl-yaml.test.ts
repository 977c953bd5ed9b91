/**
 * YAML as kubectl reads it (issue 12): go-yaml v2.4.0 under sigs.k8s.io/yaml. Each case holds for
 * the fast parser, the full parser and the file positions alike.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readInputs } from '../../../src/validation/engine-input';
import { decodeYaml, parseYaml } from '../../../src/validation/parse';
import { fastParse, Unsupported } from '../../../src/validation/parse/fast-yaml';
import { slowParse } from '../../../src/validation/parse/yaml-ast';

const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n';

/** The document's value read by parseYaml, and by the full parser on its own. */
function read(text: string): { value: unknown; slow: unknown } {
  const result = parseYaml(text, 'in.yaml');
  expect(result.problems).toEqual([]);
  const slow = slowParse(text);
  expect(slow.errors).toEqual([]);
  return { value: result.objects[0].object, slow: slow.value };
}

describe('a quoted scalar continued on the next lines at any indentation', () => {
  test.each([
    ['double-quoted at its key indentation', '    description: "a long\n    description"\n', 'a long description'],
    ['double-quoted less indented than its key', '    description: "a long\ndescription"\n', 'a long description'],
    ['single-quoted at its key indentation', "    description: 'it''s\n    long'\n", "it's long"],
    ['blank lines are newlines', '    description: "one\n\n\n    two"\n', 'one\n\ntwo'],
    ['an escaped line break joins without a space', '    description: "con\\\n    cat \\\\\n    end"\n', 'concat \\ end'],
    ['escapes and a comment after it', '    description: "tab\\there\n    \\u00e9"  # note\n', 'tab\there é'],
  ])('%s', (_name, annotation, expected) => {
    // GIVEN an annotation written as real manifests write it, then another key
    const text = `${HEADER}  annotations:\n${annotation}    next: x\n`;
    const { value, slow } = read(text);
    // THEN both parsers read kubectl's value and the next key
    const annotations = (value as { metadata: { annotations: Record<string, unknown> } }).metadata.annotations;
    expect(annotations).toEqual({ description: expected, next: 'x' });
    expect(slow).toEqual(value);
    // AND the fast parser read it itself
    expect(fastParse(text)).toEqual(value);
  });

  test('lines of later keys are still found', () => {
    const text = `${HEADER}  annotations:\n    a: "x\n    y"\n    b: 1\ndata:\n  k: v\n`;
    const source = parseYaml(text, 'in.yaml').objects[0].source;
    expect(source.lineOf!('metadata.annotations.b')).toBe(8);
    expect(source.lineOf!('data.k')).toBe(10);
  });

  test('an unclosed quote is still a problem', () => {
    expect(parseYaml(`${HEADER}data:\n  a: "x\n  y\n`, 'in.yaml').problems).toEqual([
      { file: 'in.yaml', line: 8, message: 'yaml: line 8: Missing closing "quote' },
    ]);
  });
});

describe('aliases and merge keys', () => {
  test('an alias of no anchor is a problem, not a null', () => {
    expect(parseYaml(`${HEADER}data:\n  a: *missing\n`, 'in.yaml').problems).toEqual([
      { file: 'in.yaml', line: 6, message: "yaml: line 6: unknown anchor 'missing' referenced" },
    ]);
  });

  test.each([
    ['a block merge without any anchor', 'data:\n  <<: {a: "1", b: "2"}\n  b: "3"\n'],
    ['a flow merge without any anchor', 'data: {<<: {a: "1", b: "2"}, b: "3"}\n'],
    ['a merge of an anchored mapping', 'x: &base {a: "1", b: "2"}\ndata:\n  <<: *base\n  b: "3"\n'],
    ['a merge of a sequence (earlier mappings win)', 'data:\n  <<: [{a: "1"}, {a: "0", b: "2"}]\n  b: "3"\n'],
  ])('%s: explicit keys win over merged ones', (_name, body) => {
    const { value, slow } = read(`${HEADER}${body}`);
    expect((value as { data: unknown }).data).toEqual({ a: '1', b: '3' });
    expect(slow).toEqual(value);
  });

  test('a quoted "<<" is an ordinary key', () => {
    expect((read(`${HEADER}data:\n  "<<": x\n`).value as { data: unknown }).data).toEqual({ '<<': 'x' });
  });

  test('merging something other than mappings is a problem, as in go-yaml', () => {
    expect(parseYaml(`${HEADER}data:\n  <<: 1\n`, 'in.yaml').problems).toEqual([
      { file: 'in.yaml', line: 6, message: 'yaml: line 6: map merge requires map or sequence of maps as the value' },
    ]);
    expect(parseYaml(`${HEADER}data:\n  <<: [{a: b}, c]\n`, 'in.yaml').problems).toEqual([
      { file: 'in.yaml', line: 6, message: 'yaml: line 6: map merge requires map or sequence of maps as the value' },
    ]);
  });
});

describe('plain scalars', () => {
  test('a tab before the colon ends the key: `name\\t: web` is the key name', () => {
    const { value, slow } = read('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name\t: web\n');
    expect((value as { metadata: unknown }).metadata).toEqual({ name: 'web' });
    expect(slow).toEqual(value);
  });

  test.each([
    ['a value starting with ]', 'data:\n  a: ]x\n', 'Unexpected flow-seq-end token in YAML stream: "]"'],
    ['a value starting with }', 'data:\n  a: }x\n', 'Unexpected flow-map-end token in YAML stream: "}"'],
    ['a value starting with ,', 'data:\n  a: ,x\n', 'Plain value cannot start with flow indicator character ,'],
    ['an item starting with ]', 'data:\n  - ]x\n', 'Unexpected flow-seq-end token in YAML stream: "]"'],
    ['a key starting with ]', 'data:\n  ]a: x\n', 'Unexpected flow-seq-end token in YAML stream: "]"'],
  ])('%s is a problem (go-yaml reads a flow indicator there)', (_name, body, message) => {
    const problems = parseYaml(`${HEADER}${body}`, 'in.yaml').problems;
    expect(problems[0]).toEqual({ file: 'in.yaml', line: 6, message: `yaml: line 6: ${message}` });
    expect(() => fastParse(`${HEADER}${body}`)).toThrow(Unsupported);
  });
});

describe('decodeYaml: invalid UTF-8 is refused as go-yaml refuses it', () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  test.each([
    ['a lone continuation byte', [0x80], '"\n', 'invalid leading UTF-8 octet'],
    ['a byte that starts nothing', [0xff], '"\n', 'invalid leading UTF-8 octet'],
    ['a sequence cut by the end of the file', [0xe2, 0x82], '', 'incomplete UTF-8 octet sequence'],
    ['a sequence cut by a letter', [0xe2, 0x41, 0x41], '"\n', 'invalid trailing UTF-8 octet'],
    ['an overlong encoding', [0xc0, 0xaf], '"\n', 'invalid length of a UTF-8 sequence'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '"\n', 'invalid Unicode character'],
  ])('%s', (_name, bad, rest, message) => {
    const data = bytes('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "x', bad, rest);
    expect(decodeYaml(data, 'bad.yaml')).toEqual({ problem: { file: 'bad.yaml', line: 4, message: `yaml: ${message}` } });
  });

  test('valid UTF-8, a real U+FFFD included, is decoded', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: "é \ufffd 😀"\n';
    expect(decodeYaml(Buffer.from(text), 'ok.yaml')).toEqual({ text });
    expect(decodeYaml(new Uint8Array(Buffer.from(text)), 'ok.yaml')).toEqual({ text });
  });
});

describe('validate refuses a file with invalid UTF-8 at its line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubectl-yaml-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const configMap = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n  namespace: default\ndata:\n  a: b\n`;

  test('a small file, read by readInputs (exit 2 at CLI level: an input problem)', async () => {
    // GIVEN a file whose second document holds a Latin-1 byte (as an editor in the wrong encoding writes it)
    const file = path.join(dir, 'latin1.yaml');
    fs.writeFileSync(file, Buffer.concat([Buffer.from(`${configMap(1)}---\n${configMap(2)}  caf`), Buffer.from([0xe9]), Buffer.from(' au lait\n')]));
    // WHEN it is read
    const batches: unknown[] = [];
    const result = await readInputs([file], (objects) => batches.push(objects), () => Promise.resolve(Buffer.alloc(0)));
    // THEN go-yaml's reader problem at the line of the byte, and nothing validated from a text kubectl would not read
    expect(result.problems).toEqual([{ file, line: 16, message: 'yaml: invalid trailing UTF-8 octet' }]);
    expect(batches).toEqual([]);
  });

  test('a big file, read by the streaming path of the validate CLI', () => {
    // GIVEN more than 4 MiB of ConfigMaps with one invalid byte on line 3
    const file = path.join(dir, 'big.yaml');
    const docs: string[] = [];
    for (let i = 0, size = 0; size < 4.5 * 1024 * 1024; i++) size += docs[docs.push(configMap(i)) - 1].length + 4;
    fs.writeFileSync(file, Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x'), Buffer.from([0xff]), Buffer.from(`\n---\n${docs.join('---\n')}`)]));
    expect(fs.statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
    const root = path.resolve(__dirname, '../../..');
    const result = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(root, 'src/cli/main.ts'), 'validate', file], {
      encoding: 'utf-8',
      env: { ...process.env, NO_COLOR: '1', CDK8S_PATTERNS_PARSE_WORKERS: '0' },
      timeout: 60000,
    });
    expect(result.stdout).toContain(`${file}:4: yaml: invalid leading UTF-8 octet`);
    expect(result.status).toBe(2);
  }, 60000);
});
