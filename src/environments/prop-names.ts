/**
 * The prop names of the constructs that read environment overrides, for the run-time check of
 * untyped overrides. Each list is typed `Record<keyof XxxProps, true>`, so adding or removing a
 * prop breaks the build until the list follows.
 *
 * Type-only imports: the constructs import this module, not the other way round.
 * Not exported from the package root.
 */
import type { CronTaskProps } from '../constructs/cron-task/cron-task-props';
import type { DatabaseProps } from '../constructs/database/database-props';
import type { WebAppProps } from '../constructs/web-app/web-app-props';
import type { WorkerProps } from '../constructs/worker/worker-props';
import type { WorkloadProps } from '../constructs/common/workload-props';

const WORKLOAD: Record<keyof WorkloadProps, true> = {
  image: true, command: true, args: true, ports: true, config: true, secretEnv: true, resources: true,
  health: true, security: true, volumes: true, imagePullSecrets: true, spread: true, appName: true,
  version: true, partOf: true, component: true, metadata: true, sidecars: true,
  terminationGracePeriod: true, preStop: true, podAnnotations: true, podLabels: true, scheduling: true,
  initContainers: true,
};

const WEB_APP: Record<keyof WebAppProps, true> = {
  ...WORKLOAD, replicas: true, serviceType: true, servicePort: true, ingress: true, autoscaling: true,
  disruptionBudget: true, rollingUpdate: true, rolloutStrategy: true, additionalServices: true,
};

const WORKER: Record<keyof WorkerProps, true> = {
  ...WORKLOAD, replicas: true, autoscaling: true, disruptionBudget: true, rollingUpdate: true, rolloutStrategy: true,
};

const CRON_TASK: Record<keyof CronTaskProps, true> = {
  ...WORKLOAD, schedule: true, timeZone: true, concurrencyPolicy: true, successfulJobsHistoryLimit: true,
  failedJobsHistoryLimit: true, startingDeadline: true, activeDeadline: true, backoffLimit: true,
  restartPolicy: true, suspend: true,
};

const DATABASE: Record<keyof DatabaseProps, true> = {
  engine: true, credentials: true, databaseName: true, user: true, replicas: true, storage: true, resources: true,
  configuration: true, initScripts: true, backup: true, disruptionBudget: true, networkPolicy: true,
  appName: true, partOf: true, metadata: true, sidecars: true,
};

/** The props of `WebApp`. */
export const WEB_APP_PROP_NAMES: readonly string[] = Object.keys(WEB_APP);
/** The props of `Worker`. */
export const WORKER_PROP_NAMES: readonly string[] = Object.keys(WORKER);
/** The props of `CronTask`. */
export const CRON_TASK_PROP_NAMES: readonly string[] = Object.keys(CRON_TASK);
/** The props of `Database`. */
export const DATABASE_PROP_NAMES: readonly string[] = Object.keys(DATABASE);
