/**
 * Ingress wiring: backends that point at missing Services or ports, TLS Secrets that are missing or
 * of the wrong type, and the same host and path routed twice.
 */
import { RuleContext, BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { asArray, asObject, asString, JsonObject } from '../common/field';
import { BundleIndex, describeNamespace, findExternal, IndexedObject } from './_support/bundle-index';

/** A backend reference of an Ingress with its path. */
interface BackendRef {
  readonly service: JsonObject;
  /** Path of the `service` field. */
  readonly path: string;
}

/** Every Service backend of an Ingress (default backend first, then rule paths). */
function backendsOf(ingress: IndexedObject): BackendRef[] {
  const spec = asObject(ingress.object.spec) ?? {};
  const out: BackendRef[] = [];
  const defaultService = asObject(asObject(spec.defaultBackend)?.service);
  if (defaultService) {
    out.push({ service: defaultService, path: 'spec.defaultBackend.service' });
  }
  asArray(spec.rules).forEach((rule, i) => {
    asArray(asObject(asObject(rule)?.http)?.paths).forEach((p, j) => {
      const service = asObject(asObject(asObject(p)?.backend)?.service);
      if (service) {
        out.push({ service, path: `spec.rules[${i}].http.paths[${j}].backend.service` });
      }
    });
  });
  return out;
}

/** Checks one backend against the Services of the bundle. */
function checkBackend(
  index: BundleIndex,
  context: RuleContext,
  ingress: IndexedObject,
  ref: BackendRef,
): BundleViolation | undefined {
  const name = asString(ref.service.name);
  if (name === undefined) {
    return undefined;
  }
  const service = index.find('Service', ingress.ns, name);
  if (!service) {
    if (findExternal(context, 'Service', ingress.ns, name)) {
      return undefined;
    }
    return {
      index: ingress.index,
      path: `${ref.path}.name`,
      message: `Not found: ${JSON.stringify(name)}: no Service ${JSON.stringify(name)} in ${describeNamespace(ingress)}; add it or declare it as an external object`,
    };
  }
  const port = asObject(ref.service.port) ?? {};
  const ports = asArray(asObject(service.object.spec)?.ports).map((p) => asObject(p) ?? {});
  if (typeof port.number === 'number' && !ports.some((p) => p.port === port.number)) {
    return {
      index: ingress.index,
      path: `${ref.path}.port.number`,
      message: `Not found: ${port.number}: Service ${JSON.stringify(name)} has no port ${port.number}`,
    };
  }
  if (typeof port.name === 'string' && !ports.some((p) => p.name === port.name)) {
    return {
      index: ingress.index,
      path: `${ref.path}.port.name`,
      message: `Not found: ${JSON.stringify(port.name)}: Service ${JSON.stringify(name)} has no port named ${JSON.stringify(port.name)}`,
    };
  }
  return undefined;
}

/** `cross/ingress-backend`: Ingress backends name an existing Service and one of its ports. */
export const ingressBackendRule: BundleRule = {
  id: 'cross/ingress-backend',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'Every Ingress backend names a Service of the bundle (or a declared external one) and one of its ports.',
  example:
    'spec.rules[0].http.paths[0].backend.service.port.name: Not found: "http": Service "web" has no port named "http"',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const ingress of index.ofKind('Ingress')) {
      for (const ref of backendsOf(ingress)) {
        const violation = checkBackend(index, context, ingress, ref);
        if (violation) {
          out.push(violation);
        }
      }
    }
    return out;
  },
};

const TLS_SECRET_TYPE = 'kubernetes.io/tls';

/** `cross/ingress-tls-secret`: TLS secrets exist and have type kubernetes.io/tls. */
export const ingressTlsSecretRule: BundleRule = {
  id: 'cross/ingress-tls-secret',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'Every Ingress TLS secretName names a Secret of type kubernetes.io/tls in the bundle, or a declared external Secret.',
  example: 'spec.tls[0].secretName: Invalid value: "web-tls": Secret "web-tls" has type "Opaque", not "kubernetes.io/tls"',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const ingress of index.ofKind('Ingress')) {
      asArray(asObject(ingress.object.spec)?.tls).forEach((item, i) => {
        const name = asString(asObject(item)?.secretName);
        if (name === undefined || name === '') {
          return;
        }
        const path = `spec.tls[${i}].secretName`;
        const secret = index.find('Secret', ingress.ns, name);
        if (secret) {
          const type = asString(secret.object.type) ?? 'Opaque';
          if (type !== TLS_SECRET_TYPE) {
            out.push({
              index: ingress.index,
              path,
              message: `Invalid value: ${JSON.stringify(name)}: Secret ${JSON.stringify(name)} has type ${JSON.stringify(type)}, not "${TLS_SECRET_TYPE}"`,
            });
          }
        } else if (!findExternal(context, 'Secret', ingress.ns, name)) {
          out.push({
            index: ingress.index,
            path,
            message: `Not found: ${JSON.stringify(name)}: no Secret ${JSON.stringify(name)} in ${describeNamespace(ingress)}; add it or declare it as an external object`,
          });
        }
      });
    }
    return out;
  },
};

/** The ingress class an Ingress belongs to (field, then the legacy annotation). */
function classOf(ingress: IndexedObject): string {
  const fromSpec = asString(asObject(ingress.object.spec)?.ingressClassName);
  const annotations = asObject(asObject(ingress.object.metadata)?.annotations);
  return fromSpec ?? asString(annotations?.['kubernetes.io/ingress.class']) ?? '';
}

/** `cross/ingress-duplicate-path`: the same host, path and path type routed twice within one ingress class. */
export const ingressDuplicatePathRule: BundleRule = {
  id: 'cross/ingress-duplicate-path',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'No two Ingress paths of the same ingress class route the same host, path and pathType (the controller would pick one).',
  example:
    'spec.rules[0].http.paths[0].path: Duplicate value: "shop.example.com/api": already routed by Ingress "api" at spec.rules[0].http.paths[0]',
  check(objects) {
    const index = BundleIndex.of(objects);
    const seen = new Map<string, { ingress: IndexedObject; path: string }>();
    const out: BundleViolation[] = [];
    for (const ingress of index.ofKind('Ingress')) {
      const ingressClass = classOf(ingress);
      asArray(asObject(ingress.object.spec)?.rules).forEach((item, i) => {
        const rule = asObject(item);
        const host = asString(rule?.host) ?? '';
        asArray(asObject(rule?.http)?.paths).forEach((p, j) => {
          const entry = asObject(p) ?? {};
          const route = `${host}${asString(entry.path) ?? ''}`;
          const key = `${ingressClass}|${asString(entry.pathType) ?? ''}|${route}`;
          const path = `spec.rules[${i}].http.paths[${j}]`;
          const first = seen.get(key);
          if (!first) {
            seen.set(key, { ingress, path });
            return;
          }
          const where = first.ingress === ingress ? '' : `Ingress ${JSON.stringify(first.ingress.name)} at `;
          out.push({
            index: ingress.index,
            path: `${path}.path`,
            message: `Duplicate value: ${JSON.stringify(route)}: already routed by ${where || 'this Ingress at '}${first.path}`,
          });
        });
      });
    }
    return out;
  },
};
