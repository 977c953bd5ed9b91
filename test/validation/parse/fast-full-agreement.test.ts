/**
 * The fast parser and the full parser agree on every document (issue 12): a property-based
 * differential test. Random manifests-like documents are written in the styles real files use
 * (block and flow collections, indentless and compact sequences, plain, quoted and multi-line
 * quoted scalars, block scalars, comments, tabs, anchors, aliases, merge keys), then mutated
 * character by character. Whenever the fast parser returns a value, the full parser returns the
 * same value without a problem, and both place every key and item (and every missing one) on the
 * same line; when the fast parser reports a duplicate key, so does the full one.
 */
import fc from 'fast-check';
import { DuplicateKey, fastParse, fastParseWithPositions, Unsupported } from '../../../src/validation/parse/fast-yaml';
import { findInTable, firstContentLine } from '../../../src/validation/parse/positions';
import { findLine, parsePositioned, slowParse } from '../../../src/validation/parse/yaml-ast';

/** A document tree to write out; leaves are scalar source texts. */
type Tree = { kind: 'map'; entries: Array<[string, Tree]> } | { kind: 'seq'; items: Tree[] } | { kind: 'scalar'; text: string };

const KEYS = ['name', 'app', 'a', 'b', 'image', 'y', 'on', '0644', '"quoted key"', "'single'", 'x.y/z', '<<', '"<<"', 'k-1', 'name\t', ']k', 'key with space'];
const SCALARS = [
  'web', 'nginx:1.25', 'yes', 'No', 'on', 'off', 'y', '~', 'null', '', '0644', '0o17', '0x1F', '-12', '+3', '1_000', '.5', '1e3', '1.2.3',
  '2024-01-01', '1:30', 'a b', 'http://x:80/p', 'a#b', 'v # comment', '"double"', "'single'", '"esc \\t \\u00e9 \\x41"', "'it''s'",
  '"multi\n  line"', '"multi\nat zero"', "'multi\n\n  blank'", '"cont \\\n  joined"', '|\n  literal\n  text\n', '>-\n  folded\n  text\n',
  '[a, "b", 1]', '{c: d, e: [f]}', '"quote \\" inside"', '"\\U0001F600 \\x41"', '- - x', 'x: y: z', '[a, {b: c}]', '{a: [b, c], d: e}', '[]', '{}', '&anchor v', '*anchor', ']x', '}x', ',x', '- x', '"unclosed', 'a: b', '!!str 1', '.inf',
];

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS).map((text): Tree => ({ kind: 'scalar', text })),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('tree')), { minLength: 1, maxLength: 4 }).map((entries): Tree => ({ kind: 'map', entries })),
    fc.array(tie('tree'), { minLength: 1, maxLength: 3 }).map((items): Tree => ({ kind: 'seq', items })),
  ),
})).tree;

/** How each part is written. */
interface Style {
  readonly indent: number;
  readonly indentless: boolean;
  readonly compact: boolean;
  readonly comments: boolean;
  readonly tabs: boolean;
}

const style: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom(1, 2, 4),
  indentless: fc.boolean(),
  compact: fc.boolean(),
  comments: fc.boolean(),
  tabs: fc.boolean(),
});

/** Indents every line but the first of a scalar's source by `pad`. */
function scalarText(text: string, pad: string): string {
  return text.split('\n').map((l, i) => (i === 0 || l === '' ? l : pad + l)).join('\n');
}

/** Writes `node` as the value after `key:` / `- ` at indentation `at`; returns the text from the value on. */
function write(node: Tree, at: number, s: Style, inMap: boolean): string {
  const pad = ' '.repeat(at + s.indent);
  if (node.kind === 'scalar') return ` ${scalarText(node.text, pad)}\n`;
  if (node.kind === 'seq') {
    const itemAt = inMap && s.indentless ? at : at + s.indent;
    const item = (value: Tree): string => {
      // compact: `- key: value` with the mapping's further keys under the first one
      if (s.compact && value.kind === 'map') return `${' '.repeat(itemAt)}- ${writeMap(value, itemAt + 2, s).slice(itemAt + 2)}`;
      return `${' '.repeat(itemAt)}-${write(value, itemAt, s, false)}`;
    };
    return `${s.comments ? ' # list' : ''}\n${node.items.map(item).join('')}`;
  }
  const keyAt = at + s.indent;
  return `\n${writeMap(node, keyAt, s)}`;
}

function writeMap(node: Extract<Tree, { kind: 'map' }>, keyAt: number, s: Style): string {
  return node.entries
    .map(([key, value], i) => `${i > 0 && s.comments ? `${' '.repeat(keyAt)}# note\n` : ''}${' '.repeat(keyAt)}${key}${s.tabs ? '\t' : ''}:${write(value, keyAt, s, true)}`)
    .join('');
}

/** A whole document: a mapping at the root (as manifests are), or any tree. */
function document(root: Tree, s: Style): string {
  if (root.kind === 'map') return writeMap(root, 0, s);
  return `root:${write(root, 0, s, true)}`;
}

const MUTATIONS = [' ', '\t', ':', '-', '#', "'", '"', '[', ']', '{', '}', ',', '&', '*', '\n', '\n  ', '<<: ', '\\', '?', '!', '|', '>', '%', '~', '0', '.', '- ', ': '];

/** Applies character edits: insert, delete or replace at positions given as fractions of the length. */
function mutate(text: string, edits: ReadonlyArray<[number, number, string]>): string {
  let out = text;
  for (const [where, op, piece] of edits) {
    const at = Math.floor(where * out.length);
    if (op === 0) out = out.slice(0, at) + piece + out.slice(at);
    else if (op === 1) out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + piece + out.slice(at + 1);
  }
  return out;
}

/** Every path of a value (keys and indices), plus a missing key or index below each collection. */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((item, i) => pathsOf(item, [...prefix, String(i)], out));
    out.push([...prefix, String(value.length)]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) pathsOf(item, [...prefix, key], out);
    out.push([...prefix, 'missing-key']);
  }
  return out;
}

/** The property: the fast parser's answer, when it gives one, is the full parser's, lines included. */
function agree(text: string): void {
  let fast: unknown;
  try {
    fast = fastParse(text);
  } catch (e) {
    if (e instanceof Unsupported) return; // the full parser decides alone
    if (e instanceof DuplicateKey) {
      expect(slowParse(text).errors.length).toBeGreaterThan(0);
      return;
    }
    throw e;
  }
  const slow = slowParse(text);
  expect(slow.errors).toEqual([]);
  expect(fast).toEqual(slow.value);
  if (fast === null || typeof fast !== 'object') return;
  const { value, positions } = fastParseWithPositions(text);
  const positioned = parsePositioned(text);
  const rootLine = firstContentLine(text);
  for (const path of pathsOf(value)) {
    expect([path, findInTable(value, positions, path, rootLine)]).toEqual([path, findLine(positioned, path)]);
  }
}

const edits = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...MUTATIONS)), {
  maxLength: 3,
});

describe('the fast parser agrees with the full parser on every document', () => {
  test('generated documents in the styles of real manifests', () => {
    fc.assert(fc.property(tree, style, (root, s) => agree(document(root, s))), { numRuns: 1000, seed: 12 });
  });

  test('generated documents with a few characters inserted, deleted or replaced', () => {
    fc.assert(fc.property(tree, style, edits, (root, s, e) => agree(mutate(document(root, s), e))), { numRuns: 1000, seed: 13 });
  });

  test('fresh random runs (a new seed each time)', () => {
    fc.assert(fc.property(tree, style, edits, (root, s, e) => agree(mutate(document(root, s), e))), { numRuns: 300 });
  });

  test.each([
    ['a dash and a tab before a key', '-\troot: web\n'],
    ['a dash and a tab before a flow sequence', 'root:\n - \t[\n'],
    ['a tab before a comment', '~\t#root: web\n'],
    ['a key starting with |', '|root: web\n'],
    ['a flow item that is a dash', 'root: [-, "b", 1]\n'],
    ['a tab line ending a block scalar', 'root: |\n  literal\n\t\n'],
    ['more-indented leading empty lines of a block scalar', '>\n  \n - web\n'],
    ['a merge key in a flow mapping', 'a: {<<: {b: 1}, c: 2}\n'],
  ])('cases random runs found: %s', (_name, text) => agree(text));

  test('the generator reaches the fast path often (the property is not vacuous)', () => {
    let fast = 0;
    fc.assert(
      fc.property(tree, style, (root, s) => {
        try {
          fastParse(document(root, s));
          fast++;
        } catch {
          // the full parser's case
        }
      }),
      { numRuns: 300, seed: 14 },
    );
    expect(fast).toBeGreaterThan(60);
  });
});
