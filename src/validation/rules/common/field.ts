/**
 * Builders for violations in the API server's field-error style, and small readers for plain JSON.
 *
 * A Kubernetes field error prints as `<path>: <Type>: <value>: <detail>`; here the path goes to
 * {@link Violation.path} and the rest to {@link Violation.message}. Values are printed the way Go's
 * `field.Error` prints them: strings quoted, numbers and booleans bare, maps as `map[string]string{...}`.
 *
 * Source (1.28): apimachinery `pkg/util/validation/field/errors.go` (`Error.ErrorBody`, `Required`,
 * `Invalid`, `NotSupported`, `TooLong`, `TooMany`...) and `pkg/api/validation/generic.go`
 * (`ValidateNonnegativeField`).
 */
import { Violation } from '../../types';

/** The error types of `k8s.io/apimachinery/pkg/util/validation/field`, as printed. */
export enum FieldErrorType {
  NOT_FOUND = 'Not found',
  REQUIRED = 'Required value',
  DUPLICATE = 'Duplicate value',
  INVALID = 'Invalid value',
  NOT_SUPPORTED = 'Unsupported value',
  FORBIDDEN = 'Forbidden',
  TOO_LONG = 'Too long',
  TOO_MANY = 'Too many',
}

/** Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const GO_PRINTABLE_RE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const GO_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\u0007': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"',
};

/**
 * A string quoted as Go's `%q` (`strconv.Quote`) prints it: printable characters as they are, `\n`-style
 * escapes, `\x1b` for other control bytes and `\u00a0` / `\U0001f600`-style escapes for other
 * non-printable characters (`JSON.stringify` writes `\u001b` and keeps U+00A0 as it is).
 */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const short = GO_SHORT_ESCAPES[ch];
    if (short !== undefined) {
      out += short;
      continue;
    }
    if (GO_PRINTABLE_RE.test(ch)) {
      out += ch;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += '\ufffd'; // Go's JSON decoder reads a lone surrogate as U+FFFD, which %q prints as it is
    } else if (code < 0x80) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else if (code <= 0xffff) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** Formats a value the way Go's field errors print bad values. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
      return goQuote(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    const type = value.every((v) => typeof v === 'string') ? '[]string' : '[]interface {}';
    return `${type}{${value.map(formatValue).join(', ')}}`;
  }
  const entries = Object.keys(value as object).sort();
  const record = value as Record<string, unknown>;
  const allStrings = entries.every((k) => typeof record[k] === 'string');
  const type = allStrings ? 'map[string]string' : 'map[string]interface {}';
  return `${type}{${entries.map((k) => `${goQuote(k)}:${formatValue(record[k])}`).join(', ')}}`;
}

/** `<path>: Required value[: detail]`. */
export function required(path: string, detail?: string): Violation {
  return { path, message: detail ? `${FieldErrorType.REQUIRED}: ${detail}` : FieldErrorType.REQUIRED };
}

/** `<path>: Invalid value: <value>[: detail]`. */
export function invalid(path: string, value: unknown, detail?: string): Violation {
  const head = `${FieldErrorType.INVALID}: ${formatValue(value)}`;
  return { path, message: detail ? `${head}: ${detail}` : head };
}

/** `<path>: Unsupported value: <value>: supported values: "A", "B"`. */
export function notSupported(path: string, value: unknown, supported: readonly string[]): Violation {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  const detail = supported.length > 0 ? `: supported values: ${list}` : '';
  return { path, message: `${FieldErrorType.NOT_SUPPORTED}: ${formatValue(value)}${detail}` };
}

/** `<path>: Duplicate value: <value>`. */
export function duplicate(path: string, value: unknown): Violation {
  return { path, message: `${FieldErrorType.DUPLICATE}: ${formatValue(value)}` };
}

/** `<path>: Forbidden[: detail]`. */
export function forbidden(path: string, detail?: string): Violation {
  return { path, message: detail ? `${FieldErrorType.FORBIDDEN}: ${detail}` : FieldErrorType.FORBIDDEN };
}

/** `<path>: Not found: <value>`. */
export function notFound(path: string, value: unknown): Violation {
  return { path, message: `${FieldErrorType.NOT_FOUND}: ${formatValue(value)}` };
}

/** `<path>: Too long: must have at most <max> bytes`. */
export function tooLong(path: string, max: number): Violation {
  return { path, message: `${FieldErrorType.TOO_LONG}: must have at most ${max} bytes` };
}

/** `<path>: Too many: <actual>: must have at most <max> items`. */
export function tooMany(path: string, actual: number, max: number): Violation {
  return { path, message: `${FieldErrorType.TOO_MANY}: ${actual}: must have at most ${max} items` };
}

/** Pushes one `Invalid value` per detail message returned by a primitive validator. */
export function invalidEach(out: Violation[], path: string, value: unknown, details: readonly string[]): void {
  for (const detail of details) {
    out.push(invalid(path, value, detail));
  }
}

/** A plain JSON object (not null, not an array). */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for plain JSON objects (not null, not arrays). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or undefined when it is not one. */
export function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

/** The value as an array, or an empty array when it is not one. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : EMPTY;
}

/** The value when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The value, or `fallback` when it is unset or the empty string: what a defaulting function of
 * `pkg/apis/<group>/v1/defaults.go` does to a string field (`if obj.X == "" { obj.X = default }`) before
 * validation sees it.
 */
export function defaulted(value: unknown, fallback: string): unknown {
  return value === undefined || value === null || value === '' ? fallback : value;
}

/** True when the value is set (neither undefined nor null). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

const EMPTY: readonly unknown[] = Object.freeze([]);

/**
 * The empty object, shared: what Go decodes a missing or `null` struct (`spec`, a list entry) to.
 * Validation still runs on it, so the kind's required fields are reported as the server does.
 */
export const EMPTY_OBJECT: JsonObject = Object.freeze({});

/** The value as an object; a missing or `null` value (or one of another type) is the empty object. */
export function asStruct(value: unknown): JsonObject {
  return isObject(value) ? value : EMPTY_OBJECT;
}

/** Smallest and largest int32 values. */
export const INT32_MIN = -2147483648;
/** Largest int32 value. */
export const INT32_MAX = 2147483647;

/**
 * Reads an int32 field: reports non-integers and values outside int32 (the schema layer only knows
 * `number`), and returns the number when it is a usable integer.
 */
export function readInt32(out: Violation[], value: unknown, path: string): number | undefined {
  if (typeof value !== 'number') {
    return undefined;
  }
  if (!Number.isInteger(value)) {
    out.push(invalid(path, value, 'must be an integer'));
    return undefined;
  }
  if (value < INT32_MIN || value > INT32_MAX) {
    out.push(invalid(path, value, `must be between ${INT32_MIN} and ${INT32_MAX}, inclusive`));
    return undefined;
  }
  return value;
}

/** Reads an int64 field: reports non-integers and unsafe magnitudes, returns the number otherwise. */
export function readInt64(out: Violation[], value: unknown, path: string): number | undefined {
  if (typeof value !== 'number') {
    return undefined;
  }
  if (!Number.isInteger(value)) {
    out.push(invalid(path, value, 'must be an integer'));
    return undefined;
  }
  return value;
}

/** Reads an int32 field and checks it is `>= 0` (`must be greater than or equal to 0`). */
export function readNonNegativeInt32(out: Violation[], value: unknown, path: string): number | undefined {
  const n = readInt32(out, value, path);
  if (n !== undefined && n < 0) {
    out.push(invalid(path, n, 'must be greater than or equal to 0'));
  }
  return n;
}

/** Reads an int64 field and checks it is `>= 0`. */
export function readNonNegativeInt64(out: Violation[], value: unknown, path: string): number | undefined {
  const n = readInt64(out, value, path);
  if (n !== undefined && n < 0) {
    out.push(invalid(path, n, 'must be greater than or equal to 0'));
  }
  return n;
}

/** Checks a string against a closed set; pushes `Unsupported value` when it is not a member. */
export function checkEnum(out: Violation[], value: unknown, path: string, supported: readonly string[]): void {
  if (typeof value === 'string' && !supported.includes(value)) {
    out.push(notSupported(path, value, supported));
  }
}
