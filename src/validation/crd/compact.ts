/**
 * The compact form of CRD schemas kept in `src/validation/schema/crds/generated/` (written by
 * `scripts/gen-crd-schemas.ts`) and its loader.
 *
 * A structural schema is kept as is except for the keywords that only document it
 * (`description`, `example`, `externalDocs`, `title`). Sub-schemas that occur more than once in a
 * file (Argo CD's ApplicationSet repeats the Application template in every generator) are stored
 * once in a `shared` table and referred to as `{ "$s": <index> }`; the loader puts the same object
 * back in every place (the result is a DAG, never a cycle).
 */

/** An OpenAPI v3 schema node as CRD manifests write it (loosely typed). */
export type SchemaNode = { readonly [keyword: string]: unknown };

/** The compact data of one CRD file: every version's schema plus the shared sub-schemas. */
export interface CompactCrdData {
  /** Sub-schemas used more than once. */
  readonly shared: unknown[];
  /** `openAPIV3Schema` by version name. */
  readonly versions: { readonly [version: string]: unknown };
}

/** Keywords that only document a schema; never used by validation or defaulting. */
export const DOC_KEYWORDS: ReadonlySet<string> = new Set(['description', 'example', 'externalDocs', 'title']);

/** Keywords whose value is a map of schemas (field name → schema). */
const SCHEMA_MAP_KEYWORDS: ReadonlySet<string> = new Set(['properties', 'patternProperties', 'definitions']);
/** Keywords whose value is a schema (or, for `items`/`additionalProperties`, may be one). */
const SCHEMA_KEYWORDS: ReadonlySet<string> = new Set(['items', 'additionalProperties', 'not', 'additionalItems']);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf']);

/** A copy of a schema without documentation keywords (keys of `properties` are kept as they are). */
export function stripDocs(node: unknown): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const out: { [keyword: string]: unknown } = {};
  for (const [keyword, value] of Object.entries(node as SchemaNode)) {
    if (DOC_KEYWORDS.has(keyword)) continue;
    if (SCHEMA_MAP_KEYWORDS.has(keyword) && value !== null && typeof value === 'object') {
      out[keyword] = Object.fromEntries(Object.entries(value as SchemaNode).map(([k, v]) => [k, stripDocs(v)]));
    } else if (SCHEMA_KEYWORDS.has(keyword)) {
      out[keyword] = typeof value === 'object' ? stripDocs(value) : value;
    } else if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
      out[keyword] = value.map(stripDocs);
    } else if (keyword === 'items' && Array.isArray(value)) {
      out[keyword] = value.map(stripDocs);
    } else {
      out[keyword] = value;
    }
  }
  return out;
}

/** Sub-schemas shorter than this (as JSON) are repeated rather than shared. */
const MIN_SHARED_LENGTH = 120;

/**
 * Packs the stripped schemas of one CRD file: repeated sub-schemas go to the shared table.
 * Deterministic (same input, same output), so `--check` can compare text.
 */
export function pack(versions: { readonly [version: string]: unknown }): CompactCrdData {
  const counts = new Map<string, number>();
  const count = (node: unknown): string => {
    const json = JSON.stringify(node);
    if (node !== null && typeof node === 'object') {
      if (json.length >= MIN_SHARED_LENGTH && !Array.isArray(node)) counts.set(json, (counts.get(json) ?? 0) + 1);
      for (const value of Object.values(node as SchemaNode)) count(value);
    }
    return json;
  };
  for (const schema of Object.values(versions)) count(schema);
  const shared: unknown[] = [];
  const index = new Map<string, number>();
  const rewrite = (node: unknown, top: boolean): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((v) => rewrite(v, false));
    const json = JSON.stringify(node);
    if (!top && (counts.get(json) ?? 0) > 1) {
      let i = index.get(json);
      if (i === undefined) {
        i = shared.length;
        index.set(json, i);
        shared.push(undefined);
        shared[i] = rewrite(node, true);
      }
      return { $s: i };
    }
    return Object.fromEntries(Object.entries(node as SchemaNode).map(([k, v]) => [k, rewrite(v, false)]));
  };
  const out: { [version: string]: unknown } = {};
  for (const [name, schema] of Object.entries(versions)) out[name] = rewrite(schema, false);
  return { shared, versions: out };
}

/** Turns packed data back into schemas (shared sub-schemas become one shared object each). */
export function unpack(data: CompactCrdData): { [version: string]: SchemaNode } {
  const resolved: unknown[] = new Array(data.shared.length);
  const resolve = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map(resolve);
    const ref = (node as { $s?: unknown }).$s;
    if (typeof ref === 'number' && Object.keys(node).length === 1) {
      resolved[ref] ??= resolve(data.shared[ref]);
      return resolved[ref];
    }
    const out: { [keyword: string]: unknown } = {};
    for (const [k, v] of Object.entries(node as SchemaNode)) out[k] = resolve(v);
    return out;
  };
  const out: { [version: string]: SchemaNode } = {};
  for (const [name, schema] of Object.entries(data.versions)) out[name] = resolve(schema) as SchemaNode;
  return out;
}
