/**
 * Pod volume sources with rules of their own: hostPath, nfs, downwardAPI and projected
 * (`validateHostPathVolumeSource`, `validateNFSVolumeSource`, `validateDownwardAPIVolumeSource`,
 * `validateDownwardAPIVolumeFile`, `validateProjectedVolumeSource`, `validateProjectionSources` in
 * kubernetes/kubernetes `pkg/apis/core/validation/validation.go`, 1.28), after core/v1 defaulting
 * (`SetDefaults_ObjectFieldSelector`: apiVersion v1; `SetDefaults_ServiceAccountTokenProjection`:
 * expirationSeconds 3600).
 */
import { Violation } from '../../types';
import { asArray, asObject, asStruct, forbidden, invalid, JsonObject, notSupported, readInt64, required } from '../common/field';
import { validateFieldRef, validateResourceFieldRef } from './container';
import { validateLocalDescendingPath } from './resources';

/** hostPath `type` values (`supportedHostPathTypes.List()`: sorted, the unset type first). */
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
/** Field paths a downward API volume may project (`validVolumeDownwardAPIFieldPathExpressions`). */
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
/** Shortest and longest service account token lifetimes a projection may ask for. */
const MIN_TOKEN_EXPIRATION_SECONDS = 600;
const MAX_TOKEN_EXPIRATION_SECONDS = 2 ** 32;

function validateMode(out: Violation[], value: unknown, path: string): void {
  if (typeof value === 'number' && (value < 0 || value > 0o777)) {
    out.push(invalid(path, value, FILE_MODE_ERROR));
  }
}

/** `validatePathNoBacksteps`: no `..` element. */
function validateNoBacksteps(out: Violation[], value: string, path: string): void {
  if (value.split('/').includes('..')) {
    out.push(invalid(path, value, "must not contain '..'"));
  }
}

/** `ValidateLocalNonReservedPath`: relative, no `..` element, not starting with `..` (`..data` is reserved). */
function validateLocalNonReservedPath(out: Violation[], value: string, path: string): void {
  validateLocalDescendingPath(out, value, path);
  if (value.startsWith('..') && !value.startsWith('../')) {
    out.push(invalid(path, value, "must not start with '..'"));
  }
}

/** `validateHostPathVolumeSource`: a path without backsteps and a known type. */
export function validateHostPath(out: Violation[], source: JsonObject, path: string): void {
  const hostPath = typeof source.path === 'string' ? source.path : '';
  if (hostPath.length === 0) {
    out.push(required(`${path}.path`));
    return;
  }
  validateNoBacksteps(out, hostPath, `${path}.path`);
  if (typeof source.type === 'string' && !HOST_PATH_TYPES.includes(source.type)) {
    out.push(notSupported(`${path}.type`, source.type, HOST_PATH_TYPES));
  }
}

/** `validateNFSVolumeSource`: a server and an absolute path. */
export function validateNfs(out: Violation[], source: JsonObject, path: string): void {
  if (typeof source.server !== 'string' || source.server.length === 0) {
    out.push(required(`${path}.server`));
  }
  const nfsPath = typeof source.path === 'string' ? source.path : '';
  if (nfsPath.length === 0) {
    out.push(required(`${path}.path`));
  }
  if (!nfsPath.startsWith('/')) {
    out.push(invalid(`${path}.path`, nfsPath, 'must be an absolute path'));
  }
}

/**
 * `validateDownwardAPIVolumeFile`. As on the server, the errors of an item are reported at the
 * source's path (`...downwardAPI.fieldRef.fieldPath`), without the item index.
 */
function validateDownwardApiFile(out: Violation[], file: JsonObject, path: string): void {
  const filePath = typeof file.path === 'string' ? file.path : '';
  if (filePath.length === 0) {
    out.push(required(`${path}.path`));
  }
  validateLocalNonReservedPath(out, filePath, `${path}.path`);
  const fieldRef = asObject(file.fieldRef);
  const resourceFieldRef = asObject(file.resourceFieldRef);
  if (fieldRef) {
    validateFieldRef(out, fieldRef, `${path}.fieldRef`, VOLUME_FIELD_PATHS);
    if (resourceFieldRef) {
      out.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    }
  } else if (resourceFieldRef) {
    if (typeof resourceFieldRef.containerName !== 'string' || resourceFieldRef.containerName.length === 0) {
      out.push(required(`${path}.resourceFieldRef.containerName`));
    }
    validateResourceFieldRef(out, resourceFieldRef, `${path}.resourceFieldRef`);
  } else {
    out.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  validateMode(out, file.mode, `${path}.mode`);
}

/** `validateDownwardAPIVolumeSource`: defaultMode and every item. */
export function validateDownwardApi(out: Violation[], source: JsonObject, path: string): void {
  validateMode(out, source.defaultMode, `${path}.defaultMode`);
  for (const item of asArray(source.items)) {
    validateDownwardApiFile(out, asStruct(item), path);
  }
}

/** The items of a secret or configMap projection: key and path of each, paths unique across sources. */
function validateProjectedItems(out: Violation[], source: JsonObject, path: string, projected: string, seen: Set<string>): void {
  if (typeof source.name !== 'string' || source.name.length === 0) {
    out.push(required(`${path}.name`));
  }
  asArray(source.items).forEach((raw, i) => {
    const item = asStruct(raw);
    const p = `${path}.items[${i}]`;
    if (typeof item.key !== 'string' || item.key.length === 0) {
      out.push(required(`${p}.key`));
    }
    const target = typeof item.path === 'string' ? item.path : '';
    if (target.length === 0) {
      out.push(required(`${p}.path`));
    }
    validateLocalNonReservedPath(out, target, `${p}.path`);
    validateMode(out, item.mode, `${p}.mode`);
    if (target.length > 0) {
      if (seen.has(target)) out.push(invalid(projected, source.name ?? '', 'conflicting duplicate paths'));
      seen.add(target);
    }
  });
}

/** `validateProjectedVolumeSource` and `validateProjectionSources`: one type per source, no path twice. */
export function validateProjected(out: Violation[], source: JsonObject, path: string): void {
  validateMode(out, source.defaultMode, `${path}.defaultMode`);
  const seen = new Set<string>();
  asArray(source.sources).forEach((raw, i) => {
    const projection = asStruct(raw);
    const p = `${path}.sources[${i}]`;
    let count = 0;
    const secret = asObject(projection.secret);
    if (secret) {
      count++;
      validateProjectedItems(out, secret, `${p}.secret`, path, seen);
    }
    const configMap = asObject(projection.configMap);
    if (configMap) {
      count++;
      validateProjectedItems(out, configMap, `${p}.configMap`, path, seen);
    }
    const downwardAPI = asObject(projection.downwardAPI);
    if (downwardAPI) {
      count++;
      for (const item of asArray(downwardAPI.items)) {
        const file = asStruct(item);
        validateDownwardApiFile(out, file, `${p}.downwardAPI`);
        const target = typeof file.path === 'string' ? file.path : '';
        if (target.length > 0) {
          if (seen.has(target)) out.push(invalid(path, target, 'conflicting duplicate paths'));
          seen.add(target);
        }
      }
    }
    const token = asObject(projection.serviceAccountToken);
    if (token) {
      count++;
      const tokenPath = `${p}.serviceAccountToken`;
      const expiration = readInt64(out, token.expirationSeconds, `${tokenPath}.expirationSeconds`) ?? 3600;
      if (expiration < MIN_TOKEN_EXPIRATION_SECONDS) {
        out.push(invalid(`${tokenPath}.expirationSeconds`, expiration, 'may not specify a duration less than 10 minutes'));
      }
      if (expiration > MAX_TOKEN_EXPIRATION_SECONDS) {
        out.push(invalid(`${tokenPath}.expirationSeconds`, expiration, 'may not specify a duration larger than 2^32 seconds'));
      }
      if (typeof token.path !== 'string' || token.path.length === 0) {
        // the server names the projected volume's path here, not the token's
        out.push(required(`${path}.path`));
      }
    }
    if (count > 1) {
      out.push(forbidden(p, 'may not specify more than 1 volume type'));
    }
  });
}
