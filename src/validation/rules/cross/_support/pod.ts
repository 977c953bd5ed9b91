/**
 * Reading pod templates out of the pod-bearing kinds (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController, Job, CronJob), with the API-server path of every part.
 *
 * Shared by the cross-object (L4) and policy (L5) rules.
 */
import { KubeObject } from '../../../types';
import { asArray, asObject, asString, JsonObject } from '../../common/field';

/** The pod-bearing kinds and where their pod template lives. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** Kinds that carry a pod template (or are a pod). */
export const POD_BEARING_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

/** Kinds whose pods are long-running services (probes, replicas and disruption budgets matter). */
export const SERVICE_WORKLOAD_KINDS: readonly string[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
];

/** Kinds with a `spec.replicas` field. */
export const REPLICATED_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

/** The pod template of an object, with paths in API-server syntax. */
export interface PodTemplate {
  /** The pod spec. */
  readonly spec: JsonObject;
  /** Path of the pod spec, e.g. `spec.template.spec` (`spec` for a Pod). */
  readonly specPath: string;
  /** Path of the pod metadata, e.g. `spec.template.metadata` (`metadata` for a Pod). */
  readonly metadataPath: string;
  /** Pod labels (string values only). */
  readonly labels: Readonly<Record<string, string>>;
  /** Pod annotations (string values only). */
  readonly annotations: Readonly<Record<string, string>>;
}

/** Which list of the pod spec a container is in. */
export enum ContainerList {
  CONTAINERS = 'containers',
  INIT_CONTAINERS = 'initContainers',
  EPHEMERAL_CONTAINERS = 'ephemeralContainers',
}

/** A container of a pod template, with its path. */
export interface ContainerEntry {
  readonly container: JsonObject;
  /** The container name (empty when unset). */
  readonly name: string;
  /** Path of the container, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
  readonly list: ContainerList;
}

/** The object's kind, or the empty string. */
export function kindOf(object: KubeObject): string {
  return asString(object.kind) ?? '';
}

/** The object's metadata, or an empty object. */
export function metadataOf(object: KubeObject): JsonObject {
  return asObject(object.metadata) ?? {};
}

/** The object's name, or the empty string. */
export function nameOf(object: KubeObject): string {
  return asString(metadataOf(object).name) ?? '';
}

/** The object's `metadata.namespace` as written, or undefined. */
export function namespaceOf(object: KubeObject): string | undefined {
  return asString(metadataOf(object).namespace);
}

/**
 * The string entries of a map (labels, annotations, selectors, data).
 *
 * Returns the map itself when every value is a string (the common case, allocation-free); callers
 * must treat the result as read-only.
 */
export function stringMap(value: unknown): Readonly<Record<string, string>> {
  const record = asObject(value);
  if (!record) {
    return EMPTY_MAP;
  }
  for (const key in record) {
    if (typeof record[key] !== 'string') {
      return onlyStrings(record);
    }
  }
  return record as Readonly<Record<string, string>>;
}

const EMPTY_MAP: Readonly<Record<string, string>> = Object.freeze({});

function onlyStrings(record: JsonObject): Readonly<Record<string, string>> {
  const out: Record<string, string> = Object.create(null);
  for (const key in record) {
    const entry = record[key];
    if (typeof entry === 'string') {
      out[key] = entry;
    }
  }
  return out;
}

/** True when the kind carries a pod template. */
export function isPodBearing(object: KubeObject): boolean {
  return Object.hasOwn(TEMPLATE_PATHS, kindOf(object));
}

/**
 * The pod template of a pod-bearing object, or undefined (other kinds, or no template).
 *
 * The engine runs every object rule of one object back to back, so the template of the last object
 * asked for is kept and shared by those rules (a per-object WeakMap cost more than reading the
 * template again, and added ephemeron work to every garbage collection). The template reads the
 * object as it is at the call, so objects must not be changed while they are being validated.
 */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  if (object !== lastObject) {
    lastTemplate = readPodTemplate(object);
    lastObject = object;
  }
  return lastTemplate;
}

let lastObject: KubeObject | undefined;
let lastTemplate: PodTemplate | undefined;

/**
 * Drops the kept template, so an object changed since an earlier validation run is read afresh.
 * The engine calls it at the start of every batch.
 */
export function forgetPodTemplate(): void {
  lastObject = undefined;
  lastTemplate = undefined;
}

/** A pod template with the container lists the rules derive from it, each computed on first use. */
class CachingPodTemplate implements PodTemplate {
  /** {@link containersOf} with every list. */
  public allContainers: readonly ContainerEntry[] | undefined = undefined;
  /** {@link appContainersOf}. */
  public appContainers: readonly ContainerEntry[] | undefined = undefined;

  public constructor(
    public readonly spec: JsonObject,
    public readonly specPath: string,
    public readonly metadataPath: string,
    public readonly labels: Readonly<Record<string, string>>,
    public readonly annotations: Readonly<Record<string, string>>,
  ) {}
}

function readPodTemplate(object: KubeObject): PodTemplate | undefined {
  const kind = kindOf(object);
  const steps = Object.hasOwn(TEMPLATE_PATHS, kind) ? TEMPLATE_PATHS[kind] : undefined;
  if (!steps) {
    return undefined;
  }
  let node: JsonObject | undefined = object as JsonObject;
  for (let i = 0; i < steps.length && node; i++) {
    node = asObject(node[steps[i]]);
  }
  if (!node) {
    return undefined;
  }
  const spec = asObject(node.spec);
  if (!spec) {
    return undefined;
  }
  const metadata = asObject(node.metadata);
  return new CachingPodTemplate(
    spec,
    TEMPLATE_SPEC_PATHS[kind],
    TEMPLATE_METADATA_PATHS[kind],
    stringMap(metadata?.labels),
    stringMap(metadata?.annotations),
  );
}

// The pod spec and metadata paths per kind, built once (`spec.template.spec`, `spec` for a Pod).
const TEMPLATE_SPEC_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TEMPLATE_PATHS).map(([kind, steps]) => [kind, [...steps, 'spec'].join('.')]),
);
const TEMPLATE_METADATA_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(TEMPLATE_PATHS).map(([kind, steps]) => [kind, [...steps, 'metadata'].join('.')]),
);

/**
 * Every container of the pod spec: containers, then init containers, then ephemeral containers.
 *
 * The default (all lists) and {@link appContainersOf} are computed once per pod template; treat the
 * result as read-only.
 */
export function containersOf(pod: PodTemplate, lists: readonly ContainerList[] = ALL_LISTS): readonly ContainerEntry[] {
  if (lists !== ALL_LISTS || !(pod instanceof CachingPodTemplate)) {
    return readContainers(pod, lists);
  }
  return (pod.allContainers ??= readContainers(pod, ALL_LISTS));
}

/** The regular containers only (not init or ephemeral); computed once per pod template. */
export function appContainersOf(pod: PodTemplate): readonly ContainerEntry[] {
  if (pod instanceof CachingPodTemplate && pod.appContainers !== undefined) {
    return pod.appContainers;
  }
  const all = containersOf(pod);
  let app = all;
  for (let i = 0; i < all.length; i++) {
    if (all[i].list !== ContainerList.CONTAINERS) {
      app = all.filter((c) => c.list === ContainerList.CONTAINERS);
      break;
    }
  }
  if (pod instanceof CachingPodTemplate) {
    pod.appContainers = app;
  }
  return app;
}

function readContainers(pod: PodTemplate, lists: readonly ContainerList[]): ContainerEntry[] {
  const out: ContainerEntry[] = [];
  for (const list of lists) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) {
      continue;
    }
    for (let i = 0; i < items.length; i++) {
      const container = asObject(items[i]);
      if (container) {
        out.push({ container, name: asString(container.name) ?? '', path: `${pod.specPath}.${list}[${i}]`, list });
      }
    }
  }
  return out;
}

const ALL_LISTS: readonly ContainerList[] = [
  ContainerList.CONTAINERS,
  ContainerList.INIT_CONTAINERS,
  ContainerList.EPHEMERAL_CONTAINERS,
];

/** A declared container port. */
export interface DeclaredPort {
  readonly name?: string;
  readonly containerPort?: number;
  /** `TCP` when unset. */
  readonly protocol: string;
  readonly hostPort?: number;
}

/** The ports a container declares. */
export function portsOf(container: JsonObject): DeclaredPort[] {
  return asArray(container.ports).flatMap((item) => {
    const port = asObject(item);
    if (!port) {
      return [];
    }
    return [
      {
        name: asString(port.name),
        containerPort: typeof port.containerPort === 'number' ? port.containerPort : undefined,
        protocol: asString(port.protocol) ?? 'TCP',
        hostPort: typeof port.hostPort === 'number' ? port.hostPort : undefined,
      },
    ];
  });
}

/** The volumes of a pod spec with their paths. */
export function volumesOf(pod: PodTemplate): { volume: JsonObject; name: string; path: string }[] {
  const out: { volume: JsonObject; name: string; path: string }[] = [];
  asArray(pod.spec.volumes).forEach((item, i) => {
    const volume = asObject(item);
    if (volume) {
      out.push({ volume, name: asString(volume.name) ?? '', path: `${pod.specPath}.volumes[${i}]` });
    }
  });
  return out;
}

/** `container "app"` / `init container "setup"` / `ephemeral container "debug"`, for messages. */
export function describeContainer(entry: ContainerEntry): string {
  switch (entry.list) {
    case ContainerList.INIT_CONTAINERS:
      return `init container ${JSON.stringify(entry.name)}`;
    case ContainerList.EPHEMERAL_CONTAINERS:
      return `ephemeral container ${JSON.stringify(entry.name)}`;
    default:
      return `container ${JSON.stringify(entry.name)}`;
  }
}

/** `Deployment "web"`, for messages. */
export function describeObject(object: KubeObject): string {
  return `${kindOf(object) || 'object'} ${JSON.stringify(nameOf(object))}`;
}

/** The `helm.sh/hook` values of a test hook (`test-success` and `test-failure` are the Helm 2 spellings Helm 3 still reads). */
const HELM_TEST_HOOKS: ReadonlySet<string> = new Set(['test', 'test-success', 'test-failure']);

/**
 * True when the object is a Helm test hook: its `helm.sh/hook` annotation (a comma-separated list)
 * names `test` (or `test-success`/`test-failure`). `helm install` does not create such objects;
 * `helm test` runs them, so they are not pods behind the release's Services or controllers.
 */
export function isHelmTestHook(object: KubeObject): boolean {
  const hook = stringMap(metadataOf(object).annotations)['helm.sh/hook'];
  if (hook === undefined) {
    return false;
  }
  for (const value of hook.split(',')) {
    if (HELM_TEST_HOOKS.has(value.trim())) {
      return true;
    }
  }
  return false;
}

/**
 * ` (only the Helm test hook Pod "x", which helm test runs)`, appended to a "no pod template has
 * these labels" message when the selector matches only test hooks; empty when it matches none.
 */
export function helmTestHookNote(hooks: readonly KubeObject[]): string {
  if (hooks.length === 0) {
    return '';
  }
  return ` (only the Helm test hook${hooks.length === 1 ? '' : 's'} ${listNames(hooks.map(describeObject))}, which helm test runs)`;
}

/** The most names a message lists before it says `and N more`. */
export const LISTED_NAMES = 3;

/**
 * `A`, `A and B`, `A, B and C`, or `A, B, C and 2 more` past {@link LISTED_NAMES} names, for messages
 * that name several objects in one finding.
 */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) {
    return names[0] ?? '';
  }
  if (names.length > LISTED_NAMES) {
    return `${names.slice(0, LISTED_NAMES).join(', ')} and ${names.length - LISTED_NAMES} more`;
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
