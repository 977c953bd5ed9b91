import { Duration, Testing } from 'cdk8s';
import {
  CronTask, Image, LifecycleHook, Schedule, Severity, testing, validate, WebApp, WebAppProps, Worker,
} from '../../src';

/*
 * Everyday pod settings without escape hatches: termination grace period, a preStop hook, pod
 * annotations (Online Boutique's `sidecar.istio.io/inject`) and extra pod labels that never touch
 * the selector.
 */

function podOf(props: Partial<WebAppProps>): { pod: Record<string, any>; template: Record<string, any>; deployment: Record<string, any> } {
  const chart = Testing.chart();
  new WebApp(chart, 'Frontend', { image: Image.of('gcr.io/google-samples/microservices-demo/frontend:v0.10.2'), ...props });
  const deployment = testing.findObject(testing.synthChart(chart), 'Deployment') as Record<string, any>;
  expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  return { pod: deployment.spec.template.spec, template: deployment.spec.template, deployment };
}

describe('termination grace period and preStop', () => {
  test('the grace period replaces the default 30 seconds', () => {
    expect(podOf({ terminationGracePeriod: Duration.seconds(5) }).pod.terminationGracePeriodSeconds).toBe(5);
    expect(podOf({}).pod.terminationGracePeriodSeconds).toBe(30);
  });

  test('an exec preStop hook on the app container only', () => {
    const { pod } = podOf({ preStop: LifecycleHook.exec(['sleep', '10']), terminationGracePeriod: Duration.seconds(40) });
    expect(pod.containers[0].lifecycle).toStrictEqual({ preStop: { exec: { command: ['sleep', '10'] } } });
  });

  test('an HTTP preStop hook on a named port (the first by default)', () => {
    const { pod } = podOf({ ports: [{ name: 'http', number: 8080 }, { name: 'admin', number: 9000 }], preStop: LifecycleHook.httpGet('/drain', { port: 'admin' }) });
    expect(pod.containers[0].lifecycle.preStop).toStrictEqual({ httpGet: { path: '/drain', port: 'admin' } });
    expect(podOf({ preStop: LifecycleHook.httpGet('/drain') }).pod.containers[0].lifecycle.preStop.httpGet.port).toBe('http');
  });

  test('on Worker and CronTask pods too', () => {
    const chart = Testing.chart();
    new Worker(chart, 'Mailer', { image: Image.of('ghcr.io/acme/mailer:1.0.3'), terminationGracePeriod: Duration.minutes(2), preStop: LifecycleHook.exec(['./drain']) });
    new CronTask(chart, 'Report', { image: Image.of('ghcr.io/acme/report:1.0.0'), schedule: Schedule.daily(2, 0), terminationGracePeriod: Duration.seconds(10) });
    const objects = testing.synthChart(chart) as Record<string, any>[];
    const worker = objects.find(o => o.kind === 'Deployment')!.spec.template.spec;
    expect([worker.terminationGracePeriodSeconds, worker.containers[0].lifecycle]).toStrictEqual([120, { preStop: { exec: { command: ['./drain'] } } }]);
    expect(objects.find(o => o.kind === 'CronJob')!.spec.jobTemplate.spec.template.spec.terminationGracePeriodSeconds).toBe(10);
  });
});

describe('pod annotations and labels', () => {
  test('annotations go on the pod template next to the config hash', () => {
    const { template, deployment } = podOf({ config: { MODE: 'prod' }, podAnnotations: { 'sidecar.istio.io/inject': 'false' } });
    expect(template.metadata.annotations).toMatchObject({ 'sidecar.istio.io/inject': 'false' });
    expect(template.metadata.annotations['patterns.cdk8s.io/config-hash']).toBeDefined();
    expect(deployment.metadata.annotations?.['sidecar.istio.io/inject']).toBeUndefined();
  });

  test('labels go on the pods, never on the selector', () => {
    const { template, deployment } = podOf({ podLabels: { 'example.com/tier': 'frontend' } });
    expect(template.metadata.labels['example.com/tier']).toBe('frontend');
    expect(deployment.spec.selector.matchLabels['example.com/tier']).toBeUndefined();
    expect(deployment.metadata.labels['example.com/tier']).toBeUndefined();
  });
});

describe('pod settings: bad input', () => {
  test.each<[string, Partial<WebAppProps>, string]>([
    // (a negative Duration cannot be made: cdk8s refuses it in Duration.seconds(-1), see below)
    ['a grace period that is not whole seconds', { terminationGracePeriod: Duration.millis(1500) },
      '[test/Frontend] \'terminationGracePeriod\' (1500ms) must be a whole number of seconds'],
    ['a grace period of NaN seconds', { terminationGracePeriod: Duration.seconds(NaN) },
      '[test/Frontend] \'terminationGracePeriod\' (NaNms) must be a whole number of seconds'],
    ['a grace period beyond the API\'s seconds fields', { terminationGracePeriod: Duration.seconds(2 ** 31) },
      '[test/Frontend] \'terminationGracePeriod\' (2147483648s) must be at most 2147483647 seconds (about 68 years)'],
    ['a grace period that is not a Duration (JavaScript)', { terminationGracePeriod: 30 as unknown as Duration },
      '[test/Frontend] \'terminationGracePeriod\' (30) must be a Duration: use Duration.seconds(60)'],
    ['an empty preStop command', { preStop: LifecycleHook.exec([]) },
      '[test/Frontend] \'preStop\' command ([]) must be a non-empty array of strings'],
    ['a preStop hook on a port the container does not declare', { preStop: LifecycleHook.httpGet('/drain', { port: 'admin' }) },
      '[test/Frontend] \'preStop\' calls port "admin" but the container has no port of that name (ports: "http"); add a named port or use LifecycleHook.exec()'],
    ['a preStop path without /', { preStop: LifecycleHook.httpGet('drain') },
      '[test/Frontend] \'preStop\' path ("drain") must start with \'/\''],
    ['a pod label that would replace a recommended label', { podLabels: { 'app.kubernetes.io/name': 'other' } },
      '[test/Frontend] \'podLabels\' key ("app.kubernetes.io/name") is set by the pattern ("frontend"); pod labels cannot replace the recommended labels or the selector: use another key'],
    ['a pod label value the API server rejects', { podLabels: { tier: 'front end' } },
      '[test/Frontend] \'podLabels.tier\' ("front end") must be a valid label value'],
    ['the config hash annotation', { podAnnotations: { 'patterns.cdk8s.io/config-hash': 'x' } },
      '[test/Frontend] \'podAnnotations\' key ("patterns.cdk8s.io/config-hash") is set by the pattern: it rolls the pods when the config changes'],
    ['an annotation key that is not a qualified name', { podAnnotations: { 'bad key': 'x' } },
      '[test/Frontend] \'podAnnotations\' key ("bad key") must be a qualified name'],
  ])('%s', (_case, props, message) => {
    expect(() => podOf(props)).toThrow(message);
  });

  test('a negative grace period cannot be made: Duration refuses it before the construct sees it', () => {
    expect(() => podOf({ terminationGracePeriod: Duration.seconds(-1) })).toThrow('Duration amounts cannot be negative. Received: -1');
  });
});
