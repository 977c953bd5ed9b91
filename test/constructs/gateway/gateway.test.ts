/**
 * Gateway API constructs: a platform Gateway, apps routed through it (HTTPRoute, GRPCRoute, HTTPS
 * redirect), a canary split over two apps with its ReferenceGrant, external Gateways, and the
 * errors for bad input at construction (construct path and prop) and at validation (cross rules).
 */
import { Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import {
  AllowedRoutes, Gateway, GatewayTls, GrpcMethodMatch, GrpcRoute, HttpRedirect, HttpRoute, Image, ListenerProtocol, PathMatch, PathMatchType,
  RouteBackend, RouteParent, Severity, validate, WebApp, WebAppProps, ExternalObjects,
} from '../../../src';
import { validationError } from '../validation-error';

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');

/** A chart with the platform Gateway: HTTP and HTTPS on *.example.com, HTTPS for namespace "shop" only. */
function platform(): { chart: Chart; gateway: Gateway } {
  const chart = Testing.chart();
  const gateway = new Gateway(chart, 'Public', {
    gatewayClassName: 'eg',
    metadata: { name: 'public', namespace: 'gateway-system' },
    listeners: [
      { name: 'http', protocol: ListenerProtocol.HTTP, hostname: '*.example.com', allowedRoutes: AllowedRoutes.allNamespaces() },
      {
        name: 'https', protocol: ListenerProtocol.HTTPS, hostname: '*.example.com',
        tls: GatewayTls.certManagerClusterIssuer('letsencrypt'), allowedRoutes: AllowedRoutes.namespaces(['shop']),
      },
    ],
  });
  return { chart, gateway };
}

function shopApp(chart: Chart, props: Partial<WebAppProps> = {}, id = 'Web'): WebApp {
  return new WebApp(chart, id, { image: IMAGE, metadata: { namespace: 'shop' }, ...props });
}

const objects = (chart: Chart) => Testing.synth(chart);
const ofKind = (chart: Chart, kind: string) => objects(chart).filter(o => o.kind === kind);
const errors = (chart: Chart) => validate(chart).findings.filter(f => f.severity === Severity.ERROR).map(f => `${f.rule}: ${f.path}: ${f.message}`);

describe('Gateway', () => {
  test('listeners with TLS from cert-manager and allowed namespaces', () => {
    // GIVEN the platform Gateway
    const { chart, gateway } = platform();
    // THEN
    const [rendered] = ofKind(chart, 'Gateway');
    expect(rendered).toMatchSnapshot();
    expect(rendered.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(rendered.spec.listeners[1].tls).toEqual({ mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'public-https-tls' }] });
    expect(gateway.listenerNames).toEqual(['http', 'https']);
    expect(gateway.listener('https')?.port).toBe(443);
    expect(ExternalObjects.of(chart).all).toContainEqual({ kind: 'Secret', name: 'public-https-tls', namespace: 'gateway-system' });
    expect(errors(chart)).toEqual([]);
  });

  test('a TLS Secret by name and routes of labelled namespaces', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'Internal', { gatewayClassName: 'istio' });
    gateway.addListener({
      name: 'https', protocol: ListenerProtocol.HTTPS, port: 8443, tls: GatewayTls.fromSecretName('wildcard'),
      allowedRoutes: AllowedRoutes.namespaceLabels({ 'gateway-access': 'internal' }),
    });
    const [rendered] = ofKind(chart, 'Gateway');
    expect(rendered.metadata.annotations).toBeUndefined();
    expect(rendered.spec.listeners).toEqual([{
      name: 'https', protocol: 'HTTPS', port: 8443,
      tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'wildcard' }] },
      allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'internal' } } } },
    }]);
  });

  test('a Gateway without listeners fails the synth', () => {
    const chart = Testing.chart();
    new Gateway(chart, 'Empty', { gatewayClassName: 'eg' });
    expect(() => Testing.synth(chart)).toThrow('the Gateway has no listener: add one with \'listeners\' or addListener()');
  });

  const https = { name: 'https', protocol: ListenerProtocol.HTTPS, tls: GatewayTls.fromSecretName('tls') };
  test.each([
    ['no gatewayClassName', () => new Gateway(Testing.chart(), 'G', {} as any),
      '[test/G] \'gatewayClassName\' (undefined) is required: the GatewayClass of the implementation, e.g. \'eg\''],
    ['a listener name that is not a label', () => new Gateway(Testing.chart(), 'G', { gatewayClassName: 'eg', listeners: [{ ...https, name: 'HTTPS' }] }),
      '[test/G] \'listeners[0].name\' ("HTTPS") must be a DNS-1123 label such as \'https\': at most 63 lower-case letters, digits or \'-\', starting and ending with a letter or digit'],
    ['two listeners of one name', () => new Gateway(Testing.chart(), 'G', { gatewayClassName: 'eg', listeners: [https, { ...https, port: 8443 }] }),
      '[test/G] \'listeners[1].name\' ("https") is already a listener of the Gateway; listener names are unique'],
    ['the same port, protocol and host', () => new Gateway(Testing.chart(), 'G', { gatewayClassName: 'eg', listeners: [https, { ...https, name: 'other' }] }),
      '[test/G] \'listeners[1]\' has the port, protocol and host name of listener "https" (443/HTTPS, every host); give it another port or host name'],
    ['HTTPS without tls', () => new Gateway(Testing.chart(), 'G', { gatewayClassName: 'eg', listeners: [{ name: 'https', protocol: ListenerProtocol.HTTPS }] }),
      '[test/G] \'listeners[0].tls\' is required for an HTTPS listener: use GatewayTls.fromSecretName(), certManagerIssuer() or certManagerClusterIssuer()'],
    ['HTTP with tls', () => new Gateway(Testing.chart(), 'G', { gatewayClassName: 'eg', listeners: [{ ...https, protocol: ListenerProtocol.HTTP }] }),
      '[test/G] \'listeners[0].tls\' is set on an HTTP listener: TLS needs ListenerProtocol.HTTPS'],
    ['cert-manager without a hostname', () => new Gateway(Testing.chart(), 'G', { gatewayClassName: 'eg', listeners: [{ ...https, tls: GatewayTls.certManagerIssuer('ca') }] }),
      '[test/G] \'listeners[0].hostname\' is required with a cert-manager certificate: cert-manager issues one per listener host name'],
    ['an IP as hostname', () => new Gateway(Testing.chart(), 'G', { gatewayClassName: 'eg', listeners: [{ ...https, hostname: '10.0.0.1' }] }),
      '[test/G] \'listeners[0].hostname\' ("10.0.0.1") must be a lower-case DNS name (e.g. \'app.example.com\') or a \'*.\' wildcard (e.g. \'*.example.com\'), not an IP address or a name with a port'],
    ['an empty namespace list', () => new Gateway(Testing.chart(), 'G', { gatewayClassName: 'eg', listeners: [{ ...https, allowedRoutes: AllowedRoutes.namespaces([]) }] }),
      '[test/G] \'listeners[0].allowedRoutes\' names no namespace: pass at least one, or use AllowedRoutes.sameNamespace()'],
  ])('%s is a ValidationError', (_name, build, message) => {
    expect(validationError(build)).toBe(message);
  });
});

describe('WebApp route', () => {
  test('an HTTPRoute on the HTTPS listener and an HTTP to HTTPS redirect', () => {
    // GIVEN an app routed through the platform Gateway
    const { chart, gateway } = platform();
    const web = shopApp(chart, {
      route: {
        parents: [RouteParent.gateway(gateway, { listener: 'https' })],
        hosts: ['shop.example.com'],
        paths: ['/', '/api'],
        timeout: Duration.seconds(30),
        httpsRedirect: [RouteParent.gateway(gateway, { listener: 'http' })],
      },
    });
    // THEN
    const routes = ofKind(chart, 'HTTPRoute');
    expect(routes).toMatchSnapshot();
    expect(routes[0].spec.parentRefs).toEqual([{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }]);
    expect(routes[0].spec.rules).toEqual([{
      matches: [{ path: { type: 'PathPrefix', value: '/' } }, { path: { type: 'PathPrefix', value: '/api' } }],
      backendRefs: [{ name: web.service.name, port: 80 }],
      timeouts: { request: '30s' },
    }]);
    expect(routes[1].spec.rules).toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
    expect(web.httpRoute?.hostnames).toEqual(['shop.example.com']);
    expect(web.httpsRedirectRoute).toBeDefined();
    expect(errors(chart)).toEqual([]);
  });

  test('Ingress and route side by side during a migration', () => {
    const { chart, gateway } = platform();
    shopApp(chart, {
      ingress: { hosts: ['shop.example.com'], className: 'nginx' },
      route: { parents: [RouteParent.gateway(gateway, { listener: 'https' })], hosts: ['shop.example.com'] },
    });
    expect(objects(chart).map(o => o.kind)).toEqual(expect.arrayContaining(['Ingress', 'HTTPRoute']));
    expect(errors(chart)).toEqual([]);
  });

  test('exact paths, header matches and another app port', () => {
    const { chart, gateway } = platform();
    shopApp(chart, {
      ports: [{ name: 'http', number: 8080 }, { name: 'admin', number: 9000 }],
      route: {
        parents: [RouteParent.gateway(gateway, { listener: 'https' })], hosts: ['admin.example.com'],
        paths: ['/status'], pathMatch: PathMatchType.EXACT, headers: [{ name: 'x-admin', value: 'yes' }], port: 'admin',
      },
    });
    const [route] = ofKind(chart, 'HTTPRoute');
    expect(route.spec.rules[0].matches).toEqual([{ path: { type: 'Exact', value: '/status' }, headers: [{ type: 'Exact', name: 'x-admin', value: 'yes' }] }]);
    expect(route.spec.rules[0].backendRefs[0].port).toBe(9000);
  });

  test('a GRPCRoute for a gRPC app', () => {
    const { chart, gateway } = platform();
    const cart = shopApp(chart, {
      ports: [{ name: 'grpc', number: 7070 }],
      grpcRoute: {
        parents: [RouteParent.gateway(gateway, { listener: 'https' })], hosts: ['cart.example.com'],
        methods: [GrpcMethodMatch.service('hipstershop.CartService'), GrpcMethodMatch.method('grpc.health.v1.Health', 'Check')],
      },
    }, 'Cart');
    const [route] = ofKind(chart, 'GRPCRoute');
    expect(route.spec.rules).toEqual([{
      matches: [
        { method: { type: 'Exact', service: 'hipstershop.CartService' } },
        { method: { type: 'Exact', service: 'grpc.health.v1.Health', method: 'Check' } },
      ],
      backendRefs: [{ name: cart.service.name, port: 80 }],
    }]);
    expect(cart.grpcRoute).toBeInstanceOf(GrpcRoute);
    expect(errors(chart)).toEqual([]);
  });

  test('an external Gateway is declared with its listeners', () => {
    const chart = Testing.chart();
    new WebApp(chart, 'Web', {
      image: IMAGE,
      route: { parents: [RouteParent.external('public', { namespace: 'gateway-system', listeners: ['http', 'https'], listener: 'https' })], hosts: ['shop.example.com'] },
    });
    expect(ExternalObjects.of(chart).all).toContainEqual({ kind: 'Gateway', name: 'public', namespace: 'gateway-system', keys: ['http', 'https'] });
    expect(errors(chart)).toEqual([]);
  });

  test('Gateway.fromGatewayName declares the Gateway and checks listener names', () => {
    const chart = Testing.chart();
    const gateway = Gateway.fromGatewayName(chart, 'Shared', 'shared', { namespace: 'infra', listeners: ['web'] });
    expect(ExternalObjects.of(chart).all).toContainEqual({ kind: 'Gateway', name: 'shared', namespace: 'infra', keys: ['web'] });
    expect(validationError(() => new WebApp(chart, 'Web', { image: IMAGE, route: { parents: [RouteParent.gateway(gateway, { listener: 'https' })] } })))
      .toBe('[test/Web] \'route.parents[0].listener\' ("https") is not a listener of Gateway "shared" in namespace "infra" (listeners: "web")');
  });

  test('a Gateway by name that is neither in the app nor external fails validation', () => {
    const chart = Testing.chart();
    new WebApp(chart, 'Web', { image: IMAGE, route: { parents: [RouteParent.named('public', { namespace: 'gateway-system' })] } });
    expect(errors(chart)).toEqual([
      'cross/gateway-route-parent: spec.parentRefs[0].name: Not found: "public": no Gateway "public" in namespace "gateway-system"; add it or declare it as an external object',
    ]);
  });

  test('two apps that claim the same host and path on one listener fail validation', () => {
    const { chart, gateway } = platform();
    const route = { parents: [RouteParent.gateway(gateway, { listener: 'https' })], hosts: ['shop.example.com'] };
    const first = shopApp(chart, { route }, 'A');
    shopApp(chart, { route }, 'B');
    expect(errors(chart)).toEqual([
      'cross/gateway-duplicate-route: spec.rules[0].matches[0]: Duplicate value: "shop.example.com PathPrefix /": already routed on listener "https" '
        + `of Gateway "public" by HTTPRoute "${first.httpRoute!.name}" at spec.rules[0].matches[0]`,
    ]);
  });

  const parentsOf = (gateway: Gateway, listener = 'https') => [RouteParent.gateway(gateway, { listener })];
  test.each([
    ['an invalid host', (g: Gateway) => ({ parents: parentsOf(g), hosts: ['Shop.example.com'] }),
      '[test/Web] \'route.hosts[0]\' ("Shop.example.com") must be a lower-case DNS name (e.g. \'app.example.com\') or a \'*.\' wildcard (e.g. \'*.example.com\'), not an IP address or a name with a port'],
    ['a host the listener does not serve', (g: Gateway) => ({ parents: parentsOf(g), hosts: ['shop.example.org'] }),
      '[test/Web] \'route.hosts[0]\' ("shop.example.org") matches no host name of listener "https" of Gateway "public" in namespace "gateway-system" ("*.example.com"); the Gateway would not route it'],
    ['a listener the Gateway lacks', (g: Gateway) => ({ parents: parentsOf(g, 'htps') }),
      '[test/Web] \'route.parents[0].listener\' ("htps") is not a listener of Gateway "public" in namespace "gateway-system" (listeners: "http", "https")'],
    ['a path without a leading slash', (g: Gateway) => ({ parents: parentsOf(g), paths: ['api'] }),
      '[test/Web] \'route.paths[0]\' ("api") must start with \'/\''],
    ['a path with a dot segment', (g: Gateway) => ({ parents: parentsOf(g), paths: ['/a/../b'] }),
      '[test/Web] \'route.paths[0]\' ("/a/../b") must not contain \'.\' or \'..\' segments'],
    ['a port the app lacks', (g: Gateway) => ({ parents: parentsOf(g), port: 'grpc' }),
      '[test/Web] \'route.port\' ("grpc") is not a port of the app (ports: "http")'],
    ['a bad header name', (g: Gateway) => ({ parents: parentsOf(g), headers: [{ name: 'x canary', value: '1' }] }),
      '[test/Web] \'route.headers[0].name\' ("x canary") must be an HTTP header name: letters, digits and !#$%&\'*+-.^_`|~, at most 256 characters'],
    ['a timeout below a millisecond', (g: Gateway) => ({ parents: parentsOf(g), timeout: Duration.millis(0) }),
      '[test/Web] \'route.timeout\' (0ms) must be a positive whole number of milliseconds that the Gateway API can write with at most 5 digits (e.g. Duration.seconds(30), at most 99999 hours)'],
    ['no parent', () => ({ parents: [] }),
      '[test/Web] \'route.parents\' is empty: a route attaches to at least one Gateway (RouteParent.gateway(), named() or external())'],
    ['a misspelled prop', (g: Gateway) => ({ parents: parentsOf(g), hots: ['a.example.com'] }),
      '[test/Web] unknown prop \'route.hots\': did you mean \'route.hosts\'?'],
    ['a misspelled header prop', (g: Gateway) => ({ parents: parentsOf(g), headers: [{ name: 'x-a', vaule: '1' }] }),
      '[test/Web] unknown prop \'route.headers[0].vaule\': did you mean \'route.headers[0].value\'?'],
    ['a redirect listener the Gateway lacks', (g: Gateway) => ({ parents: parentsOf(g), httpsRedirect: parentsOf(g, 'plain') }),
      '[test/Web] \'route.httpsRedirect[0].listener\' ("plain") is not a listener of Gateway "public" in namespace "gateway-system" (listeners: "http", "https")'],
  ])('%s is a ValidationError', (_name, route, message) => {
    const { gateway } = platform();
    const chart = Testing.chart();
    expect(validationError(() => new WebApp(chart, 'Web', { image: IMAGE, metadata: { namespace: 'shop' }, route: route(gateway) as any }))).toBe(message);
  });

  test('a namespace the listener does not admit is a ValidationError', () => {
    const { chart, gateway } = platform();
    expect(validationError(() => new WebApp(chart, 'Blog', {
      image: IMAGE, metadata: { namespace: 'blog' }, route: { parents: [RouteParent.gateway(gateway, { listener: 'https' })] },
    }))).toBe('[test/Blog] \'route.parents[0]\': listener "https" of Gateway "public" in namespace "gateway-system" admits routes of namespaces "shop", '
      + 'not namespace "blog"; widen the listener\'s allowedRoutes (e.g. AllowedRoutes.namespaces([...]))');
  });

  test('a misspelled grpcRoute prop is a ValidationError', () => {
    const { gateway } = platform();
    expect(validationError(() => new WebApp(Testing.chart(), 'Web', { image: IMAGE, grpcRoute: { parents: [RouteParent.gateway(gateway)], method: [] } as any })))
      .toBe('[test/Web] unknown prop \'grpcRoute.method\': did you mean \'grpcRoute.methods\'?');
  });

  test('a Gateway without a namespace cannot be named from a route of another namespace', () => {
    const chart = Testing.chart();
    const gateway = new Gateway(chart, 'Local', { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: ListenerProtocol.HTTP }] });
    expect(validationError(() => shopApp(chart, { route: { parents: [RouteParent.gateway(gateway)] } })))
      .toBe(`[test/Web] 'route.parents[0]': Gateway "${gateway.gatewayName}" has no namespace, but the route is in namespace "shop", so the reference could not name it; `
        + 'give the Gateway a namespace (metadata.namespace or its chart\'s)');
  });

  test('two cert-manager issuers on one Gateway are a ValidationError', () => {
    expect(validationError(() => new Gateway(Testing.chart(), 'G', {
      gatewayClassName: 'eg',
      listeners: [
        { name: 'a', protocol: ListenerProtocol.HTTPS, hostname: 'a.example.com', tls: GatewayTls.certManagerClusterIssuer('letsencrypt') },
        { name: 'b', protocol: ListenerProtocol.HTTPS, hostname: 'b.example.com', tls: GatewayTls.certManagerIssuer('internal-ca') },
      ],
    }))).toBe('[test/G] \'listeners[1].tls\' asks for cert-manager.io/issuer=internal-ca, but another listener uses cert-manager.io/cluster-issuer=letsencrypt: '
      + 'cert-manager reads one issuer annotation per Gateway');
  });

  test('a bad gRPC service name is a ValidationError', () => {
    const { chart, gateway } = platform();
    expect(validationError(() => shopApp(chart, { grpcRoute: { parents: [RouteParent.gateway(gateway, { listener: 'https' })], methods: [GrpcMethodMatch.service('cart service')] } })))
      .toBe('[test/Web] \'grpcRoute.rule[0].matches[0]\' service ("cart service") must be a fully qualified gRPC service name such as \'hipstershop.CartService\'');
  });
});

describe('emitted objects are validated against the full CRD schemas', () => {
  test('an escape-hatch patch the HTTPRoute CRD refuses is reported by the schema layer', () => {
    // GIVEN an app route patched past the constructs' checks (a weight above the CRD's maximum,
    // and a redirect filter next to backendRefs, which a CEL rule of the CRD forbids)
    const { chart, gateway } = platform();
    const web = shopApp(chart, { route: { parents: [RouteParent.gateway(gateway, { listener: 'https' })], hosts: ['shop.example.com'] } });
    web.httpRoute!.resource.addJsonPatch(
      JsonPatch.add('/spec/rules/0/backendRefs/0/weight', 2000000),
      JsonPatch.add('/spec/rules/0/filters', [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }]),
    );
    // THEN
    const findings = validate(chart).findings.filter(f => f.severity === Severity.ERROR).map(f => `${f.rule}: ${f.path}`);
    expect(findings).toEqual(expect.arrayContaining([
      'schema/strict: spec.rules[0].backendRefs[0].weight',
      expect.stringMatching(/^schema\/cel: spec\.rules\[0\]/),
    ]));
  });
});

describe('HttpRoute over several apps', () => {
  test('a canary split by weight, with the ReferenceGrant for the app of another namespace', () => {
    // GIVEN a stable app in "shop" and a canary in "canary"
    const { chart, gateway } = platform();
    const stable = shopApp(chart, {}, 'Stable');
    const canary = new WebApp(chart, 'Canary', { image: Image.of('ghcr.io/acme/web:1.5.0-rc.1'), metadata: { namespace: 'canary' } });
    // WHEN
    const route = new HttpRoute(chart, 'Shop', {
      metadata: { namespace: 'shop' },
      parents: [RouteParent.gateway(gateway, { listener: 'https' })],
      hostnames: ['shop.example.com'],
      rules: [{ backends: [RouteBackend.app(stable, { weight: 90 }), RouteBackend.app(canary, { weight: 10 })] }],
    });
    // THEN
    expect(ofKind(chart, 'HTTPRoute')[0].spec.rules[0].backendRefs).toEqual([
      { name: stable.service.name, port: 80, weight: 90 },
      { name: canary.service.name, namespace: 'canary', port: 80, weight: 10 },
    ]);
    const [grant] = ofKind(chart, 'ReferenceGrant');
    expect(grant.metadata.namespace).toBe('canary');
    expect(grant.spec).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
      to: [{ group: '', kind: 'Service', name: canary.service.name }],
    });
    expect(route.referenceGrants).toHaveLength(1);
    expect(errors(chart)).toEqual([]);
  });

  test('without the grant the cross rule reports the reference', () => {
    const { chart, gateway } = platform();
    const stable = shopApp(chart, {}, 'Stable');
    const canary = new WebApp(chart, 'Canary', { image: IMAGE, metadata: { namespace: 'canary' } });
    const route = new HttpRoute(chart, 'Shop', {
      metadata: { namespace: 'shop' }, parents: [RouteParent.gateway(gateway, { listener: 'https' })],
      rules: [{ backends: [RouteBackend.app(stable), RouteBackend.app(canary)] }],
    });
    route.node.tryRemoveChild('ReferenceGrants');
    expect(errors(chart)).toEqual([
      `cross/gateway-reference-grant: spec.rules[0].backendRefs[1].namespace: Forbidden: Service "${canary.service.name}" is in namespace "canary", not the HTTPRoute's; `
        + `add a ReferenceGrant in namespace "canary" from HTTPRoute in namespace "shop" to Service "${canary.service.name}"`,
    ]);
  });

  test('redirects, matches and timeouts of a hand-built route', () => {
    const { chart, gateway } = platform();
    const web = shopApp(chart);
    new HttpRoute(chart, 'Api', {
      metadata: { namespace: 'shop' },
      parents: [RouteParent.gateway(gateway)],
      hostnames: ['api.example.com'],
      rules: [
        { matches: [{ path: PathMatch.exact('/old') }], redirect: HttpRedirect.toHttps({ port: 8443 }) },
        { matches: [{ path: PathMatch.prefix('/v1'), headers: [{ name: 'x-version', value: '1' }] }], backends: [RouteBackend.app(web)],
          timeout: Duration.seconds(10), backendTimeout: Duration.millis(2500) },
      ],
    });
    const [route] = ofKind(chart, 'HTTPRoute');
    expect(route.spec.rules[0].filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301, port: 8443 } }]);
    expect(route.spec.rules[1].timeouts).toEqual({ request: '10s', backendRequest: '2500ms' });
  });

  test.each([
    ['a weight above 1,000,000', (web: WebApp) => ({ rules: [{ backends: [RouteBackend.app(web, { weight: 1_000_001 })] }] }),
      '[test/R] \'rules[0].backends[0].weight\' (1000001) must be an integer between 0 and 1000000, inclusive (a share of the traffic relative to the other backends)'],
    ['a negative weight', (web: WebApp) => ({ rules: [{ backends: [RouteBackend.app(web, { weight: -1 })] }] }),
      '[test/R] \'rules[0].backends[0].weight\' (-1) must be an integer between 0 and 1000000, inclusive (a share of the traffic relative to the other backends)'],
    ['a port the Service lacks', (web: WebApp) => ({ rules: [{ backends: [RouteBackend.app(web, { port: 8080 })] }] }),
      `[test/R] 'rules[0].backends[0].port' (8080) is not a port of Service "test-web-service-c81579ce" (ports: 80)`],
    ['a redirect with backends', (web: WebApp) => ({ rules: [{ redirect: HttpRedirect.toHttps(), backends: [RouteBackend.app(web)] }] }),
      '[test/R] \'rules[0]\' has both a redirect and backends: a redirect is answered by the Gateway, so leave out \'backends\''],
    ['a rule without backends', () => ({ rules: [{}] }),
      '[test/R] \'rules[0].backends\' is empty: a rule needs at least one backend (RouteBackend.app(), service() or serviceName())'],
    ['a backend timeout above the timeout', (web: WebApp) => ({ rules: [{ backends: [RouteBackend.app(web)], timeout: Duration.seconds(1), backendTimeout: Duration.seconds(2) }] }),
      '[test/R] \'rules[0].backendTimeout\' (2s) must not exceed \'rules[0].timeout\' (1s)'],
    ['a path with //', (web: WebApp) => ({ rules: [{ matches: [{ path: PathMatch.prefix('/a//b') }], backends: [RouteBackend.app(web)] }] }),
      '[test/R] \'rules[0].matches[0].path\' ("/a//b") must not contain \'//\''],
    ['the same parent twice', (web: WebApp) => ({ parents: [RouteParent.named('public'), RouteParent.named('public')], rules: [{ backends: [RouteBackend.app(web)] }] }),
      '[test/R] \'parents[1]\' repeats a parent (Gateway "public"); each must appear once'],
  ])('%s is a ValidationError', (_name, props, message) => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE });
    expect(validationError(() => new HttpRoute(chart, 'R', { parents: [RouteParent.named('public')], ...props(web) } as any))).toBe(message);
  });

  test('an app without a namespace cannot be a backend of a route in a namespace', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE });
    expect(validationError(() => new HttpRoute(chart, 'R', { metadata: { namespace: 'shop' }, parents: [RouteParent.named('public')], rules: [{ backends: [RouteBackend.app(web)] }] })))
      .toBe(`[test/R] 'rules[0].backends[0]': Service "${web.service.name}" has no namespace, but the route is in namespace "shop", so the reference could not name it; `
        + 'give the app a namespace (metadata.namespace or its chart\'s)');
  });

  test('a GrpcRoute over two gRPC apps splits calls by weight', () => {
    const { chart, gateway } = platform();
    const v1 = shopApp(chart, { ports: [{ name: 'grpc', number: 7070 }] }, 'V1');
    const v2 = shopApp(chart, { ports: [{ name: 'grpc', number: 7070 }] }, 'V2');
    new GrpcRoute(chart, 'Cart', {
      metadata: { namespace: 'shop' }, parents: [RouteParent.gateway(gateway, { listener: 'https' })], hostnames: ['cart.example.com'],
      rules: [{ matches: [GrpcMethodMatch.service('hipstershop.CartService')], backends: [RouteBackend.app(v1, { weight: 3 }), RouteBackend.app(v2, { weight: 1 })] }],
    });
    expect(ofKind(chart, 'GRPCRoute')[0].spec.rules[0].backendRefs).toEqual([
      { name: v1.service.name, port: 80, weight: 3 }, { name: v2.service.name, port: 80, weight: 1 },
    ]);
    expect(errors(chart)).toEqual([]);
  });

  test('a Service outside the app is declared external', () => {
    const chart = Testing.chart();
    new HttpRoute(chart, 'Legacy', { parents: [RouteParent.external('public')], rules: [{ backends: [RouteBackend.serviceName('legacy', 8080, { namespace: 'old' })] }] });
    expect(ExternalObjects.of(chart).all).toEqual([{ kind: 'Gateway', name: 'public' }, { kind: 'Service', name: 'legacy', namespace: 'old' }]);
    expect(ofKind(chart, 'ReferenceGrant')).toEqual([]);
    expect(validate(chart).findings.filter(f => f.rule === 'cross/gateway-external-reference').map(f => f.message)).toEqual([
      'Required value: Service "legacy" in namespace "old" is declared external: a ReferenceGrant there must let HTTPRoutes of the default namespace use it '
        + '(declare the grant as an external ReferenceGrant once its owners add it)',
    ]);
  });
});
