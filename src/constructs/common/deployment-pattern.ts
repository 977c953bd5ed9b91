import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { DisruptionBudget, PercentOrCount, RollingUpdateOptions, rollingUpdateStrategy } from './availability';
import { PodSettings } from './app-workload';
import { AppLabels } from './labels';
import { ExtendedDeployment } from './pod-spec-extras';
import { k8s, plus } from './plus';
import { Resources } from './resources';
import { AutoscalingOptions, createHpa, createPdb, resolveAutoscaling } from './scaling';
import { checkInteger } from './validators';

/**
 * The props the Deployment-based patterns (`WebApp`, `Worker`) share.
 *
 * @internal
 */
export interface DeploymentPatternOptions {
  /** Pods when not autoscaling. @default 2 */
  readonly replicas?: number;
  /** Autoscaling. @default - fixed `replicas` */
  readonly autoscaling?: AutoscalingOptions;
  /** PodDisruptionBudget. @default - maxUnavailable 1 when more than one pod, none otherwise */
  readonly disruptionBudget?: DisruptionBudget;
  /** Rolling update. @default - the `rollingUpdateStrategy` defaults */
  readonly rollingUpdate?: RollingUpdateOptions;
}

/**
 * Creates the Deployment (id `Resource`) of a pattern: `replicas` (a non-negative integer) unless
 * autoscaling, the rolling update strategy, no automounted token.
 *
 * @internal
 */
export function createPatternDeployment(scope: Construct, pod: PodSettings, options: DeploymentPatternOptions,
  replicas: number): plus.Deployment {
  checkInteger(scope, 'replicas', replicas, 0);
  return new ExtendedDeployment(scope, 'Resource', {
    metadata: pod.metadata,
    serviceAccount: pod.serviceAccount,
    automountServiceAccountToken: false,
    securityContext: pod.securityContext,
    replicas: options.autoscaling ? undefined : replicas,
    strategy: rollingUpdateStrategy(scope, options.rollingUpdate),
  }, pod.extras);
}

/**
 * The availability objects of a Deployment-based pattern.
 *
 * @internal
 */
export interface PatternScaling {
  /** The autoscaling settings after defaults, if autoscaling. */
  readonly autoscaling?: Required<AutoscalingOptions>;
  /** The HorizontalPodAutoscaler (id `Hpa`), if autoscaling. */
  readonly hpa?: plus.HorizontalPodAutoscaler;
  /** The PodDisruptionBudget setting after defaults. */
  readonly disruptionBudget: DisruptionBudget;
  /** The PodDisruptionBudget (id `Pdb`), if enabled. */
  readonly pdb?: k8s.KubePodDisruptionBudget;
}

/**
 * Creates the HPA (when `autoscaling` is set) and the PodDisruptionBudget (by default when more
 * than one pod runs: `replicas`, or the HPA minimum), labelled like the app.
 *
 * @internal
 */
export function addPatternScaling(scope: Construct, deployment: plus.Deployment, options: DeploymentPatternOptions,
  context: { readonly replicas: number; readonly resources: Resources; readonly labels: AppLabels; readonly metadata: () => ApiObjectMetadata }): PatternScaling {
  let autoscaling: Required<AutoscalingOptions> | undefined;
  let hpa: plus.HorizontalPodAutoscaler | undefined;
  if (options.autoscaling) {
    autoscaling = resolveAutoscaling(scope, options.autoscaling, context.resources);
    hpa = createHpa(scope, deployment, autoscaling, context.metadata());
    context.labels.applyTo(hpa);
  }
  const minPods = autoscaling ? autoscaling.minReplicas : context.replicas;
  const disruptionBudget = options.disruptionBudget
    ?? (minPods > 1 ? DisruptionBudget.maxUnavailable(PercentOrCount.count(1)) : DisruptionBudget.none());
  let pdb: k8s.KubePodDisruptionBudget | undefined;
  if (disruptionBudget.enabled) {
    pdb = createPdb(scope, deployment, disruptionBudget, context.metadata());
    context.labels.applyTo(pdb);
  }
  return { autoscaling, hpa, disruptionBudget, pdb };
}
