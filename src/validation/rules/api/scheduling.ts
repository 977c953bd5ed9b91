/**
 * Scheduling and DNS rules of a pod spec: node and pod affinity, tolerations, topology spread
 * constraints, dnsPolicy and dnsConfig.
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go` (`validateAffinity`,
 * `ValidateNodeSelector`, `validatePodAffinityTerm`, `ValidateTolerations`, `validateTopologySpreadConstraints`,
 * `validateDNSPolicy`, `validatePodDNSConfig`).
 */
import { Violation } from '../../types';
import {
  asArray,
  asObject,
  asStruct,
  duplicate,
  forbidden,
  invalid,
  invalidEach,
  JsonObject,
  notSupported,
  readInt32,
  required,
} from '../common/field';
import { isDns1123Label, isDns1123Subdomain, isValidLabelValue } from '../common/names';
import { ipFamily, isValidIp } from '../common/network';
import { validateLabelName, validateLabelSelector } from '../common/selector';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
/** dnsPolicy values in the API server's order. */
export const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_DNS_NAMESERVERS = 3;
const MAX_DNS_SEARCH_PATHS = 32;
const MAX_DNS_SEARCH_CHARS = 2048;

function validateNodeSelectorTerm(out: Violation[], term: JsonObject, path: string): void {
  asArray(term.matchExpressions).forEach((item, j) => {
    const rq = asObject(item);
    if (!rq) {
      return;
    }
    const p = `${path}.matchExpressions[${j}]`;
    const values = asArray(rq.values);
    switch (rq.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          out.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          out.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1) {
          out.push(required(`${p}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        }
        break;
      default:
        out.push(invalid(`${p}.operator`, rq.operator ?? '', 'not a valid selector operator'));
    }
    validateLabelName(out, typeof rq.key === 'string' ? rq.key : '', `${p}.key`);
  });
}

function validateWeight(out: Violation[], value: unknown, path: string): void {
  const w = readInt32(out, value, path);
  if (w !== undefined && (w <= 0 || w > 100)) {
    out.push(invalid(path, w, 'must be in the range 1-100'));
  }
}

function validatePodAffinityTerm(out: Violation[], term: JsonObject, path: string): void {
  validateLabelSelector(out, term.labelSelector, `${path}.labelSelector`);
  validateLabelSelector(out, term.namespaceSelector, `${path}.namespaceSelector`);
  for (const ns of asArray(term.namespaces)) {
    if (typeof ns === 'string') {
      invalidEach(out, `${path}.namespace`, ns, isDns1123Label(ns));
    }
  }
  const key = typeof term.topologyKey === 'string' ? term.topologyKey : '';
  if (key.length === 0) {
    out.push(required(`${path}.topologyKey`, 'can not be empty'));
  }
  validateLabelName(out, key, `${path}.topologyKey`);
}

function validatePodAffinity(out: Violation[], value: unknown, path: string): void {
  const pa = asObject(value);
  if (!pa) {
    return;
  }
  asArray(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    const term = asObject(t);
    if (term) {
      validatePodAffinityTerm(out, term, `${path}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`);
    }
  });
  asArray(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    const term = asObject(t);
    if (!term) {
      return;
    }
    const p = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    validateWeight(out, term.weight, `${p}.weight`);
    validatePodAffinityTerm(out, asObject(term.podAffinityTerm) ?? {}, `${p}.podAffinityTerm`);
  });
}

/** Checks `affinity` (node affinity, pod affinity, pod anti-affinity). */
export function validateAffinity(out: Violation[], value: unknown, path: string): void {
  const affinity = asObject(value);
  if (!affinity) {
    return;
  }
  const na = asObject(affinity.nodeAffinity);
  if (na) {
    const p = `${path}.nodeAffinity`;
    const req = asObject(na.requiredDuringSchedulingIgnoredDuringExecution);
    if (req) {
      const termsPath = `${p}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      const terms = asArray(req.nodeSelectorTerms);
      if (terms.length === 0) {
        out.push(required(termsPath, 'must have at least one node selector term'));
      }
      terms.forEach((t, i) => validateNodeSelectorTerm(out, asObject(t) ?? {}, `${termsPath}[${i}]`));
    }
    asArray(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const term = asObject(t) ?? {};
      const tp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      validateWeight(out, term.weight, `${tp}.weight`);
      validateNodeSelectorTerm(out, asObject(term.preference) ?? {}, `${tp}.preference`);
    });
  }
  validatePodAffinity(out, affinity.podAffinity, `${path}.podAffinity`);
  validatePodAffinity(out, affinity.podAntiAffinity, `${path}.podAntiAffinity`);
}

/** Checks `tolerations`. */
export function validateTolerations(out: Violation[], value: unknown, path: string): void {
  asArray(value).forEach((item, i) => {
    // a null entry is the zero Toleration (empty key with operator Equal: invalid)
    const t = asStruct(item);
    const p = `${path}[${i}]`;
    const key = typeof t.key === 'string' ? t.key : '';
    const operator = typeof t.operator === 'string' ? t.operator : '';
    const effect = typeof t.effect === 'string' ? t.effect : '';
    const tValue = typeof t.value === 'string' ? t.value : '';
    if (key.length > 0) {
      validateLabelName(out, key, `${p}.key`);
    }
    if (key.length === 0 && operator !== 'Exists') {
      out.push(invalid(`${p}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      out.push(invalid(`${p}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const errs = isValidLabelValue(tValue);
      if (errs.length > 0) {
        out.push(invalid(`${p}.operator`, tValue, errs.join(';')));
      }
    } else if (operator === 'Exists') {
      if (tValue.length > 0) {
        out.push(invalid(`${p}.operator`, t, "value must be empty when `operator` is 'Exists'"));
      }
    } else {
      out.push(notSupported(`${p}.operator`, operator, TOLERATION_OPERATORS));
    }
    if (effect.length > 0 && !TAINT_EFFECTS.includes(effect)) {
      out.push(notSupported(`${p}.effect`, effect, TAINT_EFFECTS));
    }
  });
}

/**
 * `validateMatchLabelKeys`: keys are label names, need a labelSelector and are not among its keys.
 */
function validateMatchLabelKeys(out: Violation[], keys: unknown, selector: unknown, path: string): void {
  const list = asArray(keys);
  if (list.length === 0) {
    return;
  }
  const sel = asObject(selector);
  const selectorKeys = new Set<unknown>();
  if (sel) {
    for (const key of Object.keys(asObject(sel.matchLabels) ?? {})) selectorKeys.add(key);
    for (const expr of asArray(sel.matchExpressions)) selectorKeys.add(asObject(expr)?.key);
  } else {
    out.push(forbidden(path, 'must not be specified when labelSelector is not set'));
  }
  list.forEach((key, i) => {
    if (typeof key !== 'string') return;
    validateLabelName(out, key, `${path}[${i}]`);
    if (selectorKeys.has(key)) {
      out.push(invalid(`${path}[${i}]`, key, 'exists in both matchLabelKeys and labelSelector'));
    }
  });
}

/** Checks `topologySpreadConstraints`. */
export function validateTopologySpreadConstraints(out: Violation[], value: unknown, path: string): void {
  const list = asArray(value).map((c) => asObject(c) ?? {});
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    const skew = readInt32(out, c.maxSkew, `${p}.maxSkew`);
    if (skew !== undefined && skew <= 0) {
      out.push(invalid(`${p}.maxSkew`, skew, 'must be greater than zero'));
    }
    if (!c.topologyKey) {
      out.push(required(`${p}.topologyKey`, 'can not be empty'));
    }
    const when = c.whenUnsatisfiable;
    if (typeof when !== 'string' || !WHEN_UNSATISFIABLE.includes(when)) {
      out.push(notSupported(`${p}.whenUnsatisfiable`, when ?? '', WHEN_UNSATISFIABLE));
    }
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === when)) {
      out.push(duplicate(`${p}.{topologyKey, whenUnsatisfiable}`, `{${String(c.topologyKey ?? '')}, ${String(when ?? '')}}`));
    }
    const minDomains = readInt32(out, c.minDomains, `${p}.minDomains`);
    if (minDomains !== undefined) {
      if (minDomains <= 0) {
        out.push(invalid(`${p}.minDomains`, minDomains, 'must be greater than zero'));
      }
      if (when !== 'DoNotSchedule') {
        out.push(invalid(`${p}.minDomains`, minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${String(when ?? '')}`));
      }
    }
    validateLabelSelector(out, c.labelSelector, `${p}.labelSelector`);
    if (c.matchLabelKeys !== undefined) validateMatchLabelKeys(out, c.matchLabelKeys, c.labelSelector, `${p}.matchLabelKeys`);
  });
}

/**
 * `ValidateHostAliases`: each entry's ip is an address (a null entry is the zero alias, whose empty ip
 * is not) and its hostnames DNS subdomains. As on the server, the paths carry no index.
 */
export function validateHostAliases(out: Violation[], value: unknown, path: string): void {
  for (const item of asArray(value)) {
    const alias = asStruct(item);
    const ip = typeof alias.ip === 'string' ? alias.ip : '';
    if (ipFamily(ip) === 0) {
      out.push(invalid(`${path}.ip`, ip, 'must be valid IP address'));
    }
    for (const hostname of asArray(alias.hostnames)) {
      if (typeof hostname === 'string') invalidEach(out, `${path}.hostnames`, hostname, isDns1123Subdomain(hostname));
    }
  }
}

/** Checks `dnsPolicy` and `dnsConfig`. */
export function validateDns(out: Violation[], spec: JsonObject, path: string): void {
  const policy = spec.dnsPolicy;
  if (typeof policy === 'string' && policy !== '' && !DNS_POLICIES.includes(policy)) {
    out.push(notSupported(`${path}.dnsPolicy`, policy, DNS_POLICIES));
  }
  const config = asObject(spec.dnsConfig);
  const cp = `${path}.dnsConfig`;
  const nameservers = asArray(config?.nameservers);
  if (policy === 'None') {
    if (!config) {
      out.push(required(cp, 'must provide `dnsConfig` when `dnsPolicy` is None'));
      return;
    }
    if (nameservers.length === 0) {
      out.push(required(`${cp}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
      return;
    }
  }
  if (!config) {
    return;
  }
  if (nameservers.length > MAX_DNS_NAMESERVERS) {
    out.push(invalid(`${cp}.nameservers`, nameservers, `must not have more than ${MAX_DNS_NAMESERVERS} nameservers`));
  }
  nameservers.forEach((ns, i) => {
    if (typeof ns === 'string' && isValidIp(ns).length > 0) {
      out.push(invalid(`${cp}.nameservers[${i}]`, ns, 'must be valid IP address'));
    }
  });
  const searches = asArray(config.searches).filter((s): s is string => typeof s === 'string');
  if (searches.length > MAX_DNS_SEARCH_PATHS) {
    out.push(invalid(`${cp}.searches`, searches, `must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`));
  }
  if (searches.join(' ').length > MAX_DNS_SEARCH_CHARS) {
    out.push(invalid(`${cp}.searches`, searches, `must not have more than ${MAX_DNS_SEARCH_CHARS} characters (including spaces) in the search list`));
  }
  searches.forEach((s, i) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    invalidEach(out, `${cp}.searches[${i}]`, trimmed, isDns1123Subdomain(trimmed));
  });
  asArray(config.options).forEach((o, i) => {
    if (!asObject(o)?.name) {
      out.push(required(`${cp}.options[${i}]`, 'Option.Name must not be empty'));
    }
  });
}
