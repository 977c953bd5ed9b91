import * as path from 'path';
import { parseChildOutput, runChild, summarize } from '../../bench/lib/measure';
import { RunSample } from '../../bench/lib/results';
import { OBJECTS_PER_APP } from '../../bench/fixtures/app-spec';

const ROOT = path.resolve(__dirname, '..', '..');

function sample(seconds: number, objects = 50, maxRssKb: number | null = 2048): RunSample {
  return { seconds, objects, maxRssKb, startupSeconds: 0.4 };
}

describe('parseChildOutput', () => {
  test('reads the BENCH_RESULT line among other output', () => {
    const stdout = 'some log\n\nBENCH_RESULT {"seconds":1.5,"objects":10,"maxRssKb":100,"startupSeconds":0.3}\n';
    expect(parseChildOutput('x', 2, 0, stdout, '')).toEqual({ seconds: 1.5, objects: 10, maxRssKb: 100, startupSeconds: 0.3 });
  });

  test('a failed child reports the case, the size, the exit code and the end of its stderr', () => {
    const stderr = Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n');
    expect(() => parseChildOutput('plus-one-chart', 100, 1, '', stderr))
      .toThrow(`case 'plus-one-chart' at size 100 failed (exit code 1):\n${['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9', 'line 10', 'line 11'].join('\n')}`);
    expect(() => parseChildOutput('x', 1, 0, 'no result\n', '')).toThrow("case 'x' at size 1 failed (exit code 0):\n");
  });
});

describe('summarize', () => {
  test('reports the median and best time, the rate at the median and the median peak memory', () => {
    expect(summarize(10, [sample(3, 50, 3000), sample(1, 50, 1000), sample(2, 50, null)])).toEqual({
      size: 10, objects: 50, seconds: [3, 1, 2], medianSeconds: 2, bestSeconds: 1, objectsPerSecond: 25,
      maxRssKb: 2000, startupSeconds: 0.4,
    });
    expect(summarize(10, [sample(1, 50, null)]).maxRssKb).toBeNull();
  });

  test('reports the median live heap only when the runs measured it', () => {
    const live = (seconds: number, liveHeapKb: number) => ({ ...sample(seconds, 50, 1000), liveHeapKb });
    expect(summarize(10, [live(1, 300), live(2, 100), live(3, 200)]).liveHeapKb).toBe(200);
    expect(summarize(10, [sample(1, 50, 1000)])).not.toHaveProperty('liveHeapKb');
  });

  test('rejects runs that disagree on the object count', () => {
    expect(() => summarize(10, [sample(1, 50), sample(1, 49)])).toThrow('runs at size 10 produced different object counts: 50, 49');
  });
});

describe('runChild', () => {
  test('runs a case in a fresh node process and returns its sample', () => {
    const result = runChild(ROOT, 'plus-one-chart', 2);
    expect(result.objects).toBe(2 * OBJECTS_PER_APP);
    expect(result.seconds).toBeGreaterThan(0);
    expect(result.maxRssKb).toBeGreaterThan(10 * 1024);
    expect(result.startupSeconds).toBeGreaterThan(0);
  }, 60_000);

  test('an unknown case fails with the child error', () => {
    expect(() => runChild(ROOT, 'no-such-case', 2)).toThrow(/case 'no-such-case' at size 2 failed \(exit code 1\):[\s\S]*unknown case 'no-such-case'/);
  }, 60_000);
});
