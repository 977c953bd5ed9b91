/**
 * Pod volume rules (`ValidateVolumes`, `validateVolumeSource`, `validateKeyToPath`).
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go` (`ValidateVolumes`,
 * `validateVolumeSource`, `validateKeyToPath`, `validateSecretVolumeSource`, `validateConfigMapVolumeSource`,
 * `validatePersistentClaimVolumeSource`, `validateEphemeralVolumeSource`), after core/v1
 * `SetDefaults_SecretVolumeSource` and `SetDefaults_ConfigMapVolumeSource` (defaultMode 0644).
 */
import { Violation } from '../../types';
import {
  asArray,
  asObject,
  duplicate,
  forbidden,
  invalid,
  invalidEach,
  isSet,
  JsonObject,
  readInt32,
  required,
} from '../common/field';
import { isDns1123Label } from '../common/names';
import { Quantity } from '../common/quantity';
import { validateLocalDescendingPath } from './resources';
import { validateDownwardApi, validateHostPath, validateNfs, validateProjected } from './volume-sources';

/** Volume source fields in the order the API server checks them. */
const VOLUME_TYPES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
  'projected', 'scaleIO', 'storageos', 'csi', 'ephemeral',
];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateMode(out: Violation[], value: unknown, path: string): void {
  const mode = readInt32(out, value, path);
  if (mode !== undefined && (mode < 0 || mode > 0o777)) {
    out.push(invalid(path, mode, FILE_MODE_ERROR));
  }
}

function validateItems(out: Violation[], items: unknown, path: string): void {
  asArray(items).forEach((item, i) => {
    const kp = asObject(item);
    if (!kp) {
      return;
    }
    const p = `${path}[${i}]`;
    if (!kp.key) {
      out.push(required(`${p}.key`));
    }
    const target = typeof kp.path === 'string' ? kp.path : '';
    if (target.length === 0) {
      out.push(required(`${p}.path`));
    }
    validateLocalDescendingPath(out, target, `${p}.path`);
    if (target.startsWith('..') && !target.startsWith('../')) {
      out.push(invalid(`${p}.path`, target, "must not start with '..'"));
    }
    validateMode(out, kp.mode, `${p}.mode`);
  });
}

function validateSource(out: Violation[], type: string, source: JsonObject, path: string): void {
  switch (type) {
    case 'secret':
      if (!source.secretName) {
        out.push(required(`${path}.secretName`));
      }
      validateMode(out, source.defaultMode, `${path}.defaultMode`);
      validateItems(out, source.items, `${path}.items`);
      break;
    case 'configMap':
      if (!source.name) {
        out.push(required(`${path}.name`));
      }
      validateMode(out, source.defaultMode, `${path}.defaultMode`);
      validateItems(out, source.items, `${path}.items`);
      break;
    case 'persistentVolumeClaim':
      if (!source.claimName) {
        out.push(required(`${path}.claimName`));
      }
      break;
    case 'hostPath':
      validateHostPath(out, source, path);
      break;
    case 'nfs':
      validateNfs(out, source, path);
      break;
    case 'emptyDir': {
      const size = Quantity.parse(source.sizeLimit);
      if (size && size.sign < 0) {
        out.push(forbidden(`${path}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
      }
      break;
    }
    case 'projected':
      validateProjected(out, source, path);
      break;
    case 'downwardAPI':
      validateDownwardApi(out, source, path);
      break;
    default:
      break;
  }
}

/**
 * Checks `volumes`: DNS-label names, unique, one source each. Returns the set of volume names for
 * the volumeMount checks.
 */
export function validateVolumes(out: Violation[], volumes: unknown, path: string): Set<string> {
  const names = new Set<string>();
  asArray(volumes).forEach((item, i) => {
    const vol = asObject(item);
    if (!vol) {
      return;
    }
    const p = `${path}[${i}]`;
    let count = 0;
    for (const type of VOLUME_TYPES) {
      if (!isSet(vol[type])) {
        continue;
      }
      if (count > 0) {
        out.push(forbidden(`${p}.${type}`, 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      validateSource(out, type, asObject(vol[type]) ?? {}, `${p}.${type}`);
    }
    const name = typeof vol.name === 'string' ? vol.name : '';
    if (name.length === 0) {
      out.push(required(`${p}.name`));
    } else {
      invalidEach(out, `${p}.name`, name, isDns1123Label(name));
    }
    if (names.has(name)) {
      out.push(duplicate(`${p}.name`, name));
    }
    names.add(name);
  });
  return names;
}
