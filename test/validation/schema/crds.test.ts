/**
 * The custom resources the library emits are known to the registry without registration: their
 * schemas equal the CRD files in crds/, one converter makes them strict, user schemas still win.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { Severity, SourcedObject, validate } from '../../../src/validation';
import { KNOWN_CRDS, knownCrdSchema, OpenApiSchema, strictCrdSchema } from '../../../src/validation/schema/crds';
import { pack, stripDocs, unpack } from '../../../src/validation/crd/compact';
import { generate, OUT_DIR } from '../../../scripts/gen-crd-schemas';
import { addSchemaDir, getSchemaFor, registerSchema, resetRegisteredSchemas } from '../../../src/validation/schema';

const CRDS_DIR = path.join(__dirname, '../../../crds');

/** Every `apiVersion|kind` → openAPIV3Schema of every CRD document in crds/. */
function crdFileSchemas(): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const file of fs.readdirSync(CRDS_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(CRDS_DIR, file), 'utf8'))) {
      const crd = doc.toJS();
      for (const version of crd.spec.versions) {
        found.set(`${crd.spec.group}/${version.name}|${crd.spec.names.kind}`, version.schema.openAPIV3Schema);
      }
    }
  }
  return found;
}

/** Validates the objects with all layers and returns `rule path message` of the schema-layer findings. */
function schemaFindings(...objects: object[]): string[] {
  const sourced: SourcedObject[] = objects.map((object, i) => ({ object: object as SourcedObject['object'], source: { constructPath: `Test/${i}` } }));
  return validate(sourced, {}).findings.filter((f) => f.rule.startsWith('schema/')).map((f) => `${f.rule} ${f.path} ${f.message}`);
}

const SERVICE_MONITOR = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'metrics', interval: '30s' }] },
};

afterEach(() => resetRegisteredSchemas());

describe('the known CRD table', () => {
  test('holds exactly the CRD versions kept in crds/', () => {
    expect([...KNOWN_CRDS.keys()].sort()).toEqual([...crdFileSchemas().keys()].sort());
    expect([...KNOWN_CRDS.keys()].filter((k) => !k.startsWith('gateway.')).sort()).toEqual([
      'argoproj.io/v1alpha1|AppProject',
      'argoproj.io/v1alpha1|Application',
      'argoproj.io/v1alpha1|ApplicationSet',
      'bitnami.com/v1alpha1|SealedSecret',
      'external-secrets.io/v1beta1|ExternalSecret',
      'external-secrets.io/v1|ExternalSecret',
      'monitoring.coreos.com/v1|PodMonitor',
      'monitoring.coreos.com/v1|Probe',
      'monitoring.coreos.com/v1|PrometheusRule',
      'monitoring.coreos.com/v1|ServiceMonitor',
    ]);
  });

  test.each([...crdFileSchemas().entries()])('the schema of %s equals the openAPIV3Schema of its CRD file (without documentation keywords)', (key, schema) => {
    expect(KNOWN_CRDS.get(key)!.openApiSchema()).toEqual(stripDocs(schema));
  });

  test('the generated files are up to date with crds/ (npm run gen:crds)', () => {
    const generated = generate();
    const onDisk = fs.readdirSync(OUT_DIR).filter((f) => f.endsWith('.ts')).sort();
    expect(onDisk).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated) expect({ name, same: fs.readFileSync(path.join(OUT_DIR, name), 'utf8') === text }).toEqual({ name, same: true });
  });

  test.each<[string, string[], string]>([
    ['a CRD whose schema is not structural', ['a.yaml'], 'crds/a.yaml: spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields'],
    ['a group and kind defined twice', ['a-ok.yaml', 'b-ok.yaml'], 'crds/b-ok.yaml: CRD widgets.example.com is also defined in crds/a-ok.yaml'],
  ])('the generator stops on %s, naming the file', (_name, files, message) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-crds-'));
    const crd = (specType: string): string => [
      'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata: {name: widgets.example.com}',
      'spec:', '  group: example.com', '  scope: Namespaced', '  names: {kind: Widget, plural: widgets}', '  versions:',
      '    - name: v1', '      served: true', '      storage: true', '      schema:', '        openAPIV3Schema:',
      '          type: object', '          properties:', `            spec: {${specType}}`, '',
    ].join('\n');
    for (const file of files) fs.writeFileSync(path.join(dir, file), crd(file.includes('ok') ? 'type: object' : ''));
    expect(() => generate(dir)).toThrow(message);
  });

  test('every crds/ file names its source and release in its first comment and in crds/README.md', () => {
    const readme = fs.readFileSync(path.join(CRDS_DIR, 'README.md'), 'utf8');
    for (const file of fs.readdirSync(CRDS_DIR).filter((f) => f.endsWith('.yaml'))) {
      const head = fs.readFileSync(path.join(CRDS_DIR, file), 'utf8').split('\n').slice(0, 6).join('\n');
      expect({ file, release: /v\d+\.\d+\.\d+/.test(head), inReadme: readme.includes(`\`${file}\``) }).toEqual({ file, release: true, inReadme: true });
    }
  });

  test('the packed data is compact (descriptions stripped, repeated sub-schemas shared)', () => {
    const bytes = fs.readdirSync(OUT_DIR).reduce((sum, f) => sum + fs.statSync(path.join(OUT_DIR, f)).size, 0);
    const raw = fs.readdirSync(CRDS_DIR).filter((f) => f.endsWith('.yaml')).reduce((sum, f) => sum + fs.statSync(path.join(CRDS_DIR, f)).size, 0);
    expect(bytes).toBeLessThan(raw / 10);
    expect(bytes).toBeLessThan(400 * 1024);
  });

  test('pack and unpack round-trip and share repeated sub-schemas', () => {
    const big = { type: 'object', properties: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, { type: 'string', pattern: '^[a-z]+$' }])) };
    const versions = { 'A/v1': { type: 'object', properties: { x: big, y: big } }, 'A/v2': { type: 'object', properties: { x: big } } };
    const packed = pack(versions);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(versions).length / 2);
    const unpacked = unpack(JSON.parse(JSON.stringify(packed)));
    expect(unpacked).toEqual(versions);
    expect((unpacked['A/v1'].properties as any).x).toBe((unpacked['A/v2'].properties as any).x);
  });

  test('knownCrdSchema builds each strict schema once and knows nothing else', () => {
    const first = knownCrdSchema('monitoring.coreos.com/v1', 'ServiceMonitor');
    expect(first).toBe(knownCrdSchema('monitoring.coreos.com/v1', 'ServiceMonitor'));
    expect(first).toEqual(strictCrdSchema(KNOWN_CRDS.get('monitoring.coreos.com/v1|ServiceMonitor')!.openApiSchema()));
    expect(knownCrdSchema('monitoring.coreos.com/v1', 'Alertmanager')).toBeUndefined();
    expect(knownCrdSchema('argoproj.io/v1alpha2', 'Application')).toBeUndefined();
  });
});

describe('strictCrdSchema', () => {
  test('the strict ServiceMonitor schema: the full CRD (bearerTokenFile, tlsConfig, relabelings), ObjectMeta definitions by name', () => {
    const { definitions, ...schema } = knownCrdSchema('monitoring.coreos.com/v1', 'ServiceMonitor')! as any;
    expect(Object.keys(definitions as object).sort()).toEqual([
      'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
    ]);
    const endpoint = schema.properties.spec.properties.endpoints.items;
    expect(Object.keys(endpoint.properties)).toEqual(expect.arrayContaining(['bearerTokenFile', 'tlsConfig', 'relabelings', 'metricRelabelings', 'port', 'interval']));
    expect(endpoint.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['spec']);
  });

  test('rejects unknown fields, accepts null everywhere (also in an enum), drops documentation keywords', () => {
    const schema = strictCrdSchema({
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          description: 'the spec',
          properties: {
            mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
            size: { type: 'integer', format: 'int64', minimum: 1, nullable: true },
            any: { type: 'object' },
            labels: { type: 'object', additionalProperties: { type: 'string' } },
          },
          'x-kubernetes-validations': [{ rule: 'self.size > 0' }],
        },
      },
    }) as any;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.spec).toEqual({
      type: ['object', 'null'],
      properties: {
        mode: { type: ['string', 'null'], enum: ['a', 'b', null] },
        size: { type: ['integer', 'null'], minimum: 1 },
        any: { type: ['object', 'null'], additionalProperties: false },
        labels: { type: ['object', 'null'], additionalProperties: { type: ['string', 'null'] } },
      },
      additionalProperties: false,
    });
  });

  test('int-or-string takes either type; preserve-unknown-fields keeps a node open; value validations stay as written', () => {
    const schema = strictCrdSchema({
      type: 'object',
      properties: {
        port: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        free: { 'x-kubernetes-preserve-unknown-fields': true },
        either: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ required: ['a'] }, { required: ['b'] }] },
      },
    }) as any;
    expect(schema.properties.port).toEqual({ type: ['integer', 'string', 'null'] });
    expect(schema.properties.extra).toEqual({ type: ['object', 'null'] });
    expect(schema.properties.free).toEqual({});
    expect(schema.properties.either.oneOf).toEqual([{ required: ['a'] }, { required: ['b'] }]);
    expect(schema.properties.either.additionalProperties).toBe(false);
  });

  test('the root metadata is a strict ObjectMeta whatever the CRD says', () => {
    const crd: OpenApiSchema = { type: 'object', properties: { metadata: { type: 'object' } } };
    const schema = strictCrdSchema(crd) as any;
    expect(schema.properties.metadata.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties.metadata.properties)).toEqual(expect.arrayContaining(['name', 'namespace', 'labels', 'annotations']));
    expect(schema.properties.metadata.properties.ownerReferences)
      .toEqual({ type: ['array', 'null'], items: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference', type: 'object' } });
  });
});

describe('the registry resolves the known CRDs lazily', () => {
  test('getSchemaFor knows every known CRD with no registration call', () => {
    for (const crd of [...KNOWN_CRDS.values()].filter((c) => c.served)) {
      expect(getSchemaFor(crd.apiVersion, crd.kind)).toBe(knownCrdSchema(crd.apiVersion, crd.kind));
    }
    expect(getSchemaFor('monitoring.coreos.com/v1', 'Alertmanager')).toBeUndefined();
  });

  test('a registered schema wins, and the known one is back after a reset', () => {
    const open = { type: 'object' };
    registerSchema('monitoring.coreos.com/v1', 'ServiceMonitor', open);
    expect(getSchemaFor('monitoring.coreos.com/v1', 'ServiceMonitor')).toBe(open);
    expect(schemaFindings({ ...SERVICE_MONITOR, spec: { ...SERVICE_MONITOR.spec, bogus: 1 } })).toEqual([]);
    resetRegisteredSchemas();
    expect(getSchemaFor('monitoring.coreos.com/v1', 'ServiceMonitor')).toBe(knownCrdSchema('monitoring.coreos.com/v1', 'ServiceMonitor'));
    expect(schemaFindings({ ...SERVICE_MONITOR, spec: { ...SERVICE_MONITOR.spec, bogus: 1 } }))
      .toEqual(['schema/strict spec.bogus strict decoding error: unknown field "spec.bogus"']);
  });

  test('a schema folder wins over the known schema', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crds-test-'));
    const fromDir = { type: 'object', properties: { apiVersion: {}, kind: {}, metadata: {}, spec: {} }, additionalProperties: false, required: ['status'] };
    fs.writeFileSync(path.join(dir, 'servicemonitor-monitoring-v1.json'), JSON.stringify(fromDir));
    addSchemaDir(dir);
    expect(getSchemaFor('monitoring.coreos.com/v1', 'ServiceMonitor')).toEqual(fromDir);
    expect(schemaFindings(SERVICE_MONITOR)).toEqual(['schema/strict status Required value']);
  });
});

describe('the engine checks the known CRDs', () => {
  test('a valid ServiceMonitor, ExternalSecret, SealedSecret, Application and ApplicationSet pass the schema layer', () => {
    expect(schemaFindings(
      SERVICE_MONITOR,
      {
        apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'shop' },
        spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { name: 'db', creationPolicy: 'Owner' }, data: [{ secretKey: 'password', remoteRef: { key: 'db', property: 'password' } }] },
      },
      { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db', namespace: 'shop' }, spec: { encryptedData: { password: 'AgBy3i4OJSWK+PiTySYZZA9r' } } },
      {
        apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'shop', namespace: 'argocd' },
        spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' }, source: { repoURL: 'https://github.com/acme/shop.git', path: 'dist/prod' } },
      },
      {
        apiVersion: 'argoproj.io/v1alpha1', kind: 'ApplicationSet', metadata: { name: 'shop', namespace: 'argocd' },
        spec: {
          generators: [{ list: { elements: [{ env: 'dev', anything: { goes: true } }] } }],
          template: { metadata: { name: '{{env}}' }, spec: { project: 'default', destination: { namespace: '{{env}}' } } },
        },
      },
    )).toEqual([]);
  });

  test('unknown fields, wrong types, bad enum values and missing required fields are schema/strict errors', () => {
    expect(schemaFindings(
      {
        ...SERVICE_MONITOR,
        metadata: { name: 'web', lables: { app: 'web' } },
        spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'metrics', intervall: '30s', targetPort: true, scheme: 'ftp' }] },
      },
      { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db' }, spec: { template: { type: 'Opaque' } } },
    )).toEqual([
      // kube-openapi keeps the CRD's anyOf next to x-kubernetes-int-or-string: three errors, as the server prints them
      'schema/strict  Invalid value: "": "spec.endpoints[0].targetPort" must validate at least one schema (anyOf)',
      'schema/strict metadata.lables strict decoding error: unknown field "metadata.lables"',
      'schema/strict spec.endpoints[0].intervall strict decoding error: unknown field "spec.endpoints[0].intervall"',
      'schema/strict spec.endpoints[0].scheme Unsupported value: "ftp": supported values: "http", "https", "HTTP", "HTTPS"',
      'schema/strict spec.endpoints[0].targetPort Invalid value: "boolean": spec.endpoints[0].targetPort in body must be of type integer,string: "boolean"',
      'schema/strict spec.endpoints[0].targetPort Invalid value: "boolean": spec.endpoints[0].targetPort in body must be of type integer: "boolean"',
      'schema/strict spec.encryptedData Required value',
    ]);
  });

  test('null is accepted where the API server prunes it', () => {
    expect(schemaFindings({
      ...SERVICE_MONITOR,
      spec: { ...SERVICE_MONITOR.spec, jobLabel: null, endpoints: [{ port: 'metrics', scheme: null, targetPort: null }] },
    })).toEqual([]);
  });

  test('a known CRD is never reported as an unknown kind', () => {
    const report = validate([{ object: SERVICE_MONITOR as SourcedObject['object'], source: { constructPath: 'Test/0' } }], {});
    expect(report.findings.filter((f) => f.rule === 'schema/unknown-kind')).toEqual([]);
    expect(report.findings.filter((f) => f.severity === Severity.ERROR && f.rule.startsWith('schema/'))).toEqual([]);
  });
});
