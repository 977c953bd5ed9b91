import { Duration } from 'cdk8s';
import { WorkloadProps } from '../workload/workload-props';
import { Schedule } from './schedule';

/** What happens when a run is due while the previous one is still running. */
export enum ConcurrencyPolicy {
  /** Start the new run anyway; runs may overlap. */
  ALLOW = 'Allow',
  /** Skip the new run while the previous one is running. */
  FORBID = 'Forbid',
  /** Stop the running job and start the new run. */
  REPLACE = 'Replace',
}

/** What the kubelet does when the task's container fails. */
export enum JobRestartPolicy {
  /** Start a new pod for every retry (failed pods stay for their logs, up to the history limit). */
  NEVER = 'Never',
  /** Restart the container in the same pod. */
  ON_FAILURE = 'OnFailure',
}

/**
 * Properties of a `CronTask`.
 */
export interface CronTaskProps extends WorkloadProps {
  /**
   * When the task runs.
   *
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
   */
  readonly schedule: Schedule;
  /**
   * The IANA time zone of the schedule, e.g. `Europe/Berlin`, or `UTC`. `Local` is not allowed.
   * @default - the time zone of the kube-controller-manager (usually UTC)
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones
   */
  readonly timeZone?: string;
  /**
   * What happens when a run is due while the previous one still runs.
   * @default ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /**
   * Finished successful jobs kept (with their pods, for logs).
   * @default 3
   */
  readonly successfulJobsHistoryLimit?: number;
  /**
   * Finished failed jobs kept (with their pods, for logs).
   * @default 1
   */
  readonly failedJobsHistoryLimit?: number;
  /**
   * How late a missed run may still start; later runs are skipped (and counted as missed). A
   * deadline also keeps the controller from giving up after 100 missed runs.
   * @default Duration.minutes(5)
   */
  readonly startingDeadline?: Duration;
  /**
   * The longest a run may take before its pods are stopped and the job fails.
   * @default - no limit
   */
  readonly activeDeadline?: Duration;
  /**
   * Retries before a run is marked failed.
   * @default 6
   */
  readonly backoffLimit?: number;
  /**
   * Restart policy of the task's pod.
   * @default JobRestartPolicy.NEVER
   */
  readonly restartPolicy?: JobRestartPolicy;
  /**
   * Create the CronJob suspended (no runs are started until it is resumed).
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * Spread the task's pods softly across nodes and zones.
   * @default false
   */
  readonly spread?: boolean;
  /**
   * `app.kubernetes.io/component`.
   * @default 'cron-task'
   */
  readonly component?: string;
}
