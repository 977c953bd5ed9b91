/**
 * Issue 11 item 4: JavaScript users and untyped input. A prop the construct does not have is a
 * ValidationError with the construct path and, when a prop is close, a "did you mean" suggestion;
 * database and environment props of the wrong JavaScript type are ValidationErrors naming the prop.
 */
import { App, Chart, Size, Testing } from 'cdk8s';
import {
  Cpu, CronTask, Database, ExternalObjects, DatabaseCredentials, DatabaseEngine, Environment, EnvironmentProps, Environments, ExternalDatabase,
  ExternalDatabaseAddress, HealthCheck, Image, ImageRewrite, LifecycleHook, MetricsExporter, NetworkPeer, Resources, Schedule,
  VolumeSource, WebApp, Worker,
} from '../../src';
import { closestName, editDistance } from '../../src/constructs/core/prop-names';
import { validationError } from './validation-error';

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');
const CREDENTIALS = DatabaseCredentials.fromExistingSecret('orders-db', { userKey: 'username' });

/** Untyped props, as a JavaScript caller passes them. */
function untyped(props: Record<string, unknown>): any {
  return props;
}

function webApp(props: Record<string, unknown>): () => WebApp {
  return () => new WebApp(Testing.chart(), 'Web', untyped({ image: IMAGE, ...props }));
}

function database(props: Record<string, unknown>): () => Database {
  return () => new Database(Testing.chart(), 'Db', untyped({ engine: DatabaseEngine.postgres(), credentials: CREDENTIALS, ...props }));
}

function environments(props: Record<string, unknown>): () => Environments {
  return () => new Environments(new App(), 'Environments', {
    environments: [Environment.of(untyped({ name: 'prod', ...props }) as EnvironmentProps)],
    build: (scope) => new Chart(scope, 'shop', { namespace: 'prod' }),
  });
}

describe('unknown props', () => {
  test.each<[string, () => unknown, string]>([
    ['WebApp replica', webApp({ replica: 3 }), '[test/Web] unknown prop \'replica\': did you mean \'replicas\'?'],
    ['WebApp helth', webApp({ helth: {} }), '[test/Web] unknown prop \'helth\': did you mean \'health\'?'],
    ['a prop in the wrong case', webApp({ ServicePort: 8080 }), '[test/Web] unknown prop \'ServicePort\': did you mean \'servicePort\'?'],
    ['ingress.host', webApp({ ingress: { host: 'shop.example.com' } }), '[test/Web] unknown prop \'ingress.host\': did you mean \'ingress.hosts\'?'],
    ['autoscaling.max', webApp({ autoscaling: { max: 5 } }), '[test/Web] unknown prop \'autoscaling.max\': did you mean \'autoscaling.maxReplicas\'?'],
    ['rollingUpdate.maxSurges', webApp({ rollingUpdate: { maxSurges: 1 } }),
      '[test/Web] unknown prop \'rollingUpdate.maxSurges\': did you mean \'rollingUpdate.maxSurge\'?'],
    ['scheduling.nodeSelectors', webApp({ scheduling: { nodeSelectors: {} } }),
      '[test/Web] unknown prop \'scheduling.nodeSelectors\': did you mean \'scheduling.nodeSelector\'?'],
    ['security.runAsUser (nothing close)', webApp({ security: { runAsUser: 1000 } }),
      '[test/Web] unknown prop \'security.runAsUser\': SecurityOptions has no such prop '
      + '(props: user, group, fsGroup, readOnlyRootFilesystem, writablePaths, runAsImageUser, bindLowPorts)'],
    ['scheduling.spread.maxskew', webApp({ scheduling: { spread: { maxskew: 2 } } }),
      '[test/Web] unknown prop \'scheduling.spread.maxskew\': did you mean \'scheduling.spread.maxSkew\'?'],
    ['ports[1].port', webApp({ ports: [{ name: 'http', number: 8080 }, { name: 'admin', port: 9090 }] }),
      '[test/Web] unknown prop \'ports[1].port\': PortSpec has no such prop (props: name, number, protocol)'],
    ['volumes[0].mountPath', webApp({ volumes: [{ name: 'cache', mountPath: '/cache' }] }),
      '[test/Web] unknown prop \'volumes[0].mountPath\': VolumeMount has no such prop (props: name, path, source, readOnly)'],
    ['initContainers[0].appEnvs', webApp({ initContainers: [{ name: 'migrate', appEnvs: false }] }),
      '[test/Web] unknown prop \'initContainers[0].appEnvs\': did you mean \'initContainers[0].appEnv\'?'],
    ['Worker replcas', () => new Worker(Testing.chart(), 'Mailer', untyped({ image: IMAGE, replcas: 2 })),
      '[test/Mailer] unknown prop \'replcas\': did you mean \'replicas\'?'],
    ['Worker autoscaling.minReplica', () => new Worker(Testing.chart(), 'Mailer', untyped({ image: IMAGE, autoscaling: { minReplica: 1, maxReplicas: 3 } })),
      '[test/Mailer] unknown prop \'autoscaling.minReplica\': did you mean \'autoscaling.minReplicas\'?'],
    ['CronTask suspended', () => new CronTask(Testing.chart(), 'Report', untyped({ image: IMAGE, schedule: Schedule.hourly(), suspended: true })),
      '[test/Report] unknown prop \'suspended\': did you mean \'suspend\'?'],
    ['Database databasename', database({ databasename: 'orders' }), '[test/Db] unknown prop \'databasename\': did you mean \'databaseName\'?'],
    ['Database storage.storageClass', database({ storage: { storageClass: 'fast' } }),
      '[test/Db] unknown prop \'storage.storageClass\': did you mean \'storage.storageClassName\'?'],
    ['Database backup.retain (nothing close)', database({ backup: { retain: 3 } }),
      '[test/Db] unknown prop \'backup.retain\': DatabaseBackupOptions has no such prop (props: schedule, timeZone, size, storageClassName, keep, resources)'],
  ])('%s is a ValidationError with the construct path', (_name, build, message) => {
    expect(validationError(build)).toBe(message);
  });

  test('a top-level prop with nothing close lists the props', () => {
    expect(validationError(() => new CronTask(Testing.chart(), 'Report', untyped({ image: IMAGE, schedule: Schedule.hourly(), zzz: 1 }))))
      .toBe('[test/Report] unknown prop \'zzz\': CronTaskProps has no such prop (props: image, command, args, ports, config, secretEnv, resources, '
        + 'health, security, volumes, imagePullSecrets, spread, appName, version, partOf, component, metadata, sidecars, terminationGracePeriod, '
        + 'preStop, podAnnotations, podLabels, scheduling, initContainers, schedule, timeZone, concurrencyPolicy, successfulJobsHistoryLimit, '
        + 'failedJobsHistoryLimit, startingDeadline, activeDeadline, backoffLimit, restartPolicy, suspend)');
  });

  test('an unknown prop of a construct in an environment names its path in the environment', () => {
    // GIVEN an app built in environment 'dev'
    const build = () => new Environments(new App(), 'Environments', {
      environments: [Environment.of({ name: 'dev' })],
      build: (scope, env) => {
        const chart = new Chart(scope, 'shop', env.chartProps());
        new WebApp(chart, 'Web', untyped({ image: IMAGE, replica: 1 }));
      },
    });

    // THEN the error names the construct below the environment
    expect(validationError(build)).toBe('[dev/shop/Web] unknown prop \'replica\': did you mean \'replicas\'?');
  });

  test('a key set to undefined is not an unknown prop, and the option classes are not checked for keys', () => {
    // GIVEN props as a JavaScript caller spreads them
    const chart = Testing.chart();
    const web = new WebApp(chart, 'Web', untyped({ image: IMAGE, helth: undefined, ingress: { hosts: ['shop.example.com'], host: undefined } }));

    // THEN the app is built
    expect(web.ingress).toBeDefined();
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});

describe('closest prop name', () => {
  test.each<[string, string[], string | undefined]>([
    ['replica', ['replicas', 'health'], 'replicas'],
    ['helath', ['replicas', 'health'], 'health'],
    ['max', ['minReplicas', 'maxReplicas'], 'maxReplicas'],
    ['rep', ['replicas', 'repository'], undefined],
    ['ab', ['abc'], 'abc'],
    ['xyz', ['replicas', 'health'], undefined],
    ['hosts', [], undefined],
  ])('%s among %j is %s', (key, names, expected) => {
    expect(closestName(key, names)).toBe(expected);
  });

  test('the edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('health', 'helath')).toBe(1);
    expect(editDistance('health', 'helth')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('database props of the wrong JavaScript type', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['replicas', { replicas: '1' }, '[test/Db] \'replicas\' ("1") must be a number'],
    ['databaseName', { databaseName: 7 }, '[test/Db] \'databaseName\' (7) must be a string'],
    ['storage', { storage: 'big' }, '[test/Db] \'storage\' ("big") must be an object'],
    ['storage.storageClassName', { storage: { storageClassName: 1 } }, '[test/Db] \'storage.storageClassName\' (1) must be a string'],
    ['storage.accessModes', { storage: { accessModes: 'ReadWriteOnce' } }, '[test/Db] \'storage.accessModes\' ("ReadWriteOnce") must be an array'],
    ['configuration', { configuration: 'max_connections=10' }, '[test/Db] \'configuration\' ("max_connections=10") must be an object'],
    ['backup', { backup: true }, '[test/Db] \'backup\' (true) must be an object'],
    ['backup.keep', { backup: { keep: '7' } }, '[test/Db] \'backup.keep\' ("7") must be a number'],
    ['backup.resources', { backup: { resources: { cpu: 1 } } },
      '[test/Db] \'backup.resources\' ({"cpu":1}) must be a Resources: use Resources.preset(ResourcePreset.MEDIUM) or Resources.of({...})'],
    ['resources', { resources: 'large' }, '[test/Db] \'resources\' ("large") must be a Resources: use Resources.preset(ResourcePreset.MEDIUM) or Resources.of({...})'],
    ['disruptionBudget', { disruptionBudget: 1 },
      '[test/Db] \'disruptionBudget\' (1) must be a DisruptionBudget: use DisruptionBudget.maxUnavailable(), DisruptionBudget.minAvailable() or DisruptionBudget.none()'],
    ['networkPolicy', { networkPolicy: 'no' }, '[test/Db] \'networkPolicy\' ("no") must be true or false'],
    ['sidecars', { sidecars: {} }, '[test/Db] \'sidecars\' ({}) must be an array'],
    ['metadata', { metadata: 'orders' }, '[test/Db] \'metadata\' ("orders") must be an object'],
  ])('%s is a ValidationError naming the prop', (_name, props, message) => {
    expect(validationError(database(props))).toBe(message);
  });
});

describe('environment props', () => {
  test.each<[string, Record<string, unknown>, string]>([
    ['an unknown prop', { namspace: 'shop' }, '[Environments] environment \'prod\': unknown prop \'namspace\': did you mean \'namespace\'?'],
    ['an unknown quota prop', { quota: { pod: 10 } }, '[Environments] environment \'prod\': unknown prop \'quota.pod\': did you mean \'quota.pods\'?'],
    ['an unknown container resources prop of the limits', { limits: { max: { mem: 1 } } },
      '[Environments] environment \'prod\': unknown prop \'limits.max.mem\': did you mean \'limits.max.memory\'?'],
    ['an unknown prop with nothing close', { zones: ['a'] },
      '[Environments] environment \'prod\': unknown prop \'zones\': EnvironmentProps has no such prop '
      + '(props: name, namespace, folder, labels, domain, resourcePreset, replicaScale, images, overrides, quota, limits, podSecurity)'],
    ['labels', { labels: 'team=shop' }, '[Environments] environment \'prod\': \'labels\' ("team=shop") must be an object'],
    ['domain', { domain: 1 }, '[Environments] environment \'prod\': \'domain\' (1) must be a string'],
    ['images', { images: 'registry.example.com' },
      '[Environments] environment \'prod\': \'images\' ("registry.example.com") must be an ImageRewrite: use ImageRewrite.registry(), ImageRewrite.tag() or ImageRewrite.of({...})'],
    ['overrides', { overrides: 'none' }, '[Environments] environment \'prod\': \'overrides\' ("none") must be an array'],
    ['an override that is not an Override', { overrides: [{ path: 'shop/Web' }] },
      '[Environments] environment \'prod\': \'overrides[0]\' ({"path":"shop/Web"}) must be an Override: use Override.of(WebApp, \'shop/Web\', {...})'],
    ['quota', { quota: 10 }, '[Environments] environment \'prod\': \'quota\' (10) must be an object'],
    ['limits', { limits: [] }, '[Environments] environment \'prod\': \'limits\' ([]) must be an object'],
  ])('%s is a ValidationError naming the prop', (_name, props, message) => {
    expect(validationError(environments(props))).toBe(message);
  });

  test('an unknown prop and a wrong type are reported together', () => {
    expect(validationError(environments({ namspace: 'shop', domain: 1 })))
      .toBe('[Environments] environment \'prod\': unknown prop \'namspace\': did you mean \'namespace\'?; \'domain\' (1) must be a string');
  });
});

describe('unknown keys in the options of value classes, factories and methods', () => {
  const web = (props: Record<string, unknown>) => () => new WebApp(Testing.chart(), 'Web', untyped({ image: IMAGE, ...props }));
  test.each<[string, () => unknown, string]>([
    ['HealthCheck.http prot', web({ health: HealthCheck.http('/healthz', untyped({ prot: 'http' })) }),
      '[test/Web] unknown prop \'health.prot\': did you mean \'health.port\'?'],
    ['HealthCheck.http readiness.periods', web({ health: HealthCheck.http('/healthz', untyped({ readiness: { periods: 5 } })) }),
      '[test/Web] unknown prop \'health.readiness.periods\': did you mean \'health.readiness.period\'?'],
    ['HealthCheck.grpc services', web({ ports: [{ name: 'grpc', number: 9555 }], health: HealthCheck.grpc(untyped({ port: 'grpc', services: 'x' })) }),
      '[test/Web] unknown prop \'health.services\': did you mean \'health.service\'?'],
    ['HealthCheck.tcp service (a gRPC option)', web({ health: HealthCheck.tcp(untyped({ service: 'shop' })) }),
      '[test/Web] unknown prop \'health.service\': HealthCheckOptions has no such prop (props: port, readiness, liveness, startup)'],
    ['LifecycleHook.httpGet prot', web({ preStop: LifecycleHook.httpGet('/shutdown', untyped({ prot: 'http' })) }),
      '[test/Web] unknown prop \'preStop.prot\': did you mean \'preStop.port\'?'],
    ['Image.of allowMutableTags', web({ image: Image.of('nginx', untyped({ allowMutableTags: true })) }),
      '[test/Web] unknown prop \'image.allowMutableTags\': did you mean \'image.allowMutableTag\'?'],
    ['Resources.of cpu.requests', web({ resources: Resources.of(untyped({ cpu: { requests: Cpu.millis(100) } })) }),
      '[test/Web] unknown prop \'resources.cpu.requests\': did you mean \'resources.cpu.request\'?'],
    ['VolumeSource.emptyDir sizelimit', web({ volumes: [{ name: 'cache', path: '/cache', source: VolumeSource.emptyDir(untyped({ sizelimit: 1 })) }] }),
      '[test/Web/Volumes/cache] unknown prop \'volumes[0].sizelimit\': did you mean \'volumes[0].sizeLimit\'?'],
    ['VolumeSource.newClaim storageClass', web({ volumes: [{ name: 'data', path: '/data', source: VolumeSource.newClaim(untyped({ size: Size.gibibytes(1), storageClass: 'fast' })) }] }),
      '[test/Web/Volumes/data] unknown prop \'volumes[0].storageClass\': did you mean \'volumes[0].storageClassName\'?'],
    ['Schedule.cron weekday', () => new CronTask(Testing.chart(), 'Report', { image: IMAGE, schedule: Schedule.cron(untyped({ hour: '3', weekday: '1' })) }),
      '[test/Report] unknown prop \'schedule.weekday\': did you mean \'schedule.weekDay\'?'],
    ['DatabaseCredentials.fromExistingSecret userkey', database({ credentials: DatabaseCredentials.fromExistingSecret('db', untyped({ userkey: 'user' })) }),
      '[test/Db] unknown prop \'credentials.userkey\': did you mean \'credentials.userKey\'?'],
    ['ExternalDatabase hostname', () => new ExternalDatabase(Testing.chart(), 'Db', untyped({
      engine: DatabaseEngine.postgres(), address: ExternalDatabaseAddress.hostname('db.example.com'), credentials: CREDENTIALS, hostname: 'db',
    })), '[test/Db] unknown prop \'hostname\': ExternalDatabaseProps has no such prop (props: engine, address, credentials, port, databaseName, appName, metadata)'],
    ['connectTo envprefix', () => {
      const chart = Testing.chart();
      const db = new Database(chart, 'Db', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
      new WebApp(chart, 'Web', { image: IMAGE }).connectTo(db, untyped({ envprefix: 'DB' }));
    }, '[test/Web] unknown prop \'connectTo.envprefix\': did you mean \'connectTo.envPrefix\'?'],
    ['allowEgress port', () => new WebApp(Testing.chart(), 'Web', { image: IMAGE }).allowEgress(untyped({ port: [443] })),
      '[test/Web] unknown prop \'allowEgress.port\': did you mean \'allowEgress.ports\'?'],
    ['NetworkPeer.pods namespaces', () => {
      const chart = Testing.chart();
      const db = new Database(chart, 'Db', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
      db.addSidecar(MetricsExporter.forDatabase(db, { scrapers: [NetworkPeer.pods({ app: 'prometheus' }, untyped({ namespaces: 'monitoring' }))] }));
    }, '[test/Db] unknown prop \'sidecars.postgres-exporter.scrapers.namespaces\': did you mean \'sidecars.postgres-exporter.scrapers.namespace\'?'],
    ['Environments gitop', () => new Environments(new App(), 'Environments', untyped({ environments: [Environment.of({ name: 'dev' })], build: () => undefined, gitop: {} })),
      '[Environments] unknown prop \'gitop\': did you mean \'gitops\'?'],
    ['Environments gitops.repoUrl', () => new Environments(new App(), 'Environments', untyped({
      environments: [Environment.of({ name: 'dev' })], build: () => undefined, gitops: { repoUrl: 'https://example.com/r.git' },
    })), '[Environments] unknown prop \'gitops.repoUrl\': did you mean \'gitops.repoURL\'?'],
    ['addPort protocl', () => new WebApp(Testing.chart(), 'Web', { image: IMAGE }).addPort(untyped({ name: 'admin', number: 9090, protocl: 'TCP' })),
      '[test/Web] unknown prop \'port.protocl\': did you mean \'port.protocol\'?'],
    ['addVolume readonly', () => new WebApp(Testing.chart(), 'Web', { image: IMAGE }).addVolume(untyped({ name: 'c', path: '/c', source: VolumeSource.emptyDir(), readonly: true })),
      '[test/Web] unknown prop \'volume.readonly\': did you mean \'volume.readOnly\'?'],
    ['addInitContainer cmd', () => new WebApp(Testing.chart(), 'Web', { image: IMAGE }).addInitContainer(untyped({ name: 'migrate', commands: ['./migrate'] })),
      '[test/Web] unknown prop \'initContainer.commands\': did you mean \'initContainer.command\'?'],
    ['addSidecarContainer volumes[0].mountPath', () => new WebApp(Testing.chart(), 'Web', { image: IMAGE }).addSidecarContainer(untyped({
      name: 'proxy', image: Image.of('envoyproxy/envoy:v1.31.2'), volumes: [{ name: 'conf', mountPath: '/etc/envoy' }],
    })), '[test/Web] unknown prop \'sidecars.proxy.volumes[0].mountPath\': SidecarVolumeMount has no such prop (props: name, path, source, readOnly, appPath, appReadOnly)'],
    ['ExternalObjects.declare namepace', () => ExternalObjects.of(Testing.chart()).declare(untyped({ kind: 'Secret', name: 'tls', namepace: 'shop' })),
      '[test] unknown prop \'ExternalObjects.declare.namepace\': did you mean \'ExternalObjects.declare.namespace\'?'],
    ['ImageRewrite.of registries', environments({ images: ImageRewrite.of(untyped({ registries: 'r.example.com' })) }),
      '[Environments] environment \'prod\': unknown prop \'images.registries\': did you mean \'images.registry\'?'],
  ])('%s is a ValidationError with the construct path', (_name, build, message) => {
    expect(validationError(build)).toBe(message);
  });
});
