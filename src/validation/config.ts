/**
 * Options of the validation engine, and the parsers that turn a config file or CLI flags into them.
 *
 * The same shape is accepted by `validate()`, `createValidator()`, the jest matcher, the cdk8s
 * validation plugin (`properties:` in cdk8s.yaml) and `cdk8s-patterns validate --config <file>`.
 */
import { ExternalObjectRef, PodSecurityLevel, Rule } from './rule';
import { Severity } from './types';

/** How deep the engine validates. Each level includes the ones before it. */
export enum ValidationLevel {
  /** Schema (L1, L2) and API server semantics (L3): exactly what a 1.28 API server would reject. */
  API = 'api',
  /** `api` plus checks across objects (L4). */
  CROSS = 'cross',
  /** `cross` plus security and best-practice policy (L5). */
  POLICY = 'policy',
}

/** What a streaming validator hands to bundle (cross-object) rules. */
export enum BundleScope {
  /**
   * Every object added to the validator is one bundle; bundle rules run once in `finish()`.
   * The validator keeps the objects (not their sources) until then.
   */
  ALL = 'all',
  /**
   * Each `add()` call is its own bundle; bundle rules run at the end of every `add()` and nothing
   * is kept afterwards. References across batches are reported as dangling.
   */
  BATCH = 'batch',
}

/** Options of the validation engine. */
export interface ValidationOptions {
  /**
   * How deep to validate.
   * @default ValidationLevel.POLICY
   */
  readonly level?: ValidationLevel;
  /**
   * Severity per rule, by id (`policy/latest-tag`) or by name (`latest-tag`); `Severity.OFF` disables a rule.
   * @default - each rule's default severity
   */
  readonly rules?: Readonly<Record<string, Severity>>;
  /**
   * Pod Security Standards profile enforced by the policy layer.
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Objects that live outside the validated set, so references to them are not dangling.
   * @default - none
   */
  readonly external?: readonly ExternalObjectRef[];
  /**
   * Treat objects of unknown kinds (no schema) as errors instead of warnings.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The rules to run (before filtering by level and severity).
   * @default - every built-in rule (`builtinRules()`)
   */
  readonly ruleSet?: readonly Rule[];
  /**
   * Keep the identity and source of every checked object in the report (`report.objects`),
   * which the JUnit reporter uses to write one test case per object.
   * @default false
   */
  readonly recordObjects?: boolean;
  /**
   * What a streaming validator hands to bundle rules (ignored by `validate()`, which has the whole set).
   * @default BundleScope.ALL
   */
  readonly bundleScope?: BundleScope;
  /**
   * CustomResourceDefinition files or folders (`--crd`): their custom resources are validated
   * against them, like the CRDs found in the input and those built in (`crds/`).
   * @default - none
   */
  readonly crds?: readonly string[];
}

/**
 * The serializable subset of {@link ValidationOptions} read from a config file (YAML or JSON)
 * or from the `properties:` of the cdk8s validation plugin.
 */
export interface ValidationConfig {
  /** @default ValidationLevel.POLICY */
  readonly level?: ValidationLevel;
  /** @default - each rule's default severity */
  readonly rules?: Readonly<Record<string, Severity>>;
  /** @default PodSecurityLevel.RESTRICTED */
  readonly podSecurity?: PodSecurityLevel;
  /** @default - none */
  readonly external?: readonly ExternalObjectRef[];
  /** @default false */
  readonly strict?: boolean;
  /**
   * Extra JSON schemas for custom resources, in kubeconform layout (`<kind>-<version>.json`).
   * Relative paths are resolved against the config file's folder.
   * @default - no extra schemas
   */
  readonly schemaDir?: string;
  /**
   * CustomResourceDefinition files or folders (like `--crd`). Relative paths are resolved against
   * the config file's folder.
   * @default - none
   */
  readonly crds?: readonly string[];
}

/** A config file, CLI flag or option value that cannot be used; the message says where and how to fix it. */
export class ValidationConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationConfigError';
    Object.setPrototypeOf(this, ValidationConfigError.prototype);
  }
}

/**
 * The validation record synth writes next to the manifests of each output folder
 * (`dist/prod/.cdk8s-patterns-validation`): the external objects and settings the app was
 * validated with, as YAML in the format of a `validate --config` file.
 *
 * The name is hidden and has no `.yaml`, `.yml` or `.json` extension, so the tools that read a
 * folder of manifests never take it for one: `kubectl apply -f <folder>` (with or without `-R`),
 * kustomize, Argo CD and Flux directory walks. `cdk8s-patterns validate`, `graph`, `diff` and the
 * cdk8s-cli plugin find it by name.
 */
export const GENERATED_CONFIG_FILE = '.cdk8s-patterns-validation';

/**
 * The name synth gave the validation record before it was hidden (`validation.cdk8s-patterns.yaml`).
 * Readers still recognise it in folders written by an older version: `validate` applies it, and
 * `graph`, `diff` and the validate folder walk do not read it as manifests.
 */
export const LEGACY_GENERATED_CONFIG_FILE = 'validation.cdk8s-patterns.yaml';

/** Whether a file name (no folder) is a validation record synth writes, under its current or its former name. */
export function isValidationRecordName(name: string): boolean {
  return name === GENERATED_CONFIG_FILE || name === LEGACY_GENERATED_CONFIG_FILE;
}

const CONFIG_KEYS = ['level', 'rules', 'podSecurity', 'external', 'strict', 'schemaDir', 'crds'];
const SEVERITY_ALIASES: Readonly<Record<string, Severity>> = {
  error: Severity.ERROR,
  warning: Severity.WARNING,
  warn: Severity.WARNING,
  info: Severity.INFO,
  off: Severity.OFF,
};

/**
 * Parses a severity name: `error`, `warning` (or `warn`), `info`, `off`.
 *
 * @param where names the flag or key the value came from, for the error message.
 * @throws ValidationConfigError for any other value.
 */
export function parseSeverity(value: unknown, where: string): Severity {
  const name = typeof value === 'string' ? value.toLowerCase() : undefined;
  const severity = name !== undefined && Object.hasOwn(SEVERITY_ALIASES, name) ? SEVERITY_ALIASES[name] : undefined;
  if (severity === undefined) {
    throw new ValidationConfigError(
      `${where}: unsupported severity ${JSON.stringify(value)}; use one of "error", "warning", "info", "off"`);
  }
  return severity;
}

/**
 * Parses a validation level: `api`, `cross` or `policy`.
 *
 * @throws ValidationConfigError for any other value.
 */
export function parseLevel(value: unknown, where: string): ValidationLevel {
  return parseEnum(value, Object.values(ValidationLevel), where);
}

/**
 * Parses a Pod Security Standards profile: `baseline` or `restricted`.
 *
 * @throws ValidationConfigError for any other value.
 */
export function parsePodSecurity(value: unknown, where: string): PodSecurityLevel {
  return parseEnum(value, Object.values(PodSecurityLevel), where);
}

/**
 * Parses a `--severity rule=level` flag, e.g. `policy/latest-tag=warning` or `latest-tag=off`.
 *
 * @returns the rule id or name and the severity.
 */
export function parseSeverityFlag(flag: string): [string, Severity] {
  const eq = flag.indexOf('=');
  if (eq <= 0) {
    throw new ValidationConfigError(
      `--severity ${JSON.stringify(flag)}: expected <rule>=<severity>, e.g. policy/latest-tag=warning`);
  }
  const rule = flag.slice(0, eq).trim();
  return [rule, parseSeverity(flag.slice(eq + 1).trim(), `--severity ${rule}`)];
}

/**
 * Parses an external object reference `Kind/namespace/name` or `Kind/name` (any namespace),
 * optionally followed by `:key1,key2` listing the keys of a Secret or ConfigMap.
 */
export function parseExternalRef(ref: string): ExternalObjectRef {
  const colon = ref.indexOf(':');
  const head = colon < 0 ? ref : ref.slice(0, colon);
  const parts = head.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part.trim() === '')) {
    throw new ValidationConfigError(
      `--external ${JSON.stringify(ref)}: expected Kind/namespace/name or Kind/name (optionally :key1,key2), e.g. Secret/prod/db-credentials`);
  }
  const [kind, namespace, name] = parts.length === 3 ? parts : [parts[0], undefined, parts[1]];
  const keys = colon < 0 ? undefined : ref.slice(colon + 1).split(',').map((k) => k.trim()).filter((k) => k !== '');
  return { kind, name, ...(namespace === undefined ? {} : { namespace }), ...(keys === undefined ? {} : { keys }) };
}

/**
 * Checks and converts a parsed config file (or plugin properties) into a {@link ValidationConfig}.
 *
 * @param raw the parsed YAML/JSON document.
 * @param origin the file name (or `cdk8s.yaml properties`), used in error messages.
 * @throws ValidationConfigError naming the origin, the key, the bad value and the allowed values.
 */
export function parseValidationConfig(raw: unknown, origin: string): ValidationConfig {
  if (raw === null || raw === undefined) return {};
  if (!isRecord(raw)) {
    throw new ValidationConfigError(`${origin}: the config must be a mapping with keys ${CONFIG_KEYS.join(', ')}`);
  }
  for (const key of Object.keys(raw)) {
    if (!CONFIG_KEYS.includes(key)) {
      throw new ValidationConfigError(`${origin}: unknown key "${key}"; supported keys: ${CONFIG_KEYS.join(', ')}`);
    }
  }
  const config: { -readonly [K in keyof ValidationConfig]: ValidationConfig[K] } = {};
  if (raw.level !== undefined) config.level = parseLevel(raw.level, `${origin}: level`);
  if (raw.podSecurity !== undefined) config.podSecurity = parsePodSecurity(raw.podSecurity, `${origin}: podSecurity`);
  if (raw.strict !== undefined) {
    if (typeof raw.strict !== 'boolean') {
      throw new ValidationConfigError(`${origin}: strict must be true or false (got ${JSON.stringify(raw.strict)})`);
    }
    config.strict = raw.strict;
  }
  if (raw.schemaDir !== undefined) {
    if (typeof raw.schemaDir !== 'string' || raw.schemaDir === '') {
      throw new ValidationConfigError(`${origin}: schemaDir must be a folder path (got ${JSON.stringify(raw.schemaDir)})`);
    }
    config.schemaDir = raw.schemaDir;
  }
  if (raw.crds !== undefined) {
    if (!Array.isArray(raw.crds) || raw.crds.some((c) => typeof c !== 'string' || c === '')) {
      throw new ValidationConfigError(`${origin}: crds must be a list of CRD files or folders (got ${JSON.stringify(raw.crds)})`);
    }
    config.crds = raw.crds as string[];
  }
  if (raw.rules !== undefined) config.rules = parseRuleSeverities(raw.rules, origin);
  if (raw.external !== undefined) config.external = parseExternalList(raw.external, origin);
  return config;
}

function parseRuleSeverities(raw: unknown, origin: string): Record<string, Severity> {
  if (!isRecord(raw)) {
    throw new ValidationConfigError(`${origin}: rules must map rule ids to severities, e.g. { policy/latest-tag: warning }`);
  }
  // Prototype-free: a key `__proto__` stays a key (and is reported as an unknown rule).
  const rules: Record<string, Severity> = Object.create(null);
  for (const [rule, severity] of Object.entries(raw)) {
    rules[rule] = parseSeverity(severity, `${origin}: rules.${rule}`);
  }
  return rules;
}

function parseExternalList(raw: unknown, origin: string): ExternalObjectRef[] {
  if (!Array.isArray(raw)) {
    throw new ValidationConfigError(`${origin}: external must be a list of Kind/namespace/name strings or { kind, namespace, name, keys } mappings`);
  }
  return raw.map((entry, i) => {
    const where = `${origin}: external[${i}]`;
    if (typeof entry === 'string') {
      try {
        return parseExternalRef(entry);
      } catch (e) {
        throw new ValidationConfigError(`${where}: ${(e as Error).message.replace(/^--external /, '')}`);
      }
    }
    if (!isRecord(entry) || typeof entry.kind !== 'string' || typeof entry.name !== 'string'
      || (entry.namespace !== undefined && typeof entry.namespace !== 'string')
      || (entry.keys !== undefined && !(Array.isArray(entry.keys) && entry.keys.every((k) => typeof k === 'string')))) {
      throw new ValidationConfigError(`${where}: expected { kind: string, name: string, namespace?: string, keys?: string[] } (got ${JSON.stringify(entry)})`);
    }
    return {
      kind: entry.kind,
      name: entry.name,
      ...(entry.namespace === undefined ? {} : { namespace: entry.namespace as string }),
      ...(entry.keys === undefined ? {} : { keys: entry.keys as string[] }),
    };
  });
}

function parseEnum<T extends string>(value: unknown, allowed: readonly T[], where: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ValidationConfigError(
    `${where}: unsupported value ${JSON.stringify(value)}; use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
