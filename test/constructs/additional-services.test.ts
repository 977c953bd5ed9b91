import { Testing } from 'cdk8s';
import { Image, ServiceType, Severity, testing, validate, WebApp, WebAppProps } from '../../src';

/* Online Boutique's frontend: an internal ClusterIP `frontend` and an external LoadBalancer `frontend-external`. */

function build(props: Partial<WebAppProps>) {
  const chart = Testing.chart();
  const web = new WebApp(chart, 'Frontend', {
    image: Image.of('gcr.io/google-samples/microservices-demo/frontend:v0.10.2'),
    ports: [{ name: 'http', number: 8080 }, { name: 'metrics', number: 9090 }],
    ...props,
  });
  return { chart, web };
}

const services = (chart: ReturnType<typeof build>['chart']) =>
  (testing.synthChart(chart) as Record<string, any>[]).filter(o => o.kind === 'Service');

describe('additional Services over the same pods', () => {
  test('an external LoadBalancer with its own ports next to the ClusterIP', () => {
    const { chart, web } = build({
      additionalServices: { External: { type: ServiceType.LOAD_BALANCER, name: 'frontend-external', ports: [{ port: 80, targetPort: 'http' }] } },
    });
    const [internal, external] = services(chart);
    expect(internal.spec.type).toBe('ClusterIP');
    expect(external.metadata.name).toBe('frontend-external');
    expect(external.spec.type).toBe('LoadBalancer');
    expect(external.spec.ports).toStrictEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
    expect(external.spec.selector).toStrictEqual(internal.spec.selector);
    expect(Object.keys(web.additionalServices)).toStrictEqual(['External']);
    expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  });

  test('addService: every app port on its own number by default', () => {
    const { chart, web } = build({});
    web.addService('Metrics');
    expect(services(chart)[1].spec.ports).toStrictEqual([
      { name: 'http', port: 8080, targetPort: 8080 },
      { name: 'metrics', port: 9090, targetPort: 9090 },
    ]);
  });
});

describe('additional Services: bad input', () => {
  test.each<[string, (web: WebApp) => unknown, string]>([
    ['a target port the app does not have', web => web.addService('External', { ports: [{ port: 80, targetPort: 'https' }] }),
      '[test/Frontend] \'addService("External").ports[0].targetPort\' ("https") is not a port of the app (ports: "http", "metrics")'],
    ['a Service port twice', web => web.addService('External', { ports: [{ port: 80 }, { port: 80, targetPort: 'metrics' }] }),
      '[test/Frontend] \'addService("External").ports[1]\' repeats the Service port 80; each must appear once'],
    ['an id already used', web => web.addService('Service'),
      '[test/Frontend] \'addService("Service")\' id ("Service") is already used by a child of the app; use another id'],
    ['a name that is not a DNS-1035 label', web => web.addService('External', { name: 'Frontend_External' }),
      '[test/Frontend] \'addService("External").name\' ("Frontend_External") must be a DNS-1035 label'],
    ['no ports', web => web.addService('External', { ports: [] }),
      '[test/Frontend] \'addService("External").ports\' is empty: a Service needs at least one port'],
    ['an unknown type (JavaScript)', web => web.addService('External', { type: 'Ingress' as ServiceType }),
      '[test/Frontend] \'addService("External").type\' ("Ingress") is unknown: use ServiceType.CLUSTER_IP, NODE_PORT or LOAD_BALANCER'],
  ])('%s', (_case, fn, message) => {
    const { web } = build({});
    expect(() => fn(web)).toThrow(message);
  });

  test('the prop names the Service by its key', () => {
    expect(() => build({ additionalServices: { External: { ports: [{ port: 70000 }] } } }))
      .toThrow('[test/Frontend] \'additionalServices.External.ports[0].port\' (70000) must be a port number between 1 and 65535, inclusive');
  });
});
