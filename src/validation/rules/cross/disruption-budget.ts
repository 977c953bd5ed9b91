/**
 * PodDisruptionBudget wiring: the selector protects some pods, and the budget leaves room for at least
 * one voluntary eviction (otherwise node drains and cluster upgrades hang).
 */
import { BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { asObject } from '../common/field';
import { BundleIndex, describeNamespace, IndexedObject, Workload } from './_support/bundle-index';
import { describeObject, helmTestHookNote } from './_support/pod';
import { LabelSelector } from './_support/selector';

/**
 * The workloads a PDB selects; undefined when it has no selector. Helm test hooks are left out
 * (`helm test` runs them; they are not the pods the budget protects), or kept with `withTestHooks`.
 */
function selectedBy(index: BundleIndex, pdb: IndexedObject, withTestHooks = false): Workload[] | undefined {
  const selector = LabelSelector.fromLabelSelector(asObject(pdb.object.spec)?.selector);
  if (!selector) {
    return undefined;
  }
  const matched = index.selectWorkloads(pdb.ns, selector);
  return withTestHooks ? matched : matched.filter((w) => !w.helmTestHook);
}

/** `cross/pdb-selector`: a PodDisruptionBudget selects at least one workload. */
export const pdbSelectorRule: BundleRule = {
  id: 'cross/pdb-selector',
  layer: Layer.CROSS,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description: 'The selector of every PodDisruptionBudget matches the pod template labels of a workload in its namespace (Helm test hooks do not count).',
  example: 'spec.selector: Not found: "app=web": no pod template in the default namespace has these labels',
  check(objects) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const pdb of index.ofKind('PodDisruptionBudget')) {
      const selected = selectedBy(index, pdb, true);
      if (!selected) {
        out.push({
          index: pdb.index,
          path: 'spec.selector',
          message: 'Required value: a PodDisruptionBudget without a selector protects no pods',
        });
      } else if (selected.every((w) => w.helmTestHook)) {
        const selector = LabelSelector.fromLabelSelector(asObject(pdb.object.spec)?.selector);
        out.push({
          index: pdb.index,
          path: 'spec.selector',
          message: `Not found: ${JSON.stringify(selector?.toString() ?? '')}: no pod template in ${describeNamespace(pdb)} has these labels${helmTestHookNote(selected.map((w) => w.object))}`,
        });
      }
    }
    return out;
  },
};

/** How many pods a workload can run at its smallest: HPA minReplicas, else replicas; undefined if unknown. */
function smallestScale(index: BundleIndex, workload: Workload): { count: number; how: string } | undefined {
  const hpa = index.hpasFor(workload)[0];
  if (hpa) {
    const min = asObject(hpa.object.spec)?.minReplicas;
    const count = typeof min === 'number' ? min : 1;
    return { count, how: `${describeObject(workload.object)} scales down to ${count} with its HPA` };
  }
  if (workload.kind === 'Pod') {
    return { count: 1, how: `Pod ${JSON.stringify(workload.name)} is 1 pod` };
  }
  if (workload.replicas === undefined) {
    return undefined;
  }
  const plural = workload.replicas === 1 ? 'replica' : 'replicas';
  return { count: workload.replicas, how: `${describeObject(workload.object)} has ${workload.replicas} ${plural}` };
}

/** Resolves an int-or-percent against a pod count, rounding up as the disruption controller does. */
function scaled(value: unknown, count: number): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  const match = typeof value === 'string' ? /^(\d+)%$/.exec(value) : null;
  return match ? Math.ceil((Number(match[1]) * count) / 100) : undefined;
}

/** Why the budget never allows an eviction, or undefined. */
function blockingReason(index: BundleIndex, pdb: IndexedObject): BundleViolation | undefined {
  const spec = asObject(pdb.object.spec) ?? {};
  const fix = 'no voluntary eviction is ever allowed and node drains hang';
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    if (spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') {
      return {
        index: pdb.index,
        path: 'spec.maxUnavailable',
        message: `Invalid value: ${JSON.stringify(spec.maxUnavailable)}: with maxUnavailable ${spec.maxUnavailable} ${fix}; allow at least 1`,
      };
    }
    return undefined;
  }
  const minAvailable = spec.minAvailable;
  if (minAvailable === '100%') {
    return {
      index: pdb.index,
      path: 'spec.minAvailable',
      message: `Invalid value: "100%": with minAvailable 100% ${fix}; lower it or use maxUnavailable`,
    };
  }
  const selected = selectedBy(index, pdb) ?? [];
  let count = 0;
  const hows: string[] = [];
  for (const workload of selected) {
    const scale = smallestScale(index, workload);
    if (!scale) {
      return undefined;
    }
    count += scale.count;
    hows.push(scale.how);
  }
  const required = scaled(minAvailable, count);
  if (count === 0 || required === undefined || required < count) {
    return undefined;
  }
  return {
    index: pdb.index,
    path: 'spec.minAvailable',
    message: `Invalid value: ${JSON.stringify(minAvailable)}: minAvailable ${required} is not below the ${count} selected pod${count === 1 ? '' : 's'} (${hows.join(', ')}), so ${fix}; lower minAvailable or use maxUnavailable`,
  };
}

/** `cross/pdb-blocks-eviction`: a PodDisruptionBudget that can never allow a voluntary eviction. */
export const pdbBlocksEvictionRule: BundleRule = {
  id: 'cross/pdb-blocks-eviction',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'A PodDisruptionBudget leaves room for one eviction: maxUnavailable is not 0 and minAvailable is below the smallest pod count of the selected workloads (HPA minReplicas when autoscaled).',
  example:
    'spec.minAvailable: Invalid value: 2: minAvailable 2 is not below the 2 selected pods (Deployment "web" has 2 replicas), so no voluntary eviction is ever allowed and node drains hang; lower minAvailable or use maxUnavailable',
  check(objects) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const pdb of index.ofKind('PodDisruptionBudget')) {
      const violation = blockingReason(index, pdb);
      if (violation) {
        out.push(violation);
      }
    }
    return out;
  },
};
