/**
 * How the API server prints values of unstructured custom resources in field errors: Go's `%v`
 * for numbers and booleans, `%q` for strings and `%#v` for maps and lists
 * (`map[string]interface {}{"a":1}`), as `field.Error.ErrorBody` does in apimachinery 1.28.
 */

/** Go's `%v` of a float64 (`strconv.FormatFloat(f, 'g', -1, 64)`): `1e+06`, `0.5`, `65535`. */
export function goFloat(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exponential = value.toExponential(); // shortest digits, e.g. "1.5e+6"
  const [mantissa, expText] = exponential.split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    // Go pads the exponent to two digits: 1e+06, 1.5e-07
    const sign = exp < 0 ? '-' : '+';
    const digits = String(Math.abs(exp)).padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/** A JSON number as the decoder keeps it: integers as int64 (`%v`), others as float64. */
export function goNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value).toString() : goFloat(value);
}

/** Go's `%#v` of an unstructured value (inside a map or list). */
function goSharpV(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSharpV).join(', ')}}`;
  const record = value as { [key: string]: unknown };
  const keys = Object.keys(record).sort();
  return `map[string]interface {}{${keys.map((k) => `${JSON.stringify(k)}:${goSharpV(record[k])}`).join(', ')}}`;
}

/** A bad value as `field.Error` prints it after `Invalid value: `. */
export function goFieldValue(value: unknown): string {
  if (value === null || value === undefined) return '"null"';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goSharpV(value);
}

/** The JSON type name kube-openapi gives a decoded value (`string`, `integer`, `number`...). */
export function jsonTypeOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) return 'array';
  return 'object';
}
