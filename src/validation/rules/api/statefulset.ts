/**
 * `api/statefulset` (what a 1.28 API server checks) and `api/statefulset-pod-template` (pod and PVC
 * rules on the template and volumeClaimTemplates, which a 1.28 server skips).
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/apps/validation/validation.go` (`ValidateStatefulSetSpec`,
 * `ValidatePersistentVolumeClaimRetentionPolicy`) through `pkg/registry/apps/statefulset/strategy.go`, after
 * apps/v1 `SetDefaults_StatefulSet` (`pkg/apis/apps/v1/defaults.go`).
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import { asArray, asObject, asStruct, defaulted, invalid, invalidEach, notSupported, readNonNegativeInt32 } from '../common/field';
import { isDns1123Label } from '../common/names';
import { validateLabels } from '../common/selector';
import { validateAnnotations, validateObjectMeta } from './metadata';
import { validatePodSpec, withStatefulSetNote } from './pod-spec';
import { validatePvcSpec } from './pvc';
import { validateLongRunningTemplate, validateWorkloadSelector } from './workloads';

const RETENTION_POLICIES = ['Retain', 'Delete'];

function checkStatefulSet(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  // apps/v1 SetDefaults_StatefulSet: an empty podManagementPolicy, updateStrategy.type or retention
  // policy field is defaulted before validation.
  const policy = spec.podManagementPolicy;
  if (typeof policy === 'string' && policy !== '' && policy !== 'OrderedReady' && policy !== 'Parallel') {
    out.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = asObject(spec.updateStrategy) ?? {};
  const type = defaulted(strategy.type, 'RollingUpdate');
  if (type === 'OnDelete') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      out.push(invalid('spec.updateStrategy.rollingUpdate', strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
    }
  } else if (type === 'RollingUpdate') {
    readNonNegativeInt32(out, asObject(strategy.rollingUpdate)?.partition, 'spec.updateStrategy.rollingUpdate.partition');
  } else {
    out.push(invalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = asObject(spec.persistentVolumeClaimRetentionPolicy);
  for (const field of ['whenDeleted', 'whenScaled']) {
    const v = retention?.[field];
    if (typeof v === 'string' && v !== '' && !RETENTION_POLICIES.includes(v)) {
      out.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${field}`, v, RETENTION_POLICIES));
    }
  }
  readNonNegativeInt32(out, asObject(spec.ordinals)?.start, 'spec.ordinals.start');
  readNonNegativeInt32(out, spec.replicas, 'spec.replicas');
  readNonNegativeInt32(out, spec.minReadySeconds, 'spec.minReadySeconds');
  readNonNegativeInt32(out, spec.revisionHistoryLimit, 'spec.revisionHistoryLimit');
  validateWorkloadSelector(out, spec, 'statefulset');
  const meta = asObject(asObject(spec.template)?.metadata);
  validateLabels(out, meta?.labels, 'spec.template.metadata.labels');
  validateAnnotations(out, meta?.annotations, 'spec.template.metadata.annotations');
  validateLongRunningTemplate(out, spec, 'StatefulSet');
  return out;
}

/** The pod spec and volumeClaimTemplates checks a 1.28 server skips, reported with a note. */
function checkStatefulSetPods(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  // a missing or null spec decodes to the zero spec, which is still validated
  const spec = asStruct(object.spec);
  const claims = asArray(spec.volumeClaimTemplates);
  const claimNames: string[] = [];
  claims.forEach((item, i) => {
    const claim = asObject(item);
    if (!claim) {
      return;
    }
    const p = `spec.volumeClaimTemplates[${i}]`;
    const name = asObject(claim.metadata)?.name;
    if (typeof name === 'string') {
      claimNames.push(name);
      // The claim becomes `<claim>-<statefulset>-<ordinal>`; the volume name itself must be a DNS label.
      invalidEach(out, `${p}.metadata.name`, name, isDns1123Label(name));
    }
    const metaOut: Violation[] = [];
    validateObjectMeta(metaOut, 'PersistentVolumeClaim', claim.metadata);
    for (const v of metaOut) {
      if (v.path !== 'metadata.name') {
        out.push({ path: `${p}.${v.path}`, message: v.message });
      }
    }
    validatePvcSpec(out, claim.spec, `${p}.spec`);
  });
  const template = asObject(spec.template);
  if (template) {
    validatePodSpec(out, template.spec, 'spec.template.spec', claimNames);
  }
  return withStatefulSetNote(out);
}

/** `api/statefulset`. */
export const STATEFULSET_RULE: ObjectRule = {
  id: 'api/statefulset',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['StatefulSet'],
  description:
    'StatefulSet spec as a 1.28 server checks it: podManagementPolicy, updateStrategy, non-negative counters, a non-empty selector matching the template labels, template labels and annotations, restartPolicy Always, no activeDeadlineSeconds.',
  example: "spec.podManagementPolicy: Invalid value: \"Serial\": must be 'OrderedReady' or 'Parallel'",
  check: checkStatefulSet,
};

/** `api/statefulset-pod-template`. */
export const STATEFULSET_POD_TEMPLATE_RULE: ObjectRule = {
  id: 'api/statefulset-pod-template',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['StatefulSet'],
  description:
    'The pod spec rules (as in api/pod-spec) and PVC rules (as in api/pvc) on StatefulSet templates and volumeClaimTemplates: a 1.28 API server skips them and accepts StatefulSets whose pods can never be created.',
  example: 'spec.template.spec.containers[0].image: Required value (the 1.28 API server accepts this StatefulSet without checking its pod template or volumeClaimTemplates, but its pods cannot be created)',
  check: checkStatefulSetPods,
};
