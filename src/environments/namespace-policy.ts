/**
 * Typed settings for the optional ResourceQuota and LimitRange of an environment's namespace.
 */
import { Size } from 'cdk8s';
import { Cpu } from '../constructs/pod/resources';

/**
 * A ResourceQuota for the environment's namespace: totals over all pods (and claims) in it.
 *
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 */
export interface NamespaceQuota {
  /**
   * Total CPU requests (`requests.cpu`).
   * @default - not limited
   */
  readonly requestsCpu?: Cpu;
  /**
   * Total memory requests (`requests.memory`).
   * @default - not limited
   */
  readonly requestsMemory?: Size;
  /**
   * Total CPU limits (`limits.cpu`).
   * @default - not limited
   */
  readonly limitsCpu?: Cpu;
  /**
   * Total memory limits (`limits.memory`).
   * @default - not limited
   */
  readonly limitsMemory?: Size;
  /**
   * Total storage requested by volume claims (`requests.storage`).
   * @default - not limited
   */
  readonly requestsStorage?: Size;
  /**
   * Number of pods (`pods`).
   * @default - not limited
   */
  readonly pods?: number;
  /**
   * Number of volume claims (`persistentvolumeclaims`).
   * @default - not limited
   */
  readonly persistentVolumeClaims?: number;
}

/** CPU and memory of one container, for a LimitRange. */
export interface ContainerResources {
  /**
   * CPU.
   * @default - not set
   */
  readonly cpu?: Cpu;
  /**
   * Memory.
   * @default - not set
   */
  readonly memory?: Size;
}

/**
 * A LimitRange for containers in the environment's namespace: defaults for containers that set
 * nothing, and bounds for those that do.
 *
 * @see https://kubernetes.io/docs/concepts/policy/limit-range/
 */
export interface NamespaceLimits {
  /**
   * Requests given to containers that set none (`defaultRequest`).
   * @default - none
   */
  readonly defaultRequest?: ContainerResources;
  /**
   * Limits given to containers that set none (`default`).
   * @default - none
   */
  readonly defaultLimit?: ContainerResources;
  /**
   * Largest limits a container may set (`max`).
   * @default - no upper bound
   */
  readonly max?: ContainerResources;
  /**
   * Smallest requests a container may set (`min`).
   * @default - no lower bound
   */
  readonly min?: ContainerResources;
}

/** The `hard` map of a ResourceQuota. @internal */
export function quotaHard(quota: NamespaceQuota): Record<string, string> {
  const hard: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) {
      hard[key] = value;
    }
  };
  set('requests.cpu', cpuQuantity(quota.requestsCpu));
  set('requests.memory', sizeQuantity(quota.requestsMemory));
  set('limits.cpu', cpuQuantity(quota.limitsCpu));
  set('limits.memory', sizeQuantity(quota.limitsMemory));
  set('requests.storage', sizeQuantity(quota.requestsStorage));
  set('pods', quota.pods?.toString());
  set('persistentvolumeclaims', quota.persistentVolumeClaims?.toString());
  return hard;
}

/** The container item of a LimitRange spec. @internal */
export function limitRangeItem(limits: NamespaceLimits): Record<string, unknown> {
  const item: Record<string, unknown> = { type: 'Container' };
  const fields: Array<[string, ContainerResources | undefined]> = [
    ['default', limits.defaultLimit], ['defaultRequest', limits.defaultRequest], ['max', limits.max], ['min', limits.min],
  ];
  for (const [field, value] of fields) {
    const map = resourcesMap(value);
    if (map !== undefined) {
      item[field] = map;
    }
  }
  return item;
}

function resourcesMap(value: ContainerResources | undefined): Record<string, string> | undefined {
  if (value === undefined || (value.cpu === undefined && value.memory === undefined)) {
    return undefined;
  }
  return {
    ...(value.cpu !== undefined ? { cpu: cpuQuantity(value.cpu)! } : {}),
    ...(value.memory !== undefined ? { memory: sizeQuantity(value.memory)! } : {}),
  };
}

/** Whole cores as `2`, else millicores as `500m`. */
function cpuQuantity(cpu: Cpu | undefined): string | undefined {
  if (cpu === undefined) {
    return undefined;
  }
  return cpu.millicores % 1000 === 0 ? `${cpu.millicores / 1000}` : `${cpu.millicores}m`;
}

/** Whole gibibytes as `16Gi`, else mebibytes as `512Mi`. */
function sizeQuantity(size: Size | undefined): string | undefined {
  if (size === undefined) {
    return undefined;
  }
  const mebibytes = size.toMebibytes();
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}
