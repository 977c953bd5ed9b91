/**
 * CEL rules evaluated directly: the Kubernetes list and regex library functions provided here, and
 * what is reported as not evaluated.
 */
import { SchemaNode } from '../../../src/validation/crd/compact';
import { evaluateCelRules } from '../../../src/validation/crd/cel';

const SPEC = { xs: [1, 2, 3], ratios: [0.5, 1.5], names: ['a', 'b', 'a'], s: 'a12b', url: 'https://example.com' };

function outcome(rule: string): string {
  const schema: SchemaNode = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        'x-kubernetes-validations': [{ rule, message: 'failed' }],
        properties: {
          xs: { type: 'array', items: { type: 'integer' } },
          ratios: { type: 'array', items: { type: 'number' } },
          names: { type: 'array', items: { type: 'string' } },
          s: { type: 'string' },
          url: { type: 'string' },
        },
      },
    },
  };
  const { errors, notEvaluated } = evaluateCelRules({ spec: SPEC }, schema);
  return [...errors.map((e) => `error ${e.path}: ${e.message}`), ...notEvaluated.map((e) => `info ${e.path}: ${e.message}`)].join('; ') || 'pass';
}

describe('CEL rules', () => {
  test.each<[string, string]>([
    ['self.xs.isSorted()', 'pass'],
    ['self.names.isSorted()', 'error spec: Invalid value: "object": failed'],
    ['self.xs.sum() == 6', 'pass'],
    ['self.ratios.sum() == 2.0', 'pass'],
    ['self.xs.min() == 1 && self.xs.max() == 3', 'pass'],
    ['self.names.max() == "b"', 'pass'],
    ['self.xs.indexOf(2) == 1 && self.xs.indexOf(9) == -1', 'pass'],
    ['self.names.lastIndexOf("a") == 2', 'pass'],
    ['self.s.find("[0-9]+") == "12"', 'pass'],
    ['self.s.findAll("[a-z]") == ["a", "b"]', 'pass'],
    ['self.s.indexOf("1") == 1', 'pass'],
    ['self.xs.all(x, x > 0) && self.xs.exists_one(x, x == 2)', 'pass'],
    ['self.xs.size() > 5', 'error spec: Invalid value: "object": failed'],
    ['self.missing == 1', 'error spec: Invalid value: "object": no such key: missing evaluating rule: failed'],
    ['[].min() == 1', 'info spec: x-kubernetes-validations rule not evaluated: "[].min() == 1" (min called on empty list)'],
    ['isURL(self.url)', 'info spec: x-kubernetes-validations rule not evaluated: "isURL(self.url)" (unbound function: isURL)'],
    ['self.?s.orValue("") == "x"', 'info spec: x-kubernetes-validations rule not evaluated: "self.?s.orValue(\\"\\") == \\"x\\"" (<input>:1:5: found . but expecting end of input)'],
    ['self.s', 'info spec: x-kubernetes-validations rule not evaluated: "self.s" (the rule returned string, not a bool)'],
    ['self.s == oldSelf.s', 'pass'],
  ])('%s', (rule, expected) => {
    expect(outcome(rule)).toBe(expected);
  });
});
