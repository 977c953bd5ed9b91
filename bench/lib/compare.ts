/**
 * Comparisons between cases: ratios of times at one size, and growth of one case across sizes.
 *
 * They use each size's best run: on a shared machine, other load only ever adds time, so the
 * best run is the closest to the cost of the work itself.
 */
import { CaseResult, ComparisonResult, SizeResult, TargetStatus } from './results';

/** `numerator` time divided by `denominator` time, at the largest size both measured. */
export interface RatioComparison {
  readonly kind: 'ratio';
  readonly id: string;
  readonly title: string;
  readonly numerator: string;
  readonly denominator: string;
  /**
   * The ratio must not exceed this.
   *
   * @default - no target, shown for information
   */
  readonly max?: number;
  /**
   * Context shown next to the figure (e.g. the reference from the issue).
   *
   * @default ''
   */
  readonly note?: string;
}

/**
 * How one case's time grows between its two largest sizes, relative to the growth in size:
 * 1.0 is linear, 10 at 100 -> 1000 is quadratic.
 */
export interface GrowthComparison {
  readonly kind: 'growth';
  readonly id: string;
  readonly title: string;
  readonly caseId: string;
  /**
   * The time growth divided by the size growth must not exceed this (1.0 = perfectly linear).
   *
   * @default - no target, shown for information
   */
  readonly maxLinearity?: number;
  /**
   * Context shown next to the figure.
   *
   * @default ''
   */
  readonly note?: string;
}

/**
 * Objects per second of one case at its largest size, on the median run (a throughput target is
 * checked against the typical run, not the luckiest one).
 */
export interface ThroughputComparison {
  readonly kind: 'throughput';
  readonly id: string;
  readonly title: string;
  readonly caseId: string;
  /**
   * The median run must reach this many objects per second.
   *
   * @default - no target, shown for information
   */
  readonly min?: number;
  /**
   * Context shown next to the figure.
   *
   * @default ''
   */
  readonly note?: string;
}

/**
 * How one case's live heap (after a full GC at the end of the run, median runs) grows between its
 * two largest sizes: 1.0 means flat, the size ratio means proportional to the stream.
 */
export interface MemoryGrowthComparison {
  readonly kind: 'memory-growth';
  readonly id: string;
  readonly title: string;
  readonly caseId: string;
  /**
   * The live-heap ratio must not exceed this.
   *
   * @default - no target, shown for information
   */
  readonly max?: number;
  /**
   * Context shown next to the figure.
   *
   * @default ''
   */
  readonly note?: string;
}

/** A comparison the report computes. */
export type Comparison = RatioComparison | GrowthComparison | ThroughputComparison | MemoryGrowthComparison;

/** The ids of the cases a comparison reads. */
export function casesOf(comparison: Comparison): readonly string[] {
  return comparison.kind === 'ratio' ? [comparison.numerator, comparison.denominator] : [comparison.caseId];
}

/** Computes every comparison from the case results (missing cases yield `not-measured`). */
export function evaluateComparisons(comparisons: readonly Comparison[], results: readonly CaseResult[]): ComparisonResult[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return comparisons.map((c) => {
    switch (c.kind) {
      case 'ratio': return evaluateRatio(c, byId);
      case 'growth': return evaluateGrowth(c, byId);
      case 'throughput': return evaluateThroughput(c, byId);
      case 'memory-growth': return evaluateMemoryGrowth(c, byId);
    }
  });
}

function evaluateThroughput(c: ThroughputComparison, byId: Map<string, CaseResult>): ComparisonResult {
  const target = c.min === undefined ? '-' : `>= ${perSecond(c.min)}`;
  const missing = missingReason([c.caseId], byId);
  if (missing) {
    return notMeasured(c, target, missing);
  }
  const sizes = [...sizesOf(byId.get(c.caseId)).values()].sort((a, b) => a.size - b.size);
  const largest = sizes[sizes.length - 1];
  const value = largest.objectsPerSecond;
  const best = largest.objects / largest.bestSeconds;
  const note = `median of ${largest.seconds.length} run(s), best ${perSecond(best)}${c.note ? `; ${c.note}` : ''}`;
  const status = c.min === undefined ? TargetStatus.NONE : value >= c.min ? TargetStatus.MET : TargetStatus.MISSED;
  return { id: c.id, title: c.title, value, display: perSecond(value), at: String(largest.size), target, status, note };
}

function evaluateMemoryGrowth(c: MemoryGrowthComparison, byId: Map<string, CaseResult>): ComparisonResult {
  const target = c.max === undefined ? '-' : `<= ${c.max.toFixed(2)}x`;
  const missing = missingReason([c.caseId], byId);
  if (missing) {
    return notMeasured(c, target, missing);
  }
  const sizes = [...sizesOf(byId.get(c.caseId)).values()].sort((a, b) => a.size - b.size);
  if (sizes.length < 2) {
    return notMeasured(c, target, `'${c.caseId}' ran at fewer than two sizes`);
  }
  const [from, to] = sizes.slice(-2);
  if (from.liveHeapKb === undefined || to.liveHeapKb === undefined) {
    return notMeasured(c, target, `'${c.caseId}' reported no live heap`);
  }
  const value = to.liveHeapKb / from.liveHeapKb;
  const mib = (kb: number): string => `${(kb / 1024).toFixed(1)} MiB`;
  const note = `live heap ${mib(from.liveHeapKb)} -> ${mib(to.liveHeapKb)} for stream x${(to.size / from.size).toFixed(0)}${c.note ? `; ${c.note}` : ''}`;
  return { id: c.id, title: c.title, value, at: `${from.size}->${to.size}`, target, status: status(value, c.max), note };
}

/** `52,300/s`. */
function perSecond(value: number): string {
  return `${Math.round(value).toLocaleString('en-US')}/s`;
}

function evaluateRatio(c: RatioComparison, byId: Map<string, CaseResult>): ComparisonResult {
  const target = c.max === undefined ? '-' : `<= ${c.max.toFixed(2)}x`;
  const missing = missingReason([c.numerator, c.denominator], byId);
  if (missing) {
    return notMeasured(c, target, missing);
  }
  const num = sizesOf(byId.get(c.numerator));
  const den = sizesOf(byId.get(c.denominator));
  const common = [...num.keys()].filter((s) => den.has(s)).sort((a, b) => a - b);
  if (common.length === 0) {
    return notMeasured(c, target, `'${c.numerator}' and '${c.denominator}' share no size`);
  }
  const size = common[common.length - 1];
  const value = num.get(size)!.bestSeconds / den.get(size)!.bestSeconds;
  return { id: c.id, title: c.title, value, at: String(size), target, status: status(value, c.max), note: c.note ?? '' };
}

function evaluateGrowth(c: GrowthComparison, byId: Map<string, CaseResult>): ComparisonResult {
  const target = c.maxLinearity === undefined ? '-' : `<= ${c.maxLinearity.toFixed(2)}x linear`;
  const missing = missingReason([c.caseId], byId);
  if (missing) {
    return notMeasured(c, target, missing);
  }
  const sizes = [...sizesOf(byId.get(c.caseId)).values()].sort((a, b) => a.size - b.size);
  if (sizes.length < 2) {
    return notMeasured(c, target, `'${c.caseId}' ran at fewer than two sizes`);
  }
  const [from, to] = sizes.slice(-2);
  const timeGrowth = to.bestSeconds / from.bestSeconds;
  const sizeGrowth = to.size / from.size;
  const value = timeGrowth / sizeGrowth;
  const note = `time x${timeGrowth.toFixed(1)} for size x${sizeGrowth.toFixed(0)}${c.note ? `; ${c.note}` : ''}`;
  return { id: c.id, title: c.title, value, at: `${from.size}->${to.size}`, target, status: status(value, c.maxLinearity), note };
}

function missingReason(ids: readonly string[], byId: Map<string, CaseResult>): string | undefined {
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) {
      return `'${id}' was not run`;
    }
    if (r.skipped) {
      return `'${id}' skipped: ${r.skipped}`;
    }
  }
  return undefined;
}

function sizesOf(result: CaseResult | undefined): Map<number, SizeResult> {
  return new Map((result?.sizes ?? []).map((s) => [s.size, s]));
}

function status(value: number, max: number | undefined): TargetStatus {
  if (max === undefined) {
    return TargetStatus.NONE;
  }
  return value <= max ? TargetStatus.MET : TargetStatus.MISSED;
}

function notMeasured(c: Comparison, target: string, note: string): ComparisonResult {
  return { id: c.id, title: c.title, value: null, at: '-', target, status: TargetStatus.NOT_MEASURED, note };
}
