/**
 * The capacity of an environment: per workload and in total, replicas (fixed, or a range with a
 * HorizontalPodAutoscaler), CPU and memory requests and limits times replicas, and storage
 * (PersistentVolumeClaims, and claim templates times replicas).
 */
import { Quantity } from '../../validation/rules/common/quantity';
import { asArray, asObject, JsonObject } from '../../validation/rules/common/field';
import { KubeObject } from '../../validation/types';
import { cmp } from './model';
import { containersOf, field, identify, podTemplateOf } from './objects';
import { ReplicaMode } from './values';

export { ReplicaMode };

/** A closed range of numbers; `min === max` for a fixed amount. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** Replicas of a workload. */
export interface ReplicaRange extends Range {
  readonly mode: ReplicaMode;
}

/** CPU in millicores and memory in bytes. */
export interface ResourceAmounts {
  readonly cpuMillis: number;
  readonly memoryBytes: number;
}

/** CPU and memory of one pod, or ranges of them over replicas. */
export interface ResourceRanges {
  readonly cpuMillis: Range;
  readonly memoryBytes: Range;
}

/** The capacity of one workload. */
export interface WorkloadCapacity {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly replicas: ReplicaRange;
  /** Effective requests of one pod (app containers and sidecars, or the largest init container). */
  readonly podRequests: ResourceAmounts;
  /** Effective limits of one pod (of the containers that set one). */
  readonly podLimits: ResourceAmounts;
  /** Whether some container sets no CPU limit (the total is then a lower bound). */
  readonly cpuUnlimited: boolean;
  /** Whether some container sets no memory limit. */
  readonly memoryUnlimited: boolean;
  /** Requests times replicas. */
  readonly requests: ResourceRanges;
  /** Limits times replicas. */
  readonly limits: ResourceRanges;
  /** Claim-template storage times replicas, in bytes. */
  readonly storageBytes: Range;
}

/** A PersistentVolumeClaim of the objects. */
export interface ClaimCapacity {
  readonly name: string;
  readonly namespace: string;
  readonly storageBytes: number;
}

/** The capacity of a set of objects. */
export interface CapacityReport {
  /** Workloads sorted by namespace, kind and name. */
  readonly workloads: readonly WorkloadCapacity[];
  /** Standalone PersistentVolumeClaims sorted by namespace and name. */
  readonly claims: readonly ClaimCapacity[];
  /** The sums over workloads (and, for storage, claims). */
  readonly total: {
    readonly requests: ResourceRanges;
    readonly limits: ResourceRanges;
    readonly storageBytes: Range;
    readonly cpuUnlimited: boolean;
    readonly memoryUnlimited: boolean;
  };
}

const WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job'];

/** The replica range of every workload, keyed `Kind|namespace|name`. */
export function replicaRanges(objects: readonly KubeObject[]): Map<string, ReplicaRange> {
  const hpa = new Map<string, Range>();
  for (const object of objects) {
    if (object.kind !== 'HorizontalPodAutoscaler') continue;
    const id = identify(object);
    const target = asObject(field(object, 'spec', 'scaleTargetRef'));
    const max = field(object, 'spec', 'maxReplicas');
    if (!id || !target || typeof max !== 'number') continue;
    const min = field(object, 'spec', 'minReplicas');
    hpa.set(`${String(target.kind)}|${id.namespace}|${String(target.name)}`, { min: typeof min === 'number' ? min : 1, max });
  }
  const out = new Map<string, ReplicaRange>();
  for (const object of objects) {
    const id = identify(object);
    if (!id || !WORKLOADS.includes(id.kind)) continue;
    const key = `${id.kind}|${id.namespace}|${id.name}`;
    out.set(key, replicaRange(object, hpa.get(key)));
  }
  return out;
}

function replicaRange(object: KubeObject, hpa: Range | undefined): ReplicaRange {
  if (hpa) return { ...hpa, mode: ReplicaMode.AUTOSCALED };
  const count = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : 1);
  switch (object.kind) {
    case 'DaemonSet':
      return { min: 1, max: 1, mode: ReplicaMode.PER_NODE };
    case 'Job': {
      const n = count(field(object, 'spec', 'parallelism'));
      return { min: n, max: n, mode: ReplicaMode.PER_RUN };
    }
    case 'CronJob': {
      const n = count(field(object, 'spec', 'jobTemplate', 'spec', 'parallelism'));
      return { min: n, max: n, mode: ReplicaMode.PER_RUN };
    }
    default: {
      const n = count(field(object, 'spec', 'replicas'));
      return { min: n, max: n, mode: ReplicaMode.FIXED };
    }
  }
}

/** Computes the capacity of `objects`. */
export function capacityOf(objects: readonly KubeObject[]): CapacityReport {
  const ranges = replicaRanges(objects);
  const workloads: WorkloadCapacity[] = [];
  const claims: ClaimCapacity[] = [];
  for (const object of objects) {
    const id = identify(object);
    if (!id) continue;
    if (id.kind === 'PersistentVolumeClaim') {
      claims.push({ name: id.name, namespace: id.namespace, storageBytes: claimBytes(object.spec) });
      continue;
    }
    const replicas = ranges.get(`${id.kind}|${id.namespace}|${id.name}`);
    if (!replicas) continue;
    const pod = podResources(asObject(podTemplateOf(object)?.spec));
    const perReplicaStorage = asArray(field(object, 'spec', 'volumeClaimTemplates'))
      .reduce<number>((sum, t) => sum + claimBytes(asObject(t)?.spec), 0);
    workloads.push({
      kind: id.kind,
      name: id.name,
      namespace: id.namespace,
      replicas,
      podRequests: pod.requests,
      podLimits: pod.limits,
      cpuUnlimited: pod.cpuUnlimited,
      memoryUnlimited: pod.memoryUnlimited,
      requests: times(pod.requests, replicas),
      limits: times(pod.limits, replicas),
      storageBytes: { min: perReplicaStorage * replicas.min, max: perReplicaStorage * replicas.max },
    });
  }
  workloads.sort((a, b) => cmp(a.namespace, b.namespace) || WORKLOADS.indexOf(a.kind) - WORKLOADS.indexOf(b.kind) || cmp(a.name, b.name));
  claims.sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  const claimBytesTotal = claims.reduce((sum, c) => sum + c.storageBytes, 0);
  return {
    workloads,
    claims,
    total: {
      requests: sumRanges(workloads.map(w => w.requests)),
      limits: sumRanges(workloads.map(w => w.limits)),
      storageBytes: {
        min: claimBytesTotal + workloads.reduce((sum, w) => sum + w.storageBytes.min, 0),
        max: claimBytesTotal + workloads.reduce((sum, w) => sum + w.storageBytes.max, 0),
      },
      cpuUnlimited: workloads.some(w => w.cpuUnlimited),
      memoryUnlimited: workloads.some(w => w.memoryUnlimited),
    },
  };
}

interface PodResources {
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
  readonly cpuUnlimited: boolean;
  readonly memoryUnlimited: boolean;
}

/**
 * The effective resources of a pod, as the scheduler sees them: the larger of (app containers plus
 * sidecar init containers) and the largest regular init container.
 */
function podResources(podSpec: JsonObject | undefined): PodResources {
  const running = { requests: { cpu: 0, memory: 0 }, limits: { cpu: 0, memory: 0 } };
  const init = { requests: { cpu: 0, memory: 0 }, limits: { cpu: 0, memory: 0 } };
  let cpuUnlimited = false;
  let memoryUnlimited = false;
  for (const { container, list } of containersOf(podSpec)) {
    const resources = asObject(container.resources);
    const requests = asObject(resources?.requests);
    const limits = asObject(resources?.limits);
    const sidecar = list === 'initContainers' && container.restartPolicy === 'Always';
    const cpuLimit = quantity(limits?.cpu, 1_000_000n);
    const memoryLimit = quantity(limits?.memory, 1_000_000_000n);
    // an unset request defaults to the limit
    const cpuRequest = quantity(requests?.cpu, 1_000_000n) ?? cpuLimit ?? 0;
    const memoryRequest = quantity(requests?.memory, 1_000_000_000n) ?? memoryLimit ?? 0;
    if (list === 'containers' || sidecar) {
      running.requests.cpu += cpuRequest;
      running.requests.memory += memoryRequest;
      running.limits.cpu += cpuLimit ?? 0;
      running.limits.memory += memoryLimit ?? 0;
      cpuUnlimited ||= cpuLimit === undefined;
      memoryUnlimited ||= memoryLimit === undefined;
    } else {
      init.requests.cpu = Math.max(init.requests.cpu, cpuRequest);
      init.requests.memory = Math.max(init.requests.memory, memoryRequest);
      init.limits.cpu = Math.max(init.limits.cpu, cpuLimit ?? 0);
      init.limits.memory = Math.max(init.limits.memory, memoryLimit ?? 0);
    }
  }
  return {
    requests: { cpuMillis: Math.max(running.requests.cpu, init.requests.cpu), memoryBytes: Math.max(running.requests.memory, init.requests.memory) },
    limits: { cpuMillis: Math.max(running.limits.cpu, init.limits.cpu), memoryBytes: Math.max(running.limits.memory, init.limits.memory) },
    cpuUnlimited,
    memoryUnlimited,
  };
}

/** A quantity in units of `nanosPerUnit` nano-units, rounded up; undefined when unset or invalid. */
function quantity(value: unknown, nanosPerUnit: bigint): number | undefined {
  const q = Quantity.parse(value);
  if (!q || q.sign < 0) return undefined;
  return Number((q.nanos + nanosPerUnit - 1n) / nanosPerUnit);
}

function claimBytes(spec: unknown): number {
  return quantity(field(spec, 'resources', 'requests', 'storage'), 1_000_000_000n) ?? 0;
}

function times(amounts: ResourceAmounts, replicas: Range): ResourceRanges {
  return {
    cpuMillis: { min: amounts.cpuMillis * replicas.min, max: amounts.cpuMillis * replicas.max },
    memoryBytes: { min: amounts.memoryBytes * replicas.min, max: amounts.memoryBytes * replicas.max },
  };
}

function sumRanges(list: readonly ResourceRanges[]): ResourceRanges {
  const sum = (pick: (r: ResourceRanges) => Range): Range => ({
    min: list.reduce((s, r) => s + pick(r).min, 0),
    max: list.reduce((s, r) => s + pick(r).max, 0),
  });
  return { cpuMillis: sum(r => r.cpuMillis), memoryBytes: sum(r => r.memoryBytes) };
}
