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

/** Sets a mapping key, rejecting duplicates (as go-yaml's strict mode does). */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown, line: number): void {
  if (obj[key] !== undefined && hasOwn.call(obj, key)) throw new DuplicateKey(key, line);
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

