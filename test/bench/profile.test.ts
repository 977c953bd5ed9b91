import { CpuProfile, summarizeProfile } from '../../bench/lib/profile';

function frame(functionName: string, url: string, lineNumber: number): CpuProfile['nodes'][number]['callFrame'] {
  return { functionName, url, lineNumber };
}

describe('summarizeProfile', () => {
  // (root) -> synth -> resolve -> resolve (recursion)
  //               \-> emit
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', '', -1), children: [2] },
      { id: 2, callFrame: frame('synth', 'file:///repo/src/synth/synthesize.ts', 9), children: [3, 5] },
      { id: 3, callFrame: frame('resolve', 'file:///repo/node_modules/cdk8s/lib/resolve.js', 100), children: [4] },
      { id: 4, callFrame: frame('resolve', 'file:///repo/node_modules/cdk8s/lib/resolve.js', 100) },
      { id: 5, callFrame: frame('', 'file:///repo/src/synth/yaml-emitter.ts', 0) },
    ],
    samples: [4, 4, 3, 5, 2],
    timeDeltas: [1000, 1000, 1000, 2000, 500],
  };

  test('adds self time to the sampled function and total time once to every function on the stack', () => {
    expect(summarizeProfile(profile, '/repo')).toEqual([
      { name: 'resolve (cdk8s/lib/resolve.js:101)', selfMs: 3, totalMs: 3 },
      { name: '(anonymous) (src/synth/yaml-emitter.ts:1)', selfMs: 2, totalMs: 2 },
      { name: 'synth (src/synth/synthesize.ts:10)', selfMs: 0.5, totalMs: 5.5 },
      { name: '(root) (native:0)', selfMs: 0, totalMs: 5.5 },
    ]);
  });
});
