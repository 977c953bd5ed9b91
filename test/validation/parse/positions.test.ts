/**
 * `lineOf` from the fast parser's position table must agree with the full `yaml` parser's
 * syntax tree (the reference) for every path of a document, including paths that go into flow
 * collections, past scalars, or to keys and indexes that do not exist.
 */
import { manifestDocument } from '../../../bench/fixtures/validate-cli-manifests';
import { fastParse } from '../../../src/validation/parse/fast-yaml';
import { parseYaml } from '../../../src/validation/parse/parse-yaml';
import { DocumentPositions, firstContentLine } from '../../../src/validation/parse/positions';
import { findLine, parsePositioned, splitPath } from '../../../src/validation/parse/yaml-ast';

/** Every path of a value in API-server syntax, plus a missing key / index below each collection. */
function allPaths(value: unknown, prefix = ''): string[] {
  const paths: string[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, i) => paths.push(...allPaths(item, `${prefix}[${i}]`)));
    paths.push(`${prefix}[${value.length}]`, `${prefix}[x]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const segment = /^[A-Za-z0-9_-]+$/.test(key) ? (prefix === '' ? key : `${prefix}.${key}`) : `${prefix}[${key}]`;
      paths.push(...allPaths(item, segment));
    }
    paths.push(prefix === '' ? 'missing' : `${prefix}.missing`);
  } else {
    paths.push(prefix === '' ? 'below' : `${prefix}.below`);
  }
  return paths;
}

/** The reference: the full parser's positions (1-based file lines). */
function referenceLine(text: string, firstLine: number, path: string): number | undefined {
  const line = findLine(parsePositioned(text), splitPath(path));
  return line === undefined ? undefined : firstLine + line - 1;
}

const TRICKY: Record<string, string> = {
  'compact sequences of mappings and nested sequences': `kind: X
list:
- a: 1
  b:
  - x
  - - deep
    - deeper
-   c: 3
- plain
`,
  'sequence under a key at the same indent, comments and blank lines': `# leading comment

metadata:
  # inside
  labels:

    a: b # trailing
spec:
  items:
  - one

  - two
`,
  'flow collections, quoted keys and block scalars': `data:
  "quoted.key": |
    line 1
    line 2
  'single': >-
    folded
    text
  flow: { a: [1, 2, {b: c}], d: "e" }
  list: [x, y]
  80: numeric key
  yes: boolean key
after: 1
`,
  'items whose value starts on the next line': `items:
  -
    name: a
    value: 1
  - # comment
    name: b
  -
  - last
`,
  'indented document start': `   apiVersion: v1
   kind: ConfigMap
   data:
     k: v
`,
};

describe('lineOf from the fast parser position table', () => {
  test.each(Object.entries(TRICKY))('%s: agrees with the full parser for every path', (_name, text) => {
    const value = fastParse(text);
    const positions = new DocumentPositions(text, 7);
    for (const path of allPaths(value)) {
      expect([path, positions.lineOf(path)]).toEqual([path, referenceLine(text, 7, path)]);
    }
  });

  test('agrees with the full parser on every object kind of the benchmark manifest', () => {
    for (let i = 0; i < 60; i++) {
      const text = manifestDocument(i);
      const positions = new DocumentPositions(text, 100);
      for (const path of allPaths(fastParse(text))) {
        expect([i, path, positions.lineOf(path)]).toEqual([i, path, referenceLine(text, 100, path)]);
      }
    }
  });

  test('documents the fast parser does not handle use the full parser', () => {
    const text = 'base: &b\n  x: 1\nuse: *b\nlist:\n  - "multi\n    line"\n';
    const positions = new DocumentPositions(text, 1);
    expect(positions.lineOf('use.x')).toBe(2); // the alias resolves to the anchored mapping
    expect(positions.lineOf('list[0]')).toBe(5);
    expect(positions.lineOf('missing')).toBe(1);
  });

  test('paths resolve to file lines through parseYaml, also for List items', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Secret
    metadata:
      name: s
    stringData:
      key: v
`;
    const { objects } = parseYaml(text, 'f.yaml');
    expect(objects.map((o) => [o.source.line, o.source.lineOf!('metadata.name'), o.source.lineOf!('stringData.key')]))
      .toEqual([[1, 3, 1], [8, 11, 13]]);
  });

  test('firstContentLine skips blank and comment lines', () => {
    expect(firstContentLine('\n# c\n  \na: 1\n')).toBe(3);
    expect(firstContentLine('')).toBe(0);
  });
});
