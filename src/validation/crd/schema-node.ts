/**
 * Reading a compact structural schema and the JSON values it describes: the small helpers shared by
 * pruning, defaulting and validation of custom resources.
 */
import { SchemaNode } from './compact';

/** The fields of an ObjectMeta (what the server decodes strictly under `metadata`). */
export const OBJECT_META_FIELDS: ReadonlySet<string> = new Set([
  'annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'finalizers', 'generateName',
  'generation', 'labels', 'managedFields', 'name', 'namespace', 'ownerReferences', 'resourceVersion', 'selfLink', 'uid',
]);

export const META_FIELDS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

export type Json = unknown;
export type JsonMap = { [key: string]: Json };

export function isMap(value: unknown): value is JsonMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function node(value: unknown): SchemaNode | undefined {
  return isMap(value) ? (value as SchemaNode) : undefined;
}

export function props(s: SchemaNode | undefined): { readonly [field: string]: SchemaNode } | undefined {
  return s && isMap(s.properties) ? (s.properties as { [field: string]: SchemaNode }) : undefined;
}

/** The schema of a map's other keys: a schema, or `{}` for `additionalProperties: true`. */
export function additional(s: SchemaNode | undefined): SchemaNode | undefined {
  if (!s) return undefined;
  const a = s.additionalProperties;
  if (a === true) return {};
  return node(a);
}

export function items(s: SchemaNode | undefined): SchemaNode | undefined {
  return s ? node(s.items) : undefined;
}

export function fieldSchema(s: SchemaNode | undefined, key: string): SchemaNode | undefined {
  return props(s)?.[key] ?? additional(s);
}

export function preserves(s: SchemaNode | undefined): boolean {
  return s?.['x-kubernetes-preserve-unknown-fields'] === true;
}

export function embedded(s: SchemaNode | undefined): boolean {
  return s?.['x-kubernetes-embedded-resource'] === true;
}

/** A deep copy of a JSON value. */
export function copyJson(value: Json): Json {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const out: JsonMap = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as JsonMap)[key]);
  return out;
}

export function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
