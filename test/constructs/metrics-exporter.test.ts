import { Chart, Duration, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Database, DatabaseConnection, DatabaseCredentials, DatabaseEngine, IDatabase, Image, LogOutput, markDatabase,
  METRICS_SERVICE_LABEL, MetricsExporter, SidecarLogger, ValidationError, VolumeSource, WebApp, Worker,
} from '../../src';
import { sourcedObjectsOf, validate } from '../../src/validation';
import { podSpecsOf, pssRestrictedViolations } from './pss-restricted';

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');
const STATSD = Image.of('prom/statsd-exporter:v0.27.1');

function kinds(manifests: any[]): string[] {
  return manifests.map(m => m.kind);
}

function podOf(manifests: any[], kind = 'Deployment'): any {
  return manifests.find(m => m.kind === kind).spec.template;
}

function error(build: () => void): string {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

function errorsOf(chart: Construct, external: Array<{ kind: string; name: string }> = []): string[] {
  return validate(sourcedObjectsOf(chart as any), { external }).findings
    .filter(f => f.severity === 'error').map(f => `${f.rule} ${f.object.kind} ${f.path}: ${f.message}`);
}

/** A database outside the cluster, implementing only the contract. */
class FakeDatabase extends Construct implements IDatabase {
  public readonly network = {};
  constructor(scope: Construct, id: string, public readonly connection: DatabaseConnection) {
    super(scope, id);
    markDatabase(this);
  }
  public acceptClient(): void {
  }
}

describe('MetricsExporter on a WebApp (its Service gets the port)', () => {
  const chart = Testing.chart();
  const web = new WebApp(chart, 'Web', { image: IMAGE, sidecars: [MetricsExporter.generic({ name: 'statsd', image: STATSD, port: 9102, args: ['--statsd.listen-udp=:9125'] })] });
  const manifests = Testing.synth(chart);

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('a named metrics port on the workload\'s Service, no Service of its own', () => {
    expect(kinds(manifests).filter(k => k === 'Service')).toHaveLength(1);
    const service = manifests.find(m => m.kind === 'Service');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }, { name: 'metrics', port: 9102, targetPort: 9102 }]);
    expect(web.service.ports.map(p => p.name)).toEqual(['http', 'metrics']);
  });

  test('scrape annotations on the pods', () => {
    expect(podOf(manifests).metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9102', 'prometheus.io/path': '/metrics' });
  });

  test('the exporter container: metrics port, TCP probes, restricted', () => {
    const exporter = podOf(manifests).spec.containers.find((c: any) => c.name === 'statsd');
    expect(exporter.ports).toEqual([{ name: 'metrics', containerPort: 9102 }]);
    expect(exporter.args).toEqual(['--statsd.listen-udp=:9125']);
    expect(exporter.readinessProbe.tcpSocket).toEqual({ port: 'metrics' });
    expect(pssRestrictedViolations(podOf(manifests).spec)).toEqual([]);
  });

  test('a ServiceMonitor selecting the Service on the metrics port', () => {
    const monitor = manifests.find(m => m.kind === 'ServiceMonitor');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.spec).toEqual({
      selector: { matchLabels: web.labels.selector },
      endpoints: [{ port: 'metrics', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }],
    });
    expect(errorsOf(chart)).toEqual([]);
  });

  test('the ServiceMonitor schema is registered: a wrong field is a schema error', () => {
    const bad = { ...manifests.find(m => m.kind === 'ServiceMonitor') };
    bad.spec = { ...bad.spec, endpoints: [{ port: 'metrics', intervall: '30s', scheme: 'ftp' }] };
    const findings = validate(sourcedObjectsOf([bad])).findings.filter(f => f.layer === 'schema');
    expect(findings.map(f => `${f.rule} ${f.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^schema\/strict .*unknown field "spec.endpoints\[0\].intervall"/),
      expect.stringMatching(/^schema\/strict .*ftp/),
    ]));
  });
});

describe('MetricsExporter.fromApp', () => {
  test('no container: the app port, annotations and ServiceMonitor', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'apps' });
    new WebApp(chart, 'Web', {
      image: IMAGE, ports: [{ name: 'http', number: 8080 }, { name: 'metrics', number: 9090 }],
      sidecars: [MetricsExporter.fromApp({ path: '/internal/metrics', serviceMonitor: { interval: Duration.seconds(15), scrapeTimeout: Duration.seconds(5), labels: { release: 'prometheus' } } })],
    });
    const manifests = Testing.synth(chart);
    expect(podOf(manifests).spec.containers.map((c: any) => c.name)).toEqual(['app']);
    expect(podOf(manifests).metadata.annotations).toMatchObject({ 'prometheus.io/port': '9090', 'prometheus.io/path': '/internal/metrics' });
    const monitor = manifests.find(m => m.kind === 'ServiceMonitor');
    expect(monitor.metadata.namespace).toBe('apps');
    expect(monitor.metadata.labels.release).toBe('prometheus');
    expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ['apps'] });
    expect(monitor.spec.endpoints).toEqual([{ port: 'metrics', path: '/internal/metrics', interval: '15s', scrapeTimeout: '5s' }]);
    expect(errorsOf(chart, [{ kind: 'Namespace', name: 'apps' }])).toEqual([]);
  });

  test('a Worker without a Service gets a metrics Service of its own', () => {
    const chart = Testing.chart();
    const worker = new Worker(chart, 'Worker', { image: IMAGE, ports: [{ name: 'metrics', number: 9090 }], sidecars: [MetricsExporter.fromApp()] });
    const manifests = Testing.synth(chart);
    const service = manifests.find(m => m.kind === 'Service');
    expect(service.spec.ports).toEqual([{ name: 'metrics', port: 9090, targetPort: 9090 }]);
    expect(service.spec.selector).toEqual(worker.labels.selector);
    expect(service.metadata.labels[METRICS_SERVICE_LABEL]).toBe('metrics-metrics');
    expect(manifests.find(m => m.kind === 'ServiceMonitor').spec.selector.matchLabels).toEqual({ ...worker.labels.selector, [METRICS_SERVICE_LABEL]: 'metrics-metrics' });
    expect(errorsOf(chart)).toEqual([]);
  });
});

describe('MetricsExporter.forDatabase', () => {
  test.each([
    ['postgres', DatabaseEngine.postgres(), { userKey: 'user' }, 'postgres-exporter', 'quay.io/prometheuscommunity/postgres-exporter:v0.15.0', 9187],
    ['mysql', DatabaseEngine.mysql(), { userKey: 'user' }, 'mysqld-exporter', 'prom/mysqld-exporter:v0.15.1', 9104],
    ['redis', DatabaseEngine.redis(), {}, 'redis-exporter', 'oliver006/redis_exporter:v1.62.0', 9121],
    ['mongodb', DatabaseEngine.mongodb(), { userKey: 'user' }, 'mongodb-exporter', 'percona/mongodb_exporter:0.40.0', 9216],
  ])('%s: localhost, credentials from the Secret, own metrics Service, validates', (_name, engine, keys, container, image, port) => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Db', { engine, credentials: DatabaseCredentials.fromExistingSecret('db-credentials', keys) });
    db.addSidecar(MetricsExporter.forDatabase(db));
    const manifests = Testing.synth(chart);
    expect(manifests.filter(m => m.kind === 'StatefulSet').map(m => m.spec.template.spec.containers.map((c: any) => c.name))[0]).toContain(container);
    const exporter = podOf(manifests, 'StatefulSet').spec.containers.find((c: any) => c.name === container);
    expect(exporter.image).toBe(image);
    expect(exporter.ports).toEqual([{ name: 'metrics', containerPort: port }]);
    const text = JSON.stringify(exporter);
    expect(text).toContain('localhost');
    expect(text).not.toContain(db.connection.host);
    // every credential is a secretKeyRef, never a value
    for (const env of exporter.env) {
      if (/PASS|USER/.test(env.name) && env.valueFrom) {
        expect(env.valueFrom.secretKeyRef.name).toBe('db-credentials');
      }
      expect(env.value ?? '').not.toMatch(/password/i);
    }
    expect(errorsOf(chart, [{ kind: 'Secret', name: 'db-credentials' }])).toEqual([]);
    for (const { spec } of podSpecsOf(manifests)) {
      expect(pssRestrictedViolations(spec)).toEqual([]);
    }
  });

  test('postgres snapshot of the exporter container ($(VAR)-free: URI, user and password variables)', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Db', { engine: DatabaseEngine.postgres(), credentials: DatabaseCredentials.fromExistingSecret('db-credentials', { userKey: 'user' }) });
    db.addSidecar(MetricsExporter.forDatabase(db));
    expect(podOf(Testing.synth(chart), 'StatefulSet').spec.containers.find((c: any) => c.name === 'postgres-exporter')).toMatchSnapshot();
  });

  test('mysql: the user reaches the args through $(VAR) expansion', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Db', { engine: DatabaseEngine.mysql(), credentials: DatabaseCredentials.fromExistingSecret('db-credentials', { userKey: 'user' }) });
    db.addSidecar(MetricsExporter.forDatabase(db));
    const exporter = podOf(Testing.synth(chart), 'StatefulSet').spec.containers.find((c: any) => c.name === 'mysqld-exporter');
    expect(exporter.args).toEqual(['--mysqld.address=localhost:3306', '--mysqld.username=$(MYSQLD_USER)']);
    expect(exporter.env.map((e: any) => e.name)).toEqual(['MYSQLD_USER', 'MYSQLD_EXPORTER_PASSWORD']);
  });

  test('bound to another workload, the exporter reaches the database host', () => {
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Ext', { scheme: 'redis', host: 'redis.example.com', port: 6380, password: { secretName: 'redis', key: 'pw' } });
    new Worker(chart, 'Worker', { image: IMAGE, sidecars: [MetricsExporter.forDatabase(db)] });
    const exporter = podOf(Testing.synth(chart)).spec.containers.find((c: any) => c.name === 'redis-exporter');
    expect(exporter.env).toEqual([
      { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'redis', key: 'pw' } } },
      { name: 'REDIS_ADDR', value: 'redis://redis.example.com:6380' },
    ]);
  });
});

describe('sidecar composition errors', () => {
  test.each([
    ['an engine without an exporter', (chart: Construct) => {
      const db = new FakeDatabase(chart, 'Ext', { scheme: 'cassandra', host: 'c', port: 9042 });
      new Worker(chart, 'W', { image: IMAGE, sidecars: [MetricsExporter.forDatabase(db)] });
    }, '[test/W] \'MetricsExporter.forDatabase\' engine (scheme "cassandra") has no exporter in the catalog (supported: "postgresql", "mysql", "redis", "mongodb"); use MetricsExporter.generic() with an exporter image'],
    ['a metrics port that clashes with the app', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [MetricsExporter.generic({ name: 'exp', image: STATSD, port: 8080 })] });
    }, '[test/W] \'sidecars.exp.ports[0].number\' (8080/TCP) is already used by another port; port numbers must be unique per protocol'],
    ['two sidecars claiming the same port number', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [
        MetricsExporter.generic({ name: 'a', image: STATSD, port: 9102, scrapeAnnotations: false }),
        MetricsExporter.generic({ name: 'b', image: STATSD, port: 9102, portName: 'metrics-b', scrapeAnnotations: false })] });
    }, '[test/W] \'sidecars.b.ports[0].number\' (9102/TCP) is already used by another port; port numbers must be unique per protocol'],
    ['two sidecars claiming the same port name', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [
        MetricsExporter.generic({ name: 'a', image: STATSD, port: 9102, scrapeAnnotations: false }),
        MetricsExporter.generic({ name: 'b', image: STATSD, port: 9103, scrapeAnnotations: false })] });
    }, '[test/W] \'sidecars.b.ports[0].name\' ("metrics") is already used by another port; port names must be unique'],
    ['two sidecars with one container name', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()] }), new SidecarLogger({ outputs: [LogOutput.stdout()] })] });
    }, '[test/W] \'sidecar.name\' ("log-shipper") is already used by another container; container names must be unique in the pod'],
    ['two loggers claiming the same HTTP port name', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()] }),
        new SidecarLogger({ name: 'audit', httpPort: 2021, httpPortName: 'fluentbit-http', logDir: '/var/log/audit', outputs: [LogOutput.stdout()] })] });
    }, '[test/W] \'sidecars.audit.ports[0].name\' ("fluentbit-http") is already used by another port; port names must be unique'],
    ['two loggers sharing one log directory', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()] }), new SidecarLogger({ name: 'audit', httpPort: 2021, outputs: [LogOutput.stdout()] })] });
    }, '[test/W] \'sidecars.audit.volumes[0].appPath\' ("/var/log/app") is already a mount path of the app container; mount paths must be unique'],
    ['two sidecars claiming the same volume name', (chart: Construct) => {
      const web = new WebApp(chart, 'W', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()] })] });
      web.addSidecarContainer({ name: 'other', image: STATSD, volumes: [{ name: 'app-logs', path: '/logs', source: VolumeSource.emptyDir() }] });
    }, '[test/W] \'sidecars.other.volumes[0].name\' ("app-logs") is already used by another volume of the pod; volume names must be unique (leave out \'source\' to mount the existing volume)'],
    ['a sidecar mounting a volume the pod does not have', (chart: Construct) => {
      const web = new WebApp(chart, 'W', { image: IMAGE });
      web.addSidecarContainer({ name: 'other', image: STATSD, volumes: [{ name: 'data', path: '/data' }] });
    }, '[test/W] \'sidecars.other.volumes[0].name\' ("data") is not a volume of the pod; set \'source\' to create it'],
    ['two exporters announcing different scrape ports', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [
        MetricsExporter.generic({ name: 'a', image: STATSD, port: 9102 }),
        MetricsExporter.generic({ name: 'b', image: STATSD, port: 9103, portName: 'metrics-b' })] });
    }, '[test/W] \'sidecars.b.scrapeAnnotations\' sets pod annotation "prometheus.io/port" to "9103", but \'sidecars.a.scrapeAnnotations\' already set it to "9102"; a pod can announce one value per annotation'],
    ['fromApp on a port the app does not have', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [MetricsExporter.fromApp()] });
    }, '[test/W] \'sidecars.metrics.port\' ("metrics") is not a port of the app (ports: "http"); add it to \'ports\' or name the port that serves /metrics'],
    ['a scrape timeout above the interval', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, sidecars: [MetricsExporter.fromApp({ port: 'http', serviceMonitor: { interval: Duration.seconds(10), scrapeTimeout: Duration.seconds(20) } })] });
    }, '[test/W] \'sidecars.http.serviceMonitor.scrapeTimeout\' (20 seconds) must not be greater than \'sidecars.http.serviceMonitor.interval\' (10 seconds)'],
    ['an app volume mounted over by a sidecar path', (chart: Construct) => {
      new WebApp(chart, 'W', { image: IMAGE, security: { writablePaths: ['/var/log/app'] }, sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()] })] });
    }, '[test/W] \'sidecars.log-shipper.volumes[0].appPath\' ("/var/log/app") is already a mount path of the app container; mount paths must be unique'],
  ])('%s', (_name, build, message) => {
    expect(error(() => build(Testing.chart()))).toBe(message);
  });

  test('a sidecar mounts an existing pod volume by name (shared, not re-created)', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'W', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()] })] });
    web.addSidecarContainer({ name: 'reader', image: STATSD, volumes: [{ name: 'app-logs', path: '/logs', readOnly: true }] });
    const pod = podOf(Testing.synth(chart)).spec;
    expect(pod.volumes.filter((v: any) => v.name === 'app-logs')).toHaveLength(1);
    expect(pod.containers.find((c: any) => c.name === 'reader').volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'app-logs', mountPath: '/logs', readOnly: true }]);
  });

  test('a logger and an exporter compose on one pod', () => {
    const chart = Testing.chart();
    new WebApp(chart, 'W', { image: IMAGE, sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()] }), MetricsExporter.generic({ name: 'exp', image: STATSD, port: 9102 })] });
    const manifests = Testing.synth(chart);
    expect(podOf(manifests).spec.containers.map((c: any) => c.name)).toEqual(['app', 'log-shipper', 'exp']);
    expect(errorsOf(chart)).toEqual([]);
  });
});
