import * as crypto from 'crypto';

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
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      // a hole stays empty, as `map(...).join(',')` leaves it
      out += (i === 0 ? '' : ',') + (i in value ? canonicalJson(value[i]) : '');
    }
    return out + ']';
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // Object.keys order, then a stable sort by UTF-16 code units: same order as sorting the entries
    const keys = Object.keys(object).sort();
    let out = '{';
    for (const key of keys) {
      const v = object[key];
      if (v !== undefined) {
        out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(v);
      }
    }
    return out + '}';
  }
  return JSON.stringify(value) ?? 'null';
}

/** The hex sha256 of a text (UTF-8): one call where node has `crypto.hash` (20.12+). */
const sha256Hex: (text: string) => string = typeof (crypto as { hash?: unknown }).hash === 'function'
  ? (text) => (crypto as unknown as { hash: (algorithm: string, data: string, encoding: string) => string }).hash('sha256', text, 'hex')
  : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** The hex sha256 of the canonical JSON of `value`. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
