/**
 * `api/rbac`: rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding and ClusterRoleBinding as a
 * 1.28 API server validates them after defaulting.
 *
 * Sources (1.28): `pkg/apis/rbac/validation/validation.go` (`ValidateRole`, `ValidateClusterRole`,
 * `ValidatePolicyRule`, `ValidateRoleBinding`, `ValidateClusterRoleBinding`, `ValidateRoleBindingSubject`)
 * through the registry strategies of `pkg/registry/rbac/<kind>/strategy.go`, and the defaults of
 * `pkg/apis/rbac/v1/defaults.go`: an empty `roleRef.apiGroup` becomes rbac.authorization.k8s.io, and so
 * does an empty `apiGroup` of a User or Group subject (a ServiceAccount subject's stays empty).
 *
 * Fields the strict schema requires and the object leaves out (`rules[].verbs`, `roleRef.kind`,
 * `roleRef.name`, `subjects[].kind`, `subjects[].name`) are reported once, by `schema/strict`; this rule
 * reports them when they are present but empty, as the server words it. The names of roles and bindings
 * (path segments) are checked by `api/metadata`.
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import { asArray, asObject, asStruct, invalid, invalidEach, JsonObject, notSupported, required } from '../common/field';
import { isDns1123Subdomain, isValidPathSegmentName } from '../common/names';
import { validateLabelSelector } from '../common/selector';

/** `rbac.GroupName`. */
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'];

/** A list field that is present: an array (a missing or `null` one is left to the schema layer). */
function presentList(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** `ValidatePolicyRule` for `rules[i]`; `namespaced` for a Role. */
function validatePolicyRule(out: Violation[], rule: JsonObject, namespaced: boolean, path: string): void {
  const verbs = presentList(rule.verbs);
  if (verbs !== undefined && verbs.length === 0) {
    out.push(required(`${path}.verbs`, 'verbs must contain at least one value'));
  }
  const nonResourceURLs = asArray(rule.nonResourceURLs);
  if (nonResourceURLs.length > 0) {
    if (namespaced) {
      out.push(invalid(`${path}.nonResourceURLs`, nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs'));
    }
    if (asArray(rule.apiGroups).length > 0 || asArray(rule.resources).length > 0 || asArray(rule.resourceNames).length > 0) {
      out.push(invalid(`${path}.nonResourceURLs`, nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return;
  }
  if (asArray(rule.apiGroups).length === 0) {
    out.push(required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  }
  if (asArray(rule.resources).length === 0) {
    out.push(required(`${path}.resources`, 'resource rules must supply at least one resource'));
  }
}

function checkRole(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  const namespaced = object.kind === 'Role';
  asArray(object.rules).forEach((rule, i) => validatePolicyRule(out, asStruct(rule), namespaced, `rules[${i}]`));
  const aggregation = namespaced ? undefined : asObject(object.aggregationRule);
  if (aggregation) {
    const selectors = asArray(aggregation.clusterRoleSelectors);
    if (selectors.length === 0) {
      out.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    selectors.forEach((selector, i) => validateLabelSelector(out, selector, `aggregationRule.clusterRoleSelectors[${i}]`));
  }
  return out;
}

/** `ValidateRoleBindingSubject` after `SetDefaults_Subject`; `namespaced` for a RoleBinding. */
function validateSubject(out: Violation[], subject: JsonObject, namespaced: boolean, path: string): void {
  const name = typeof subject.name === 'string' ? subject.name : undefined;
  if (name === '') {
    out.push(required(`${path}.name`));
  }
  const apiGroup = typeof subject.apiGroup === 'string' ? subject.apiGroup : '';
  const kind = subject.kind;
  switch (kind) {
    case 'ServiceAccount':
      if (name) {
        invalidEach(out, `${path}.name`, name, isDns1123Subdomain(name));
      }
      if (apiGroup.length > 0) {
        out.push(notSupported(`${path}.apiGroup`, apiGroup, ['']));
      }
      if (!namespaced && !(typeof subject.namespace === 'string' && subject.namespace.length > 0)) {
        out.push(required(`${path}.namespace`));
      }
      break;
    case 'User':
    case 'Group':
      if (apiGroup.length > 0 && apiGroup !== RBAC_GROUP) {
        out.push(notSupported(`${path}.apiGroup`, apiGroup, [RBAC_GROUP]));
      }
      break;
    case undefined:
    case null:
      break; // left out: schema/strict reports the required field
    default:
      out.push(notSupported(`${path}.kind`, kind, SUBJECT_KINDS));
  }
}

function checkBinding(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  const namespaced = object.kind === 'RoleBinding';
  const roleRef = asStruct(object.roleRef);
  const apiGroup = typeof roleRef.apiGroup === 'string' && roleRef.apiGroup !== '' ? roleRef.apiGroup : RBAC_GROUP;
  if (apiGroup !== RBAC_GROUP) {
    out.push(notSupported('roleRef.apiGroup', apiGroup, [RBAC_GROUP]));
  }
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (roleRef.kind !== undefined && roleRef.kind !== null && !kinds.includes(roleRef.kind as string)) {
    out.push(notSupported('roleRef.kind', roleRef.kind, kinds));
  }
  if (roleRef.name === '') {
    out.push(required('roleRef.name'));
  } else if (typeof roleRef.name === 'string') {
    invalidEach(out, 'roleRef.name', roleRef.name, isValidPathSegmentName(roleRef.name));
  }
  asArray(object.subjects).forEach((subject, i) => validateSubject(out, asStruct(subject), namespaced, `subjects[${i}]`));
  return out;
}

/** `api/rbac`. */
export const RBAC_RULE: ObjectRule = {
  id: 'api/rbac',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  description:
    'RBAC: policy rules with verbs and either apiGroups plus resources or (ClusterRole only) nonResourceURLs alone, aggregation rules with selectors, bindings to a Role or ClusterRole of rbac.authorization.k8s.io (a ClusterRoleBinding to a ClusterRole), subjects of kind ServiceAccount (with a namespace in a ClusterRoleBinding), User or Group.',
  example: 'subjects[0].namespace: Required value',
  check(object: KubeObject): Violation[] {
    return object.kind === 'Role' || object.kind === 'ClusterRole' ? checkRole(object) : checkBinding(object);
  },
};
