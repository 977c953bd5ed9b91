import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { deploymentStrategy, DisruptionBudget, PercentOrCount, RolloutStrategy, RollingUpdateOptions, surges } from './availability';
import { PodSettings } from './app-workload';
import { AppLabels } from './labels';
import { ExtendedDeployment } from '../pod/pod-spec-extras';
import { k8s, plus } from '../core/plus';
import { Resources } from '../pod/resources';
import { AutoscalingOptions, createHpa, createPdb, resolveAutoscaling } from './scaling';
import { checkInteger } from '../core/validators';
import { withGeneratedName } from '../core/object-names';
import { SingleNodeClaim } from './workload-volumes';

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
  /** Rollout strategy. @default RolloutStrategy.ROLLING_UPDATE */
  readonly rolloutStrategy?: RolloutStrategy;
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
  const deployment = new ExtendedDeployment(scope, 'Resource', {
    metadata: withGeneratedName(pod.metadata, scope, 'Resource', 'Resource'),
    serviceAccount: pod.serviceAccount,
    automountServiceAccountToken: false,
    securityContext: pod.securityContext,
    replicas: options.autoscaling ? undefined : replicas,
    strategy: deploymentStrategy(scope, options.rolloutStrategy, options.rollingUpdate),
  }, pod.extras);
  // Volumes are added after the Deployment (props, then addVolume): checked when the app is synthesized.
  scope.node.addValidation({ validate: () => singleNodeClaimProblems(pod.singleNodeClaims(), options, replicas) });
  return deployment;
}

/**
 * A claim that attaches to one node cannot serve several pods of a Deployment on different nodes,
 * nor a surging rollout (the new pod may be scheduled elsewhere while the old one holds the
 * volume, and the rollout hangs).
 */
function singleNodeClaimProblems(claims: readonly SingleNodeClaim[], options: DeploymentPatternOptions, replicas: number): string[] {
  const fix = 'use replicas: 1 with rolloutStrategy: RolloutStrategy.RECREATE, a ReadWriteMany claim, or a StatefulSet (Database)';
  return claims.flatMap(claim => {
    const what = `'${claim.prop}' claim ${JSON.stringify(claim.name)} is ${claim.accessMode}`;
    if (options.autoscaling) {
      return [`${what} but the Deployment autoscales to ${options.autoscaling.maxReplicas} replicas: only one node can attach it; ${fix}`];
    }
    if (replicas > 1) {
      return [`${what} but the Deployment runs ${replicas} replicas: only one node can attach it; ${fix}`];
    }
    const surge = surges(options.rolloutStrategy, options.rollingUpdate);
    if (surge !== undefined) {
      return [`${what} but the rolling update surges (maxSurge ${surge}): the new pod may start on another node while the old one holds the volume; `
        + 'use rolloutStrategy: RolloutStrategy.RECREATE'];
    }
    return [];
  });
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
