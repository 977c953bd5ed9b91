/**
 * Property: constructs never throw a raw error. Whatever props a user can type (or pass from
 * JavaScript), WebApp, Worker, CronTask and Database, with sidecars, inside an environment or not,
 * either raise the library's ValidationError (construct path, property, value and rule) or
 * synthesize output that passes `validate --level api` (issue 13, item 5).
 *
 * The values come from small pools of edge cases (prototype-member names, empty and over-long
 * strings, fractions, zero, NaN, huge numbers, empty lists) mixed with valid ones, so each run
 * exercises several props at once; a few hundred runs per construct keep it to seconds.
 */
import { App, Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  Cpu, CronTask, Database, DatabaseCredentials, DatabaseEngine, DisruptionBudget, Environment, Environments, HealthCheck,
  Image, ImageRewrite, InitScripts, ISidecar, LogOutput, MetricsExporter, PercentOrCount, Protocol, ResourcePreset, Resources,
  Schedule, SecretEnvValue, SecretStoreRef, ServiceType, SidecarLogger, ValidationError, VolumeSource, WebApp, Worker,
} from '../../src';
import { SynthError } from '../../src/synth/synth-error';
import { ValidationLevel } from '../../src/validation/config';
import { validate } from '../../src/validation/engine';

/** Runs per construct: 4 constructs × RUNS charts (each synthesized and validated when it builds). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 250);
/** Fixed, so `npm test` is repeatable; PROPERTY_SEED explores other inputs. */
const SEED = Number(process.env.PROPERTY_SEED ?? 13);

const opt = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });

/** Strings a user might type: mostly valid names, sometimes edge cases and `Object.prototype` member names. */
const hostileText = fc.constantFrom(
  'constructor', 'toString', '__proto__', 'valueOf', '', ' ', 'Web', 'UPPER_CASE', '-lead', 'trail-', 'a'.repeat(64), 'a'.repeat(254),
  'ünïcode', 'a/b', '../up', '*.example.com', '10.0.0.1', 'x:y', 'a\nb',
);
/** Mostly `valid`, one time in `1 + odds` a hostile value. */
const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>, odds = 12): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: valid, weight: odds }, { arbitrary: hostile, weight: 1 });
/** Names (DNS labels in the valid case). */
const text = mostly(fc.constantFrom('web', 'api-2', 'a', 'metrics', 'x1'), hostileText);
/** Free text: annotation and label values, paths. */
const free = mostly(fc.constantFrom('web', 'x.y', 'app.example.com', '/abs/path', 'a_b'), hostileText);
const key = mostly(fc.constantFrom('LEVEL', 'A_B', 'a.b', 'x-y', 'toString'),
  fc.constantFrom('constructor', '__proto__', 'hasOwnProperty', '', '1X', 'bad key', 'example.com/owner', 'a'.repeat(254)));
const integer = mostly(fc.integer({ min: 1, max: 10 }), fc.oneof(
  fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 8080, 65535, 65536, 2 ** 31, 2 ** 53), fc.integer({ min: -3, max: 70000 })), 6);
const amount = mostly(fc.constantFrom(1, 2, 30, 64, 100, 512), fc.constantFrom(0, 0.5, 1.5, 1000, 1536, 1e6, 2 ** 40), 6);
const size = fc.tuple(fc.constantFrom('kibibytes', 'mebibytes', 'gibibytes', 'tebibytes'), amount)
  .map(([unit, n]) => (Size as unknown as Record<string, (n: number) => Size>)[unit](n));
const duration = fc.tuple(fc.constantFrom('millis', 'seconds', 'minutes', 'hours', 'days'), amount)
  .map(([unit, n]) => (Duration as unknown as Record<string, (n: number) => Duration>)[unit](n));
const cpu = fc.oneof(integer.map((n) => Cpu.millis(n)), amount.map((n) => Cpu.units(n)));
const image = mostly(
  fc.constantFrom('nginx:1.25', 'ghcr.io/acme/web:1.0.0', 'repo@sha256:' + 'a'.repeat(64)).map((ref) => Image.of(ref)),
  fc.oneof(
    fc.constantFrom('nginx:latest', 'nginx', 'NGINX:1', '', 'constructor:1').map((ref) => Image.of(ref)),
    hostileText.map((ref) => Image.of(`${ref}:1.0`, { allowMutableTag: true })),
  ), 6);
const map = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> =>
  fc.array(fc.tuple(key, value), { maxLength: 3 }).map((entries) => {
    const out: Record<string, T> = {};
    // defineProperty: a key `__proto__` is an own key, as JSON.parse or a computed key would make it
    for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
const resources = fc.oneof(
  fc.constantFrom(...Object.values(ResourcePreset), 'huge', 'toString', 'constructor').map((p) => Resources.preset(p as ResourcePreset)),
  fc.record({
    cpu: opt(fc.record({ request: opt(cpu), limit: opt(cpu) })),
    memory: opt(fc.record({ request: opt(size), limit: opt(size) })),
  }).map((r) => Resources.of(r)),
  fc.constant(Resources.preset(ResourcePreset.SMALL).withoutCpuLimit()),
);
const probe = fc.record({
  path: opt(text), initialDelay: opt(duration), period: opt(duration), timeout: opt(duration), failureThreshold: opt(integer),
});
const health = fc.oneof(
  fc.tuple(text, fc.record({ port: opt(text), readiness: opt(probe), liveness: opt(probe), startup: opt(probe) }))
    .map(([path, o]) => HealthCheck.http(path.startsWith('/') ? path : `/${path}`, o)),
  fc.record({ readiness: opt(probe) }).map((o) => HealthCheck.tcp(o)),
  fc.array(text, { maxLength: 2 }).map((cmd) => HealthCheck.exec(cmd)),
  fc.constant(HealthCheck.none()),
);
const ports = fc.array(fc.record({ name: text, number: integer, protocol: opt(fc.constantFrom(...Object.values(Protocol), 'SCTP', 'http')) }), { maxLength: 3 });
const volumeSource = fc.oneof(
  map(text).map((files) => VolumeSource.configFiles(files)),
  text.map((n) => VolumeSource.fromConfigMapName(n)),
  text.map((n) => VolumeSource.fromSecretName(n)),
  fc.record({ sizeLimit: opt(size), inMemory: opt(fc.boolean()) }).map((o) => VolumeSource.emptyDir(o)),
  text.map((n) => VolumeSource.fromClaimName(n)),
  fc.record({ size, storageClassName: opt(text) }).map((o) => VolumeSource.newClaim(o)),
);
const volumes = fc.array(fc.record({ name: text, path: mostly(fc.constantFrom('/data', '/etc/app'), hostileText), source: volumeSource, readOnly: opt(fc.boolean()) }), { maxLength: 2 });
const percentOrCount = fc.oneof(integer.map((n) => PercentOrCount.percent(n)), integer.map((n) => PercentOrCount.count(n)));
const budget = fc.oneof(
  percentOrCount.map((a) => DisruptionBudget.maxUnavailable(a)), percentOrCount.map((a) => DisruptionBudget.minAvailable(a)),
  fc.constant(DisruptionBudget.none()),
);
const metadata = fc.record({ name: opt(text), namespace: opt(text), labels: opt(map(text)), annotations: opt(map(free)) });
const sidecars: fc.Arbitrary<ISidecar[]> = fc.array(fc.oneof(
  fc.record({
    name: opt(text), flushInterval: opt(duration), logDirSizeLimit: opt(size), httpPort: opt(integer), resources: opt(resources),
    inputs: opt(fc.array(fc.record({ path: text, tag: opt(text) }), { maxLength: 2 })),
  }).map((p) => new SidecarLogger({ ...p, outputs: [LogOutput.stdout()] }) as ISidecar),
  fc.record({ url: fc.constantFrom('http://loki.monitoring:3100', 'https://logs.example.com', 'ftp://x', '', 'constructor'), labels: opt(map(text)), tenantId: opt(text) })
    .map((o) => new SidecarLogger({ outputs: [LogOutput.loki(o)] }) as ISidecar),
  fc.record({ name: text, port: integer, env: opt(map(text)) })
    .map((o) => MetricsExporter.generic({ ...o, image: Image.of('prom/statsd-exporter:v0.26.0') }) as ISidecar),
  fc.record({ path: opt(text), serviceMonitor: opt(fc.record({ interval: opt(duration), scrapeTimeout: opt(duration), labels: opt(map(text)) })) })
    .map((o) => MetricsExporter.fromApp(o) as ISidecar),
), { maxLength: 2 });

/** What plain JavaScript may pass where the types say otherwise. */
const untyped = fc.constantFrom<unknown>('2', 2, null, {}, [], true, 'nginx:1.25', [{}], { name: 'x' });
/** `valid` from TypeScript, now and then a value of the wrong type from JavaScript. */
const js = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T> => mostly(valid, untyped as fc.Arbitrary<T>, 20);

const common = {
  image: js(image), config: opt(js(map(text))), secretEnv: opt(js(map(fc.tuple(text, text).map(([s, k]) => SecretEnvValue.fromSecretName(s, k))))),
  resources: opt(js(resources)), health: opt(js(health)), volumes: opt(js(volumes)), metadata: opt(js(metadata)), sidecars: opt(js(sidecars)),
  appName: opt(js(text)), version: opt(js(text)), spread: opt(js(fc.boolean())), command: opt(js(fc.array(text, { maxLength: 2 }))),
};
const autoscaling = fc.record({ minReplicas: opt(integer), maxReplicas: integer, cpuUtilization: opt(integer), memoryUtilization: opt(integer) });

const webAppProps = fc.record({
  ...common, ports: opt(js(ports)), replicas: opt(js(integer)), servicePort: opt(js(integer)),
  serviceType: opt(fc.constantFrom(...Object.values(ServiceType), 'ExternalName')),
  ingress: opt(js(fc.record({
    hosts: fc.array(text, { maxLength: 2 }), paths: opt(fc.array(text, { maxLength: 2 })), className: opt(text), port: opt(text), annotations: opt(map(text)),
  }))),
  autoscaling: opt(js(autoscaling)), disruptionBudget: opt(js(budget)),
  rollingUpdate: opt(js(fc.record({ maxSurge: opt(percentOrCount), maxUnavailable: opt(percentOrCount) }))),
}, { requiredKeys: ['image'] });
const workerProps = fc.record({ ...common, ports: opt(ports), replicas: opt(integer), autoscaling: opt(autoscaling), disruptionBudget: opt(budget) }, { requiredKeys: ['image'] });
const cronTaskProps = fc.record({
  ...common,
  schedule: fc.oneof(
    mostly(fc.constantFrom('0 * * * *', '*/5 * * * *', '@daily'), fc.constantFrom('61 * * * *', '', 'TZ=UTC 0 * * * *', '0 0 31 2 *'), 4)
      .map((e) => Schedule.expression(e)),
    fc.record({ minute: opt(mostly(fc.constantFrom('0', '*/5'), hostileText, 4)), hour: opt(mostly(fc.constantFrom('3', '*'), hostileText, 4)) })
      .map((o) => Schedule.cron(o)),
  ),
  timeZone: opt(mostly(fc.constantFrom('Europe/Berlin', 'UTC'), fc.constantFrom('Mars/Base', '', 'constructor', 'Local'), 4)),
  successfulJobsHistoryLimit: opt(js(integer)), failedJobsHistoryLimit: opt(js(integer)), backoffLimit: opt(js(integer)),
  startingDeadline: opt(duration), activeDeadline: opt(duration), suspend: opt(fc.boolean()),
}, { requiredKeys: ['image', 'schedule'] });
const databaseProps = fc.record({
  engine: fc.oneof(
    fc.tuple(mostly(fc.constantFrom('postgres', 'mysql', 'redis', 'mongodb'), fc.constantFrom('constructor', 'toString', 'oracle'), 6),
      opt(mostly(fc.constantFrom('16', '8.4.2'), fc.constantFrom('1.2.3.4', 'latest', '', 'constructor'), 4)))
      .map(([kind, version]) => DatabaseEngine.of(kind as never, version)),
  ),
  credentials: fc.oneof(
    fc.tuple(text, opt(text)).map(([name, passwordKey]) => DatabaseCredentials.fromExistingSecret(name, { passwordKey, userKey: 'username' })),
    fc.record({ remoteKey: text, refreshInterval: opt(duration) })
      .map((o) => DatabaseCredentials.fromExternalSecret({ ...o, secretStore: SecretStoreRef.clusterSecretStore('vault'), userProperty: 'user' })),
  ),
  databaseName: opt(text), replicas: opt(integer), resources: opt(resources), configuration: opt(map(text)),
  storage: opt(fc.record({ size: opt(size), storageClassName: opt(text) })),
  initScripts: opt(map(text).map((files) => InitScripts.fromFiles(files))),
  backup: opt(fc.record({ schedule: opt(fc.constant(Cron.daily())), size: opt(size), keep: opt(integer), storageClassName: opt(text), timeZone: opt(mostly(fc.constant('UTC'), hostileText, 4)) })),
  disruptionBudget: opt(budget), networkPolicy: opt(fc.boolean()), metadata: opt(metadata),
}, { requiredKeys: ['engine', 'credentials'] });

/** An environment around the chart, or none. */
const environment = fc.option(fc.record({
  name: mostly(fc.constantFrom('dev', 'prod'), fc.constantFrom('constructor', 'toString', 'Dev', '')),
  replicaScale: opt(mostly(fc.constantFrom(0.5, 1, 3), fc.constantFrom(0, -1, Number.NaN, 1e9), 6)),
  resourcePreset: opt(mostly(fc.constantFrom(ResourcePreset.NANO, ResourcePreset.LARGE), fc.constantFrom('toString', 'huge') as unknown as fc.Arbitrary<ResourcePreset>, 6)),
  images: opt(mostly(fc.constantFrom(ImageRewrite.registry('mirror.example.com'), ImageRewrite.tag('2.0.0')),
    fc.constantFrom(ImageRewrite.registry('UPPER'), ImageRewrite.tag(''), ImageRewrite.tag('constructor'), ImageRewrite.of({ registry: 'r.example.com', repositories: ['constructor'] })), 6)),
  labels: opt(map(text)),
}, { requiredKeys: ['name'] }), { nil: undefined, freq: 3 });

type Build = (chart: Chart) => unknown;

/** What each run ended in, for PROPERTY_STATS=1 (how much of the input space reaches synthesis). */
const outcomes: string[] = [];
afterAll(() => {
  if (process.env.PROPERTY_STATS) {
    const counts = new Map<string, number>();
    for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
    process.stderr.write([...counts].sort((a, b) => b[1] - a[1]).map(([o, n]) => `${n}\t${o}`).join('\n') + '\n');
  }
});

/**
 * What the library promises for one input: a ValidationError naming a construct path and a
 * property, or a chart whose manifests pass the API layer. Anything else fails the property.
 */
function checkOutcome(build: Build, env: Record<string, unknown> | undefined): void {
  const app = new App();
  let chart: Chart | undefined;
  try {
    if (env === undefined) {
      chart = new Chart(app, 'test');
      build(chart);
    } else {
      const environment = Environment.of({ ...(env as object), name: env.name as string } as never);
      new Environments(app, 'Envs', { environments: [environment], build: (scope, e) => { chart = new Chart(scope, 'test', e.chartProps()); build(chart); } });
    }
  } catch (e) {
    outcomes.push(e instanceof ValidationError ? `error ${e.detail.replace(/\(.*$/, '').slice(0, 40)}` : 'raw');
    if (!(e instanceof ValidationError)) {
      throw new Error(`raw error instead of a ValidationError: ${(e as Error)?.stack ?? String(e)}`);
    }
    expect(e.message.startsWith(`[${e.constructPath}] `)).toBe(true);
    // the property (quoted), or the construct id / environment setting it is about
    expect(e.detail).toMatch(/'[^']+'|construct id|environment/);
    return;
  }
  let report: ReturnType<typeof validate>;
  try {
    report = validate(app, { level: ValidationLevel.API });
  } catch (e) {
    // Deferred checks (node.addValidation) fail the synth with SynthError: each problem names its
    // construct path; an object cdk8s cannot render is a raw error in disguise.
    // cdk8s-plus's own validations ("ingress with no rules...") name no property: they count as raw.
    const raw = (p: string): boolean => !/^\[[^\]]+\] /.test(p) || p.includes('cannot render object') || /^\[[^\]]+\] (?!environment )[a-z]/.test(p);
    if (!(e instanceof SynthError) || e.problems.some(raw)) {
      throw new Error(`raw error at synth: ${(e as Error)?.stack ?? String(e)}`);
    }
    outcomes.push(`synth error ${e.problems[0].replace(/^\[[^\]]+\] /, '').slice(0, 60)}`);
    return;
  }
  const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.rule} ${f.path}: ${f.message}`);
  expect(errors).toEqual([]);
  for (const c of app.charts) Testing.synth(c);
  outcomes.push('ok');
  expect(chart).toBeDefined();
}

function property<P>(name: string, props: fc.Arbitrary<P>, build: (chart: Chart, p: P) => unknown): void {
  test(name, () => {
    fc.assert(fc.property(props, environment, (p, env) => checkOutcome((chart) => build(chart, p), env as Record<string, unknown> | undefined)),
      { numRuns: RUNS, seed: SEED });
  });
}

describe('constructs never throw a raw error (property)', () => {
  property('WebApp', webAppProps, (chart, p) => new WebApp(chart, 'Web', p as never));
  property('Worker', workerProps, (chart, p) => new Worker(chart, 'Worker', p as never));
  property('CronTask', cronTaskProps, (chart, p) => new CronTask(chart, 'Task', p as never));
  property('Database, with a MetricsExporter for it', databaseProps, (chart, p) => {
    const db = new Database(chart, 'Db', p as never);
    new Worker(chart, 'Client', { image: Image.of('ghcr.io/acme/client:1.0.0'), sidecars: [MetricsExporter.forDatabase(db)] }).connectTo(db);
  });
});
