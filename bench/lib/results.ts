/**
 * The shapes of measured results, as kept in memory and written to `bench/results/*.json`.
 */

/** What one child process reports for one timed run (the `BENCH_RESULT` line). */
export interface RunSample {
  /** Seconds of the timed `run()`. */
  readonly seconds: number;
  /** Objects produced. */
  readonly objects: number;
  /** Peak resident memory in KiB (the child's maxRSS, or the external process's); `null` when unknown. */
  readonly maxRssKb: number | null;
  /** Seconds from process start until the case's modules were loaded (node + tsx + imports). */
  readonly startupSeconds: number;
  /** Live heap in KiB after a full GC at the end of the run, when the case measures it. */
  readonly liveHeapKb?: number;
  /** Bytes of input read, when the case reports it. */
  readonly bytes?: number;
}

/** The summary of all runs of one case at one size. */
export interface SizeResult {
  readonly size: number;
  readonly objects: number;
  /** Every measured run, in order. */
  readonly seconds: readonly number[];
  readonly medianSeconds: number;
  readonly bestSeconds: number;
  /** Objects divided by the median seconds. */
  readonly objectsPerSecond: number;
  /** The median of the runs' peak memory in KiB; `null` when unknown. */
  readonly maxRssKb: number | null;
  /** The median startup seconds (module loading before the timed section). */
  readonly startupSeconds: number;
  /** The median live heap in KiB after a full GC at the end of the runs, when the case measures it. */
  readonly liveHeapKb?: number;
  /** Bytes of input per run, when the case reports it. */
  readonly bytes?: number;
  /** Bytes divided by the median seconds, when the case reports bytes. */
  readonly bytesPerSecond?: number;
}

/** The results of one case: measured sizes, or the reason it was skipped. */
export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly group: string;
  readonly unit: string;
  /** Why the case did not run (unavailable here, or failed). */
  readonly skipped?: string;
  readonly sizes: readonly SizeResult[];
}

/** Whether a comparison met its target. */
export enum TargetStatus {
  MET = 'met',
  MISSED = 'missed',
  /** The comparison has no target (shown for information). */
  NONE = 'none',
  /** A case the comparison needs did not run. */
  NOT_MEASURED = 'not-measured',
}

/** A computed comparison between results. */
export interface ComparisonResult {
  readonly id: string;
  readonly title: string;
  /** The ratio (or objects per second), or `null` when not measured. */
  readonly value: number | null;
  /**
   * The value as printed, when it is not a ratio (e.g. `52,300/s`).
   *
   * @default - the value as a ratio, `1.23x`
   */
  readonly display?: string;
  /** The size(s) the ratio was computed at, e.g. `1000` or `100->1000`. */
  readonly at: string;
  /** The target in words, e.g. `<= 1.10x`. */
  readonly target: string;
  readonly status: TargetStatus;
  /** Why it was not measured, or extra context (e.g. the reference figure). */
  readonly note: string;
  /** How far a missed target is off, e.g. `1.80x over` or `1.25x short`. */
  readonly shortfall?: string;
}

/** The whole JSON results document. */
export interface BenchReport {
  readonly generatedAt: string;
  readonly machine: {
    readonly cpu: string;
    readonly cpus: number;
    readonly memoryGiB: number;
    readonly node: string;
    readonly platform: string;
    /** 1-minute load average when the run started and ended (other processes skew the times). */
    readonly loadAverage: { readonly start: number; readonly end: number };
  };
  readonly options: { readonly sizes: readonly number[]; readonly runs: number; readonly quick: boolean };
  /** The version of the kubeconform binary run next to `validate`, when one was given. */
  readonly kubeconform?: string;
  readonly cases: readonly CaseResult[];
  readonly comparisons: readonly ComparisonResult[];
}

/** The prefix of the line a child process prints its `RunSample` on. */
export const RESULT_PREFIX = 'BENCH_RESULT ';
