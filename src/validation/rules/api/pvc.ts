/**
 * `api/pvc`: PersistentVolumeClaim spec rules (`ValidatePersistentVolumeClaimSpec`), also used for
 * StatefulSet volumeClaimTemplates.
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go`
 * (`ValidatePersistentVolumeClaimSpec`, `validateDataSource`, `validateDataSourceRef`) through
 * `pkg/registry/core/persistentvolumeclaim/strategy.go`, after core/v1 `SetDefaults_PersistentVolumeClaimSpec`
 * (volumeMode Filesystem).
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import { asArray, asObject, asStruct, forbidden, invalid, invalidEach, JsonObject, notSupported, required } from '../common/field';
import { isDns1123Subdomain } from '../common/names';
import { Quantity } from '../common/quantity';
import { validateLabelSelector } from '../common/selector';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

function validateDataSource(out: Violation[], ds: JsonObject, path: string): void {
  if (!ds.name) {
    out.push(required(`${path}.name`));
  }
  if (!ds.kind) {
    out.push(required(`${path}.kind`));
  }
  if (!ds.apiGroup && ds.kind && ds.kind !== 'PersistentVolumeClaim') {
    out.push(invalid(path, ds.kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
}

/** Checks a PVC spec at `path`. */
export function validatePvcSpec(out: Violation[], value: unknown, path: string): void {
  // a missing or null spec decodes to the zero spec, whose access modes and storage are required
  const spec = asStruct(value);
  const modes = asArray(spec.accessModes);
  if (modes.length === 0) {
    out.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  }
  validateLabelSelector(out, spec.selector, `${path}.selector`);
  let rwop = false;
  let other = false;
  for (const mode of modes) {
    if (typeof mode !== 'string' || !ACCESS_MODES.includes(mode)) {
      out.push(notSupported(`${path}.accessModes`, mode, ACCESS_MODES));
    } else if (mode === 'ReadWriteOncePod') {
      rwop = true;
    } else {
      other = true;
    }
  }
  if (rwop && other) {
    out.push(forbidden(`${path}.accessModes`, 'may not use ReadWriteOncePod with other access modes'));
  }
  const storagePath = `${path}.resources[storage]`;
  const requests = asObject(asObject(spec.resources)?.requests);
  if (!requests || requests.storage === undefined) {
    out.push(required(storagePath));
  } else {
    const q = Quantity.parse(requests.storage);
    if (q && q.sign <= 0) {
      out.push(invalid(storagePath, q.toString(), 'must be greater than zero'));
    }
  }
  if (typeof spec.storageClassName === 'string' && spec.storageClassName.length > 0) {
    invalidEach(out, `${path}.storageClassName`, spec.storageClassName, isDns1123Subdomain(spec.storageClassName));
  }
  if (typeof spec.volumeMode === 'string' && !VOLUME_MODES.includes(spec.volumeMode)) {
    out.push(notSupported(`${path}.volumeMode`, spec.volumeMode, VOLUME_MODES));
  }
  const ds = asObject(spec.dataSource);
  const ref = asObject(spec.dataSourceRef);
  if (ds) {
    validateDataSource(out, ds, `${path}.dataSource`);
  }
  if (ref) {
    validateDataSource(out, ref, `${path}.dataSourceRef`);
  }
  if (ref && typeof ref.namespace === 'string' && ref.namespace.length > 0) {
    if (ds) {
      out.push({ path, message: `Invalid value: ${path}.dataSource: may not be specified when dataSourceRef.namespace is specified` });
    }
  } else if (ds && ref && (ds.kind !== ref.kind || ds.name !== ref.name || (ds.apiGroup ?? '') !== (ref.apiGroup ?? ''))) {
    out.push({ path, message: `Invalid value: ${path}.dataSource: must match dataSourceRef` });
  }
}

/** `api/pvc`. */
export const PVC_RULE: ObjectRule = {
  id: 'api/pvc',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['PersistentVolumeClaim'],
  description:
    'PersistentVolumeClaim spec: at least one supported access mode (ReadWriteOncePod alone), a storage request greater than zero, storageClassName a DNS subdomain, volumeMode, dataSource/dataSourceRef agreement.',
  example: 'spec.resources[storage]: Required value',
  check(object: KubeObject): Violation[] {
    const out: Violation[] = [];
    validatePvcSpec(out, object.spec, 'spec');
    return out;
  },
};
