/**
 * Reading the fields the graph and the capacity table need from plain Kubernetes objects.
 * Everything here is tolerant: a missing or malformed field reads as absent.
 */
import { asArray, asObject, asString, JsonObject } from '../../validation/rules/common/field';
import { KubeObject } from '../../validation/types';

/** The identity of an object. */
export interface ObjectId {
  readonly kind: string;
  readonly name: string;
  /** The namespace, or the default namespace when the object has none. */
  readonly namespace: string;
}

/** The namespace of objects without `metadata.namespace`. */
export const DEFAULT_NAMESPACE = 'default';

/** The kind, name and namespace of an object (`undefined` when kind or name is missing). */
export function identify(object: KubeObject): ObjectId | undefined {
  const metadata = asObject(object.metadata);
  const kind = asString(object.kind);
  const name = asString(metadata?.name);
  if (!kind || !name) return undefined;
  return { kind, name, namespace: asString(metadata?.namespace) || DEFAULT_NAMESPACE };
}

/** The labels of an object's metadata (or of a pod template). */
export function labelsOf(metadataHolder: JsonObject | undefined): Record<string, string> {
  const labels = asObject(asObject(metadataHolder?.metadata)?.labels) ?? {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** Reads a nested field: `field(o, 'spec', 'template')`. */
export function field(value: unknown, ...keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    current = asObject(current)?.[key];
    if (current === undefined) return undefined;
  }
  return current;
}

/** The pod template of a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob). */
export function podTemplateOf(object: KubeObject): JsonObject | undefined {
  if (object.kind === 'CronJob') return asObject(field(object, 'spec', 'jobTemplate', 'spec', 'template'));
  return asObject(field(object, 'spec', 'template'));
}

/** A container of a pod spec with the list it came from. */
export interface ContainerEntry {
  readonly container: JsonObject;
  /** `containers` or `initContainers`. */
  readonly list: 'containers' | 'initContainers';
}

/** The containers and init containers of a pod spec. */
export function containersOf(podSpec: JsonObject | undefined): ContainerEntry[] {
  const out: ContainerEntry[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    for (const item of asArray(podSpec?.[list])) {
      const container = asObject(item);
      if (container) out.push({ container, list });
    }
  }
  return out;
}

/** The `[name, value]` plain-value environment variables of a container. */
export function plainEnv(container: JsonObject): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const item of asArray(container.env)) {
    const env = asObject(item);
    const name = asString(env?.name);
    const value = asString(env?.value);
    if (name && value !== undefined) out.push([name, value]);
  }
  return out;
}
