import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { KubeObject, Layer, Severity, Violation } from '../../../src/validation/types';
import { PodSecurityLevel, RuleContext } from '../../../src/validation/rule';
import {
  SCHEMA_RULES,
  addSchemaDir,
  base64ErrorOffset,
  createSchemaRules,
  getSchemaFor,
  registerSchema,
  resetRegisteredSchemas,
} from '../../../src/validation/schema';

const CONTEXT: RuleContext = { podSecurity: PodSecurityLevel.BASELINE, external: [] };

/** Runs every schema rule and returns `rule: path: message` lines. */
function check(object: KubeObject): string[] {
  const out: string[] = [];
  for (const rule of SCHEMA_RULES) {
    for (const v of rule.check(object, CONTEXT)) out.push(`${rule.id}: ${v.path}: ${v.message}`);
  }
  return out;
}

function deployment(container: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.25', ...container }] },
      },
      ...spec,
    },
  };
}

describe('valid objects pass', () => {
  test.each<[string, KubeObject]>([
    ['Deployment', deployment({ ports: [{ containerPort: 8080, name: 'http' }], resources: { limits: { cpu: '500m', memory: 1e9 }, requests: { cpu: 0.1, memory: '128Mi' } } })],
    ['Deployment with nulls (Go leaves the zero value)', deployment({ args: null, ports: [{ containerPort: 80, name: null }] }, { strategy: null })],
    ['Deployment with int-or-string ports and status', { ...deployment({ readinessProbe: { httpGet: { port: 'http' } }, livenessProbe: { tcpSocket: { port: 8080 } } }), status: { replicas: 1 } }],
    ['Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 'http' }], selector: { app: 'web' } } }],
    ['Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { a: 'aGVsbG8=', b: 'aGVs\nbG8=', c: '' }, stringData: { x: 'y' } }],
    ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a.txt': 'x' }, binaryData: { b: 'AAEC' } }],
    ['CronJob', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } } } } } }],
    ['HPA v2', { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { maxReplicas: 3, scaleTargetRef: { kind: 'Deployment', name: 'web' }, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } }],
    ['PodDisruptionBudget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: '50%' } }],
    ['PVC', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  ])('%s', (_name, object) => {
    expect(check(object)).toEqual([]);
  });
});

describe('invalid objects give the API server messages', () => {
  test.each<[string, KubeObject, string[]]>([
    [
      'unknown field',
      deployment({ imagePulPolicy: 'Always' }),
      ['schema/strict: spec.template.spec.containers[0].imagePulPolicy: strict decoding error: unknown field "spec.template.spec.containers[0].imagePulPolicy"'],
    ],
    [
      'unknown top-level field',
      { ...deployment(), extra: 1 },
      ['schema/strict: extra: strict decoding error: unknown field "extra"'],
    ],
    [
      'string for int32',
      deployment({}, { replicas: '2' }),
      ['schema/strict: spec.replicas: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ],
    [
      'fraction and out-of-range numbers',
      deployment({ ports: [{ containerPort: 80.5 }, { containerPort: 3000000000 }] }),
      [
        'schema/strict: spec.template.spec.containers[0].ports[0].containerPort: json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
        'schema/strict: spec.template.spec.containers[0].ports[1].containerPort: json: cannot unmarshal number 3000000000 into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
      ],
    ],
    [
      'int64 fields take large numbers, not strings',
      deployment({ securityContext: { runAsUser: 3000000000, runAsGroup: 'root' } }),
      ['schema/strict: spec.template.spec.containers[0].securityContext.runAsGroup: json: cannot unmarshal string into Go struct field SecurityContext.spec.template.spec.containers.securityContext.runAsGroup of type int64'],
    ],
    [
      'bool, list and object type errors',
      deployment({ stdin: 'yes', args: 'run', env: { name: 'A' } }),
      [
        'schema/strict: spec.template.spec.containers[0].args: json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.args of type []string',
        'schema/strict: spec.template.spec.containers[0].env: json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.env of type []v1.EnvVar',
        'schema/strict: spec.template.spec.containers[0].stdin: json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.stdin of type bool',
      ],
    ],
    [
      'map values',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { n: 1 } }, data: { port: 8080 } },
      [
        'schema/strict: data[port]: json: cannot unmarshal number 8080 into Go struct field ConfigMap.data of type string',
        'schema/strict: metadata.labels[n]: json: cannot unmarshal number 1 into Go struct field ObjectMeta.metadata.labels of type string',
      ],
    ],
    [
      'int-or-string',
      deployment({ readinessProbe: { httpGet: { port: true } } }),
      ['schema/strict: spec.template.spec.containers[0].readinessProbe.httpGet.port: json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.template.spec.containers.readinessProbe.httpGet.port of type intstr.IntOrString'],
    ],
    [
      'missing required fields',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ image: 'nginx' }] } } } },
      [
        'schema/strict: spec.selector: Required value',
        'schema/strict: spec.template.spec.containers[0].name: Required value',
      ],
    ],
    [
      'quantities',
      deployment({ resources: { limits: { cpu: '1gi', memory: '512MB' }, requests: { cpu: '100 m', memory: true } } }),
      [
        'schema/strict: spec.template.spec.containers[0].resources.requests[memory]: json: cannot unmarshal bool into Go struct field ResourceRequirements.spec.template.spec.containers.resources.requests of type resource.Quantity',
        "schema/quantity: spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: \"1gi\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        "schema/quantity: spec.template.spec.containers[0].resources.limits[memory]: Invalid value: \"512MB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        "schema/quantity: spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: \"100 m\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      ],
    ],
    [
      'base64',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { plain: 'hello world', short: 'abc', ok: 'aGk=' } },
      [
        'schema/base64: data[plain]: illegal base64 data at input byte 5',
        'schema/base64: data[short]: illegal base64 data at input byte 0',
      ],
    ],
    [
      'ConfigMap binaryData',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, binaryData: { b: 'AA=A' } },
      ['schema/base64: binaryData[b]: illegal base64 data at input byte 2'],
    ],
    [
      'removed API',
      { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'i' }, spec: { anything: 1 } },
      ['schema/removed-api: apiVersion: no matches for kind "Ingress" in version "extensions/v1beta1" (removed in Kubernetes 1.22; use networking.k8s.io/v1)'],
    ],
    [
      'removed API policy/v1beta1 PDB',
      { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' } },
      ['schema/removed-api: apiVersion: no matches for kind "PodDisruptionBudget" in version "policy/v1beta1" (removed in Kubernetes 1.25; use policy/v1)'],
    ],
    [
      'unknown kind',
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'm' } },
      ['schema/unknown-kind: kind: no schema for kind "Certificate" in version "cert-manager.io/v1": its fields are not checked (pass its CRD with --crd, or its schema with --schema-dir)'],
    ],
    [
      'kind in the wrong version of a built-in group',
      { apiVersion: 'apps/v1', kind: 'CronJob', metadata: { name: 'c' } },
      ['schema/unserved-kind: kind: no matches for kind "CronJob" in version "apps/v1"'],
    ],
    [
      'a version a built-in group does not serve',
      { apiVersion: 'apps/v2', kind: 'Deployment', metadata: { name: 'c' } },
      ['schema/unserved-kind: apiVersion: no matches for kind "Deployment" in version "apps/v2"'],
    ],
    [
      'a kind 1.28 serves without a schema in the model (core Event)',
      { apiVersion: 'v1', kind: 'Event', metadata: { name: 'c' } },
      ['schema/unknown-kind: kind: no schema for kind "Event" in version "v1": its fields are not checked (pass its CRD with --crd, or its schema with --schema-dir)'],
    ],
    [
      'a custom resource in a group of its own, even under k8s.io',
      { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'c' } },
      ['schema/unknown-kind: kind: no schema for kind "VolumeSnapshot" in version "snapshot.storage.k8s.io/v1": its fields are not checked (pass its CRD with --crd, or its schema with --schema-dir)'],
    ],
  ])('%s', (_name, object, expected) => {
    expect(check(object).sort()).toEqual([...expected].sort());
  });

  test('objects without a string apiVersion/kind are left to the parser', () => {
    expect(check({ kind: 'Deployment' })).toEqual([]);
  });

  test('rules return fresh arrays (callers may mutate them)', () => {
    const object = deployment({ bad: 1 });
    const strict = SCHEMA_RULES.find((r) => r.id === 'schema/strict')!;
    const first = strict.check(object, CONTEXT) as Violation[];
    first.pop();
    expect(strict.check(object, CONTEXT)).toHaveLength(1);
  });
});

describe('rule metadata', () => {
  test('ids, layers and severities', () => {
    expect(SCHEMA_RULES.map((r) => [r.id, r.layer, r.defaultSeverity, r.scope])).toEqual([
      ['schema/removed-api', Layer.SCHEMA, Severity.ERROR, 'object'],
      ['schema/unserved-kind', Layer.SCHEMA, Severity.ERROR, 'object'],
      ['schema/unknown-kind', Layer.SCHEMA, Severity.WARNING, 'object'],
      ['schema/strict', Layer.SCHEMA, Severity.ERROR, 'object'],
      ['schema/quantity', Layer.SCHEMA, Severity.ERROR, 'object'],
      ['schema/base64', Layer.SCHEMA, Severity.ERROR, 'object'],
      ['schema/cr-name', Layer.SCHEMA, Severity.ERROR, 'object'],
      ['schema/cel', Layer.SCHEMA, Severity.ERROR, 'object'],
      ['schema/cel-not-evaluated', Layer.SCHEMA, Severity.INFO, 'object'],
      ['schema/crd', Layer.SCHEMA, Severity.ERROR, 'object'],
    ]);
  });

  test('strict mode makes unknown kinds errors', () => {
    const rule = createSchemaRules({ strictUnknownKinds: true }).find((r) => r.id === 'schema/unknown-kind')!;
    expect(rule.defaultSeverity).toBe(Severity.ERROR);
  });
});

describe('base64ErrorOffset follows Go encoding/base64', () => {
  test.each([
    ['', -1],
    ['aGk=', -1],
    ['aGVsbG8=', -1],
    ['aGVsbA==', -1],
    ['aGVs\r\nbA==\n', -1],
    ['abc', 0],
    ['aGVsbG8', 4],
    ['a===', 1],
    ['aG=k', 2],
    ['aGk=x', 4],
    ['aG-k', 2],
  ])('%j -> %d', (text, offset) => {
    expect(base64ErrorOffset(text)).toBe(offset);
  });
});

describe('schemas at run time', () => {
  afterEach(() => resetRegisteredSchemas());

  const SERVICE_MONITOR = {
    type: 'object',
    required: ['spec'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        additionalProperties: false,
        properties: { endpoints: { type: 'array', items: { type: 'object', properties: { port: { type: 'string' } } } } },
      },
    },
  };

  test('a kubeconform-layout schema folder adds CRD kinds', () => {
    // GIVEN a folder with servicemonitor-monitoring-v1.json
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schemas-'));
    fs.writeFileSync(path.join(dir, 'servicemonitor-monitoring-v1.json'), JSON.stringify({ $schema: 'http://json-schema.org/schema#', ...SERVICE_MONITOR }));
    addSchemaDir(dir);
    // THEN ServiceMonitors are checked against it
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' } };
    expect(check({ ...monitor, spec: { endpoints: [{ port: 'http' }] } })).toEqual([]);
    expect(check({ ...monitor, spec: { endpoints: [{ port: 8080 }], extra: true } }).sort()).toEqual([
      'schema/strict: spec.endpoints[0].port: Invalid value: 8080: must be string',
      'schema/strict: spec.extra: strict decoding error: unknown field "spec.extra"',
    ]);
    expect(getSchemaFor('monitoring.coreos.com/v1', 'ServiceMonitor')).toMatchObject({ required: ['spec'] });
  });

  test('registerSchema adds one kind', () => {
    registerSchema('example.com/v1', 'Widget', { type: 'object', required: ['spec'] });
    expect(check({ apiVersion: 'example.com/v1', kind: 'Widget' })).toEqual(['schema/strict: spec: Required value']);
  });

  test('a missing schema folder is an error', () => {
    expect(() => addSchemaDir('/no/such/dir')).toThrow('ENOENT');
  });

  test('getSchemaFor returns a self-contained strict schema that agrees with the precompiled validator', () => {
    const schema = getSchemaFor('apps/v1', 'Deployment')!;
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties as object).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const validate = new Ajv({ allowUnionTypes: true }).compile(schema);
    expect(validate(deployment())).toBe(true);
    expect(validate(deployment({ imagePulPolicy: 'x' }))).toBe(false);
    expect(getSchemaFor('example.com/v1', 'Nope')).toBeUndefined();
  });
});
