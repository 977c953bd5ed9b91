/**
 * Workload controllers of one namespace whose selectors match each other's pods.
 */
import { BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { asObject } from '../common/field';
import { BundleIndex, Workload } from './_support/bundle-index';
import { describeObject, listNames } from './_support/pod';

/** True for objects that own pods by selector (Jobs only with `manualSelector: true`; Helm test hooks never). */
function isSelectingController(workload: Workload): boolean {
  if (workload.helmTestHook || !workload.selector || workload.kind === 'Pod' || workload.kind === 'CronJob') {
    return false;
  }
  return workload.kind !== 'Job' || asObject(workload.object.spec)?.manualSelector === true;
}

/** `cross/selector-overlap`: two controllers (or a controller and a bare Pod) select the same pods. */
export const selectorOverlapRule: BundleRule = {
  id: 'cross/selector-overlap',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    "No workload controller's selector matches the pod template of another workload (or a bare Pod) in the same namespace; Helm test hooks are left out, and each controller gets one finding naming the others.",
  example:
    'spec.selector: Invalid value: "app=web": also matches the pods of Deployment "web"; controllers with overlapping selectors fight over the same pods',
  check(objects) {
    const index = BundleIndex.of(objects);
    const reported = new Set<string>();
    // The other workloads each reporting controller overlaps with, by the reporter's bundle index.
    const othersOf = new Map<number, { reporter: Workload; others: string[] }>();
    for (const a of index.workloads) {
      if (!isSelectingController(a) || !a.selector || a.selector.isEmpty) {
        continue;
      }
      for (const b of index.selectWorkloads(a.ns, a.selector)) {
        if (b === a || b.helmTestHook || (b.kind !== 'Pod' && !isSelectingController(b))) {
          continue;
        }
        const [first, second] = a.index < b.index ? [a, b] : [b, a];
        const pair = `${first.index}|${second.index}`;
        if (reported.has(pair)) {
          continue;
        }
        reported.add(pair);
        // Report on the later object, unless it is a bare Pod (which has no selector to fix).
        const reporter = second.kind === 'Pod' ? a : second;
        const other = reporter === a ? b : a;
        const group = othersOf.get(reporter.index);
        if (group) {
          group.others.push(describeObject(other.object));
        } else {
          othersOf.set(reporter.index, { reporter, others: [describeObject(other.object)] });
        }
      }
    }
    const out: BundleViolation[] = [];
    for (const { reporter, others } of othersOf.values()) {
      out.push({
        index: reporter.index,
        path: 'spec.selector',
        message: `Invalid value: ${JSON.stringify(reporter.selector?.toString() ?? '')}: also matches the pods of ${listNames(others)}; controllers with overlapping selectors fight over the same pods`,
      });
    }
    return out.sort((x, y) => x.index - y.index);
  },
};
