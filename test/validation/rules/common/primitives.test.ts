import fc from 'fast-check';
import {
  formatValue, goDurationError, isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarName,
  isKnownTimeZone, isQualifiedName, isStrictSubnet, isValidCidr, isValidLabelValue, isValidPercent, isValidPortName,
  isWildcardDns1123Subdomain, parseCidr, parseCronSchedule, Quantity, selectorMatches,
} from '../../../../src/validation/rules/common';

const LOWER = 'abcdefghijklmnopqrstuvwxyz'.split('');
const ALNUM = [...LOWER, ...'0123456789'.split('')];
const label = fc
  .tuple(fc.constantFrom(...ALNUM), fc.array(fc.constantFrom(...ALNUM, '-'), { maxLength: 61 }), fc.constantFrom(...ALNUM))
  .map(([a, mid, z]) => `${a}${mid.join('')}${z}`);

describe('DNS names', () => {
  test('every generated DNS-1123 label is accepted as label and subdomain', () => {
    fc.assert(fc.property(label, (l) => isDns1123Label(l).length === 0 && isDns1123Subdomain(l).length === 0));
  });
  test('labels with an upper-case letter are rejected', () => {
    fc.assert(fc.property(label, fc.nat(), fc.constantFrom(...'ABCXYZ'.split('')), (l, i, up) => {
      const pos = i % l.length;
      return isDns1123Label(l.slice(0, pos) + up + l.slice(pos + 1)).length > 0;
    }));
  });
  test('labels longer than 63 characters are rejected with the length message', () => {
    expect(isDns1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });
  test('a dotted name is a subdomain but not a label', () => {
    expect(isDns1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDns1123Subdomain('a.b')).toEqual([]);
  });
  test.each([
    ['web', 0], ['1web', 1], ['web-', 1], ['Web', 1], ['a'.repeat(64), 1],
  ])('DNS-1035 %s has %d problems', (value, count) => {
    expect(isDns1035Label(value)).toHaveLength(count);
  });
  test('wildcard subdomains', () => {
    expect(isWildcardDns1123Subdomain('*.example.com')).toEqual([]);
    expect(isWildcardDns1123Subdomain('a.*.example.com')).toHaveLength(1);
  });
});

describe('qualified names and label values', () => {
  test.each([
    ['app', []],
    ['example.com/MyName', []],
    ['/name', ['prefix part must be non-empty']],
    ['a/b/c', ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
    ['x/', ['name part must be non-empty', "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
  ])('isQualifiedName(%j)', (value, expected) => {
    expect(isQualifiedName(value)).toEqual(expected);
  });
  test('label values may be empty and must not end with a dash', () => {
    expect(isValidLabelValue('')).toEqual([]);
    expect(isValidLabelValue('v1.2_x')).toEqual([]);
    expect(isValidLabelValue('bad-')).toHaveLength(1);
  });
  test('every generated label is a valid label value and qualified name', () => {
    fc.assert(fc.property(label, (l) => isValidLabelValue(l).length === 0 && isQualifiedName(`example.com/${l}`).length === 0));
  });
});

describe('ports, env names, keys, percents', () => {
  test.each([
    ['http', []],
    ['HTTP_PORT', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'must contain at least one letter (a-z)']],
    ['8080', ['must contain at least one letter (a-z)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-http', ['must not begin or end with a hyphen']],
    ['metrics-exporter1', ['must be no more than 15 characters']],
  ])('isValidPortName(%j)', (value, expected) => {
    expect(isValidPortName(value)).toEqual(expected);
  });
  test('env var names', () => {
    expect(isEnvVarName('MY_VAR.x-1')).toEqual([]);
    expect(isEnvVarName('1VAR')).toHaveLength(1);
    expect(isEnvVarName('..x')).toEqual(["must not start with '..'"]);
  });
  test('config keys', () => {
    expect(isConfigMapKey('.env')).toEqual([]);
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
    expect(isConfigMapKey('bad key')).toHaveLength(1);
  });
  test('every digit string followed by % is a percent, digits alone are not', () => {
    fc.assert(fc.property(fc.nat(), (n) => isValidPercent(`${n}%`).length === 0 && isValidPercent(`${n}`).length === 1));
  });
});

describe('quantities', () => {
  test.each([
    ['500m', '500m'], ['0.5', '500m'], ['1Gi', '1Gi'], ['1536Mi', '1536Mi'], ['1.5Gi', '1536Mi'], ['2000', '2k'],
    ['1500', '1500'], ['100Mi', '100Mi'], ['1e3', '1e3'], ['0.1m', '100u'], [1, '1'], ['512Ki', '512Ki'],
  ])('%j prints as %s', (input, canonical) => {
    expect(Quantity.parse(input)!.toString()).toBe(canonical);
  });
  test.each(['1gi', '512MB', '100 m', '', '.', 'abc'])('%j does not parse', (input) => {
    expect(Quantity.parse(input)).toBeUndefined();
  });
  test('comparison is exact across suffixes', () => {
    expect(Quantity.parse('1Gi')!.compare(Quantity.parse('1073741824')!)).toBe(0);
    expect(Quantity.parse('1G')!.compare(Quantity.parse('1Gi')!)).toBe(-1);
    expect(Quantity.parse('1')!.compare(Quantity.parse('999m')!)).toBe(1);
  });
  test('integer milli values round-trip through the canonical form', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (m) => {
      const q = Quantity.parse(`${m}m`)!;
      return Quantity.parse(q.toString())!.compare(q) === 0;
    }));
  });
});

describe('cron schedules (robfig/cron standard)', () => {
  test.each([
    '*/5 * * * *', '0 0 1 JAN-MAR MON-FRI', '@hourly', '@every 1h30m', '0 9 * * sun', '0,30 8-18/2 * * 1-5', 'TZ=UTC 0 * * * *',
  ])('%j parses', (schedule) => {
    expect(parseCronSchedule(schedule).error).toBeUndefined();
  });
  test.each([
    ['0 0 * * * *', 'expected exactly 5 fields, found 6: [0 0 * * * *]'],
    ['0 0 * *', 'expected exactly 5 fields, found 4: [0 0 * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['@daily2', 'unrecognized descriptor: @daily2'],
    ['@every 1d', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['', 'empty spec string'],
    ['TZ=Mars/Base 0 * * * *', 'provided bad location Mars/Base: unknown time zone Mars/Base'],
  ])('%j fails with %j', (schedule, error) => {
    expect(parseCronSchedule(schedule).error).toBe(error);
  });
  test('Go durations', () => {
    expect(goDurationError('90s')).toBeUndefined();
    expect(goDurationError('1')).toBe('time: missing unit in duration "1"');
  });
});

describe('time zones, CIDRs, selectors, value formatting', () => {
  test.each([['UTC', true], ['Etc/UTC', true], ['Europe/Paris', true], ['US/Eastern', true], ['Local', false], ['europe/paris', false], ['Mars/Base', false], ['+01:00', false]])(
    'isKnownTimeZone(%j) is %s', (zone, known) => {
      expect(isKnownTimeZone(zone)).toBe(known);
    });
  test('CIDRs and strict subnets', () => {
    expect(isValidCidr('10.0.0.0/8')).toEqual([]);
    expect(isValidCidr('10.0.0.0')).toHaveLength(1);
    expect(isStrictSubnet(parseCidr('10.1.0.0/16')!, parseCidr('10.0.0.0/8')!)).toBe(true);
    expect(isStrictSubnet(parseCidr('10.0.0.0/8')!, parseCidr('10.0.0.0/8')!)).toBe(false);
    expect(isStrictSubnet(parseCidr('2001:db8:1::/48')!, parseCidr('2001:db8::/32')!)).toBe(true);
  });
  test('selector matching', () => {
    const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] };
    expect(selectorMatches(sel, { app: 'web', tier: 'a' })).toBe(true);
    expect(selectorMatches(sel, { app: 'web', tier: 'c' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, { app: 'web' })).toBe(true);
  });
  test('values print like Go field errors', () => {
    expect(formatValue('x')).toBe('"x"');
    expect(formatValue(3)).toBe('3');
    expect(formatValue({ b: 'y', a: 'x' })).toBe('map[string]string{"a":"x", "b":"y"}');
    expect(formatValue(['a'])).toBe('[]string{"a"}');
  });
});
