import { Comparison, evaluateComparisons } from '../../bench/lib/compare';
import { CaseResult, SizeResult, TargetStatus } from '../../bench/lib/results';
import { best, median } from '../../bench/lib/stats';

function sized(size: number, medianSeconds: number): SizeResult {
  return {
    size, objects: size * 5, seconds: [medianSeconds], medianSeconds, bestSeconds: medianSeconds,
    objectsPerSecond: (size * 5) / medianSeconds, maxRssKb: 1024, startupSeconds: 0.5,
  };
}

function result(id: string, sizes: SizeResult[], skipped?: string): CaseResult {
  return { id, title: id, group: 'synth', unit: 'apps', sizes, ...(skipped ? { skipped } : {}) };
}

describe('stats', () => {
  test('median of odd and even counts, best is the minimum', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(best([3, 1, 2])).toBe(1);
    expect(() => median([])).toThrow('median of an empty list');
    expect(() => best([])).toThrow('best of an empty list');
  });
});

describe('evaluateComparisons', () => {
  const results = [
    result('fast', [sized(10, 0.1), sized(100, 1), sized(1000, 10)]),
    result('slow', [sized(10, 0.2), sized(100, 1.5), sized(1000, 150)]),
    result('small', [sized(10, 0.3), sized(100, 2)]),
    result('gone', [], 'helm not found'),
  ];

  test('a ratio uses the best runs at the largest size both cases measured and checks the target', () => {
    const comparisons: Comparison[] = [
      { kind: 'ratio', id: 'r1', title: 'slow/fast', numerator: 'slow', denominator: 'fast', max: 10 },
      { kind: 'ratio', id: 'r2', title: 'small/fast', numerator: 'small', denominator: 'fast', max: 2.5, note: 'ref' },
      { kind: 'ratio', id: 'r3', title: 'fast/slow', numerator: 'fast', denominator: 'slow' },
    ];
    const [r1, r2, r3] = evaluateComparisons(comparisons, results);
    expect(r1).toEqual({ id: 'r1', title: 'slow/fast', value: 15, at: '1000', target: '<= 10.00x', status: TargetStatus.MISSED, note: '', shortfall: '1.50x over' });
    expect(r2).toEqual({ id: 'r2', title: 'small/fast', value: 2, at: '100', target: '<= 2.50x', status: TargetStatus.MET, note: 'ref' });
    expect(r3.status).toBe(TargetStatus.NONE);
    expect(r3.value).toBeCloseTo(1 / 15);
  });

  test('growth divides the time growth by the size growth over the two largest sizes', () => {
    const [linear, quadratic] = evaluateComparisons([
      { kind: 'growth', id: 'g1', title: 'fast', caseId: 'fast', maxLinearity: 1.2 },
      { kind: 'growth', id: 'g2', title: 'slow', caseId: 'slow', maxLinearity: 1.2, note: 'quadratic' },
    ], results);
    expect(linear).toEqual({
      id: 'g1', title: 'fast', value: 1, at: '100->1000', target: '<= 1.20x linear', status: TargetStatus.MET,
      note: 'time x10.0 for size x10',
    });
    expect(quadratic.value).toBeCloseTo(10);
    expect(quadratic.status).toBe(TargetStatus.MISSED);
    expect(quadratic.note).toBe('time x100.0 for size x10; quadratic');
  });

  test('ratios and growth read the best run, not the median', () => {
    const noisy: SizeResult = { ...sized(1000, 30), seconds: [30, 12, 45], bestSeconds: 12 };
    const [ratio, growth] = evaluateComparisons([
      { kind: 'ratio', id: 'r', title: 'r', numerator: 'noisy', denominator: 'fast' },
      { kind: 'growth', id: 'g', title: 'g', caseId: 'noisy' },
    ], [...results, result('noisy', [sized(100, 1), noisy])]);
    expect(ratio.value).toBeCloseTo(1.2);
    expect(growth.value).toBeCloseTo(1.2);
  });

  test('says why a comparison was not measured', () => {
    const notes = evaluateComparisons([
      { kind: 'ratio', id: 'a', title: 'a', numerator: 'fast', denominator: 'gone', max: 1 },
      { kind: 'ratio', id: 'b', title: 'b', numerator: 'webapp', denominator: 'fast' },
      { kind: 'growth', id: 'c', title: 'c', caseId: 'only-one' },
    ], [...results, result('only-one', [sized(10, 1)])]);
    expect(notes.map((n) => [n.status, n.value, n.note])).toEqual([
      [TargetStatus.NOT_MEASURED, null, "'gone' skipped: helm not found"],
      [TargetStatus.NOT_MEASURED, null, "'webapp' was not run"],
      [TargetStatus.NOT_MEASURED, null, "'only-one' ran at fewer than two sizes"],
    ]);
  });

  test('throughput reads the median run at the largest size and checks a floor', () => {
    const stream: SizeResult = {
      ...sized(100_000, 2), objects: 100_000, seconds: [2.5, 2, 1.6], medianSeconds: 2, bestSeconds: 1.6, objectsPerSecond: 50_000,
    };
    const slow: SizeResult = { ...stream, seconds: [2.2, 2.1, 1.9], medianSeconds: 2.1, bestSeconds: 1.9, objectsPerSecond: 100_000 / 2.1 };
    const [met, missed, info] = evaluateComparisons([
      { kind: 'throughput', id: 't1', title: 't1', caseId: 'stream', min: 50_000, note: 'target' },
      { kind: 'throughput', id: 't2', title: 't2', caseId: 'slow', min: 50_000 },
      { kind: 'throughput', id: 't3', title: 't3', caseId: 'stream' },
    ], [...results, result('stream', [sized(10, 1), stream]), result('slow', [slow])]);
    expect(met).toEqual({
      id: 't1', title: 't1', value: 50_000, display: '50,000/s', at: '100000', target: '>= 50,000/s', status: TargetStatus.MET,
      note: 'median of 3 run(s), best 62,500/s; target',
    });
    expect([missed.status, missed.display, missed.note]).toEqual([TargetStatus.MISSED, '47,619/s', 'median of 3 run(s), best 52,632/s']);
    expect([info.status, info.target]).toEqual([TargetStatus.NONE, '-']);
  });

  test('memory growth divides the live heap of the two largest sizes', () => {
    const small: SizeResult = { ...sized(20_000, 1), liveHeapKb: 20 * 1024 };
    const flat: SizeResult = { ...sized(100_000, 5), liveHeapKb: 22 * 1024 };
    const growing: SizeResult = { ...sized(100_000, 5), liveHeapKb: 60 * 1024 };
    const [ok, grows, notKnown] = evaluateComparisons([
      { kind: 'memory-growth', id: 'm1', title: 'm1', caseId: 'flat', max: 1.25 },
      { kind: 'memory-growth', id: 'm2', title: 'm2', caseId: 'growing', max: 1.25, note: 'flat' },
      { kind: 'memory-growth', id: 'm3', title: 'm3', caseId: 'fast', max: 1.25 },
    ], [...results, result('flat', [small, flat]), result('growing', [small, growing])]);
    expect(ok).toEqual({
      id: 'm1', title: 'm1', value: 1.1, at: '20000->100000', target: '<= 1.25x', status: TargetStatus.MET,
      note: 'live heap 20.0 MiB -> 22.0 MiB for stream x5',
    });
    expect([grows.status, grows.value, grows.note]).toEqual([TargetStatus.MISSED, 3, 'live heap 20.0 MiB -> 60.0 MiB for stream x5; flat']);
    expect([notKnown.status, notKnown.note]).toEqual([TargetStatus.NOT_MEASURED, "'fast' reported no live heap"]);
  });

  test('a ratio on medians says so and gives the shortfall of a missed maximum', () => {
    const withMedian = (id: string, med: number, bestRun: number): CaseResult =>
      result(id, [{ ...sized(100, med), seconds: [bestRun, med, med], bestSeconds: bestRun }]);
    const [ratio] = evaluateComparisons([
      { kind: 'ratio', id: 'm', title: 'ours/theirs', numerator: 'ours', denominator: 'theirs', max: 0.2, median: true, note: 'target: 5x faster' },
    ], [withMedian('ours', 2, 1), withMedian('theirs', 4, 4)]);
    expect(ratio).toEqual({
      id: 'm', title: 'ours/theirs', value: 0.5, at: '100', target: '<= 0.20x', status: TargetStatus.MISSED,
      note: 'medians; target: 5x faster', shortfall: '2.50x over',
    });
  });

  test('limits on seconds, peak memory and MB/s read the median run of the largest size', () => {
    const measured: CaseResult = result('cli', [
      sized(1, 0.05),
      { ...sized(300, 2), maxRssKb: 200 * 1024, bytes: 20e6, bytesPerSecond: 10e6 },
    ]);
    const [seconds, memory, mbps, unknown] = evaluateComparisons([
      { kind: 'limit', id: 's', title: 's', caseId: 'cli', measure: 'seconds', limit: 2.5 },
      { kind: 'limit', id: 'm', title: 'm', caseId: 'cli', measure: 'memory', limit: 150, note: 'flat' },
      { kind: 'limit', id: 'b', title: 'b', caseId: 'cli', measure: 'megabytes-per-second', limit: 45 },
      { kind: 'limit', id: 'u', title: 'u', caseId: 'absent', measure: 'seconds', limit: 1 },
    ], [measured]);
    expect(seconds).toMatchObject({ value: 2, display: '2.000 s', at: '300', target: '<= 2.5 s', status: TargetStatus.MET, note: 'median of 1 run(s)' });
    expect(seconds.shortfall).toBeUndefined();
    expect(memory).toMatchObject({ value: 200, display: '200.0 MiB', target: '<= 150 MiB', status: TargetStatus.MISSED, shortfall: '1.33x over', note: 'median of 1 run(s); flat' });
    expect(mbps).toMatchObject({ value: 10, display: '10.0 MB/s', target: '>= 45 MB/s', status: TargetStatus.MISSED, shortfall: '4.50x short' });
    expect(unknown).toMatchObject({ status: TargetStatus.NOT_MEASURED, note: "'absent' was not run" });
  });

  test('a limit on MB/s of a case that reports no bytes is not measured', () => {
    const [r] = evaluateComparisons([
      { kind: 'limit', id: 'b', title: 'b', caseId: 'fast', measure: 'megabytes-per-second', limit: 45 },
    ], results);
    expect(r).toMatchObject({ status: TargetStatus.NOT_MEASURED, note: "'fast' reported no bytes" });
  });
});
