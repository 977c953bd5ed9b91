/**
 * Steps 1-3 of validating a custom resource as a 1.28 API server does (see validate.ts): pruning of
 * unknown fields (`pkg/apiserver/schema/pruning/algorithm.go`), dropping non-nullable nulls
 * (`schema/defaulting/prunenulls.go`) and defaulting (`schema/defaulting/algorithm.go`). They work in
 * place on the copy validate.ts makes.
 */
import { SchemaNode } from './compact';
import { additional, copyJson, embedded, fieldSchema, isMap, items, join, Json, META_FIELDS, OBJECT_META_FIELDS, preserves, props } from './schema-node';

export function prune(x: Json, s: SchemaNode | undefined, path: string, unknown: string[], isRoot: boolean): void {
  if (s && preserves(s)) {
    skipPrune(x, s, path, unknown, isRoot);
    return;
  }
  if (isMap(x)) {
    if (!s) {
      for (const key of Object.keys(x)) {
        unknown.push(join(path, key));
        delete x[key];
      }
      return;
    }
    const keepMeta = isRoot || embedded(s);
    for (const key of Object.keys(x)) {
      if (keepMeta && META_FIELDS.has(key)) {
        if (key === 'metadata' && !isRoot) pruneMetadata(x[key], join(path, key), unknown);
        continue;
      }
      const prop = props(s)?.[key];
      if (prop) prune(x[key], prop, join(path, key), unknown, false);
      else if (s.additionalProperties !== undefined && s.additionalProperties !== false) prune(x[key], additional(s), join(path, key), unknown, false);
      else {
        unknown.push(join(path, key));
        delete x[key];
      }
    }
  } else if (Array.isArray(x)) {
    const item = s ? items(s) : undefined;
    x.forEach((v, i) => prune(v, item, `${path}[${i}]`, unknown, false));
  }
}

function skipPrune(x: Json, s: SchemaNode, path: string, unknown: string[], isRoot: boolean): void {
  if (isMap(x)) {
    const keepMeta = isRoot || embedded(s);
    for (const key of Object.keys(x)) {
      if (keepMeta && META_FIELDS.has(key)) {
        if (key === 'metadata' && !isRoot) pruneMetadata(x[key], join(path, key), unknown);
        continue;
      }
      const prop = props(s)?.[key];
      if (prop) prune(x[key], prop, join(path, key), unknown, false);
      else if (s.additionalProperties !== undefined && s.additionalProperties !== false) prune(x[key], additional(s), join(path, key), unknown, false);
    }
  } else if (Array.isArray(x)) {
    const item = items(s);
    if (item) x.forEach((v, i) => skipPrune(v, item, `${path}[${i}]`, unknown, false));
  }
}

/** The metadata of an embedded resource is decoded as an ObjectMeta: other fields are unknown. */
function pruneMetadata(x: Json, path: string, unknown: string[]): void {
  if (!isMap(x)) return;
  for (const key of Object.keys(x)) {
    if (!OBJECT_META_FIELDS.has(key)) {
      unknown.push(join(path, key));
      delete x[key];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 2. and 3. nulls and defaults

function isNonNullableNull(x: Json, s: SchemaNode | undefined): boolean {
  return x === null && s !== undefined && s.nullable !== true;
}

export function pruneNulls(x: Json, s: SchemaNode | undefined): void {
  if (isMap(x)) {
    for (const key of Object.keys(x)) {
      const sub = fieldSchema(s, key);
      if (isNonNullableNull(x[key], sub) && sub!.default === undefined) delete x[key];
      else pruneNulls(x[key], sub);
    }
  } else if (Array.isArray(x)) {
    const item = items(s);
    for (const v of x) pruneNulls(v, item);
  }
}

export function applyDefaults(x: Json, s: SchemaNode | undefined): void {
  if (!s) return;
  if (isMap(x)) {
    const properties = props(s);
    if (properties) {
      for (const [key, prop] of Object.entries(properties)) {
        if (prop.default === undefined) continue;
        if (!(key in x) || isNonNullableNull(x[key], prop)) x[key] = copyJson(prop.default);
      }
    }
    const extra = additional(s);
    for (const key of Object.keys(x)) {
      const prop = properties?.[key];
      if (prop) applyDefaults(x[key], prop);
      else if (extra) {
        if (isNonNullableNull(x[key], extra) && extra.default !== undefined) x[key] = copyJson(extra.default);
        applyDefaults(x[key], extra);
      }
    }
  } else if (Array.isArray(x)) {
    const item = items(s);
    for (let i = 0; i < x.length; i++) {
      if (item && isNonNullableNull(x[i], item) && item.default !== undefined) x[i] = copyJson(item.default);
      applyDefaults(x[i], item);
    }
  }
}

