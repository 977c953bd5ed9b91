/**
 * Multi-line quoted scalars without escapes are folded line by line (issue #14: CRD descriptions
 * written by older controller-gen are hundreds of such scalars per document). The line-by-line
 * fold gives the same value as the full `yaml` parser for any mix of words, blanks (spaces and
 * tabs) around the line breaks, empty lines and `''` in single quotes.
 */
import fc from 'fast-check';
import { fastParse, foldQuotedLines } from '../../../src/validation/parse/fast-yaml';
import { slowParse } from '../../../src/validation/parse/yaml-ast';

const word = fc.constantFrom('a', 'spec', 'The', "it''s", 'x:y', 'https://k8s.io/docs#x', '#', '-', '"', 'ü', '\u00a0nbsp');
const blanks = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
const line = fc.tuple(blanks, fc.array(word, { minLength: 0, maxLength: 4 }), blanks)
  .map(([lead, words, trail]) => `${lead}${words.join(' ')}${trail}`);

/** `description: '<first>\n<indent><rest>...'` with the lines given. */
function document(lines: readonly string[], quote: string): string {
  const body = lines.map((l, i) => (i === 0 ? l : `    ${l}`)).join('\n');
  return `description: ${quote}${body}${quote}\nnext: 1\n`;
}

describe('foldQuotedLines', () => {
  test.each([
    [['\'a', 'b'], false, 'a b'],
    [['\'a', '', 'b'], false, 'a\nb'],
    [['\'a', '', '', 'b'], false, 'a\n\nb'],
    [['\'a  ', '   b'], false, 'a b'],
    [['\'', 'b'], false, ' b'],
    [['\'a', '  '], false, 'a '],
    [['\'it\'\'s', 'x\'\'y'], false, "it's x'y"],
    [['" a ', ' b "'.slice(0, -1)], true, ' a b '],
  ])('%j (double: %s) folds to %j', (parts, double, expected) => {
    expect(foldQuotedLines(parts as string[], double as boolean)).toBe(expected);
  });

  test('single-quoted: same value as the full parser', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 2, maxLength: 6 }), (lines) => {
      const text = document(lines.map((l) => l.replace(/"/g, 'q')), "'");
      const full = slowParse(text);
      expect(full.errors).toEqual([]);
      expect(fastParse(text)).toEqual(full.value);
    }), { numRuns: 2000 });
  });

  test('double-quoted without escapes: same value as the full parser', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 2, maxLength: 6 }), (lines) => {
      const text = document(lines.map((l) => l.replace(/"/g, 'q').replace(/''/g, "'")), '"');
      const full = slowParse(text);
      expect(full.errors).toEqual([]);
      expect(fastParse(text)).toEqual(full.value);
    }), { numRuns: 2000 });
  });
});
