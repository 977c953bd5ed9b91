import { ApiObject, Chart, Cron, Size, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  AccessMode, ClaimRetention, Database, DatabaseCredentials, DatabaseEngine, DatabaseEngineKind, DatabaseProps,
  DisruptionBudget, Image, InitScripts, isDatabase, ISidecar, ISidecarHost, PercentOrCount, ResourcePreset, Resources,
  ValidationError,
} from '../../src';
import { validate, sourcedObjectsOf, Severity } from '../../src/validation';
import { podSpecsOf, pssRestrictedViolations } from './pss-restricted';

const CREDENTIALS = DatabaseCredentials.fromExistingSecret('orders-db', { userKey: 'username' });

function synthDb(props: Partial<DatabaseProps> = {}): { chart: Chart; db: Database; manifests: any[] } {
  const chart = Testing.chart();
  const db = new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS, ...props });
  return { chart, db, manifests: Testing.synth(chart) };
}

function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

function podOf(manifests: any[]): any {
  return ofKind(manifests, 'StatefulSet')[0].spec.template.spec;
}

const ENGINES: Array<[string, DatabaseEngine, DatabaseCredentials]> = [
  ['postgres', DatabaseEngine.postgres(), DatabaseCredentials.fromExistingSecret('pg-db')],
  ['mysql', DatabaseEngine.mysql(), DatabaseCredentials.fromExistingSecret('my-db', { userKey: 'username' })],
  ['redis', DatabaseEngine.redis(), DatabaseCredentials.fromExistingSecret('cache')],
  ['mongodb', DatabaseEngine.mongodb(), DatabaseCredentials.fromExistingSecret('mongo-db', { userKey: 'username' })],
];

describe('Database snapshots', () => {
  test.each(ENGINES)('defaults: %s', (_name, engine, credentials) => {
    const chart = Testing.chart();
    new Database(chart, 'Db', { engine, credentials });
    expect(Testing.synth(chart)).toMatchSnapshot();
  });

  test('backup, init scripts, configuration and storage options', () => {
    expect(synthDb({
      storage: { size: Size.gibibytes(50), storageClassName: 'fast-ssd', whenDeleted: ClaimRetention.DELETE, whenScaled: ClaimRetention.RETAIN },
      configuration: { max_connections: '200', shared_buffers: '256MB' },
      initScripts: InitScripts.fromFiles({ '01-schema.sql': 'CREATE TABLE orders (id bigint primary key);\n' }),
      backup: { schedule: Cron.schedule({ minute: '30', hour: '2' }), timeZone: 'Europe/Berlin', size: Size.gibibytes(20), keep: 14 },
    }).manifests).toMatchSnapshot();
  });

  test('mongodb with backup', () => {
    const chart = Testing.chart();
    new Database(chart, 'Db', { engine: DatabaseEngine.mongodb('7.0.14'), credentials: ENGINES[3][2], backup: {} });
    expect(ofKind(Testing.synth(chart), 'CronJob')).toMatchSnapshot();
  });
});

describe('Database defaults', () => {
  test('renders ServiceAccount, headless Service, StatefulSet, Service, PDB and NetworkPolicy', () => {
    const { db, manifests } = synthDb();
    expect(manifests.map(m => m.kind)).toEqual(['ServiceAccount', 'Service', 'StatefulSet', 'Service', 'PodDisruptionBudget', 'NetworkPolicy']);
    expect(ApiObject.of(db).kind).toBe('StatefulSet');
    expect(isDatabase(db)).toBe(true);
  });

  test('StatefulSet uses the headless Service and one replica', () => {
    const { db, manifests } = synthDb();
    const sts = ofKind(manifests, 'StatefulSet')[0];
    const [headless, client] = ofKind(manifests, 'Service');
    expect(sts.spec.serviceName).toBe(headless.metadata.name);
    expect(headless.spec.clusterIP).toBe('None');
    expect(client.spec.clusterIP).toBeUndefined();
    expect(client.spec.ports).toEqual([{ name: 'postgres', port: 5432, targetPort: 5432 }]);
    expect(client.spec.selector).toEqual(db.labels.selector);
    expect(sts.spec.replicas).toBe(1);
    expect(sts.metadata.annotations['ignore-check.cdk8s-patterns.io/min-replicas'])
      .toBe('PostgreSQL runs as one instance: replication needs an operator such as CloudNativePG');
  });

  test('volume claim template with 10Gi ReadWriteOnce, retained, mounted at the data path', () => {
    const sts = ofKind(synthDb().manifests, 'StatefulSet')[0];
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
    }]);
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    const container = sts.spec.template.spec.containers[0];
    expect(container.volumeMounts[0]).toEqual({ name: 'data', mountPath: '/var/lib/postgresql/data' });
    expect(sts.spec.template.spec.volumes.map((v: any) => v.name)).not.toContain('data');
  });

  test('storage options are rendered into the claim template', () => {
    const sts = ofKind(synthDb({
      storage: {
        size: Size.mebibytes(512), storageClassName: 'fast', accessModes: [AccessMode.READ_WRITE_ONCE_POD],
        whenDeleted: ClaimRetention.DELETE, whenScaled: ClaimRetention.DELETE,
      },
    }).manifests, 'StatefulSet')[0];
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOncePod'], storageClassName: 'fast', resources: { requests: { storage: '512Mi' } },
    });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Delete', whenScaled: 'Delete' });
  });

  test('medium preset resources by default, overridable', () => {
    expect(podOf(synthDb().manifests).containers[0].resources)
      .toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1000m', memory: '512Mi' } });
    expect(podOf(synthDb({ resources: Resources.preset(ResourcePreset.LARGE) }).manifests).containers[0].resources)
      .toEqual({ requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } });
  });

  test('PDB with maxUnavailable 1 on the database pods; configurable and removable', () => {
    const pdb = ofKind(synthDb().manifests, 'PodDisruptionBudget')[0];
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.selector.matchLabels).toEqual(ofKind(synthDb().manifests, 'StatefulSet')[0].spec.selector.matchLabels);
    expect(ofKind(synthDb({ disruptionBudget: DisruptionBudget.none() }).manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(ofKind(synthDb({ disruptionBudget: DisruptionBudget.minAvailable(PercentOrCount.count(0)) }).manifests, 'PodDisruptionBudget')[0].spec.minAvailable).toBe(0);
  });
});

describe('Database engines', () => {
  const EXPECTED: Record<string, { image: string; port: number; data: string; writable: string[]; probe: string[]; env: string[] }> = {
    postgres: {
      image: 'postgres:16.4', port: 5432, data: '/var/lib/postgresql/data', writable: ['/tmp', '/var/run/postgresql'],
      probe: ['pg_isready', '--host=127.0.0.1', '--port=5432', '--username=postgres'],
      env: ['PGDATA', 'POSTGRES_DB', 'POSTGRES_PASSWORD'],
    },
    mysql: {
      image: 'mysql:8.4.2', port: 3306, data: '/var/lib/mysql', writable: ['/tmp', '/var/run/mysqld', '/var/lib/mysql-files'],
      probe: ['mysqladmin', 'ping', '--host=127.0.0.1', '--port=3306', '--user=probe', '--silent'],
      env: ['MYSQL_DATABASE', 'MYSQL_ROOT_PASSWORD', 'MYSQL_USER', 'MYSQL_PASSWORD'],
    },
    redis: {
      image: 'redis:7.4.0', port: 6379, data: '/data', writable: ['/tmp'],
      probe: ['sh', '-c', 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'],
      env: ['REDIS_PASSWORD', 'REDISCLI_AUTH'],
    },
    mongodb: {
      image: 'mongo:7.0.14', port: 27017, data: '/data/db', writable: ['/tmp', '/data/configdb'],
      probe: ['mongosh', '--quiet', '--norc', '--eval', 'quit(db.adminCommand({ ping: 1 }).ok ? 0 : 1)'],
      env: ['MONGO_INITDB_DATABASE', 'MONGO_INITDB_ROOT_USERNAME', 'MONGO_INITDB_ROOT_PASSWORD'],
    },
  };

  test.each(ENGINES)('%s: image, UID/GID 999, fsGroup, data and writable paths, probes, env', (name, engine, credentials) => {
    const chart = Testing.chart();
    new Database(chart, 'Db', { engine, credentials });
    const manifests = Testing.synth(chart);
    const pod = podOf(manifests);
    const container = pod.containers[0];
    const expected = EXPECTED[name];
    expect(container.image).toBe(expected.image);
    expect(container.ports).toEqual([{ containerPort: expected.port, name: name === 'mongodb' ? 'mongodb' : name }]);
    expect(pod.securityContext).toMatchObject({ runAsUser: 999, runAsGroup: 999, fsGroup: 999, runAsNonRoot: true });
    expect(container.securityContext).toMatchObject({ runAsUser: 999, runAsGroup: 999, readOnlyRootFilesystem: true });
    expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual([expected.data, ...expected.writable]);
    for (const kind of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      expect(container[kind].exec.command).toEqual(expected.probe);
    }
    expect(container.env.map((e: any) => e.name)).toEqual(expected.env);
    expect(ofKind(manifests, 'Service')[1].spec.ports[0].port).toBe(expected.port);
    expect(pssRestrictedViolations(pod)).toEqual([]);
  });

  test('postgres keeps its data in a subdirectory of the volume (lost+found)', () => {
    const env = podOf(synthDb().manifests).containers[0].env;
    expect(env[0]).toEqual({ name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' });
  });

  test('mysql runs mysqld with a data subdirectory; redis requires the password', () => {
    const chart = Testing.chart();
    new Database(chart, 'My', { engine: DatabaseEngine.mysql(), credentials: ENGINES[1][2] });
    new Database(chart, 'Re', { engine: DatabaseEngine.redis('7.2'), credentials: ENGINES[2][2], configuration: { maxmemory: '100mb' } });
    const [my, re] = ofKind(Testing.synth(chart), 'StatefulSet').map(s => s.spec.template.spec.containers[0]);
    expect(my.args).toEqual(['mysqld', '--datadir=/var/lib/mysql/data']);
    expect(re.image).toBe('redis:7.2');
    expect(re.args).toEqual(['redis-server', '--appendonly', 'yes', '--requirepass', '$(REDIS_PASSWORD)', '--maxmemory', '100mb']);
  });

  test('configuration flags per engine, in order', () => {
    const pg = podOf(synthDb({ configuration: { max_connections: '200', 'log_min_duration_statement': '500' } }).manifests).containers[0];
    expect(pg.args).toEqual(['-c', 'max_connections=200', '-c', 'log_min_duration_statement=500']);
    const chart = Testing.chart();
    new Database(chart, 'Mo', { engine: DatabaseEngine.mongodb(), credentials: ENGINES[3][2], configuration: { wiredTigerCacheSizeGB: '1' } });
    expect(podOf(Testing.synth(chart)).containers[0].args).toEqual(['mongod', '--wiredTigerCacheSizeGB=1']);
  });

  test('credentials are secretKeyRefs to the credentials Secret, never values', () => {
    const env = podOf(synthDb().manifests).containers[0].env;
    expect(env.slice(2)).toEqual([
      { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'password', optional: false } } },
      { name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'orders-db', key: 'username', optional: false } } },
    ]);
  });

  test('withImage pulls the same engine from a mirror', () => {
    const engine = DatabaseEngine.postgres('16.4').withImage(Image.of('registry.internal/library/postgres:16.4'));
    expect(engine.kind).toBe(DatabaseEngineKind.POSTGRES);
    expect(podOf(synthDb({ engine }).manifests).containers[0].image).toBe('registry.internal/library/postgres:16.4');
  });
});

describe('Database connection contract', () => {
  test('connection, network and waitFor', () => {
    const { db, manifests } = synthDb();
    const service = ofKind(manifests, 'Service')[1];
    expect(db.connection).toEqual({
      scheme: 'postgresql', host: service.metadata.name, port: 5432, databaseName: 'app',
      user: { secretKeyRef: { secretName: 'orders-db', key: 'username' } },
      password: { secretName: 'orders-db', key: 'password' },
    });
    expect(db.network).toEqual({ podSelector: db.labels.selector });
    expect(db.waitFor).toEqual({
      image: 'postgres:16.4',
      command: ['sh', '-c', `until pg_isready --host=${service.metadata.name} --port=5432 --username=postgres --timeout=2; do sleep 2; done`],
    });
  });

  test('namespaced: host is <service>.<namespace>.svc; the built-in user without a user key', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Db', {
      engine: DatabaseEngine.mysql(), credentials: DatabaseCredentials.fromExistingSecret('my-db'), metadata: { namespace: 'shop' },
    });
    expect(db.connection.host).toBe(`${db.service.name}.shop.svc`);
    expect(db.connection.user).toEqual({ value: 'root' });
    expect(db.network).toEqual({ podSelector: db.labels.selector, namespace: 'shop' });
  });

  test('redis has no user and no database name', () => {
    const chart = Testing.chart();
    const db = new Database(chart, 'Cache', { engine: DatabaseEngine.redis(), credentials: ENGINES[2][2] });
    expect(db.connection.user).toBeUndefined();
    expect(db.connection.databaseName).toBeUndefined();
    expect(db.connection.password).toEqual({ secretName: 'cache', key: 'password' });
  });

  test('acceptClient adds one ingress rule per client on the database port, once', () => {
    const { chart, db } = synthDb();
    db.acceptClient({ name: 'web', podSelector: { app: 'web' } });
    db.acceptClient({ name: 'web again', podSelector: { app: 'web' } });
    db.acceptClient({ name: 'reports', podSelector: { app: 'reports' }, namespace: 'analytics' });
    const policy = ofKind(Testing.synth(chart), 'NetworkPolicy')[0];
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: db.labels.selector },
      policyTypes: ['Ingress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 5432 }] },
        {
          from: [{ podSelector: { matchLabels: { app: 'reports' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'analytics' } } }],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
      ],
    });
    expect(db.clients.map(c => c.name)).toEqual(['web', 'reports']);
  });

  test('without clients the NetworkPolicy admits nothing; networkPolicy: false renders none', () => {
    const policy = ofKind(synthDb().manifests, 'NetworkPolicy')[0];
    expect(policy.spec.ingress ?? []).toEqual([]);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    const { db, manifests } = synthDb({ networkPolicy: false });
    db.acceptClient({ name: 'web', podSelector: { app: 'web' } });
    expect(ofKind(manifests, 'NetworkPolicy')).toEqual([]);
  });

  test('acceptClient rejects a client without pod selector', () => {
    const { db } = synthDb();
    expect(() => db.acceptClient({ name: 'all', podSelector: {} }))
      .toThrow('[test/Orders] \'client\' ("all") must select its pods with a non-empty podSelector');
  });
});

describe('Database backup', () => {
  test('CronJob dumps into its own claim, restricted, Forbid concurrency, admitted by the NetworkPolicy', () => {
    const { db, manifests } = synthDb({ backup: { keep: 3 } });
    const cron = ofKind(manifests, 'CronJob')[0];
    const claim = ofKind(manifests, 'PersistentVolumeClaim')[0];
    expect(cron.spec.schedule).toBe('0 0 * * *');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'backup', persistentVolumeClaim: { claimName: claim.metadata.name } }, { name: 'tmp', emptyDir: {} }]);
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } });
    expect(pssRestrictedViolations(pod)).toEqual([]);
    expect(pod.automountServiceAccountToken).toBe(false);
    const env = Object.fromEntries(pod.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env).toEqual({
      DB_HOST: db.service.name, DB_PORT: '5432', DB_NAME: 'app', KEEP: '3',
      PGUSER: { secretKeyRef: { name: 'orders-db', key: 'username' } },
      PGPASSWORD: { secretKeyRef: { name: 'orders-db', key: 'password' } },
    });
    const backupSelector = cron.spec.jobTemplate.spec.template.metadata.labels;
    expect(backupSelector['app.kubernetes.io/instance']).not.toBe(db.labels.selector['app.kubernetes.io/instance']);
    const [dbPolicy, backupPolicy] = ofKind(manifests, 'NetworkPolicy');
    expect(dbPolicy.spec.ingress[0].from[0].podSelector.matchLabels['app.kubernetes.io/instance']).toBe(backupSelector['app.kubernetes.io/instance']);
    expect(backupPolicy.spec).toEqual({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'orders', 'app.kubernetes.io/instance': backupSelector['app.kubernetes.io/instance'] } }, policyTypes: ['Ingress'] });
    expect(db.backupCronJob?.name).toBe(cron.metadata.name);
  });

  test('backup errors', () => {
    expect(() => synthDb({ backup: { keep: 0 } })).toThrow('[test/Orders] \'backup.keep\' (0) must be an integer >= 1');
    expect(() => synthDb({ backup: { size: Size.gibibytes(0) } })).toThrow('[test/Orders] \'backup.size\' (0Gi) must be a positive quantity, e.g. Size.gibibytes(10)');
    expect(() => synthDb({ backup: { timeZone: 'not a zone' } }))
      .toThrow('[test/Orders] \'backup.timeZone\' ("not a zone") is not a known IANA time zone: use a name such as \'Europe/Berlin\', '
        + '\'America/New_York\' or \'UTC\' (see Intl.supportedValuesOf(\'timeZone\'))');
  });
});

describe('Database init scripts and sidecars', () => {
  test('init scripts are mounted read-only at /docker-entrypoint-initdb.d', () => {
    const pod = podOf(synthDb({ initScripts: InitScripts.fromConfigMapName('orders-schema') }).manifests);
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'init-scripts', mountPath: '/docker-entrypoint-initdb.d', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'init-scripts', configMap: { name: 'orders-schema' } });
  });

  test('init scripts errors', () => {
    expect(() => synthDb({ initScripts: InitScripts.fromFiles({ 'schema.txt': 'x' }) }))
      .toThrow('[test/Orders] \'initScripts\' file "schema.txt" is not run by the PostgreSQL image: use one of \'.sh\', \'.sql\', \'.sql.gz\', \'.sql.xz\', \'.sql.zst\'');
    const chart = Testing.chart();
    expect(() => new Database(chart, 'Cache', { engine: DatabaseEngine.redis(), credentials: ENGINES[2][2], initScripts: InitScripts.fromFiles({ 'a.sh': 'x' }) }))
      .toThrow('[test/Cache] \'initScripts\' is not supported: the Redis image runs no init scripts; leave it out');
  });

  test('is a sidecar host: sidecars get the database pod security', () => {
    const exporter: ISidecar = {
      bind(host: ISidecarHost) {
        host.addSidecarContainer({ name: 'exporter', image: Image.of('quay.io/prometheuscommunity/postgres-exporter:v0.15.0'), ports: [{ name: 'metrics', number: 9187 }] });
      },
    };
    const pod = podOf(synthDb({ sidecars: [exporter] }).manifests);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['app', 'exporter']);
    expect(pod.containers[1].securityContext).toMatchObject({ runAsUser: 999, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(pssRestrictedViolations(pod)).toEqual([]);
  });
});

describe('Database bad input', () => {
  const chart = () => Testing.chart();
  test.each([
    [{ engine: DatabaseEngine.of('cockroach' as DatabaseEngineKind) }, '[test/Db] \'engine\' ("cockroach") is an unknown engine: use DatabaseEngine.postgres(), DatabaseEngine.mysql(), DatabaseEngine.redis() or DatabaseEngine.mongodb()'],
    [{ engine: 'postgres' as unknown as DatabaseEngine }, '[test/Db] \'engine\' ("postgres") must be a DatabaseEngine: use DatabaseEngine.postgres(), DatabaseEngine.mysql(), DatabaseEngine.redis() or DatabaseEngine.mongodb()'],
    [{ engine: DatabaseEngine.postgres('16-alpine') }, '[test/Db] \'engine\' version ("16-alpine") must be a release number \'major[.minor[.patch]]\' such as "16.4"; for other tags or digests use withImage()'],
    [{ replicas: 3 }, '[test/Db] \'replicas\' (3) must be 0 or 1 for PostgreSQL: replication needs an operator such as CloudNativePG; run one instance or use the operator'],
    [{ replicas: -1 }, '[test/Db] \'replicas\' (-1) must be a non-negative integer'],
    [{ storage: { size: Size.gibibytes(NaN) } }, '[test/Db] \'storage.size\' (NaNGi) must be a positive quantity, e.g. Size.gibibytes(10)'],
    [{ storage: { size: '10Gi' as unknown as Size } }, '[test/Db] \'storage.size\' ("10Gi") must be a Size, e.g. Size.gibibytes(10)'],
    [{ storage: { whenDeleted: 'Keep' as ClaimRetention } }, '[test/Db] \'storage.whenDeleted\' ("Keep") is unknown: use ClaimRetention.RETAIN or ClaimRetention.DELETE'],
    [{ databaseName: 'my-db' }, '[test/Db] \'databaseName\' ("my-db") must be 1-63 letters, digits or \'_\', not starting with a digit'],
    [{ configuration: { 'bad key': '1' } }, '[test/Db] \'configuration\' key "bad key" must be a setting name: a letter, then letters, digits, \'_\', \'.\' or \'-\''],
    [{ configuration: { work_mem: '4MB\n-c x=y' } }, '[test/Db] \'configuration.work_mem\' ("4MB\\n-c x=y") must be a one-line string'],
    [{ credentials: undefined as unknown as DatabaseCredentials }, '[test/Db] \'credentials\' is required: use DatabaseCredentials.fromExistingSecret(), fromExternalSecret() or fromSealedSecret()'],
  ])('%# rejects bad input with an exact message', (props, message) => {
    expect(() => new Database(chart(), 'Db', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS, ...props as Partial<DatabaseProps> }))
      .toThrow(ValidationError);
    expect(() => new Database(chart(), 'Db', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS, ...props as Partial<DatabaseProps> }))
      .toThrow(message);
  });

  test('replicas > 1 is an error for every engine, with its operator hint', () => {
    const c = chart();
    expect(() => new Database(c, 'Mongo', { engine: DatabaseEngine.mongodb(), credentials: ENGINES[3][2], replicas: 2 }))
      .toThrow('[test/Mongo] \'replicas\' (2) must be 0 or 1 for MongoDB: replica sets need an operator such as the MongoDB Community Operator; run one instance or use the operator');
    expect(() => new Database(c, 'Cache', { engine: DatabaseEngine.redis(), credentials: ENGINES[2][2], databaseName: 'x' }))
      .toThrow('[test/Cache] \'databaseName\' ("x") is not supported: Redis has no named databases; leave it out');
  });

  test('replicas 0 is allowed (scaled down)', () => {
    expect(ofKind(synthDb({ replicas: 0 }).manifests, 'StatefulSet')[0].spec.replicas).toBe(0);
  });
});

describe('Database output', () => {
  test('is deterministic', () => {
    const render = () => YAML.stringify(synthDb({ backup: {} }).manifests);
    expect(render()).toBe(render());
  });

  test('every engine with backup validates without errors or warnings (schema, API, cross, policy)', () => {
    const chart = Testing.chart();
    for (const [name, engine, credentials] of ENGINES) {
      const db = new Database(chart, `Db-${name}`, { engine, credentials, backup: {} });
      db.acceptClient({ name: 'web', podSelector: { app: 'web' } });
    }
    const report = validate(sourcedObjectsOf(chart), {
      external: ['pg-db', 'my-db', 'cache', 'mongo-db'].map(name => ({ kind: 'Secret', name, keys: ['password', 'username'] })),
    });
    expect(report.findings.filter(f => f.severity !== Severity.INFO).map(f => `${f.rule}: ${f.path}: ${f.message}`)).toEqual([]);
    for (const { spec } of podSpecsOf(Testing.synth(chart))) {
      expect(pssRestrictedViolations(spec)).toEqual([]);
    }
  });
});
