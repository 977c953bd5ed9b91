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
import type { SchemaViolations } from './messages';
import { findValidator, registryGeneration, SchemaEntry } from './registry';
import { findRemovedApi, noMatchesMessage, RemovedApi, unservedKindPath } from './removed-apis';
// Custom resources (CRDs from crds/, --crd and the input): see ../crd and ./custom-resources.
import type { CustomResourceLookup, CustomResourceType } from '../crd/catalog';
import { CRD_KIND, isCrd } from '../crd/manifest';
import type { CustomResourceViolations } from './custom-resources';

// Loaded when first needed (start-up of `validate`, issue #14): the messages with the first schema
// error, the CRD catalog with the first kind no built-in schema has, the structural check with the
// first CRD.
/* eslint-disable @typescript-eslint/no-require-imports */
let messagesModule: typeof import('./messages') | undefined;
let catalogModule: typeof import('../crd/catalog') | undefined;
let checkModule: typeof import('../crd/structural-check') | undefined;
const messagesCode = (): typeof import('./messages') => (messagesModule ??= require('./messages') as typeof import('./messages'));
const catalogCode = (): typeof import('../crd/catalog') => (catalogModule ??= require('../crd/catalog') as typeof import('../crd/catalog'));
const checkCode = (): typeof import('../crd/structural-check') => (checkModule ??= require('../crd/structural-check') as typeof import('../crd/structural-check'));
/* eslint-enable @typescript-eslint/no-require-imports */

let customResources: typeof import('./custom-resources') | undefined;

/** The custom-resource validator, loaded on the first custom resource (start-up time). */
function customResourceViolations(object: { [field: string]: unknown }, type: CustomResourceType): CustomResourceViolations {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  customResources ??= require('./custom-resources') as typeof import('./custom-resources');
  return customResources.customResourceViolations(object, type);
}

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
let lastContext: object | undefined;

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
  /** The served CRD version of a custom resource. */
  readonly customResource?: CustomResourceType;
  /** A CRD defines the kind but does not serve this version (`no matches for kind`). */
  readonly unservedVersion?: boolean;
}

/** The KindInfo of each custom-resource lookup (the lookups are cached by their catalog). */
const customKindInfo = new WeakMap<CustomResourceLookup, KindInfo>();

function withCustomResource(info: KindInfo, context: object | undefined): KindInfo {
  if (info.removed || info.entry || info.unserved) return info;
  const found = catalogCode().crdCatalogFor(context).lookup(info.apiVersion, info.kind);
  if (!found) return info;
  let custom = customKindInfo.get(found);
  if (!custom) {
    custom = found.status === 'served' ? { ...info, customResource: found.type } : { ...info, unservedVersion: true };
    customKindInfo.set(found, custom);
  }
  return custom;
}

let kindCache = new Map<string, Map<string, KindInfo>>();
let kindCacheGeneration = -1;

function identity(object: KubeObject, context?: object): KindInfo | undefined {
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
  return withCustomResource(info, context);
}

/**
 * Validates one object against its schema; empty when no schema is known. The result of the last
 * object is kept, so the rules that share it validate each object once.
 */
export function schemaViolations(object: KubeObject, context?: object): SchemaViolations {
  if (object === lastObject && lastGeneration === registryGeneration() && lastContext === context) return lastResult;
  let result = NONE;
  const info = identity(object, context);
  const entry = info?.entry;
  if (entry && !entry.validate(object)) {
    result = messagesCode().toViolations(entry.validate.errors as ErrorObject[], object, entry.definition);
  } else if (info?.customResource) {
    result = customResourceViolations(object as { [field: string]: unknown }, info.customResource);
  }
  lastContext = context;
  lastObject = object;
  lastResult = result;
  lastGeneration = registryGeneration();
  return result;
}

function copy(violations: Violation[]): Violation[] {
  return violations.length === 0 ? [] : violations.slice();
}

const reportedPerRun = new WeakMap<object, Set<string>>();

/** The violations not yet reported in this run (by kind and message); all of them without a run context. */
function oncePerRun(context: object | undefined, kind: string, violations: readonly Violation[]): Violation[] {
  if (context === undefined) return violations.slice();
  let seen = reportedPerRun.get(context);
  if (!seen) reportedPerRun.set(context, (seen = new Set()));
  const out: Violation[] = [];
  for (const v of violations) {
    const key = `${kind}\u0000${v.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
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
        'The apiVersion names a group Kubernetes 1.28 serves itself (core, apps, batch, policy, networking.k8s.io...) but a kind or version it does not serve, e.g. apps/v1 kind Deploy or policy/v1 PodSecurityPolicy, or a version its CRD does not serve (served: false or absent) (kubectl: no matches for kind). Kinds no CRD defines are schema/unknown-kind.',
      example: 'no matches for kind "Deploy" in version "apps/v1"',
      check(object: KubeObject, context?: object): Violation[] {
        const id = identity(object, context);
        if (id?.unservedVersion) return [{ path: 'apiVersion', message: noMatchesMessage(id.apiVersion, id.kind) }];
        if (!id?.unserved) return [];
        return [{ path: id.unserved, message: noMatchesMessage(id.apiVersion, id.kind) }];
      },
    },
    {
      id: 'schema/unknown-kind',
      layer: Layer.SCHEMA,
      defaultSeverity: strictUnknownKinds ? Severity.ERROR : Severity.WARNING,
      scope: 'object',
      description:
        'No CRD or schema is known for the apiVersion/kind (none built in, given with --crd or --schema-dir, or found in the input), so its fields are not checked.',
      example:
        'no schema for kind "Certificate" in version "cert-manager.io/v1": its fields are not checked (pass its CRD with --crd, or its schema with --schema-dir)',
      check(object: KubeObject, context?: object): Violation[] {
        const id = identity(object, context);
        if (!id || id.removed || id.entry || id.unserved || id.customResource || id.unservedVersion) return [];
        return [
          {
            path: 'kind',
            message:
              `no schema for kind "${id.kind}" in version "${id.apiVersion}": ` +
              'its fields are not checked (pass its CRD with --crd, or its schema with --schema-dir)',
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
      check: (object: KubeObject, context?: object) => copy(schemaViolations(object, context).strict),
    },
    {
      id: 'schema/quantity',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description: 'Resource quantities (cpu, memory, storage, ...) use the Kubernetes quantity syntax.',
      example:
        "Invalid value: \"1gi\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
      check: (object: KubeObject, context?: object) => copy(schemaViolations(object, context).quantity),
    },
    {
      id: 'schema/base64',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description: 'Secret data, ConfigMap binaryData and other byte fields hold standard padded base64.',
      example: 'illegal base64 data at input byte 4',
      check: (object: KubeObject, context?: object) => copy(schemaViolations(object, context).base64),
    },
    {
      id: 'schema/cr-name',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description:
        'Custom resources of a known CRD: metadata.name and generateName are DNS-1123 subdomains (apiextensions-apiserver customResourceValidator, NameIsDNSSubdomain).',
      example:
        'metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
      check(object: KubeObject, context?: object): Violation[] {
        const result = schemaViolations(object, context) as Partial<CustomResourceViolations>;
        return result.name ? copy(result.name) : [];
      },
    },
    {
      id: 'schema/cel',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      description:
        'Custom resources pass the CEL rules (x-kubernetes-validations) of their CRD, evaluated on create like a 1.28 API server (rules using oldSelf are skipped); the server\'s message format.',
      example: 'spec: Invalid value: "object": maxReplicas must be at least minReplicas',
      check(object: KubeObject, context?: object): Violation[] {
        const result = schemaViolations(object, context) as Partial<CustomResourceViolations>;
        return result.cel ? copy(result.cel) : [];
      },
    },
    {
      id: 'schema/cel-not-evaluated',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.INFO,
      scope: 'object',
      description:
        'A CEL rule of a CRD could not be evaluated offline (a Kubernetes CEL library function such as isURL or quantity, or syntax the evaluator lacks); reported once per rule and run, never as an error.',
      example: 'x-kubernetes-validations rule not evaluated: "isURL(self.url)" (unbound function: isURL)',
      check(object: KubeObject, context?: object): Violation[] {
        const result = schemaViolations(object, context) as Partial<CustomResourceViolations>;
        if (!result.celNotEvaluated || result.celNotEvaluated.length === 0) return [];
        return oncePerRun(context, `${String(object.apiVersion)}|${String(object.kind)}`, result.celNotEvaluated);
      },
    },
    {
      id: 'schema/crd',
      layer: Layer.SCHEMA,
      defaultSeverity: Severity.ERROR,
      scope: 'object',
      kinds: [CRD_KIND],
      description:
        'A CustomResourceDefinition in the input can be used to validate its custom resources: group, names, scope, one storage version, and a structural openAPIV3Schema per version (every field typed, value validations without types or defaults).',
      example: 'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
      check(object: KubeObject): Violation[] {
        if (!isCrd(object)) return [];
        return checkCode().crdProblems(object).map((problem) => {
          const colon = problem.indexOf(': ');
          return colon < 0 ? { path: '', message: problem } : { path: problem.slice(0, colon), message: problem.slice(colon + 2) };
        });
      },
    },
  ];
}

/** The schema-layer rules with default options (unknown kinds are warnings). */
export const SCHEMA_RULES: ObjectRule[] = createSchemaRules();
