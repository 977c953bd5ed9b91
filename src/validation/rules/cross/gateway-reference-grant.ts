/**
 * Gateway API references across namespaces: a route's backendRef to a Service of another
 * namespace, and a Gateway listener's certificateRef to a Secret of another namespace, are only
 * followed when a ReferenceGrant in the target's namespace allows them (gateway-api v1.4
 * `apis/v1beta1/referencegrant_types.go`). A route attached to a Gateway of another namespace is
 * governed by the Gateway's allowedRoutes instead (`cross/gateway-allowed-routes`).
 */
import { BundleRule, BundleViolation, RuleContext } from '../../rule';
import { Layer, Severity } from '../../types';
import { asArray, asObject, asString } from '../common/field';
import { BundleIndex, findExternal, namespaceKey } from './_support/bundle-index';
import { describeNs, externalGateway, GATEWAY_MODEL, gatewayKey, granted } from './gateway-model';

/** Whether a ReferenceGrant in namespace key `ns` is declared external. */
function externalGrantIn(context: RuleContext, ns: string): boolean {
  return context.external.some(r => r.kind === 'ReferenceGrant' && r.namespace !== undefined && namespaceKey(r.namespace) === ns);
}

/** The fix for a missing grant. */
function grantFix(ns: string, fromKind: string, fromNs: string, toKind: string, name: string): string {
  return `add a ReferenceGrant in ${describeNs(ns)} from ${fromKind} in ${describeNs(fromNs)} to ${toKind} ${JSON.stringify(name)}`;
}

/** `cross/gateway-reference-grant`: references to objects of the bundle in another namespace have their ReferenceGrant. */
export const gatewayReferenceGrantRule: BundleRule = {
  id: 'cross/gateway-reference-grant',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'A route backendRef to a Service, or a Gateway certificateRef to a Secret, of another namespace of the bundle is allowed by a ReferenceGrant there.',
  example: 'spec.rules[0].backendRefs[0].namespace: Forbidden: Service "api" is in namespace "shop", not the HTTPRoute\'s; '
    + 'add a ReferenceGrant in namespace "shop" from HTTPRoute in namespace "web" to Service "api"',
  check(objects) {
    const index = BundleIndex.of(objects);
    const model = index.analysis(GATEWAY_MODEL);
    const out: BundleViolation[] = [];
    for (const route of model.routes) {
      for (const backend of route.backends) {
        if (!backend.crossNamespace || index.find('Service', backend.ns, backend.name) === undefined
          || granted(model, route.entry.kind, route.entry.ns, backend.ns, 'Service', backend.name)) {
          continue;
        }
        out.push({
          index: route.entry.index,
          path: `${backend.path}.namespace`,
          message: `Forbidden: Service ${JSON.stringify(backend.name)} is in ${describeNs(backend.ns)}, not the ${route.entry.kind}'s; `
            + grantFix(backend.ns, route.entry.kind, route.entry.ns, 'Service', backend.name),
        });
      }
    }
    for (const gateway of model.gateways.values()) {
      asArray(asObject(gateway.entry.object.spec)?.listeners).forEach((item, i) => {
        asArray(asObject(asObject(item)?.tls)?.certificateRefs).forEach((ref, j) => {
          const r = asObject(ref) ?? {};
          const namespace = asString(r.namespace);
          const name = asString(r.name);
          if (namespace === undefined || name === undefined || (asString(r.kind) ?? 'Secret') !== 'Secret' || (asString(r.group) ?? '') !== '') {
            return;
          }
          const ns = namespaceKey(namespace);
          if (ns === gateway.entry.ns || index.find('Secret', ns, name) === undefined || granted(model, 'Gateway', gateway.entry.ns, ns, 'Secret', name)) {
            return;
          }
          out.push({
            index: gateway.entry.index,
            path: `spec.listeners[${i}].tls.certificateRefs[${j}].namespace`,
            message: `Forbidden: Secret ${JSON.stringify(name)} is in ${describeNs(ns)}, not the Gateway's; ${grantFix(ns, 'Gateway', gateway.entry.ns, 'Secret', name)}`,
          });
        });
      });
    }
    return out;
  },
};

/** `cross/gateway-external-reference`: references across namespaces to objects outside the bundle, which only their owners can allow. */
export const gatewayExternalReferenceRule: BundleRule = {
  id: 'cross/gateway-external-reference',
  layer: Layer.CROSS,
  defaultSeverity: Severity.INFO,
  scope: 'bundle',
  description: 'A route that uses a declared external Service of another namespace needs a ReferenceGrant there, and one attached to a declared external Gateway '
    + 'of another namespace needs its allowedRoutes to admit the route\'s namespace; neither is in the bundle, so the owners must provide them.',
  example: 'spec.parentRefs[0]: Required value: Gateway "public" in namespace "gateway-system" is declared external: its listeners\' allowedRoutes must admit HTTPRoutes '
    + 'of namespace "web"',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const model = index.analysis(GATEWAY_MODEL);
    const out: BundleViolation[] = [];
    for (const route of model.routes) {
      for (const parent of route.parents) {
        if (parent.ns === route.entry.ns || model.gateways.has(gatewayKey(parent.ns, parent.name))
          || externalGateway(context, parent.ns, parent.name) === undefined) {
          continue;
        }
        out.push({
          index: route.entry.index,
          path: parent.path,
          message: `Required value: Gateway ${JSON.stringify(parent.name)} in ${describeNs(parent.ns)} is declared external: its listeners' allowedRoutes must admit `
            + `${route.entry.kind}s of ${describeNs(route.entry.ns)}`,
        });
      }
      for (const backend of route.backends) {
        if (!backend.crossNamespace || index.find('Service', backend.ns, backend.name) !== undefined
          || !findExternal(context, 'Service', backend.ns, backend.name)
          || granted(model, route.entry.kind, route.entry.ns, backend.ns, 'Service', backend.name) || externalGrantIn(context, backend.ns)) {
          continue;
        }
        out.push({
          index: route.entry.index,
          path: `${backend.path}.namespace`,
          message: `Required value: Service ${JSON.stringify(backend.name)} in ${describeNs(backend.ns)} is declared external: a ReferenceGrant there must let `
            + `${route.entry.kind}s of ${describeNs(route.entry.ns)} use it (declare the grant as an external ReferenceGrant once its owners add it)`,
        });
      }
    }
    return out;
  },
};
