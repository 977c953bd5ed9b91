/**
 * Scalar formatting for the YAML emitter.
 *
 * A string is written plain only when every YAML 1.1 and YAML 1.2 reader reads it back as the
 * same string; otherwise it is double-quoted with escapes (or, for multi-line values, written as
 * a `|` block literal by the emitter). The resolution rules below are the union of the YAML 1.1
 * type repository (bool, int, float, null, timestamp, merge, value) and the YAML 1.2 core schema,
 * widened where common readers are more liberal than the specification.
 */

/** Words that YAML 1.1 or 1.2 resolve to a boolean or null. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'null', 'Null', 'NULL', '~',
  // YAML 1.1 merge key and "value" key.
  '<<', '=',
]);

/**
 * Strings made of these characters and starting with a letter can only resolve as a keyword
 * (`e`/`E` are left out: one YAML 1.1 reader reads `E5` as a float).
 */
const FAST_SAFE = /^[A-DF-Za-df-z][A-Za-z0-9_./-]*$/;

/** Number-like forms of YAML 1.1 (spec and common readers) and YAML 1.2. */
const NUMBER_LIKE: readonly RegExp[] = [
  /^[-+]?[0-9][0-9_]*$/, // decimal and 1.1 octal (0777), with 1.1 underscores
  /^[-+]?0b[01_]+$/, // 1.1 binary
  /^[-+]?0x[0-9a-fA-F_]+$/, // hex
  /^[-+]?0o[0-7_]+$/, // 1.2 octal
  /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/, // 1.1 sexagesimal int and float
  /^[-+]?([0-9][0-9_]*)?\.[0-9._]*([eE][-+]?[0-9]+)?$/, // floats with a dot (1.1 spec allows `1.2.3` and `.`)
  /^[-+]?([0-9][0-9_]*)?(\.[0-9_]*)?[eE][-+]?[0-9]+$/, // exponent floats (one reader accepts `E5`)
  /^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$/, // infinities and NaN
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/, // 1.1 timestamps (any string that starts like a date)
];

/**
 * Characters that cannot appear unescaped: C0 controls (tab and line feed included), DEL, C1
 * controls (U+0085 is a YAML 1.1 line break), U+2028/U+2029 (YAML 1.1 line breaks), the byte
 * order mark, the non-characters U+FFFE/U+FFFF and unpaired surrogates.
 */
const NON_PRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Same as {@link NON_PRINTABLE} but allowing line feeds (block literals). */
const NON_PRINTABLE_IN_LITERAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Characters that start a YAML indicator when they open a plain scalar. */
const LEADING_INDICATORS = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ']);

/** Escapes with a short form that YAML 1.1 and 1.2 both define. */
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x00: '\\0', 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f',
  0x0d: '\\r', 0x1b: '\\e', 0x22: '\\"', 0x5c: '\\\\', 0x85: '\\N', 0x2028: '\\L', 0x2029: '\\P',
};

/**
 * Whether a string can be written as a plain (unquoted) scalar.
 *
 * @param value the string
 * @param atDocumentRoot whether the scalar is the whole document (`---` and `...` are markers there)
 */
export function isPlainSafe(value: string, atDocumentRoot = false): boolean {
  if (value.length === 0) {
    return false;
  }
  if (FAST_SAFE.test(value)) {
    return !KEYWORDS.has(value);
  }
  if (KEYWORDS.has(value) || NON_PRINTABLE.test(value)) {
    return false;
  }
  const first = value[0];
  if (LEADING_INDICATORS.has(first)) {
    // `-` may open a plain scalar when a non-space follows (`--port=80`), except a document marker.
    if (first !== '-' || value.length === 1 || value[1] === ' ' || (atDocumentRoot && value.startsWith('---'))) {
      return false;
    }
  }
  if (atDocumentRoot && value.startsWith('...')) {
    return false;
  }
  if (value.endsWith(' ') || value.endsWith(':') || value.includes(': ') || value.includes(' #')) {
    return false;
  }
  for (const pattern of NUMBER_LIKE) {
    if (pattern.test(value)) {
      return false;
    }
  }
  return true;
}

/**
 * Whether a multi-line string can be written as a `|` block literal that reads back exactly.
 *
 * Needs printable content only (line feeds aside) and a first non-empty line that does not start
 * with white space (the reader detects the indentation from it).
 */
export function isLiteralSafe(value: string): boolean {
  if (!value.includes('\n') || NON_PRINTABLE_IN_LITERAL.test(value)) {
    return false;
  }
  const firstContent = /^\n*([^\n])/.exec(value);
  return firstContent !== null && firstContent[1] !== ' ';
}

/** Writes a string as a double-quoted scalar, escaping everything outside printable text. */
export function doubleQuoted(value: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    let escape: string | undefined;
    if (code === 0x22 || code === 0x5c || code < 0x20 || (code >= 0x7f && code <= 0x9f)
      || code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) {
      escape = SHORT_ESCAPES[code] ?? hexEscape(code);
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid pair: keep both halves as they are
        continue;
      }
      escape = hexEscape(code);
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      escape = hexEscape(code);
    }
    if (escape !== undefined) {
      out += value.slice(start, i) + escape;
      start = i + 1;
    }
  }
  return out + value.slice(start) + '"';
}

/**
 * Formats a JSON number so that YAML 1.1 and 1.2 readers read the same number.
 *
 * Exponent forms get a fraction (`1.0e+21`), because the YAML 1.1 float pattern needs a dot.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new TypeError(`cannot write ${value} as YAML: JSON numbers must be finite`);
  }
  if (Object.is(value, -0)) {
    return '-0';
  }
  const text = String(value);
  const exponent = text.indexOf('e');
  if (exponent !== -1 && !text.includes('.')) {
    return `${text.slice(0, exponent)}.0${text.slice(exponent)}`;
  }
  return text;
}

function hexEscape(code: number): string {
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}
