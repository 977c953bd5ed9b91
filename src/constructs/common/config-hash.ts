import { createHash } from 'crypto';

/**
 * Content hashing for config rollouts.
 *
 * A pod template annotation carries the hash of the ConfigMaps and Secrets the pods consume, so a
 * change of their content changes the template and rolls the pods. The hash is a sha256 over a
 * canonical JSON serialization (object keys sorted at every level), so it does not depend on
 * insertion order and is stable across runs.
 */

/** The pod template annotation that carries the config content hash. */
export const CONFIG_HASH_ANNOTATION = 'patterns.cdk8s.io/config-hash';

/** Serializes `value` as JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hex sha256 of the canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
