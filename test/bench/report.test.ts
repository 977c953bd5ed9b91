import { formatCaseTable, formatComparisons, formatMemory, formatRate, formatSeconds, formatTable } from '../../bench/lib/report';
import { CaseResult, TargetStatus } from '../../bench/lib/results';

describe('formatting', () => {
  test('numbers', () => {
    expect(formatSeconds(1.23456)).toBe('1.235');
    expect(formatSeconds(0.00123)).toBe('0.0012');
    expect(formatRate(12345.6)).toBe('12,346');
    expect(formatMemory(2048)).toBe('2.0');
    expect(formatMemory(null)).toBe('n/a');
  });

  test('tables align numbers right and the chosen columns left', () => {
    expect(formatTable(['name', 'n', 'note'], [['a', '1', 'x'], ['long', '100', 'longer']], [0, 2])).toBe(
      'name    n  note\n' +
      '----  ---  ------\n' +
      'a       1  x\n' +
      'long  100  longer',
    );
  });

  test('case table lists measured sizes and the reason a case was skipped', () => {
    const results: CaseResult[] = [
      {
        id: 'plus-one-chart', title: 't', group: 'synth', unit: 'apps', sizes: [{
          size: 1000, objects: 5000, seconds: [2, 1.9, 2.1], medianSeconds: 2, bestSeconds: 1.9,
          objectsPerSecond: 2500, maxRssKb: 200 * 1024, startupSeconds: 0.8,
        }],
      },
      { id: 'helm-template', title: 't', group: 'synth', unit: 'apps', skipped: 'unzip not found', sizes: [] },
    ];
    expect(formatCaseTable(results)).toMatchSnapshot();
  });

  test('comparison table', () => {
    expect(formatComparisons([
      { id: 'a', title: 'WebApp / plus', value: 1.05, at: '1000', target: '<= 1.10x', status: TargetStatus.MET, note: '' },
      { id: 'b', title: 'WebApp / helm', value: null, at: '-', target: '<= 1.00x', status: TargetStatus.NOT_MEASURED, note: "'helm-template' skipped" },
      { id: 'c', title: 'growth', value: 1.3, at: '100->1000', target: '<= 1.20x linear', status: TargetStatus.MISSED, note: 'time x13.0 for size x10' },
      { id: 'd', title: 'info', value: 2, at: '1000', target: '-', status: TargetStatus.NONE, note: '' },
    ])).toMatchSnapshot();
  });
});
