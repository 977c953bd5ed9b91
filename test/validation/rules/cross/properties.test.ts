import * as fc from 'fast-check';
import { serviceSelectorRule } from '../../../../src/validation/rules/cross/service';
import { BundleIndex, namespaceKey } from '../../../../src/validation/rules/cross/_support/bundle-index';
import { LabelSelector } from '../../../../src/validation/rules/cross/_support/selector';
import { KubeObject } from '../../../../src/validation/types';
import { context, deployment, service } from './fixtures';

const labelsArb = fc.dictionary(fc.constantFrom('app', 'tier', 'track', 'team'), fc.constantFrom('a', 'b', 'c'), { minKeys: 1, maxKeys: 4 });
const nsArb = fc.constantFrom(undefined, 'default', 'shop', 'ops');
const workloadArb = fc.record({ labels: labelsArb, namespace: nsArb });

describe('cross rule invariants', () => {
  test('a Service whose selector equals the labels of a Deployment in its namespace is never dangling', () => {
    fc.assert(
      fc.property(fc.array(workloadArb, { minLength: 1, maxLength: 12 }), fc.nat(), (workloads, pick) => {
        const objects: KubeObject[] = workloads.map((w, i) => deployment({ name: `w${i}`, labels: w.labels, namespace: w.namespace }));
        const chosen = workloads[pick % workloads.length];
        objects.push(service('svc', chosen.labels, undefined, { namespace: chosen.namespace }));
        const flagged = serviceSelectorRule.check(objects, context()).filter((v) => v.index === objects.length - 1);
        expect(flagged).toEqual([]);
      }),
    );
  });

  test('the label index selects exactly what a scan of the namespace selects', () => {
    fc.assert(
      fc.property(fc.array(workloadArb, { maxLength: 15 }), labelsArb, nsArb, (workloads, selectorLabels, ns) => {
        const objects = workloads.map((w, i) => deployment({ name: `w${i}`, labels: w.labels, namespace: w.namespace }));
        const selector = LabelSelector.fromMap(selectorLabels)!;
        const key = namespaceKey(ns);
        const viaIndex = BundleIndex.of(objects).selectWorkloads(key, selector).map((w) => w.index);
        const viaScan = workloads
          .map((w, i) => ({ w, i }))
          .filter(({ w }) => namespaceKey(w.namespace) === key && Object.entries(selectorLabels).every(([k, v]) => w.labels[k] === v))
          .map(({ i }) => i);
        expect(viaIndex).toEqual(viaScan);
      }),
    );
  });

  test('the index is built once per bundle array', () => {
    const objects = [deployment()];
    expect(BundleIndex.of(objects)).toBe(BundleIndex.of(objects));
    expect(BundleIndex.of([...objects])).not.toBe(BundleIndex.of(objects));
  });
});
