/**
 * Best-practice checks for credentials kept in plain text: in ConfigMaps and in literal env values.
 */
import { ObjectRule } from '../../rule';
import { Layer, Severity, Violation } from '../../types';
import { asArray, asObject, asString } from '../common/field';
import { containersOf, describeContainer } from '../cross/_support/pod';
import { podRule } from './_pod-rule';

/** Key names that suggest a credential. */
const SENSITIVE_KEY = /(passw(or)?d|pwd|secret|token|api[-_.]?key|private[-_.]?key|credential|access[-_.]?key)/i;

/** Values that look like credentials whatever their key, with what they look like. */
const SENSITIVE_VALUES: readonly [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, 'a URL with a password'],
  [/(?:^|[;\s?&])(password|pwd)=[^;\s&]+/i, 'a connection string with a password'],
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key'],
];

/** True for values that cannot be a credential (empty, numbers, booleans). */
function isHarmless(value: string): boolean {
  return /^\s*$|^-?\d+(\.\d+)?$|^(true|false|yes|no)$/i.test(value);
}

/** `policy/configmap-secrets`. */
export const configMapSecretsRule: ObjectRule = {
  id: 'policy/configmap-secrets',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'object',
  kinds: ['ConfigMap'],
  description:
    'ConfigMaps hold no credentials: no keys named like passwords, tokens or keys with a value, no private keys, URLs or connection strings with passwords.',
  example:
    'data[DB_PASSWORD]: Forbidden: key "DB_PASSWORD" looks like a credential; move it to a Secret and reference it with secretKeyRef',
  check(object) {
    const out: Violation[] = [];
    for (const [key, value] of Object.entries(asObject(object.data) ?? {})) {
      if (typeof value !== 'string' || isHarmless(value)) {
        continue;
      }
      const path = `data[${key}]`;
      const hit = SENSITIVE_VALUES.find(([re]) => re.test(value));
      if (hit) {
        out.push({
          path,
          message: `Forbidden: the value of key ${JSON.stringify(key)} contains ${hit[1]}; move it to a Secret and reference it with secretKeyRef`,
        });
      } else if (SENSITIVE_KEY.test(key)) {
        out.push({
          path,
          message: `Forbidden: key ${JSON.stringify(key)} looks like a credential; move it to a Secret and reference it with secretKeyRef`,
        });
      }
    }
    return out;
  },
};

/** Env var names that hold a credential: `*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `API_KEY`, `*_PRIVATE_KEY`... */
const SECRET_ENV_NAME = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|APIKEY|(?:API|PRIVATE|ACCESS|MASTER|ENCRYPTION|SIGNING)_?KEY$/i;

/** Other `*_KEY` names (`CACHE_KEY`, `LICENSE_KEY`): a credential only when the value looks random. */
const KEY_ENV_NAME = /_KEY$/i;

/**
 * Names that say where a credential is, or how it is handled, rather than holding it:
 * `DB_SECRET_NAME`, `TLS_KEY_PATH`, `PASSWORD_FILE`, `TOKEN_TTL`, `ALLOW_EMPTY_PASSWORD`...
 */
const ABOUT_SECRET_NAME =
  /_(?:NAMES?|FILES?|PATH|DIR|REF|KEY_?REF|MOUNT|ENABLED|LENGTH|TTL|TIMEOUT|EXPIRY|TYPE|HEADER|ALGORITHM)$|^(?:ALLOW|ENABLE|DISABLE|REQUIRE|SKIP|USE)_/i;

/**
 * Values that are not a credential whatever the name: empty, numbers, booleans and yes/no flags,
 * durations, `$(VAR)` references to other variables, absolute paths.
 */
const NOT_A_SECRET_VALUE =
  /^\s*$|^-?\d+(?:\.\d+)?$|^(?:true|false|yes|no|on|off|y|n)$|^\d+(?:ms|s|m|h|d)$|^(?:\$\([A-Za-z_][A-Za-z0-9_.-]*\))+$|^\/[\w.-]+(?:\/[\w.-]+)*\/?$/i;

/** A random-looking token: 16 or more characters of base64, hex or key alphabets, with letters and digits. */
const RANDOM_LOOKING = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9+/=_.:-]{16,}$/;

/** True when a literal env value under `name` is a credential. */
export function isLiteralSecret(name: string, value: string): boolean {
  if (NOT_A_SECRET_VALUE.test(value) || ABOUT_SECRET_NAME.test(name)) {
    return false;
  }
  return SECRET_ENV_NAME.test(name) || (KEY_ENV_NAME.test(name) && RANDOM_LOOKING.test(value));
}

/** `policy/env-literal-secret`. */
export const envLiteralSecretRule: ObjectRule = podRule(
  {
    id: 'policy/env-literal-secret',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description:
      'Env vars named like credentials (*PASSWORD*, *SECRET*, *TOKEN*, API_KEY..., or *_KEY with a random-looking value) take their value from a Secret, not a literal; names that point at a credential (*_SECRET_NAME, *_KEY_PATH, *_FILE, ALLOW_EMPTY_PASSWORD) and values that cannot be one (empty, numbers, booleans, durations, paths, $(VAR) references) are fine.',
    example:
      'spec.template.spec.containers[0].env[0].value: Forbidden: env var "DB_PASSWORD" of container "app" has a literal value; use valueFrom.secretKeyRef',
  },
  (pod) => {
    const out: Violation[] = [];
    for (const c of containersOf(pod)) {
      const env = asArray(c.container.env);
      for (let i = 0; i < env.length; i++) {
        const item = asObject(env[i]);
        const name = asString(item?.name);
        const value = asString(item?.value);
        if (name !== undefined && value !== undefined && isLiteralSecret(name, value)) {
          out.push({
            path: `${c.path}.env[${i}].value`,
            message: `Forbidden: env var ${JSON.stringify(name)} of ${describeContainer(c)} has a literal value; use valueFrom.secretKeyRef`,
          });
        }
      }
    }
    return out;
  },
);

/** The annotation constructs put on Secrets whose values were read at synth time for development. */
const DEVELOPMENT_SECRET_ANNOTATION = 'patterns.cdk8s.io/development-secret';

/** `policy/secret-in-manifest`. */
export const secretInManifestRule: ObjectRule = {
  id: 'policy/secret-in-manifest',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'object',
  kinds: ['Secret'],
  description:
    'Secrets with values in the manifest put credentials into the YAML (and git); reference an existing Secret, an ExternalSecret or a SealedSecret instead.',
  example:
    'stringData: Forbidden: Secret holds 1 value in the manifest (development opt-in: patterns.cdk8s.io/development-secret); do not apply this output outside development',
  check(object) {
    for (const field of ['data', 'stringData']) {
      const values = asObject(object[field]);
      const count = values ? Object.keys(values).length : 0;
      if (count === 0) {
        continue;
      }
      const annotations = asObject(asObject(object.metadata)?.annotations);
      const development = asString(annotations?.[DEVELOPMENT_SECRET_ANNOTATION]) === 'true';
      const what = `Secret holds ${count} ${count === 1 ? 'value' : 'values'} in the manifest`;
      return [{
        path: field,
        message: development
          ? `Forbidden: ${what} (development opt-in: ${DEVELOPMENT_SECRET_ANNOTATION}); do not apply this output outside development`
          : `Forbidden: ${what}; reference an existing Secret, an ExternalSecret or a SealedSecret instead of writing values`,
      }];
    }
    return [];
  },
};
