/**
 * Summarizes V8 CPU profiles (`node --cpu-prof`) into the functions where the time goes.
 */

/** The parts of a `.cpuprofile` file this module reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Time spent in one function. */
export interface FunctionTime {
  /** `function (file:line)`, the file relative to node_modules or the repository. */
  readonly name: string;
  /** Milliseconds in the function itself. */
  readonly selfMs: number;
  /** Milliseconds in the function and everything it called (counted once per sample). */
  readonly totalMs: number;
}

/**
 * Self and total time per function, sorted by self time (largest first).
 *
 * Total time counts a sample once per function even when the function is on the stack several
 * times (recursion).
 */
export function summarizeProfile(profile: CpuProfile, rootDir: string): FunctionTime[] {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const nameOf = (id: number): string => {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.replace(/^file:\/\//, '').replace(`${rootDir}/`, '').replace(/^.*node_modules\//, '');
    return `${frame.functionName || '(anonymous)'} (${file || 'native'}:${frame.lineNumber + 1})`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((sample, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const leaf = nameOf(sample);
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const name = nameOf(id);
      if (!seen.has(name)) {
        seen.add(name);
        total.set(name, (total.get(name) ?? 0) + ms);
      }
    }
  });
  return [...total.keys()]
    .map((name) => ({ name, selfMs: self.get(name) ?? 0, totalMs: total.get(name) ?? 0 }))
    .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
}
