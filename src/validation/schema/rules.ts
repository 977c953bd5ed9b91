/**
 * The schema layer (L1 decode + L2 strict schema) as validation rules.
 *
 * One ajv run per object feeds three rules (`schema/strict`, `schema/quantity`,
 * `schema/base64`); the split result is cached per object so the engine may run the rules in
 * any order. Valid objects cost one precompiled validator call (about 1.5 us for a Deployment).
 */
import { ErrorObject } from 'ajv';
import { Layer, Severity, KubeObject, Violation } from '../types';
import { ObjectRule } from '../rule';
import { SchemaViolations, toViolations } from './messages';
import { findValidator, registryGeneration, SchemaEntry } from './registry';
import { findRemovedApi, noMatchesMessage, RemovedApi, unservedKindPath } from './removed-apis';

/** Options of the schema layer. */
export interface SchemaRuleOptions {
  /**
   * Report kinds without a known schema as errors instead of warnings.
   *
   * @default false
   */
  readonly strictUnknownKinds?: boolean;
}

const NONE: SchemaViolations = { strict: [], quantity: [], base64: [] };
/**
 * The last object checked and its result. The engine runs the schema rules of one object back to
 * back, so one slot serves all three; a WeakMap entry per object cost as much as the validators and
 * added ephemeron work to every scavenge.
 */
let lastObject: object | undefined;
let lastResult: SchemaViolations = NONE;
let lastGeneration = -1;

/**
 * Drops the kept result, so an object changed since an earlier validation run is checked afresh.
 * The engine calls it at the start of every batch.
 */
export function forgetSchemaResult(): void {
  lastObject = undefined;
  lastResult = NONE;
}

/** What is known about one apiVersion/kind pair (looked up once, then cached). */
interface KindInfo {
  readonly apiVersion: string;
  readonly kind: string;
  readonly removed?: RemovedApi;
  readonly entry?: SchemaEntry;
  /** Where a kind of a built-in group that 1.28 does not serve fails (see {@link unservedKindPath}). */
  readonly unserved?: 'kind' | 'apiVersion';
}

let kindCache = new Map<string, Map<string, KindInfo>>();
let kindCacheGeneration = -1;

function identity(object: KubeObject): KindInfo | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  if (kindCacheGeneration !== registryGeneration()) {
    kindCache = new Map();
    kindCacheGeneration = registryGeneration();
  }
  let byKind = kindCache.get(apiVersion);
  if (!byKind) {
    byKind = new Map();
    kindCache.set(apiVersion, byKind);
  }
  let info = byKind.get(kind);
  if (!info) {
    const removed = findRemovedApi(apiVersion, kind);
    const entry = removed ? undefined : findValidator(apiVersion, kind);
    info = { apiVersion, kind, removed, entry, unserved: removed || entry ? undefined : unservedKindPath(apiVersion, kind) };
    byKind.set(kind, info);
  }
  return info;
}

/**
 * Validates one object against its schema; empty when no schema is known. The result of the last
 * object is kept, so the rules that share it validate each object once.
 */
export function schemaViolations(object: KubeObject): SchemaViolations {
  if (object === lastObject && lastGeneration === registryGeneration()) return lastResult;
  let result = NONE;
  const entry = identity(object)?.entry;
  if (entry && !entry.validate(object)) {
    result = toViolations(entry.validate.errors as ErrorObject[], object, entry.definition);
  }
  lastObject = object;
  lastResult = result;
  lastGeneration = registryGeneration();
  return result;
}

function copy(violations: Violation[]): Violation[] {
  return violations.length === 0 ? [] : violations.slice();
}

/** Builds the schema-layer rules. */
export function createSchemaRules(options: SchemaRuleOptions = {}): ObjectRule[] {
  const strictUnknownKinds = options.strictUnknownKinds ?? false;
  return [
    {
      id: 'schema/removed-api',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description: 'The apiVersion/kind is no longer served by Kubernetes 1.28 (e.g. extensions/v1beta1 Ingress).',
      example:
        'no matches for kind "Ingress" in version "extensions/v1beta1" (removed in Kubernetes 1.22; use networking.k8s.io/v1)',
      check(object: KubeObject): Violation[] {
        const id = identity(object);
        const removed = id?.removed;
        if (!id || !removed) return [];
        return [
          {
            path: 'apiVersion',
            message:
              `${noMatchesMessage(id.apiVersion, id.kind)} ` +
              `(removed in Kubernetes ${removed.removedIn}; use ${removed.replacement})`,
          },
        ];
      },
    },
    {
      id: 'schema/unserved-kind',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description:
        'The apiVersion names a group Kubernetes 1.28 serves itself (core, apps, batch, policy, networking.k8s.io...) but a kind or version it does not serve (kubectl: no matches for kind), e.g. apps/v1 kind Deploy or policy/v1 PodSecurityPolicy. Unknown groups are custom resources (schema/unknown-kind).',
      example: 'no matches for kind "Deploy" in version "apps/v1"',
      check(object: KubeObject): Violation[] {
        const id = identity(object);
        if (!id?.unserved) return [];
        return [{ path: id.unserved, message: noMatchesMessage(id.apiVersion, id.kind) }];
      },
    },
    {
      id: 'schema/unknown-kind',
      layer: Layer.SCHEMA,
      defaultSeverity: strictUnknownKinds ? Severity.ERROR : Severity.WARNING,
      scope: 'object',
      description: 'No schema is known for the apiVersion/kind, so its fields are not checked (add one with --schema-dir).',
      example:
        'no schema for kind "PodMonitor" in version "monitoring.coreos.com/v1": its fields are not checked (add its schema with --schema-dir)',
      check(object: KubeObject): Violation[] {
        const id = identity(object);
        if (!id || id.removed || id.entry || id.unserved) return [];
        return [
          {
            path: 'kind',
            message:
              `no schema for kind "${id.kind}" in version "${id.apiVersion}": ` +
              'its fields are not checked (add its schema with --schema-dir)',
          },
        ];
      },
    },
    {
      id: 'schema/strict',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description: 'Strict decoding against the Kubernetes 1.28 schema: unknown fields, wrong JSON types, missing required fields.',
      example: 'strict decoding error: unknown field "spec.template.spec.containers[0].imagePulPolicy"',
      check: (object: KubeObject) => copy(schemaViolations(object).strict),
    },
    {
      id: 'schema/quantity',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description: 'Resource quantities (cpu, memory, storage, ...) use the Kubernetes quantity syntax.',
      example:
        "Invalid value: \"1gi\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      check: (object: KubeObject) => copy(schemaViolations(object).quantity),
    },
    {
      id: 'schema/base64',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description: 'Secret data, ConfigMap binaryData and other byte fields hold standard padded base64.',
      example: 'illegal base64 data at input byte 4',
      check: (object: KubeObject) => copy(schemaViolations(object).base64),
    },
  ];
}

/** The schema-layer rules with default options (unknown kinds are warnings). */
export const SCHEMA_RULES: ObjectRule[] = createSchemaRules();
