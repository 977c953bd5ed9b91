/**
 * Gateway API wiring: route backends that point at missing Services or ports, parents that name a
 * missing Gateway or listener, listeners that do not admit the route's namespace or host names,
 * and two routes that claim the same host and match on one listener.
 *
 * The rules read HTTPRoutes and GRPCRoutes of `gateway.networking.k8s.io` with the API's defaults
 * (gateway-api v1.4 `apis/v1/shared_types.go`, `httproute_types.go`, `gateway_types.go`).
 */
import { BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { asArray, asObject } from '../common/field';
import { BundleIndex, findExternal } from './_support/bundle-index';
import {
  admits, attachedListeners, describeNs, externalGateway, GATEWAY_MODEL, gatewayKey, GatewayEntry, GatewayModel, hostnamesIntersect, Listener,
  RouteEntry, takesHttpRoutes,
} from './gateway-model';

/** `cross/gateway-route-backend`: route backends name an existing Service and one of its ports. */
export const gatewayRouteBackendRule: BundleRule = {
  id: 'cross/gateway-route-backend',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'Every HTTPRoute and GRPCRoute backendRef to a Service names a Service of the bundle (or a declared external one) and one of its ports.',
  example: 'spec.rules[0].backendRefs[0].port: Not found: 8080: Service "web" has no port 8080 (ports: 80)',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const model = index.analysis(GATEWAY_MODEL);
    const out: BundleViolation[] = [];
    for (const route of model.routes) {
      for (const backend of route.backends) {
        const service = index.find('Service', backend.ns, backend.name);
        if (service === undefined) {
          if (!findExternal(context, 'Service', backend.ns, backend.name)) {
            out.push({
              index: route.entry.index,
              path: `${backend.path}.name`,
              message: `Not found: ${JSON.stringify(backend.name)}: no Service ${JSON.stringify(backend.name)} in ${describeNs(backend.ns)}; add it or declare it as an external object`,
            });
          }
          continue;
        }
        if (backend.port === undefined) {
          out.push({ index: route.entry.index, path: `${backend.path}.port`, message: 'Required value: a backendRef to a Service needs the Service port' });
          continue;
        }
        const ports = asArray(asObject(service.object.spec)?.ports).map(p => asObject(p)?.port).filter((p): p is number => typeof p === 'number');
        if (!ports.includes(backend.port)) {
          out.push({
            index: route.entry.index,
            path: `${backend.path}.port`,
            message: `Not found: ${backend.port}: Service ${JSON.stringify(backend.name)} has no port ${backend.port} (ports: ${ports.join(', ') || 'none'})`,
          });
        }
      }
    }
    return out;
  },
};

/** `cross/gateway-route-parent`: route parents name an existing Gateway and listener. */
export const gatewayRouteParentRule: BundleRule = {
  id: 'cross/gateway-route-parent',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'Every parentRef of an HTTPRoute or GRPCRoute names a Gateway of the bundle or a declared external one, and a listener (sectionName, port) it has.',
  example: 'spec.parentRefs[0].sectionName: Not found: "htps": Gateway "public" has no listener "htps" (listeners: "http", "https")',
  check(objects, context) {
    const model = BundleIndex.of(objects).analysis(GATEWAY_MODEL);
    const out: BundleViolation[] = [];
    for (const route of model.routes) {
      for (const parent of route.parents) {
        const gateway = model.gateways.get(gatewayKey(parent.ns, parent.name));
        const external = gateway === undefined ? externalGateway(context, parent.ns, parent.name) : undefined;
        if (gateway === undefined && external === undefined) {
          out.push({
            index: route.entry.index,
            path: `${parent.path}.name`,
            message: `Not found: ${JSON.stringify(parent.name)}: no Gateway ${JSON.stringify(parent.name)} in ${describeNs(parent.ns)}; add it or declare it as an external object`,
          });
          continue;
        }
        const names = gateway !== undefined ? gateway.listeners.map(l => l.name) : external!.listeners;
        if (parent.sectionName !== undefined && names !== undefined && !names.includes(parent.sectionName)) {
          out.push({
            index: route.entry.index,
            path: `${parent.path}.sectionName`,
            message: `Not found: ${JSON.stringify(parent.sectionName)}: Gateway ${JSON.stringify(parent.name)} has no listener ${JSON.stringify(parent.sectionName)} `
              + `(listeners: ${names.map(n => JSON.stringify(n)).join(', ') || 'none'})`,
          });
          continue;
        }
        if (gateway !== undefined && parent.port !== undefined && attachedListeners(gateway, parent).length === 0) {
          const which = parent.sectionName !== undefined ? `listener ${JSON.stringify(parent.sectionName)}` : 'listener';
          out.push({
            index: route.entry.index,
            path: `${parent.path}.port`,
            message: `Not found: ${parent.port}: Gateway ${JSON.stringify(parent.name)} has no ${which} on port ${parent.port}`,
          });
        }
      }
    }
    return out;
  },
};

/** What a listener admits, for messages. */
function describeAdmission(listener: Listener, gatewayNs: string): string {
  if (!takesHttpRoutes(listener)) {
    return `protocol ${listener.protocol} carries no HTTPRoutes or GRPCRoutes`;
  }
  const kinds = listener.kinds !== undefined && listener.kinds.length > 0 ? ` of kinds ${listener.kinds.join(', ')}` : '';
  switch (listener.from) {
    case 'All': return `routes of every namespace${kinds}`;
    case 'Same': return `routes of its own namespace (${JSON.stringify(gatewayNs || 'default')}) only${kinds}`;
    case 'Selector': return `routes of namespaces matching ${listener.selector?.toString() ?? 'nothing'}${kinds}`;
    default: return `routes from ${JSON.stringify(listener.from)}${kinds}`;
  }
}

/** The listeners of the bundle's Gateways a route's parentRefs attach to (with the Gateway). */
function attachments(model: GatewayModel, route: RouteEntry): { gateway: GatewayEntry; parentPath: string; listeners: readonly Listener[] }[] {
  return route.parents.flatMap((parent) => {
    const gateway = model.gateways.get(gatewayKey(parent.ns, parent.name));
    const listeners = gateway !== undefined ? attachedListeners(gateway, parent) : [];
    return gateway !== undefined && listeners.length > 0 ? [{ gateway, parentPath: parent.path, listeners }] : [];
  });
}

/** `cross/gateway-allowed-routes`: the listeners a route attaches to admit its namespace and kind. */
export const gatewayAllowedRoutesRule: BundleRule = {
  id: 'cross/gateway-allowed-routes',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'A route attached to a Gateway of the bundle is admitted by at least one of its listeners (an HTTP or HTTPS listener whose allowedRoutes admit its namespace and kind; Same by default).',
  example: 'spec.parentRefs[0]: Forbidden: no listener of Gateway "public" admits HTTPRoutes of namespace "shop" '
    + '(https: routes of its own namespace ("gateway-system") only); widen the listener\'s allowedRoutes',
  check(objects) {
    const model = BundleIndex.of(objects).analysis(GATEWAY_MODEL);
    const out: BundleViolation[] = [];
    for (const route of model.routes) {
      for (const { gateway, parentPath, listeners } of attachments(model, route)) {
        const verdicts = listeners.map(l => admits(model, l, gateway.entry.ns, route.entry.kind, route.entry.ns));
        if (verdicts.every(v => v === false)) {
          const reasons = listeners.map(l => `${l.name}: ${describeAdmission(l, gateway.entry.ns)}`).join('; ');
          out.push({
            index: route.entry.index,
            path: parentPath,
            message: `Forbidden: no listener of Gateway ${JSON.stringify(gateway.entry.name)} admits ${route.entry.kind}s of ${describeNs(route.entry.ns)} `
              + `(${reasons}); ${listeners.some(takesHttpRoutes) ? 'widen the listener\'s allowedRoutes' : 'attach the route to an HTTP or HTTPS listener'}`,
          });
        }
      }
    }
    return out;
  },
};

/** `cross/gateway-route-hostname`: a route's host names intersect those of the listeners it attaches to. */
export const gatewayRouteHostnameRule: BundleRule = {
  id: 'cross/gateway-route-hostname',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'At least one host name of a route matches the host name of a listener it attaches to (equal, or within a *. wildcard); otherwise the Gateway ignores the route.',
  example: 'spec.hostnames: Invalid value: ["shop.other.org"]: no host name of the route matches a listener of Gateway "public" it attaches to '
    + '(https: "*.example.com"); the Gateway ignores the route',
  check(objects) {
    const model = BundleIndex.of(objects).analysis(GATEWAY_MODEL);
    const out: BundleViolation[] = [];
    for (const route of model.routes) {
      if (route.hostnames.length === 0) {
        continue;
      }
      for (const { gateway, listeners } of attachments(model, route)) {
        const matched = listeners.some(l => route.hostnames.some(h => hostnamesIntersect(l.hostname, h)));
        if (!matched) {
          const names = listeners.map(l => `${l.name}: ${JSON.stringify(l.hostname)}`).join(', ');
          out.push({
            index: route.entry.index,
            path: 'spec.hostnames',
            message: `Invalid value: ${JSON.stringify(route.hostnames)}: no host name of the route matches a listener of Gateway ${JSON.stringify(gateway.entry.name)} `
              + `it attaches to (${names}); the Gateway ignores the route`,
          });
          break;
        }
      }
    }
    return out;
  },
};

/** `cross/gateway-duplicate-route`: two routes do not claim the same host and match on one listener. */
export const gatewayDuplicateRouteRule: BundleRule = {
  id: 'cross/gateway-duplicate-route',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'No two HTTPRoute (or GRPCRoute) matches on the same Gateway listener claim the same host name and match (the Gateway would pick the oldest route).',
  example: 'spec.rules[0].matches[0]: Duplicate value: "shop.example.com PathPrefix /api": already routed on listener "https" of Gateway "public" '
    + 'by HTTPRoute "api" at spec.rules[0].matches[0]',
  check(objects) {
    const model = BundleIndex.of(objects).analysis(GATEWAY_MODEL);
    const seen = new Map<string, { route: RouteEntry; path: string }>();
    const out: BundleViolation[] = [];
    for (const route of model.routes) {
      const slots = route.parents.flatMap((parent) => {
        const gateway = model.gateways.get(gatewayKey(parent.ns, parent.name));
        const listeners = gateway !== undefined ? attachedListeners(gateway, parent).map(l => l.name) : [parent.sectionName ?? '*'];
        return listeners.map(listener => ({ gateway: parent.name, key: `${gatewayKey(parent.ns, parent.name)}|${listener}`, listener }));
      });
      const hosts = route.hostnames.length ? route.hostnames : ['*'];
      for (const match of route.matches) {
        let reported = false;
        for (const slot of slots) {
          for (const host of hosts) {
            const key = `${slot.key}|${route.entry.kind}|${host}|${match.key}`;
            const first = seen.get(key);
            if (first === undefined) {
              seen.set(key, { route, path: match.path });
              continue;
            }
            if (reported || (first.route === route && first.path === match.path)) {
              continue;
            }
            reported = true;
            const by = first.route === route ? `this ${route.entry.kind}` : `${first.route.entry.kind} ${JSON.stringify(first.route.entry.name)}`;
            const on = slot.listener === '*' ? 'every listener' : `listener ${JSON.stringify(slot.listener)}`;
            out.push({
              index: route.entry.index,
              path: match.path,
              message: `Duplicate value: ${JSON.stringify(`${host === '*' ? 'every host' : host} ${match.label}`)}: already routed on ${on} `
                + `of Gateway ${JSON.stringify(slot.gateway)} by ${by} at ${first.path}`,
            });
          }
        }
      }
    }
    return out;
  },
};
