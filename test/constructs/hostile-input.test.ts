/**
 * Regression tests of issue 13 (items 3-5) for the constructs: keys named like Object.prototype
 * members, inputs that used to end in a raw error, and secret values that reach the manifests only
 * through the annotated development opt-in. Each case asserts the exact message a user sees.
 */
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import {
  CronTask, Database, DatabaseCredentials, DatabaseEngine, DEVELOPMENT_SECRET_ANNOTATION, Environment, Environments, HealthCheck, Image, InitScripts,
  MetricsExporter, ResourcePreset, Resources, Schedule, SecretEnvValue, SecretSource, SecretStoreRef, SidecarLogger, LogOutput,
  ValidationError, VolumeSource, WebApp, WebAppProps, Worker,
} from '../../src';
import { ValidationLevel } from '../../src/validation/config';
import { validate } from '../../src/validation/engine';
import { PROTOTYPE_NAMES } from '../prototype-names';
import { validationError } from './validation-error';

const IMAGE = Image.of('ghcr.io/acme/web:1.4.2');

/** A map with own key `key` (a plain literal cannot make `__proto__` an own key). */
function own<T>(key: string, value: T): Record<string, T> {
  const out: Record<string, T> = {};
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function webApp(props: Partial<WebAppProps>): Chart {
  const chart = Testing.chart();
  new WebApp(chart, 'Web', { image: IMAGE, ...props });
  return chart;
}

describe('inputs that used to end in a raw error', () => {
  test('ports: [] with an ingress (was cdk8s-plus "service does not expose any ports")', () => {
    expect(validationError(() => webApp({ ports: [], ingress: { hosts: ['web.example.com'] } })))
      .toBe('[test/Web] \'ports\' is empty: a WebApp serves traffic through its Service, which needs at least one port; '
        + 'add a port, or use a Worker for an app that serves none');
  });

  test('memory that is not a whole number of MiB (Size.kibibytes(1536))', () => {
    expect(validationError(() => webApp({ resources: Resources.of({ memory: { request: Size.kibibytes(1536), limit: Size.mebibytes(512) } }) })))
      .toBe('[test/Web] \'resources.memory.request\' (1536Ki) must be a positive whole number of mebibytes, e.g. Size.mebibytes(256)');
  });

  test('an ExternalSecret refresh interval below one second', () => {
    const chart = Testing.chart();
    expect(validationError(() => new Database(chart, 'Db', {
      engine: DatabaseEngine.postgres(),
      credentials: DatabaseCredentials.fromExternalSecret({ secretStore: SecretStoreRef.secretStore('vault'), remoteKey: 'db', refreshInterval: Duration.millis(500) }),
    }))).toBe('[test/Db] \'credentials.refreshInterval\' (500ms) must be a non-negative whole number of seconds');
  });

  test('Resources.preset(\'toString\') (was "TypeError: values is not iterable")', () => {
    expect(validationError(() => webApp({ resources: Resources.preset('toString' as ResourcePreset) })))
      .toBe('[test/Web] \'resources\' preset ("toString") is unknown: use one of ResourcePreset.NANO, ResourcePreset.SMALL, '
        + 'ResourcePreset.MEDIUM, ResourcePreset.LARGE, ResourcePreset.XLARGE');
  });

  test('DatabaseEngine.of(\'constructor\') (was a garbled message)', () => {
    const chart = Testing.chart();
    expect(validationError(() => new Database(chart, 'Db', {
      engine: DatabaseEngine.of('constructor' as never), credentials: DatabaseCredentials.fromExistingSecret('db'),
    }))).toBe('[test/Db] \'engine\' ("constructor") is an unknown engine: '
      + 'use DatabaseEngine.postgres(), DatabaseEngine.mysql(), DatabaseEngine.redis() or DatabaseEngine.mongodb()');
  });

  test.each<[string, () => unknown, string]>([
    ['a claim that is not a whole number of GiB', () => webApp({ volumes: [{ name: 'data', path: '/data', source: VolumeSource.newClaim({ size: Size.mebibytes(1536) }) }] }),
      '[test/Web/Volumes/data] \'volumes[0].size\' (1572864Ki) must be a positive whole number of gibibytes, e.g. Size.gibibytes(1)'],
    ['an emptyDir limit that is not a whole number of MiB', () => webApp({ volumes: [{ name: 'scratch', path: '/scratch', source: VolumeSource.emptyDir({ sizeLimit: Size.kibibytes(100) }) }] }),
      '[test/Web/Volumes/scratch] \'volumes[0].sizeLimit\' (100Ki) must be a positive whole number of mebibytes, e.g. Size.mebibytes(256)'],
    ['a probe period below one second', () => webApp({ health: HealthCheck.tcp({ readiness: { period: Duration.millis(500) } }) }),
      '[test/Web] \'health.readiness.period\' (500ms) must be a whole number of seconds'],
    ['a log flush interval of half a second', () => webApp({ sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()], flushInterval: Duration.millis(500) })] }),
      '[test/Web] \'sidecars.log-shipper.flushInterval\' (500ms) must be a whole number of seconds'],
    ['a scrape timeout of a fraction of a millisecond', () => webApp({ sidecars: [MetricsExporter.fromApp({ serviceMonitor: { scrapeTimeout: Duration.millis(0.5) } })] }),
      '[test/Web] \'sidecars.metrics.serviceMonitor.scrapeTimeout\' (0.5ms) must be a whole number of milliseconds'],
    ['an ingress with no paths (was cdk8s-plus "ingress with no rules or default backend")', () => webApp({ ingress: { hosts: ['web.example.com'], paths: [] } }),
      '[test/Web] \'ingress.paths\' must not be empty: leave it out to route every path (\'/\')'],
    ['a port protocol that is not a Protocol', () => webApp({ ports: [{ name: 'http', number: 8080, protocol: 'http' as never }] }),
      '[test/Web] \'ports[0].protocol\' ("http") is unknown: use Protocol.TCP, Protocol.UDP or Protocol.SCTP'],
    ['a count beyond int32', () => new CronTask(Testing.chart(), 'Task', { image: IMAGE, schedule: Schedule.expression('0 * * * *'), backoffLimit: 2 ** 31 }),
      '[test/Task] \'backoffLimit\' (2147483648) must be at most 2147483647: Kubernetes keeps it in a 32-bit integer'],
    ['a label key that is no qualified name', () => webApp({ metadata: { labels: { '': 'x' } } }),
      '[test/Web] \'metadata.labels\' key ("") must be a qualified name: an optional DNS subdomain prefix and \'/\', '
        + 'then at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit (e.g. \'example.com/owner\')'],
    ['a claim storage class that is no DNS name', () => webApp({ volumes: [{ name: 'data', path: '/data', source: VolumeSource.newClaim({ size: Size.gibibytes(1), storageClassName: 'Fast' }) }] }),
      '[test/Web/Volumes/data] \'volumes[0].storageClassName\' ("Fast") must be a DNS-1123 subdomain: at most 253 characters of dot-separated lower-case labels (letters, digits, \'-\')'],
    ['a prop of the wrong type from JavaScript (was "TypeError: this.resources._validate is not a function")',
      () => webApp({ resources: '2' as never }),
      '[test/Web] \'resources\' ("2") must be a Resources: use Resources.preset(ResourcePreset.SMALL) or Resources.of({...})'],
    ['ports that are not a list (was "TypeError: ... .entries is not a function")', () => webApp({ ports: '2' as never }),
      '[test/Web] \'ports\' ("2") must be an array of objects'],
    ['a volume without a name from JavaScript (was "TypeError: Cannot read properties of undefined")', () => webApp({ volumes: [{}] as never }),
      '[test/Web] \'volumes[0].name\' (undefined) must be a DNS-1123 label: at most 63 lower-case letters, digits or \'-\', starting and ending with a letter or digit'],
    ['a sidecar that is not one (was "TypeError: sidecar.bind is not a function")', () => webApp({ sidecars: [{}] as never }),
      '[test/Web] \'sidecars[0]\' must be a sidecar: use new SidecarLogger({...}), MetricsExporter.fromApp() or another ISidecar'],
    ['autoscaling: null in a scaled environment (was "TypeError: Cannot read properties of null")', () => new Environments(new App(), 'Envs', {
      environments: [Environment.of({ name: 'dev', replicaScale: 0.5 })],
      build: (scope, e) => new WebApp(new Chart(scope, 'test', e.chartProps()), 'Web', { image: IMAGE, autoscaling: null as never }),
    }), '[dev/test/Web] \'autoscaling\' (null) must be an object'],
    ['an ingress class that is no DNS name', () => webApp({ ingress: { hosts: ['web.example.com'], className: 'trail-' } }),
      '[test/Web] \'ingress.className\' ("trail-") must be a DNS-1123 subdomain: at most 253 characters of dot-separated lower-case labels (letters, digits, \'-\')'],
    ['a LogInput that is null (was "TypeError: Cannot read properties of null")',
      () => webApp({ sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()], inputs: [null as never] })] }),
      '[test/Web] \'sidecars.log-shipper.inputs[0]\' (null) must be a LogInput: an object with a \'path\''],
    ['sidecar resources that are not Resources (was "TypeError: resources._validate is not a function")',
      () => webApp({ sidecars: [new SidecarLogger({ outputs: [LogOutput.stdout()], resources: 'x' as never })] }),
      '[test/Web] \'sidecars.log-shipper.resources\' ("x") must be a Resources: use Resources.preset(ResourcePreset.NANO) or Resources.of({...})'],
    ['two MetricsExporters on one port (was "There is already a Construct with name \'metrics-metrics\'")',
      () => new Worker(Testing.chart(), 'Worker', { image: IMAGE, ports: [{ name: 'metrics', number: 9090 }], sidecars: [MetricsExporter.fromApp(), MetricsExporter.fromApp()] }),
      '[test/Worker] \'sidecars.metrics\' scrapes port "metrics", which another MetricsExporter of this workload already scrapes; add one MetricsExporter per port'],
  ])('%s', (_name, build, message) => {
    expect(validationError(build)).toBe(message);
  });
});

describe('keys named like Object.prototype members', () => {
  test.each(['constructor', 'toString', '__proto__'])('config and secretEnv key %j is not reported as "already set"', (key) => {
    for (const props of [{ config: own(key, 'x') }, { secretEnv: own(key, SecretEnvValue.fromSecretName('web-secrets', 'token')) }]) {
      let message = '';
      try {
        Testing.synth(webApp(props));
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toContain('already set');
    }
  });

  test('config key "toString" and secretEnv keys "constructor" and "toString" are ordinary variables', () => {
    const manifests = Testing.synth(webApp({
      config: { toString: 'plain', valueOf: 'v' } as Record<string, string>,
      secretEnv: { constructor: SecretEnvValue.fromSecretName('web-secrets', 'a'), toString: SecretEnvValue.fromSecretName('web-secrets', 'b') } as never,
    }));
    expect(manifests.find((m) => m.kind === 'ConfigMap').data).toEqual({ toString: 'plain', valueOf: 'v' });
    const env = manifests.find((m) => m.kind === 'Deployment').spec.template.spec.containers[0].env;
    expect(env.map((e: { name: string }) => e.name)).toEqual(['constructor', 'toString']);
  });

  test.each<[string, () => unknown, string]>([
    ['config key constructor (cdk8s refuses the object)', () => webApp({ config: own('constructor', 'x') }),
      '[test/Web] \'config\' key ("constructor") is not supported: cdk8s cannot render an object key named "constructor"; use another name'],
    ['config key __proto__ (would be dropped)', () => webApp({ config: own('__proto__', 'x') }),
      '[test/Web] \'config\' key ("__proto__") is not supported: cdk8s cannot render an object key named "__proto__"; use another name'],
    ['secretEnv key __proto__', () => webApp({ secretEnv: own('__proto__', SecretEnvValue.fromSecretName('s', 'k')) }),
      '[test/Web] \'secretEnv\' key ("__proto__") is not supported: cdk8s cannot render an object key named "__proto__"; use another name'],
    ['a label key constructor', () => webApp({ metadata: { labels: own('constructor', 'x') } }),
      '[test/Web] \'metadata.labels\' key ("constructor") is not supported: cdk8s cannot render an object key named "constructor"; use another name'],
    ['an ingress annotation key constructor', () => webApp({ ingress: { hosts: ['web.example.com'], annotations: own('constructor', 'x') } }),
      '[test/Web] \'ingress.annotations\' key ("constructor") is not supported: cdk8s cannot render an object key named "constructor"; use another name'],
    ['a volume named constructor', () => webApp({ volumes: [{ name: 'constructor', path: '/c', source: VolumeSource.emptyDir() }] }),
      '[test/Web] \'volumes[0].name\' ("constructor") is not supported: it becomes a construct id, and the constructs library refuses ids named like Object.prototype members; use another name'],
    ['a SealedSecret password key toString that was not sealed', () => new Database(Testing.chart(), 'Db', {
      engine: DatabaseEngine.postgres(),
      credentials: DatabaseCredentials.fromSealedSecret({ secretName: 'db', encryptedData: { password: 'AgB' }, passwordKey: 'toString' }),
    }), '[test/Db] \'credentials.encryptedData\' has no key "toString" (\'credentials.passwordKey\'): '
      + 'seal the password under that key or change \'credentials.passwordKey\''],
    ['a construct id toString', () => new Worker(Testing.chart(), 'toString', { image: IMAGE }),
      '[test/toString] construct id "toString" is not supported: the constructs library refuses ids named like Object.prototype members; use another id'],
    ['an environment named constructor', () => new Environments(new App(), 'Envs', { environments: [Environment.of({ name: 'constructor' })], build: () => undefined }),
      '[Envs] environment \'constructor\': \'name\' ("constructor") is not supported: it becomes a construct id, and the constructs library refuses ids named like Object.prototype members; use another name'],
  ])('%s', (_name, build, message) => {
    expect(validationError(build)).toBe(message);
  });

  test.each(PROTOTYPE_NAMES)('every construct given %j as every key builds or says why (never a raw error)', (key) => {
    const attempts: Array<(chart: Chart) => unknown> = [
      (c) => new WebApp(c, 'Web', {
        image: IMAGE, config: own(key, 'v'), secretEnv: own(key, SecretEnvValue.fromSecretName('s', 'k')), metadata: { labels: own(key, 'v'), annotations: own(key, 'v') },
        ingress: { hosts: ['web.example.com'], annotations: own(key, 'v') }, volumes: [{ name: 'files', path: '/files', source: VolumeSource.configFiles(own(key, 'v')) }],
      }),
      (c) => new Worker(c, 'Worker', { image: IMAGE, config: own(key, 'v'), secretEnv: own(key, SecretEnvValue.fromSecretName('s', 'k')) }),
      (c) => new CronTask(c, 'Task', { image: IMAGE, schedule: Schedule.expression('0 * * * *'), config: own(key, 'v') }),
      (c) => new Database(c, 'Db', {
        engine: DatabaseEngine.postgres(), credentials: DatabaseCredentials.fromExistingSecret('db'), configuration: own(key, 'v'),
        initScripts: InitScripts.fromFiles(own(`${key}.sql`, 'select 1;')), metadata: { annotations: own(key, 'v') },
      }),
      (c) => new Worker(c, 'Sidecars', {
        image: IMAGE, sidecars: [
          new SidecarLogger({ outputs: [LogOutput.loki({ url: 'http://loki.monitoring:3100', labels: own(key, 'v') })] }),
          MetricsExporter.generic({ name: 'statsd', image: Image.of('prom/statsd-exporter:v0.26.0'), port: 9102, env: own(key, 'v') }),
        ],
      }),
      (c) => new Environments(c, key, { environments: [Environment.of({ name: 'dev', labels: own(key, 'v') })], build: () => undefined }),
    ];
    for (const attempt of attempts) {
      const app = new App();
      const chart = new Chart(app, 'test');
      try {
        attempt(chart);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        expect(e.message).not.toContain('already set');
        continue;
      }
      const report = validate(app, { level: ValidationLevel.API });
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });
});

describe('secret values reach the manifests only through the annotated development opt-in', () => {
  beforeAll(() => {
    process.env.TEST_HOSTILE_TOKEN = 'dev-token-value';
  });

  test('fromSourceForDevelopment and secretFilesForDevelopment annotate their Secret, and the policy reports the opt-in', () => {
    const chart = webApp({
      secretEnv: { TOKEN: SecretEnvValue.fromSourceForDevelopment(SecretSource.fromEnvironment('TEST_HOSTILE_TOKEN')) },
      volumes: [{ name: 'keys', path: '/keys', source: VolumeSource.secretFilesForDevelopment({ 'token.txt': SecretSource.fromEnvironment('TEST_HOSTILE_TOKEN') }) }],
    });
    const secrets = Testing.synth(chart).filter((m) => m.kind === 'Secret');
    expect(secrets).toHaveLength(2);
    for (const secret of secrets) {
      expect(secret.metadata.annotations).toEqual({ [DEVELOPMENT_SECRET_ANNOTATION]: 'true' });
    }
    const findings = validate(chart).findings.filter((f) => f.rule === 'policy/secret-in-manifest');
    expect(findings.map((f) => f.message)).toEqual([
      'Forbidden: Secret holds 1 value in the manifest (development opt-in: patterns.cdk8s.io/development-secret); do not apply this output outside development',
      'Forbidden: Secret holds 1 value in the manifest (development opt-in: patterns.cdk8s.io/development-secret); do not apply this output outside development',
    ]);
  });

  test('a missing source names the variable, never a value', () => {
    expect(validationError(() => webApp({ secretEnv: { TOKEN: SecretEnvValue.fromSourceForDevelopment(SecretSource.fromEnvironment('constructor')) } })))
      .toBe('[test/Web] \'secretEnv.TOKEN\' reads environment variable "constructor", which is missing or empty; '
        + 'set it before synthesizing or reference an existing Secret with SecretEnvValue.fromSecretName()');
  });
});
