/**
 * Custom resources against CRDs found in the input, with structural-schema semantics as a 1.28 API
 * server applies them (pruning, nulls, defaults, int-or-string, embedded resources, list types,
 * served versions, CEL rules). The fixtures are our own CRDs.
 */
import { KubeObject, SourcedObject, validate, ValidationLevel } from '../../../src/validation';

type Obj = { [key: string]: unknown };

/** A namespaced CRD `widgets.example.com` exercising every structural feature. */
const WIDGET_CRD: Obj = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { kind: 'Widget', plural: 'widgets' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: {
              spec: {
                type: 'object',
                required: ['size', 'mode'],
                'x-kubernetes-validations': [{ rule: 'self.size <= self.max', message: 'size must not exceed max' }],
                properties: {
                  size: { type: 'integer', minimum: 1 },
                  max: { type: 'integer', default: 5 },
                  mode: { type: 'string', enum: ['fast', 'slow'], default: 'fast' },
                  port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
                  note: { type: 'string', nullable: true },
                  color: { type: 'string' },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  template: { type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true },
                  tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set', maxItems: 3 },
                  name: { type: 'string', pattern: '^[a-z]+$', maxLength: 10 },
                  created: { type: 'string', format: 'date-time' },
                  ratio: { type: 'number', maximum: 1.5, exclusiveMaximum: true },
                  labels: { type: 'object', additionalProperties: { type: 'string' } },
                },
              },
            },
          },
        },
      },
      { name: 'v2', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
    ],
  },
};

/** A cluster-scoped CRD `gadgets.example.com` whose CEL rules need Kubernetes library functions. */
const GADGET_CRD: Obj = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'gadgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Cluster',
    names: { kind: 'Gadget', plural: 'gadgets' },
    versions: [{
      name: 'v1',
      served: true,
      storage: true,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              'x-kubernetes-validations': [
                { rule: 'isURL(self.url)', message: 'url must be a URL' },
                { rule: "self.url.startsWith('https://')", messageExpression: "'url ' + self.url + ' is not https'", fieldPath: '.url' },
                { rule: 'self.url == oldSelf.url', message: 'url is immutable' },
                { rule: "has(self.owner) || self.url.endsWith('.example.com')", reason: 'FieldValueRequired', message: 'owner is required' },
              ],
              properties: { url: { type: 'string' }, owner: { type: 'string' } },
            },
          },
        },
      },
    }],
  },
};

/** Required, Too long, Too many and type errors stop the CEL rules (customresource/strategy.go hasBlockingErr). */
const BLOCKED = 'schema/cel Widget/w : Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

function widget(spec: Obj, metadata: Obj = { name: 'w', namespace: 'shop' }, apiVersion = 'example.com/v1'): Obj {
  return { apiVersion, kind: 'Widget', metadata, spec };
}

/** `rule path: message` of the schema-layer findings (CRD before or after the objects, as given). */
function check(objects: Obj[], level = ValidationLevel.API): string[] {
  const sourced: SourcedObject[] = objects.map((object, i) => ({ object: object as KubeObject, source: { file: 'in.yaml', line: i * 10 + 1 } }));
  return validate(sourced, { level }).findings
    .filter((f) => f.rule.startsWith('schema/') || f.rule === 'cross/cluster-scoped-namespace')
    .map((f) => `${f.rule} ${f.object.kind}/${f.object.name ?? ''} ${f.path}: ${f.message}`);
}

describe('custom resources against a CRD found in the input', () => {
  test.each<[string, Obj, string[]]>([
    ['a valid widget (defaults fill the required mode and max)', { size: 2 }, []],
    ['a missing required field', { mode: 'slow' }, ['schema/strict Widget/w spec.size: Required value', BLOCKED]],
    ['an unknown field (strict decoding)', { size: 2, colour: 'red' }, ['schema/strict Widget/w spec.colour: strict decoding error: unknown field "spec.colour"']],
    ['anything under x-kubernetes-preserve-unknown-fields', { size: 2, extra: { anything: [1, { deep: true }] } }, []],
    ['int-or-string takes an integer', { size: 2, port: 8080 }, []],
    ['int-or-string takes a string', { size: 2, port: 'http' }, []],
    ['int-or-string rejects a boolean (the type, the anyOf, the best anyOf branch)', { size: 2, port: true }, [
      BLOCKED,
      'schema/strict Widget/w : Invalid value: "": "spec.port" must validate at least one schema (anyOf)',
      'schema/strict Widget/w spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
      'schema/strict Widget/w spec.port: Invalid value: "boolean": spec.port in body must be of type integer: "boolean"',
    ]],
    ['null where nullable', { size: 2, note: null }, []],
    ['null where not nullable is pruned', { size: 2, color: null }, []],
    ['a required field set to null is pruned, then missing', { size: null }, ['schema/strict Widget/w spec.size: Required value', BLOCKED]],
    ['null in a list of non-nullable items is a type error', { size: 2, tags: ['a', null] }, [
      BLOCKED,
      'schema/strict Widget/w spec.tags[1]: Invalid value: "null": spec.tags[1] in body must be of type string: "null"',
    ]],
    ['a wrong type', { size: 'two' }, ['schema/strict Widget/w spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"', BLOCKED]],
    ['below the minimum', { size: 0 }, ['schema/strict Widget/w spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1']],
    ['at an exclusive maximum', { size: 2, ratio: 1.5 }, ['schema/strict Widget/w spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5']],
    ['an enum value', { size: 2, mode: 'medium' }, ['schema/strict Widget/w spec.mode: Unsupported value: "medium": supported values: "fast", "slow"']],
    ['a pattern', { size: 2, name: 'Web' }, ["schema/strict Widget/w spec.name: Invalid value: \"Web\": spec.name in body should match '^[a-z]+$'"]],
    ['a max length', { size: 2, name: 'abcdefghijk' }, ['schema/strict Widget/w spec.name: Too long: may not be longer than 10', BLOCKED]],
    ['a date-time format', { size: 2, created: 'yesterday' }, [
      BLOCKED,
      'schema/strict Widget/w spec.created: Invalid value: "yesterday": spec.created in body must be of type date-time: "yesterday"',
    ]],
    ['a valid date-time', { size: 2, created: '2024-02-29T10:00:00Z' }, []],
    ['a map of strings', { size: 2, labels: { a: 'x', b: 1 } }, ['schema/strict Widget/w spec.labels.b: Invalid value: "integer": spec.labels.b in body must be of type string: "integer"', BLOCKED]],
    ['a set with a duplicate', { size: 2, tags: ['a', 'b', 'a'] }, ['schema/strict Widget/w spec.tags[2]: Duplicate value: "a"']],
    ['too many items', { size: 2, tags: ['a', 'b', 'c', 'd'] }, ['schema/strict Widget/w spec.tags: Too many: 4: must have at most 3 items', BLOCKED]],
    ['an embedded resource without apiVersion and kind', { size: 2, template: { spec: {} } }, [
      BLOCKED,
      'schema/strict Widget/w spec.template.apiVersion: Required value: must not be empty',
      'schema/strict Widget/w spec.template.kind: Required value: must not be empty',
    ]],
    ['an embedded resource: metadata is an ObjectMeta, kind a DNS-1035 label in any case', {
      size: 2, template: { apiVersion: 'v1', kind: 'Config_Map', metadata: { name: 'x', lables: {} }, data: { a: 'b' } },
    }, [
      'schema/strict Widget/w spec.template.kind: Invalid value: "Config_Map": may have mixed case, but should otherwise match: ' +
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      'schema/strict Widget/w spec.template.metadata.lables: strict decoding error: unknown field "spec.template.metadata.lables"',
    ]],
    ['an embedded resource: its metadata is checked like an object\'s (labels, path-segment name)', {
      size: 2, template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a/b', labels: { 'bad key!': 'x' } } },
    }, [
      'schema/strict Widget/w spec.template.metadata.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
      "schema/strict Widget/w spec.template.metadata.name: Invalid value: \"a/b\": may not contain '/'",
    ]],
    ['a valid embedded resource', { size: 2, template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: 'b' } } }, []],
    ['a CEL rule that fails', { size: 9 }, ['schema/cel Widget/w spec: Invalid value: "object": size must not exceed max']],
    ['a CEL rule that passes with an explicit max', { size: 9, max: 10 }, []],
    ['CEL rules are not run on an object with type errors (the server says so)', { size: 9, port: [] }, [
      'schema/cel Widget/w : Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
      'schema/strict Widget/w : Invalid value: "": "spec.port" must validate at least one schema (anyOf)',
      'schema/strict Widget/w spec.port: Invalid value: "array": spec.port in body must be of type integer,string: "array"',
      'schema/strict Widget/w spec.port: Invalid value: "array": spec.port in body must be of type integer: "array"',
    ]],
  ])('%s', (_name, spec, expected) => {
    expect(check([WIDGET_CRD, widget(spec)]).sort()).toEqual([...expected].sort());
  });

  test('the custom resource may come before its CRD in the stream', () => {
    expect(check([widget({ size: 2, colour: 'red' }), WIDGET_CRD])).toEqual([
      'schema/strict Widget/w spec.colour: strict decoding error: unknown field "spec.colour"',
    ]);
    expect(check([widget({ size: 2 }), WIDGET_CRD])).toEqual([]);
  });

  test.each<[string, Obj, string[]]>([
    ['a version the CRD does not serve', widget({ size: 2 }, { name: 'w' }, 'example.com/v2'),
      ['schema/unserved-kind Widget/w apiVersion: no matches for kind "Widget" in version "example.com/v2"']],
    ['a version the CRD does not have', widget({ size: 2 }, { name: 'w' }, 'example.com/v3'),
      ['schema/unserved-kind Widget/w apiVersion: no matches for kind "Widget" in version "example.com/v3"']],
    ['a name that is not a DNS subdomain', widget({ size: 2 }, { name: 'My_Widget' }), [
      'schema/cr-name Widget/My_Widget metadata.name: Invalid value: "My_Widget": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
    ]],
    ['an unknown metadata field', widget({ size: 2 }, { name: 'w', lables: { a: 'b' } }),
      ['schema/strict Widget/w metadata.lables: strict decoding error: unknown field "metadata.lables"']],
  ])('%s', (_name, object, expected) => {
    expect(check([object, WIDGET_CRD])).toEqual(expected);
  });

  test('a cluster-scoped custom resource with a namespace: the server drops the namespace (cross layer warning)', () => {
    const gadget = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g', namespace: 'shop' }, spec: { url: 'https://a.example.com' } };
    expect(check([GADGET_CRD, gadget], ValidationLevel.CROSS)).toEqual([
      'cross/cluster-scoped-namespace Gadget/g metadata.namespace: Forbidden: Gadget is cluster-scoped; the namespace "shop" is ignored, remove it',
      'schema/cel-not-evaluated Gadget/g spec: x-kubernetes-validations rule not evaluated: "isURL(self.url)" (unbound function: isURL)',
    ]);
  });

  test('CEL: fieldPath, messageExpression and reason shape the message; oldSelf rules are skipped on create; unsupported functions are reported once per run', () => {
    const gadget = (name: string, spec: Obj): Obj => ({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name }, spec });
    expect(check([GADGET_CRD, gadget('a', { url: 'http://a.example.org' }), gadget('b', { url: 'https://b.example.com' })])).toEqual([
      'schema/cel Gadget/a spec: Required value: owner is required',
      'schema/cel-not-evaluated Gadget/a spec: x-kubernetes-validations rule not evaluated: "isURL(self.url)" (unbound function: isURL)',
      'schema/cel Gadget/a spec.url: Invalid value: "object": url http://a.example.org is not https',
    ]);
  });

  test('a kind no CRD defines stays an unknown kind (a warning), after the whole input is read', () => {
    expect(check([{ apiVersion: 'other.example.com/v1', kind: 'Thing', metadata: { name: 't' } }, WIDGET_CRD])).toEqual([
      'schema/unknown-kind Thing/t kind: no schema for kind "Thing" in version "other.example.com/v1": its fields are not checked (pass its CRD with --crd, or its schema with --schema-dir)',
    ]);
  });

  test.each<[string, Obj, string[]]>([
    ['a field without a type', { type: 'object', properties: { spec: { type: 'object', properties: { size: {} } } } },
      ['spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields']],
    ['a type in a value validation', { type: 'object', properties: { spec: { type: 'object', anyOf: [{ type: 'object', required: ['a'] }] } } },
      ['spec.versions[0].schema.openAPIV3Schema.properties[spec].anyOf[0].type: Forbidden: must be empty to be structural']],
    ['a root that is not an object', { type: 'string' },
      ['spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root']],
    ['properties next to additionalProperties', { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: { type: 'string' } },
      ['spec.versions[0].schema.openAPIV3Schema.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive']],
  ])('a CRD whose schema is not structural is reported (schema/crd) and not used: %s', (_name, schema, expected) => {
    const crd = {
      ...WIDGET_CRD,
      spec: { ...(WIDGET_CRD.spec as Obj), versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
    };
    const findings = check([crd, widget({ size: 2 })]);
    expect(findings.filter((f) => f.startsWith('schema/crd ')).map((f) => f.replace('schema/crd CustomResourceDefinition/widgets.example.com ', ''))).toEqual(expected);
    expect(findings.filter((f) => !f.startsWith('schema/crd '))).toEqual([
      'schema/unknown-kind Widget/w kind: no schema for kind "Widget" in version "example.com/v1": its fields are not checked (pass its CRD with --crd, or its schema with --schema-dir)',
    ]);
  });

  test('a CRD without group, kind or versions is reported, not a crash', () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x.example.com' }, spec: { names: { kind: 'X', plural: 'xs' }, scope: 'Namespaced', versions: [] } };
    expect(check([crd]).filter((f) => f.startsWith('schema/crd'))).toEqual(['schema/crd CustomResourceDefinition/x.example.com spec.group: Required value']);
  });

  test('the first definition of a kind wins; the built-in CRDs (crds/) come first', () => {
    const ownServiceMonitor = {
      ...WIDGET_CRD,
      metadata: { name: 'servicemonitors.monitoring.coreos.com' },
      spec: { ...(WIDGET_CRD.spec as Obj), group: 'monitoring.coreos.com', names: { kind: 'ServiceMonitor', plural: 'servicemonitors' } },
    };
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec: { endpoints: [{ port: 'web' }], selector: {} } };
    expect(check([ownServiceMonitor, monitor])).toEqual([]);
  });

  test('the validator never changes the objects it checks (pruning and defaults work on a copy)', () => {
    const object = widget({ size: 2, color: null, colour: 'x' });
    const before = JSON.stringify(object);
    check([WIDGET_CRD, object]);
    expect(JSON.stringify(object)).toBe(before);
  });
});

describe('the root metadata of a custom resource', () => {
  test('the CRD may constrain metadata.name (and only name and generateName)', () => {
    const crd = {
      ...WIDGET_CRD,
      spec: {
        ...(WIDGET_CRD.spec as Obj),
        versions: [{
          name: 'v1', served: true, storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } } }, spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
        }],
      },
    };
    expect(check([crd, widget({}, { name: 'too-long', namespace: 'shop' })])).toEqual(['schema/strict Widget/too-long metadata.name: Too long: may not be longer than 5']);
    expect(check([crd, widget({}, { name: 'short', namespace: 'shop' })])).toEqual([]);
  });
});
