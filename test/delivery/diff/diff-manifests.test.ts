/**
 * The diff engine: table-driven cases with the exact report lines, then matching and inputs.
 */
import {
  ChangeType, diffEnvironments, DiffInputError, diffManifests, DiffOptions, environmentRewriter, formatDiffText, ManifestFile, RiskRule,
} from '../../../src/delivery/diff';
import { KubeObject } from '../../../src/validation/types';
import { claim, config, deployment, job, namespace, service, sourced, statefulSet } from './fixtures';

function lines(before: KubeObject[], after: KubeObject[], options: DiffOptions = {}): string[] {
  return formatDiffText(diffManifests(sourced(...before), sourced(...after), options)).split('\n').slice(0, -1);
}

describe('safe changes', () => {
  test.each<[string, KubeObject, string[]]>([
    ['a changed replica count', deployment((o) => { o.spec.replicas = 3; }), ['    ~ spec.replicas: 2 → 3']],
    ['a new image tag', deployment((o) => { o.spec.template.spec.containers[0].image = 'nginx:1.26'; }),
      ['    ~ spec.template.spec.containers[name=web].image: "nginx:1.25" → "nginx:1.26"']],
    ['other resources', deployment((o) => { o.spec.template.spec.containers[0].resources.requests.cpu = '250m'; }),
      ['    ~ spec.template.spec.containers[name=web].resources.requests.cpu: "100m" → "250m"']],
    ['an env value', deployment((o) => { o.spec.template.spec.containers[0].env[1].value = 'b'; }),
      ['    ~ spec.template.spec.containers[name=web].env[name=MODE].value: "a" → "b"']],
    ['a new annotation', deployment((o) => { o.metadata.annotations = { 'example.com/owner': 'team-a' }; }),
      ['    + metadata.annotations: {"example.com/owner":"team-a"}']],
    ['a new label (key with dots in brackets)', deployment((o) => { o.metadata.labels['app.kubernetes.io/part-of'] = 'shop'; }),
      ['    + metadata.labels[app.kubernetes.io/part-of]: "shop"']],
    ['a list compared by index', deployment((o) => { o.spec.template.spec.containers[0].args = ['--port', '9090', '-v']; }), [
      '    ~ spec.template.spec.containers[name=web].args[1]: "8080" → "9090"',
      '    + spec.template.spec.containers[name=web].args[2]: "-v"',
    ]],
    ['an env variable inserted first (matched by name, not shifted)', deployment((o) => {
      o.spec.template.spec.containers[0].env.unshift({ name: 'NEW', value: 'x' });
    }), ['    + spec.template.spec.containers[name=web].env[name=NEW]: {"name":"NEW","value":"x"}']],
    ['a removed env variable', deployment((o) => { o.spec.template.spec.containers[0].env.pop(); }),
      ['    - spec.template.spec.containers[name=web].env[name=MODE]: {"name":"MODE","value":"a"}']],
  ])('%s is reported as safe', (_name, after, fields) => {
    expect(lines([deployment()], [after])).toStrictEqual([
      '~ Deployment.apps prod/web',
      ...fields,
      '',
      '0 added, 0 removed, 1 changed (0 risky)',
    ]);
  });
});

describe('risky changes', () => {
  test.each<[string, KubeObject, KubeObject, string[]]>([
    ['a changed selector', deployment(), deployment((o) => { o.spec.selector.matchLabels.app = 'web2'; o.spec.template.metadata.labels.app = 'web2'; }), [
      '~ Deployment.apps prod/web',
      '    ~ spec.selector.matchLabels.app: "web" → "web2"',
      '    ~ spec.template.metadata.labels.app: "web" → "web2"',
      '    ! immutable-selector spec.selector: the selector of a Deployment is immutable: apply fails; delete and re-create the object to change it',
    ]],
    ['a removed volume claim template', statefulSet(), statefulSet((o) => { o.spec.volumeClaimTemplates = []; }), [
      '~ StatefulSet.apps prod/db',
      '    - spec.volumeClaimTemplates[name=data]: {"metadata":{"name":"data"},"spec":{"accessModes":["ReadWri…',
      '    ! immutable-field spec.volumeClaimTemplates: a StatefulSet update may only change replicas, template, updateStrategy, ordinals, revisionHistoryLimit, minReadySeconds and persistentVolumeClaimRetentionPolicy: apply fails; delete and re-create the object to change it',
      '    ! data-loss spec.volumeClaimTemplates[name=data]: the volume claim template data is removed: its claims are no longer mounted and their data is orphaned',
    ]],
    ['a StatefulSet serviceName', statefulSet(), statefulSet((o) => { o.spec.serviceName = 'db-headless'; o.spec.replicas = 3; }), [
      '~ StatefulSet.apps prod/db',
      '    ~ spec.serviceName: "db" → "db-headless"',
      '    ~ spec.replicas: 1 → 3',
      '    ! immutable-field spec.serviceName: a StatefulSet update may only change replicas, template, updateStrategy, ordinals, revisionHistoryLimit, minReadySeconds and persistentVolumeClaimRetentionPolicy: apply fails; delete and re-create the object to change it',
    ]],
    ['a Job template', job(), job((o) => { o.spec.template.spec.containers[0].image = 'app:2'; }), [
      '~ Job.batch prod/migrate',
      '    ~ spec.template.spec.containers[name=migrate].image: "app:1" → "app:2"',
      '    ! immutable-field spec.template: the pod template of a Job is immutable: apply fails; delete and re-create the object to change it',
    ]],
    ['a Service type and cluster IP', service((o) => { o.spec.clusterIP = 'None'; }), service((o) => { o.spec.type = 'LoadBalancer'; }), [
      '~ Service prod/web',
      '    + spec.type: "LoadBalancer"',
      '    - spec.clusterIP: "None"',
      '    ! service-type spec.type: the Service type changes from ClusterIP to LoadBalancer: new addresses are allocated; clients of the old address break',
      '    ! immutable-field spec.clusterIP: spec.clusterIP of a Service is immutable: apply fails; delete and re-create the object to change it',
    ]],
    ['a shrinking volume claim', claim(), claim((o) => { o.spec.resources.requests.storage = '5Gi'; }), [
      '~ PersistentVolumeClaim prod/data',
      '    ~ spec.resources.requests.storage: "10Gi" → "5Gi"',
      '    ! storage-shrink spec.resources.requests.storage: a PersistentVolumeClaim cannot shrink: apply fails; only storage growth is allowed',
    ]],
    ['another storage class', claim(), claim((o) => { o.spec.storageClassName = 'fast'; }), [
      '~ PersistentVolumeClaim prod/data',
      '    ~ spec.storageClassName: "standard" → "fast"',
      '    ! immutable-field spec: the spec of a PersistentVolumeClaim is immutable except for storage growth: apply fails; delete and re-create the object to change it',
    ]],
    ['the data of an immutable ConfigMap', config('ConfigMap', 'settings', { a: '1' }, { immutable: true }), config('ConfigMap', 'settings', { a: '2' }, { immutable: true }), [
      '~ ConfigMap prod/settings',
      '    ~ data.a: "1" → "2"',
      '    ! immutable-content data: the ConfigMap is immutable: true, its data cannot change and it cannot become mutable again: apply fails; delete and re-create the object to change it (or give it a new name)',
    ]],
  ])('%s is reported as risky', (_name, before, after, expected) => {
    expect(lines([before], [after])).toStrictEqual([...expected, '', '0 added, 0 removed, 1 changed (1 risky)']);
  });

  test('a growing volume claim is safe', () => {
    expect(lines([claim()], [claim((o) => { o.spec.resources.requests.storage = '20Gi'; })])).toStrictEqual([
      '~ PersistentVolumeClaim prod/data',
      '    ~ spec.resources.requests.storage: "10Gi" → "20Gi"',
      '',
      '0 added, 0 removed, 1 changed (0 risky)',
    ]);
  });

  test('removed claims and namespaces lose data; added objects are safe', () => {
    expect(lines([claim(), namespace('prod'), deployment()], [deployment(), service()])).toStrictEqual([
      '- Namespace prod',
      '    ! data-loss: deleting a Namespace deletes every object in it, volume claims included',
      '- PersistentVolumeClaim prod/data',
      '    ! data-loss: deleting a PersistentVolumeClaim releases its volume; with the usual Delete reclaim policy its data is gone',
      '+ Service prod/web',
      '',
      '1 added, 2 removed, 0 changed (2 risky)',
    ]);
  });

  test('a renamed Service (same labels) is one risky rename; a renamed ConfigMap is not risky', () => {
    const before = [service(), config('ConfigMap', 'settings-abc', { a: '1' })];
    const after = [service((o) => { o.spec.ports[0].port = 8080; }, 'web-v2'), config('ConfigMap', 'settings-def', { a: '2' })];
    expect(lines(before, after)).toStrictEqual([
      '> ConfigMap prod/settings-abc → prod/settings-def (renamed)',
      '    ~ data.a: "1" → "2"',
      '> Service prod/web → prod/web-v2 (renamed)',
      '    ~ spec.ports[name=http].port: 80 → 8080',
      '    ! rename metadata.name: renaming deletes web and creates web-v2: a new object starts from scratch (pods restart, addresses change)',
      '',
      '0 added, 0 removed, 0 changed, 2 renamed (1 risky)',
    ]);
  });

  test('objects of the same kind that do not look alike are an add and a remove', () => {
    const other = service((o) => { o.metadata.labels = { app: 'api' }; o.spec.selector = { app: 'api' }; }, 'api');
    const report = diffManifests(sourced(service()), sourced(other));
    expect(report.objects.map((o) => [o.change, o.id.name])).toStrictEqual([[ChangeType.ADDED, 'api'], [ChangeType.REMOVED, 'web']]);
    expect(diffManifests(sourced(service()), sourced(other), { detectRenames: false }).summary.renamed).toBe(0);
  });
});

describe('comparison', () => {
  test('ignores key order and null members', () => {
    const reordered: KubeObject = JSON.parse(JSON.stringify(deployment(), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).reverse()) : v)));
    (reordered.metadata as any).annotations = null;
    expect(lines([deployment()], [reordered])).toStrictEqual(['No differences (1 object compared).']);
  });

  test('redacts Secret data values and cuts long values', () => {
    const long = 'x'.repeat(100);
    expect(lines(
      [config('Secret', 'creds', { password: 'b2xk' }), config('ConfigMap', 'settings', { text: 'short' })],
      [config('Secret', 'creds', { password: 'bmV3' }), config('ConfigMap', 'settings', { text: long })],
    )).toStrictEqual([
      '~ ConfigMap prod/settings',
      `    ~ data.text: "short" → "${'x'.repeat(58)}…`,
      '~ Secret prod/creds',
      '    ~ data.password: (redacted) → (redacted)',
      '',
      '0 added, 0 removed, 2 changed (0 risky)',
    ]);
  });

  test('with ignoreNamespace, matches two environments by kind and name and pairs their Namespaces', () => {
    const dev = [namespace('shop-dev'), deployment((o) => { o.metadata.namespace = 'shop-dev'; o.spec.replicas = 1; })];
    const prod = [namespace('shop-prod'), deployment((o) => { o.metadata.namespace = 'shop-prod'; o.spec.replicas = 3; })];
    expect(lines(dev, prod, { ignoreNamespace: true })).toStrictEqual([
      '~ Deployment.apps shop-prod/web',
      '    ~ spec.replicas: 1 → 3',
      '~ Namespace shop-prod',
      '    ~ metadata.name: "shop-dev" → "shop-prod"',
      '',
      '0 added, 0 removed, 2 changed (0 risky)',
    ]);
    // without ignoreNamespace, the Deployment moved namespace (delete and re-create) and a Namespace is deleted
    expect(lines(dev, prod).filter((l) => !l.startsWith('    '))).toStrictEqual([
      '> Deployment.apps shop-dev/web → shop-prod/web (renamed)',
      '- Namespace shop-dev',
      '+ Namespace shop-prod',
      '',
      '1 added, 1 removed, 0 changed, 1 renamed (2 risky)',
    ]);
  });

  test('the report carries risks and sources per object', () => {
    const report = diffManifests(sourced(deployment()), sourced(deployment((o) => { o.spec.selector.matchLabels.tier = 'x'; })));
    expect(report.objects).toStrictEqual([{
      change: ChangeType.CHANGED,
      id: { scope: '', group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'web' },
      fields: [{ op: 'added', path: 'spec.selector.matchLabels.tier', after: 'x' }],
      risks: [{ rule: RiskRule.IMMUTABLE_SELECTOR, path: 'spec.selector', reason: expect.stringMatching(/^the selector of a Deployment is immutable/) }],
      before: { constructPath: 'app/web' },
      after: { constructPath: 'app/web' },
    }]);
  });
});

describe('files', () => {
  const web = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ClusterIP\n';
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - web.k8s.yaml\n';

  test('matches objects within the folder of their file and skips Kustomization objects', () => {
    const report = diffManifests(
      [{ name: 'dev/web.k8s.yaml', content: web }, { name: 'prod/web.k8s.yaml', content: web }, { name: 'prod/k.yaml', content: kustomization }],
      [{ name: 'dev/web.k8s.yaml', content: web }, { name: 'prod/all.k8s.yaml', content: web.replace('ClusterIP', 'NodePort') }],
    );
    expect(formatDiffText(report)).toBe([
      '~ Service web [prod/]',
      '    ~ spec.type: "ClusterIP" → "NodePort"',
      '    ! service-type spec.type: the Service type changes from ClusterIP to NodePort: new addresses are allocated; clients of the old address break',
      '',
      '0 added, 0 removed, 1 changed (1 risky)',
      '',
    ].join('\n'));
    expect(report.objects[0].before).toStrictEqual({ file: 'prod/web.k8s.yaml', line: 1 });
    expect(report.objects[0].after).toStrictEqual({ file: 'prod/all.k8s.yaml', line: 1 });
  });

  test('a file that does not parse is an error naming file and line', () => {
    const broken = `${web}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [oops\n`;
    const parse = (): unknown => diffManifests([{ name: 'web.k8s.yaml', path: 'dist/web.k8s.yaml', content: broken }], []);
    expect(parse).toThrow(DiffInputError);
    expect(parse).toThrow(new DiffInputError([
      'dist/web.k8s.yaml:12: yaml: line 12: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]));
  });
});

describe('environments', () => {
  const files = (env: string, replicas: number): ManifestFile[] => [
    { name: 'namespace.k8s.yaml', content: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop-${env}\n  labels:\n    example.com/environment: ${env}\n` },
    { name: 'web.k8s.yaml', content: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${env}-web-deployment-c8${env === 'dev' ? '0a1b2c' : 'ffee00'}\n`
      + `  namespace: shop-${env}\nspec:\n  replicas: ${replicas}\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: DB_HOST\n              value: db.shop-${env}.svc\n` },
  ];

  test('diffEnvironments matches env-prefixed, hashed names and leaves what really differs', () => {
    expect(formatDiffText(diffEnvironments({ name: 'dev', files: files('dev', 1) }, { name: 'prod', files: files('prod', 3) }))).toBe([
      '~ Deployment.apps {namespace}/{env}-web-deployment',
      '    ~ spec.replicas: 1 → 3',
      '',
      '0 added, 0 removed, 1 changed (0 risky)',
      '',
    ].join('\n'));
  });

  test.each([
    ['dev-web-deployment-c80a1b2c', '{env}-web-deployment'],
    ['db.shop-dev.svc.cluster.local', 'db.{namespace}.svc.cluster.local'],
    ['dev', '{env}'],
    ['https://app.dev.example.com/', 'https://app.dev.example.com/'],
    ['shop-devx', 'shop-devx'],
  ])('environmentRewriter rewrites %s to %s', (text, expected) => {
    expect(environmentRewriter('dev', 'shop-dev')(text)).toBe(expected);
  });
});
