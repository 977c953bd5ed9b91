/**
 * The values of the graph API that are not functions (besides the model's enums, ./model.ts): its
 * enums, constant and error class. They are small and load with the package; the graph code itself
 * loads on the first call of a graph function (see ../lazy.ts and ./index.ts). The modules that
 * define the behaviour re-export them.
 */

/** How many pods a workload runs. */
export enum ReplicaMode {
  /** A fixed `spec.replicas` (Deployment, StatefulSet). */
  FIXED = 'fixed',
  /** Scaled between `min` and `max` by a HorizontalPodAutoscaler. */
  AUTOSCALED = 'autoscaled',
  /** One pod per node (DaemonSet); counted as one in the totals. */
  PER_NODE = 'per-node',
  /** Pods of a run (Job `parallelism`, or of each CronJob run). */
  PER_RUN = 'per-run',
}

/** The output format of a capacity table. */
export enum CapacityFormat {
  /** A GitHub-flavoured Markdown table. */
  MARKDOWN = 'markdown',
  /** Aligned columns of plain text. */
  TEXT = 'text',
}

/** The name of the environment made of the chart files at the root of the output folder. */
export const ROOT_ENVIRONMENT = 'default';

/** A problem reading environments: unknown name, unreadable folder or YAML that does not parse. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}
