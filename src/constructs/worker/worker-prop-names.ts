import { PropNames, propNamesOf } from '../core/prop-names';
import {
  AUTOSCALING_OPTIONS_NAMES, ROLLING_UPDATE_OPTIONS_NAMES, WORKLOAD_ITEM_NAMES, WORKLOAD_NESTED_NAMES, WORKLOAD_PROPS,
} from '../workload/workload-prop-names';
import { WorkerProps } from './worker-props';

/**
 * The prop names of `Worker` (typed `Record<keyof WorkerProps, true>`: a new prop breaks the build
 * until it is listed), for the run-time checks of untyped props and overrides.
 *
 * @internal
 */
export const WORKER_PROP_NAMES: PropNames = propNamesOf<WorkerProps>('WorkerProps', {
  ...WORKLOAD_PROPS, replicas: true, autoscaling: true, disruptionBudget: true, rollingUpdate: true, rolloutStrategy: true,
}, {
  ...WORKLOAD_NESTED_NAMES,
  autoscaling: AUTOSCALING_OPTIONS_NAMES,
  rollingUpdate: ROLLING_UPDATE_OPTIONS_NAMES,
}, WORKLOAD_ITEM_NAMES);
