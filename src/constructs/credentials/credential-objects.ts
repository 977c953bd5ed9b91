/* eslint-disable @typescript-eslint/no-require-imports */
import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as BitnamiApi from '../../../imports/bitnami.com';
import type * as ExternalSecretsApi from '../../../imports/external-secrets.io';
import type { ExternalSecretSpecSecretStoreRefKind } from '../../../imports/external-secrets.io';
import { k8s } from '../core/plus';
import { CredentialOwner } from './credential-requirements';

let externalSecretsModule: typeof ExternalSecretsApi | undefined;
let bitnamiModule: typeof BitnamiApi | undefined;

/**
 * The generated external-secrets.io classes (80 KB of JavaScript), loaded when the first
 * ExternalSecret is rendered instead of with the package (like `gateway/gateway-api.ts`).
 */
function externalSecretsApi(): typeof ExternalSecretsApi {
  return (externalSecretsModule ??= require('../../../imports/external-secrets.io') as typeof ExternalSecretsApi);
}

/** The generated bitnami.com classes, loaded when the first SealedSecret is rendered. */
function bitnamiApi(): typeof BitnamiApi {
  return (bitnamiModule ??= require('../../../imports/bitnami.com') as typeof BitnamiApi);
}

/**
 * Renders the objects of the credentials sources (ExternalSecret, SealedSecret, development
 * Secret). Each is the default child (`Resource`) of the `Credentials` construct, so its generated
 * name is short: `<chart>-<database>-credentials-<hash>`.
 *
 * @internal
 */

/** The key of the password in the Secrets this library creates or syncs. */
export const SECRET_PASSWORD_KEY = 'password';
/** The key of the user name in the Secrets this library creates or syncs. */
export const SECRET_USER_KEY = 'username';

/** What an ExternalSecret reads. */
export interface ExternalSecretSpecInput {
  readonly store: { readonly name: string; readonly kind: 'SecretStore' | 'ClusterSecretStore' };
  readonly remoteKey: string;
  readonly passwordProperty: string;
  readonly userProperty?: string;
  readonly refreshSeconds: number;
}

/** Renders an external-secrets.io/v1 ExternalSecret (served by the operator since v0.16; v1beta1 is no longer served from v0.17) whose target Secret has the same name; returns that name. */
export function renderExternalSecret(scope: Construct, owner: CredentialOwner, input: ExternalSecretSpecInput): string {
  const data = [{ secretKey: SECRET_PASSWORD_KEY, remoteRef: { key: input.remoteKey, property: input.passwordProperty } }];
  if (input.userProperty !== undefined) {
    data.push({ secretKey: SECRET_USER_KEY, remoteRef: { key: input.remoteKey, property: input.userProperty } });
  }
  const { ExternalSecret, ExternalSecretSpecTargetCreationPolicy, ExternalSecretSpecTargetDeletionPolicy } = externalSecretsApi();
  const externalSecret = new ExternalSecret(scope, 'Resource', {
    metadata: metadataOf(owner),
    spec: {
      refreshInterval: goDuration(input.refreshSeconds),
      secretStoreRef: { name: input.store.name, kind: input.store.kind as ExternalSecretSpecSecretStoreRefKind },
      target: {
        // The Secret is named after the ExternalSecret (explicit, so readers need not know the default).
        name: Lazy.any({ produce: () => externalSecret.name }) as unknown as string,
        creationPolicy: ExternalSecretSpecTargetCreationPolicy.OWNER,
        deletionPolicy: ExternalSecretSpecTargetDeletionPolicy.RETAIN,
      },
      data,
    },
  });
  return externalSecret.name;
}

/** Renders a bitnami.com/v1alpha1 SealedSecret that unseals to a Secret of the same name. */
export function renderSealedSecret(scope: Construct, owner: CredentialOwner,
  input: { name: string; encryptedData: Record<string, string>; scope: string }): void {
  const annotations: Record<string, string> = {};
  if (input.scope === 'namespace-wide') {
    annotations['sealedsecrets.bitnami.com/namespace-wide'] = 'true';
  } else if (input.scope === 'cluster-wide') {
    annotations['sealedsecrets.bitnami.com/cluster-wide'] = 'true';
  }
  const metadata = metadataOf(owner);
  new (bitnamiApi().SealedSecret)(scope, 'Resource', {
    metadata: { ...metadata, name: input.name, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      encryptedData: { ...input.encryptedData },
      template: {
        metadata: { name: input.name, ...(owner.namespace !== undefined ? { namespace: owner.namespace } : {}), labels: { ...owner.labels } },
        type: 'Opaque',
      },
    },
  });
}

/** Renders a Secret with the given values (development only), marked with `annotation`; returns its name. */
export function renderDevelopmentSecret(scope: Construct, owner: CredentialOwner, data: Record<string, string>, annotation: string): string {
  const secret = new k8s.KubeSecret(scope, 'Resource', {
    metadata: { ...metadataOf(owner), annotations: { [annotation]: 'true' } },
    type: 'Opaque',
    stringData: { ...data },
  });
  return secret.name;
}

function metadataOf(owner: CredentialOwner): { namespace?: string; labels: Record<string, string> } {
  return { ...(owner.namespace !== undefined ? { namespace: owner.namespace } : {}), labels: { ...owner.labels } };
}

/** `3600` → `1h`, `900` → `15m`, `90` → `90s`, `0` → `0s` (a Go duration). */
function goDuration(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) {
    return `${seconds / 3600}h`;
  }
  if (seconds > 0 && seconds % 60 === 0) {
    return `${seconds / 60}m`;
  }
  return `${seconds}s`;
}
