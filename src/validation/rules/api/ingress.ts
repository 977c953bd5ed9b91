/**
 * `api/ingress`: networking.k8s.io/v1 Ingress rules (`ValidateIngressSpec`, `ValidateIngressCreate`).
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/networking/validation/validation.go` (`ValidateIngressCreate`,
 * `ValidateIngressSpec`, `validateIngressRules`, `validateHTTPIngressPath`, `validateIngressBackend`) through
 * `pkg/registry/networking/ingress/strategy.go`.
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import { asArray, asObject, invalid, invalidEach, JsonObject, notSupported, readInt32, required } from '../common/field';
import {
  isDns1035Label,
  isDns1123Subdomain,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  isWildcardDns1123Subdomain,
} from '../common/names';
import { isValidIp } from '../common/network';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
/** The deprecated class annotation. */
export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

function validateBackend(out: Violation[], backend: JsonObject, path: string): void {
  const resource = asObject(backend.resource);
  const service = asObject(backend.service);
  if (resource && service) {
    out.push(invalid(path, '', 'cannot set both resource and service backends'));
    return;
  }
  if (resource) {
    const p = `${path}.resource`;
    if (typeof resource.apiGroup === 'string') {
      invalidEach(out, `${p}.apiGroup`, resource.apiGroup, isDns1123Subdomain(resource.apiGroup));
    }
    for (const field of ['kind', 'name']) {
      const v = typeof resource[field] === 'string' ? (resource[field] as string) : '';
      if (v.length === 0) {
        out.push(required(`${p}.${field}`, `${field} is required`));
      } else {
        invalidEach(out, `${p}.${field}`, v, isValidPathSegmentName(v));
      }
    }
  } else if (service) {
    const p = `${path}.service`;
    const name = typeof service.name === 'string' ? service.name : '';
    if (name.length === 0) {
      out.push(required(`${p}.name`));
    } else {
      invalidEach(out, `${p}.name`, name, isDns1035Label(name));
    }
    const port = asObject(service.port) ?? {};
    const portName = typeof port.name === 'string' ? port.name : '';
    const portNumber = readInt32(out, port.number, `${p}.port.number`) ?? 0;
    if (portName.length > 0 && portNumber !== 0) {
      out.push(invalid(path, '', 'cannot set both port name & port number'));
    } else if (portName.length > 0) {
      invalidEach(out, `${p}.port.name`, portName, isValidPortName(portName));
    } else if (portNumber !== 0) {
      invalidEach(out, `${p}.port.number`, portNumber, isValidPortNum(portNumber));
    } else {
      out.push(required(path, 'port name or number is required'));
    }
  } else {
    out.push(invalid(path, '', 'resource or service backend is required'));
  }
}

function validateHost(out: Violation[], host: string, path: string): void {
  if (host.includes('*')) {
    invalidEach(out, path, host, isWildcardDns1123Subdomain(host));
  } else {
    invalidEach(out, path, host, isDns1123Subdomain(host));
  }
}

function validatePath(out: Violation[], item: JsonObject, path: string): void {
  const pathType = item.pathType;
  const value = typeof item.path === 'string' ? item.path : '';
  if (pathType === undefined || pathType === null) {
    out.push(required(`${path}.pathType`, 'pathType must be specified'));
    return;
  }
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) {
      out.push(invalid(`${path}.path`, value, 'must be an absolute path'));
    }
    for (const seq of INVALID_PATH_SEQUENCES) {
      if (value.includes(seq)) {
        out.push(invalid(`${path}.path`, value, `must not contain '${seq}'`));
      }
    }
    for (const suffix of INVALID_PATH_SUFFIXES) {
      if (value.endsWith(suffix)) {
        out.push(invalid(`${path}.path`, value, `cannot end with '${suffix}'`));
      }
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (value.length > 0 && !value.startsWith('/')) {
      out.push(invalid(`${path}.path`, value, 'must be an absolute path'));
    }
  } else {
    out.push(notSupported(`${path}.pathType`, pathType, PATH_TYPES));
  }
  validateBackend(out, asObject(item.backend) ?? {}, `${path}.backend`);
}

function checkIngress(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  const spec = asObject(object.spec) ?? {};
  const rules = asArray(spec.rules);
  const defaultBackend = asObject(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend) {
    out.push({ path: 'spec', message: 'Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified' });
  }
  if (defaultBackend) {
    validateBackend(out, defaultBackend, 'spec.defaultBackend');
  }
  rules.forEach((r, i) => {
    const rule = asObject(r) ?? {};
    const p = `spec.rules[${i}]`;
    if (typeof rule.host === 'string' && rule.host.length > 0) {
      if (isValidIp(rule.host).length === 0) {
        out.push(invalid(`${p}.host`, rule.host, 'must be a DNS name, not an IP address'));
      }
      validateHost(out, rule.host, `${p}.host`);
    }
    const http = asObject(rule.http);
    if (http) {
      const paths = asArray(http.paths);
      if (paths.length === 0) {
        out.push(required(`${p}.http.paths`));
      }
      paths.forEach((item, j) => validatePath(out, asObject(item) ?? {}, `${p}.http.paths[${j}]`));
    }
  });
  asArray(spec.tls).forEach((t, i) => {
    const tls = asObject(t) ?? {};
    asArray(tls.hosts).forEach((h, j) => {
      if (typeof h === 'string') {
        validateHost(out, h, `spec.tls[${i}].hosts[${j}]`);
      }
    });
    if (typeof tls.secretName === 'string' && tls.secretName.length > 0) {
      invalidEach(out, `spec.tls[${i}].secretName`, tls.secretName, isDns1123Subdomain(tls.secretName));
    }
  });
  if (typeof spec.ingressClassName === 'string') {
    invalidEach(out, 'spec.ingressClassName', spec.ingressClassName, isDns1123Subdomain(spec.ingressClassName));
    const annotation = asObject(asObject(object.metadata)?.annotations)?.[INGRESS_CLASS_ANNOTATION];
    // networking ValidateIngressCreate: the annotation may stay when it names the same class; the
    // server words the path without `metadata.` (field.NewPath("annotations").Child(...)).
    if (annotation !== undefined && annotation !== spec.ingressClassName) {
      out.push(invalid(`annotations.${INGRESS_CLASS_ANNOTATION}`, annotation, 'must match `ingressClassName` when both are specified'));
    }
  }
  return out;
}

/** `api/ingress`. */
export const INGRESS_RULE: ObjectRule = {
  id: 'api/ingress',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Ingress'],
  description:
    'Ingress spec: rules or defaultBackend, hosts are DNS subdomains or wildcards (not IPs), non-empty paths with a pathType and a clean absolute path, exactly one backend with a port name or number, TLS hosts and secret names, ingressClassName equal to the kubernetes.io/ingress.class annotation when both are set.',
  example: 'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
  check: checkIngress,
};
