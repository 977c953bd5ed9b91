import fc from 'fast-check';
import * as YAML from 'yaml';
import { toYaml, toYamlDocuments } from '../../src/synth/yaml-emitter';
import { isPlainSafe } from '../../src/synth/yaml-scalar';

/** Reads YAML the way a YAML 1.1 or a YAML 1.2 reader does. */
function parseAs(version: '1.1' | '1.2', text: string): unknown {
  return YAML.parse(text, { version, uniqueKeys: true, maxAliasCount: 0 });
}

function parseAllAs(version: '1.1' | '1.2', text: string): unknown[] {
  return YAML.parseAllDocuments(text, { version, uniqueKeys: true }).map((d) => {
    if (d.errors.length > 0) {
      throw new Error(d.errors.map((e) => e.message).join('\n'));
    }
    return d.toJS();
  });
}

/** Tokens that YAML 1.1 or 1.2 readers resolve to something other than a string. */
const TRICKY_TOKENS = [
  '', ' ', 'y', 'Y', 'n', 'N', 'yes', 'No', 'ON', 'off', 'true', 'False', 'null', 'Null', '~', '<<', '=',
  '0', '-0', '+1', '0777', '0o17', '0x1F', '0b101', '1_000', '1:20', '190:20:30.15', '1.5', '.5', '1.', '.',
  '1e3', '1E-3', 'E0', '.e5', '1.2.3', '.inf', '-.Inf', '.nan', '.NaN', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '---', '...', '- a', '-', '--port=8080', '? x', ':x', 'a: b', 'a:', 'a #b', '#c', '&a', '*a', '!t', '|', '>',
  '\'q\'', '"q"', '%YAML', '@x', '`x', '[a]', '{a}', 'a,b', 'tab\there', 'trailing ', ' leading',
  'line\nbreak', 'ends\n', 'two\n\n', '\n', '\nlead', ' \nx', 'crlf\r\nx', '\u0085', '\u2028', '\u2029', '\ufeff',
  '\u0000', '\u007f', '\ud800', '\udc00', '😀', 'é', 'nginx:1.25', '*/5 * * * *', '0 * * * *', 'x'.repeat(1100),
];

const TRICKY_CHARS = [
  '0', '1', '7', '9', '-', '+', '.', '_', ':', 'e', 'E', 'x', 'o', 'b', 'y', 'n', 'O', 'N', 'T', 'r', 'u', 'l',
  '~', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ',', '[', ']', '{', '}', '?', ' ', '\n', '\t',
  '\r', '\\', '\u0085', '\u2028', '\ufeff', 'é', '😀',
];

const anyString = fc.oneof(
  fc.constantFrom(...TRICKY_TOKENS),
  fc.string({ unit: fc.constantFrom(...TRICKY_CHARS), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
  fc.string({ maxLength: 20 }),
);

// `__proto__` is left out: assigning it in the reader would set a prototype, not a key.
const key = anyString.filter((k) => k !== '__proto__');

const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 5e-7, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.MAX_VALUE),
);

const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number,
    anyString,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(key, tie('json'), { maxKeys: 4, noNullPrototype: true }),
  ),
}));

describe('toYaml', () => {
  test.each(['1.1', '1.2'] as const)('every JSON value reads back exactly with a YAML %s reader', (version) => {
    fc.assert(fc.property(json, (value) => {
      expect(parseAs(version, toYaml(value))).toStrictEqual(value);
    }), { numRuns: 3000 });
  });

  test.each(['1.1', '1.2'] as const)('every string reads back exactly as a value, a key and a document (YAML %s)', (version) => {
    fc.assert(fc.property(anyString, (s) => {
      expect(parseAs(version, toYaml({ k: s }))).toStrictEqual({ k: s });
      if (s !== '__proto__') {
        expect(parseAs(version, toYaml({ [s]: 1 }))).toStrictEqual({ [s]: 1 });
      }
      expect(parseAs(version, toYaml([s, [s], { k: [s] }]))).toStrictEqual([s, [s], { k: [s] }]);
      expect(parseAs(version, toYaml(s))).toStrictEqual(s);
    }), { numRuns: 3000 });
  });

  test.each(['1.1', '1.2'] as const)('every listed tricky token reads back exactly (YAML %s)', (version) => {
    for (const token of TRICKY_TOKENS) {
      expect(parseAs(version, toYaml({ [token]: token, list: [token] }))).toStrictEqual({ [token]: token, list: [token] });
    }
  });

  test('writes the block style of cdk8s output', () => {
    // GIVEN a manifest-like object with nested maps, sequences, empty collections and a script
    const value = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-config', labels: { 'app.kubernetes.io/name': 'app' } },
      data: { 'run.sh': '#!/bin/sh\nexec app --port=8080\n', enabled: 'true', mode: '0644', empty: '' },
      list: [{ a: 1, b: [1, [2, 3]] }, [], {}, 'x'],
      nothing: null,
      skipped: undefined,
    };
    // THEN
    expect(toYaml(value)).toMatchSnapshot();
  });

  test('writes multi-line strings as block literals with the chomping indicator of their ending', () => {
    expect(toYaml({ a: 'x\ny', b: 'x\ny\n', c: 'x\ny\n\n' })).toBe('a: |-\n  x\n  y\nb: |\n  x\n  y\nc: |+\n  x\n  y\n\n');
  });

  test('double-quotes multi-line strings a block literal cannot carry', () => {
    expect(toYaml({ a: ' indented\nx', b: 'cr\r\nlf', c: '\u2028\nx' })).toBe('a: " indented\\nx"\nb: "cr\\r\\nlf"\nc: "\\L\\nx"\n');
  });

  test('writes exponent numbers with a fraction so YAML 1.1 readers see a float', () => {
    expect(toYaml([1e21, 5e-7, 1.5, -0, 42])).toBe('- 1.0e+21\n- 5.0e-7\n- 1.5\n- -0\n- 42\n');
  });

  test('writes keys longer than 1024 characters as explicit keys', () => {
    const long = 'k'.repeat(1025);
    expect(toYaml({ [long]: { a: 1 } })).toBe(`? ${long}\n: a: 1\n`);
  });

  test('rejects values that are not JSON data, naming the path', () => {
    expect(() => toYaml({ spec: { replicas: NaN } })).toThrow("cannot write NaN as YAML: JSON numbers must be finite (at 'spec.replicas')");
    expect(() => toYaml({ spec: { when: new Date(0) } })).toThrow("cannot write an instance of Date at 'spec.when' as YAML: only JSON data is supported");
    expect(() => toYaml({ items: [() => 1] })).toThrow("cannot write a function at 'items[0]' as YAML: only JSON data is supported");
    expect(() => toYaml(10n)).toThrow("cannot write a bigint at '<root>' as YAML: only JSON data is supported");
  });

  test('follows JSON for undefined: properties are left out, array items become null', () => {
    expect(toYaml({ a: undefined, b: [undefined] })).toBe('b:\n  - null\n');
  });
});

describe('toYamlDocuments', () => {
  test.each(['1.1', '1.2'] as const)('every list of documents reads back exactly (YAML %s)', (version) => {
    fc.assert(fc.property(fc.array(json, { minLength: 1, maxLength: 4 }), (docs) => {
      expect(parseAllAs(version, toYamlDocuments(docs))).toStrictEqual(docs);
    }), { numRuns: 1000 });
  });

  test('separates documents with --- lines and writes nothing for no documents', () => {
    expect(toYamlDocuments([{ a: 1 }, 'x', [1]])).toBe('a: 1\n---\nx\n---\n- 1\n');
    expect(toYamlDocuments([])).toBe('');
  });

  test('quotes document markers when the document is a string', () => {
    expect(toYamlDocuments(['---', '...', '--x'])).toBe('"---"\n---\n"..."\n---\n--x\n');
  });
});

describe('isPlainSafe', () => {
  test.each([
    'nginx:1.25', 'app.kubernetes.io/name', '--port=8080', '500Mi', '25%', 'http://x:80/a', '0 * * * *', 'a b', 'é',
  ])('keeps %p plain', (s) => {
    expect(isPlainSafe(s)).toBe(true);
  });

  test.each([
    'yes', 'n', 'On', 'null', '~', '0777', '0o17', '1_000', '1:20', '1.2.3', '.', '1e3', '.inf', '2001-12-14',
    '<<', '=', '-', '- a', ':x', 'a: b', 'a:', 'a #b', '*/5 * * * *', ' x', 'x ', 'a\tb',
  ])('quotes %p', (s) => {
    expect(isPlainSafe(s)).toBe(false);
  });
});
