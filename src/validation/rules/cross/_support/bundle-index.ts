/**
 * An index over a bundle of objects, built once per run and shared by every bundle rule.
 *
 * Lookups by kind/namespace/name and the list of pod-bearing workloads per namespace keep the
 * cross-object rules linear in the bundle size.
 */
import { ExternalObjectRef, RuleContext } from '../../../rule';
import { KubeObject } from '../../../types';
import { asObject, asString, JsonObject } from '../../common/field';
import {
  isHelmTestHook,
  isPodBearing,
  kindOf,
  metadataOf,
  nameOf,
  namespaceOf,
  PodTemplate,
  podTemplateOf,
  REPLICATED_KINDS,
  stringMap,
} from './pod';
import { LabelSelector } from './selector';

/** One object of the bundle with its position and identity. */
export interface IndexedObject {
  readonly index: number;
  readonly object: KubeObject;
  readonly kind: string;
  /** API group (`''` for the core group). */
  readonly group: string;
  readonly name: string;
  /** `metadata.namespace` as written. */
  readonly namespace?: string;
  /** The namespace key (see {@link namespaceKey}). */
  readonly ns: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A pod-bearing object of the bundle. */
export interface Workload extends IndexedObject {
  readonly pod: PodTemplate;
  /** The controller selector (`spec.selector`); undefined for Pods, Jobs and CronJobs without one. */
  readonly selector?: LabelSelector;
  /** `spec.replicas` (default 1) for replicated kinds; undefined for the others. */
  readonly replicas?: number;
  /** True when `spec.replicas` is written in the object. */
  readonly setsReplicas: boolean;
  /**
   * True for a Helm test hook (`helm.sh/hook: test`): `helm test` runs it, so the rules that match
   * Service and controller selectors against pods leave it out (the other rules still check it).
   */
  readonly helmTestHook: boolean;
}

/**
 * The key used to compare namespaces: objects without `metadata.namespace` land in the namespace of the
 * kubectl context, which is `default` unless told otherwise, so both share the key `''`.
 */
export function namespaceKey(namespace: string | undefined): string {
  return namespace === undefined || namespace === '' || namespace === 'default' ? '' : namespace;
}

/** The API group of an `apiVersion` (`apps/v1` -> `apps`, `v1` -> `''`). */
export function groupOf(apiVersion: unknown): string {
  const value = asString(apiVersion) ?? '';
  const slash = value.indexOf('/');
  return slash < 0 ? '' : value.slice(0, slash);
}

/**
 * A derived view of a bundle that several rules read (for example the Services with the workloads
 * they select): computed on first use by {@link BundleIndex.analysis} and shared by every rule of
 * the run. Declare each analysis once, as a module constant; its identity is the cache key.
 */
export interface BundleAnalysis<T> {
  /** What the analysis computes, for debugging. */
  readonly name: string;
  /** Computes the analysis over the whole index. */
  compute(index: BundleIndex): T;
}

/** The index of a bundle. Use {@link BundleIndex.of} to share one instance per run. */
export class BundleIndex {
  /**
   * The index of `objects`, built on first use and cached for the lifetime of the array. When the array
   * has grown since it was indexed (a streaming validator appends each batch), only the new objects
   * are indexed, so the index can be built batch by batch while the input still arrives.
   */
  public static of(objects: readonly KubeObject[]): BundleIndex {
    let index = CACHE.get(objects);
    if (!index) {
      index = new BundleIndex();
      CACHE.set(objects, index);
    }
    if (index.entryList.length < objects.length) {
      index.extend(objects);
    }
    return index;
  }

  // Lookups by kind, then namespace key, then name (nested maps: no key string is built per lookup).
  private readonly byKey = new Map<string, Map<string, Map<string, IndexedObject>>>();
  private readonly byKind = new Map<string, IndexedObject[]>();
  private readonly workloadsByNs = new Map<string, Workload[]>();
  private readonly workloadByKey = new Map<string, Map<string, Map<string, Workload>>>();
  /** HPAs by scaleTargetRef kind, namespace key and name. */
  private readonly hpasByTarget = new Map<string, Map<string, Map<string, IndexedObject[]>>>();
  /** Workloads by namespace key, then pod template label key, then label value (no key string built per label). */
  private readonly workloadsByLabel = new Map<string, Map<string, Map<string, Workload[]>>>();
  /** The index of each object whose kind, namespace key and name an earlier object already has. */
  private readonly keyTaken = new Set<number>();
  private readonly entryList: IndexedObject[] = [];
  private readonly workloadList: Workload[] = [];
  /** Results of {@link analysis}, dropped whenever the index grows. */
  private readonly analyses = new Map<BundleAnalysis<unknown>, unknown>();

  private constructor() {}

  /**
   * The result of `analysis` over this bundle, computed once and shared by the rules that need it
   * (pairs of rules that report two sides of one check read the same result).
   */
  public analysis<T>(analysis: BundleAnalysis<T>): T {
    if (this.analyses.has(analysis)) {
      return this.analyses.get(analysis) as T;
    }
    const result = analysis.compute(this);
    this.analyses.set(analysis, result);
    return result;
  }

  /** Every object, in bundle order. */
  public get entries(): readonly IndexedObject[] {
    return this.entryList;
  }

  /** Every pod-bearing object, in bundle order. */
  public get workloads(): readonly Workload[] {
    return this.workloadList;
  }

  /** Indexes the objects of `objects` past the ones already indexed. */
  private extend(objects: readonly KubeObject[]): void {
    this.analyses.clear();
    const entries = this.entryList;
    for (let index = entries.length; index < objects.length; index++) {
      const object = objects[index];
      const entry = toEntry(object, index);
      entries.push(entry);
      if (!setFirst(this.byKey, entry.kind, entry.ns, entry.name, entry)) {
        this.keyTaken.add(index);
      }
      push(this.byKind, entry.kind, entry);
      const workload = isPodBearing(object) ? toWorkload(entry) : undefined;
      if (workload) {
        this.workloadList.push(workload);
        push(this.workloadsByNs, workload.ns, workload);
        setFirst(this.workloadByKey, entry.kind, entry.ns, entry.name, workload);
        const labels = workload.pod.labels;
        let byKey: Map<string, Map<string, Workload[]>> | undefined;
        for (const key in labels) {
          byKey ??= level(this.workloadsByLabel, workload.ns);
          push(level(byKey, key), labels[key], workload);
        }
      }
      if (entry.kind === 'HorizontalPodAutoscaler') {
        const target = asObject(asObject(object.spec)?.scaleTargetRef);
        const byNs = level(this.hpasByTarget, `${asString(target?.kind)}`);
        const byName = level(byNs, entry.ns);
        const targetName = `${asString(target?.name)}`;
        const list = byName.get(targetName);
        if (list) {
          list.push(entry);
        } else {
          byName.set(targetName, [entry]);
        }
      }
    }
  }

  /** The first object of a kind with this namespace key and name. */
  public find(kind: string, ns: string, name: string): IndexedObject | undefined {
    return this.byKey.get(kind)?.get(ns)?.get(name);
  }

  /** True when an earlier object of the bundle has the same kind, namespace key and name as `entry`. */
  public repeatsKey(entry: IndexedObject): boolean {
    return this.keyTaken.has(entry.index);
  }

  /** The first pod-bearing object of a kind with this namespace key and name. */
  public findWorkload(kind: string, ns: string, name: string): Workload | undefined {
    return this.workloadByKey.get(kind)?.get(ns)?.get(name);
  }

  /** Every object of a kind. */
  public ofKind(kind: string): readonly IndexedObject[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The pod-bearing objects of a namespace key. */
  public workloadsIn(ns: string): readonly Workload[] {
    return this.workloadsByNs.get(ns) ?? [];
  }

  /**
   * The workloads of a namespace key whose pod template labels the selector matches.
   *
   * Candidates come from the shortest posting list of the selector's `matchLabels`, so a lookup costs
   * the number of pods that share a label with the selector, not the size of the namespace.
   */
  public selectWorkloads(ns: string, selector: LabelSelector): Workload[] {
    let candidates: readonly Workload[] | undefined;
    const matchLabels = selector.matchLabels;
    for (const key in matchLabels) {
      const list = this.workloadsByLabel.get(ns)?.get(key)?.get(matchLabels[key]) ?? NO_WORKLOADS;
      if (!candidates || list.length < candidates.length) {
        candidates = list;
      }
    }
    const pool = candidates ?? this.workloadsIn(ns);
    const out: Workload[] = [];
    for (let i = 0; i < pool.length; i++) {
      if (selector.matches(pool[i].pod.labels)) {
        out.push(pool[i]);
      }
    }
    return out;
  }

  /** The HPAs whose scaleTargetRef names this object. */
  public hpasFor(entry: IndexedObject): readonly IndexedObject[] {
    return this.hpasByTarget.get(entry.kind)?.get(entry.ns)?.get(entry.name) ?? NO_ENTRIES;
  }
}

const NO_WORKLOADS: readonly Workload[] = [];
const NO_ENTRIES: readonly IndexedObject[] = [];

/**
 * The declared external object matching kind, namespace key and name, if any.
 *
 * A declaration without a namespace matches the name in every namespace.
 */
export function findExternal(
  context: RuleContext,
  kind: string,
  ns: string,
  name: string,
): ExternalObjectRef | undefined {
  const candidates = externalsByKindName(context.external).get(kind)?.get(name);
  if (candidates === undefined) {
    return undefined;
  }
  for (const ref of candidates) {
    if (ref.namespace === undefined || namespaceKey(ref.namespace) === ns) {
      return ref;
    }
  }
  return undefined;
}

// Keyed by the list; the size guards against a list that grew since it was indexed.
const EXTERNALS = new WeakMap<readonly ExternalObjectRef[], { size: number; byKind: Map<string, Map<string, ExternalObjectRef[]>> }>();

/** The declared external objects by kind and name, in declaration order; built once per list. */
function externalsByKindName(external: readonly ExternalObjectRef[]): Map<string, Map<string, ExternalObjectRef[]>> {
  const cached = EXTERNALS.get(external);
  if (cached && cached.size === external.length) {
    return cached.byKind;
  }
  const byKind = new Map<string, Map<string, ExternalObjectRef[]>>();
  for (const ref of external) {
    const byName = level(byKind, ref.kind);
    const list = byName.get(ref.name);
    if (list) {
      list.push(ref);
    } else {
      byName.set(ref.name, [ref]);
    }
  }
  EXTERNALS.set(external, { size: external.length, byKind });
  return byKind;
}

const CACHE = new WeakMap<readonly KubeObject[], BundleIndex>();

function toEntry(object: KubeObject, index: number): IndexedObject {
  const namespace = namespaceOf(object);
  return {
    index,
    object,
    kind: kindOf(object),
    group: groupOf(object.apiVersion),
    name: nameOf(object),
    namespace,
    ns: namespaceKey(namespace),
    labels: stringMap(metadataOf(object).labels),
  };
}

function toWorkload(entry: IndexedObject): Workload | undefined {
  const pod = podTemplateOf(entry.object);
  if (!pod) {
    return undefined;
  }
  const spec: JsonObject = asObject(entry.object.spec) ?? {};
  const replicated = REPLICATED_KINDS.includes(entry.kind);
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  return {
    index: entry.index,
    object: entry.object,
    kind: entry.kind,
    group: entry.group,
    name: entry.name,
    namespace: entry.namespace,
    ns: entry.ns,
    labels: entry.labels,
    pod,
    selector:
      entry.kind === 'ReplicationController'
        ? LabelSelector.fromMap(spec.selector)
        : LabelSelector.fromLabelSelector(spec.selector),
    replicas: replicated ? replicas : undefined,
    setsReplicas: replicated && spec.replicas !== undefined && spec.replicas !== null,
    helmTestHook: isHelmTestHook(entry.object),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/** The inner map under `key`, created when missing. */
function level<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

/** Records `value` under kind/ns/name unless an earlier object holds the key; false when one does. */
function setFirst<V>(map: Map<string, Map<string, Map<string, V>>>, kind: string, ns: string, name: string, value: V): boolean {
  const byName = level(level(map, kind), ns);
  if (byName.has(name)) {
    return false;
  }
  byName.set(name, value);
  return true;
}

/** `namespace "prod"` or `the default namespace`, for messages. */
export function describeNamespace(entry: IndexedObject): string {
  return entry.ns === '' ? 'the default namespace' : `namespace ${JSON.stringify(entry.ns)}`;
}
