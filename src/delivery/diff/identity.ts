/**
 * The identity of a Kubernetes object in a diff: folder scope, API group, kind, namespace, name.
 */
import { KubeObject } from '../../validation/types';

/**
 * Who an object is, for matching the two sides of a diff.
 *
 * The API version is not part of the identity (`autoscaling/v2beta2` → `autoscaling/v2` is a
 * change of the same object); the group is.
 */
export interface ObjectId {
  /**
   * The sub-folder of the output the object was read from (`prod` for `dist/prod/web.k8s.yaml`),
   * empty for files at the root and for objects given directly.
   */
  readonly scope: string;
  /** The API group; empty for the core group (`v1`). */
  readonly group: string;
  /** The API version without the group, e.g. `v1`. */
  readonly version: string;
  readonly kind: string;
  /** `metadata.namespace`; undefined when the manifest does not set one. */
  readonly namespace?: string;
  readonly name: string;
}

/** Options that change how objects are matched. */
export interface IdentityOptions {
  /**
   * Leave the namespace out of the identity (compare two environments).
   *
   * @default false
   */
  readonly ignoreNamespace?: boolean;
}

/** Reads the identity of `object` found in `scope`. */
export function identityOf(object: KubeObject, scope: string): ObjectId {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const slash = apiVersion.lastIndexOf('/');
  const metadata = (isRecord(object.metadata) ? object.metadata : {}) as Record<string, unknown>;
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  return {
    scope,
    group: slash >= 0 ? apiVersion.slice(0, slash) : '',
    version: slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion,
    kind: typeof object.kind === 'string' ? object.kind : '',
    namespace,
    name: typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? `${metadata.generateName}*` : '',
  };
}

/** The matching key of an identity (scope, group, kind, namespace unless ignored, name). */
export function identityKey(id: ObjectId, options: IdentityOptions = {}): string {
  const namespace = options.ignoreNamespace ? '' : id.namespace ?? '';
  return [id.scope, id.group, id.kind, namespace, id.name].join('\u0000');
}

/** The kind qualified with its group, kubectl style: `Deployment.apps`, `Service`. */
export function qualifiedKind(id: Pick<ObjectId, 'group' | 'kind'>): string {
  return id.group === '' ? id.kind : `${id.kind}.${id.group}`;
}

/**
 * How an identity is shown: `Deployment.apps prod/web`, `Namespace prod`, with the folder scope
 * appended as `[prod/]` when there is one.
 */
export function formatIdentity(id: ObjectId): string {
  const name = id.namespace !== undefined ? `${id.namespace}/${id.name}` : id.name;
  return `${qualifiedKind(id)} ${name}${id.scope !== '' ? ` [${id.scope}/]` : ''}`;
}

/** Orders identities by scope, kind, group, namespace and name. */
export function compareIdentities(a: ObjectId, b: ObjectId): number {
  return cmp(a.scope, b.scope) || cmp(a.kind, b.kind) || cmp(a.group, b.group)
    || cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name);
}

/** `true` for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
