import { createRegistry } from '../../bench/cases';
import { BenchCase, CaseGroup } from '../../bench/lib/bench-case';
import { CaseRegistry } from '../../bench/lib/registry';

function fakeCase(id: string): BenchCase {
  return { id, title: id, group: CaseGroup.SYNTH, unit: 'apps', run: () => ({ objects: 1 }) };
}

describe('CaseRegistry', () => {
  const registry = new CaseRegistry().register(fakeCase('plus-a'), fakeCase('plus-b'), fakeCase('helm'));

  test('keeps registration order and finds cases by id', () => {
    expect(registry.all.map((c) => c.id)).toEqual(['plus-a', 'plus-b', 'helm']);
    expect(registry.get('helm').id).toBe('helm');
  });

  test('selects exact ids and prefixes, in registration order, without duplicates', () => {
    expect(registry.select([]).map((c) => c.id)).toEqual(['plus-a', 'plus-b', 'helm']);
    expect(registry.select(['helm', 'plus-*', 'plus-a']).map((c) => c.id)).toEqual(['plus-a', 'plus-b', 'helm']);
  });

  test('rejects unknown ids, empty prefixes, duplicates and ids that are not kebab-case', () => {
    expect(() => registry.get('nope')).toThrow("unknown case 'nope'; known cases: plus-a, plus-b, helm");
    expect(() => registry.select(['web*'])).toThrow("'--cases' entry 'web*' matches no case; known cases: plus-a, plus-b, helm");
    expect(() => new CaseRegistry().register(fakeCase('x'), fakeCase('x')))
      .toThrow("case id 'x' is registered twice; give each case module a unique id");
    expect(() => new CaseRegistry().register(fakeCase('Plus_A')))
      .toThrow("case id 'Plus_A' must be kebab-case (lower-case letters, digits and single dashes)");
  });
});

describe('createRegistry', () => {
  test('registers the synth cases before the micro cases', () => {
    const cases = createRegistry().all;
    expect(cases.map((c) => [c.id, c.group])).toMatchSnapshot();
    expect(cases.filter((c) => c.group === CaseGroup.SYNTH).every((c) => c.unit === 'apps' || c.unit === 'apps x3 envs')).toBe(true);
  });
});
