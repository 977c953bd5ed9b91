import { Size, Testing } from 'cdk8s';
import {
  Database, DatabaseCredentials, DatabaseEngine, Image, InitContainerOptions, Severity, testing, validate, VolumeSource, WebApp, WebAppProps,
} from '../../src';

/* Init containers with the app's secure defaults, environment and volumes (a migration, a seeding step). */

function build(props: Partial<WebAppProps>, after?: (web: WebApp, chart: ReturnType<typeof Testing.chart>) => void) {
  const chart = Testing.chart();
  const web = new WebApp(chart, 'Shop', { image: Image.of('ghcr.io/acme/shop:2.3.1'), config: { MODE: 'prod' }, ...props });
  after?.(web, chart);
  const pod = (testing.findObject(testing.synthChart(chart), 'Deployment') as Record<string, any>).spec.template.spec;
  return { chart, web, pod };
}

describe('init containers', () => {
  test('the app image, its environment (also what is added later) and volumes, and the secure defaults', () => {
    const { chart, pod } = build({
      initContainers: [{ name: 'migrate', command: ['./shop', 'migrate'] }],
      volumes: [{ name: 'media', path: '/srv/media', source: VolumeSource.emptyDir({ sizeLimit: Size.gibibytes(1) }) }],
    }, (web, c) => web.connectTo(new Database(c, 'Db', { engine: DatabaseEngine.postgres('16.4'), credentials: DatabaseCredentials.fromExistingSecret('shop-db') })));
    const [init] = pod.initContainers;
    expect(init.name).toBe('migrate');
    expect(init.image).toBe('ghcr.io/acme/shop:2.3.1');
    expect(init.env.map((e: any) => e.name)).toStrictEqual(pod.containers[0].env.map((e: any) => e.name));
    expect(init.env.map((e: any) => e.name)).toContain('DATABASE_URL');
    expect(init.envFrom).toStrictEqual(pod.containers[0].envFrom);
    expect(init.volumeMounts.map((m: any) => m.mountPath)).toStrictEqual(['/tmp', '/srv/media']);
    expect(init.securityContext).toStrictEqual(pod.containers[0].securityContext);
    expect(validate(chart).findings.filter(f => f.severity === Severity.ERROR)).toStrictEqual([]);
  });

  test('its own image, no app environment or volumes', () => {
    const { pod } = build({ initContainers: [{ name: 'seed', image: Image.of('busybox:1.36.1'), command: ['sh', '-c', 'true'], appEnv: false, appVolumes: false }] });
    const [init] = pod.initContainers;
    expect([init.image, init.env, init.envFrom, init.volumeMounts.map((m: any) => m.mountPath)]).toStrictEqual(['busybox:1.36.1', undefined, undefined, ['/tmp']]);
  });

  test('several run in the order added; addInitContainer after construction', () => {
    const { pod } = build({ initContainers: [{ name: 'first' }] }, web => web.addInitContainer({ name: 'second' }));
    expect(pod.initContainers.map((c: any) => c.name)).toStrictEqual(['first', 'second']);
  });
});

describe('init containers: bad input', () => {
  test.each<[string, InitContainerOptions[], string]>([
    ['named like the app container', [{ name: 'app' }],
      '[test/Shop] \'initContainers[0].name\' ("app") is already the name of a container of the pod ("app"); container names must be unique'],
    ['two with one name', [{ name: 'migrate' }, { name: 'migrate' }],
      '[test/Shop] \'initContainers[1].name\' ("migrate") is already the name of a container of the pod ("app", "migrate"); container names must be unique'],
    ['a name that is not a DNS label', [{ name: 'Migrate_DB' }],
      '[test/Shop] \'initContainers[0].name\' ("Migrate_DB") must be a DNS-1123 label'],
    ['no name (JavaScript)', [{} as InitContainerOptions],
      '[test/Shop] \'initContainers[0].name\' (undefined) is required: a DNS-1123 label such as \'migrate\''],
    ['an image that is not an Image (JavaScript)', [{ name: 'seed', image: 'busybox' as unknown as Image }],
      '[test/Shop] \'initContainers[0].image\' ("busybox") must be an Image: use Image.of(\'repository:tag\')'],
  ])('%s', (_case, initContainers, message) => {
    expect(() => build({ initContainers })).toThrow(message);
  });

  test('named like a sidecar', () => {
    expect(() => build({ sidecars: [{ bind: host => host.addSidecarContainer({ name: 'proxy', image: Image.of('envoyproxy/envoy:v1.31.2') }) }], initContainers: [{ name: 'proxy' }] }))
      .toThrow('[test/Shop] \'initContainers[0].name\' ("proxy") is already the name of a container of the pod ("app", "proxy"); container names must be unique');
  });
});
