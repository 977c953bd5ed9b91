/**
 * `api/resourcequota`, `api/limitrange`: `ValidateResourceQuotaSpec` and `ValidateLimitRange` of
 * kubernetes/kubernetes `pkg/apis/core/validation/validation.go` (1.28), after core/v1
 * `SetDefaults_LimitRangeItem` (a Container item's missing default is its max, a missing default
 * request its default, else its min).
 *
 * Go prints a Quantity bad value as a struct; these findings print its canonical string instead
 * (`Invalid value: "2"`), followed by the server's detail.
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import { asArray, asObject, asStruct, duplicate, forbidden, invalid, invalidEach, JsonObject, required } from '../common/field';
import { isQualifiedName } from '../common/names';
import { Quantity } from '../common/quantity';

/** Limit types without a `/` (`IsStandardLimitRangeType`). */
const STANDARD_LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];

function quantities(value: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  const map = asObject(value);
  if (!map) return out;
  for (const key of Object.keys(map)) {
    const q = Quantity.parse(map[key]);
    if (q) out.set(key, q);
  }
  return out;
}

function checkResourceQuota(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  const hard = quantities(asStruct(object.spec).hard);
  for (const [name, q] of hard) {
    // ValidateResourceQuantityValue → ValidateNonnegativeQuantity
    if (q.sign < 0) out.push(invalid(`spec.hard[${name}]`, q.toString(), 'must be greater than or equal to 0'));
  }
  return out;
}

/** `validateLimitRangeTypeName`: a qualified name, and a standard type when unprefixed. */
function validateLimitType(out: Violation[], type: string, path: string): void {
  const errs = isQualifiedName(type);
  invalidEach(out, path, type, errs);
  if (errs.length === 0 && !type.includes('/') && !STANDARD_LIMIT_TYPES.includes(type)) {
    out.push(invalid(path, type, 'must be a standard limit type or fully qualified'));
  }
}

/** The defaults `SetDefaults_LimitRangeItem` gives a Container item. */
function withContainerDefaults(item: JsonObject, max: Map<string, Quantity>, min: Map<string, Quantity>): {
  defaults: Map<string, Quantity>;
  defaultRequests: Map<string, Quantity>;
} {
  const defaults = quantities(item.default);
  const defaultRequests = quantities(item.defaultRequest);
  if (item.type === 'Container') {
    for (const [k, q] of max) if (!defaults.has(k)) defaults.set(k, q);
    for (const [k, q] of defaults) if (!defaultRequests.has(k)) defaultRequests.set(k, q);
    for (const [k, q] of min) if (!defaultRequests.has(k)) defaultRequests.set(k, q);
  }
  return { defaults, defaultRequests };
}

function checkLimitRange(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  const types = new Set<string>();
  asArray(asStruct(object.spec).limits).forEach((raw, i) => {
    const item = asStruct(raw);
    const p = `spec.limits[${i}]`;
    const type = typeof item.type === 'string' ? item.type : '';
    validateLimitType(out, type, `${p}.type`);
    if (types.has(type)) out.push(duplicate(`${p}.type`, type));
    types.add(type);
    const max = quantities(item.max);
    const min = quantities(item.min);
    const ratios = quantities(item.maxLimitRequestRatio);
    const { defaults, defaultRequests } = withContainerDefaults(item, max, min);
    if (type === 'Pod') {
      if (defaults.size > 0) out.push(forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
      if (defaultRequests.size > 0) out.push(forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    }
    if (type === 'PersistentVolumeClaim' && !min.has('storage') && !max.has('storage')) {
      out.push(required(`${p}.limits`, 'either minimum or maximum storage value is required, but neither was provided'));
    }
    const keys = new Set([...max.keys(), ...min.keys(), ...(type === 'Pod' ? [] : [...defaults.keys(), ...defaultRequests.keys()]), ...ratios.keys()]);
    for (const k of keys) {
      const lo = min.get(k);
      const hi = max.get(k);
      const def = type === 'Pod' ? undefined : defaults.get(k);
      const req = type === 'Pod' ? undefined : defaultRequests.get(k);
      const ratio = ratios.get(k);
      if (lo && hi && lo.compare(hi) > 0) {
        out.push(invalid(`${p}.min[${k}]`, lo.toString(), `min value ${lo.toString()} is greater than max value ${hi.toString()}`));
      }
      if (req && lo && lo.compare(req) > 0) {
        out.push(invalid(`${p}.defaultRequest[${k}]`, req.toString(), `min value ${lo.toString()} is greater than default request value ${req.toString()}`));
      }
      if (req && hi && req.compare(hi) > 0) {
        out.push(invalid(`${p}.defaultRequest[${k}]`, req.toString(), `default request value ${req.toString()} is greater than max value ${hi.toString()}`));
      }
      if (req && def && req.compare(def) > 0) {
        out.push(invalid(`${p}.defaultRequest[${k}]`, req.toString(), `default request value ${req.toString()} is greater than default limit value ${def.toString()}`));
      }
      if (def && lo && lo.compare(def) > 0) {
        out.push(invalid(`${p}.default[${k}]`, lo.toString(), `min value ${lo.toString()} is greater than default value ${def.toString()}`));
      }
      if (def && hi && def.compare(hi) > 0) {
        out.push(invalid(`${p}.default[${k}]`, hi.toString(), `default value ${def.toString()} is greater than max value ${hi.toString()}`));
      }
      if (ratio && ratio.compare(ONE) < 0) {
        out.push(invalid(`${p}.maxLimitRequestRatio[${k}]`, ratio.toString(), `ratio ${ratio.toString()} is less than 1`));
      }
    }
  });
  return out;
}

const ONE = Quantity.parse('1')!;

/** `api/resourcequota`. */
export const RESOURCEQUOTA_RULE: ObjectRule = {
  id: 'api/resourcequota',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['ResourceQuota'],
  description: 'ResourceQuota spec.hard values are not negative.',
  example: 'spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0',
  check: checkResourceQuota,
};

/** `api/limitrange`. */
export const LIMITRANGE_RULE: ObjectRule = {
  id: 'api/limitrange',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['LimitRange'],
  description:
    'LimitRange limits: type Pod, Container, PersistentVolumeClaim or a qualified name, each once; min <= defaultRequest <= default <= max after defaulting, no defaults for Pod, a storage bound for PersistentVolumeClaim, maxLimitRequestRatio at least 1.',
  example: 'spec.limits[0].defaultRequest[cpu]: Invalid value: "2": default request value 2 is greater than default limit value 1',
  check: checkLimitRange,
};
