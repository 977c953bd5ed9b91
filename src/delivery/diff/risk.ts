/**
 * Risk flags: changes that a cluster handles badly (apply fails, objects are deleted and
 * re-created, data is lost, clients lose their address).
 *
 * The rules follow the API server's update validation for Kubernetes 1.28: immutable selectors
 * of workloads, the few mutable StatefulSet spec fields, immutable Job templates, PVC specs that
 * only allow storage growth, immutable Service cluster IPs, frozen `immutable: true` ConfigMaps
 * and Secrets, immutable `roleRef`s.
 */
import { Quantity } from '../../validation/rules/common/quantity';
import { KubeObject } from '../../validation/types';
import { deepEqual, valueAt } from './field-diff';
import { isRecord, ObjectId } from './identity';
import { RiskRule } from './values';

export { RiskRule };

/** A risk of one object change, with a short reason. */
export interface RiskFlag {
  readonly rule: RiskRule;
  /** The field the risk is about; absent when it is about the whole object. */
  readonly path?: string;
  readonly reason: string;
}

const SELECTOR_KINDS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'apps/ReplicaSet', 'batch/Job']);
const STATEFUL_SET_MUTABLE = new Set([
  'replicas', 'template', 'updateStrategy', 'ordinals', 'revisionHistoryLimit', 'minReadySeconds',
  'persistentVolumeClaimRetentionPolicy',
]);
const RECREATE = 'apply fails; delete and re-create the object to change it';

/** The risks of changing `before` into `after` (same identity). */
export function risksOfChange(id: ObjectId, before: KubeObject, after: KubeObject): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const type = `${id.group}/${id.kind}`;
  const changed = (...path: string[]): boolean => !deepEqual(valueAt(before, ...path), valueAt(after, ...path));

  if (SELECTOR_KINDS.has(type) && changed('spec', 'selector')) {
    flags.push({ rule: RiskRule.IMMUTABLE_SELECTOR, path: 'spec.selector', reason: `the selector of a ${id.kind} is immutable: ${RECREATE}` });
  }
  if (type === 'apps/StatefulSet') flags.push(...statefulSetRisks(before, after));
  if (type === 'batch/Job' && changed('spec', 'template')) {
    flags.push({ rule: RiskRule.IMMUTABLE_FIELD, path: 'spec.template', reason: `the pod template of a Job is immutable: ${RECREATE}` });
  }
  if (type === '/Service') flags.push(...serviceRisks(before, after));
  if (type === '/PersistentVolumeClaim') flags.push(...claimRisks(before, after));
  if ((type === '/ConfigMap' || type === '/Secret') && valueAt(before, 'immutable') === true) {
    const content = ['data', 'binaryData', 'stringData'].filter((f) => changed(f));
    if (content.length > 0 || valueAt(after, 'immutable') !== true) {
      flags.push({
        rule: RiskRule.IMMUTABLE_CONTENT,
        path: content.length > 0 ? content[0] : 'immutable',
        reason: `the ${id.kind} is immutable: true, its data cannot change and it cannot become mutable again: ${RECREATE} (or give it a new name)`,
      });
    }
  }
  if (type === '/Secret' && changed('type')) {
    flags.push({ rule: RiskRule.IMMUTABLE_FIELD, path: 'type', reason: `the type of a Secret is immutable: ${RECREATE}` });
  }
  if ((type === 'rbac.authorization.k8s.io/RoleBinding' || type === 'rbac.authorization.k8s.io/ClusterRoleBinding') && changed('roleRef')) {
    flags.push({ rule: RiskRule.IMMUTABLE_FIELD, path: 'roleRef', reason: `the roleRef of a ${id.kind} is immutable: ${RECREATE}` });
  }
  return flags;
}

/** The risks of deleting `before`. */
export function risksOfRemoval(id: ObjectId, before: KubeObject): RiskFlag[] {
  switch (`${id.group}/${id.kind}`) {
    case '/PersistentVolumeClaim':
      return [{ rule: RiskRule.DATA_LOSS, reason: 'deleting a PersistentVolumeClaim releases its volume; with the usual Delete reclaim policy its data is gone' }];
    case '/PersistentVolume':
      return [{ rule: RiskRule.DATA_LOSS, reason: 'deleting a PersistentVolume can delete the storage behind it' }];
    case '/Namespace':
      return [{ rule: RiskRule.DATA_LOSS, reason: 'deleting a Namespace deletes every object in it, volume claims included' }];
    case 'apiextensions.k8s.io/CustomResourceDefinition':
      return [{ rule: RiskRule.DATA_LOSS, reason: 'deleting a CustomResourceDefinition deletes every custom resource of that type' }];
    case 'apps/StatefulSet':
      return valueAt(before, 'spec', 'persistentVolumeClaimRetentionPolicy', 'whenDeleted') === 'Delete' && claimTemplates(before).size > 0
        ? [{ rule: RiskRule.DATA_LOSS, reason: 'the StatefulSet deletes its volume claims when it is deleted (persistentVolumeClaimRetentionPolicy.whenDeleted: Delete)' }]
        : [];
    default:
      return [];
  }
}

/**
 * The risks of replacing `before` by `after`, an object of the same kind under another name.
 * ConfigMaps and Secrets are not flagged: content-hashed names change on purpose.
 */
export function risksOfRename(before: ObjectId, after: ObjectId, beforeObject: KubeObject): RiskFlag[] {
  if (before.group === '' && (before.kind === 'ConfigMap' || before.kind === 'Secret')) return [];
  const flags: RiskFlag[] = [{
    rule: RiskRule.RENAME,
    path: 'metadata.name',
    reason: `renaming deletes ${before.name} and creates ${after.name}: a new object starts from scratch (pods restart, addresses change)`,
  }];
  if (before.group === 'apps' && before.kind === 'StatefulSet' && claimTemplates(beforeObject).size > 0) {
    flags.push({ rule: RiskRule.DATA_LOSS, path: 'metadata.name', reason: 'volume claims are named after the StatefulSet: the renamed set starts on new, empty volumes' });
  }
  flags.push(...risksOfRemoval(before, beforeObject).filter((f) => f.rule === RiskRule.DATA_LOSS && before.kind !== 'StatefulSet'));
  return flags;
}

function statefulSetRisks(before: KubeObject, after: KubeObject): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const specBefore = isRecord(before.spec) ? before.spec : {};
  const specAfter = isRecord(after.spec) ? after.spec : {};
  const fields = [...new Set([...Object.keys(specBefore), ...Object.keys(specAfter)])]
    .filter((f) => f !== 'selector' && !STATEFUL_SET_MUTABLE.has(f) && !deepEqual(specBefore[f] ?? undefined, specAfter[f] ?? undefined));
  for (const field of fields) {
    flags.push({
      rule: RiskRule.IMMUTABLE_FIELD,
      path: `spec.${field}`,
      reason: `a StatefulSet update may only change replicas, template, updateStrategy, ordinals, revisionHistoryLimit, minReadySeconds and persistentVolumeClaimRetentionPolicy: ${RECREATE}`,
    });
  }
  const afterTemplates = claimTemplates(after);
  for (const name of claimTemplates(before).keys()) {
    if (!afterTemplates.has(name)) {
      flags.push({
        rule: RiskRule.DATA_LOSS,
        path: `spec.volumeClaimTemplates[name=${name}]`,
        reason: `the volume claim template ${name} is removed: its claims are no longer mounted and their data is orphaned`,
      });
    }
  }
  return flags;
}

function serviceRisks(before: KubeObject, after: KubeObject): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const typeBefore = String(valueAt(before, 'spec', 'type') ?? 'ClusterIP');
  const typeAfter = String(valueAt(after, 'spec', 'type') ?? 'ClusterIP');
  if (typeBefore !== typeAfter) {
    const released = typeBefore === 'LoadBalancer' ? 'the load balancer and its external IP are released'
      : typeBefore === 'NodePort' ? 'the node ports are released'
        : typeAfter === 'ExternalName' ? 'the cluster IP is released'
          : 'new addresses are allocated';
    flags.push({ rule: RiskRule.SERVICE_TYPE, path: 'spec.type', reason: `the Service type changes from ${typeBefore} to ${typeAfter}: ${released}; clients of the old address break` });
  }
  for (const field of ['clusterIP', 'clusterIPs']) {
    if (!deepEqual(valueAt(before, 'spec', field), valueAt(after, 'spec', field)) && typeAfter !== 'ExternalName') {
      flags.push({ rule: RiskRule.IMMUTABLE_FIELD, path: `spec.${field}`, reason: `spec.${field} of a Service is immutable: ${RECREATE}` });
    }
  }
  return flags;
}

function claimRisks(before: KubeObject, after: KubeObject): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const sizeBefore = Quantity.parse(valueAt(before, 'spec', 'resources', 'requests', 'storage'));
  const sizeAfter = Quantity.parse(valueAt(after, 'spec', 'resources', 'requests', 'storage'));
  if (sizeBefore && sizeAfter && sizeAfter.compare(sizeBefore) < 0) {
    flags.push({ rule: RiskRule.STORAGE_SHRINK, path: 'spec.resources.requests.storage', reason: 'a PersistentVolumeClaim cannot shrink: apply fails; only storage growth is allowed' });
  }
  const other = (spec: unknown): unknown => {
    if (!isRecord(spec)) return spec;
    const requests = isRecord(valueAt(spec, 'resources', 'requests')) ? { ...(valueAt(spec, 'resources', 'requests') as object) } : undefined;
    if (requests) delete (requests as Record<string, unknown>).storage;
    return { ...spec, resources: isRecord(spec.resources) ? { ...spec.resources, requests } : spec.resources };
  };
  if (!deepEqual(other(before.spec), other(after.spec))) {
    flags.push({ rule: RiskRule.IMMUTABLE_FIELD, path: 'spec', reason: `the spec of a PersistentVolumeClaim is immutable except for storage growth: ${RECREATE}` });
  }
  return flags;
}

function claimTemplates(object: KubeObject): Map<string, unknown> {
  const list = valueAt(object, 'spec', 'volumeClaimTemplates');
  const out = new Map<string, unknown>();
  if (Array.isArray(list)) {
    for (const item of list) {
      const name = valueAt(item, 'metadata', 'name');
      if (typeof name === 'string') out.set(name, item);
    }
  }
  return out;
}
