/**
 * `api/deployment`, `api/replicaset`, `api/daemonset`: workload rules of `apps/v1`
 * (`ValidateDeploymentSpec`, `ValidateReplicaSetSpec`, `ValidateDaemonSetSpec`).
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/apps/validation/validation.go` (`ValidateDeploymentSpec`,
 * `ValidateDeploymentStrategy`, `ValidateRollingUpdateDeployment`, `ValidateReplicaSetSpec`,
 * `ValidateDaemonSetSpec`, `ValidateDaemonSetUpdateStrategy`, `ValidatePodTemplateSpecForReplicaSet`) through
 * `pkg/registry/apps/<kind>/strategy.go`, after apps/v1 `SetDefaults_Deployment`, `SetDefaults_DaemonSet` and
 * `SetDefaults_ReplicaSet` (`pkg/apis/apps/v1/defaults.go`).
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import {
  asObject,
  asStruct,
  defaulted,
  forbidden,
  invalid,
  isSet,
  JsonObject,
  notSupported,
  readNonNegativeInt32,
  required,
} from '../common/field';
import {
  isZeroIntOrPercent,
  validateNonNegativeIntOrPercent,
  validateNotMoreThan100Percent,
} from '../common/int-or-string';
import { isEmptySelector, selectorMatches, validateLabelSelector } from '../common/selector';
import { podSpecOf, templateLabelsOf } from './pod-spec';

/** Progress deadline a Deployment gets when it sets none. */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * Selector checks shared by workloads: required, valid, non-empty, matching the template labels.
 * `emptyKind` names the kind in "empty selector is invalid for <kind>".
 */
export function validateWorkloadSelector(out: Violation[], spec: JsonObject, emptyKind: string): void {
  if (!isSet(spec.selector)) {
    out.push(required('spec.selector'));
    return;
  }
  validateLabelSelector(out, spec.selector, 'spec.selector');
  if (isEmptySelector(spec.selector)) {
    out.push(invalid('spec.selector', spec.selector, `empty selector is invalid for ${emptyKind}`));
    return;
  }
  const labels = templateLabelsOf(spec.template);
  if (!selectorMatches(spec.selector, labels)) {
    out.push(invalid('spec.template.metadata.labels', labels ?? {}, '`selector` does not match template `labels`'));
  }
}

/**
 * Template restartPolicy must be Always (the default) and activeDeadlineSeconds is not allowed.
 * `kind` names the kind in the activeDeadlineSeconds message.
 */
export function validateLongRunningTemplate(out: Violation[], spec: JsonObject, kind: string): void {
  const podSpec = podSpecOf(spec.template);
  const restartPolicy = podSpec.restartPolicy;
  if (typeof restartPolicy === 'string' && restartPolicy !== '' && restartPolicy !== 'Always') {
    out.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  }
  if (isSet(podSpec.activeDeadlineSeconds)) {
    const path = 'spec.template.spec.activeDeadlineSeconds';
    out.push(kind === 'DaemonSet'
      ? invalid(path, podSpec.activeDeadlineSeconds, 'activeDeadlineSeconds in DaemonSet is not Supported')
      : forbidden(path, `activeDeadlineSeconds in ${kind} is not Supported`));
  }
}

function checkDeployment(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  readNonNegativeInt32(out, spec.replicas, 'spec.replicas');
  validateWorkloadSelector(out, spec, 'deployment');
  validateLongRunningTemplate(out, spec, 'ReplicaSet');
  const strategy = asObject(spec.strategy) ?? {};
  const type = defaulted(strategy.type, 'RollingUpdate');
  if (type === 'Recreate') {
    if (isSet(strategy.rollingUpdate)) {
      out.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
    }
  } else if (type === 'RollingUpdate') {
    const ru = asObject(strategy.rollingUpdate) ?? {};
    const maxUnavailable = ru.maxUnavailable ?? '25%';
    const maxSurge = ru.maxSurge ?? '25%';
    validateNonNegativeIntOrPercent(out, maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable');
    validateNonNegativeIntOrPercent(out, maxSurge, 'spec.strategy.rollingUpdate.maxSurge');
    if (isZeroIntOrPercent(maxUnavailable) && isZeroIntOrPercent(maxSurge)) {
      out.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
    validateNotMoreThan100Percent(out, maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable');
  } else {
    out.push(notSupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate']));
  }
  const minReady = readNonNegativeInt32(out, spec.minReadySeconds, 'spec.minReadySeconds') ?? 0;
  readNonNegativeInt32(out, spec.revisionHistoryLimit, 'spec.revisionHistoryLimit');
  const deadline = readNonNegativeInt32(out, spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds');
  const effective = isSet(spec.progressDeadlineSeconds) ? deadline : DEFAULT_PROGRESS_DEADLINE_SECONDS;
  if (effective !== undefined && effective <= minReady) {
    out.push(invalid('spec.progressDeadlineSeconds', effective, 'must be greater than minReadySeconds'));
  }
  return out;
}

function checkReplicaSet(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  readNonNegativeInt32(out, spec.replicas, 'spec.replicas');
  readNonNegativeInt32(out, spec.minReadySeconds, 'spec.minReadySeconds');
  validateWorkloadSelector(out, spec, 'deployment');
  validateLongRunningTemplate(out, spec, 'ReplicaSet');
  return out;
}

function checkDaemonSet(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  validateWorkloadSelector(out, spec, 'daemonset');
  validateLongRunningTemplate(out, spec, 'DaemonSet');
  readNonNegativeInt32(out, spec.minReadySeconds, 'spec.minReadySeconds');
  readNonNegativeInt32(out, spec.revisionHistoryLimit, 'spec.revisionHistoryLimit');
  const strategy = asObject(spec.updateStrategy) ?? {};
  const type = defaulted(strategy.type, 'RollingUpdate');
  if (type === 'RollingUpdate') {
    const ru = asObject(strategy.rollingUpdate) ?? {};
    const path = 'spec.updateStrategy.rollingUpdate';
    const maxUnavailable = ru.maxUnavailable ?? 1;
    const maxSurge = ru.maxSurge ?? 0;
    const hasUnavailable = !isZeroIntOrPercent(maxUnavailable);
    const hasSurge = !isZeroIntOrPercent(maxSurge);
    if (hasUnavailable) {
      validateNonNegativeIntOrPercent(out, maxUnavailable, `${path}.maxUnavailable`);
      validateNotMoreThan100Percent(out, maxUnavailable, `${path}.maxUnavailable`);
    }
    if (hasSurge) {
      validateNonNegativeIntOrPercent(out, maxSurge, `${path}.maxSurge`);
      validateNotMoreThan100Percent(out, maxSurge, `${path}.maxSurge`);
    }
    if (hasUnavailable && hasSurge) {
      out.push(invalid(`${path}.maxSurge`, maxSurge, 'may not be set when maxUnavailable is non-zero'));
    } else if (!hasUnavailable && !hasSurge) {
      out.push(required(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
    }
  } else if (type !== 'OnDelete') {
    out.push(notSupported('spec.updateStrategy.type', type, ['RollingUpdate', 'OnDelete']));
  }
  return out;
}

function rule(id: string, kind: string, description: string, example: string, check: (o: KubeObject) => Violation[]): ObjectRule {
  return { id, layer: Layer.API, defaultSeverity: Severity.ERROR, scope: 'object', kinds: [kind], description, example, check };
}

/** `api/deployment`. */
export const DEPLOYMENT_RULE = rule(
  'api/deployment',
  'Deployment',
  'Deployment spec: non-negative replicas/minReadySeconds/revisionHistoryLimit, a non-empty selector matching the template labels, restartPolicy Always, no activeDeadlineSeconds, strategy type and rollingUpdate values, progressDeadlineSeconds greater than minReadySeconds.',
  'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
  checkDeployment,
);

/** `api/replicaset`. */
export const REPLICASET_RULE = rule(
  'api/replicaset',
  'ReplicaSet',
  'ReplicaSet spec: non-negative replicas and minReadySeconds, a non-empty selector matching the template labels, restartPolicy Always, no activeDeadlineSeconds.',
  'spec.selector: Invalid value: map[string]string{}: empty selector is invalid for deployment',
  checkReplicaSet,
);

/** `api/daemonset`. */
export const DAEMONSET_RULE = rule(
  'api/daemonset',
  'DaemonSet',
  'DaemonSet spec: a non-empty selector matching the template labels, restartPolicy Always, no activeDeadlineSeconds, updateStrategy (exactly one of maxUnavailable and maxSurge non-zero).',
  'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
  checkDaemonSet,
);
