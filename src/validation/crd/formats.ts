/**
 * The string formats a 1.28 API server checks in custom resources: the `strfmt.Default` formats
 * that `apiextensions-apiserver/pkg/apiserver/validation/formats.go` keeps (`supportedFormats`);
 * every other format (`int32`, `int64`, `double`...) is stripped from the schema and not checked.
 * Format names are normalized like go-openapi (dashes removed: `date-time` = `datetime`).
 */

const RFC3339_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RFC3339_DATETIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID3 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const UUID4 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const UUID5 = /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i;
const HOSTNAME = /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u;
const EMAIL = /^[^@\s]+@[^@\s]+$/;
const HEX_COLOR = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const RGB_COLOR = /^rgb\(\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*,\s*(0|[1-9]\d?|1\d\d?|2[0-4]\d|25[0-5])\s*\)$/;
const BSON_OBJECT_ID = /^[0-9a-fA-F]{24}$/;
const SSN = /^\d{3}[- ]?\d{2}[- ]?\d{4}$/;
const CREDIT_CARD = /^(?:4[0-9]{12}(?:[0-9]{3})?|5[1-5][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\d{3})\d{11})$/;
const ISBN10 = /^(?:[0-9]{9}X|[0-9]{10})$/;
const ISBN13 = /^(?:[0-9]{13})$/;
const MAC = /^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{2}[:-]){7}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{2}[:-]){19}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\.){2}([0-9A-Fa-f]{4})$|^([0-9A-Fa-f]{4}\.){3}([0-9A-Fa-f]{4})$|^([0-9A-Fa-f]{4}\.){9}([0-9A-Fa-f]{4})$/;
const DURATION = /^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const SCALA_DURATION = /^[0-9]+\s*(ns|us|ms|s|m|h|d|w|nanos?|micros?|millis?|seconds?|minutes?|hours?|days?|weeks?)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function isIPv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return false;
  let head = text;
  let v4 = 0;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    head = text.slice(0, lastColon + 1) + '0:0';
    v4 = 1;
  }
  const double = head.split('::');
  if (double.length > 2) return false;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(double[0]);
  const right = double.length === 2 ? groups(double[1]) : [];
  if ([...left, ...right].some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = left.length + right.length;
  return (double.length === 2 ? count < 8 : count === 8) && v4 >= 0;
}

function isIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const ip = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  if (isIPv4(ip)) return Number(bits) <= 32;
  return isIPv6(ip) && Number(bits) <= 128;
}

function isUri(text: string): boolean {
  // net/url.ParseRequestURI: an absolute URI or an absolute path
  if (text.startsWith('/')) return !/\s/.test(text);
  return /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(text);
}

function isDate(text: string): boolean {
  const m = RFC3339_DATE.exec(text);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
}

function isIsbn(text: string): boolean {
  const digits = text.replace(/[\s-]/g, '');
  return ISBN10.test(digits) || ISBN13.test(digits);
}

const CHECKS: { readonly [format: string]: (text: string) => boolean } = {
  bsonobjectid: (t) => BSON_OBJECT_ID.test(t),
  uri: isUri,
  email: (t) => EMAIL.test(t),
  hostname: (t) => HOSTNAME.test(t) && t.length <= 255,
  ipv4: isIPv4,
  ipv6: (t) => isIP(t) && t.includes(':'),
  cidr: isCidr,
  mac: (t) => MAC.test(t),
  uuid: (t) => UUID.test(t),
  uuid3: (t) => UUID3.test(t),
  uuid4: (t) => UUID4.test(t),
  uuid5: (t) => UUID5.test(t),
  isbn: isIsbn,
  isbn10: (t) => ISBN10.test(t.replace(/[\s-]/g, '')),
  isbn13: (t) => ISBN13.test(t.replace(/[\s-]/g, '')),
  creditcard: (t) => CREDIT_CARD.test(t.replace(/\D/g, '')),
  ssn: (t) => SSN.test(t),
  hexcolor: (t) => HEX_COLOR.test(t),
  rgbcolor: (t) => RGB_COLOR.test(t),
  byte: (t) => BASE64.test(t.replace(/[\r\n]/g, '')),
  password: () => true,
  date: isDate,
  duration: (t) => DURATION.test(t) || SCALA_DURATION.test(t) || t === '0',
  datetime: (t) => RFC3339_DATETIME.test(t) && isDate(t.slice(0, 10)),
};

/** The checker of a format the server validates, or undefined for formats it strips. */
export function formatChecker(format: string): ((text: string) => boolean) | undefined {
  return CHECKS[format.replace(/-/g, '')];
}
