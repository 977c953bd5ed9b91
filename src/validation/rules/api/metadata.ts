/**
 * `api/metadata`: object metadata rules for every kind (`ValidateObjectMeta` and the per-kind name rules).
 *
 * Sources (1.28): apimachinery `pkg/api/validation/objectmeta.go` (every kind, custom resources
 * included), `pkg/apis/core/validation/validation.go` `ValidateObjectMeta` (built-in kinds: adds the
 * standard-finalizer rule), the `Validate<Kind>Name` functions of each group's validation.go, and
 * `staging/src/k8s.io/apiserver/pkg/registry/rest/create.go` `BeforeCreate` (path-segment names for
 * kinds whose validation checks no name, such as PodDisruptionBudget in 1.28).
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import { asArray, asObject, invalid, invalidEach, readNonNegativeInt64, required, tooLong } from '../common/field';
import {
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidPathSegmentName,
  STANDARD_FINALIZERS,
} from '../common/names';
import { validateLabels } from '../common/selector';
import { isBuiltinKind } from '../../schema/registry';
import { findRemovedApi, unservedKindPath } from '../../schema/removed-apis';

/** The most bytes annotation keys plus values may take. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 262144;
/** The longest CronJob name (the controller appends an 11-character suffix to Job names). */
export const CRONJOB_NAME_MAX_LENGTH = 52;

type NameCheck = (name: string) => readonly string[];

const SUBDOMAIN_KINDS = [
  'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob', 'Pod', 'PodTemplate', 'ConfigMap',
  'Secret', 'PersistentVolumeClaim', 'PersistentVolume', 'Ingress', 'IngressClass', 'NetworkPolicy',
  'HorizontalPodAutoscaler', 'ServiceAccount', 'Endpoints', 'LimitRange',
  'ResourceQuota', 'PriorityClass', 'StorageClass', 'Node', 'ReplicationController',
];
/**
 * RBAC names (`ValidateRBACName`), and PodDisruptionBudget: policy `ValidatePodDisruptionBudget` (1.28)
 * validates no metadata, so only `BeforeCreate`'s generic check (`path.ValidatePathSegmentName`) applies.
 */
const PATH_SEGMENT_KINDS = ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'PodDisruptionBudget'];
/**
 * Built-in kinds whose validation runs apimachinery's `ValidateObjectMeta` only, not core's, so
 * finalizers need only be qualified names (custom resources are in the same case).
 */
const GENERIC_META_KINDS = new Set(['PodDisruptionBudget']);
/** The label the Namespace defaulting sets to the Namespace's name (core/v1 `SetDefaults_Namespace`). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The name rule of each known kind; unknown kinds (custom resources) get no name format check. */
const NAME_CHECKS: ReadonlyMap<string, NameCheck> = new Map<string, NameCheck>([
  ...SUBDOMAIN_KINDS.map((k): [string, NameCheck] => [k, isDns1123Subdomain]),
  ...PATH_SEGMENT_KINDS.map((k): [string, NameCheck] => [k, isValidPathSegmentName]),
  ['Service', isDns1035Label],
  ['Namespace', isDns1123Label],
]);

/** Masks a trailing `-` of a generateName prefix, which is allowed there. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
}

/** Checks `metadata.annotations` keys (lower-cased qualified names) and their total size. */
export function validateAnnotations(out: Violation[], annotations: unknown, path: string): void {
  const map = asObject(annotations);
  if (!map) {
    return;
  }
  // Sizes count UTF-8 bytes. A UTF-16 code unit is at most 3 bytes, so only maps longer than a
  // third of the limit in code units need the exact count.
  let total = 0;
  for (const key in map) {
    invalidEach(out, path, key, isQualifiedName(key.toLowerCase()));
    const value = map[key];
    total += key.length + (typeof value === 'string' ? value.length : 0);
  }
  if (total * 3 > TOTAL_ANNOTATION_SIZE_LIMIT) {
    total = 0;
    for (const key in map) {
      const value = map[key];
      total += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    }
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
    out.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  }
}

/**
 * Finalizers: qualified names (apimachinery `ValidateFinalizers`, at `metadata.finalizers`), and for
 * built-in kinds also a standard name when unprefixed (core `validateKubeFinalizerName`, at
 * `metadata.finalizers[i]`).
 */
function validateFinalizers(out: Violation[], finalizers: unknown, path: string, kubeFinalizers: boolean): void {
  if (!Array.isArray(finalizers) || finalizers.length === 0) {
    return;
  }
  const list = asArray(finalizers);
  for (const f of list) {
    if (typeof f === 'string') invalidEach(out, path, f, isQualifiedName(f));
  }
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    out.push(invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  if (!kubeFinalizers) {
    return;
  }
  for (let i = 0; i < list.length; i++) {
    const f = list[i];
    if (typeof f === 'string' && !f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      out.push(invalid(`${path}[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
}

/**
 * apimachinery `ValidateOwnerReferences`: every field error is at `metadata.ownerReferences.<field>` (Go
 * passes the list's path to each entry, without an index), and each controller reference after the
 * first is reported against the first.
 */
function validateOwnerReferences(out: Violation[], refs: unknown, path: string): void {
  if (!Array.isArray(refs) || refs.length === 0) {
    return;
  }
  let firstController = '';
  for (const item of asArray(refs)) {
    const ref = asObject(item);
    if (!ref) {
      continue;
    }
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
    const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
    if (version.length === 0) {
      out.push(invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
    }
    if (!ref.kind) {
      out.push(invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
    }
    if (!ref.name) {
      out.push(invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
    }
    if (!ref.uid) {
      out.push(invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
    }
    if (ref.controller === true) {
      const current = `${String(ref.kind ?? '')}/${String(ref.name ?? '')}`;
      if (firstController === '') {
        firstController = current;
      } else {
        out.push(invalid(path, refs, `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
      }
    }
  }
}

/**
 * Checks the metadata of a top-level object of the given kind. `builtin` is false for custom
 * resources (a kind of a group the API server does not serve itself): they get no kind name rule
 * here and no standard-finalizer rule.
 */
export function validateObjectMeta(out: Violation[], kind: string, metadata: unknown, builtin = true): void {
  const meta = asObject(metadata);
  if (!meta) {
    out.push(required('metadata.name', 'name or generateName is required'));
    return;
  }
  const nameCheck = builtin ? NAME_CHECKS.get(kind) : undefined;
  const name = typeof meta.name === 'string' ? meta.name : '';
  const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
  if (generateName.length > 0 && nameCheck) {
    invalidEach(out, 'metadata.generateName', generateName, nameCheck(maskTrailingDash(generateName)));
  }
  if (name.length === 0 && generateName.length === 0) {
    out.push(required('metadata.name', 'name or generateName is required'));
  } else if (name.length > 0 && nameCheck) {
    invalidEach(out, 'metadata.name', name, nameCheck(name));
  }
  if (kind === 'CronJob' && name.length > CRONJOB_NAME_MAX_LENGTH) {
    out.push(invalid('metadata.name', name, `must be no more than ${CRONJOB_NAME_MAX_LENGTH} characters`));
  }
  if (typeof meta.namespace === 'string' && meta.namespace.length > 0) {
    invalidEach(out, 'metadata.namespace', meta.namespace, isDns1123Label(meta.namespace));
  }
  readNonNegativeInt64(out, meta.generation, 'metadata.generation');
  let labels = meta.labels;
  if (kind === 'Namespace' && name.length > 0 && asObject(labels)?.[NAMESPACE_NAME_LABEL] !== undefined) {
    // SetDefaults_Namespace overwrites the label with the name before validation.
    labels = { ...asObject(labels), [NAMESPACE_NAME_LABEL]: name };
  }
  validateLabels(out, labels, 'metadata.labels');
  validateAnnotations(out, meta.annotations, 'metadata.annotations');
  validateOwnerReferences(out, meta.ownerReferences, 'metadata.ownerReferences');
  validateFinalizers(out, meta.finalizers, 'metadata.finalizers', builtin && !GENERIC_META_KINDS.has(kind));
}

/** `api/metadata`: names per kind, namespace, labels, annotations, generateName, finalizers, ownerReferences. */
export const METADATA_RULE: ObjectRule = {
  id: 'api/metadata',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  description:
    'Object metadata as the API server validates it: the name format of each built-in kind (Service DNS-1035, Namespace DNS label, CronJob at most 52 characters, RBAC kinds and PodDisruptionBudget path segments, others DNS subdomain), namespace, label keys and values, annotation keys and 256 KiB total, generateName, finalizers (standard or prefixed on built-in kinds) and ownerReferences.',
  example: 'metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
  check(object: KubeObject): Violation[] {
    const out: Violation[] = [];
    const kind = typeof object.kind === 'string' ? object.kind : '';
    const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
    const builtin = isBuiltinKind(apiVersion, kind);
    // a kind the server does not serve is refused before validation (schema/removed-api, schema/unserved-kind)
    if (!builtin && (findRemovedApi(apiVersion, kind) || unservedKindPath(apiVersion, kind))) {
      return out;
    }
    validateObjectMeta(out, kind, object.metadata, builtin);
    return out;
  },
};
