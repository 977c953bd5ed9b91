/**
 * The line scan must give the positioned parse's answer whenever it answers: table cases for the
 * YAML shapes it reads or declines, and a differential check over every path of real manifests
 * (the committed `dist/`, the CLI bench manifests) and of generated block YAML.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { generateValidateCliManifests } from '../../../bench/fixtures/validate-cli-manifests';
import { fastParseWithPositions } from '../../../src/validation/parse/fast-yaml';
import { KeyPathScanner, scanKeyPathLine } from '../../../src/validation/parse/key-scan';
import { findInTable, firstContentLine } from '../../../src/validation/parse/positions';
import { findLine, parsePositioned } from '../../../src/validation/parse/yaml-ast';
import { splitPath } from '../../../src/validation/parse/yaml-path';

const ROOT = path.resolve(__dirname, '../../..');

/** What `DocumentPositions` answers without the scan: the fast parser's table, else the full parser's tree. */
function referenceLine(text: string, segments: readonly string[]): number | undefined {
  let parsed: ReturnType<typeof fastParseWithPositions> | undefined;
  try {
    parsed = fastParseWithPositions(text);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.value === undefined) return findLine(parsePositioned(text), segments);
  return findInTable(parsed.value, parsed.positions, segments, firstContentLine(text));
}

/** Every path of a parsed value (keys and indices), plus a missing key and a missing index below each collection. */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...prefix, String(i)]);
      pathsOf(item, [...prefix, String(i)], out);
    });
    out.push([...prefix, String(value.length)], [...prefix, 'name']);
  } else {
    for (const [key, item] of Object.entries(value)) {
      out.push([...prefix, key]);
      pathsOf(item, [...prefix, key], out);
    }
    out.push([...prefix, 'missing'], [...prefix, '0']);
  }
  return out;
}

/** The documents of a multi-document YAML text. */
function documentsOf(text: string): string[] {
  return text.split(/^---[ \t]*$/m).filter((doc) => /\S/.test(doc));
}

/** Checks every path of every document; returns how many lookups the scan answered and how many there were. */
function compareAll(documents: readonly string[]): { answered: number; total: number } {
  let answered = 0;
  let total = 0;
  for (const doc of documents) {
    const scanner = KeyPathScanner.of(doc);
    const value = fastParseWithPositions(doc).value;
    for (const segments of pathsOf(value)) {
      total++;
      const scanned = scanner?.lineOf(segments);
      if (scanned === undefined) continue;
      answered++;
      if (scanned !== referenceLine(doc, segments)) {
        throw new Error(`scan says line ${scanned} for ${segments.join('.')}, the parser ${referenceLine(doc, segments)}, in:\n${doc}`);
      }
    }
  }
  return { answered, total };
}

function yamlFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(full);
    return entry.name.endsWith('.k8s.yaml') ? [full] : [];
  });
}

describe('KeyPathScanner', () => {
  const DOC = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web  # a comment',
    '  labels:',
    '    app.kubernetes.io/name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: "nginx:1.25"',
    '          ports:',
    '          - containerPort: 80',
    '            name: http',
    '          -   containerPort: 9090',
    '        - name: sidecar',
    '          args:',
    '            - --verbose',
    '      volumes: []',
  ].join('\n');

  test.each([
    ['metadata.name', 4],
    ['metadata.labels', 5],
    ['metadata.missing', 3],
    ['spec.template.spec.containers', 10],
    ['spec.template.spec.containers[0]', 11],
    ['spec.template.spec.containers[0].name', 11],
    ['spec.template.spec.containers[0].image', 12],
    ['spec.template.spec.containers[0].ports[0].name', 15],
    ['spec.template.spec.containers[0].ports[1].containerPort', 16],
    ['spec.template.spec.containers[0].ports[2]', 13],
    ['spec.template.spec.containers[1].args[0]', 19],
    ['spec.template.spec.containers[1].args[0].deeper', 19],
    ['spec.template.spec.containers[2].name', 10],
    ['spec.template.spec.containers[x]', 10],
    ['spec.template.spec.missing', 9],
  ])('%s is on line %d, as the parser says', (fieldPath, line) => {
    expect(scanKeyPathLine(DOC, splitPath(fieldPath))).toBe(line);
    expect(referenceLine(DOC, splitPath(fieldPath))).toBe(line);
  });

  test.each([
    ['a flow collection closed on its line', 'spec:\n  ports: [{port: 80}, {port: "]"}]\n  type: x\n', 'spec.ports[0].port', 2],
    ['a sibling flow collection', 'spec:\n  args: ["a", \'b\']\n  type: x\n', 'spec.type', 3],
    ['a block scalar', 'a: |\n  text\n  more: text\nb: 1\n', 'b', 4],
    ['a folded block scalar with a header', 'a: >-2\n    text\nb: 1\n', 'a.b', 1],
    ['an indentless sequence between keys', 'a:\n- x\n- y\nb: 1\n', 'a[1]', 3],
    ['a key read as a string', 'data:\n  yes_really: 1\n', 'data.yes_really', 2],
  ])('steps over %s', (_name, text, fieldPath, line) => {
    expect(scanKeyPathLine(text, splitPath(fieldPath))).toBe(line);
    expect(referenceLine(text, splitPath(fieldPath))).toBe(line);
  });

  test.each([
    ['a flow collection that goes on below', 'spec:\n  ports: [{port: 80},\n    {port: 81}]\n  type: x\n', 'spec.type'],
    ['a flow collection with an anchor', 'spec:\n  ports: [&p 80]\n  type: x\n', 'spec.type'],
    ['a key YAML 1.1 reads as a bool', 'on:\n  x: 1\n', 'true.x'],
    ['a dash alone', 'items:\n-\n  name: a\n', 'items[0].name'],
    ['a nested sequence', 'items:\n- - a\n  - b\n', 'items[0][1]'],
    ['an anchor', 'a: &x\n  b: 1\n', 'a.b'],
    ['a duplicate key', 'a: 1\na: 2\n', 'a'],
    ['a tab', 'a:\n\tb: 1\n', 'a.b'],
    ['a document marker', '---\na: 1\n', 'a'],
    ['a complex key', 'a:\n  ? b\n  : c\n', 'a.b'],
    ['an item that is a comment first', 'a:\n- # note\n  b: 1\n', 'a[0].b'],
  ])('declines %s', (_name, text, fieldPath) => {
    expect(scanKeyPathLine(text, splitPath(fieldPath))).toBeUndefined();
  });

  test('declines an empty path and a text without content', () => {
    expect(scanKeyPathLine('a: 1\n', [])).toBeUndefined();
    expect(KeyPathScanner.of('# only a comment\n\n')).toBeUndefined();
  });

  test('answers like the parser on every path of the committed dist/ and the CLI bench manifests', () => {
    const documents = [
      ...yamlFilesUnder(path.join(ROOT, 'dist')).flatMap((file) => documentsOf(fs.readFileSync(file, 'utf-8'))),
      ...documentsOf(generateValidateCliManifests(400)),
    ];
    const { answered, total } = compareAll(documents);
    expect(total).toBeGreaterThan(20_000);
    // plain block YAML: the scan answers nearly every lookup
    expect(answered / total).toBeGreaterThan(0.95);
  });

  test('answers like the parser on generated block YAML', () => {
    const scalar = fc.oneof(fc.constantFrom('x', '1', '"q: r"', "'s'", '', '# c', 'a b'), fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/));
    const key = fc.stringMatching(/^[a-z][a-z0-9.]{0,4}$/);
    const node: fc.Memo<string[]> = fc.memo((depth) => (depth <= 1
      ? scalar.map((s) => [s])
      : fc.oneof(
        scalar.map((s) => [s]),
        fc.uniqueArray(fc.tuple(key, node(depth - 1)), { minLength: 1, maxLength: 3, selector: ([k]) => k }).map((entries) => entries.flatMap(([k, v]) =>
          (v.length === 1 ? [`${k}: ${v[0]}`.trimEnd()] : [`${k}:`, ...v.map((l) => `  ${l}`)]))),
        fc.tuple(fc.array(node(depth - 1), { minLength: 1, maxLength: 3 }), fc.boolean()).map(([items, indentless]) => items.flatMap((v) =>
          (v.length === 1 ? [`- ${v[0]}`.trimEnd()] : [`- ${v[0]}`, ...v.slice(1).map((l) => `  ${l}`)]).map((l) => (indentless ? l : `  ${l}`)))),
      )));
    const document = fc.uniqueArray(fc.tuple(key, node(4)), { minLength: 1, maxLength: 4, selector: ([k]) => k })
      .map((entries) => `${entries.flatMap(([k, v]) => (v.length === 1 ? [`${k}: ${v[0]}`.trimEnd()] : [`${k}:`, ...v.map((l) => `  ${l}`)])).join('\n')}\n`);
    fc.assert(fc.property(document, (text) => {
      let value: unknown;
      try {
        value = fastParseWithPositions(text).value;
      } catch {
        return; // not YAML the fast parser reads (e.g. an indentless sequence in a sequence): nothing to compare
      }
      const scanner = KeyPathScanner.of(text);
      for (const segments of pathsOf(value)) {
        const scanned = scanner?.lineOf(segments);
        if (scanned !== undefined) expect([segments.join('.'), scanned]).toEqual([segments.join('.'), referenceLine(text, segments)]);
      }
    }), { numRuns: 400 });
  });
});

describe('KeyPathScanner and quoted scalars continued on the next lines', () => {
  test('declines: a continuation line may look like a key at any indentation', () => {
    // GIVEN a double-quoted annotation whose second line reads like a key of metadata
    const text = 'metadata:\n  annotations:\n    a: "x\n  b: y"\n  name: web\n';
    // THEN the scan does not answer and the positions say what the parser read (no metadata.b)
    expect(scanKeyPathLine(text, ['metadata', 'b'])).toBeUndefined();
    expect(scanKeyPathLine('items:\n- "x\n  y"\n', ['items', '0'])).toBeUndefined();
    expect(referenceLine(text, ['metadata', 'b'])).toBe(1);
    expect(referenceLine(text, ['metadata', 'name'])).toBe(5);
    // AND closed quotes and quotes inside plain values are still scanned
    expect(scanKeyPathLine('a: "x"\nb: it\'s\nc: 1\n', ['c'])).toBe(3);
  });
});
