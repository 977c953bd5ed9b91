import { PropNames, propNamesOf } from '../core/prop-names';
import { WORKLOAD_ITEM_NAMES, WORKLOAD_NESTED_NAMES, WORKLOAD_PROPS } from '../workload/workload-prop-names';
import { CronTaskProps } from './cron-task-props';

/**
 * The prop names of `CronTask` (typed `Record<keyof CronTaskProps, true>`: a new prop breaks the
 * build until it is listed), for the run-time checks of untyped props and overrides.
 *
 * @internal
 */
export const CRON_TASK_PROP_NAMES: PropNames = propNamesOf<CronTaskProps>('CronTaskProps', {
  ...WORKLOAD_PROPS, schedule: true, timeZone: true, concurrencyPolicy: true, successfulJobsHistoryLimit: true,
  failedJobsHistoryLimit: true, startingDeadline: true, activeDeadline: true, backoffLimit: true,
  restartPolicy: true, suspend: true,
}, WORKLOAD_NESTED_NAMES, WORKLOAD_ITEM_NAMES);
