/**
 * Autoscaling and disruption budgets shared by the Deployment-based patterns (WebApp, Worker).
 */
import { ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DisruptionBudget } from './availability';
import { ValidationError } from '../core/errors';
import { k8s, plus } from '../core/plus';
import { Resources } from '../pod/resources';
import { checkInteger } from '../core/validators';
import { withGeneratedName } from '../core/object-names';

/**
 * A HorizontalPodAutoscaler; it owns the replica count.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 */
export interface AutoscalingOptions {
  /**
   * Minimum replicas.
   * @default 2
   */
  readonly minReplicas?: number;
  /** Maximum replicas. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilization in percent of the CPU request.
   * @default 70
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory utilization in percent of the memory request.
   * @default - memory is not a scaling metric
   */
  readonly memoryUtilization?: number;
}

/**
 * Resolves the defaults of `autoscaling` and validates it against the container resources.
 *
 * @internal
 */
export function resolveAutoscaling(scope: Construct, options: AutoscalingOptions, resources: Resources): Required<AutoscalingOptions> {
  const minReplicas = options.minReplicas ?? 2;
  checkInteger(scope, 'autoscaling.minReplicas', minReplicas, 1);
  checkInteger(scope, 'autoscaling.maxReplicas', options.maxReplicas, 1);
  if (minReplicas > options.maxReplicas) {
    throw new ValidationError(scope, `'autoscaling.minReplicas' (${minReplicas}) must be less than or equal to `
      + `'autoscaling.maxReplicas' (${options.maxReplicas})`);
  }
  const cpuUtilization = options.cpuUtilization ?? 70;
  checkInteger(scope, 'autoscaling.cpuUtilization', cpuUtilization, 1);
  if (!resources.requirements.cpu?.request) {
    throw new ValidationError(scope, '\'autoscaling.cpuUtilization\' needs a CPU request: set \'resources\' with a cpu.request or a preset');
  }
  if (options.memoryUtilization !== undefined) {
    checkInteger(scope, 'autoscaling.memoryUtilization', options.memoryUtilization, 1);
    if (!resources.requirements.memory?.request) {
      throw new ValidationError(scope, '\'autoscaling.memoryUtilization\' needs a memory request: set \'resources\' with a memory.request or a preset');
    }
  }
  return { minReplicas, maxReplicas: options.maxReplicas, cpuUtilization, memoryUtilization: options.memoryUtilization as number };
}

/**
 * Creates the HorizontalPodAutoscaler (id `Hpa`) of `target`.
 *
 * @internal
 */
export function createHpa(scope: Construct, target: plus.Deployment, options: Required<AutoscalingOptions>,
  metadata: ApiObjectMetadata): plus.HorizontalPodAutoscaler {
  const metrics = [plus.Metric.resourceCpu(plus.MetricTarget.averageUtilization(options.cpuUtilization))];
  if (options.memoryUtilization !== undefined) {
    metrics.push(plus.Metric.resourceMemory(plus.MetricTarget.averageUtilization(options.memoryUtilization)));
  }
  return new plus.HorizontalPodAutoscaler(scope, 'Hpa', {
    metadata: withGeneratedName(metadata, scope, 'Hpa', 'Resource'),
    target,
    minReplicas: options.minReplicas,
    maxReplicas: options.maxReplicas,
    metrics,
  });
}

/**
 * Creates the PodDisruptionBudget (id `Pdb`) of `target`.
 *
 * @internal
 */
export function createPdb(scope: Construct, target: plus.Deployment, budget: DisruptionBudget,
  metadata: ApiObjectMetadata): k8s.KubePodDisruptionBudget {
  budget._amount!._validate(scope, `disruptionBudget.${budget._field}`);
  return new k8s.KubePodDisruptionBudget(scope, 'Pdb', {
    metadata: withGeneratedName(metadata, scope, 'Pdb'),
    spec: {
      [budget._field]: budget._amount!._toKube(),
      selector: { matchLabels: Lazy.any({ produce: () => target.matchLabels }) as unknown as Record<string, string> },
    },
  });
}
