import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

/**
 * Input checks shared by the constructs.
 *
 * Each `check*` function throws a `ValidationError` on the construct that received the value,
 * with a message that names the property, shows the value and states the rule. The rules follow
 * the Kubernetes 1.28 API server (apimachinery `pkg/util/validation`).
 *
 * @internal
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** The largest int32, the type of most count fields in the Kubernetes API. */
const INT32_MAX = 2147483647;

/** Whether `value` is a DNS-1123 label (1-63 lower-case alphanumerics or `-`, alphanumeric at both ends). */
export function isDns1123Label(value: string): boolean {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** Whether `value` is a DNS-1035 label (a DNS-1123 label that starts with a letter). */
export function isDns1035Label(value: string): boolean {
  return typeof value === 'string' && value.length <= 63 && DNS1035_LABEL.test(value);
}

/** Whether `value` is a DNS-1123 subdomain (dot-separated DNS-1123 labels, at most 253 characters). */
export function isDns1123Subdomain(value: string): boolean {
  return typeof value === 'string' && value.length > 0 && value.length <= 253 && value.split('.').every(isDns1123Label);
}

/** Whether `value` is an IANA_SVC_NAME, the format of container port names. */
export function isIanaSvcName(value: string): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= 15
    && /^[a-z0-9-]+$/.test(value)
    && /[a-z]/.test(value)
    && !value.includes('--')
    && !value.startsWith('-') && !value.endsWith('-');
}

/** Whether `value` is a valid label value (empty, or <= 63 of `[A-Za-z0-9-_.]`, alphanumeric at both ends). */
export function isLabelValue(value: string): boolean {
  return typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value);
}

/** Whether `value` is a valid ConfigMap/Secret key. */
export function isConfigKey(value: string): boolean {
  return typeof value === 'string' && value.length <= 253 && CONFIG_KEY.test(value) && value !== '.' && !value.startsWith('..');
}

/** Whether `value` is a valid environment variable name. */
export function isEnvVarName(value: string): boolean {
  return typeof value === 'string' && ENV_VAR_NAME.test(value) && value !== '.' && !value.startsWith('..');
}

/** Whether `value` is a valid Ingress rule host: a DNS-1123 subdomain or `*.` + subdomain, not an IP. */
export function isIngressHost(value: string): boolean {
  if (typeof value !== 'string' || IPV4.test(value) || value.includes(':')) {
    return false;
  }
  const name = value.startsWith('*.') ? value.slice(2) : value;
  return isDns1123Subdomain(name);
}

/** Throws unless `value` is an integer >= `min` (and <= `max` when given). */
export function checkInteger(scope: IConstruct, prop: string, value: number, min: number, max?: number): void {
  const inRange = Number.isInteger(value) && value >= min && (max === undefined || value <= max);
  if (inRange && value <= INT32_MAX) {
    return;
  }
  if (inRange) {
    throw new ValidationError(scope, `'${prop}' (${value}) must be at most ${INT32_MAX}: Kubernetes keeps it in a 32-bit integer`);
  }
  if (max !== undefined) {
    throw new ValidationError(scope, `'${prop}' (${value}) must be an integer between ${min} and ${max}, inclusive`);
  }
  const rule = min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
  throw new ValidationError(scope, `'${prop}' (${value}) must be ${rule}`);
}

/** Throws unless `value` is a port number (1-65535). */
export function checkPortNumber(scope: IConstruct, prop: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new ValidationError(scope, `'${prop}' (${value}) must be a port number between 1 and 65535, inclusive`);
  }
}

/** Throws unless `value` is a DNS-1123 label. */
export function checkDns1123Label(scope: IConstruct, prop: string, value: string): void {
  if (!isDns1123Label(value)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(value)}) must be a DNS-1123 label: `
      + 'at most 63 lower-case letters, digits or \'-\', starting and ending with a letter or digit');
  }
}

/** Throws unless `value` is a DNS-1123 subdomain (the name rule of most object kinds). */
export function checkDns1123Subdomain(scope: IConstruct, prop: string, value: string): void {
  if (!isDns1123Subdomain(value)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(value)}) must be a DNS-1123 subdomain: `
      + 'at most 253 characters of dot-separated lower-case labels (letters, digits, \'-\')');
  }
}

/** Throws unless `value` is a valid label value. */
export function checkLabelValue(scope: IConstruct, prop: string, value: string): void {
  if (!isLabelValue(value)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(value)}) must be a valid label value: `
      + 'at most 63 characters of letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit');
  }
}

/** Object keys cdk8s cannot render: `__proto__` sets the prototype (the entry is lost), `constructor` makes cdk8s refuse the object. */
const UNRENDERABLE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

/** Whether cdk8s can render `value` as an object key (not `__proto__` or `constructor`). */
export function isRenderableKey(value: string): boolean {
  return !UNRENDERABLE_KEYS.has(value);
}

/**
 * Throws for a key that passes the Kubernetes key rules but that cdk8s cannot render as an object
 * key (`__proto__`, `constructor`): cdk8s builds manifests from plain JavaScript objects.
 */
export function checkRenderableKey(scope: IConstruct, prop: string, value: string): void {
  if (UNRENDERABLE_KEYS.has(value)) {
    throw new ValidationError(scope, `'${prop}' key (${JSON.stringify(value)}) is not supported: cdk8s cannot render an object key `
      + `named ${JSON.stringify(value)}; use another name`);
  }
}

/** Throws for a key of a map that cdk8s renders (labels, annotations, data) that it cannot render; checks every key. */
export function checkRenderableKeys(scope: IConstruct, prop: string, map: object | undefined): void {
  for (const key of Object.keys(map ?? {})) {
    checkRenderableKey(scope, prop, key);
  }
}

/** Throws unless `value` is a valid ConfigMap/Secret key. */
export function checkConfigKey(scope: IConstruct, prop: string, value: string): void {
  checkRenderableKey(scope, prop, value);
  if (!isConfigKey(value)) {
    throw new ValidationError(scope, `'${prop}' key (${JSON.stringify(value)}) must be a valid config key: `
      + 'letters, digits, \'-\', \'_\' or \'.\', at most 253 characters');
  }
}

/** Throws unless `value` is a valid environment variable name. */
export function checkEnvVarName(scope: IConstruct, prop: string, value: string): void {
  if (value === '__proto__') {
    checkRenderableKey(scope, prop, value);
  }
  if (!isEnvVarName(value)) {
    throw new ValidationError(scope, `'${prop}' key (${JSON.stringify(value)}) must be a valid environment variable name: `
      + 'letters, digits, \'_\', \'-\' or \'.\', not starting with a digit');
  }
}

/** Throws unless `value` is an absolute path without `..` segments (container mount paths). */
export function checkAbsolutePath(scope: IConstruct, prop: string, value: string): void {
  if (typeof value !== 'string' || !value.startsWith('/') || value.split('/').includes('..')) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(value)}) must be an absolute path without '..' segments`);
  }
}

/** Throws unless `value` is a DNS-1035 label (the Service name rule, used for names shared by all objects). */
export function checkDns1035Label(scope: IConstruct, prop: string, value: string): void {
  if (!isDns1035Label(value)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(value)}) must be a DNS-1035 label: `
      + 'at most 63 lower-case letters, digits or \'-\', starting with a letter and ending with a letter or digit');
  }
}

/** Names the constructs library refuses as construct ids: it keeps children in a plain object. */
const PROTOTYPE_MEMBERS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

/** Whether the constructs library refuses `value` as a construct id (a name of an `Object.prototype` member). */
export function isRefusedConstructId(value: string): boolean {
  return PROTOTYPE_MEMBERS.has(value);
}

/** Throws when `value`, which becomes a child construct id, is a name the constructs library refuses. */
export function checkConstructId(scope: IConstruct, prop: string, value: string): void {
  if (PROTOTYPE_MEMBERS.has(value)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(value)}) is not supported: it becomes a construct id, and the constructs `
      + 'library refuses ids named like Object.prototype members; use another name');
  }
}

/**
 * The construct `id`, checked before the construct exists: an id the constructs library refuses
 * (`constructor`, `toString`...) is a `ValidationError` on the future path instead of its garbled
 * "There is already a Construct with name" error.
 */
export function checkedConstructId(scope: IConstruct, id: string): string {
  if (typeof id === 'string' && PROTOTYPE_MEMBERS.has(id)) {
    const parent = scope.node.path;
    const future = { node: { path: parent ? `${parent}/${id}` : id } } as unknown as IConstruct;
    throw new ValidationError(future, `construct id ${JSON.stringify(id)} is not supported: the constructs library refuses ids named like `
      + 'Object.prototype members; use another id');
  }
  return id;
}

const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Whether `value` is a qualified name, the format of label and annotation keys: `[DNS subdomain prefix/]name`, name at most 63 characters. */
export function isQualifiedName(value: string): boolean {
  const slash = value.indexOf('/');
  const name = slash < 0 ? value : value.slice(slash + 1);
  const prefix = slash < 0 ? undefined : value.slice(0, slash);
  return (prefix === undefined || isDns1123Subdomain(prefix)) && name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** Throws unless every key is a renderable qualified name and every value a label value (a `labels` map). */
export function checkLabels(scope: IConstruct, prop: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    checkQualifiedKey(scope, prop, key);
    if (typeof value !== 'string') {
      throw new ValidationError(scope, `'${prop}.${key}' (${JSON.stringify(value)}) must be a string`);
    }
    checkLabelValue(scope, `${prop}.${key}`, value);
  }
}

/** Throws unless every key is a renderable qualified name and every value a string (an `annotations` map). */
export function checkAnnotations(scope: IConstruct, prop: string, annotations: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(annotations ?? {})) {
    checkQualifiedKey(scope, prop, key);
    if (typeof value !== 'string') {
      throw new ValidationError(scope, `'${prop}.${key}' (${JSON.stringify(value)}) must be a string`);
    }
  }
}

function checkQualifiedKey(scope: IConstruct, prop: string, key: string): void {
  checkRenderableKey(scope, prop, key);
  if (!isQualifiedName(key)) {
    throw new ValidationError(scope, `'${prop}' key (${JSON.stringify(key)}) must be a qualified name: an optional DNS subdomain prefix and '/', `
      + 'then at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit (e.g. \'example.com/owner\')');
  }
}
