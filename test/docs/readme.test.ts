import { readFileSync } from 'fs';
import { join } from 'path';
import { RULES_BEGIN, RULES_END, rulesTable, withRulesTable } from '../../scripts/rules-table';
import { builtinRules } from '../../src/validation/engine-rules';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');

describe('README', () => {
  test('lists every rule with the table generated from the rules (run `npm run docs:rules` when this fails)', () => {
    expect(withRulesTable(README)).toBe(README);
  });

  test('the rule table names every built-in rule once', () => {
    const table = rulesTable();
    for (const rule of builtinRules()) {
      expect(table.split(`| \`${rule.id}\` |`).length - 1).toBe(1);
    }
  });

  test('shows the two set-up commands', () => {
    expect(README).toContain('npm ci');
    expect(README).toContain('npm test');
  });

  test('a README without markers is refused with a clear message', () => {
    expect(() => withRulesTable('# nothing')).toThrow(`README.md has no ${RULES_BEGIN} ... ${RULES_END} section`);
  });
});
