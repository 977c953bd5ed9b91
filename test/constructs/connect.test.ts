import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AppWorkload } from '../../src/constructs/workload/app-workload';
import { IDatabase } from '../../src/constructs/networking/connection';
import { Image } from '../../src/constructs/pod/image';
import { CronTask, Schedule } from '../../src/constructs/cron-task';
import { DatabaseCredentials } from '../../src/constructs/credentials';
import { Database, DatabaseEngine } from '../../src/constructs/database';
import { WebApp } from '../../src/constructs/web-app';
import { Worker } from '../../src/constructs/worker';
import { kubeYamlSerializer, NetworkPolicyEvaluator, PodEndpoint } from '../../src/testing';
import { sourcedObjectsOf, validate, ValidationLevel } from '../../src/validation';
import { FakeDatabase, PG_WAIT } from './connect-fixtures';
import { podSpecsOf, pssRestrictedViolations } from './pss-restricted';

expect.addSnapshotSerializer(kubeYamlSerializer);

const IMAGE = Image.of('ghcr.io/acme/shop:2.3.1');
const DNS: PodEndpoint = { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };

function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

function containerOf(manifests: any[], kind: string): any {
  return podSpecsOf(manifests).find(p => p.kind === kind)!.spec.containers[0];
}

function webApp(chart: Construct, id = 'Web'): WebApp {
  return new WebApp(chart, id, { image: IMAGE });
}

describe('connectTo snapshots', () => {
  test('one app to two databases, waiting for the first', () => {
    // GIVEN
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Db', { waitFor: PG_WAIT });
    const orders = new FakeDatabase(chart, 'Orders');
    const web = webApp(chart);
    // WHEN
    web.connectTo(db, { waitForDatabase: true });
    web.connectTo(orders);
    // THEN
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('two apps to one database', () => {
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Db');
    webApp(chart).connectTo(db);
    new Worker(chart, 'Mailer', { image: IMAGE, replicas: 1 }).connectTo(db);
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('a CronTask with the wait init container', () => {
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Db', { waitFor: PG_WAIT });
    new CronTask(chart, 'Report', { image: IMAGE, schedule: Schedule.daily(4) }).connectTo(db, { waitForDatabase: true });
    expect(Testing.synth(chart).filter(m => m.kind !== 'Pod')).toMatchSnapshot();
  });
});

describe('connectTo environment', () => {
  function connected(connection: ConstructorParameters<typeof FakeDatabase>[2] = {}): { web: WebApp; manifests: any[] } {
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Db', connection);
    const web = webApp(chart);
    web.connectTo(db);
    return { web, manifests: Testing.synth(chart) };
  }

  test('variables in dependency order, the URL last, with $(VAR) references', () => {
    const env = containerOf(connected().manifests, 'Deployment').env;
    expect(env).toEqual([
      { name: 'DB_HOST', value: 'db.svc' },
      { name: 'DB_PORT', value: '5432' },
      { name: 'DB_NAME', value: 'app' },
      { name: 'DB_USER', value: 'app' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
      { name: 'DATABASE_URL', value: 'postgresql://$(DB_USER):$(DB_PASSWORD)@$(DB_HOST):$(DB_PORT)/$(DB_NAME)' },
    ]);
  });

  test('every $(VAR) in a value refers to a variable declared before it', () => {
    const env: Array<{ name: string; value?: string }> = containerOf(connected().manifests, 'Deployment').env;
    env.forEach((variable, index) => {
      for (const [, ref] of (variable.value ?? '').matchAll(/\$\(([^)]+)\)/g)) {
        expect(env.slice(0, index).map(v => v.name)).toContain(ref);
      }
    });
  });

  test('a user from a Secret is a secretKeyRef', () => {
    const env = containerOf(connected({
      connection: { user: { secretKeyRef: { secretName: 'db-credentials', key: 'username' } } },
    }).manifests, 'Deployment').env;
    expect(env.find((v: any) => v.name === 'DB_USER')).toEqual({
      name: 'DB_USER', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'username' } },
    });
  });

  test('an engine without database name and user (Redis)', () => {
    const { web, manifests } = connected({
      connection: { scheme: 'redis', port: 6379, databaseName: undefined, user: undefined },
    });
    const env = containerOf(manifests, 'Deployment').env;
    expect(env.map((v: any) => v.name)).toEqual(['DB_HOST', 'DB_PORT', 'DB_PASSWORD', 'DATABASE_URL']);
    expect(env[3].value).toBe('redis://:$(DB_PASSWORD)@$(DB_HOST):$(DB_PORT)');
    expect(web.connections[0].variables).toEqual({
      host: 'DB_HOST', port: 'DB_PORT', databaseName: undefined, user: undefined, password: 'DB_PASSWORD', url: 'DATABASE_URL',
    });
  });

  test('no password and no user: no credentials in the URL', () => {
    const env = containerOf(connected({ connection: { user: undefined, password: undefined } }).manifests, 'Deployment').env;
    expect(env[env.length - 1].value).toBe('postgresql://$(DB_HOST):$(DB_PORT)/$(DB_NAME)');
  });

  test('second database: prefix derived from its id; explicit prefix and URL variable', () => {
    const chart = Testing.chart();
    const web = webApp(chart);
    web.connectTo(new FakeDatabase(chart, 'Main'));
    const orders = web.connectTo(new FakeDatabase(chart, 'OrdersDb'));
    const cache = web.connectTo(new FakeDatabase(chart, 'Cache'), { envPrefix: 'CACHE', urlVariable: 'REDIS_URL' });
    expect(orders.envPrefix).toBe('ORDERS_DB');
    expect(orders.variables.url).toBe('ORDERS_DB_URL');
    expect(cache.variables).toMatchObject({ host: 'CACHE_HOST', url: 'REDIS_URL' });
    const names = containerOf(Testing.synth(chart), 'Deployment').env.map((v: any) => v.name);
    expect(names).toEqual([
      'DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DATABASE_URL',
      'ORDERS_DB_HOST', 'ORDERS_DB_PORT', 'ORDERS_DB_NAME', 'ORDERS_DB_USER', 'ORDERS_DB_PASSWORD', 'ORDERS_DB_URL',
      'CACHE_HOST', 'CACHE_PORT', 'CACHE_NAME', 'CACHE_USER', 'CACHE_PASSWORD', 'REDIS_URL',
    ]);
    expect(web.connections.map(c => c.envPrefix)).toEqual(['DB', 'ORDERS_DB', 'CACHE']);
  });

  test('no secret value is written: the password only appears as a secretKeyRef', () => {
    const yaml = JSON.stringify(connected().manifests);
    expect(yaml).not.toMatch(/"name":"DB_PASSWORD","value"/);
    expect(ofKind(connected().manifests, 'Secret')).toEqual([]);
  });
});

describe('connectTo NetworkPolicies', () => {
  test('egress to the database pods on its port, and to the cluster DNS', () => {
    const chart = Testing.chart();
    const web = webApp(chart);
    const binding = web.connectTo(new FakeDatabase(chart, 'Db'));
    const policies = ofKind(Testing.synth(chart), 'NetworkPolicy').filter(p => p.spec.policyTypes[0] === 'Egress');
    const selector = { matchLabels: web.labels.selector };
    expect(policies.map(p => p.spec)).toEqual([
      {
        podSelector: selector,
        policyTypes: ['Egress'],
        egress: [{
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
        }],
      },
      {
        podSelector: selector,
        policyTypes: ['Egress'],
        egress: [{
          to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/component': 'database' } } }],
          ports: [{ protocol: 'TCP', port: 5432 }],
        }],
      },
    ]);
    expect(binding.egressPolicy.name).toBe(policies[1].metadata.name);
    expect(policies[1].metadata.labels['app.kubernetes.io/instance']).toBe(web.labels.selector['app.kubernetes.io/instance']);
  });

  test('the database accepts the client by its pod labels and namespace', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const db = new FakeDatabase(chart, 'Db');
    const web = webApp(chart);
    web.connectTo(db);
    expect(db.clients).toEqual([{ name: 'shop/Web', podSelector: web.labels.selector, namespace: 'shop' }]);
  });

  test('objects of connections with a \'_\' in the prefix are named in kebab-case (DNS-1123)', () => {
    // GIVEN two databases, the second with a derived prefix, and a third with an explicit one
    const chart = Testing.chart();
    const web = webApp(chart);
    // WHEN
    web.connectTo(new FakeDatabase(chart, 'Db', { waitFor: PG_WAIT }), { waitForDatabase: true });
    const orders = web.connectTo(new FakeDatabase(chart, 'Orders', { waitFor: PG_WAIT }), { waitForDatabase: true });
    const main = web.connectTo(new FakeDatabase(chart, 'Main'), { envPrefix: 'MAIN_DB_2' });
    // THEN
    const manifests = Testing.synth(chart);
    expect(ofKind(manifests, 'NetworkPolicy').map(p => p.metadata.name).filter(n => n.startsWith('test-web-'))).toEqual([
      'test-web-connections-dns-c84982f2',
      'test-web-connections-db-egress-c860164f',
      'test-web-connections-orders-db-egress-c8f76bd5',
      'test-web-connections-main-db-2-egress-c8e621b7',
    ]);
    expect(orders.egressPolicy.node.path).toBe('test/Web/Connections/ORDERS-DB/Egress');
    expect(main.egressPolicy.node.path).toBe('test/Web/Connections/MAIN-DB-2/Egress');
    expect(orders.waitContainerName).toBe('wait-for-orders-db');
    const pod = podSpecsOf(manifests).find(p => p.kind === 'Deployment')!.spec;
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['wait-for-db', 'wait-for-orders-db']);
    // every name is a DNS-1123 subdomain, as NetworkPolicy names must be
    for (const object of manifests) {
      expect(object.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
    }
  });

  test('a WebApp connected to two Databases passes the API rules (object names included)', () => {
    // GIVEN the README's user chart: one app, two databases
    const chart = Testing.chart();
    const web = webApp(chart);
    const credentials = (name: string) => DatabaseCredentials.fromExistingSecret(name, { userKey: 'username' });
    // WHEN
    web.connectTo(new Database(chart, 'Db', { engine: DatabaseEngine.postgres(), credentials: credentials('app-db') }), { waitForDatabase: true });
    web.connectTo(new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: credentials('orders-db') }), { envPrefix: 'ORDERS_DB' });
    // THEN
    const report = validate(sourcedObjectsOf(chart), { level: ValidationLevel.API });
    expect(report.findings.map(f => `${f.rule}: ${f.path}: ${f.message}`)).toEqual([]);
  });

  test('a database in another namespace gets a namespaceSelector', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const web = webApp(chart);
    web.connectTo(new FakeDatabase(chart, 'Db', { namespace: 'data' }));
    const egress = ofKind(Testing.synth(chart), 'NetworkPolicy').find(p => p.metadata.name.includes('-db-egress-'));
    expect(egress.spec.egress[0].to).toEqual([{
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/component': 'database' } },
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } },
    }]);
  });

  test('an external database by IPs gets ipBlocks; by DNS host, any address on the port', () => {
    const chart = Testing.chart();
    const web = webApp(chart);
    const byIp = web.connectTo(new FakeDatabase(chart, 'Legacy', { network: { ipBlocks: ['10.20.0.5/32', '10.20.0.6/32'] } }));
    const byHost = web.connectTo(new FakeDatabase(chart, 'Managed', { network: {}, connection: { port: 25060 } }));
    const policies = ofKind(Testing.synth(chart), 'NetworkPolicy');
    const spec = (name: string) => policies.find(p => p.metadata.name === name).spec.egress[0];
    expect(spec(byIp.egressPolicy.name)).toEqual({
      to: [{ ipBlock: { cidr: '10.20.0.5/32' } }, { ipBlock: { cidr: '10.20.0.6/32' } }],
      ports: [{ protocol: 'TCP', port: 5432 }],
    });
    expect(spec(byHost.egressPolicy.name)).toEqual({ ports: [{ protocol: 'TCP', port: 25060 }] });
  });

  test('the policies allow exactly the declared connections (evaluator)', () => {
    // GIVEN an app and a worker connected to one database, a cron task connected to another, and an unrelated app
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Db');
    const reports = new FakeDatabase(chart, 'Reports');
    const web = webApp(chart);
    web.connectTo(db);
    const worker = new Worker(chart, 'Mailer', { image: IMAGE, replicas: 1 });
    worker.connectTo(db);
    const task = new CronTask(chart, 'Export', { image: IMAGE, schedule: Schedule.daily(1) });
    task.connectTo(reports);
    const other = webApp(chart, 'Other');
    // WHEN
    const net = new NetworkPolicyEvaluator(Testing.synth(chart));
    const pod = (w: AppWorkload | FakeDatabase) => {
      const id = w.node.id.toLowerCase();
      return net.workloadPods.find(p => p.labels['app.kubernetes.io/name'] === id)!;
    };
    const [pWeb, pWorker, pTask, pOther, pDb, pReports] = [web, worker, task, other, db, reports].map(pod);
    // THEN
    const allowed = [[pWeb, pDb], [pWorker, pDb], [pTask, pReports]];
    for (const from of [pWeb, pWorker, pTask, pOther]) {
      for (const to of [pDb, pReports]) {
        const expected = allowed.some(([a, b]) => a === from && b === to);
        expect({ from: from.name, to: to.name, allowed: net.allows(from, to, 5432) })
          .toEqual({ from: from.name, to: to.name, allowed: expected });
      }
    }
    expect(net.allows(pWeb, pDb, 5433)).toBe(false);
    expect(net.allows(pWeb, DNS, 53, 'UDP')).toBe(true);
    expect(net.allows(pTask, DNS, 53, 'TCP')).toBe(true);
    expect(net.allows(pWeb, { ip: '93.184.216.34' }, 443)).toBe(false);
    // The unrelated app has no egress policy: it is not isolated (only the databases refuse it).
    expect(net.evaluate(pOther, pDb, 5432).egress.isolated).toBe(false);
    expect(net.evaluate(pOther, pDb, 5432).ingress).toMatchObject({ isolated: true, allowed: false });
  });
});

describe('allowEgress', () => {
  test('defaults to any address on port 443, with DNS; ports and CIDRs can be set', () => {
    // GIVEN
    const chart = Testing.chart();
    const web = webApp(chart);
    // WHEN
    const any = web.allowEgress();
    const partner = web.allowEgress({ cidrs: ['203.0.113.0/24'], ports: [8443, 9443] });
    // THEN
    const policies = ofKind(Testing.synth(chart), 'NetworkPolicy');
    const spec = (name: string) => policies.find(p => p.metadata.name === name).spec.egress;
    expect(spec(any.name)).toEqual([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }]);
    expect(spec(partner.name)).toEqual([{
      to: [{ ipBlock: { cidr: '203.0.113.0/24' } }],
      ports: [{ protocol: 'TCP', port: 8443 }, { protocol: 'TCP', port: 9443 }],
    }]);
    expect(policies.map(p => p.metadata.name)).toEqual([
      'test-web-connections-dns-c84982f2', any.name, partner.name,
    ]);
    const net = new NetworkPolicyEvaluator(Testing.synth(chart));
    const pod = net.workloadPods[0];
    expect(net.allows(pod, { ip: '93.184.216.34' }, 443)).toBe(true);
    expect(net.allows(pod, { ip: '93.184.216.34' }, 80)).toBe(false);
    expect(net.allows(pod, { ip: '203.0.113.7' }, 9443)).toBe(true);
    expect(net.allows(pod, { ip: '198.51.100.7' }, 9443)).toBe(false);
  });

  test('invalid CIDR and port', () => {
    const chart = Testing.chart();
    const web = webApp(chart);
    expect(() => web.allowEgress({ cidrs: ['10.0.0.0/33'] }))
      .toThrow('[test/Web] \'allowEgress.cidrs\' entry ("10.0.0.0/33") must be an IPv4 CIDR such as \'10.0.0.0/8\'');
    expect(() => web.allowEgress({ ports: [0] }))
      .toThrow('[test/Web] \'allowEgress.ports\' (0) must be a port number between 1 and 65535, inclusive');
    expect(() => web.allowEgress({ ports: [] }))
      .toThrow('[test/Web] \'allowEgress\' needs at least one CIDR and one port; leave them out for any address on port 443');
  });
});

describe('connectTo wait init container', () => {
  function waiting(): { web: WebApp; manifests: any[] } {
    const chart = Testing.chart();
    const web = webApp(chart);
    web.connectTo(new FakeDatabase(chart, 'Main', { waitFor: PG_WAIT }), { waitForDatabase: true });
    web.connectTo(new FakeDatabase(chart, 'Orders', { waitFor: PG_WAIT }), { waitForDatabase: true });
    return { web, manifests: Testing.synth(chart) };
  }

  test('one init container per database, with DB_* variables and the secure defaults', () => {
    const { web, manifests } = waiting();
    const pod = podSpecsOf(manifests).find(p => p.kind === 'Deployment')!.spec;
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['wait-for-db', 'wait-for-orders-db']);
    const second = pod.initContainers[1];
    expect(second.image).toBe('docker.io/library/postgres:16.4');
    expect(second.command).toEqual(PG_WAIT.command);
    expect(second.env.map((v: any) => v.name)).toEqual(['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_USER', 'DB_PASSWORD']);
    expect(second.env[0]).toEqual({ name: 'DB_HOST', value: 'orders.svc' });
    expect(second.securityContext).toEqual(pod.containers[0].securityContext);
    expect(second.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(second.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } });
    expect(web.connections.map(c => c.waitContainerName)).toEqual(['wait-for-db', 'wait-for-orders-db']);
  });

  test('every pod of the app passes PSS restricted', () => {
    // (the fake database's bare Pod is not part of what connectTo renders)
    const specs = podSpecsOf(waiting().manifests).filter(p => p.kind !== 'Pod');
    expect(specs.map(p => p.kind)).toEqual(['Deployment']);
    for (const { spec } of specs) {
      expect(pssRestrictedViolations(spec)).toEqual([]);
    }
  });
});

describe('connectTo errors', () => {
  test('connecting to something that is not a database', () => {
    const chart = Testing.chart();
    const web = webApp(chart);
    const queue = new Construct(chart, 'Queue');
    expect(() => web.connectTo(queue as unknown as IDatabase))
      .toThrow('[test/Web] \'connectTo\' argument (construct "test/Queue") is not a database: '
        + 'pass a Database, an ExternalDatabase or another construct marked with markDatabase()');
    expect(() => web.connectTo({ host: 'db' } as unknown as IDatabase))
      .toThrow('[test/Web] \'connectTo\' argument ({"host":"db"}) is not a database: '
        + 'pass a Database, an ExternalDatabase or another construct marked with markDatabase()');
  });

  test('connecting the same database twice', () => {
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Db');
    const web = webApp(chart);
    web.connectTo(db);
    expect(() => web.connectTo(db, { envPrefix: 'OTHER' }))
      .toThrow('[test/Web] \'connectTo\' database "test/Db" is already connected to this workload (variables DB_*); connect each database once');
  });

  test('a variable that is already set', () => {
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', { image: IMAGE, config: { DATABASE_URL: 'sqlite:///tmp/db' } });
    expect(() => web.connectTo(new FakeDatabase(chart, 'Db')))
      .toThrow('[test/Web] \'connectTo\' variable "DATABASE_URL" (database "test/Db") is already set; pass another \'envPrefix\' or \'urlVariable\'');
  });

  test('a config variable added after connectTo that a connection already set', () => {
    const chart = Testing.chart();
    const web = webApp(chart);
    web.connectTo(new FakeDatabase(chart, 'Db'));
    expect(() => web.addEnv('DB_HOST', 'localhost'))
      .toThrow('[test/Web] \'config\' key "DB_HOST" is already set; each variable can be set once');
  });

  test('two databases with the same prefix', () => {
    const chart = Testing.chart();
    const web = webApp(chart);
    web.connectTo(new FakeDatabase(chart, 'Orders'), { envPrefix: 'ORDERS_DB' });
    expect(() => web.connectTo(new FakeDatabase(new Construct(chart, 'Legacy'), 'Orders')))
      .toThrow('[test/Web] \'connectTo\' variable "ORDERS_DB_HOST" (database "test/Legacy/Orders") is already set; pass another \'envPrefix\' or \'urlVariable\'');
  });

  test.each(['orders', 'ORDERS_', '_ORDERS', 'ORDERS__DB', '1DB', 'ORDERS-DB'])('an invalid prefix: %s', prefix => {
    const chart = Testing.chart();
    expect(() => webApp(chart).connectTo(new FakeDatabase(chart, 'Db'), { envPrefix: prefix }))
      .toThrow(`[test/Web] 'envPrefix' (${JSON.stringify(prefix)}) must be upper-case words of letters and digits joined by single '_', `
        + 'starting with a letter (e.g. \'ORDERS_DB\')');
  });

  test('waiting for a database without a wait command', () => {
    const chart = Testing.chart();
    expect(() => webApp(chart).connectTo(new FakeDatabase(chart, 'Db'), { waitForDatabase: true }))
      .toThrow('[test/Web] \'waitForDatabase\' is set, but database "test/Db" has no wait command (waitFor); leave the option out for this database');
  });

  test('a user with both a value and a secretKeyRef', () => {
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Db', { connection: { user: { value: 'app', secretKeyRef: { secretName: 's', key: 'k' } } } });
    expect(() => webApp(chart).connectTo(db))
      .toThrow('[test/Web] \'connection of database "test/Db".user\' must have exactly one of \'value\' or \'secretKeyRef\'');
  });

  test('a mutable wait image', () => {
    const chart = Testing.chart();
    const db = new FakeDatabase(chart, 'Db', { waitFor: { image: 'postgres', command: ['pg_isready'] } });
    expect(() => webApp(chart).connectTo(db, { waitForDatabase: true }))
      .toThrow('[test/Web] \'waitFor.image of database "test/Db"\' ("postgres") must be pinned to a tag other than \'latest\' or to a digest');
  });

  test('a failed connectTo leaves nothing behind', () => {
    const chart = Testing.chart();
    const web = webApp(chart);
    expect(() => web.connectTo(new FakeDatabase(chart, 'Db'), { envPrefix: 'bad' })).toThrow();
    expect(web.connections).toEqual([]);
    expect(ofKind(Testing.synth(chart), 'NetworkPolicy').filter(p => p.spec.policyTypes[0] === 'Egress')).toEqual([]);
  });
});
