import { Chart, Testing } from 'cdk8s';
import {
  Database, DatabaseCredentials, DatabaseEngine, Image, LogOutput, MetricsExporter, MetricsOptions, NetworkPeer,
  SidecarLogger, SidecarLoggerProps, ValidationError, WebApp, Worker,
} from '../../src';
import { kubeYamlSerializer, NetworkPolicyEvaluator, PodEndpoint } from '../../src/testing';
import { sourcedObjectsOf, validate } from '../../src/validation';

expect.addSnapshotSerializer(kubeYamlSerializer);

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');
const CREDENTIALS = DatabaseCredentials.fromExistingSecret('orders-db', { userKey: 'username' });
const LOKI_URL = 'http://loki.monitoring:3100';

/** A pod outside the chart (e.g. Prometheus in `monitoring`), as a Deployment manifest for the evaluator. */
function foreignPod(name: string, namespace: string, labels: Record<string, string>): any {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'app' }] } } },
  };
}

const PROMETHEUS = foreignPod('prometheus', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' });
const GRAFANA = foreignPod('grafana', 'monitoring', { 'app.kubernetes.io/name': 'grafana' });
const LOKI = foreignPod('loki', 'monitoring', { 'app.kubernetes.io/name': 'loki' });
const STRANGER = foreignPod('stranger', 'other', { app: 'stranger' });
const KUBE_DNS = foreignPod('coredns', 'kube-system', { 'k8s-app': 'kube-dns' });
const FOREIGN = [PROMETHEUS, GRAFANA, LOKI, STRANGER, KUBE_DNS];

function error(build: () => void): string {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

interface Net {
  readonly manifests: any[];
  readonly net: NetworkPolicyEvaluator;
  pod(kind: string, name: string): PodEndpoint;
  policies(): any[];
}

function evaluate(chart: Chart): Net {
  const manifests = Testing.synth(chart);
  const net = new NetworkPolicyEvaluator([...manifests, ...FOREIGN]);
  return {
    manifests,
    net,
    pod: (kind, name) => net.pod(kind, name),
    policies: () => manifests.filter(m => m.kind === 'NetworkPolicy'),
  };
}

/** GIVEN a Database with a catalog exporter (options) and a WebApp connected to it. */
function databaseWithExporter(options: MetricsOptions = {}): { chart: Chart; db: Database; web: WebApp; exporter: MetricsExporter } {
  const chart = Testing.chart();
  const db = new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
  const exporter = MetricsExporter.forDatabase(db, options);
  db.addSidecar(exporter);
  const web = new WebApp(chart, 'Web', { image: IMAGE });
  web.connectTo(db);
  return { chart, db, web, exporter };
}

describe('MetricsExporter: the scraper reaches the metrics port through the database NetworkPolicy', () => {
  test('default scraper: any pod in namespace monitoring, on the metrics port only', () => {
    const { chart, db, web, exporter } = databaseWithExporter();
    const { net, pod } = evaluate(chart);
    const [dbPod, webPod] = [pod('StatefulSet', db.statefulSet.name), pod('Deployment', web.deployment.name)];
    const [prometheus, grafana, stranger] = [pod('Deployment', 'prometheus'), pod('Deployment', 'grafana'), pod('Deployment', 'stranger')];

    // THEN the monitoring pods reach 9187 but not the database port
    expect(net.evaluate(prometheus, dbPod, 9187).ingress).toEqual({ isolated: true, allowed: true, allowedBy: [db.networkPolicy!.name] });
    expect(net.allows(grafana, dbPod, 9187)).toBe(true);
    expect(net.allows(prometheus, dbPod, 5432)).toBe(false);
    // the client keeps its database port, and gets nothing more
    expect(net.allows(webPod, dbPod, 5432)).toBe(true);
    expect(net.allows(webPod, dbPod, 9187)).toBe(false);
    // unrelated pods stay out
    expect(net.allows(stranger, dbPod, 9187)).toBe(false);
    expect(net.allows(stranger, dbPod, 5432)).toBe(false);
    expect(exporter.scrapers).toEqual([MetricsExporter.DEFAULT_SCRAPER]);
  });

  test('the rule in the database policy', () => {
    const { chart } = databaseWithExporter();
    const policy = evaluate(chart).policies().find(p => p.spec.policyTypes[0] === 'Ingress');
    expect(policy.spec.ingress[1]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      ports: [{ port: 9187, protocol: 'TCP' }],
    });
  });

  test('scrapers narrowed to the Prometheus pods of another namespace', () => {
    const { chart, db } = databaseWithExporter({
      scrapers: [NetworkPeer.namespace('monitoring', { podLabels: { 'app.kubernetes.io/name': 'prometheus' } })],
    });
    const { net, pod } = evaluate(chart);
    const dbPod = pod('StatefulSet', db.statefulSet.name);
    expect(net.allows(pod('Deployment', 'prometheus'), dbPod, 9187)).toBe(true);
    expect(net.allows(pod('Deployment', 'grafana'), dbPod, 9187)).toBe(false);
  });

  test('scrapers by namespace labels, by pod labels and by address', () => {
    const { chart, db } = databaseWithExporter({
      scrapers: [
        NetworkPeer.namespaceLabels({ team: 'observability' }),
        NetworkPeer.pods({ app: 'stranger' }, { namespace: 'other' }),
        NetworkPeer.cidrs(['10.20.0.0/16']),
      ],
    });
    const { manifests, pod } = evaluate(chart);
    const net = new NetworkPolicyEvaluator([...manifests, ...FOREIGN], { namespaceLabels: { monitoring: { team: 'observability' } } });
    const dbPod = pod('StatefulSet', db.statefulSet.name);
    expect(net.allows(pod('Deployment', 'grafana'), dbPod, 9187)).toBe(true);
    expect(net.allows(pod('Deployment', 'stranger'), dbPod, 9187)).toBe(true);
    expect(net.allows({ ip: '10.20.3.4' }, dbPod, 9187)).toBe(true);
    expect(net.allows({ ip: '10.21.0.1' }, dbPod, 9187)).toBe(false);
    expect(net.allows(pod('Deployment', 'stranger'), dbPod, 5432)).toBe(false);
  });

  test('an empty scraper list opens nothing', () => {
    const { chart, db } = databaseWithExporter({ scrapers: [] });
    const { net, pod, policies } = evaluate(chart);
    expect(net.allows(pod('Deployment', 'prometheus'), pod('StatefulSet', db.statefulSet.name), 9187)).toBe(false);
    expect(policies().find(p => p.metadata.name === db.networkPolicy!.name).spec.ingress).toHaveLength(1);
  });

  test('NetworkPeer.anyAddress() admits every source on the metrics port only', () => {
    const { chart, db } = databaseWithExporter({ scrapers: [NetworkPeer.anyAddress()] });
    const { net, pod } = evaluate(chart);
    const dbPod = pod('StatefulSet', db.statefulSet.name);
    expect(net.allows(pod('Deployment', 'stranger'), dbPod, 9187)).toBe(true);
    expect(net.allows({ ip: '203.0.113.7' }, dbPod, 9187)).toBe(true);
    expect(net.allows(pod('Deployment', 'stranger'), dbPod, 5432)).toBe(false);
  });

  test('the order does not matter: an exporter bound after the first client gives the same policy', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
    const web = new WebApp(chart, 'Web', { image: IMAGE });
    web.connectTo(db);
    db.addSidecar(MetricsExporter.forDatabase(db));
    const late = evaluate(chart).policies();
    expect(late).toEqual(evaluate(databaseWithExporter().chart).policies());
  });

  test('no NetworkPolicy on the database: nothing is added, everything reaches the pod', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS, networkPolicy: false });
    db.addSidecar(MetricsExporter.forDatabase(db));
    const { net, pod, policies } = evaluate(chart);
    expect(policies()).toEqual([]);
    expect(net.allows(pod('Deployment', 'stranger'), pod('StatefulSet', db.statefulSet.name), 9187)).toBe(true);
  });

  test('a WebApp (ingress not isolated) gets no policy from its exporter', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE, ports: [{ name: 'http', number: 8080 }] });
    web.addSidecar(MetricsExporter.fromApp({ port: 'http', scrapers: [NetworkPeer.namespace('monitoring')] }));
    const { net, pod, policies } = evaluate(chart);
    expect(policies()).toEqual([]);
    expect(net.allows(pod('Deployment', 'stranger'), pod('Deployment', web.deployment.name), 8080)).toBe(true);
  });

  test.each([
    ['a namespace that is not a DNS label', [NetworkPeer.namespace('Monitoring')],
      '[test/Orders] \'sidecars.postgres-exporter.scrapers\' namespace ("Monitoring") must be a DNS-1123 label: lower-case letters, digits and \'-\', at most 63 characters'],
    ['pods without labels', [NetworkPeer.pods({})],
      '[test/Orders] \'sidecars.postgres-exporter.scrapers.podLabels\' must have at least one label (an empty selector would match everything; use NetworkPeer.namespace() for a whole namespace)'],
    ['a bad label key', [NetworkPeer.namespaceLabels({ 'bad key': 'x' })],
      '[test/Orders] \'sidecars.postgres-exporter.scrapers.namespaceLabels\' key "bad key" must be a label key: an optional DNS subdomain prefix and \'/\', then 1-63 letters, digits, \'-\', \'_\' or \'.\''],
    ['a bad CIDR', [NetworkPeer.cidrs(['10.0.0.0/33'])],
      '[test/Orders] \'sidecars.postgres-exporter.scrapers\' CIDR ("10.0.0.0/33") must be an IPv4 CIDR such as \'10.0.0.0/8\''],
    ['no CIDR', [NetworkPeer.cidrs([])],
      '[test/Orders] \'sidecars.postgres-exporter.scrapers\' has no CIDR: pass at least one, e.g. NetworkPeer.cidrs([\'10.0.0.0/8\'])'],
    ['not a NetworkPeer', [{ namespace: 'monitoring' } as unknown as NetworkPeer],
      '[test/Orders] \'sidecars.postgres-exporter.scrapers\' ({"namespace":"monitoring"}) must be a NetworkPeer: use NetworkPeer.namespace(), .pods(), .cidrs() or .anyAddress()'],
  ])('error: %s', (_name, scrapers, message) => {
    expect(error(() => databaseWithExporter({ scrapers }))).toBe(message);
  });

  test('errors are raised on workloads without isolation too', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE, ports: [{ name: 'http', number: 8080 }] });
    expect(error(() => web.addSidecar(MetricsExporter.fromApp({ port: 'http', scrapers: [NetworkPeer.namespace('Bad')] }))))
      .toBe('[test/Web] \'sidecars.http.scrapers\' namespace ("Bad") must be a DNS-1123 label: lower-case letters, digits and \'-\', at most 63 characters');
  });
});

/** GIVEN a WebApp with a logger (props) and a database, connected before or after the logger is bound. */
function webWithLogger(props: Partial<SidecarLoggerProps>, order: 'logger-first' | 'connect-first' = 'logger-first'): { chart: Chart; web: WebApp; db: Database } {
  const chart = Testing.chart();
  const db = new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
  const web = new WebApp(chart, 'Web', { image: IMAGE });
  const logger = new SidecarLogger({ outputs: [LogOutput.loki({ url: LOKI_URL })], ...props });
  if (order === 'logger-first') {
    web.addSidecar(logger);
    web.connectTo(db);
  } else {
    web.connectTo(db);
    web.addSidecar(logger);
  }
  return { chart, web, db };
}

describe('SidecarLogger: the outputs stay reachable once connectTo isolates the egress', () => {
  test.each(['logger-first', 'connect-first'] as const)('Loki on 3100 after connectTo (%s)', order => {
    const { chart, web, db } = webWithLogger({}, order);
    const { net, pod, policies } = evaluate(chart);
    const webPod = pod('Deployment', web.deployment.name);
    const loki = pod('Deployment', 'loki');
    const verdict = net.evaluate(webPod, loki, 3100);
    expect(verdict.egress).toEqual({ isolated: true, allowed: true, allowedBy: [expect.stringMatching(/^test-web-connections-sidecars-log-shipper-c8[0-9a-f]{6}$/)] });
    expect(verdict.allowed).toBe(true);
    // only that port; the database and DNS as before; nothing else
    expect(net.allows(webPod, loki, 3101)).toBe(false);
    expect(net.allows(webPod, { ip: '203.0.113.9' }, 443)).toBe(false);
    expect(net.allows(webPod, pod('StatefulSet', db.statefulSet.name), 5432)).toBe(true);
    expect(net.allows(webPod, pod('Deployment', 'coredns'), 53, 'UDP')).toBe(true);
    expect(policies().map(p => p.metadata.name)).toHaveLength(4);
  });

  test('both orders render the same objects', () => {
    expect(Testing.synth(webWithLogger({}, 'connect-first').chart)).toEqual(Testing.synth(webWithLogger({}, 'logger-first').chart));
  });

  test('the egress policy selects the shipper\'s pods only: another isolated app does not reach Loki', () => {
    const { chart, db, web } = webWithLogger({});
    const other = new Worker(chart, 'Other', { image: IMAGE });
    other.connectTo(db);
    const { net, pod, policies } = evaluate(chart);
    expect(net.allows(pod('Deployment', other.deployment.name), pod('Deployment', 'loki'), 3100)).toBe(false);
    const sidecarPolicy = policies().find(p => p.metadata.name.includes('sidecars-log-shipper'));
    expect(sidecarPolicy.spec).toEqual({
      podSelector: { matchLabels: { ...web.labels.selector } },
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 3100, protocol: 'TCP' }] }],
    });
  });

  test('no isolation, no policy: the logger alone leaves the egress open', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.loki({ url: LOKI_URL })] })] });
    const { net, pod, policies } = evaluate(chart);
    expect(policies()).toEqual([]);
    expect(net.allows(pod('Deployment', web.deployment.name), { ip: '203.0.113.9' }, 25)).toBe(true);
  });

  test('allowEgress isolates too (a Worker, the logger bound first)', () => {
    const chart = Testing.chart();
    const worker = new Worker(chart, 'Jobs', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.elasticsearch({ url: 'https://es.logging' })] })] });
    worker.allowEgress({ cidrs: ['192.0.2.0/24'] });
    const { net, pod } = evaluate(chart);
    const workerPod = pod('Deployment', worker.deployment.name);
    expect(net.allows(workerPod, { ip: '198.51.100.1' }, 443)).toBe(true);   // Elasticsearch on https (443), any address
    expect(net.allows(workerPod, { ip: '198.51.100.1' }, 9200)).toBe(false);
  });

  test('every remote output opens its own port; stdout opens nothing', () => {
    const { chart } = webWithLogger({
      outputs: [
        LogOutput.stdout(),
        LogOutput.loki({ url: LOKI_URL }),
        LogOutput.loki({ url: LOKI_URL, match: 'audit.*' }),
        LogOutput.openSearch({ url: 'http://opensearch.logging:9200' }),
        LogOutput.http({ url: 'https://collector.example.com:8443/logs' }),
        LogOutput.s3({ bucket: 'acme-logs', region: 'eu-west-1' }),
        LogOutput.s3({ bucket: 'acme-logs', region: 'eu-west-1', endpoint: 'http://minio.storage:9000', prefix: 'minio' }),
      ],
    });
    const policy = evaluate(chart).policies().find(p => p.metadata.name.includes('sidecars-log-shipper'));
    expect(policy.spec.egress.map((r: any) => [r.to, r.ports.map((p: any) => p.port)])).toEqual([
      [undefined, [3100]], [undefined, [9200]], [undefined, [8443]], [undefined, [443]], [undefined, [9000]],
    ]);
  });

  test('stdout only: no egress policy for the shipper', () => {
    const { chart } = webWithLogger({ outputs: [LogOutput.stdout()] });
    expect(evaluate(chart).policies().filter(p => p.metadata.name.includes('sidecars'))).toEqual([]);
  });

  test('a typed destination narrows the rule to the log store\'s pods', () => {
    const { chart, web } = webWithLogger({
      outputs: [LogOutput.loki({ url: LOKI_URL, destination: NetworkPeer.pods({ 'app.kubernetes.io/name': 'loki' }, { namespace: 'monitoring' }) })],
    });
    const { net, pod, policies } = evaluate(chart);
    const webPod = pod('Deployment', web.deployment.name);
    expect(net.allows(webPod, pod('Deployment', 'loki'), 3100)).toBe(true);
    expect(net.allows(webPod, pod('Deployment', 'grafana'), 3100)).toBe(false);
    expect(net.allows(webPod, { ip: '203.0.113.9' }, 3100)).toBe(false);
    expect(policies().find(p => p.metadata.name.includes('sidecars-log-shipper')).spec.egress).toEqual([{
      to: [{
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'loki' } },
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
      }],
      ports: [{ port: 3100, protocol: 'TCP' }],
    }]);
  });

  test('error: a bad destination names the output', () => {
    expect(error(() => webWithLogger({ outputs: [LogOutput.loki({ url: LOKI_URL, destination: NetworkPeer.cidrs(['300.0.0.0/8']) })] })))
      .toBe('[test/Web] \'sidecars.log-shipper.outputs[0].destination\' CIDR ("300.0.0.0/8") must be an IPv4 CIDR such as \'10.0.0.0/8\'');
    expect(error(() => webWithLogger({ outputs: [LogOutput.loki({ url: LOKI_URL, destination: 'loki' as unknown as NetworkPeer })] })))
      .toBe('[test/Web] \'sidecars.log-shipper.outputs[0].destination\' must be a NetworkPeer: use NetworkPeer.pods(), .namespace(), .cidrs() or .anyAddress()');
  });

  test('error: a sidecar declares its egress once', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE });
    const rules = [{ peers: [NetworkPeer.anyAddress()], ports: [443], prop: 'sidecars.proxy.upstream' }];
    web.sidecarPod.allowEgress!('proxy', rules);
    expect(error(() => web.sidecarPod.allowEgress!('proxy', rules)))
      .toBe('[test/Web] sidecar "proxy" already declared its egress; each sidecar declares it once, in one call');
    expect(error(() => web.sidecarPod.allowEgress!('other', [{ peers: [], ports: [443], prop: 'sidecars.other.upstream' }])))
      .toBe('[test/Web] \'sidecars.other.upstream\' names no peer: pass at least one NetworkPeer (e.g. NetworkPeer.namespace(\'monitoring\'))');
  });
});

describe('two SidecarLoggers on one pod', () => {
  function twoLoggers(audit: Partial<SidecarLoggerProps> = {}): { chart: Chart; web: WebApp; manifests: any[] } {
    const chart = Testing.chart();
    const db = new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
    const web = new WebApp(chart, 'Web', { image: IMAGE });
    web.addSidecar(new SidecarLogger({ outputs: [LogOutput.loki({ url: LOKI_URL })] }));
    web.addSidecar(new SidecarLogger({
      name: 'audit-shipper', logDir: '/var/log/audit', httpPort: 2021,
      outputs: [LogOutput.s3({ bucket: 'acme-audit', region: 'eu-west-1' })], ...audit,
    }));
    web.connectTo(db);
    return { chart, web, manifests: Testing.synth(chart) };
  }

  test('port and log volume names derive from the shipper name; the default shipper keeps its names', () => {
    const { manifests } = twoLoggers();
    const pod = manifests.find(m => m.kind === 'Deployment').spec.template.spec;
    const [, shipper, audit] = pod.containers;
    expect(shipper.ports).toEqual([{ name: 'fluentbit-http', containerPort: 2020 }]);
    expect(audit.ports).toEqual([{ name: 'audit-ship-http', containerPort: 2021 }]);
    expect(audit.readinessProbe.httpGet).toEqual({ path: '/api/v1/health', port: 'audit-ship-http' });
    expect(pod.containers[0].volumeMounts.filter((m: any) => m.mountPath.startsWith('/var/log'))).toEqual([
      { name: 'app-logs', mountPath: '/var/log/app', readOnly: false },
      { name: 'audit-shipper-logs', mountPath: '/var/log/audit', readOnly: false },
    ]);
  });

  test('each shipper opens its own output; the chart validates', () => {
    const { chart, web, manifests } = twoLoggers();
    const net = new NetworkPolicyEvaluator([...manifests, ...FOREIGN]);
    const webPod = net.pod('Deployment', web.deployment.name);
    expect(net.evaluate(webPod, net.pod('Deployment', 'loki'), 3100).egress.allowedBy).toEqual([expect.stringContaining('sidecars-log-shipper')]);
    expect(net.evaluate(webPod, { ip: '52.218.0.1' }, 443).egress.allowedBy).toEqual([expect.stringContaining('sidecars-audit-shipper')]);
    const report = validate(sourcedObjectsOf(chart), { external: [{ kind: 'Secret', name: 'orders-db' }] });
    expect(report.findings.filter(f => f.severity === 'error')).toEqual([]);
  });

  test('httpPortName overrides the derived name', () => {
    const pod = twoLoggers({ httpPortName: 'audit-http' }).manifests.find(m => m.kind === 'Deployment').spec.template.spec;
    expect(pod.containers[2].ports).toEqual([{ name: 'audit-http', containerPort: 2021 }]);
  });

  test('a name of up to 10 characters is used as is, a longer one is cut', () => {
    expect(new SidecarLogger({ name: 'audit', outputs: [LogOutput.stdout()] }).httpPortName).toBe('audit-http');
    expect(new SidecarLogger({ name: 'audit', outputs: [LogOutput.stdout()] }).logVolumeName).toBe('audit-logs');
    expect(new SidecarLogger({ name: 'security-events', outputs: [LogOutput.stdout()] }).httpPortName).toBe('security-e-http');
  });

  test.each([
    ['an explicit port name that clashes', { httpPortName: 'fluentbit-http' },
      '[test/Web] \'sidecars.audit-shipper.ports[0].name\' ("fluentbit-http") is already used by another port; port names must be unique'],
    ['the same port number', { httpPort: 2020 },
      '[test/Web] \'sidecars.audit-shipper.ports[0].number\' (2020/TCP) is already used by another port; port numbers must be unique per protocol'],
    ['the same log directory', { logDir: '/var/log/app' },
      '[test/Web] \'sidecars.audit-shipper.volumes[0].appPath\' ("/var/log/app") is already a mount path of the app container; mount paths must be unique'],
    ['a port name that is not an IANA_SVC_NAME', { httpPortName: 'Audit_HTTP' },
      '[test/Web] \'sidecars.audit-shipper.httpPortName\' ("Audit_HTTP") must be an IANA_SVC_NAME: 1-15 lower-case letters, digits or \'-\', with at least one letter, no \'--\' and no leading or trailing \'-\' (derived from \'name\' unless set): set \'httpPortName\''],
  ])('error: %s', (_name, audit, message) => {
    expect(error(() => twoLoggers(audit))).toBe(message);
  });

  test('error: a derived port name that is not valid asks for httpPortName', () => {
    const chart = Testing.chart();
    expect(error(() => new WebApp(chart, 'Web', { image: IMAGE, sidecars: [new SidecarLogger({ name: 'a--b', outputs: [LogOutput.stdout()] })] })))
      .toBe('[test/Web] \'sidecars.a--b.httpPortName\' ("a--b-http") must be an IANA_SVC_NAME: 1-15 lower-case letters, digits or \'-\', with at least one letter, no \'--\' and no leading or trailing \'-\' (derived from \'name\' unless set): set \'httpPortName\'');
  });
});

describe('NetworkPolicies of a database with an exporter and a client app with a log shipper', () => {
  test('snapshot', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
    db.addSidecar(MetricsExporter.forDatabase(db, { scrapers: [NetworkPeer.namespace('monitoring', { podLabels: { 'app.kubernetes.io/name': 'prometheus' } })] }));
    const web = new WebApp(chart, 'Web', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.loki({ url: LOKI_URL })] })] });
    web.connectTo(db);
    expect(Testing.synth(chart).filter(m => m.kind === 'NetworkPolicy')).toMatchSnapshot();
  });
});
