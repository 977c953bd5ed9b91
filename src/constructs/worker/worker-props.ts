import { DisruptionBudget, RolloutStrategy, RollingUpdateOptions } from '../workload/availability';
import { PortSpec } from '../pod/ports';
import { WorkloadProps } from '../workload/workload-props';
import { AutoscalingOptions } from '../workload/scaling';

/**
 * Properties of a `Worker`.
 */
export interface WorkerProps extends WorkloadProps {
  /**
   * Named container ports (e.g. a metrics port). A Worker has no Service; ports only document
   * what the container listens on and give the default TCP health check a target.
   * @default - no ports (and no probes unless `health` is set)
   */
  readonly ports?: PortSpec[];
  /**
   * Number of pods. Ignored (not rendered) when `autoscaling` is set.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * A HorizontalPodAutoscaler on CPU (and optionally memory) utilization.
   * @default - fixed `replicas`
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * The PodDisruptionBudget.
   * @default - DisruptionBudget.maxUnavailable(PercentOrCount.count(1)) when replicas (or the HPA minimum) > 1, none otherwise
   */
  readonly disruptionBudget?: DisruptionBudget;
  /**
   * Rolling update settings.
   * @default - maxSurge 25%, maxUnavailable 0
   */
  readonly rollingUpdate?: RollingUpdateOptions;
  /**
   * How pods are replaced: a rolling update, or Recreate (all old pods stop first; needed for a
   * ReadWriteOnce volume the pods mount). `rollingUpdate` applies to rolling updates only.
   * @default RolloutStrategy.ROLLING_UPDATE
   */
  readonly rolloutStrategy?: RolloutStrategy;
  /**
   * `app.kubernetes.io/component`.
   * @default 'worker'
   */
  readonly component?: string;
}
