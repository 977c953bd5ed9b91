import * as fc from 'fast-check';
import { ApiObject, App, Chart, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { dnsLabel, generatedObjectName, withGeneratedName } from '../../../src/constructs/core/object-names';
import { plus } from '../../../src/constructs/core/plus';
import { Image, SecretEnvValue, SecretSource, ServiceType, WebApp } from '../../../src';

/** Construct ids: DNS-friendly words, the ids cdk8s treats specially, separators, upper case, non-ASCII, long ones. */
const id = fc.oneof(
  fc.constantFrom('Default', 'Resource', 'resource', 'default', 'web', 'Web', 'app-1', '-', '--', 'a_b.c', 'ünï', 'x/y', 'x\ny', 'İstanbul'),
  fc.stringMatching(/^[a-zA-Z0-9_.-]{1,12}$/),
  fc.string({ minLength: 1, maxLength: 70 }),
).filter((s) => !(s in {})); // `__proto__` and the like cannot be construct ids (constructs keeps children in a plain object)

/** A chart (or a plain root) with constructs at the given ids under it. */
function tree(ids: readonly string[], chartId: string): { root: Construct; leaf: Construct; chart: Chart } {
  const app = new App();
  const chart = new Chart(app, chartId);
  let leaf: Construct = chart;
  for (const childId of ids) {
    leaf = new Construct(leaf, childId);
  }
  return { root: app, leaf, chart };
}

describe('dnsLabel', () => {
  test('equals Names.toDnsLabel for any path', () => {
    fc.assert(fc.property(id, fc.array(id, { maxLength: 6 }), (chartId, ids) => {
      const { leaf, chart } = tree(ids, chartId);
      expect(dnsLabel(leaf)).toBe(Names.toDnsLabel(leaf));
      expect(dnsLabel(chart)).toBe(Names.toDnsLabel(chart));
    }), { numRuns: 600 });
  });

  test('a single DNS-label component is kept as is, like cdk8s', () => {
    const root = new Construct(undefined as unknown as Construct, '');
    const only = new Construct(root, 'web');
    expect(dnsLabel(only)).toBe('web');
    expect(Names.toDnsLabel(only)).toBe('web');
  });
});

describe('generatedObjectName', () => {
  test('is the name cdk8s generates for an object at the same path', () => {
    fc.assert(fc.property(id, fc.array(id, { maxLength: 5 }), id, fc.boolean(), (chartId, ids, objectId, inResource) => {
      const { leaf } = tree(ids, chartId);
      const expected = generatedObjectName(leaf, objectId, inResource ? 'Resource' : undefined);
      const parent = inResource ? new Construct(leaf, objectId) : leaf;
      const object = new ApiObject(parent, inResource ? 'Resource' : objectId, { apiVersion: 'v1', kind: 'ConfigMap' });
      expect(expected).toBe(object.name);
    }), { numRuns: 600 });
  });

  test('leaves the name to cdk8s when the chart names objects its own way', () => {
    class Named extends Chart {
      public generateObjectName(apiObject: ApiObject): string {
        return `custom-${apiObject.node.id.toLowerCase()}`;
      }
    }
    const custom = new Named(new App(), 'c');
    const noHashes = new Chart(new App(), 'n', { disableResourceNameHashes: true });
    expect(generatedObjectName(custom, 'Web', 'Resource')).toBeUndefined();
    expect(generatedObjectName(noHashes, 'Web', 'Resource')).toBeUndefined();
    const metadata = { labels: { a: 'b' } };
    expect(withGeneratedName(metadata, noHashes, 'Web', 'Resource')).toBe(metadata);
  });

  test('leaves the name to cdk8s with CDK8S_LEGACY_HASH (a SHA-256 of the path)', () => {
    const chart = new Chart(new App(), 'legacy');
    process.env.CDK8S_LEGACY_HASH = '1';
    try {
      expect(generatedObjectName(chart, 'Web', 'Resource')).toBeUndefined();
      const web = new Construct(chart, 'Web');
      expect(dnsLabel(web)).toBe(Names.toDnsLabel(web));
    } finally {
      delete process.env.CDK8S_LEGACY_HASH;
    }
  });

  test('outside a chart there is no name: cdk8s reports the missing chart', () => {
    const root = new Construct(undefined as unknown as Construct, '');
    expect(generatedObjectName(new Construct(root, 'x'), 'Config', 'Resource')).toBeUndefined();
  });
});

describe('withGeneratedName', () => {
  test('keeps a given name and returns the same metadata', () => {
    const chart = new Chart(new App(), 'c');
    const metadata = { name: 'given' };
    expect(withGeneratedName(metadata, chart, 'Web', 'Resource')).toBe(metadata);
  });

  test('the objects of a WebApp have the names cdk8s computes from their paths', () => {
    process.env.OBJECT_NAMES_TEST_KEY = 'k';
    try {
      const app = new App();
      const chart = new Chart(app, 'Shop_Front');
      new WebApp(chart, 'Storefront.Web', {
        image: Image.of('registry.example.com/shop:1.0.0'),
        config: { A: '1' },
        secretEnv: { KEY: SecretEnvValue.fromSourceForDevelopment(SecretSource.fromEnvironment('OBJECT_NAMES_TEST_KEY')) },
        ingress: { hosts: ['shop.example.com'] },
      });
      const scaled = new WebApp(chart, 'Api', {
        image: Image.of('registry.example.com/api:1.0.0'),
        autoscaling: { maxReplicas: 4 },
      });
      scaled.addService('Public', { type: ServiceType.LOAD_BALANCER });
      const objects = chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
      expect(objects.map((o) => o.kind).sort()).toEqual([
        'ConfigMap', 'Deployment', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'PodDisruptionBudget',
        'PodDisruptionBudget', 'Secret', 'Service', 'Service', 'Service', 'ServiceAccount', 'ServiceAccount',
      ]);
      for (const object of objects) {
        expect(object.name).toBe(Names.toDnsLabel(object));
      }
    } finally {
      delete process.env.OBJECT_NAMES_TEST_KEY;
    }
  });

  test('a cdk8s-plus object created with it has the name cdk8s would give it', () => {
    const chart = new Chart(new App(), 'plain');
    const scope = new Construct(chart, 'Group');
    const configMap = new plus.ConfigMap(scope, 'Settings', { metadata: withGeneratedName({}, scope, 'Settings', 'Resource') });
    const reference = new plus.ConfigMap(new Construct(new Chart(new App(), 'plain'), 'Group'), 'Settings');
    expect(configMap.name).toBe(reference.name);
    expect(configMap.name).toBe(Names.toDnsLabel(ApiObject.of(configMap)));
  });
});
