/**
 * Best-practice checks for availability: more than one replica, autoscalers that keep two, and a
 * PodDisruptionBudget for replicated workloads. The replica and PDB checks need the bundle.
 */
import { BundleRule, BundleViolation, ObjectRule } from '../../rule';
import { KubeObject, Layer, Severity } from '../../types';
import { asObject } from '../common/field';
import { BundleAnalysis, BundleIndex, Workload } from '../cross/_support/bundle-index';
import { describeObject, REPLICATED_KINDS } from '../cross/_support/pod';
import { LabelSelector } from '../cross/_support/selector';

const MIN_REPLICAS = 2;

/** `policy/min-replicas`: replicated workloads without an HPA run at least 2 replicas. */
export const minReplicasRule: BundleRule = {
  id: 'policy/min-replicas',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description: 'Deployments, StatefulSets and ReplicaSets that no HorizontalPodAutoscaler scales run at least 2 replicas (0 is left alone).',
  example:
    'spec.replicas: Invalid value: 1: a single replica is down during every rollout or node drain; set replicas to 2 or more, or add a HorizontalPodAutoscaler',
  check(objects) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const w of index.workloads) {
      if (w.replicas === undefined || w.replicas === 0 || w.replicas >= MIN_REPLICAS || index.hpasFor(w).length > 0) {
        continue;
      }
      out.push({
        index: w.index,
        path: 'spec.replicas',
        message: `Invalid value: ${w.replicas}: a single replica is down during every rollout or node drain; set replicas to 2 or more, or add a HorizontalPodAutoscaler`,
      });
    }
    return out;
  },
};

/** `policy/hpa-min-replicas`: autoscalers keep at least 2 replicas. */
export const hpaMinReplicasRule: ObjectRule = {
  id: 'policy/hpa-min-replicas',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'object',
  kinds: ['HorizontalPodAutoscaler'],
  description: 'HorizontalPodAutoscalers keep minReplicas at 2 or more (the default is 1).',
  example: 'spec.minReplicas: Invalid value: 1: the autoscaler may scale down to a single pod; set minReplicas to 2 or more',
  check(object: KubeObject) {
    const min = asObject(object.spec)?.minReplicas;
    const value = typeof min === 'number' ? min : 1;
    return value < MIN_REPLICAS
      ? [
          {
            path: 'spec.minReplicas',
            message: `Invalid value: ${value}: the autoscaler may scale down to a single pod; set minReplicas to 2 or more`,
          },
        ]
      : [];
  },
};

/** The workloads some object of `kind` selects with its `selectorField` label selector; computed once per bundle. */
export function selectedByKind(index: BundleIndex, kind: string, selectorField: string): ReadonlySet<Workload> {
  const byKind = index.analysis(SELECTED);
  const key = `${kind}.${selectorField}`;
  let selected = byKind.get(key);
  if (!selected) {
    selected = findSelected(index, kind, selectorField);
    byKind.set(key, selected);
  }
  return selected;
}

const SELECTED: BundleAnalysis<Map<string, ReadonlySet<Workload>>> = {
  name: 'workloads selected by the objects of a kind, per kind and selector field',
  compute: () => new Map(),
};

function findSelected(index: BundleIndex, kind: string, selectorField: string): Set<Workload> {
  const selected = new Set<Workload>();
  for (const entry of index.ofKind(kind)) {
    const selector = LabelSelector.fromLabelSelector(asObject(entry.object.spec)?.[selectorField]);
    if (selector) {
      for (const w of index.selectWorkloads(entry.ns, selector)) {
        selected.add(w);
      }
    }
  }
  return selected;
}

/** `policy/pdb-missing`: replicated workloads have a PodDisruptionBudget. */
export const pdbMissingRule: BundleRule = {
  id: 'policy/pdb-missing',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description:
    'Deployments, StatefulSets and ReplicaSets with 2 or more replicas (or an HPA) are selected by a PodDisruptionBudget.',
  example:
    'spec.template.metadata.labels: Required value: no PodDisruptionBudget selects the pods of Deployment "web" (3 replicas); a node drain may evict them all at once',
  check(objects) {
    const index = BundleIndex.of(objects);
    const protectedSet = selectedByKind(index, 'PodDisruptionBudget', 'selector');
    const out: BundleViolation[] = [];
    for (const w of index.workloads) {
      if (!REPLICATED_KINDS.includes(w.kind) || protectedSet.has(w)) {
        continue;
      }
      const autoscaled = index.hpasFor(w).length > 0;
      if (!autoscaled && (w.replicas ?? 1) < MIN_REPLICAS) {
        continue;
      }
      const scale = autoscaled ? 'autoscaled' : `${w.replicas} replicas`;
      out.push({
        index: w.index,
        path: `${w.pod.metadataPath}.labels`,
        message: `Required value: no PodDisruptionBudget selects the pods of ${describeObject(w.object)} (${scale}); a node drain may evict them all at once`,
      });
    }
    return out;
  },
};
