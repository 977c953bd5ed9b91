/**
 * `api/pdb`, `api/networkpolicy`, `api/namespace`: PodDisruptionBudget (policy/v1), NetworkPolicy
 * (networking.k8s.io/v1) and Namespace rules.
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/policy/validation/validation.go`
 * (`ValidatePodDisruptionBudgetSpec`), `pkg/apis/networking/validation/validation.go` (`ValidateNetworkPolicySpec`,
 * `ValidateNetworkPolicyPort`, `ValidateIPBlock`) after networking/v1 `SetDefaults_NetworkPolicyPort` and
 * `SetDefaults_NetworkPolicy`, and `pkg/apis/core/validation/validation.go` (`ValidateNamespace`,
 * `validateFinalizerName`).
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
import { isQualifiedName, isValidPortName, isValidPortNum, STANDARD_FINALIZERS } from '../common/names';
import { isStrictSubnet, parseCidr } from '../common/network';
import { validateNonNegativeIntOrPercent, validateNotMoreThan100Percent } from '../common/int-or-string';
import { validateLabelSelector } from '../common/selector';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];
const NP_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];

function checkPdb(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    out.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const field of ['minAvailable', 'maxUnavailable']) {
    if (isSet(spec[field])) {
      validateNonNegativeIntOrPercent(out, spec[field], `spec.${field}`);
      validateNotMoreThan100Percent(out, spec[field], `spec.${field}`);
    }
  }
  validateLabelSelector(out, spec.selector, 'spec.selector');
  const policy = spec.unhealthyPodEvictionPolicy;
  if (typeof policy === 'string' && !EVICTION_POLICIES.includes(policy)) {
    out.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, EVICTION_POLICIES));
  }
  return out;
}

function validateNpPort(out: Violation[], port: JsonObject, path: string): void {
  if (typeof port.protocol === 'string' && !NP_PROTOCOLS.includes(port.protocol)) {
    out.push(notSupported(`${path}.protocol`, port.protocol, NP_PROTOCOLS));
  }
  const endPort = readInt32(out, port.endPort, `${path}.endPort`);
  if (typeof port.port === 'number') {
    const n = readInt32(out, port.port, `${path}.port`);
    if (n === undefined) {
      return;
    }
    invalidEach(out, `${path}.port`, n, isValidPortNum(n));
    if (endPort !== undefined) {
      if (endPort < n) {
        out.push(invalid(`${path}.endPort`, n, 'must be greater than or equal to `port`'));
      }
      invalidEach(out, `${path}.endPort`, endPort, isValidPortNum(endPort));
    }
  } else if (typeof port.port === 'string') {
    if (endPort !== undefined) {
      out.push(invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is non-numeric'));
    }
    invalidEach(out, `${path}.port`, port.port, isValidPortName(port.port));
  } else if (endPort !== undefined) {
    out.push(invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is not specified'));
  }
}

function validatePeer(out: Violation[], peer: JsonObject, path: string): void {
  let count = 0;
  for (const field of ['podSelector', 'namespaceSelector']) {
    if (isSet(peer[field])) {
      count++;
      validateLabelSelector(out, peer[field], `${path}.${field}`);
    }
  }
  const ipBlock = asObject(peer.ipBlock);
  if (ipBlock) {
    count++;
    const p = `${path}.ipBlock`;
    const cidrText = typeof ipBlock.cidr === 'string' ? ipBlock.cidr : '';
    const cidr = parseCidr(cidrText);
    if (cidrText.length === 0) {
      out.push(required(`${p}.cidr`));
    } else if (!cidr) {
      out.push(invalid(`${p}.cidr`, cidrText, 'not a valid CIDR'));
    } else {
      const excepts = asArray(ipBlock.except);
      for (let i = 0; i < excepts.length; i++) {
        const text = typeof excepts[i] === 'string' ? (excepts[i] as string) : '';
        const except = parseCidr(text);
        if (!except) {
          out.push(invalid(`${p}.except[${i}]`, text, 'not a valid CIDR'));
          break;
        }
        if (!isStrictSubnet(except, cidr)) {
          out.push(invalid(`${p}.except[${i}]`, text, 'must be a strict subset of `cidr`'));
        }
      }
    }
  }
  if (count === 0) {
    out.push(required(path, 'must specify a peer'));
  } else if (count > 1 && ipBlock) {
    out.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  }
}

function checkNetworkPolicy(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  validateLabelSelector(out, spec.podSelector, 'spec.podSelector');
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']]) {
    asArray(spec[direction]).forEach((r, i) => {
      const rule = asObject(r) ?? {};
      const p = `spec.${direction}[${i}]`;
      asArray(rule.ports).forEach((port, j) => validateNpPort(out, asObject(port) ?? {}, `${p}.ports[${j}]`));
      asArray(rule[peers]).forEach((peer, j) => validatePeer(out, asObject(peer) ?? {}, `${p}.${peers}[${j}]`));
    });
  }
  const types = asArray(spec.policyTypes);
  if (types.length > 2) {
    out.push(invalid('spec.policyTypes', types, 'may not specify more than two policyTypes'));
    return out;
  }
  types.forEach((t, i) => {
    if (typeof t !== 'string' || !POLICY_TYPES.includes(t)) {
      out.push(notSupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
    }
  });
  return out;
}

function checkNamespace(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  for (const f of asArray(asObject(object.spec)?.finalizers)) {
    if (typeof f !== 'string') {
      continue;
    }
    invalidEach(out, 'spec.finalizers', f, isQualifiedName(f));
    if (!f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      out.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return out;
}

/** `api/pdb`. */
export const PDB_RULE: ObjectRule = {
  id: 'api/pdb',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['PodDisruptionBudget'],
  description:
    'PodDisruptionBudget: minAvailable and maxUnavailable not both set, each a non-negative integer or a percent up to 100% (a quoted "1" is not a percent), a valid selector, unhealthyPodEvictionPolicy.',
  example: 'spec.minAvailable: Invalid value: "1": a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')',
  check: checkPdb,
};

/** `api/networkpolicy`. */
export const NETWORKPOLICY_RULE: ObjectRule = {
  id: 'api/networkpolicy',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['NetworkPolicy'],
  description:
    'NetworkPolicy: valid selectors, peers with a selector or an ipBlock alone (valid CIDR, except strictly inside it), ports with protocol, number or IANA name and endPort >= port, at most two policyTypes Ingress/Egress.',
  example: 'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
  check: checkNetworkPolicy,
};

/** `api/namespace`. */
export const NAMESPACE_RULE: ObjectRule = {
  id: 'api/namespace',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Namespace'],
  description: 'Namespace spec.finalizers are standard or fully qualified names (the DNS-label name is checked by api/metadata).',
  example: 'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
  check: checkNamespace,
};
