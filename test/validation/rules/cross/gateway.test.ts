/**
 * The Gateway API cross-object rules on hand-written objects (what `cdk8s-patterns validate` reads
 * from plain YAML): one table per rule, with the exact messages.
 */
import { KubeObject } from '../../../../src/validation/types';
import {
  gatewayAllowedRoutesRule, gatewayDuplicateRouteRule, gatewayRouteBackendRule, gatewayRouteHostnameRule, gatewayRouteParentRule,
} from '../../../../src/validation/rules/cross/gateway-routes';
import { gatewayExternalReferenceRule, gatewayReferenceGrantRule } from '../../../../src/validation/rules/cross/gateway-reference-grant';
import { gatewayTlsSecretRule } from '../../../../src/validation/rules/cross/gateway-listeners';
import { hostnamesIntersect } from '../../../../src/validation/rules/cross/gateway-model';
import { Case, context, run, secret, service } from './fixtures';

const API = 'gateway.networking.k8s.io/v1';

/** A Gateway with listeners (`allowedRoutes` etc. in `extra`). */
function gateway(name: string, namespace: string | undefined, listeners: Record<string, unknown>[]): KubeObject {
  return {
    apiVersion: API, kind: 'Gateway',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { gatewayClassName: 'eg', listeners },
  };
}

function listener(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, protocol: name === 'https' ? 'HTTPS' : 'HTTP', port: name === 'https' ? 443 : 80, ...extra };
}

/** An HTTPRoute (or GRPCRoute) with `spec`. */
function httpRoute(name: string, spec: Record<string, unknown>, namespace?: string, kind = 'HTTPRoute'): KubeObject {
  return { apiVersion: API, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec };
}

function parent(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, ...extra };
}

function rule(backendRefs: Record<string, unknown>[], matches?: Record<string, unknown>[]): Record<string, unknown> {
  return { backendRefs, ...(matches ? { matches } : {}) };
}

function prefix(path: string): Record<string, unknown> {
  return { path: { type: 'PathPrefix', value: path } };
}

function grant(namespace: string, from: Record<string, unknown>[], to: Record<string, unknown>[]): KubeObject {
  return { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'grant', namespace }, spec: { from, to } };
}

function ns(name: string, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

const web = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 8080 }]);
const publicGw = gateway('public', undefined, [listener('http'), listener('https', { hostname: '*.example.com', tls: { certificateRefs: [{ name: 'tls' }] } })]);
const toWeb = (extra: Record<string, unknown> = {}) => rule([{ name: 'web', port: 80, ...extra }]);

describe('cross/gateway-route-backend', () => {
  const cases: Case[] = [
    { name: 'a backend with a Service port is fine', objects: [web, publicGw, httpRoute('web', { parentRefs: [parent('public')], rules: [toWeb()] })], expected: [] },
    {
      name: 'a missing Service is reported',
      objects: [web, httpRoute('web', { parentRefs: [parent('public')], rules: [rule([{ name: 'api', port: 80 }])] })],
      expected: [{
        index: 1, path: 'spec.rules[0].backendRefs[0].name',
        message: 'Not found: "api": no Service "api" in the default namespace; add it or declare it as an external object',
      }],
    },
    {
      name: 'a port the Service lacks is reported with its ports',
      objects: [web, httpRoute('web', { parentRefs: [parent('public')], rules: [toWeb({ port: 8080 })] })],
      expected: [{ index: 1, path: 'spec.rules[0].backendRefs[0].port', message: 'Not found: 8080: Service "web" has no port 8080 (ports: 80)' }],
    },
    {
      name: 'a backend without a port is reported',
      objects: [web, httpRoute('web', { parentRefs: [parent('public')], rules: [rule([{ name: 'web' }])] })],
      expected: [{ index: 1, path: 'spec.rules[0].backendRefs[0].port', message: 'Required value: a backendRef to a Service needs the Service port' }],
    },
    {
      name: 'a Service of another namespace is looked up there',
      objects: [web, httpRoute('web', { parentRefs: [parent('public')], rules: [toWeb({ namespace: 'shop' })] }, 'web')],
      expected: [{
        index: 1, path: 'spec.rules[0].backendRefs[0].name',
        message: 'Not found: "web": no Service "web" in namespace "shop"; add it or declare it as an external object',
      }],
    },
    {
      name: 'a declared external Service is accepted without port checks',
      objects: [httpRoute('web', { parentRefs: [parent('public')], rules: [rule([{ name: 'api', port: 9999 }])] })],
      context: context({ external: [{ kind: 'Service', name: 'api' }] }),
      expected: [],
    },
    {
      name: 'GRPCRoute backends are checked too',
      objects: [web, httpRoute('grpc', { parentRefs: [parent('public')], rules: [toWeb({ port: 9090 })] }, undefined, 'GRPCRoute')],
      expected: [{ index: 1, path: 'spec.rules[0].backendRefs[0].port', message: 'Not found: 9090: Service "web" has no port 9090 (ports: 80)' }],
    },
    {
      name: 'backends of other kinds are not read',
      objects: [httpRoute('web', { parentRefs: [parent('public')], rules: [rule([{ group: 'example.com', kind: 'Bucket', name: 'b' }])] })],
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(gatewayRouteBackendRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/gateway-route-parent', () => {
  const cases: Case[] = [
    { name: 'a Gateway of the bundle and its listener are fine', objects: [publicGw, httpRoute('web', { parentRefs: [parent('public', { sectionName: 'https' })], rules: [toWeb()] })], expected: [] },
    {
      name: 'a missing Gateway is reported',
      objects: [httpRoute('web', { parentRefs: [parent('public', { namespace: 'gateway-system' })], rules: [toWeb()] }, 'web')],
      expected: [{
        index: 0, path: 'spec.parentRefs[0].name',
        message: 'Not found: "public": no Gateway "public" in namespace "gateway-system"; add it or declare it as an external object',
      }],
    },
    {
      name: 'a listener the Gateway lacks is reported with its listeners',
      objects: [publicGw, httpRoute('web', { parentRefs: [parent('public', { sectionName: 'htps' })], rules: [toWeb()] })],
      expected: [{ index: 1, path: 'spec.parentRefs[0].sectionName', message: 'Not found: "htps": Gateway "public" has no listener "htps" (listeners: "http", "https")' }],
    },
    {
      name: 'a port no listener has is reported',
      objects: [publicGw, httpRoute('web', { parentRefs: [parent('public', { sectionName: 'https', port: 8443 })], rules: [toWeb()] })],
      expected: [{ index: 1, path: 'spec.parentRefs[0].port', message: 'Not found: 8443: Gateway "public" has no listener "https" on port 8443' }],
    },
    {
      name: 'an Istio Gateway of the same name does not count',
      objects: [{ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'public' }, spec: {} }, httpRoute('web', { parentRefs: [parent('public')], rules: [toWeb()] })],
      expected: [{
        index: 1, path: 'spec.parentRefs[0].name',
        message: 'Not found: "public": no Gateway "public" in the default namespace; add it or declare it as an external object',
      }],
    },
    {
      name: 'a declared external Gateway with listener names checks the listener',
      objects: [httpRoute('web', { parentRefs: [parent('public', { namespace: 'gateway-system', sectionName: 'grpc' })], rules: [toWeb()] }, 'web')],
      context: context({ external: [{ kind: 'Gateway', name: 'public', namespace: 'gateway-system', keys: ['http', 'https'] }] }),
      expected: [{ index: 0, path: 'spec.parentRefs[0].sectionName', message: 'Not found: "grpc": Gateway "public" has no listener "grpc" (listeners: "http", "https")' }],
    },
    {
      name: 'a declared external Gateway without listener names accepts any listener',
      objects: [httpRoute('web', { parentRefs: [parent('public', { namespace: 'gateway-system', sectionName: 'grpc' })], rules: [toWeb()] }, 'web')],
      context: context({ external: [{ kind: 'Gateway', name: 'public', namespace: 'gateway-system' }] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(gatewayRouteParentRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/gateway-allowed-routes', () => {
  const shared = (allowedRoutes: Record<string, unknown> | undefined) =>
    gateway('public', 'gateway-system', [listener('https', { hostname: '*.example.com', ...(allowedRoutes ? { allowedRoutes } : {}) })]);
  const routeIn = (namespace: string, kind = 'HTTPRoute') =>
    httpRoute('web', { parentRefs: [parent('public', { namespace: 'gateway-system' })], rules: [toWeb()] }, namespace, kind);
  const cases: Case[] = [
    { name: 'a route of the Gateway\'s namespace is admitted by default', objects: [shared(undefined), routeIn('gateway-system')], expected: [] },
    {
      name: 'a route of another namespace is refused by default (Same)',
      objects: [shared(undefined), routeIn('shop')],
      expected: [{
        index: 1, path: 'spec.parentRefs[0]',
        message: 'Forbidden: no listener of Gateway "public" admits HTTPRoutes of namespace "shop" (https: routes of its own namespace ("gateway-system") only); '
          + 'widen the listener\'s allowedRoutes',
      }],
    },
    { name: 'from All admits every namespace', objects: [shared({ namespaces: { from: 'All' } }), routeIn('shop')], expected: [] },
    {
      name: 'a selector on the namespace name is evaluated without the Namespace object',
      objects: [shared({ namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['blog'] }] } } }), routeIn('shop')],
      expected: [{
        index: 1, path: 'spec.parentRefs[0]',
        message: 'Forbidden: no listener of Gateway "public" admits HTTPRoutes of namespace "shop" (https: routes of namespaces matching kubernetes.io/metadata.name in (blog)); '
          + 'widen the listener\'s allowedRoutes',
      }],
    },
    {
      name: 'a label selector is evaluated on the Namespace of the bundle',
      objects: [shared({ namespaces: { from: 'Selector', selector: { matchLabels: { gateway: 'public' } } } }), routeIn('shop'), ns('shop', { gateway: 'public' })],
      expected: [],
    },
    {
      name: 'a label selector with the Namespace outside the bundle is not judged',
      objects: [shared({ namespaces: { from: 'Selector', selector: { matchLabels: { gateway: 'public' } } } }), routeIn('shop')],
      expected: [],
    },
    {
      name: 'a kinds list without the route\'s kind refuses it',
      objects: [shared({ namespaces: { from: 'All' }, kinds: [{ kind: 'HTTPRoute' }] }), routeIn('shop', 'GRPCRoute')],
      expected: [{
        index: 1, path: 'spec.parentRefs[0]',
        message: 'Forbidden: no listener of Gateway "public" admits GRPCRoutes of namespace "shop" (https: routes of every namespace of kinds HTTPRoute); '
          + 'widen the listener\'s allowedRoutes',
      }],
    },
    {
      name: 'a TLS passthrough listener takes no HTTPRoute',
      objects: [gateway('public', 'gateway-system', [{ name: 'tls', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } }]),
        httpRoute('web', { parentRefs: [parent('public', { namespace: 'gateway-system', sectionName: 'tls' })], rules: [toWeb()] }, 'shop')],
      expected: [{
        index: 1, path: 'spec.parentRefs[0]',
        message: 'Forbidden: no listener of Gateway "public" admits HTTPRoutes of namespace "shop" (tls: protocol TLS carries no HTTPRoutes or GRPCRoutes); '
          + 'attach the route to an HTTP or HTTPS listener',
      }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(gatewayAllowedRoutesRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/gateway-route-hostname', () => {
  const withHosts = (hostnames: string[], sectionName?: string) =>
    httpRoute('web', { parentRefs: [parent('public', sectionName ? { sectionName } : {})], hostnames, rules: [toWeb()] });
  const cases: Case[] = [
    { name: 'a host within the listener\'s wildcard is fine', objects: [publicGw, withHosts(['shop.example.com'], 'https')], expected: [] },
    { name: 'one matching host of several is enough', objects: [publicGw, withHosts(['shop.other.org', 'shop.example.com'], 'https')], expected: [] },
    { name: 'a listener without a host name takes every host', objects: [publicGw, withHosts(['shop.other.org'], 'http')], expected: [] },
    { name: 'without sectionName any listener may match', objects: [publicGw, withHosts(['shop.other.org'])], expected: [] },
    {
      name: 'no host matching the listener is reported',
      objects: [publicGw, withHosts(['shop.other.org'], 'https')],
      expected: [{
        index: 1, path: 'spec.hostnames',
        message: 'Invalid value: ["shop.other.org"]: no host name of the route matches a listener of Gateway "public" it attaches to (https: "*.example.com"); '
          + 'the Gateway ignores the route',
      }],
    },
    {
      name: 'the wildcard does not cover the bare domain',
      objects: [publicGw, withHosts(['example.com'], 'https')],
      expected: [{
        index: 1, path: 'spec.hostnames',
        message: 'Invalid value: ["example.com"]: no host name of the route matches a listener of Gateway "public" it attaches to (https: "*.example.com"); '
          + 'the Gateway ignores the route',
      }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(gatewayRouteHostnameRule, objects, ctx)).toEqual(expected);
  });

  test.each([
    [undefined, 'a.example.com', true],
    ['a.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['a.example.com', '*.example.com', true],
    ['*.example.com', '*.b.example.com', true],
    ['a.example.com', 'b.example.com', false],
  ])('listener %s and route host %s intersect: %s', (l, r, expected) => {
    expect(hostnamesIntersect(l, r)).toBe(expected);
  });
});

describe('cross/gateway-duplicate-route', () => {
  const routeWith = (name: string, hostnames: string[], matches?: Record<string, unknown>[], sectionName = 'https') =>
    httpRoute(name, { parentRefs: [parent('public', { sectionName })], hostnames, rules: [rule([{ name: 'web', port: 80 }], matches)] });
  const cases: Case[] = [
    { name: 'different paths are fine', objects: [publicGw, routeWith('a', ['shop.example.com'], [prefix('/a')]), routeWith('b', ['shop.example.com'], [prefix('/b')])], expected: [] },
    { name: 'different listeners are fine', objects: [publicGw, routeWith('a', ['shop.example.com']), routeWith('b', ['shop.example.com'], undefined, 'http')], expected: [] },
    { name: 'a header match makes a different match', objects: [publicGw, routeWith('a', ['shop.example.com']), routeWith('b', ['shop.example.com'], [{ headers: [{ name: 'x-canary', value: 'true' }] }])], expected: [] },
    {
      name: 'the same host and path on one listener is reported on the second route',
      objects: [publicGw, routeWith('a', ['shop.example.com'], [prefix('/api')]), routeWith('b', ['shop.example.com'], [prefix('/api')])],
      expected: [{
        index: 2, path: 'spec.rules[0].matches[0]',
        message: 'Duplicate value: "shop.example.com PathPrefix /api": already routed on listener "https" of Gateway "public" by HTTPRoute "a" at spec.rules[0].matches[0]',
      }],
    },
    {
      name: 'a rule without matches claims PathPrefix /',
      objects: [publicGw, routeWith('a', ['shop.example.com']), routeWith('b', ['shop.example.com'], [prefix('/')])],
      expected: [{
        index: 2, path: 'spec.rules[0].matches[0]',
        message: 'Duplicate value: "shop.example.com PathPrefix /": already routed on listener "https" of Gateway "public" by HTTPRoute "a" at spec.rules[0]',
      }],
    },
    {
      name: 'a parentRef without sectionName claims every listener',
      objects: [publicGw, routeWith('a', ['shop.example.com']), httpRoute('b', { parentRefs: [parent('public')], hostnames: ['shop.example.com'], rules: [toWeb()] })],
      expected: [{
        index: 2, path: 'spec.rules[0]',
        message: 'Duplicate value: "shop.example.com PathPrefix /": already routed on listener "https" of Gateway "public" by HTTPRoute "a" at spec.rules[0]',
      }],
    },
    {
      name: 'the same match twice in one route is reported',
      objects: [publicGw, routeWith('a', ['shop.example.com'], [prefix('/api'), prefix('/api')])],
      expected: [{
        index: 1, path: 'spec.rules[0].matches[1]',
        message: 'Duplicate value: "shop.example.com PathPrefix /api": already routed on listener "https" of Gateway "public" by this HTTPRoute at spec.rules[0].matches[0]',
      }],
    },
    {
      name: 'routes without host names on an external Gateway collide on every host',
      objects: [httpRoute('a', { parentRefs: [parent('public')], rules: [toWeb()] }), httpRoute('b', { parentRefs: [parent('public')], rules: [toWeb()] })],
      expected: [{
        index: 1, path: 'spec.rules[0]',
        message: 'Duplicate value: "every host PathPrefix /": already routed on every listener of Gateway "public" by HTTPRoute "a" at spec.rules[0]',
      }],
    },
    {
      name: 'GRPCRoutes collide on the same service and method',
      objects: [publicGw, ...['a', 'b'].map(n => httpRoute(n, {
        parentRefs: [parent('public', { sectionName: 'https' })], hostnames: ['api.example.com'],
        rules: [rule([{ name: 'web', port: 80 }], [{ method: { service: 'shop.Cart', method: 'Get' } }])],
      }, undefined, 'GRPCRoute'))],
      expected: [{
        index: 2, path: 'spec.rules[0].matches[0]',
        message: 'Duplicate value: "api.example.com shop.Cart/Get": already routed on listener "https" of Gateway "public" by GRPCRoute "a" at spec.rules[0].matches[0]',
      }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(gatewayDuplicateRouteRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/gateway-reference-grant', () => {
  const api = service('api', { app: 'api' }, [{ port: 80 }], { namespace: 'shop' });
  const route = httpRoute('web', { parentRefs: [parent('public')], rules: [rule([{ name: 'api', namespace: 'shop', port: 80 }])] }, 'web');
  const cases: Case[] = [
    { name: 'a backend in the route\'s namespace needs no grant', objects: [web, httpRoute('web', { parentRefs: [parent('public')], rules: [toWeb()] })], expected: [] },
    {
      name: 'a backend in another namespace without a grant is reported',
      objects: [api, route],
      expected: [{
        index: 1, path: 'spec.rules[0].backendRefs[0].namespace',
        message: 'Forbidden: Service "api" is in namespace "shop", not the HTTPRoute\'s; add a ReferenceGrant in namespace "shop" from HTTPRoute in namespace "web" to Service "api"',
      }],
    },
    {
      name: 'a grant for the route\'s kind and namespace allows it',
      objects: [api, route, grant('shop', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], [{ group: '', kind: 'Service', name: 'api' }])],
      expected: [],
    },
    {
      name: 'a grant for every Service of the namespace allows it',
      objects: [api, route, grant('shop', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], [{ group: '', kind: 'Service' }])],
      expected: [],
    },
    {
      name: 'a grant for another kind, namespace or Service does not',
      objects: [api, route,
        grant('shop', [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'web' }], [{ group: '', kind: 'Service', name: 'api' }]),
        grant('shop', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'blog' }], [{ group: '', kind: 'Service', name: 'api' }]),
        grant('shop', [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' }], [{ group: '', kind: 'Service', name: 'cart' }])],
      expected: [{
        index: 1, path: 'spec.rules[0].backendRefs[0].namespace',
        message: 'Forbidden: Service "api" is in namespace "shop", not the HTTPRoute\'s; add a ReferenceGrant in namespace "shop" from HTTPRoute in namespace "web" to Service "api"',
      }],
    },
    {
      name: 'a Gateway certificate Secret in another namespace without a grant is reported',
      objects: [secret('wildcard', ['tls.crt', 'tls.key'], 'kubernetes.io/tls', 'certs'),
        gateway('public', 'gateway-system', [listener('https', { tls: { certificateRefs: [{ name: 'wildcard', namespace: 'certs' }] } })])],
      expected: [{
        index: 1, path: 'spec.listeners[0].tls.certificateRefs[0].namespace',
        message: 'Forbidden: Secret "wildcard" is in namespace "certs", not the Gateway\'s; add a ReferenceGrant in namespace "certs" from Gateway in namespace "gateway-system" to Secret "wildcard"',
      }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(gatewayReferenceGrantRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/gateway-external-reference', () => {
  const route = httpRoute('web', { parentRefs: [parent('public', { namespace: 'gateway-system' })], rules: [rule([{ name: 'api', namespace: 'shop', port: 80 }])] }, 'web');
  const cases: Case[] = [
    {
      name: 'an external Gateway and an external Service of other namespaces are noted',
      objects: [route],
      context: context({ external: [{ kind: 'Gateway', name: 'public', namespace: 'gateway-system' }, { kind: 'Service', name: 'api', namespace: 'shop' }] }),
      expected: [
        {
          index: 0, path: 'spec.parentRefs[0]',
          message: 'Required value: Gateway "public" in namespace "gateway-system" is declared external: its listeners\' allowedRoutes must admit HTTPRoutes of namespace "web"',
        },
        {
          index: 0, path: 'spec.rules[0].backendRefs[0].namespace',
          message: 'Required value: Service "api" in namespace "shop" is declared external: a ReferenceGrant there must let HTTPRoutes of namespace "web" use it '
            + '(declare the grant as an external ReferenceGrant once its owners add it)',
        },
      ],
    },
    {
      name: 'a declared external ReferenceGrant in the Service\'s namespace settles the backend',
      objects: [route],
      context: context({ external: [{ kind: 'Service', name: 'api', namespace: 'shop' }, { kind: 'ReferenceGrant', name: 'from-web', namespace: 'shop' }] }),
      expected: [],
    },
    {
      name: 'an external Gateway of the route\'s own namespace needs no note',
      objects: [httpRoute('web', { parentRefs: [parent('public')], rules: [toWeb()] }, 'web')],
      context: context({ external: [{ kind: 'Gateway', name: 'public', namespace: 'web' }] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(gatewayExternalReferenceRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/gateway-tls-secret', () => {
  const tlsGateway = (ref: Record<string, unknown>) => gateway('public', 'gateway-system', [listener('https', { tls: { certificateRefs: [ref] } })]);
  const cases: Case[] = [
    { name: 'a kubernetes.io/tls Secret of the Gateway\'s namespace is fine', objects: [secret('public-tls', ['tls.crt', 'tls.key'], 'kubernetes.io/tls', 'gateway-system'), tlsGateway({ name: 'public-tls' })], expected: [] },
    {
      name: 'a missing Secret is reported',
      objects: [tlsGateway({ name: 'public-tls' })],
      expected: [{
        index: 0, path: 'spec.listeners[0].tls.certificateRefs[0].name',
        message: 'Not found: "public-tls": no Secret "public-tls" in namespace "gateway-system"; add it or declare it as an external object',
      }],
    },
    {
      name: 'an Opaque Secret is reported',
      objects: [secret('public-tls', ['tls.crt', 'tls.key'], undefined, 'gateway-system'), tlsGateway({ name: 'public-tls' })],
      expected: [{ index: 1, path: 'spec.listeners[0].tls.certificateRefs[0].name', message: 'Invalid value: "public-tls": Secret "public-tls" has type "Opaque", not "kubernetes.io/tls"' }],
    },
    {
      name: 'a Secret cert-manager issues, declared external, is accepted',
      objects: [tlsGateway({ kind: 'Secret', name: 'public-tls' })],
      context: context({ external: [{ kind: 'Secret', name: 'public-tls', namespace: 'gateway-system' }] }),
      expected: [],
    },
    {
      name: 'a Secret of another namespace is looked up there',
      objects: [secret('wildcard', ['tls.crt', 'tls.key'], 'kubernetes.io/tls', 'gateway-system'), tlsGateway({ name: 'wildcard', namespace: 'certs' })],
      expected: [{
        index: 1, path: 'spec.listeners[0].tls.certificateRefs[0].name',
        message: 'Not found: "wildcard": no Secret "wildcard" in namespace "certs"; add it or declare it as an external object',
      }],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(gatewayTlsSecretRule, objects, ctx)).toEqual(expected);
  });
});
