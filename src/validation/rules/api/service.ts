/**
 * `api/service`: Service spec rules (`ValidateService`, `validateServicePort`,
 * `ValidateServiceClusterIPsRelatedFields`, `ValidateNonSpecialIP`, `validateLoadBalancerClassField`
 * in `pkg/apis/core/validation/validation.go`), after core/v1 `SetDefaults_Service` and the create
 * strategy's `NormalizeClusterIPs` (`pkg/registry/core/service/strategy.go`: a `clusterIP` alone
 * fills `clusterIPs`).
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import {
  asArray,
  asObject,
  asStruct,
  duplicate,
  forbidden,
  invalid,
  invalidEach,
  notSupported,
  isSet,
  JsonObject,
  readInt32,
  required,
} from '../common/field';
import { isDns1123Label, isDns1123Subdomain, isQualifiedName, isValidPortNum } from '../common/names';
import { ipFamily, isValidIp, parseCidr, parseIp } from '../common/network';
import { validatePortNumOrName } from '../common/int-or-string';
import { validateLabels } from '../common/selector';
import { PORT_PROTOCOLS } from './container';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/**
 * `ValidateNonSpecialIP`: external IPs may not be unspecified, loopback or link-local (an IPv4-mapped
 * IPv6 address counts as IPv4, as in Go).
 */
function nonSpecialIpErrors(value: string): string[] {
  const ip = parseIp(value);
  if (!ip) return [];
  const errs: string[] = [];
  let v4: number | undefined;
  if (ip.family === 4) v4 = Number(ip.address);
  else if (ip.address >> 32n === 0xffffn) v4 = Number(ip.address & 0xffffffffn);
  if (v4 !== undefined) {
    const a = v4 >>> 24;
    const b = (v4 >>> 16) & 0xff;
    if (v4 === 0) errs.push('may not be unspecified (0.0.0.0)');
    if (a === 127) errs.push('may not be in the loopback range (127.0.0.0/8)');
    if (a === 169 && b === 254) errs.push('may not be in the link-local range (169.254.0.0/16)');
    if (a === 224 && b === 0 && ((v4 >>> 8) & 0xff) === 0) errs.push('may not be in the link-local multicast range (224.0.0.0/24)');
    return errs;
  }
  const top = Number(ip.address >> 112n);
  if (ip.address === 0n) errs.push('may not be unspecified (0.0.0.0)');
  if (ip.address === 1n) errs.push('may not be in the loopback range (127.0.0.0/8)');
  if ((top & 0xffc0) === 0xfe80) errs.push('may not be in the link-local range (169.254.0.0/16)');
  if ((top & 0xff0f) === 0xff02) errs.push('may not be in the link-local multicast range (224.0.0.0/24)');
  return errs;
}

/**
 * `ValidateServiceClusterIPsRelatedFields` (not for ExternalName): clusterIP and clusterIPs agree,
 * ipFamilies and ipFamilyPolicy values, at most two cluster IPs of different families, each matching
 * its ipFamilies entry. `clusterIPs` is what `NormalizeClusterIPs` leaves.
 */
function validateClusterIps(out: Violation[], spec: JsonObject, clusterIPs: readonly unknown[]): void {
  const clusterIP = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  const given = asArray(spec.clusterIPs);
  if (clusterIP.length > 0) {
    if (given.length > 0 && given[0] !== clusterIP) {
      out.push(invalid('spec.clusterIPs', given, 'first value must match `clusterIP`'));
    }
  } else if (given.length > 0) {
    out.push(invalid('spec.clusterIPs', given, 'must be empty when `clusterIP` is not specified'));
  }
  const families = asArray(spec.ipFamilies);
  const seen = new Set<unknown>();
  families.forEach((family, i) => {
    if (typeof family !== 'string' || !IP_FAMILIES.includes(family)) {
      out.push(notSupported(`spec.ipFamilies[${i}]`, family, IP_FAMILIES));
    }
    if (seen.has(family)) out.push(duplicate(`spec.ipFamilies[${i}]`, family));
    seen.add(family);
  });
  if (typeof spec.ipFamilyPolicy === 'string' && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    out.push(notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  let invalidIps = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalidIps = true;
        out.push(invalid('spec.clusterIPs', clusterIPs, "'None' must be the first and only value"));
      }
    } else if (typeof ip === 'string') {
      const errs = isValidIp(ip);
      if (errs.length > 0) invalidIps = true;
      invalidEach(out, clusterIPs === given ? `spec.clusterIPs[${i}]` : 'spec.clusterIP', ip, errs);
    }
  });
  if (clusterIPs.length > 2) {
    out.push(invalid('spec.clusterIPs', clusterIPs, 'may only hold up to 2 values'));
  }
  if (invalidIps) return;
  const ipFamilies = clusterIPs.map((ip) => (typeof ip === 'string' ? ipFamily(ip) : 0));
  // netutils.IsDualStackIPStrings: at least one address of each family
  if (clusterIPs.length > 1 && !(ipFamilies.includes(4) && ipFamilies.includes(6))) {
    out.push(invalid('spec.clusterIPs', clusterIPs, 'may specify no more than one IP for each IP family'));
  }
  if (clusterIPs[0] !== 'None') {
    for (let i = 0; i < clusterIPs.length && i < families.length; i++) {
      if (families[i] === 'IPv4' && ipFamilies[i] === 6) {
        out.push(invalid(`spec.clusterIPs[${i}]`, clusterIPs[i], `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (families[i] === 'IPv6' && ipFamilies[i] !== 6) {
        out.push(invalid(`spec.clusterIPs[${i}]`, clusterIPs[i], `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    }
  }
}

function checkService(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  const type = typeof spec.type === 'string' && spec.type !== '' ? spec.type : 'ClusterIP';
  const clusterIPs = asArray(spec.clusterIPs).length > 0 ? asArray(spec.clusterIPs) : (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? [spec.clusterIP] : []);
  const ipsPath = asArray(spec.clusterIPs).length > 0 ? 'spec.clusterIPs' : 'spec.clusterIP';
  const headless = clusterIPs[0] === 'None';
  const ports = asArray(spec.ports).map((p) => asObject(p) ?? {});
  if (ports.length === 0 && !headless && type !== 'ExternalName') {
    out.push(required('spec.ports'));
  }
  if (!SERVICE_TYPES.includes(type)) {
    out.push(notSupported('spec.type', type, SERVICE_TYPES));
  }
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless) {
    out.push(invalid(ipsPath === 'spec.clusterIPs' ? 'spec.clusterIPs[0]' : ipsPath, 'None', `may not be set to 'None' for ${type} services`));
  }
  if (type === 'ExternalName') {
    if (clusterIPs.length > 0) {
      out.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    }
    for (const field of ['ipFamilies', 'ipFamilyPolicy']) {
      if (spec[field] !== undefined && spec[field] !== null && !(Array.isArray(spec[field]) && asArray(spec[field]).length === 0)) {
        out.push(forbidden(`spec.${field}`, 'may not be set for ExternalName services'));
      }
    }
    const externalName = typeof spec.externalName === 'string' ? spec.externalName : '';
    const clean = externalName.endsWith('.') ? externalName.slice(0, -1) : externalName;
    invalidEach(out, 'spec.externalName', externalName, isDns1123Subdomain(clean));
  }
  if (type !== 'ExternalName') {
    validateClusterIps(out, spec, clusterIPs);
  }
  if (isSet(spec.loadBalancerClass)) {
    if (type !== 'LoadBalancer') {
      out.push(forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
    } else if (typeof spec.loadBalancerClass === 'string') {
      invalidEach(out, 'spec.loadBalancerClass', spec.loadBalancerClass, isQualifiedName(spec.loadBalancerClass));
    }
  }
  const names = new Set<string>();
  const seenPorts = new Set<string>();
  const seenNodePorts = new Set<string>();
  ports.forEach((port, i) => {
    const p = `spec.ports[${i}]`;
    const name = typeof port.name === 'string' ? port.name : '';
    if (ports.length > 1 && name.length === 0) {
      out.push(required(`${p}.name`));
    } else if (name.length > 0) {
      invalidEach(out, `${p}.name`, name, isDns1123Label(name));
      if (names.has(name)) {
        out.push(duplicate(`${p}.name`, name));
      }
      names.add(name);
    }
    const portNum = readInt32(out, port.port, `${p}.port`);
    if (portNum !== undefined) {
      invalidEach(out, `${p}.port`, portNum, isValidPortNum(portNum));
    }
    const protocol = typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP';
    if (!PORT_PROTOCOLS.includes(protocol)) {
      out.push(notSupported(`${p}.protocol`, protocol, PORT_PROTOCOLS));
    }
    if (port.targetPort !== 0 && port.targetPort !== '') {
      validatePortNumOrName(out, port.targetPort, `${p}.targetPort`);
    }
    if (typeof port.appProtocol === 'string') {
      invalidEach(out, `${p}.appProtocol`, port.appProtocol, isQualifiedName(port.appProtocol));
    }
    const nodePort = readInt32(out, port.nodePort, `${p}.nodePort`);
    if (nodePort !== undefined && nodePort !== 0) {
      if (type === 'ClusterIP') {
        out.push(forbidden(`${p}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
      }
      const key = `${protocol}/${nodePort}`;
      if (seenNodePorts.has(key)) {
        out.push(duplicate(`${p}.nodePort`, nodePort));
      }
      seenNodePorts.add(key);
    }
    const key = `${protocol}/${String(port.port)}`;
    if (seenPorts.has(key)) {
      out.push(duplicate(p, { port: port.port, protocol }));
    }
    seenPorts.add(key);
  });
  validateLabels(out, spec.selector, 'spec.selector');
  const affinity = typeof spec.sessionAffinity === 'string' && spec.sessionAffinity !== '' ? spec.sessionAffinity : 'None';
  if (!SESSION_AFFINITIES.includes(affinity)) {
    out.push(notSupported('spec.sessionAffinity', affinity, SESSION_AFFINITIES));
  }
  if (affinity === 'ClientIP') {
    const timeoutPath = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
    const timeout = readInt32(out, asObject(asObject(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds, timeoutPath);
    if (timeout !== undefined && !(timeout > 0 && timeout <= MAX_CLIENT_IP_AFFINITY_SECONDS)) {
      out.push(invalid(timeoutPath, timeout, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
    }
  }
  // core/v1 SetDefaults_Service drops sessionAffinityConfig when sessionAffinity is (or defaults to)
  // None, so ValidateService's "must not be set when session affinity is None" never fires on create.
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && asArray(spec.externalIPs).length > 0);
  if (externallyAccessible && typeof spec.externalTrafficPolicy === 'string' && spec.externalTrafficPolicy !== '' && !TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) {
    out.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  const hcnp = readInt32(out, spec.healthCheckNodePort, 'spec.healthCheckNodePort');
  if (hcnp !== undefined && hcnp !== 0 && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
    out.push(invalid('spec.healthCheckNodePort', hcnp, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  const ranges = asArray(spec.loadBalancerSourceRanges);
  if (ranges.length > 0) {
    if (type !== 'LoadBalancer') {
      out.push(forbidden('spec.loadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
    }
    ranges.forEach((r, i) => {
      if (typeof r === 'string' && !parseCidr(r.trim())) {
        out.push(invalid(`spec.loadBalancerSourceRanges[${i}]`, r, 'must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 '));
      }
    });
  }
  if (type !== 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null) {
    out.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  asArray(spec.externalIPs).forEach((ip, i) => {
    if (typeof ip === 'string') {
      const errs = isValidIp(ip);
      invalidEach(out, `spec.externalIPs[${i}]`, ip, errs.length > 0 ? errs : nonSpecialIpErrors(ip));
    }
  });
  return out;
}

/** `api/service`. */
export const SERVICE_RULE: ObjectRule = {
  id: 'api/service',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Service'],
  description:
    'Service spec: ports required (except headless/ExternalName), every port named (DNS label) when there are several, unique names and protocol/port pairs, port 1-65535, targetPort a number or IANA name, type-specific fields (nodePort, clusterIP None, externalName, loadBalancerSourceRanges, loadBalancerClass), clusterIP/clusterIPs/ipFamilies/ipFamilyPolicy consistency, external IPs that are addresses but not loopback, unspecified or link-local, sessionAffinity, selector labels.',
  example: 'spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)',
  check: checkService,
};
