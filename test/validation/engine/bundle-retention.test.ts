import { retainedForBundle, validate } from '../../../src/validation/engine';
import { BundleRule } from '../../../src/validation/rule';
import { KubeObject, Layer, Severity } from '../../../src/validation/types';
import { deployment, fromFile, service } from './fixtures';

// Issue #14: the bundle keeps its objects until finish(); it keeps them without the fields no
// built-in bundle rule reads (status, metadata.managedFields), and findings stay the same.

const MANAGED_FIELDS = [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }];

/** The object as `kubectl get -o yaml` prints it: managedFields and status added. */
function dumped(object: KubeObject): KubeObject {
  const metadata = object.metadata as Record<string, unknown>;
  return { ...object, metadata: { ...metadata, managedFields: MANAGED_FIELDS }, status: { observedGeneration: 1, replicas: 1 } };
}

describe('retainedForBundle', () => {
  test.each([
    ['status and managedFields', dumped(deployment('web')), ['apiVersion', 'kind', 'metadata', 'spec'], ['name', 'namespace']],
    ['status only', { ...deployment('web'), status: {} }, ['apiVersion', 'kind', 'metadata', 'spec'], ['name', 'namespace']],
    ['managedFields only', { ...service('web', 'web'), metadata: { managedFields: [], name: 'web', labels: { a: 'b' } } }, ['apiVersion', 'kind', 'metadata', 'spec'], ['name', 'labels']],
  ] as [string, KubeObject, string[], string[]][])('drops %s and keeps the order of the other fields', (_name, object, keys, metadataKeys) => {
    const before = JSON.stringify(object);
    const kept = retainedForBundle(object);
    expect(Object.keys(kept)).toEqual(keys);
    expect(Object.keys(kept.metadata as object)).toEqual(metadataKeys);
    expect(kept.spec).toBe(object.spec); // a shallow copy: the rest is shared, not copied
    expect(JSON.stringify(object)).toBe(before); // the caller's object is not changed
  });

  test('an object with neither is kept as it is', () => {
    const object = deployment('web');
    expect(retainedForBundle(object)).toBe(object);
  });

  test('a metadata that is not a mapping is left alone', () => {
    const object: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: ['managedFields'], status: 1 };
    expect(retainedForBundle(object)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: ['managedFields'] });
  });

  test('an own "__proto__" key stays an own key of the copy', () => {
    const object = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","managedFields":[],"__proto__":{"x":1}},"status":{}}') as KubeObject;
    const metadata = retainedForBundle(object).metadata as Record<string, unknown>;
    expect(Object.keys(metadata)).toEqual(['name', '__proto__']);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
  });
});

describe('bundle rules on dumped objects', () => {
  test('the built-in cross and policy rules give the same findings (lines, paths, messages) with or without status and managedFields', () => {
    const plain = [
      deployment('web', { image: 'nginx:latest' }),
      service('web', 'web'),
      service('orphan', 'nothing'),
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'other', namespace: 'prod' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'none' } } } },
    ];
    const strip = (report: ReturnType<typeof validate>) => report.findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.object.kind}/${f.object.name} ${f.path}: ${f.message}`);
    const before = strip(validate(fromFile('a.yaml', ...plain)));
    const after = strip(validate(fromFile('a.yaml', ...plain.map(dumped))));
    expect(before.some((f) => f.includes(' cross/'))).toBe(true);
    expect(after).toEqual(before);
  });

  test('a custom bundle rule sees whole objects, status and managedFields included', () => {
    const seen: string[] = [];
    const peek: BundleRule = {
      id: 'cross/peek',
      layer: Layer.CROSS,
      defaultSeverity: Severity.ERROR,
      scope: 'bundle',
      description: 'Records what it is given.',
      example: '',
      check: (objects) => {
        for (const o of objects) seen.push(`${'status' in o} ${'managedFields' in (o.metadata as object)}`);
        return [];
      },
    };
    validate(fromFile('a.yaml', dumped(deployment('web'))), { ruleSet: [peek] });
    expect(seen).toEqual(['true true']);
  });
});

describe('retainedForBundle: ConfigMap and Secret values (issue #14)', () => {
  test('the values of data, binaryData and stringData become empty strings; keys, their order and every other field stay', () => {
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'prod' }, data: { b: 'x'.repeat(1000), a: '1' }, binaryData: { bin: 'AAAA' }, immutable: true };
    const before = JSON.stringify(configMap);
    const kept = retainedForBundle(configMap);
    expect(kept).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'prod' }, data: { b: '', a: '' }, binaryData: { bin: '' }, immutable: true });
    expect(Object.keys(kept.data as object)).toEqual(['b', 'a']);
    expect(kept.metadata).toBe(configMap.metadata);
    expect(JSON.stringify(configMap)).toBe(before);
    const secret: KubeObject = dumped({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'tls' }, data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' }, stringData: { extra: 'x' } });
    expect(retainedForBundle(secret)).toEqual({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'tls' }, data: { 'tls.crt': '', 'tls.key': '' }, stringData: { extra: '' } });
  });

  test('objects with nothing to drop are kept as they are; other kinds keep their data', () => {
    const empty: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'e' }, data: { a: '' } };
    expect(retainedForBundle(empty)).toBe(empty);
    const odd: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'o' }, data: ['not', 'a', 'mapping'] };
    expect(retainedForBundle(odd)).toBe(odd);
    const other: KubeObject = { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' }, data: { a: 'kept' } };
    expect(retainedForBundle(other)).toBe(other);
  });

  test('an own "__proto__" key of data stays an own key', () => {
    const object = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"p"},"data":{"__proto__":"v","a":"w"}}') as KubeObject;
    const data = retainedForBundle(object).data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  test('config-key and the TLS Secret type checks give the same findings as on whole objects', () => {
    const web = deployment('web');
    const container = ((((web.spec as Record<string, unknown>).template as Record<string, unknown>).spec as Record<string, unknown>).containers as Record<string, unknown>[])[0];
    container.env = [
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'present' } } },
      { name: 'B', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'absent' } } },
      { name: 'C', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
    ];
    const objects: KubeObject[] = [
      web,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'prod' }, data: { present: 'yes', other: 'x'.repeat(100) } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: 'prod' }, stringData: { user: 'u' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'in', namespace: 'prod' }, spec: { tls: [{ secretName: 'sec' }], rules: [] } },
    ];
    const findings = validate(fromFile('a.yaml', ...objects)).findings.filter((f) => f.layer === Layer.CROSS).map((f) => `${f.rule} ${f.path}: ${f.message}`);
    expect(findings).toEqual(expect.arrayContaining([
      'cross/config-key spec.template.spec.containers[0].env[1].valueFrom.configMapKeyRef.key: Not found: "absent": ConfigMap "cfg" has no key "absent"',
      'cross/config-key spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef.key: Not found: "password": Secret "sec" has no key "password"',
      'cross/ingress-tls-secret spec.tls[0].secretName: Invalid value: "sec": Secret "sec" has type "Opaque", not "kubernetes.io/tls"',
    ]));
    expect(findings.filter((f) => f.startsWith('cross/config-'))).toHaveLength(2);
  });
});
