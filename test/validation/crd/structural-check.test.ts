import { checkCrd, crdProblems, structuralProblems } from '../../../src/validation/crd/structural-check';

type Obj = Record<string, unknown>;

const crdWith = (schema: unknown): Obj => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }],
  },
});

describe('structuralProblems', () => {
  test.each<[string, unknown, string[]]>([
    ['a structural schema', { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } } }, []],
    ['nested items, additionalProperties and keys that need no quoting', {
      type: 'object',
      properties: {
        'a.b': { type: 'array', items: { type: 'object', additionalProperties: { properties: {} } } },
        __proto__x: { type: 'array' },
      },
    }, [
      'root.properties[a.b].items.additionalProperties.type: Required value: must not be empty for specified object fields',
      'root.properties[__proto__x].items: Required value: must be specified',
    ]],
    ['a null field schema and null items read as the empty schema', { type: 'object', properties: { a: null, b: { type: 'array', items: null } } }, [
      'root.properties[a].type: Required value: must not be empty for specified object fields',
      'root.properties[b].items.type: Required value: must not be empty for specified array items',
    ]],
    ['problems of one node come in the server\'s order, before those of its sub-schemas', {
      $ref: '#/x',
      'x-kubernetes-embedded-resource': true,
      properties: { a: { type: 'string' } },
      additionalProperties: { type: 'string' },
      'x-kubernetes-int-or-string': true,
      'x-kubernetes-preserve-unknown-fields': true,
      allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }], description: 'd' }],
      not: { nullable: true },
    }, [
      'root.$ref: Forbidden: $ref is not supported',
      'root.type: Required value: must be object if x-kubernetes-embedded-resource is true',
      'root.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive',
      'root.x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true',
      'root.allOf[0].description: Forbidden: must be empty to be structural',
      'root.not.nullable: Forbidden: must be false to be structural',
    ]],
    ['value validations under a field keep the field\'s path', { type: 'object', properties: { spec: { type: 'object', oneOf: [{ properties: { x: { type: 'string' } } }] } } }, [
      'root.properties[spec].oneOf[0].properties[x].type: Forbidden: must be empty to be structural',
    ]],
    ['an items array', { type: 'object', properties: { a: { type: 'array', items: [{ type: 'string' }] } } }, [
      'root.properties[a].items: Forbidden: items must be a schema object and not an array',
    ]],
  ])('%s', (_name, schema, expected) => {
    expect(structuralProblems(schema, 'root')).toEqual(expected);
  });
});

describe('crdProblems and checkCrd', () => {
  const bad = { type: 'object', properties: { size: {} } };
  const problem = 'spec.versions[0].schema.openAPIV3Schema.properties[size].type: Required value: must not be empty for specified object fields';

  test('checkCrd hands its answer to the next crdProblems call on the same object; each caller gets its own array', () => {
    const crd = crdWith(bad);
    const first = checkCrd(crd);
    expect(first).toEqual([problem]);
    const second = crdProblems(crd);
    expect(second).toEqual([problem]);
    expect(second).not.toBe(first);
    second.push('changed by the caller');
    expect(crdProblems(crd)).toEqual([problem]);
  });

  test('a CRD changed after it was checked is checked again', async () => {
    const crd = crdWith(bad);
    expect(checkCrd(crd)).toEqual([problem]);
    await Promise.resolve(); // the hand-off lasts until the current task's microtasks
    ((crd.spec as Obj).versions as Obj[])[0].schema = { openAPIV3Schema: { type: 'object' } };
    expect(crdProblems(crd)).toEqual([]);
  });

  test('another object is not given the hand-off', () => {
    const good = crdWith({ type: 'object' });
    expect(checkCrd(crdWith(bad))).toEqual([problem]);
    expect(crdProblems(good)).toEqual([]);
  });
});
