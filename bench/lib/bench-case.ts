/**
 * The contract every benchmark case implements.
 *
 * A case is one way of producing Kubernetes objects for `n` units of work (apps, objects, files).
 * The harness runs each case in its own child process (fresh heap), calls `prepare()` untimed,
 * warms up with one small `run()`, then times one `run()` of the requested size.
 */

/** What the harness hands to a case inside the child process. */
export interface CaseContext {
  /** A fresh, empty directory the case may write to; removed after the run. */
  readonly workDir: string;
  /** The repository root (the folder holding package.json). */
  readonly rootDir: string;
}

/** What one timed run produced. */
export interface CaseRunResult {
  /** Kubernetes objects produced (counted after the timer stopped when `countObjects` is given). */
  readonly objects?: number;
  /** Counts the objects after the timer stopped, when counting is not free. */
  readonly countObjects?: () => number;
  /**
   * Peak resident memory in KiB of an external process the case ran (e.g. `helm`), reported
   * instead of the child's own maxRSS.
   *
   * @default - the child process's own `process.resourceUsage().maxRSS`
   */
  readonly externalMaxRssKb?: number;
  /**
   * Live heap in KiB after a full garbage collection at the end of the run, for cases that show
   * whether memory grows with the work (peak RSS also reflects how far V8 let the heap grow).
   *
   * @default - not measured
   */
  readonly liveHeapKb?: number;
  /**
   * Bytes of input the run read (a validated file), for the MB/s column.
   *
   * @default - not reported
   */
  readonly bytes?: number;
}

/** The families of cases; each family prints its own table. */
export enum CaseGroup {
  /** Synthesizing N apps into manifests (WebApp, plain cdk8s-plus-28, helm). */
  SYNTH = 'synth',
  /** Serializing or validating a fixed number of objects in-process. */
  MICRO = 'micro',
  /** Whole processes validating files: cdk8s-patterns validate next to kubeconform, start-up included. */
  VALIDATE = 'validate (whole process)',
  /** A user's project: command start to written output. */
  PROJECT = 'project (whole process)',
}

/** One benchmark case. Cases are plain objects registered in `bench/cases/index.ts`. */
export interface BenchCase {
  /** Stable kebab-case id, used on the command line (`--cases`) and in the JSON results. */
  readonly id: string;
  /** One line shown in the table. */
  readonly title: string;
  /** The family the case belongs to. */
  readonly group: CaseGroup;
  /** What `n` counts, shown in the table header (`apps`, `objects`). */
  readonly unit: string;
  /**
   * Why the case cannot run here, or `undefined` when it can. Runs in the parent, must be cheap.
   *
   * @default - always runnable
   */
  unavailable?(rootDir: string): string | undefined;
  /**
   * The sizes to run, given the sizes from the command line.
   *
   * @default - the command-line sizes
   */
  sizes?(requested: readonly number[]): readonly number[];
  /**
   * The size of the in-process warm-up run before the timed run.
   *
   * @default - min(n, 10)
   */
  warmupSize?(n: number): number;
  /**
   * Untimed preparation inside the child (extract a binary, build input files).
   *
   * @default - nothing to prepare
   */
  prepare?(n: number, context: CaseContext): void;
  /** The timed work: produce the objects for `n` units. */
  run(n: number, context: CaseContext): CaseRunResult;
}
