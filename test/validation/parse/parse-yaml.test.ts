import { parseYaml } from '../../../src/validation/parse';
import { fastParse, DuplicateKey, Unsupported } from '../../../src/validation/parse/fast-yaml';
import { slowParse } from '../../../src/validation/parse/yaml-ast';

const objectsOf = (text: string) => parseYaml(text, 'in.yaml').objects.map((o) => o.object);

describe('parseYaml: YAML 1.1 scalars as kubectl (go-yaml v2) reads them', () => {
  test.each([
    ['0644', 420],
    ['0o644', 420],
    ['0x1F', 31],
    ['-0644', -420],
    ['08', 8],
    ['1_000', 1000],
    ['0b101', 5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['+12', 12],
    ['yes', true],
    ['Yes', true],
    ['on', true],
    ['ON', true],
    ['y', true],
    ['no', false],
    ['off', false],
    ['n', false],
    ['True', true],
    ['~', null],
    ['null', null],
    ['', null],
    ['2001-12-14', '2001-12-14'],
    ['1:30', '1:30'],
    ['"0644"', '0644'],
    ["'yes'", 'yes'],
    ['"a\\tb\\u00e9"', 'a\tbé'],
    ["'it''s'", "it's"],
    ['500m', '500m'],
    ['1.2.3', '1.2.3'],
    ['http://x:80/a', 'http://x:80/a'],
    ['value # comment', 'value'],
  ])('%s', (yaml, expected) => {
    // GIVEN a ConfigMap-like document holding the scalar
    const text = `apiVersion: v1\nkind: X\nv: ${yaml}\n`;
    // THEN the fast parser and the full parser agree with go-yaml v2
    expect(objectsOf(text)[0].v).toEqual(expected);
    expect((slowParse(text).value as { v: unknown }).v).toEqual(expected);
  });

  test('non-string keys become strings, as sigs.k8s.io/yaml writes them', () => {
    expect(objectsOf('apiVersion: v1\nkind: X\ndata:\n  yes: a\n  0644: b\n  "no": c\n')[0].data).toEqual({
      true: 'a',
      '420': 'b',
      no: 'c',
    });
  });
});

const SHAPES: Array<[string, string]> = [
  ['nested maps and lists', 'a:\n  b:\n    - x\n    - y: 1\n      z: [1, "two", three]\n  c: {d: e, f: [g]}\n'],
  ['list at the key indent', 'a:\n- 1\n- 2\nb: c\n'],
  ['nested compact lists', 'a:\n  - - 1\n    - 2\n  - - 3\n'],
  ['empty values', 'a:\nb: ~\nc: []\nd: {}\ne:\n  - \n'],
  ['literal block', 'a: |\n  line 1\n\n  line 3\n    indented\nb: x\n'],
  ['literal strip and keep', 'a: |-\n  x\n  y\n\nb: |+\n  z\n\n\nc: 1\n'],
  ['folded block', 'a: >\n  one\n  two\n\n  three\n    more\n  four\nb: >-\n  x\n  y\n'],
  ['block in a list', 'a:\n  - |\n    text\n  - >-\n    folded\n    text\n'],
  ['comments everywhere', '# top\na: 1 # one\n# middle\nb:   # nothing here\n  c: 2\n\n   # indented comment\nd: "#not"\n'],
  ['quoted keys', '"a b": 1\n\'c\': 2\n"d:e": 3\n'],
  ['CRLF line ends', 'a: 1\r\nb:\r\n  - x\r\n'],
  ['anchors and merge keys', 'base: &b\n  x: 1\n  y: 2\nderived:\n  <<: *b\n  y: 3\n'],
  ['multi-line plain scalar', 'a: one\n  two\nb: 2\n'],
  ['multi-line double quoted', 'a: "one\n  two"\n'],
  ['flow over lines', 'a: [1,\n  2]\n'],
  ['tags', 'a: !!str 0644\nb: !!int "7"\n'],
];

describe('the fast parser agrees with the full parser', () => {
  test.each(SHAPES)('%s', (_name, yaml) => {
    const slow = slowParse(yaml);
    expect(slow.errors).toEqual([]);
    let fast: unknown;
    try {
      fast = fastParse(yaml);
    } catch (e) {
      // documents outside the fast subset are handed to the full parser
      expect(e).toBeInstanceOf(Unsupported);
      fast = slow.value;
    }
    expect(fast).toEqual(slow.value);
    expect(objectsOf(`apiVersion: v1\nkind: X\n${yaml.replace(/\r/g, '')}`)[0]).toEqual({
      apiVersion: 'v1',
      kind: 'X',
      ...(slow.value as object),
    });
  });

  test('shapes snapshot', () => {
    expect(Object.fromEntries(SHAPES.map(([name, yaml]) => [name, slowParse(yaml).value]))).toMatchSnapshot();
  });

  test('the fast path gives up on anchors and multi-line scalars', () => {
    expect(() => fastParse('a: &x 1\n')).toThrow(Unsupported);
    expect(() => fastParse('a: one\n  two\n')).toThrow(Unsupported);
  });
});

describe('parseYaml: documents, problems and positions', () => {
  const MULTI = [
    '# leading comment',
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: a',
    'data:',
    '  key: value',
    '---',
    '# an empty document',
    '---',
    '',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx',
    '          ports:',
    '            - containerPort: 80',
    '            - containerPort: 81',
    '              name: metrics',
    '...',
    '',
  ].join('\n');

  test('multi-document files: empty documents skipped, document lines, lineOf', () => {
    const { objects, problems } = parseYaml(MULTI, 'app.yaml');
    expect(problems).toEqual([]);
    expect(objects.map((o) => [o.object.kind, o.source.file, o.source.line])).toEqual([
      ['ConfigMap', 'app.yaml', 3],
      ['Deployment', 'app.yaml', 13],
    ]);
    expect(objects[0].source.lineOf!('data[key]')).toBe(8);
    const dep = objects[1].source;
    expect(dep.lineOf!('spec.template.spec.containers[0].ports[1].name')).toBe(26);
    expect(dep.lineOf!('spec.template.spec.containers[0].ports[1]')).toBe(25);
    expect(dep.lineOf!('spec.template.spec.containers[0].image')).toBe(22);
    // a path that does not exist maps to its deepest existing parent
    expect(dep.lineOf!('spec.template.spec.containers[0].imagePullPolicy')).toBe(21);
    expect(dep.lineOf!('')).toBe(13);
  });

  test('lineOf finds map keys with dots and slashes', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app.kubernetes.io/name: x\ndata:\n  a.txt: "1"\n';
    const { objects } = parseYaml(text, 'cm.yaml');
    expect(objects[0].source.lineOf!('metadata.labels[app.kubernetes.io/name]')).toBe(5);
    expect(objects[0].source.lineOf!('data[a.txt]')).toBe(7);
  });

  test('kind: List and *List are expanded into items with their own lines', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Service',
      '    metadata: {name: a}',
      '  - apiVersion: v1',
      '    kind: ConfigMap',
      '    metadata:',
      '      name: b',
      '  - kind: Secret',
      '---',
      'apiVersion: apps/v1',
      'kind: DeploymentList',
      'items: []',
    ].join('\n');
    const { objects, problems } = parseYaml(text, 'list.yaml');
    expect(objects.map((o) => [o.object.kind, o.source.line])).toEqual([
      ['Service', 4],
      ['ConfigMap', 7],
    ]);
    expect(objects[1].source.lineOf!('metadata.name')).toBe(10);
    expect(problems).toEqual([{ file: 'list.yaml', line: 11, message: 'items[2]: error validating data: [apiVersion not set]' }]);
  });

  test('duplicate keys are problems with the line of the repeated key', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n---\napiVersion: v1\nkind: Secret\n';
    const { objects, problems } = parseYaml(text, 'dup.yaml');
    expect(problems).toEqual([{ file: 'dup.yaml', line: 5, message: 'yaml: line 5: key "name" already set in map' }]);
    expect(objects.map((o) => o.object.kind)).toEqual(['Secret']);
  });

  test('duplicate keys are found by the full parser too', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nx: &a 1\nmetadata:\n  name: a\n  name: b\n';
    expect(parseYaml(text, 'dup.yaml').problems).toEqual([
      { file: 'dup.yaml', line: 6, message: 'yaml: line 6: key "name" already set in map' },
    ]);
  });

  test('malformed YAML is a problem with a line; other documents are still returned', () => {
    const text = 'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\nmetadata:\n  name: [unclosed\n---\napiVersion: v1\nkind: C\n';
    const { objects, problems } = parseYaml(text, 'bad.yaml');
    expect(objects.map((o) => o.object.kind)).toEqual(['A', 'C']);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe('bad.yaml');
    expect(problems[0].line).toBeGreaterThanOrEqual(7);
    expect(problems[0].message).toMatch(/^yaml: line \d+: /);
  });

  test('documents that are not mappings, and objects without apiVersion or kind', () => {
    const text = '- a\n- b\n---\njust text\n---\nmetadata: {}\n---\napiVersion: v1\n';
    expect(parseYaml(text, 'x.yaml').problems).toEqual([
      { file: 'x.yaml', line: 1, message: 'json: cannot unmarshal array into Go value of type map[string]interface {} (a document must be a mapping)' },
      { file: 'x.yaml', line: 4, message: 'json: cannot unmarshal string into Go value of type map[string]interface {} (a document must be a mapping)' },
      { file: 'x.yaml', line: 6, message: 'error validating data: [apiVersion not set, kind not set]' },
      { file: 'x.yaml', line: 8, message: 'error validating data: [kind not set]' },
    ]);
  });

  test('binary content and empty files', () => {
    expect(parseYaml('apiVersion: v1\u0000\u0001', 'bin.yaml')).toEqual({
      objects: [],
      problems: [{ file: 'bin.yaml', line: 1, message: 'binary content (NUL byte at offset 14): not a YAML or JSON file' }],
    });
    expect(parseYaml('', 'e.yaml').problems).toEqual([{ file: 'e.yaml', line: 1, message: 'no objects found (empty file)' }]);
    expect(parseYaml('# nothing\n---\n---\n', 'e.yaml').problems).toEqual([
      { file: 'e.yaml', line: 1, message: 'no objects found (empty file)' },
    ]);
  });

  test('JSON input, including multi-line JSON', () => {
    const text = '{\n  "apiVersion": "v1",\n  "kind": "List",\n  "items": [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}]\n}\n';
    const { objects, problems } = parseYaml(text, 'in.json');
    expect(problems).toEqual([]);
    expect(objects.map((o) => [o.object.kind, o.source.line])).toEqual([['Namespace', 4]]);
  });

  test('a document marker with content on the same line', () => {
    expect(objectsOf('--- {apiVersion: v1, kind: A}\n--- \napiVersion: v1\nkind: B\n').map((o) => o.kind)).toEqual(['A', 'B']);
  });

  test('DuplicateKey carries the key and line', () => {
    try {
      fastParse('a: 1\nb: 2\na: 3\n');
      throw new Error('expected a duplicate key');
    } catch (e) {
      expect(e).toBeInstanceOf(DuplicateKey);
      expect((e as DuplicateKey).line).toBe(2);
    }
  });
});
