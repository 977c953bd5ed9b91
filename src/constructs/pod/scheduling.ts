import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { wholeSeconds } from './durations';
import { ValidationError } from '../core/errors';
import { k8s } from '../core/plus';
import { checkDns1123Subdomain, checkLabels, isLabelValue, isQualifiedName } from '../core/validators';

/** How a node label is matched. */
export enum NodeLabelOperator {
  /** The label has one of `values`. */
  IN = 'In',
  /** The label is absent or has none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present (no `values`). */
  EXISTS = 'Exists',
  /** The label is absent (no `values`). */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** A requirement on a node label, e.g. `{ key: 'kubernetes.io/arch', operator: NodeLabelOperator.IN, values: ['arm64'] }`. */
export interface NodeLabelRequirement {
  /** The node label key. */
  readonly key: string;
  /** How it is matched. */
  readonly operator: NodeLabelOperator;
  /**
   * The values (`IN`, `NOT_IN`: at least one; `EXISTS`, `DOES_NOT_EXIST`: none).
   * @default - none
   */
  readonly values?: string[];
}

/** Node affinity preferred with a weight. */
export interface PreferredNodeLabels {
  /** 1-100: how much the scheduler prefers nodes that match. */
  readonly weight: number;
  /** Every requirement must hold. */
  readonly requirements: NodeLabelRequirement[];
}

/** Keeping the pods of one app apart (pod anti-affinity on the app's selector). */
export enum PodAntiAffinity {
  /** Prefer one pod per node. */
  PREFERRED_PER_NODE = 'preferred-per-node',
  /** At most one pod per node: pods that cannot be placed stay Pending. */
  REQUIRED_PER_NODE = 'required-per-node',
  /** Prefer one pod per zone. */
  PREFERRED_PER_ZONE = 'preferred-per-zone',
}

/** What a toleration matches. */
export enum TolerationOperator {
  /** The taint has `key` and `value`. */
  EQUAL = 'Equal',
  /** The taint has `key` (any value), or, without a key, any taint. */
  EXISTS = 'Exists',
}

/** The effect of a taint. */
export enum TaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Running pods are evicted. */
  NO_EXECUTE = 'NoExecute',
}

/** A toleration of node taints. */
export interface Toleration {
  /**
   * The taint key.
   * @default - every key (only with `TolerationOperator.EXISTS`)
   */
  readonly key?: string;
  /**
   * How the taint is matched.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value (`EQUAL` only).
   * @default - the empty value
   */
  readonly value?: string;
  /**
   * The taint effect tolerated.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * How long a pod stays on a node after a `NO_EXECUTE` taint appears.
   * @default - forever
   */
  readonly tolerationPeriod?: Duration;
}

/** Whether a spread constraint may leave pods unscheduled. */
export enum SpreadMode {
  /** Spread when possible (the default). */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
  /** Never place a pod that would exceed `maxSkew`; it stays Pending. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
}

/** The topology spread of the pods (replaces the default soft spread over nodes and zones). */
export interface SpreadOptions {
  /**
   * The node labels to spread over.
   * @default ['kubernetes.io/hostname', 'topology.kubernetes.io/zone']
   */
  readonly topologyKeys?: string[];
  /**
   * The largest allowed difference in pod count between two domains.
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * What happens when the spread cannot be kept.
   * @default SpreadMode.SCHEDULE_ANYWAY
   */
  readonly mode?: SpreadMode;
}

/**
 * Where the pods may and should run.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/
 */
export interface SchedulingOptions {
  /**
   * Node labels every node must have (`nodeSelector`).
   * @default - any node
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Node labels the node must match (required node affinity; all of them).
   * @default - none
   */
  readonly requiredNodeLabels?: NodeLabelRequirement[];
  /**
   * Node labels the scheduler prefers (preferred node affinity).
   * @default - none
   */
  readonly preferredNodeLabels?: PreferredNodeLabels[];
  /**
   * Keep the app's pods apart.
   * @default - none besides the topology spread
   */
  readonly podAntiAffinity?: PodAntiAffinity;
  /**
   * Taints the pods tolerate.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * The PriorityClass of the pods.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * The topology spread; `spread: false` on the workload turns it off.
   * @default - soft (ScheduleAnyway), maxSkew 1, over hostname and zone
   */
  readonly spread?: SpreadOptions;
}

/** The pod spec fields of `SchedulingOptions`. */
export interface ResolvedScheduling {
  readonly nodeSelector?: Record<string, string>;
  readonly affinity?: k8s.Affinity;
  readonly tolerations?: k8s.Toleration[];
  readonly priorityClassName?: string;
  readonly spread: Required<SpreadOptions>;
}

const DEFAULT_SPREAD: Required<SpreadOptions> = {
  topologyKeys: ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'],
  maxSkew: 1,
  mode: SpreadMode.SCHEDULE_ANYWAY,
};

/**
 * Validates `SchedulingOptions` and renders them for a pod whose app pods carry `selector`.
 *
 * @internal
 */
export function resolveScheduling(scope: IConstruct, options: SchedulingOptions = {}, selector: Record<string, string>): ResolvedScheduling {
  const prop = 'scheduling';
  checkLabels(scope, `${prop}.nodeSelector`, options.nodeSelector);
  const required = (options.requiredNodeLabels ?? []).map((r, i) => requirement(scope, `${prop}.requiredNodeLabels[${i}]`, r));
  const preferred = (options.preferredNodeLabels ?? []).map((p, i) => {
    const where = `${prop}.preferredNodeLabels[${i}]`;
    if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) {
      throw new ValidationError(scope, `'${where}.weight' (${p.weight}) must be an integer between 1 and 100`);
    }
    if (!Array.isArray(p.requirements) || p.requirements.length === 0) {
      throw new ValidationError(scope, `'${where}.requirements' must list at least one requirement`);
    }
    return { weight: p.weight, preference: { matchExpressions: p.requirements.map((r, j) => requirement(scope, `${where}.requirements[${j}]`, r)) } };
  });
  const antiAffinity = podAntiAffinity(scope, `${prop}.podAntiAffinity`, options.podAntiAffinity, selector);
  const nodeAffinity = required.length || preferred.length ? {
    ...(required.length ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: required }] } } : {}),
    ...(preferred.length ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
  } : undefined;
  const tolerations = (options.tolerations ?? []).map((t, i) => toleration(scope, `${prop}.tolerations[${i}]`, t));
  if (options.priorityClassName !== undefined) {
    checkDns1123Subdomain(scope, `${prop}.priorityClassName`, options.priorityClassName);
  }
  return {
    ...(options.nodeSelector && Object.keys(options.nodeSelector).length ? { nodeSelector: { ...options.nodeSelector } } : {}),
    ...(nodeAffinity || antiAffinity ? { affinity: { ...(nodeAffinity ? { nodeAffinity } : {}), ...(antiAffinity ? { podAntiAffinity: antiAffinity } : {}) } } : {}),
    ...(tolerations.length ? { tolerations } : {}),
    ...(options.priorityClassName !== undefined ? { priorityClassName: options.priorityClassName } : {}),
    spread: spread(scope, `${prop}.spread`, options.spread),
  };
}

function requirement(scope: IConstruct, prop: string, r: NodeLabelRequirement): k8s.NodeSelectorRequirement {
  if (typeof r?.key !== 'string' || !isQualifiedName(r.key)) {
    throw new ValidationError(scope, `'${prop}.key' (${JSON.stringify(r?.key)}) must be a label key (a qualified name, e.g. 'kubernetes.io/arch')`);
  }
  const values = r.values ?? [];
  switch (r.operator) {
    case NodeLabelOperator.IN:
    case NodeLabelOperator.NOT_IN:
      if (values.length === 0) {
        throw new ValidationError(scope, `'${prop}.values' must list at least one value for NodeLabelOperator.${r.operator === NodeLabelOperator.IN ? 'IN' : 'NOT_IN'}`);
      }
      values.forEach((v, i) => {
        if (typeof v !== 'string' || !isLabelValue(v)) {
          throw new ValidationError(scope, `'${prop}.values[${i}]' (${JSON.stringify(v)}) must be a valid label value`);
        }
      });
      return { key: r.key, operator: r.operator, values: [...values] };
    case NodeLabelOperator.EXISTS:
    case NodeLabelOperator.DOES_NOT_EXIST:
      if (values.length > 0) {
        throw new ValidationError(scope, `'${prop}.values' must be empty for NodeLabelOperator.${r.operator === NodeLabelOperator.EXISTS ? 'EXISTS' : 'DOES_NOT_EXIST'}`);
      }
      return { key: r.key, operator: r.operator };
    default:
      throw new ValidationError(scope, `'${prop}.operator' (${JSON.stringify(r.operator)}) must be a NodeLabelOperator`);
  }
}

function podAntiAffinity(scope: IConstruct, prop: string, mode: PodAntiAffinity | undefined, selector: Record<string, string>): k8s.PodAntiAffinity | undefined {
  if (mode === undefined) return undefined;
  const term = (topologyKey: string): k8s.PodAffinityTerm => ({ labelSelector: { matchLabels: { ...selector } }, topologyKey });
  switch (mode) {
    case PodAntiAffinity.PREFERRED_PER_NODE:
      return { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term('kubernetes.io/hostname') }] };
    case PodAntiAffinity.REQUIRED_PER_NODE:
      return { requiredDuringSchedulingIgnoredDuringExecution: [term('kubernetes.io/hostname')] };
    case PodAntiAffinity.PREFERRED_PER_ZONE:
      return { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term('topology.kubernetes.io/zone') }] };
    default:
      throw new ValidationError(scope, `'${prop}' (${JSON.stringify(mode)}) must be a PodAntiAffinity`);
  }
}

function toleration(scope: IConstruct, prop: string, t: Toleration): k8s.Toleration {
  const operator = t.operator ?? TolerationOperator.EQUAL;
  if (operator !== TolerationOperator.EQUAL && operator !== TolerationOperator.EXISTS) {
    throw new ValidationError(scope, `'${prop}.operator' (${JSON.stringify(operator)}) must be TolerationOperator.EQUAL or TolerationOperator.EXISTS`);
  }
  if (t.key !== undefined && !isQualifiedName(t.key)) {
    throw new ValidationError(scope, `'${prop}.key' (${JSON.stringify(t.key)}) must be a taint key (a qualified name, e.g. 'dedicated')`);
  }
  // ValidateTolerations (pkg/apis/core/validation): an empty key needs Exists; Exists takes no value.
  if (t.key === undefined && operator !== TolerationOperator.EXISTS) {
    throw new ValidationError(scope, `'${prop}' without a key must use TolerationOperator.EXISTS (it tolerates every taint)`);
  }
  if (operator === TolerationOperator.EXISTS && t.value !== undefined) {
    throw new ValidationError(scope, `'${prop}.value' (${JSON.stringify(t.value)}) must be left out with TolerationOperator.EXISTS`);
  }
  if (t.value !== undefined && !isLabelValue(t.value)) {
    throw new ValidationError(scope, `'${prop}.value' (${JSON.stringify(t.value)}) must be a valid label value`);
  }
  if (t.effect !== undefined && !Object.values(TaintEffect).includes(t.effect)) {
    throw new ValidationError(scope, `'${prop}.effect' (${JSON.stringify(t.effect)}) must be a TaintEffect`);
  }
  let seconds: number | undefined;
  if (t.tolerationPeriod !== undefined) {
    if (t.effect !== TaintEffect.NO_EXECUTE) {
      throw new ValidationError(scope, `'${prop}.tolerationPeriod' applies to TaintEffect.NO_EXECUTE only`);
    }
    seconds = wholeSeconds(scope, `${prop}.tolerationPeriod`, t.tolerationPeriod, 0);
  }
  return {
    ...(t.key !== undefined ? { key: t.key } : {}),
    operator,
    ...(t.value !== undefined ? { value: t.value } : {}),
    ...(t.effect !== undefined ? { effect: t.effect } : {}),
    ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
  };
}

function spread(scope: IConstruct, prop: string, options: SpreadOptions | undefined): Required<SpreadOptions> {
  if (options === undefined) return DEFAULT_SPREAD;
  const resolved = { ...DEFAULT_SPREAD, ...options };
  if (!Number.isInteger(resolved.maxSkew) || resolved.maxSkew < 1) {
    throw new ValidationError(scope, `'${prop}.maxSkew' (${resolved.maxSkew}) must be an integer >= 1`);
  }
  if (!Object.values(SpreadMode).includes(resolved.mode)) {
    throw new ValidationError(scope, `'${prop}.mode' (${JSON.stringify(resolved.mode)}) must be SpreadMode.SCHEDULE_ANYWAY or SpreadMode.DO_NOT_SCHEDULE`);
  }
  if (resolved.topologyKeys.length === 0) {
    throw new ValidationError(scope, `'${prop}.topologyKeys' must list at least one node label; use spread: false on the workload for no spread`);
  }
  resolved.topologyKeys.forEach((key, i) => {
    if (typeof key !== 'string' || !isQualifiedName(key)) {
      throw new ValidationError(scope, `'${prop}.topologyKeys[${i}]' (${JSON.stringify(key)}) must be a node label key (e.g. 'topology.kubernetes.io/zone')`);
    }
  });
  if (new Set(resolved.topologyKeys).size !== resolved.topologyKeys.length) {
    throw new ValidationError(scope, `'${prop}.topologyKeys' (${JSON.stringify(resolved.topologyKeys)}) must not repeat a key`);
  }
  return resolved;
}
