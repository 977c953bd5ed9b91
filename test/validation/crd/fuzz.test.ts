import * as fc from 'fast-check';
import { KubeObject, validate, ValidationLevel } from '../../../src/validation';

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('type', 'properties', 'items', 'required', 'enum', 'default', 'nullable', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource', 'x-kubernetes-int-or-string', 'x-kubernetes-validations', 'anyOf', 'allOf', 'oneOf', 'not', 'additionalProperties', 'pattern', 'format', 'rule', 'a', 'spec', 'metadata'), tie('value'), { maxKeys: 4 })),
})).value;

test('odd CRDs and custom resources never throw and never report an engine failure', () => {
  fc.assert(fc.property(json, json, json, (schema, spec, versions) => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'ws.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'W', plural: 'ws' }, versions: Array.isArray(versions) ? versions : [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] } };
    const cr = { apiVersion: 'example.com/v1', kind: 'W', metadata: { name: 'w' }, spec };
    const report = validate([cr as KubeObject, crd as KubeObject], { level: ValidationLevel.API });
    expect(report.findings.filter((f) => f.rule === 'engine/rule-failure')).toEqual([]);
  }), { numRuns: 1500 });
});

const structural = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('string'), pattern: fc.option(fc.constantFrom('^[a-z]+$', '(', '\\d+'), { nil: undefined }), format: fc.option(fc.constantFrom('date-time', 'uri', 'int32', 'byte', 'ipv4'), { nil: undefined }), enum: fc.option(fc.array(fc.string(), { maxLength: 2 }), { nil: undefined }), maxLength: fc.option(fc.nat(5), { nil: undefined }), nullable: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('integer'), minimum: fc.option(fc.integer(), { nil: undefined }), default: fc.option(fc.integer(), { nil: undefined }) }, { requiredKeys: ['type'] }),
    fc.record({ 'x-kubernetes-int-or-string': fc.constant(true) }),
    fc.record({ type: fc.constant('array'), items: tie('node'), 'x-kubernetes-list-type': fc.option(fc.constantFrom('set', 'atomic'), { nil: undefined }), maxItems: fc.option(fc.nat(3), { nil: undefined }) }, { requiredKeys: ['type', 'items'] }),
    fc.record({ type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 }), required: fc.option(fc.subarray(['a', 'b']), { nil: undefined }),
      'x-kubernetes-validations': fc.option(fc.array(fc.record({ rule: fc.constantFrom('has(self.a)', 'self.a == self.b', 'size(self) < 3', 'self.a.startsWith("x")', 'isURL(self.a)', 'self.?a.orValue(1) == 1', 'oldSelf == self', '1/0 == 1'), message: fc.option(fc.string(), { nil: undefined }) }), { maxLength: 2 }), { nil: undefined }),
      'x-kubernetes-preserve-unknown-fields': fc.option(fc.constant(true), { nil: undefined }),
      'x-kubernetes-embedded-resource': fc.option(fc.constant(true), { nil: undefined }) }, { requiredKeys: ['type', 'properties'] }),
    fc.record({ type: fc.constant('object'), additionalProperties: tie('node') }),
  ),
})).node;

test('structural CRDs with every keyword and any custom resource: no engine failure, and the object is left unchanged', () => {
  fc.assert(fc.property(structural, json, (spec, data) => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'ws.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'W', plural: 'ws' }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec } } } }] } };
    const cr = { apiVersion: 'example.com/v1', kind: 'W', metadata: { name: 'w' }, spec: data };
    const before = JSON.stringify(cr);
    const report = validate([crd as KubeObject, cr as KubeObject], { level: ValidationLevel.API });
    expect(report.findings.filter((f) => f.rule === 'engine/rule-failure')).toEqual([]);
    expect(JSON.stringify(cr)).toBe(before);
  }), { numRuns: 1500 });
});
