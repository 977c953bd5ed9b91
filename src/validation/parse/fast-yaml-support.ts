/**
 * Errors and helpers shared by the fast block parser and its flow-collection parser.
 */

/** Thrown when the document uses YAML the fast parser does not handle. */
export class Unsupported extends Error {}

/** Thrown when a mapping repeats a key (`line` is 0-based within the document). */
export class DuplicateKey extends Error {
  constructor(
    public readonly key: string,
    public readonly line: number,
  ) {
    super(`key "${key}" already set in map`);
  }
}

/**
 * The deepest nesting of collections (mappings and sequences, block or flow, alias expansions
 * counted) a document may have: kubectl's go-yaml stops at 10,000 levels; the `yaml` package
 * composes recursively and exhausts the stack near 1,000, so ours is lower. No Kubernetes manifest
 * comes near it (a deep CRD schema nests under 100 levels). The fast parser gives up past it and
 * the full parser reports "exceeded max depth of 500" (see `yaml-ast.ts`).
 */
export const MAX_DEPTH = 500;

const UNSUPPORTED = new Unsupported('unsupported');

/** Gives up on the fast path. */
export function bail(): never {
  throw UNSUPPORTED;
}

/** Double-quoted escapes (single-character forms). */
export const ESCAPES: { [c: string]: string } = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Sets a mapping key, rejecting duplicates (as go-yaml's strict mode does). The check is one own-key
 * lookup: a keyed load of a key not yet set also looks through the prototype (parsed mappings have
 * thousands of shapes, so neither lookup is cached).
 */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown, line: number): void {
  if (hasOwn.call(obj, key)) throw new DuplicateKey(key, line);
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

