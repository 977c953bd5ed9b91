/**
 * Plain-scalar resolution as kubectl reads YAML (sigs.k8s.io/yaml on go-yaml v2, YAML 1.1):
 * `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0644` is octal 420, `0x1F` hex, `1_000` is 1000,
 * `~`/`null`/empty are null. Timestamps stay strings (go-yaml v2 keeps them as strings when
 * decoding into untyped values), and there are no base-60 numbers.
 */

const SPECIAL = new Map<string, unknown>();
for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']) SPECIAL.set(s, true);
for (const s of ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']) SPECIAL.set(s, false);
for (const s of ['', '~', 'null', 'Null', 'NULL']) SPECIAL.set(s, null);
for (const s of ['.nan', '.NaN', '.NAN']) SPECIAL.set(s, NaN);
for (const s of ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']) SPECIAL.set(s, Infinity);
for (const s of ['-.inf', '-.Inf', '-.INF']) SPECIAL.set(s, -Infinity);

const SPECIAL_FIRST = new Uint8Array(128);
for (const s of SPECIAL.keys()) if (s.length > 0) SPECIAL_FIRST[s.charCodeAt(0)] = 1;

const DECIMAL = /^[-+]?(?:0|[1-9][0-9]*)$/;
const OCTAL = /^([-+]?)0o?([0-7]+)$/;
const HEX = /^([-+]?)0x([0-9a-fA-F]+)$/;
const BINARY = /^([-+]?)0b([01]+)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** Resolves a plain (unquoted) scalar the way go-yaml v2 does for untyped values. */
export function resolvePlain(text: string): unknown {
  const c = text.charCodeAt(0);
  // fast exit: most values start with a letter that no special value starts with
  if (((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) && SPECIAL_FIRST[c] !== 1) return text;
  const special = SPECIAL.get(text);
  if (special !== undefined || SPECIAL.has(text)) return special;
  const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // digit + - .
  if (!numeric) return text;
  if (c === 46) {
    return FLOAT.test(text) ? Number(text) : text;
  }
  const plain = text.indexOf('_') < 0 ? text : text.replace(/_/g, '');
  if (DECIMAL.test(plain)) return Number(plain);
  let m = OCTAL.exec(plain);
  if (m) return (m[1] === '-' ? -1 : 1) * parseInt(m[2], 8);
  m = HEX.exec(plain);
  if (m) return (m[1] === '-' ? -1 : 1) * parseInt(m[2], 16);
  m = BINARY.exec(plain);
  if (m) return (m[1] === '-' ? -1 : 1) * parseInt(m[2], 2);
  if (FLOAT.test(plain)) return Number(plain);
  return text;
}

/** The string a resolved map key becomes in JSON (sigs.k8s.io/yaml formats non-string keys). */
export function keyString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  return String(value);
}
