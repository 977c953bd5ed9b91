/**
 * `api/hpa`: autoscaling/v2 HorizontalPodAutoscaler rules (`ValidateHorizontalPodAutoscaler`).
 *
 * Source (1.28): `pkg/apis/autoscaling/validation/validation.go` (`validateHorizontalPodAutoscalerSpec`,
 * `validateMetricSpec`, `validateScalingRules`; the scale target, the metrics and the behavior are validated
 * independently, as in release-1.27 and 1.28), defaults from `pkg/apis/autoscaling/v2/defaults.go`
 * (minReplicas 1, the default scale-up and scale-down policies). The supported-value lists are Go's
 * `sets.String.List()`, so they print sorted.
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import {
  asArray,
  asObject,
  asStruct,
  forbidden,
  invalid,
  invalidEach,
  isSet,
  JsonObject,
  notSupported,
  readInt32,
  required,
} from '../common/field';
import { isDns1123Label, isValidPathSegmentName } from '../common/names';
import { Quantity } from '../common/quantity';
import { validateLabelSelector } from '../common/selector';
import { validateContainerResourceName } from './resources';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
/** The source field of each metric type, in the order `validateMetricSpec` looks at them (the first set one is validated). */
const FIELD_OF_TYPE: Readonly<Record<string, string>> = {
  Object: 'object', External: 'external', Pods: 'pods', Resource: 'resource', ContainerResource: 'containerResource',
};
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;

function validateRef(out: Violation[], value: unknown, path: string): void {
  const ref = asObject(value) ?? {};
  for (const field of ['kind', 'name']) {
    const v = typeof ref[field] === 'string' ? (ref[field] as string) : '';
    if (v.length === 0) {
      out.push(required(`${path}.${field}`));
    } else {
      invalidEach(out, `${path}.${field}`, v, isValidPathSegmentName(v));
    }
  }
}

function validateIdentifier(out: Violation[], value: unknown, path: string): void {
  const id = asObject(value) ?? {};
  const name = typeof id.name === 'string' ? id.name : '';
  if (name.length === 0) {
    out.push(required(`${path}.name`, 'must specify a metric name'));
  } else {
    invalidEach(out, `${path}.name`, name, isValidPathSegmentName(name));
  }
  validateLabelSelector(out, id.selector, `${path}.selector`);
}

function validateTarget(out: Violation[], target: JsonObject, path: string): void {
  if (!target.type) {
    out.push(required(`${path}.type`, 'must specify a metric target type'));
  }
  if (target.type !== 'Utilization' && target.type !== 'Value' && target.type !== 'AverageValue') {
    out.push(invalid(`${path}.type`, target.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  }
  for (const field of ['value', 'averageValue']) {
    const q = Quantity.parse(target[field]);
    if (q && q.sign !== 1) {
      out.push(invalid(`${path}.${field}`, q.toString(), 'must be positive'));
    }
  }
  const util = readInt32(out, target.averageUtilization, `${path}.averageUtilization`);
  if (util !== undefined && util < 1) {
    out.push(invalid(`${path}.averageUtilization`, util, 'must be greater than 0'));
  }
}

function validateSource(out: Violation[], field: string, src: JsonObject, path: string): void {
  const target = asObject(src.target) ?? {};
  const tp = `${path}.target`;
  switch (field) {
    case 'resource':
    case 'containerResource': {
      if (!src.name) {
        out.push(required(`${path}.name`, 'must specify a resource name'));
      } else if (field === 'containerResource' && typeof src.name === 'string') {
        validateContainerResourceName(out, src.name, `${path}.name`);
      }
      if (field === 'containerResource') {
        const container = typeof src.container === 'string' ? src.container : '';
        if (container.length === 0) {
          out.push(required(`${path}.container`, 'must specify a container'));
        } else {
          invalidEach(out, `${path}.container`, container, isDns1123Label(container));
        }
      }
      validateTarget(out, target, tp);
      if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
        out.push(required(`${tp}.averageUtilization`, 'must set either a target raw value or a target utilization'));
      }
      if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
        out.push(forbidden(`${tp}.averageValue`, 'may not set both a target raw value and a target utilization'));
      }
      break;
    }
    case 'pods':
      validateIdentifier(out, src.metric, `${path}.metric`);
      validateTarget(out, target, tp);
      if (!isSet(target.averageValue)) {
        out.push(required(`${tp}.averageValue`, 'must specify a positive target averageValue'));
      }
      break;
    case 'object':
      validateRef(out, src.describedObject, `${path}.describedObject`);
      validateIdentifier(out, src.metric, `${path}.metric`);
      validateTarget(out, target, tp);
      if (!isSet(target.value) && !isSet(target.averageValue)) {
        out.push(required(`${tp}.averageValue`, 'must set either a target value or averageValue'));
      }
      break;
    case 'external':
      validateIdentifier(out, src.metric, `${path}.metric`);
      validateTarget(out, target, tp);
      if (!isSet(target.value) && !isSet(target.averageValue)) {
        out.push(required(`${tp}.averageValue`, 'must set either a target value for metric or a per-pod target'));
      }
      if (isSet(target.value) && isSet(target.averageValue)) {
        out.push(forbidden(`${tp}.value`, 'may not set both a target value for metric and a per-pod target'));
      }
      break;
    default:
      break;
  }
}

function validateMetric(out: Violation[], metric: JsonObject, path: string): void {
  const type = metric.type;
  if (!type) {
    out.push(required(`${path}.type`, 'must specify a metric source type'));
  }
  const present = Object.values(FIELD_OF_TYPE).filter((f) => isSet(metric[f]));
  if (present.length > 0) {
    validateSource(out, present[0], asObject(metric[present[0]]) ?? {}, `${path}.${present[0]}`);
  }
  const expected = typeof type === 'string' && Object.hasOwn(FIELD_OF_TYPE, type) ? FIELD_OF_TYPE[type] : undefined;
  if (!expected) {
    out.push(notSupported(`${path}.type`, type ?? '', METRIC_TYPES));
  } else if (!isSet(metric[expected])) {
    out.push(required(`${path}.${expected}`, 'must populate information for the given metric source'));
  }
  if (present.length !== 1) {
    for (const f of present) {
      if (f !== expected) {
        out.push(forbidden(`${path}.${f}`, 'must populate the given metric source only'));
      }
    }
  }
}

function validateScalingRules(out: Violation[], value: unknown, path: string): void {
  const rules = asObject(value);
  if (!rules) {
    return;
  }
  const window = readInt32(out, rules.stabilizationWindowSeconds, `${path}.stabilizationWindowSeconds`);
  if (window !== undefined && window < 0) {
    out.push(invalid(`${path}.stabilizationWindowSeconds`, window, 'must be greater than or equal to zero'));
  }
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    out.push(invalid(`${path}.stabilizationWindowSeconds`, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (typeof rules.selectPolicy === 'string' && !SELECT_POLICIES.includes(rules.selectPolicy)) {
    out.push(notSupported(`${path}.selectPolicy`, rules.selectPolicy, SELECT_POLICIES));
  }
  // Policies left out are defaulted; an explicit empty list is not.
  if (Array.isArray(rules.policies) && rules.policies.length === 0) {
    out.push(required(`${path}.policies`, 'must specify at least one Policy'));
  }
  asArray(rules.policies).forEach((item, i) => {
    const policy = asObject(item) ?? {};
    const p = `${path}.policies[${i}]`;
    if (policy.type !== 'Pods' && policy.type !== 'Percent') {
      out.push(notSupported(`${p}.type`, policy.type ?? '', POLICY_TYPES));
    }
    const v = readInt32(out, policy.value, `${p}.value`) ?? 0;
    if (v <= 0) {
      out.push(invalid(`${p}.value`, v, 'must be greater than zero'));
    }
    const period = readInt32(out, policy.periodSeconds, `${p}.periodSeconds`) ?? 0;
    if (period <= 0) {
      out.push(invalid(`${p}.periodSeconds`, period, 'must be greater than zero'));
    }
    if (period > MAX_PERIOD_SECONDS) {
      out.push(invalid(`${p}.periodSeconds`, period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
    }
  });
}

function checkHpa(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  const min = readInt32(out, spec.minReplicas, 'spec.minReplicas');
  const max = readInt32(out, spec.maxReplicas, 'spec.maxReplicas') ?? 0;
  if (min !== undefined && min < 1) {
    out.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  }
  if (max < 1) {
    out.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  }
  if (max < (min ?? 1)) {
    out.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  }
  // scaleTargetRef, metrics and behavior are each validated, whatever the others hold
  validateRef(out, spec.scaleTargetRef, 'spec.scaleTargetRef');
  asArray(spec.metrics).forEach((m, i) => validateMetric(out, asObject(m) ?? {}, `spec.metrics[${i}]`));
  const behavior = asObject(spec.behavior);
  if (behavior) {
    validateScalingRules(out, behavior.scaleUp, 'spec.behavior.scaleUp');
    validateScalingRules(out, behavior.scaleDown, 'spec.behavior.scaleDown');
  }
  return out;
}

/** `api/hpa`. */
export const HPA_RULE: ObjectRule = {
  id: 'api/hpa',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['HorizontalPodAutoscaler'],
  description:
    'HorizontalPodAutoscaler (autoscaling/v2): minReplicas >= 1, maxReplicas >= minReplicas, scaleTargetRef kind and name, metrics with exactly the matching source and a valid target (Resource needs averageUtilization or averageValue), behavior windows, select policies and scaling policies.',
  example: 'spec.maxReplicas: Invalid value: 1: must be greater than or equal to `minReplicas`',
  check: checkHpa,
};
