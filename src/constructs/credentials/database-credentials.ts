import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { DEVELOPMENT_SECRET_ANNOTATION } from '../pod/env';
import { ValidationError } from '../core/errors';
import { checkConfigKey, checkDns1123Subdomain, checkEnvVarName } from '../core/validators';
import { BoundCredentials, CredentialOwner, CredentialRequirements, UserKeyRule } from './credential-requirements';
import {
  renderDevelopmentSecret, renderExternalSecret, renderSealedSecret, SECRET_PASSWORD_KEY, SECRET_USER_KEY,
} from './credential-objects';
import { durationText } from '../pod/durations';
import { checkMadeWith, propNamesOf, withOptions } from '../core/prop-names';

/** Options of `DatabaseCredentials.fromExistingSecret`. */
export interface ExistingSecretOptions {
  /**
   * The key of the password in the Secret.
   * @default 'password'
   */
  readonly passwordKey?: string;
  /**
   * The key of the user name in the Secret.
   * @default - no user key: the engine's built-in user (`postgres`, `root`); MongoDB needs one
   */
  readonly userKey?: string;
}

/** Options of `DatabaseCredentials.fromExternalSecret` (external-secrets.io). */
export interface ExternalSecretOptions {
  /** The SecretStore or ClusterSecretStore that reads the external vault. */
  readonly secretStore: SecretStoreRef;
  /** The key of the entry in the external store (e.g. `prod/orders/db`). */
  readonly remoteKey: string;
  /**
   * The property of the entry that holds the password.
   * @default 'password'
   */
  readonly passwordProperty?: string;
  /**
   * The property of the entry that holds the user name.
   * @default - no user: the engine's built-in user; MongoDB needs one
   */
  readonly userProperty?: string;
  /**
   * How often the operator reads the store again.
   * @default Duration.hours(1)
   * @see https://external-secrets.io/latest/api/externalsecret/
   */
  readonly refreshInterval?: Duration;
}

/** How widely a sealed value may be unsealed (must match how it was sealed with `kubeseal --scope`). */
export enum SealedSecretScope {
  /** Only under the same Secret name and namespace (kubeseal's default). */
  STRICT = 'strict',
  /** Under any name in the same namespace. */
  NAMESPACE_WIDE = 'namespace-wide',
  /** Under any name in any namespace. */
  CLUSTER_WIDE = 'cluster-wide',
}

/** Options of `DatabaseCredentials.fromSealedSecret` (bitnami-labs/sealed-secrets). */
export interface SealedSecretOptions {
  /**
   * The name of the SealedSecret and of the Secret it unseals to. With the strict scope it must be
   * the name the values were sealed for.
   */
  readonly secretName: string;
  /** The ciphertexts from `kubeseal`, by Secret key (base64). Not secret: only the cluster's controller can decrypt them. */
  readonly encryptedData: Record<string, string>;
  /**
   * The key that holds the password.
   * @default 'password'
   */
  readonly passwordKey?: string;
  /**
   * The key that holds the user name.
   * @default - no user key: the engine's built-in user; MongoDB needs one
   */
  readonly userKey?: string;
  /**
   * The scope the values were sealed with.
   * @default SealedSecretScope.STRICT
   */
  readonly scope?: SealedSecretScope;
}

/** Options of `DatabaseCredentials.fromEnvironmentForDevelopment`. */
export interface DevelopmentCredentialsOptions {
  /**
   * An environment variable of the synth process that holds the user name.
   * @default - no user: the engine's built-in user; MongoDB needs one
   */
  readonly userVariable?: string;
}


/**
 * A reference to an external-secrets.io SecretStore or ClusterSecretStore.
 *
 * @see https://external-secrets.io/latest/api/secretstore/
 */
export class SecretStoreRef {
  /** A namespaced SecretStore (in the namespace of the database). */
  public static secretStore(name: string): SecretStoreRef {
    return new SecretStoreRef(name, 'SecretStore');
  }

  /** A cluster-wide ClusterSecretStore. */
  public static clusterSecretStore(name: string): SecretStoreRef {
    return new SecretStoreRef(name, 'ClusterSecretStore');
  }

  private constructor(
    /** The store's name. */
    public readonly name: string,
    /** `SecretStore` or `ClusterSecretStore`. */
    public readonly kind: 'SecretStore' | 'ClusterSecretStore') {
  }
}

enum SourceType { EXISTING, EXTERNAL, SEALED, DEVELOPMENT }

const EXISTING_NAMES = propNamesOf<ExistingSecretOptions>('ExistingSecretOptions', { passwordKey: true, userKey: true });
const EXTERNAL_NAMES = propNamesOf<ExternalSecretOptions>('ExternalSecretOptions', {
  secretStore: true, remoteKey: true, passwordProperty: true, userProperty: true, refreshInterval: true,
});
const SEALED_NAMES = propNamesOf<SealedSecretOptions>('SealedSecretOptions', {
  secretName: true, encryptedData: true, passwordKey: true, userKey: true, scope: true,
});
const DEVELOPMENT_NAMES = propNamesOf<DevelopmentCredentialsOptions>('DevelopmentCredentialsOptions', { userVariable: true });

/**
 * Where a database's user name and password come from. The values never appear in the
 * synthesized manifests, except with the explicit development-only `fromEnvironmentForDevelopment`.
 * There is no default password.
 *
 * ```ts
 * DatabaseCredentials.fromExistingSecret('orders-db', { userKey: 'username', passwordKey: 'password' })
 * DatabaseCredentials.fromExternalSecret({ secretStore: SecretStoreRef.clusterSecretStore('vault'), remoteKey: 'prod/orders-db' })
 * DatabaseCredentials.fromSealedSecret({ secretName: 'orders-db', encryptedData: { password: 'AgB…' } })
 * ```
 */
export class DatabaseCredentials {
  /** A Secret that already exists in the namespace (created by hand, by CI or by another tool). */
  public static fromExistingSecret(secretName: string, options: ExistingSecretOptions = {}): DatabaseCredentials {
    return withOptions(new DatabaseCredentials(SourceType.EXISTING, { secretName, ...options }), options, EXISTING_NAMES);
  }

  /** A Secret synced from an external vault by the external-secrets.io operator (renders an `ExternalSecret`). */
  public static fromExternalSecret(options: ExternalSecretOptions): DatabaseCredentials {
    return withOptions(new DatabaseCredentials(SourceType.EXTERNAL, { external: options }), options, EXTERNAL_NAMES);
  }

  /** A Secret unsealed in the cluster by the sealed-secrets controller (renders a `SealedSecret`). */
  public static fromSealedSecret(options: SealedSecretOptions): DatabaseCredentials {
    return withOptions(new DatabaseCredentials(SourceType.SEALED, { sealed: options }), options, SEALED_NAMES);
  }

  /**
   * DEVELOPMENT ONLY: a Secret whose password is read from an environment variable at synth time
   * and written into the manifests (stringData). The Secret is annotated with
   * `DEVELOPMENT_SECRET_ANNOTATION` so that the policy checks warn about it.
   */
  public static fromEnvironmentForDevelopment(passwordVariable: string, options: DevelopmentCredentialsOptions = {}): DatabaseCredentials {
    return withOptions(new DatabaseCredentials(SourceType.DEVELOPMENT, { passwordVariable, userVariable: options?.userVariable }), options, DEVELOPMENT_NAMES);
  }

  private constructor(private readonly type: SourceType, private readonly spec: {
    secretName?: string;
    passwordKey?: string;
    userKey?: string;
    external?: ExternalSecretOptions;
    sealed?: SealedSecretOptions;
    passwordVariable?: string;
    userVariable?: string;
  }) {
  }

  /** Whether the credentials put a secret value into the manifests (development only). */
  public get writesSecretValue(): boolean {
    return this.type === SourceType.DEVELOPMENT;
  }

  /**
   * Validates the source against what the engine needs and renders its objects (if any) under
   * `scope` with id `Credentials`; returns the Secret and keys that pods reference.
   *
   * @internal
   */
  public _bind(scope: Construct, prop: string, needs: CredentialRequirements, owner: CredentialOwner): BoundCredentials {
    checkMadeWith(scope, prop, this);
    switch (this.type) {
      case SourceType.EXISTING: {
        const { secretName, passwordKey = SECRET_PASSWORD_KEY, userKey } = this.spec;
        checkDns1123Subdomain(scope, `${prop}.secretName`, secretName!);
        checkConfigKey(scope, `${prop}.passwordKey`, passwordKey);
        if (userKey !== undefined) {
          checkConfigKey(scope, `${prop}.userKey`, userKey);
        }
        const source = `existing Secret ${JSON.stringify(secretName)}`;
        checkKeys(scope, prop, needs, source, passwordKey, userKey, 'userKey');
        return { secretName: secretName!, passwordKey, userKey };
      }
      case SourceType.EXTERNAL: {
        const options = this.spec.external!;
        const passwordProperty = options.passwordProperty ?? SECRET_PASSWORD_KEY;
        if (!(options.secretStore instanceof SecretStoreRef)) {
          throw new ValidationError(scope, `'${prop}.secretStore' must be a SecretStoreRef: use SecretStoreRef.secretStore(name) or SecretStoreRef.clusterSecretStore(name)`);
        }
        checkDns1123Subdomain(scope, `${prop}.secretStore.name`, options.secretStore.name);
        if (typeof options.remoteKey !== 'string' || options.remoteKey.trim() === '') {
          throw new ValidationError(scope, `'${prop}.remoteKey' (${JSON.stringify(options.remoteKey)}) must be a non-empty key of the external store`);
        }
        const source = `ExternalSecret of ${JSON.stringify(options.remoteKey)}`;
        checkKeys(scope, prop, needs, source, passwordProperty, options.userProperty, 'userProperty');
        const refresh: unknown = options.refreshInterval ?? Duration.hours(1);
        if (!(refresh instanceof Duration)) {
          throw new ValidationError(scope, `'${prop}.refreshInterval' (${JSON.stringify(refresh)}) must be a Duration, e.g. Duration.hours(1)`);
        }
        const millis = refresh.toMilliseconds({ integral: false });
        if (!Number.isSafeInteger(millis) || millis < 0 || millis % 1000 !== 0) {
          throw new ValidationError(scope, `'${prop}.refreshInterval' (${durationText(millis)}) must be a non-negative whole number of seconds`);
        }
        const seconds = millis / 1000;
        const secretName = renderExternalSecret(new Construct(scope, 'Credentials'), owner, {
          store: options.secretStore, remoteKey: options.remoteKey, passwordProperty, userProperty: options.userProperty, refreshSeconds: seconds,
        });
        return { secretName, passwordKey: SECRET_PASSWORD_KEY, userKey: options.userProperty !== undefined ? SECRET_USER_KEY : undefined };
      }
      case SourceType.SEALED: {
        const options = this.spec.sealed!;
        const passwordKey = options.passwordKey ?? SECRET_PASSWORD_KEY;
        checkDns1123Subdomain(scope, `${prop}.secretName`, options.secretName);
        const scopeValue = options.scope ?? SealedSecretScope.STRICT;
        if (!Object.values(SealedSecretScope).includes(scopeValue)) {
          throw new ValidationError(scope, `'${prop}.scope' (${JSON.stringify(scopeValue)}) is unknown: use SealedSecretScope.STRICT, NAMESPACE_WIDE or CLUSTER_WIDE`);
        }
        const data = options.encryptedData ?? {};
        for (const [key, value] of Object.entries(data)) {
          checkConfigKey(scope, `${prop}.encryptedData`, key);
          if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
            throw new ValidationError(scope, `'${prop}.encryptedData.${key}' must be the base64 ciphertext printed by kubeseal`);
          }
        }
        const source = `SealedSecret ${JSON.stringify(options.secretName)}`;
        checkKeys(scope, prop, needs, source, passwordKey, options.userKey, 'userKey');
        for (const [field, key] of [['passwordKey', passwordKey], ['userKey', options.userKey]] as const) {
          if (key !== undefined && !Object.hasOwn(data, key)) {
            throw new ValidationError(scope, `'${prop}.encryptedData' has no key ${JSON.stringify(key)} ('${prop}.${field}'): `
              + `seal the ${field === 'passwordKey' ? 'password' : 'user name'} under that key or change '${prop}.${field}'`);
          }
        }
        renderSealedSecret(new Construct(scope, 'Credentials'), owner, { name: options.secretName, encryptedData: data, scope: scopeValue });
        return { secretName: options.secretName, passwordKey, userKey: options.userKey };
      }
      case SourceType.DEVELOPMENT: {
        const { passwordVariable, userVariable } = this.spec;
        checkEnvVarName(scope, `${prop}.passwordVariable`, passwordVariable!);
        if (userVariable !== undefined) {
          checkEnvVarName(scope, `${prop}.userVariable`, userVariable);
        }
        const source = `development Secret from environment variable ${JSON.stringify(passwordVariable)}`;
        checkKeys(scope, prop, needs, source, SECRET_PASSWORD_KEY, userVariable, 'userVariable');
        const data: Record<string, string> = { [SECRET_PASSWORD_KEY]: readVariable(scope, prop, 'passwordVariable', passwordVariable!) };
        if (userVariable !== undefined) {
          data[SECRET_USER_KEY] = readVariable(scope, prop, 'userVariable', userVariable);
        }
        const secretName = renderDevelopmentSecret(new Construct(scope, 'Credentials'), owner, data, DEVELOPMENT_SECRET_ANNOTATION);
        return { secretName, passwordKey: SECRET_PASSWORD_KEY, userKey: userVariable !== undefined ? SECRET_USER_KEY : undefined };
      }
    }
  }
}

/** Checks that the keys the engine needs are there (password always; user as the engine requires). */
function checkKeys(scope: Construct, prop: string, needs: CredentialRequirements, source: string,
  passwordKey: string, userKey: string | undefined, userField: string): void {
  if (needs.user === UserKeyRule.REQUIRED && userKey === undefined) {
    throw new ValidationError(scope, `'${prop}' (${source}) has no user: ${needs.engineName} needs a user and a password; set '${prop}.${userField}'`);
  }
  if (needs.user === UserKeyRule.UNSUPPORTED && userKey !== undefined) {
    throw new ValidationError(scope, `'${prop}.${userField}' (${JSON.stringify(userKey)}) is not supported: ${needs.engineName} authenticates with a password only; leave '${prop}.${userField}' out`);
  }
  if (userKey !== undefined && userKey === passwordKey) {
    throw new ValidationError(scope, `'${prop}.${userField}' (${JSON.stringify(userKey)}) must differ from the password key`);
  }
}

function readVariable(scope: Construct, prop: string, field: string, name: string): string {
  const value = Object.hasOwn(process.env, name) ? process.env[name] : undefined;
  if (value === undefined || value === '') {
    throw new ValidationError(scope, `'${prop}.${field}' reads environment variable ${JSON.stringify(name)}, which is missing or empty; `
      + 'set it before synthesizing, or use DatabaseCredentials.fromExistingSecret() outside development');
  }
  return value;
}
