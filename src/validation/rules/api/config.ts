/**
 * `api/configmap` and `api/secret`: keys, size limits, and Secret type requirements
 * (`ValidateConfigMap`, `ValidateSecret`).
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go` (`ValidateConfigMap`, `ValidateSecret`; creates
 * only, the update rules are not modelled) through `pkg/registry/core/configmap/strategy.go` and
 * `pkg/registry/core/secret/strategy.go`; key format from apimachinery `pkg/util/validation` `IsConfigMapKey`.
 */
import { KubeObject, Layer, Severity, Violation } from '../../types';
import { ObjectRule } from '../../rule';
import { asObject, invalid, invalidEach, required, tooLong } from '../common/field';
import { isConfigMapKey } from '../common/names';

/** The most bytes ConfigMap data plus binaryData, or Secret data, may take (`core.MaxSecretSize`). */
export const MAX_SECRET_SIZE = 1048576;

/** Decoded byte length of a base64 string (without decoding it). */
function base64Length(value: string): number {
  const trimmed = value.replace(/\s+/g, '');
  let padding = 0;
  if (trimmed.endsWith('==')) {
    padding = 2;
  } else if (trimmed.endsWith('=')) {
    padding = 1;
  }
  return Math.max(0, Math.floor((trimmed.length * 3) / 4) - padding);
}

function utf8Length(value: unknown): number {
  return typeof value === 'string' ? Buffer.byteLength(value) : 0;
}

function checkConfigMap(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  const data = asObject(object.data) ?? {};
  const binary = asObject(object.binaryData) ?? {};
  let total = 0;
  for (const key of Object.keys(data)) {
    invalidEach(out, `data[${key}]`, key, isConfigMapKey(key));
    if (Object.hasOwn(binary, key)) {
      out.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    }
    total += utf8Length(data[key]);
  }
  for (const key of Object.keys(binary)) {
    invalidEach(out, `binaryData[${key}]`, key, isConfigMapKey(key));
    if (Object.hasOwn(data, key)) {
      out.push(invalid(`binaryData[${key}]`, key, 'duplicate of key present in data'));
    }
    const value = binary[key];
    total += typeof value === 'string' ? base64Length(value) : 0;
  }
  if (total > MAX_SECRET_SIZE) {
    out.push(tooLong('', MAX_SECRET_SIZE));
  }
  return out;
}

function decodeBase64(value: unknown): string | undefined {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

function checkSecret(object: KubeObject): Violation[] {
  const out: Violation[] = [];
  const data = asObject(object.data) ?? {};
  const stringData = asObject(object.stringData) ?? {};
  // stringData is merged into data before validation; its values are plain text.
  const keys = new Set([...Object.keys(data), ...Object.keys(stringData)]);
  let total = 0;
  for (const key of keys) {
    invalidEach(out, `data[${key}]`, key, isConfigMapKey(key));
    total += Object.hasOwn(stringData, key) ? utf8Length(stringData[key])
      : (Object.hasOwn(data, key) && typeof data[key] === 'string' ? base64Length(data[key] as string) : 0);
  }
  if (total > MAX_SECRET_SIZE) {
    out.push(tooLong('data', MAX_SECRET_SIZE));
  }
  const valueOf = (key: string): string | undefined => (Object.hasOwn(stringData, key)
    ? (typeof stringData[key] === 'string' ? (stringData[key] as string) : undefined)
    : Object.hasOwn(data, key) ? decodeBase64(data[key]) : undefined);
  const annotations = asObject(asObject(object.metadata)?.annotations) ?? {};
  switch (object.type) {
    case 'kubernetes.io/service-account-token':
      if (!Object.hasOwn(annotations, 'kubernetes.io/service-account.name') || !annotations['kubernetes.io/service-account.name']) {
        out.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = object.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!keys.has(key)) {
        out.push(required(`data[${key}]`));
        break;
      }
      const text = valueOf(key) ?? '';
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          out.push(invalid(`data[${key}]`, '<secret contents redacted>', 'json: cannot unmarshal into Go value of type map[string]interface {}'));
        }
      } catch {
        // The parser's message quotes the decoded text, i.e. the secret: never pass it on.
        out.push(invalid(`data[${key}]`, '<secret contents redacted>', 'must be valid JSON (the parse error is not shown: it would quote the secret)'));
      }
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!keys.has('username') && !keys.has('password')) {
        out.push(required('data[username]'));
        out.push(required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!valueOf('ssh-privatekey')) {
        out.push(required('data[ssh-privatekey]'));
      }
      break;
    case 'kubernetes.io/tls':
      if (!keys.has('tls.crt')) {
        out.push(required('data[tls.crt]'));
      }
      if (!keys.has('tls.key')) {
        out.push(required('data[tls.key]'));
      }
      break;
    default:
      break;
  }
  return out;
}

/** `api/configmap`. */
export const CONFIGMAP_RULE: ObjectRule = {
  id: 'api/configmap',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['ConfigMap'],
  description: 'ConfigMap keys are config keys, not repeated across data and binaryData, and data plus binaryData stay within 1 MiB.',
  example: 'data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')',
  check: checkConfigMap,
};

/** `api/secret`. */
export const SECRET_RULE: ObjectRule = {
  id: 'api/secret',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Secret'],
  description:
    'Secret keys (data and stringData) are config keys, data stays within 1 MiB, and typed Secrets carry their keys (tls.crt/tls.key, .dockerconfigjson as JSON, basic-auth, ssh-auth, service-account-token annotation).',
  example: 'data[tls.key]: Required value',
  check: checkSecret,
};
