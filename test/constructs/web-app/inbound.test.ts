import { App, Chart, Testing } from 'cdk8s';
import {
  AllowedRoutes, CronTask, Database, DatabaseCredentials, DatabaseEngine, Gateway, Image, ListenerProtocol, MetricsExporter, NetworkPeer, Override, RouteParent, Schedule,
  ValidationError, WebApp, WebAppProps, Worker,
} from '../../../src';
import { synthesizeApp } from '../../../src/synth';
import { NetworkPolicyEvaluator } from '../../../src/testing';
import { env, shopApp } from '../../environments/fixtures';

/*
 * WebApp `inbound`: one Ingress NetworkPolicy that admits exactly the ingress controller, the
 * parent Gateways' data plane, the clients, the sidecars' peers and the listed peers.
 */

const IMAGE = Image.of('ghcr.io/acme/web:1.0.0');
const NGINX = NetworkPeer.namespace('ingress-nginx', { podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } });
const TCP = (port: number) => ({ protocol: 'TCP', port });
const fromNamespace = (namespace: string, podLabels?: Record<string, string>) => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
  ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
});

/** A web app in namespace `shop` serving on 9898 behind Service port 80, with `props`. */
function webApp(chart: Chart, props: Partial<WebAppProps> = {}, id = 'Web'): WebApp {
  return new WebApp(chart, id, { image: IMAGE, ports: [{ name: 'http', number: 9898 }, { name: 'grpc', number: 9999 }], metadata: { namespace: 'shop' }, ...props });
}

function policies(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'NetworkPolicy');
}

function inboundOf(chart: Chart, app: WebApp): any {
  const found = policies(chart).filter(p => p.metadata.name === app.inboundPolicy?.name);
  expect(found).toHaveLength(1);
  return found[0].spec;
}

describe('WebApp inbound', () => {
  test('without inbound, no ingress policy selects the app (opt-in)', () => {
    const chart = Testing.chart();
    const app = webApp(chart, { ingress: { hosts: ['shop.example.com'] } });
    expect(app.inboundPolicy).toBeUndefined();
    expect(policies(chart)).toEqual([]);
  });

  test('ingress only: the controller, on the pod port the Ingress routes to (not the Service port)', () => {
    const chart = Testing.chart();
    const app = webApp(chart, { ingress: { hosts: ['shop.example.com'], port: 'http' }, inbound: { ingressController: NGINX } });
    expect(inboundOf(chart, app)).toEqual({
      podSelector: { matchLabels: app.labels.selector },
      policyTypes: ['Ingress'],
      ingress: [{ from: [fromNamespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' })], ports: [TCP(9898)] }],
    });
  });

  test('route only, external Gateway: its declared namespace on the route\'s pod port; gatewayPods narrows it', () => {
    const chart = Testing.chart();
    const app = webApp(chart, {
      route: { parents: [RouteParent.external('public', { namespace: 'gateway-system', listener: 'https' })] },
      grpcRoute: { parents: [RouteParent.external('public', { namespace: 'gateway-system', listener: 'https' })], port: 'grpc' },
      inbound: { gatewayPods: { 'gateway.networking.k8s.io/gateway-name': 'public' } },
    });
    const pods = { 'gateway.networking.k8s.io/gateway-name': 'public' };
    expect(inboundOf(chart, app).ingress).toEqual([
      { from: [fromNamespace('gateway-system', pods)], ports: [TCP(9898)] },
      { from: [fromNamespace('gateway-system', pods)], ports: [TCP(9999)] },
    ]);
  });

  test('route only, Gateway of the app: its namespace; in the app\'s namespace (or none known), pods of that namespace', () => {
    const chart = Testing.chart();
    const listeners = [{ name: 'http', protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.allNamespaces() }];
    const edge = new Gateway(chart, 'Edge', { gatewayClassName: 'istio', metadata: { namespace: 'edge' }, listeners });
    const local = new Gateway(chart, 'Local', { gatewayClassName: 'istio', metadata: { namespace: 'shop' }, listeners });
    const app = webApp(chart, {
      route: { parents: [RouteParent.gateway(edge), RouteParent.gateway(local)] },
      inbound: {},
    });
    expect(inboundOf(chart, app).ingress).toEqual([
      { from: [fromNamespace('edge'), { podSelector: {} }], ports: [TCP(9898)] },
    ]);
    // No namespace anywhere: the Gateway shares the app's namespace, whatever it is.
    const bare = Testing.chart();
    const gateway = new Gateway(bare, 'Gw', { gatewayClassName: 'istio', listeners });
    const plain = new WebApp(bare, 'Web', { image: IMAGE, route: { parents: [RouteParent.gateway(gateway)] }, inbound: { gatewayPods: { app: 'gw' } } });
    expect(inboundOf(bare, plain).ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'gw' } } }], ports: [TCP(8080)] }]);
  });

  test('ingress and route: the controller and the data plane, each on its port; peers on every port', () => {
    const chart = Testing.chart();
    const app = webApp(chart, {
      ingress: { hosts: ['shop.example.com'] },
      route: { parents: [RouteParent.named('public', { namespace: 'gateway-system' })] },
      inbound: { ingressController: NGINX, peers: [NetworkPeer.cidrs(['10.20.0.0/16'])] },
    });
    expect(inboundOf(chart, app).ingress).toEqual([
      { from: [fromNamespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' })], ports: [TCP(9898)] },
      { from: [fromNamespace('gateway-system')], ports: [TCP(9898)] },
      { from: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [TCP(9898), TCP(9999)] },
    ]);
  });

  test('clients (inbound.clients and allowFrom) are admitted like a database\'s clients: on the main port, once each', () => {
    const chart = Testing.chart();
    const worker = new Worker(chart, 'Mailer', { image: IMAGE, metadata: { namespace: 'shop' } });
    const task = new CronTask(chart, 'Report', { image: IMAGE, schedule: Schedule.daily(2), metadata: { namespace: 'batch' } });
    new Worker(chart, 'Other', { image: IMAGE, metadata: { namespace: 'shop' } });
    const app = webApp(chart, { inbound: { clients: [worker] } });
    app.allowFrom(task);
    app.allowFrom(worker);
    expect(app.inboundClients.map(c => c.name)).toEqual(['test/Mailer', 'test/Report']);
    expect(inboundOf(chart, app).ingress).toEqual([
      { from: [{ podSelector: { matchLabels: worker.labels.selector } }], ports: [TCP(9898)] },
      { from: [{ podSelector: { matchLabels: task.labels.selector }, ...fromNamespace('batch') }], ports: [TCP(9898)] },
    ]);
    // THEN the evaluator agrees: the clients reach the app, another pod of the namespace does not.
    const net = new NetworkPolicyEvaluator(Testing.synth(chart));
    const pod = (name: string) => net.workloadPods.find(p => p.labels['app.kubernetes.io/name'] === name)!;
    expect(net.allows(pod('mailer'), pod('web'), 9898)).toBe(true);
    expect(net.allows(pod('report'), pod('web'), 9898)).toBe(true);
    expect(net.allows(pod('mailer'), pod('web'), 9999)).toBe(false);
    expect(net.allows(pod('other'), pod('web'), 9898)).toBe(false);
  });

  test('an egress-isolated client also gets egress to the app (once, before or after its connectTo); others get none', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Db', {
      engine: DatabaseEngine.postgres('16.4'), credentials: DatabaseCredentials.fromExistingSecret('db', { userKey: 'username' }),
      metadata: { namespace: 'shop' },
    });
    const worker = new Worker(chart, 'Mailer', { image: IMAGE, metadata: { namespace: 'shop' } });
    const task = new CronTask(chart, 'Report', { image: IMAGE, schedule: Schedule.daily(2), metadata: { namespace: 'batch' } });
    const plain = new Worker(chart, 'Plain', { image: IMAGE, metadata: { namespace: 'shop' } });
    task.connectTo(db);
    const app = webApp(chart, { inbound: { clients: [worker, task, plain] } });
    app.allowFrom(task);
    worker.connectTo(db);
    const all = policies(chart);
    const egressToApp = all.filter(p => p.spec.policyTypes[0] === 'Egress' && p.metadata.name.includes('-connections-apps-'));
    expect(egressToApp.map(p => [p.spec.podSelector.matchLabels['app.kubernetes.io/name'], p.spec.egress])).toEqual([
      ['mailer', [{ to: [{ podSelector: { matchLabels: app.labels.selector } }], ports: [TCP(9898)] }]],
      ['report', [{ to: [{ podSelector: { matchLabels: app.labels.selector }, ...fromNamespace('shop') }], ports: [TCP(9898)] }]],
    ]);
    const net = new NetworkPolicyEvaluator(Testing.synth(chart));
    const pod = (name: string) => net.workloadPods.find(p => p.labels['app.kubernetes.io/name'] === name)!;
    for (const client of ['mailer', 'report', 'plain']) {
      expect([client, net.allows(pod(client), pod('web'), 9898)]).toEqual([client, true]);
    }
    expect(net.evaluate(pod('plain'), pod('web'), 9898).egress.isolated).toBe(false);
  });

  test('a MetricsExporter\'s scrapers are admitted on the metrics port, whether bound in props or later', () => {
    const chart = Testing.chart();
    const ports = [{ name: 'http', number: 9898 }, { name: 'metrics', number: 9797 }];
    const early = webApp(chart, { ports, sidecars: [MetricsExporter.fromApp()], inbound: {} }, 'Early');
    const late = webApp(chart, { ports, inbound: {} }, 'Late');
    late.addSidecar(MetricsExporter.fromApp({ scrapers: [NetworkPeer.namespace('observability')] }));
    expect(inboundOf(chart, early).ingress).toEqual([{ from: [fromNamespace('monitoring')], ports: [TCP(9797)] }]);
    expect(inboundOf(chart, late).ingress).toEqual([{ from: [fromNamespace('observability')], ports: [TCP(9797)] }]);
  });

  test('an environment override can set inbound (and a route override admits its Gateway)', () => {
    const app: App = shopApp([env('dev'), env('prod', {
      overrides: [Override.of(WebApp, 'shop/Web', {
        inbound: { ingressController: NGINX },
        route: { parents: [RouteParent.external('public', { namespace: 'gateway-system' })] },
      })],
    })]);
    const charts = synthesizeApp(app).charts;
    const objects = (folder: string) => charts.filter(c => c.file.name.startsWith(`${folder}/`)).flatMap(c => c.objects.map(o => o.object as any));
    const inbound = (folder: string) => objects(folder).filter(o => o.kind === 'NetworkPolicy' && o.metadata.name.includes('-inbound-'));
    expect(inbound('dev')).toEqual([]);
    expect(inbound('prod').map(p => p.spec.ingress)).toEqual([[
      { from: [fromNamespace('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' })], ports: [TCP(8080)] },
      { from: [fromNamespace('gateway-system')], ports: [TCP(8080)] },
    ]]);
  });

  const cases: Array<[string, Partial<WebAppProps> | ((chart: Chart) => void), string]> = [
    ['an Ingress without its controller', { ingress: { hosts: ['shop.example.com'] }, inbound: {} },
      '[test/Web] \'inbound\' admits no ingress controller, but the app has an \'ingress\': its pods would refuse the controller; '
      + 'set \'inbound.ingressController\', e.g. NetworkPeer.namespace(\'ingress-nginx\', { podLabels: { \'app.kubernetes.io/name\': \'ingress-nginx\' } })'],
    ['a controller without an Ingress', { inbound: { ingressController: NGINX } },
      '[test/Web] \'inbound.ingressController\' is set, but the app has no \'ingress\': leave it out, or list the peer in \'inbound.peers\''],
    ['gatewayPods without a route', { inbound: { gatewayPods: { app: 'gw' } } },
      '[test/Web] \'inbound.gatewayPods\' is set, but the app has no \'route\' or \'grpcRoute\': leave it out'],
    ['an unknown key', { inbound: { ingresController: NGINX } as any },
      '[test/Web] unknown prop \'inbound.ingresController\': did you mean \'inbound.ingressController\'?'],
    ['an invalid namespace', { inbound: { peers: [NetworkPeer.namespace('Shop_NS')] } },
      '[test/Web] \'inbound.peers[0]\' namespace ("Shop_NS") must be a DNS-1123 label: lower-case letters, digits and \'-\', at most 63 characters'],
    ['a peer that is not a NetworkPeer', { inbound: { peers: [{ namespace: 'x' } as any] } },
      '[test/Web] \'inbound.peers[0]\' ({"namespace":"x"}) must be a NetworkPeer: use NetworkPeer.namespace(), .pods(), .cidrs() or .anyAddress()'],
    ['an invalid gatewayPods label', {
      route: { parents: [RouteParent.external('public', { namespace: 'gateway-system' })] }, inbound: { gatewayPods: { app: 'no spaces' } },
    }, '[test/Web] \'inbound.gatewayPods.app\' ("no spaces") must be a valid label value: at most 63 characters of letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit'],
    ['a client that is not a workload', { inbound: { clients: [{ name: 'x' } as any] } },
      '[test/Web] \'inbound.clients[0]\' ({"name":"x"}) must be a workload of the app (a WebApp, Worker or CronTask)'],
    ['allowFrom without inbound', (chart) => {
      const worker = new Worker(chart, 'Mailer', { image: IMAGE });
      webApp(chart).allowFrom(worker);
    }, '[test/Web] \'allowFrom\' needs \'inbound\': the app\'s pods are not isolated, so every pod can reach them already; set \'inbound\' (e.g. inbound: {}) to admit only the listed sources'],
    ['gatewayPods with no label', {
      route: { parents: [RouteParent.external('public', { namespace: 'gateway-system' })] }, inbound: { gatewayPods: {} },
    }, '[test/Web] \'inbound.gatewayPods\' must have at least one label (an empty selector would match everything; use NetworkPeer.namespace() for a whole namespace)'],
  ];

  test.each(cases)('%s is a ValidationError naming the app and the prop', (_name, input, message) => {
    const chart = Testing.chart();
    let error: unknown;
    try {
      typeof input === 'function' ? input(chart) : webApp(chart, input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toBe(message);
  });

  test('an app may admit its own pods (replicas calling each other)', () => {
    const chart = Testing.chart();
    const app = webApp(chart, { inbound: {} });
    app.allowFrom(app);
    expect(inboundOf(chart, app).ingress).toEqual([{ from: [{ podSelector: { matchLabels: app.labels.selector } }], ports: [TCP(9898)] }]);
  });
});
