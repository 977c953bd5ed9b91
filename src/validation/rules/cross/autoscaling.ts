/**
 * HorizontalPodAutoscaler wiring: the scale target exists, its containers have requests for the
 * utilization metrics, and the target does not fight the HPA over `spec.replicas`.
 */
import { BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { asArray, asObject, asString } from '../common/field';
import { BundleIndex, describeNamespace, findExternal, IndexedObject } from './_support/bundle-index';
import { appContainersOf } from './_support/pod';

/** A resource whose utilization an HPA reads, optionally for one container only. */
interface UtilizationMetric {
  readonly resource: string;
  readonly container?: string;
}

/** CPU at 80% utilization: what the HPA controller uses when no metric is given. */
const DEFAULT_METRICS: readonly UtilizationMetric[] = [{ resource: 'cpu' }];

/** The utilization metrics of an HPA (autoscaling/v2 and v1). */
function utilizationMetrics(hpa: IndexedObject): readonly UtilizationMetric[] {
  const spec = asObject(hpa.object.spec) ?? {};
  if (asString(hpa.object.apiVersion) === 'autoscaling/v1') {
    return DEFAULT_METRICS;
  }
  const metrics = asArray(spec.metrics);
  if (metrics.length === 0) {
    return DEFAULT_METRICS;
  }
  return metrics.flatMap((item) => {
    const metric = asObject(item) ?? {};
    const source = asObject(metric.type === 'ContainerResource' ? metric.containerResource : metric.resource);
    const resource = asString(source?.name);
    if (!source || resource === undefined || asObject(source.target)?.type !== 'Utilization') {
      return [];
    }
    if (metric.type === 'ContainerResource') {
      return [{ resource, container: asString(source.container) ?? '' }];
    }
    return metric.type === 'Resource' ? [{ resource }] : [];
  });
}

/** The scale target named by an HPA. */
function targetOf(hpa: IndexedObject): { kind: string; name: string } | undefined {
  const ref = asObject(asObject(hpa.object.spec)?.scaleTargetRef);
  const kind = asString(ref?.kind);
  const name = asString(ref?.name);
  return kind && name ? { kind, name } : undefined;
}

/** `cross/hpa-target`: the HPA scale target exists. */
export const hpaTargetRule: BundleRule = {
  id: 'cross/hpa-target',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'The scaleTargetRef of every HorizontalPodAutoscaler names an object of the bundle or a declared external one.',
  example: 'spec.scaleTargetRef.name: Not found: "web": no Deployment "web" in the default namespace; add it or declare it as an external object',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
      const target = targetOf(hpa);
      if (!target || index.find(target.kind, hpa.ns, target.name) || findExternal(context, target.kind, hpa.ns, target.name)) {
        continue;
      }
      out.push({
        index: hpa.index,
        path: 'spec.scaleTargetRef.name',
        message: `Not found: ${JSON.stringify(target.name)}: no ${target.kind} ${JSON.stringify(target.name)} in ${describeNamespace(hpa)}; add it or declare it as an external object`,
      });
    }
    return out;
  },
};

/** `cross/hpa-requests`: containers of an HPA target have requests for each utilization metric. */
export const hpaRequestsRule: BundleRule = {
  id: 'cross/hpa-requests',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'Containers of a workload scaled on resource utilization request that resource (the HPA computes utilization against requests; no metrics means cpu).',
  example:
    'spec.template.spec.containers[0].resources.requests.cpu: Required value: HorizontalPodAutoscaler "web" scales on cpu utilization, which needs a cpu request in container "app"',
  check(objects) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const hpa of index.ofKind('HorizontalPodAutoscaler')) {
      const target = targetOf(hpa);
      const workload = target && index.findWorkload(target.kind, hpa.ns, target.name);
      if (!workload) {
        continue;
      }
      const seen = new Set<string>();
      for (const metric of utilizationMetrics(hpa)) {
        for (const c of appContainersOf(workload.pod)) {
          if (metric.container !== undefined && metric.container !== c.name) {
            continue;
          }
          const resources = asObject(c.container.resources) ?? {};
          const hasRequest =
            asObject(resources.requests)?.[metric.resource] !== undefined ||
            asObject(resources.limits)?.[metric.resource] !== undefined;
          const path = `${c.path}.resources.requests.${metric.resource}`;
          if (hasRequest || seen.has(path)) {
            continue;
          }
          seen.add(path);
          out.push({
            index: workload.index,
            path,
            message: `Required value: HorizontalPodAutoscaler ${JSON.stringify(hpa.name)} scales on ${metric.resource} utilization, which needs a ${metric.resource} request in container ${JSON.stringify(c.name)}`,
          });
        }
      }
    }
    return out;
  },
};

/** `cross/hpa-replicas`: a workload scaled by an HPA does not also set spec.replicas. */
export const hpaReplicasRule: BundleRule = {
  id: 'cross/hpa-replicas',
  layer: Layer.CROSS,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description:
    'A workload targeted by a HorizontalPodAutoscaler leaves spec.replicas unset, so that re-applying the manifest does not reset the scale.',
  example:
    'spec.replicas: Forbidden: HorizontalPodAutoscaler "web" manages the replicas of this Deployment; remove spec.replicas so that every apply does not reset the scale',
  check(objects) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const workload of index.workloads) {
      const hpas = workload.setsReplicas ? index.hpasFor(workload) : [];
      if (hpas.length > 0) {
        out.push({
          index: workload.index,
          path: 'spec.replicas',
          message: `Forbidden: HorizontalPodAutoscaler ${JSON.stringify(hpas[0].name)} manages the replicas of this ${workload.kind}; remove spec.replicas so that every apply does not reset the scale`,
        });
      }
    }
    return out;
  },
};
