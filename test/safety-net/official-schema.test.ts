/**
 * Safety net: every synthesized object is valid against the official Kubernetes 1.28 schema with
 * unknown fields rejected, independently of the project's own validation engine. The definitions
 * come from $CDK8S_PATTERNS_SHARED_DIR or ../shared; without them the suite passes, saying it skipped.
 */
import * as fs from 'fs';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { App } from 'cdk8s';
import { addExampleCharts } from '../../src/apps';
import { synthesizeApp } from '../../src/synth';
import { KubeObject, SourcedObject } from '../../src/validation/types';
import { describeWithOfficialDefinitions } from '../official-definitions';
import { addDependentCharts, addWebCharts, WebChart } from '../synth/fixtures/charts';

/**
 * API groups of the custom resources the constructs render, which the official schema does not describe
 * (the validator checks them against their CRDs in crds/).
 */
const CUSTOM_RESOURCE_GROUPS = ['monitoring.coreos.com', 'gateway.networking.k8s.io', 'external-secrets.io', 'bitnami.com', 'argoproj.io'];

type Schema = Record<string, unknown>;

/**
 * Makes a schema strict: every object schema with `properties` rejects unknown fields, except
 * where Kubernetes keeps unknown fields (`x-kubernetes-preserve-unknown-fields`); int-or-string
 * markers become an explicit `oneOf`.
 */
function strict(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(strict);
  }
  if (typeof node !== 'object' || node === null) {
    return node;
  }
  const schema: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    schema[key] = key === 'properties' || key === 'definitions'
      ? Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, strict(v)]))
      : typeof value === 'object' ? strict(value) : value;
  }
  if (schema['x-kubernetes-int-or-string'] === true || schema.format === 'int-or-string') {
    return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  }
  if (schema.properties !== undefined && schema.additionalProperties === undefined
    && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    schema.additionalProperties = false;
  }
  return schema;
}

interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** The official schema, compiled lazily per `apiVersion` + `kind`. */
class OfficialSchema {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly definitionByGvk = new Map<string, string>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(file: string) {
    const definitions = (JSON.parse(fs.readFileSync(file, 'utf8')) as { definitions: Record<string, Schema> }).definitions;
    for (const [name, definition] of Object.entries(definitions)) {
      for (const gvk of (definition['x-kubernetes-group-version-kind'] as Gvk[] | undefined) ?? []) {
        const key = `${gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`}/${gvk.kind}`;
        if (!this.definitionByGvk.has(key)) {
          this.definitionByGvk.set(key, name);
        }
      }
    }
    this.ajv.addSchema({ $id: 'k8s', definitions: strict(definitions) as Schema });
  }

  /** The validation errors of an object; `undefined` when its apiVersion and kind are not in the schema. */
  public errorsOf(object: KubeObject): ErrorObject[] | undefined {
    const key = `${String(object.apiVersion)}/${String(object.kind)}`;
    const definition = this.definitionByGvk.get(key);
    if (definition === undefined) {
      return undefined;
    }
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `k8s#/definitions/${definition}` });
      this.compiled.set(key, validate);
    }
    return validate(object) ? [] : validate.errors ?? [];
  }
}

function objectsOf(build: (app: App) => void): SourcedObject[] {
  const app = new App();
  build(app);
  return [...synthesizeApp(app).objects];
}

function describeErrors(errors: ErrorObject[]): string[] {
  return errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${e.params.additionalProperty}` : ''}`);
}

describeWithOfficialDefinitions('the official Kubernetes 1.28 schema', (file) => {
  const schema = new OfficialSchema(file);

  describe.each([
    ['the example apps', addExampleCharts],
    ['the fixture web charts', addWebCharts],
    ['the fixture dependent charts', addDependentCharts],
  ])('%s', (_name, build) => {
    const objects = objectsOf(build);

    test('synthesize at least one object', () => {
      expect(objects.length).toBeGreaterThan(0);
    });

    test('every object is valid against the official 1.28 schema, unknown fields rejected', () => {
      const problems: Record<string, string[]> = {};
      for (const { object, source } of objects) {
        const errors = schema.errorsOf(object);
        if (errors === undefined) {
          const group = String(object.apiVersion).split('/')[0];
          if (!CUSTOM_RESOURCE_GROUPS.includes(group)) {
            problems[source.constructPath!] = [`${String(object.apiVersion)} ${String(object.kind)} is not in the official schema`];
          }
        } else if (errors.length > 0) {
          problems[source.constructPath!] = describeErrors(errors);
        }
      }
      expect(problems).toStrictEqual({});
    });
  });

  describe('the strict official schema', () => {
    const deployment = (): Record<string, any> => JSON.parse(JSON.stringify(objectsOf((app) => new WebChart(app, 'web'))[0].object));

    test('accepts a synthesized Deployment', () => {
      expect(schema.errorsOf(deployment())).toStrictEqual([]);
    });

    test('rejects an unknown field, naming it', () => {
      const object = deployment();
      object.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
      expect(describeErrors(schema.errorsOf(object)!)).toStrictEqual([
        '/spec/template/spec/containers/0 must NOT have additional properties: imagePullPolicyy',
      ]);
    });

    test('rejects an unknown top-level field and a wrong type', () => {
      const object = deployment();
      object.extra = true;
      object.spec.replicas = '2';
      expect(describeErrors(schema.errorsOf(object)!).sort()).toStrictEqual([
        '/ must NOT have additional properties: extra',
        '/spec/replicas must be integer',
      ]);
    });

    test('accepts int-or-string fields as numbers or strings', () => {
      const object = deployment();
      object.spec.strategy.rollingUpdate.maxSurge = 1;
      object.spec.strategy.rollingUpdate.maxUnavailable = '10%';
      expect(schema.errorsOf(object)).toStrictEqual([]);
    });

    test('knows nothing of custom resources', () => {
      expect(schema.errorsOf({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor' })).toBeUndefined();
    });
  });
});
