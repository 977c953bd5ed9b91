import { Duration, Testing } from 'cdk8s';
import {
  HealthCheck, HttpScheme, Image, PortSpec, Severity, testing, validate, WebApp, Worker,
} from '../../src';

/*
 * Probes of real apps without escape hatches: gRPC probes (Online Boutique's services) and HTTP
 * probes with a scheme and headers (an app that routes by Host, or serves only HTTPS).
 */

function build(health: HealthCheck, ports: PortSpec[] = [{ name: 'grpc', number: 7070 }]) {
  const chart = Testing.chart();
  new WebApp(chart, 'Cart', { image: Image.of('gcr.io/google-samples/microservices-demo/cartservice:v0.10.2'), ports, health });
  const pod = (testing.findObject(testing.synthChart(chart), 'Deployment') as Record<string, any>).spec.template.spec;
  return { chart, container: pod.containers[0] };
}

describe('HealthCheck.grpc', () => {
  test('every probe is a gRPC probe on the port number, with the service name', () => {
    const { chart, container } = build(HealthCheck.grpc({ service: 'hipstershop.CartService', readiness: { period: Duration.seconds(5) } }));
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      expect([probe, container[probe].grpc]).toStrictEqual([probe, { port: 7070, service: 'hipstershop.CartService' }]);
      expect(container[probe].httpGet).toBeUndefined();
      expect(container[probe].tcpSocket).toBeUndefined();
    }
    expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  });

  test('the named port chooses the number; without a service the server\'s overall health', () => {
    const { container } = build(HealthCheck.grpc({ port: 'health' }), [{ name: 'grpc', number: 7070 }, { name: 'health', number: 7071 }]);
    expect(container.livenessProbe.grpc).toStrictEqual({ port: 7071 });
  });

  test('on a Worker too', () => {
    const chart = Testing.chart();
    new Worker(chart, 'Consumer', { image: Image.of('ghcr.io/acme/consumer:1.0.0'), ports: [{ name: 'grpc', number: 9000 }], health: HealthCheck.grpc() });
    const pod = (testing.findObject(testing.synthChart(chart), 'Deployment') as Record<string, any>).spec.template.spec;
    expect(pod.containers[0].readinessProbe.grpc).toStrictEqual({ port: 9000 });
  });
});

describe('HealthCheck.http: scheme and headers', () => {
  test('rendered on every probe', () => {
    const { chart, container } = build(
      HealthCheck.http('/healthz', { scheme: HttpScheme.HTTPS, headers: { 'Host': 'shop.example.com', 'X-Probe': 'kubelet' } }),
      [{ name: 'https', number: 8443 }],
    );
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      expect(container[probe].httpGet).toStrictEqual({
        path: '/healthz', port: 'https', scheme: 'HTTPS',
        httpHeaders: [{ name: 'Host', value: 'shop.example.com' }, { name: 'X-Probe', value: 'kubelet' }],
      });
    }
    expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  });

  test('without them the probe is as before', () => {
    const { container } = build(HealthCheck.http('/healthz'), [{ name: 'http', number: 8080 }]);
    expect(container.readinessProbe.httpGet).toStrictEqual({ path: '/healthz', port: 'http' });
  });
});

describe('probe settings: bad input', () => {
  test.each<[string, () => unknown, string]>([
    ['a gRPC probe on a port the container does not declare', () => build(HealthCheck.grpc({ port: 'admin' })),
      '[test/Cart] \'health\' probes port "admin" but the container has no port of that name (ports: "grpc"); add a named port or use HealthCheck.exec()/HealthCheck.none()'],
    ['a header name the API server rejects', () => build(HealthCheck.http('/healthz', { headers: { 'X Probe': 'x' } }), [{ name: 'http', number: 8080 }]),
      '[test/Cart] \'health.headers\' key ("X Probe") must be an HTTP header field name: letters, digits and \'-\' (e.g. \'X-Forwarded-Proto\')'],
    ['a header value that is not a string (JavaScript)', () => build(HealthCheck.http('/healthz', { headers: { 'X-Probe': 1 as unknown as string } }), [{ name: 'http', number: 8080 }]),
      '[test/Cart] \'health.headers.X-Probe\' (1) must be a string'],
    ['a scheme that is not HTTP or HTTPS (JavaScript)', () => build(HealthCheck.http('/healthz', { scheme: 'ftp' as HttpScheme }), [{ name: 'http', number: 8080 }]),
      '[test/Cart] \'health.scheme\' ("ftp") must be HttpScheme.HTTP or HttpScheme.HTTPS'],
    ['headers on a TCP check (JavaScript)', () => build(HealthCheck.tcp({ headers: { Host: 'x' } } as never), [{ name: 'http', number: 8080 }]),
      '[test/Cart] \'health\' headers apply to HTTP checks only: use HealthCheck.http()'],
    ['a gRPC service that is not a string (JavaScript)', () => build(HealthCheck.grpc({ service: 7 as unknown as string })),
      '[test/Cart] \'health.service\' (7) must be a string: the gRPC service name'],
  ])('%s', (_case, fn, message) => {
    expect(fn).toThrow(message);
  });
});
