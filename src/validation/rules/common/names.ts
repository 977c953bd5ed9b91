/**
 * Primitive format validators of Kubernetes 1.28 (apimachinery `pkg/util/validation`, v0.28.0).
 *
 * Each `isXxx` function returns the list of problems (empty when valid) with the same detail texts the
 * API server prints, so callers can wrap them in `Invalid value` violations. Regexes are compiled once.
 *
 * Source (1.28): apimachinery v0.28.0 `pkg/util/validation/validation.go` (`IsDNS1123Label`,
 * `IsDNS1123Subdomain`, `IsDNS1035Label`, `IsQualifiedName`, `IsValidLabelValue`, `IsValidPortName`,
 * `IsEnvVarName`, `IsConfigMapKey`, `IsValidPercent`, `IsHTTPHeaderName`, `RegexError`, `MaxLenError`) and
 * `pkg/api/validation/path/name.go` (`IsValidPathSegmentName`).
 */

/** `must be no more than <n> characters`. */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** `must be non-empty`. */
export function emptyError(): string {
  return 'must be non-empty';
}

/** `must be between <lo> and <hi>, inclusive`. */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** A message with examples and the regex, in apimachinery's `RegexError` shape. */
export function regexError(msg: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) {
    return `${msg} (regex used for validation is '${format}')`;
  }
  let out = `${msg} (e.g. `;
  examples.forEach((example, i) => {
    if (i > 0) {
      out += ' or ';
    }
    out += `'${example}', `;
  });
  return `${out}regex used for validation is '${format}')`;
}

/** The result of a check that found nothing (shared: valid input allocates nothing). */
const NO_ERRORS: readonly string[] = Object.freeze([]);

/** Longest DNS-1123 label. */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** Longest DNS-1123 subdomain. */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** Longest DNS-1035 label. */
export const DNS1035_LABEL_MAX_LENGTH = 63;
/** Longest label value. */
export const LABEL_VALUE_MAX_LENGTH = 63;
/** Longest name part of a qualified name. */
export const QUALIFIED_NAME_MAX_LENGTH = 63;

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);

const WILDCARD_SUBDOMAIN_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_SUBDOMAIN_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const WILDCARD_SUBDOMAIN_RE = new RegExp(`^${WILDCARD_SUBDOMAIN_FMT}$`);

const QNAME_CHAR_FMT = '[A-Za-z0-9]';
const QNAME_EXT_CHAR_FMT = '[-A-Za-z0-9_.]';
const QUALIFIED_NAME_FMT = `(${QNAME_CHAR_FMT}${QNAME_EXT_CHAR_FMT}*)?${QNAME_CHAR_FMT}`;
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);

const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

const PORT_NAME_CHARSET_RE = /^[-a-z0-9]+$/;
const PORT_NAME_ONE_LETTER_RE = /[a-z]/;

const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const ENV_VAR_NAME_RE = new RegExp(`^${ENV_VAR_NAME_FMT}$`);

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const CONFIG_KEY_RE = new RegExp(`^${CONFIG_KEY_FMT}$`);

const PERCENT_FMT = '[0-9]+%';
const PERCENT_RE = new RegExp(`^${PERCENT_FMT}$`);

const HTTP_HEADER_NAME_FMT = '[-A-Za-z0-9]+';
const HTTP_HEADER_NAME_RE = new RegExp(`^${HTTP_HEADER_NAME_FMT}$`);

/** DNS-1123 label: 1-63 lower-case alphanumerics or `-`, starting and ending alphanumeric. */
export function isDns1123Label(value: string): readonly string[] {
  if (value.length <= DNS1123_LABEL_MAX_LENGTH && DNS1123_LABEL_RE.test(value)) {
    return NO_ERRORS;
  }
  const errs: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  }
  if (!DNS1123_LABEL_RE.test(value)) {
    if (DNS1123_SUBDOMAIN_RE.test(value)) {
      errs.push('must not contain dots');
    } else {
      errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
    }
  }
  return errs;
}

/** DNS-1123 subdomain: up to 253 characters of dot-separated DNS-1123 labels. */
export function isDns1123Subdomain(value: string): readonly string[] {
  if (value.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && DNS1123_SUBDOMAIN_RE.test(value)) {
    return NO_ERRORS;
  }
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!DNS1123_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  }
  return errs;
}

/** DNS-1035 label: like a DNS-1123 label but starting with a letter. */
export function isDns1035Label(value: string): readonly string[] {
  if (value.length <= DNS1035_LABEL_MAX_LENGTH && DNS1035_LABEL_RE.test(value)) {
    return NO_ERRORS;
  }
  const errs: string[] = [];
  if (value.length > DNS1035_LABEL_MAX_LENGTH) {
    errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  }
  if (!DNS1035_LABEL_RE.test(value)) {
    errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  }
  return errs;
}

/** Wildcard DNS-1123 subdomain: `*.` followed by a subdomain. */
export function isWildcardDns1123Subdomain(value: string): readonly string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!WILDCARD_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError(WILDCARD_SUBDOMAIN_MSG, WILDCARD_SUBDOMAIN_FMT, '*.example.com'));
  }
  return errs;
}

/** Qualified name (label and annotation keys): optional DNS subdomain prefix and `/`, then a 1-63 char name. */
export function isQualifiedName(value: string): readonly string[] {
  // Label and annotation keys repeat across objects: remember the valid ones (bounded).
  if (VALID_QUALIFIED_NAMES.has(value)) {
    return NO_ERRORS;
  }
  const errs = checkQualifiedName(value);
  if (errs.length === 0) {
    if (VALID_QUALIFIED_NAMES.size >= VALID_NAME_CACHE_LIMIT) {
      VALID_QUALIFIED_NAMES.clear();
    }
    VALID_QUALIFIED_NAMES.add(value);
  }
  return errs;
}

const VALID_NAME_CACHE_LIMIT = 4096;
const VALID_QUALIFIED_NAMES = new Set<string>();

function checkQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) {
      errs.push(`prefix part ${emptyError()}`);
    } else {
      for (const msg of isDns1123Subdomain(prefix)) {
        errs.push(`prefix part ${msg}`);
      }
    }
  } else {
    errs.push(
      `a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    return errs;
  }
  if (name.length === 0) {
    errs.push(`name part ${emptyError()}`);
  } else if (name.length > QUALIFIED_NAME_MAX_LENGTH) {
    errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  }
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

/** Label value: empty, or up to 63 characters of `[A-Za-z0-9-_.]` starting and ending alphanumeric. */
export function isValidLabelValue(value: string): readonly string[] {
  if (value.length <= LABEL_VALUE_MAX_LENGTH && LABEL_VALUE_RE.test(value)) {
    return NO_ERRORS;
  }
  const errs: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) {
    errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  }
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

/** Port name (IANA_SVC_NAME): 1-15 chars of `[a-z0-9-]`, at least one letter, no `--`, no edge hyphen. */
export function isValidPortName(port: string): readonly string[] {
  const errs: string[] = [];
  if (port.length > 15) {
    errs.push(maxLenError(15));
  }
  if (!PORT_NAME_CHARSET_RE.test(port)) {
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  }
  if (!PORT_NAME_ONE_LETTER_RE.test(port)) {
    errs.push('must contain at least one letter (a-z)');
  }
  if (port.includes('--')) {
    errs.push('must not contain consecutive hyphens');
  }
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) {
    errs.push('must not begin or end with a hyphen');
  }
  return errs;
}

/** Port number 1..65535. */
export function isValidPortNum(port: number): readonly string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** User or group id (1.28): 0..2147483647. */
export function isValidUserOrGroupId(id: number): readonly string[] {
  return Number.isInteger(id) && id >= 0 && id <= 2147483647 ? [] : [inclusiveRangeError(0, 2147483647)];
}

function chDirPrefix(value: string): string[] {
  if (value === '.') {
    return ["must not be '.'"];
  }
  if (value === '..') {
    return ["must not be '..'"];
  }
  if (value.startsWith('..')) {
    return ["must not start with '..'"];
  }
  return [];
}

/** Environment variable name (strict 1.28 rule). */
export function isEnvVarName(value: string): readonly string[] {
  if (ENV_VAR_NAME_RE.test(value) && !value.startsWith('..') && value !== '.') {
    return NO_ERRORS;
  }
  const errs: string[] = [];
  if (!ENV_VAR_NAME_RE.test(value)) {
    errs.push(regexError(ENV_VAR_NAME_MSG, ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  errs.push(...chDirPrefix(value));
  return errs;
}

/** ConfigMap / Secret key: 1-253 chars of `[-._a-zA-Z0-9]`, not `.`/`..`, not starting with `..`. */
export function isConfigMapKey(value: string): readonly string[] {
  if (value.length <= DNS1123_SUBDOMAIN_MAX_LENGTH && CONFIG_KEY_RE.test(value) && !value.startsWith('..') && value !== '.') {
    return NO_ERRORS;
  }
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) {
    errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  }
  if (!CONFIG_KEY_RE.test(value)) {
    errs.push(regexError(CONFIG_KEY_MSG, CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  }
  errs.push(...chDirPrefix(value));
  return errs;
}

/** Percent string: digits followed by `%`. */
export function isValidPercent(value: string): readonly string[] {
  return PERCENT_RE.test(value)
    ? []
    : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

/** HTTP header name: `[-A-Za-z0-9]+`. */
export function isHttpHeaderName(value: string): readonly string[] {
  return HTTP_HEADER_NAME_RE.test(value)
    ? []
    : [regexError("a valid HTTP header must consist of alphanumeric characters or '-'", HTTP_HEADER_NAME_FMT, 'X-Header-Name')];
}

/** Path segment name (resource references): not `.` or `..`, no `/` or `%`. */
export function isValidPathSegmentName(value: string): readonly string[] {
  if (value === '.' || value === '..') {
    return [`may not be '${value}'`];
  }
  const errs: string[] = [];
  for (const illegal of ['/', '%']) {
    if (value.includes(illegal)) {
      errs.push(`may not contain '${illegal}'`);
    }
  }
  return errs;
}

/** Finalizer names without a `/` that Kubernetes knows. */
export const STANDARD_FINALIZERS: readonly string[] = ['kubernetes', 'orphan', 'foregroundDeletion'];
