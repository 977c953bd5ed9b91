/**
 * The Gateway API objects of a bundle (gateway.networking.k8s.io: Gateway, HTTPRoute, GRPCRoute,
 * ReferenceGrant) read once, with the defaults of the API applied: a parentRef is a Gateway in
 * the route's namespace, a backendRef a Service in the route's namespace, a route rule without
 * matches takes every request, a listener admits routes of its own namespace.
 */
import { RuleContext } from '../../rule';
import { asArray, asObject, asString, JsonObject } from '../common/field';
import { BundleAnalysis, BundleIndex, findExternal, IndexedObject, namespaceKey } from './_support/bundle-index';
import { LabelSelector } from './_support/selector';

/** The API group of the Gateway API. */
export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The route kinds the rules read. */
export const ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute'];

/** The label every namespace carries with its own name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A listener of a Gateway. */
export interface Listener {
  readonly name: string;
  readonly port?: number;
  readonly protocol?: string;
  readonly hostname?: string;
  /** `allowedRoutes.namespaces.from` (default `Same`). */
  readonly from: string;
  /** `allowedRoutes.namespaces.selector`, for `from: Selector`. */
  readonly selector?: LabelSelector;
  /** The label keys the selector reads. */
  readonly selectorKeys?: readonly string[];
  /** `allowedRoutes.kinds[].kind`, when set. */
  readonly kinds?: readonly string[];
  /** The path of the listener, e.g. `spec.listeners[1]`. */
  readonly path: string;
}

/** A Gateway of the bundle. */
export interface GatewayEntry {
  readonly entry: IndexedObject;
  readonly listeners: readonly Listener[];
}

/** A parentRef of a route, with defaults. */
export interface ParentRef {
  readonly name: string;
  /** The namespace key of the Gateway. */
  readonly ns: string;
  readonly sectionName?: string;
  readonly port?: number;
  /** The path of the parentRef, e.g. `spec.parentRefs[0]`. */
  readonly path: string;
}

/** A backendRef of a route rule that points at a Service. */
export interface BackendRef {
  readonly name: string;
  /** The namespace key of the Service. */
  readonly ns: string;
  /** Whether `namespace` is written (and differs from the route's). */
  readonly crossNamespace: boolean;
  readonly port?: number;
  /** The path of the backendRef, e.g. `spec.rules[0].backendRefs[1]`. */
  readonly path: string;
}

/** One match of a route rule, as a comparable key and its path. */
export interface MatchKey {
  /** What the match takes, for messages, e.g. `PathPrefix /api` or `hipstershop.CartService/GetCart`. */
  readonly label: string;
  /** The comparable key (path, headers, method and query parameters, sorted). */
  readonly key: string;
  /** The path of the match, e.g. `spec.rules[0].matches[1]` (the rule for a rule without matches). */
  readonly path: string;
}

/** A route of the bundle. */
export interface RouteEntry {
  readonly entry: IndexedObject;
  readonly hostnames: readonly string[];
  readonly parents: readonly ParentRef[];
  readonly backends: readonly BackendRef[];
  readonly matches: readonly MatchKey[];
}

/** A ReferenceGrant of the bundle. */
interface GrantEntry {
  readonly ns: string;
  readonly from: readonly { group: string; kind: string; ns: string }[];
  readonly to: readonly { group: string; kind: string; name?: string }[];
}

/** The Gateway API view of a bundle. */
export interface GatewayModel {
  /** The Gateways by namespace key and name. */
  readonly gateways: ReadonlyMap<string, GatewayEntry>;
  readonly routes: readonly RouteEntry[];
  readonly grants: readonly GrantEntry[];
  /** The labels of the Namespaces of the bundle, by name. */
  readonly namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** The key of a Gateway in {@link GatewayModel.gateways}. */
export function gatewayKey(ns: string, name: string): string {
  return `${ns}/${name}`;
}

/** The Gateway API objects of a bundle, computed once per run. */
export const GATEWAY_MODEL: BundleAnalysis<GatewayModel> = {
  name: 'gateway-model',
  compute(index: BundleIndex): GatewayModel {
    const gateways = new Map<string, GatewayEntry>();
    for (const entry of index.ofKind('Gateway')) {
      if (entry.group === GATEWAY_GROUP && !gateways.has(gatewayKey(entry.ns, entry.name))) {
        gateways.set(gatewayKey(entry.ns, entry.name), { entry, listeners: listenersOf(entry.object.spec) });
      }
    }
    const routes = ROUTE_KINDS.flatMap(kind => index.ofKind(kind).filter(e => e.group === GATEWAY_GROUP).map(routeOf));
    const grants = index.ofKind('ReferenceGrant').filter(e => e.group === GATEWAY_GROUP).map(grantOf);
    const namespaceLabels = new Map<string, Readonly<Record<string, string>>>();
    for (const ns of index.ofKind('Namespace')) {
      namespaceLabels.set(ns.name, { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name });
    }
    return { gateways, routes, grants, namespaceLabels };
  },
};

function listenersOf(spec: unknown): Listener[] {
  return asArray(asObject(spec)?.listeners).map((item, i) => {
    const l = asObject(item) ?? {};
    const allowed = asObject(l.allowedRoutes);
    const namespaces = asObject(allowed?.namespaces);
    const kinds = allowed?.kinds === undefined ? undefined
      : asArray(allowed.kinds).map(k => asString(asObject(k)?.kind)).filter((k): k is string => k !== undefined);
    return {
      name: asString(l.name) ?? '',
      ...(typeof l.port === 'number' ? { port: l.port } : {}),
      ...(asString(l.protocol) !== undefined ? { protocol: asString(l.protocol) } : {}),
      ...(asString(l.hostname) !== undefined ? { hostname: asString(l.hostname) } : {}),
      from: asString(namespaces?.from) ?? 'Same',
      ...(namespaces?.selector !== undefined ? {
        selector: LabelSelector.fromLabelSelector(namespaces.selector),
        selectorKeys: [
          ...Object.keys(asObject(asObject(namespaces.selector)?.matchLabels) ?? {}),
          ...asArray(asObject(namespaces.selector)?.matchExpressions).map(e => asString(asObject(e)?.key) ?? ''),
        ],
      } : {}),
      ...(kinds !== undefined ? { kinds } : {}),
      path: `spec.listeners[${i}]`,
    };
  });
}

function routeOf(entry: IndexedObject): RouteEntry {
  const spec: JsonObject = asObject(entry.object.spec) ?? {};
  const hostnames = asArray(spec.hostnames).filter((h): h is string => typeof h === 'string');
  const parents: ParentRef[] = [];
  asArray(spec.parentRefs).forEach((item, i) => {
    const ref = asObject(item) ?? {};
    const group = asString(ref.group) ?? GATEWAY_GROUP;
    const kind = asString(ref.kind) ?? 'Gateway';
    const name = asString(ref.name);
    if (group !== GATEWAY_GROUP || kind !== 'Gateway' || name === undefined) {
      return;
    }
    const namespace = asString(ref.namespace);
    parents.push({
      name,
      ns: namespace !== undefined ? namespaceKey(namespace) : entry.ns,
      ...(asString(ref.sectionName) !== undefined ? { sectionName: asString(ref.sectionName) } : {}),
      ...(typeof ref.port === 'number' ? { port: ref.port } : {}),
      path: `spec.parentRefs[${i}]`,
    });
  });
  const backends: BackendRef[] = [];
  const matches: MatchKey[] = [];
  asArray(spec.rules).forEach((item, i) => {
    const rule = asObject(item) ?? {};
    asArray(rule.backendRefs).forEach((b, j) => {
      const ref = asObject(b) ?? {};
      const group = asString(ref.group) ?? '';
      const kind = asString(ref.kind) ?? 'Service';
      const name = asString(ref.name);
      if (group !== '' || kind !== 'Service' || name === undefined) {
        return;
      }
      const namespace = asString(ref.namespace);
      const ns = namespace !== undefined ? namespaceKey(namespace) : entry.ns;
      backends.push({
        name, ns, crossNamespace: ns !== entry.ns,
        ...(typeof ref.port === 'number' ? { port: ref.port } : {}),
        path: `spec.rules[${i}].backendRefs[${j}]`,
      });
    });
    const ruleMatches = asArray(rule.matches);
    if (ruleMatches.length === 0) {
      // No match: every request (PathPrefix /) or every call.
      matches.push({ ...(entry.kind === 'GRPCRoute' ? grpcMatchKey({}) : httpMatchKey({})), path: `spec.rules[${i}]` });
    }
    ruleMatches.forEach((m, j) => {
      matches.push({ ...(entry.kind === 'GRPCRoute' ? grpcMatchKey(asObject(m) ?? {}) : httpMatchKey(asObject(m) ?? {})), path: `spec.rules[${i}].matches[${j}]` });
    });
  });
  return { entry, hostnames, parents, backends, matches };
}

/** The key and label of an HTTPRoute match (path defaults to PathPrefix `/`). */
function httpMatchKey(match: JsonObject): { label: string; key: string } {
  const path = asObject(match.path);
  const type = asString(path?.type) ?? 'PathPrefix';
  const value = asString(path?.value) ?? '/';
  const headers = asArray(match.headers).map(h => asObject(h) ?? {})
    .map(h => `${asString(h.type) ?? 'Exact'}:${(asString(h.name) ?? '').toLowerCase()}=${asString(h.value) ?? ''}`).sort();
  const query = asArray(match.queryParams).map(q => asObject(q) ?? {})
    .map(q => `${asString(q.type) ?? 'Exact'}:${asString(q.name) ?? ''}=${asString(q.value) ?? ''}`).sort();
  const method = asString(match.method);
  const extras = [...headers.map(h => `header ${h}`), ...query.map(q => `query ${q}`), ...(method !== undefined ? [`method ${method}`] : [])];
  return {
    label: `${type} ${value}${extras.length ? ` (${extras.join(', ')})` : ''}`,
    key: `path|${type}|${value}|${headers.join(',')}|${query.join(',')}|${method ?? ''}`,
  };
}

/** The key and label of a GRPCRoute match (a missing service or method matches all). */
function grpcMatchKey(match: JsonObject): { label: string; key: string } {
  const method = asObject(match.method);
  const service = asString(method?.service) ?? '*';
  const name = asString(method?.method) ?? '*';
  const headers = asArray(match.headers).map(h => asObject(h) ?? {})
    .map(h => `${asString(h.type) ?? 'Exact'}:${(asString(h.name) ?? '').toLowerCase()}=${asString(h.value) ?? ''}`).sort();
  return {
    label: `${service}/${name}${headers.length ? ` (${headers.map(h => `header ${h}`).join(', ')})` : ''}`,
    key: `grpc|${asString(method?.type) ?? 'Exact'}|${service}|${name}|${headers.join(',')}`,
  };
}

function grantOf(entry: IndexedObject): GrantEntry {
  const spec = asObject(entry.object.spec) ?? {};
  return {
    ns: entry.ns,
    from: asArray(spec.from).map(f => asObject(f) ?? {}).map(f => ({
      group: asString(f.group) ?? '', kind: asString(f.kind) ?? '', ns: namespaceKey(asString(f.namespace)),
    })),
    to: asArray(spec.to).map(t => asObject(t) ?? {}).map(t => ({
      group: asString(t.group) ?? '', kind: asString(t.kind) ?? '',
      ...(asString(t.name) !== undefined ? { name: asString(t.name) } : {}),
    })),
  };
}

/**
 * Whether a ReferenceGrant of the bundle in namespace `ns` lets objects of `fromKind` in `fromNs`
 * refer to the `toKind` (core group) object `name`.
 */
export function granted(model: GatewayModel, fromKind: string, fromNs: string, ns: string, toKind: string, name: string): boolean {
  return model.grants.some(g => g.ns === ns
    && g.from.some(f => f.group === GATEWAY_GROUP && f.kind === fromKind && f.ns === fromNs)
    && g.to.some(t => t.group === '' && t.kind === toKind && (t.name === undefined || t.name === name)));
}

/** `namespace "shop"` or `the default namespace`, for a namespace key. */
export function describeNs(ns: string): string {
  return ns === '' ? 'the default namespace' : `namespace ${JSON.stringify(ns)}`;
}

/** The listener names of a declared external Gateway (its declaration's keys), if known. */
export function externalGateway(context: RuleContext, ns: string, name: string): { listeners?: readonly string[] } | undefined {
  const ref = findExternal(context, 'Gateway', ns, name);
  return ref === undefined ? undefined : { ...(ref.keys !== undefined ? { listeners: ref.keys } : {}) };
}

/**
 * Whether `listener` of a Gateway in `gatewayNs` admits a route of `kind` in `routeNs`: true,
 * false, or undefined when it depends on labels of a Namespace that is not in the bundle.
 */
export function admits(model: GatewayModel, listener: Listener, gatewayNs: string, kind: string, routeNs: string): boolean | undefined {
  if (listener.kinds !== undefined && listener.kinds.length > 0 && !listener.kinds.includes(kind)) {
    return false;
  }
  if (!takesHttpRoutes(listener)) {
    return false;
  }
  switch (listener.from) {
    case 'All':
      return true;
    case 'Same':
      return routeNs === gatewayNs;
    case 'Selector': {
      if (listener.selector === undefined) {
        return false;
      }
      const name = routeNs === '' ? 'default' : routeNs;
      const labels = model.namespaceLabels.get(name);
      if (labels !== undefined) {
        return listener.selector.matches(labels);
      }
      // Without the Namespace object only its name label is known.
      const nameOnly = { [NAMESPACE_NAME_LABEL]: name };
      const keys = listener.selectorKeys ?? [];
      return keys.every(k => k === NAMESPACE_NAME_LABEL) ? listener.selector.matches(nameOnly) : undefined;
    }
    default:
      return undefined;
  }
}

/** The listeners a parentRef attaches to (the named one, or all; on `port` when set). */
export function attachedListeners(gateway: GatewayEntry, parent: ParentRef): readonly Listener[] {
  return gateway.listeners.filter(l => (parent.sectionName === undefined || l.name === parent.sectionName)
    && (parent.port === undefined || l.port === parent.port));
}

/**
 * Whether a route host name and a listener host name can match the same request: equal, or one
 * is a `*.` wildcard (one or more labels) whose suffix the other ends with; a listener without a
 * host name takes every host (gateway-api `apis/v1/httproute_types.go`, Hostnames).
 */
export function hostnamesIntersect(listener: string | undefined, route: string): boolean {
  if (listener === undefined || listener === '' || listener === route) {
    return true;
  }
  if (listener.startsWith('*.') && route.endsWith(listener.slice(1))) {
    return true;
  }
  return route.startsWith('*.') && listener.endsWith(route.slice(1));
}

/** Whether a listener's protocol carries HTTPRoutes and GRPCRoutes (HTTP, HTTPS; not TLS, TCP, UDP). */
export function takesHttpRoutes(listener: Listener): boolean {
  return listener.protocol === undefined || listener.protocol === 'HTTP' || listener.protocol === 'HTTPS';
}
