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
  /**
   * Compare the median runs instead of the best runs (issue #14's targets are on medians).
   *
   * @default false
   */
  readonly median?: boolean;
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

/**
 * A limit on one case at its largest size, on the median run: wall seconds (`seconds`), peak
 * memory in MiB (`memory`), or MB/s of input read (`megabytes-per-second`, a minimum).
 */
export interface LimitComparison {
  readonly kind: 'limit';
  readonly id: string;
  readonly title: string;
  readonly caseId: string;
  readonly measure: 'seconds' | 'memory' | 'megabytes-per-second';
  /** The limit: a maximum for seconds and memory, a minimum for MB/s. */
  readonly limit: number;
  /**
   * Context shown next to the figure.
   *
   * @default ''
   */
  readonly note?: string;
}

/** A comparison the report computes. */
export type Comparison = RatioComparison | GrowthComparison | ThroughputComparison | MemoryGrowthComparison | LimitComparison;

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
      case 'limit': return evaluateLimit(c, byId);
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
  const result = { id: c.id, title: c.title, value, display: perSecond(value), at: String(largest.size), target, status, note };
  return status === TargetStatus.MISSED && c.min !== undefined ? { ...result, shortfall: `${(c.min / value).toFixed(2)}x short` } : result;
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

function evaluateLimit(c: LimitComparison, byId: Map<string, CaseResult>): ComparisonResult {
  const unit = c.measure === 'seconds' ? 's' : c.measure === 'memory' ? 'MiB' : 'MB/s';
  const target = `${c.measure === 'megabytes-per-second' ? '>=' : '<='} ${c.limit} ${unit}`;
  const missing = missingReason([c.caseId], byId);
  if (missing) {
    return notMeasured(c, target, missing);
  }
  const sizes = [...sizesOf(byId.get(c.caseId)).values()].sort((a, b) => a.size - b.size);
  const largest = sizes[sizes.length - 1];
  const value = c.measure === 'seconds' ? largest.medianSeconds
    : c.measure === 'memory' ? (largest.maxRssKb === null ? null : largest.maxRssKb / 1024)
      : (largest.bytesPerSecond === undefined ? null : largest.bytesPerSecond / 1e6);
  if (value === null) {
    return notMeasured(c, target, `'${c.caseId}' reported no ${c.measure === 'memory' ? 'peak memory' : 'bytes'}`);
  }
  const display = c.measure === 'seconds' ? `${value.toFixed(3)} s` : `${value.toFixed(1)} ${unit}`;
  const minimum = c.measure === 'megabytes-per-second';
  const met = minimum ? value >= c.limit : value <= c.limit;
  const result = {
    id: c.id, title: c.title, value, display, at: String(largest.size), target,
    status: met ? TargetStatus.MET : TargetStatus.MISSED, note: `median of ${largest.seconds.length} run(s)${c.note ? `; ${c.note}` : ''}`,
  };
  return met ? result : { ...result, shortfall: minimum ? `${(c.limit / value).toFixed(2)}x short` : `${(value / c.limit).toFixed(2)}x over` };
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
  const pick = (s: SizeResult): number => (c.median ? s.medianSeconds : s.bestSeconds);
  const value = pick(num.get(size)!) / pick(den.get(size)!);
  const note = `${c.median ? 'medians' : 'best runs'}${c.note ? `; ${c.note}` : ''}`;
  return withShortfall({ id: c.id, title: c.title, value, at: String(size), target, status: status(value, c.max), note: c.median ? note : c.note ?? '' }, c.max);
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

/** Adds how far a missed maximum was overshot. */
function withShortfall(result: ComparisonResult, max: number | undefined): ComparisonResult {
  if (result.status !== TargetStatus.MISSED || max === undefined || result.value === null) return result;
  return { ...result, shortfall: `${(result.value / max).toFixed(2)}x over` };
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
