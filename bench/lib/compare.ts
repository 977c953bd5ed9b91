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

/** A comparison the report computes. */
export type Comparison = RatioComparison | GrowthComparison;

/** The ids of the cases a comparison reads. */
export function casesOf(comparison: Comparison): readonly string[] {
  return comparison.kind === 'ratio' ? [comparison.numerator, comparison.denominator] : [comparison.caseId];
}

/** Computes every comparison from the case results (missing cases yield `not-measured`). */
export function evaluateComparisons(comparisons: readonly Comparison[], results: readonly CaseResult[]): ComparisonResult[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return comparisons.map((c) => (c.kind === 'ratio' ? evaluateRatio(c, byId) : evaluateGrowth(c, byId)));
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
