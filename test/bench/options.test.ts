import { DEFAULT_OUT, DEFAULT_RUNS, DEFAULT_SIZES, parseOptions, QUICK_OUT, QUICK_SIZES } from '../../bench/lib/options';

describe('parseOptions', () => {
  test('no arguments run every case at 10, 100 and 1000 apps, three runs each', () => {
    expect(parseOptions([])).toEqual({
      sizes: [10, 100, 1000], runs: 3, cases: [], out: 'bench/results/latest.json', quick: false, list: false, help: false,
    });
    expect(DEFAULT_SIZES).toEqual([10, 100, 1000]);
    expect(DEFAULT_RUNS).toBe(3);
    expect(DEFAULT_OUT).toBe('bench/results/latest.json');
  });

  test('--quick runs small sizes once and keeps the reference results file untouched', () => {
    const options = parseOptions(['--quick']);
    expect(options.sizes).toEqual(QUICK_SIZES);
    expect(options.sizes).toEqual([10, 100]);
    expect(options.runs).toBe(1);
    expect(options.out).toBe(QUICK_OUT);
    expect(options.out).toBe('bench/results/quick.json');
  });

  test('explicit options win over --quick, in both "--flag value" and "--flag=value" form', () => {
    const options = parseOptions(['--quick', '--sizes', '5, 50', '--runs=2', '--cases', 'plus-*,helm-template', '--out=x.json']);
    expect(options).toMatchObject({ sizes: [5, 50], runs: 2, cases: ['plus-*', 'helm-template'], out: 'x.json', quick: true });
  });

  test('--kubeconform names the binary to run next to validate', () => {
    expect(parseOptions(['--kubeconform', '/tmp/kubeconform']).kubeconform).toBe('/tmp/kubeconform');
    expect(parseOptions([]).kubeconform).toBeUndefined();
    expect(() => parseOptions(['--kubeconform'])).toThrow("option '--kubeconform' needs a value; see --help");
  });

  test('--list and --help are flags', () => {
    expect(parseOptions(['--list']).list).toBe(true);
    expect(parseOptions(['-h']).help).toBe(true);
  });

  test('rejects bad input with the option, the value and the fix', () => {
    expect(() => parseOptions(['--sizes', '10,ten'])).toThrow("option '--sizes' takes positive integers, got 'ten'");
    expect(() => parseOptions(['--runs', '0'])).toThrow("option '--runs' takes positive integers, got '0'");
    expect(() => parseOptions(['--runs'])).toThrow("option '--runs' needs a value; see --help");
    expect(() => parseOptions(['--runs', '--quick'])).toThrow("option '--runs' needs a value; see --help");
    expect(() => parseOptions(['--cases', ','])).toThrow("option '--cases' needs a comma-separated list, got ','");
    expect(() => parseOptions(['--fast'])).toThrow("unknown option '--fast'; see --help");
  });
});
