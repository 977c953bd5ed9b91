import { App, Chart, Testing } from 'cdk8s';
import { testing } from '../../src';
import { SynthError } from '../../src/synth';
import * as serializerModule from '../../src/testing/snapshot-serializer';
import { addInvalidCharts, WebChart } from '../synth/fixtures/charts';

expect.addSnapshotSerializer(testing.kubeYamlSerializer);

describe('synthChart', () => {
  test('returns the objects of the chart, as chart.toJson() does', () => {
    const chart = new WebChart(Testing.app(), 'web');
    expect(testing.synthChart(chart)).toStrictEqual(chart.toJson());
  });

  test('returns only the chart\'s own objects', () => {
    const app = new App();
    const web = new WebChart(app, 'web');
    new WebChart(app, 'other');
    expect(testing.synthChart(web).map((o) => (o.metadata as { name: string }).name)).toStrictEqual(
      [web.deployment.name, expect.stringMatching(/^web-deployment-service-c8[0-9a-f]{6}$/), expect.stringMatching(/^web-config-c8[0-9a-f]{6}$/)],
    );
  });

  test('throws a SynthError listing every construct validation error of the app', () => {
    const app = new App();
    addInvalidCharts(app);
    const chart = app.node.findChild('web') as Chart;
    expect(() => testing.synthChart(chart)).toThrow(SynthError);
    expect(() => testing.synthChart(chart)).toThrow([
      'Synthesis failed with 3 problems:',
      '  - [web] web needs an ingress: call exposeViaIngress()',
      '  - [web/Deployment] replicas must be at least 3 in production',
      '  - [web/Deployment] image must be pinned by digest',
    ].join('\n'));
  });
});

describe('synthApp', () => {
  test('returns the objects of every chart in output order', () => {
    const app = new App();
    new WebChart(app, 'a');
    new WebChart(app, 'b');
    expect(testing.synthApp(app).map((o) => o.kind)).toStrictEqual(['Deployment', 'Service', 'ConfigMap', 'Deployment', 'Service', 'ConfigMap']);
  });
});

describe('findObject and findObjects', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
  ];

  test('findObjects filters by kind, then by name', () => {
    expect(testing.findObjects(objects, 'Deployment')).toStrictEqual([objects[1], objects[2]]);
    expect(testing.findObjects(objects, 'Deployment', 'worker')).toStrictEqual([objects[2]]);
    expect(testing.findObjects(objects, 'Ingress')).toStrictEqual([]);
  });

  test('findObject returns the one match', () => {
    expect(testing.findObject(objects, 'Service')).toBe(objects[0]);
    expect(testing.findObject(objects, 'Deployment', 'web')).toBe(objects[1]);
  });

  test('findObject throws when nothing matches', () => {
    expect(() => testing.findObject(objects, 'Deployment', 'api')).toThrow(
      "Expected one Deployment named 'api', found 0. Objects present: Service/web, Deployment/web, Deployment/worker, ConfigMap/<unnamed>",
    );
    expect(() => testing.findObject([], 'Service')).toThrow('Expected one Service, found 0. Objects present: none');
  });

  test('findObject throws when several objects match', () => {
    expect(() => testing.findObject(objects, 'Deployment')).toThrow(
      'Expected one Deployment, found 2. Objects present: Service/web, Deployment/web, Deployment/worker, ConfigMap/<unnamed>',
    );
  });
});

describe('kubeYamlSerializer', () => {
  test('prints synthesized objects as YAML documents in snapshots', () => {
    const chart = new WebChart(Testing.app(), 'web');
    expect(testing.synthChart(chart)).toMatchSnapshot();
  });

  test('prints one object as one document, nested objects indented', () => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { yes: 'no', script: 'a\nb\n' } };
    expect(object).toMatchInlineSnapshot(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  "yes": "no"
  script: |
    a
    b
`);
    expect({ wrapped: object }).toMatchInlineSnapshot(`
{
  "wrapped": apiVersion: v1
  kind: ConfigMap
  metadata:
    name: c
  data:
    "yes": "no"
    script: |
      a
      b,
}
`);
  });

  test('only takes Kubernetes objects and non-empty lists of them', () => {
    expect(testing.kubeYamlSerializer.test({ apiVersion: 'v1', kind: 'Pod' })).toBe(true);
    expect(testing.kubeYamlSerializer.test([{ apiVersion: 'v1', kind: 'Pod' }])).toBe(true);
    expect(testing.kubeYamlSerializer.test([])).toBe(false);
    expect(testing.kubeYamlSerializer.test({ kind: 'Pod' })).toBe(false);
    expect(testing.kubeYamlSerializer.test([{ apiVersion: 'v1', kind: 'Pod' }, 1])).toBe(false);
    expect(testing.kubeYamlSerializer.test('apiVersion: v1')).toBe(false);
  });

  test('the module itself is a jest plugin (for `snapshotSerializers` in the jest config)', () => {
    expect(serializerModule.test).toBe(testing.kubeYamlSerializer.test);
    expect(serializerModule.serialize([{ apiVersion: 'v1', kind: 'A' }, { apiVersion: 'v1', kind: 'B' }])).toBe(
      'apiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B',
    );
  });
});
