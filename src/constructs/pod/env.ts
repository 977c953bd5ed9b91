import { readFileSync } from 'fs';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { ExternalObjects } from '../external-objects/external-objects';
import { checkConfigKey, checkDns1123Subdomain } from '../core/validators';

/**
 * The annotation on a Secret whose values were read at synth time and written into the manifests
 * (development only): the policy checks report such a Secret as a development opt-in.
 */
export const DEVELOPMENT_SECRET_ANNOTATION = 'patterns.cdk8s.io/development-secret';

/**
 * Where the content of a development Secret the app owns comes from. Never a string literal in the
 * code: the value is read when the app is synthesized and written into the manifests, so only the
 * `...ForDevelopment` factories take it.
 */
export class SecretSource {
  /** The value of an environment variable of the synth process (e.g. set by CI from a vault). */
  public static fromEnvironment(variableName: string): SecretSource {
    return new SecretSource(`environment variable ${JSON.stringify(variableName)}`, () => (Object.hasOwn(process.env, variableName) ? process.env[variableName] : undefined));
  }

  /** The content of a file, read at synth time (trailing newline removed). */
  public static fromFile(path: string): SecretSource {
    return new SecretSource(`file ${JSON.stringify(path)}`, () => {
      try {
        return readFileSync(path, 'utf-8').replace(/\r?\n$/, '');
      } catch {
        return undefined;
      }
    });
  }

  private constructor(
    /** Where the value comes from, for messages. */
    public readonly description: string,
    private readonly read: () => string | undefined) {
  }

  /**
   * Reads the value; throws a `ValidationError` on `scope` when it is missing or empty.
   *
   * @internal
   */
  public _resolve(scope: IConstruct, prop: string): string {
    const value = this.read();
    if (value === undefined || value === '') {
      throw new ValidationError(scope, `'${prop}' reads ${this.description}, which is missing or empty; `
        + 'set it before synthesizing or reference an existing Secret with SecretEnvValue.fromSecretName()');
    }
    return value;
  }
}

/**
 * The value of a secret environment variable: a key of an existing Secret, or a value the app
 * keeps in a Secret it owns.
 */
export class SecretEnvValue {
  /** A key of an existing Secret (rendered as `secretKeyRef`). */
  public static fromSecretName(secretName: string, key: string, options: SecretKeyOptions = {}): SecretEnvValue {
    return new SecretEnvValue({ secretName, key, optional: options.optional ?? false });
  }

  /**
   * DEVELOPMENT ONLY: a value read at synth time and written into the manifests (`stringData` of
   * the Secret the app owns, under the variable's name). That Secret is annotated with
   * `DEVELOPMENT_SECRET_ANNOTATION`, so the policy checks report it as a development opt-in.
   * Outside development, use `fromSecretName()`.
   */
  public static fromSourceForDevelopment(source: SecretSource): SecretEnvValue {
    return new SecretEnvValue(undefined, source);
  }

  private constructor(
    /** The existing Secret reference. @internal */
    public readonly _existing?: { secretName: string; key: string; optional: boolean },
    /** The source of an owned value. @internal */
    public readonly _source?: SecretSource) {
  }

  /**
   * Validates the reference; throws on `scope` for `prop`.
   *
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    if (this._existing) {
      checkDns1123Subdomain(scope, `${prop}.secretName`, this._existing.secretName);
      checkConfigKey(scope, `${prop}.key`, this._existing.key);
      ExternalObjects.of(scope).declare({ kind: 'Secret', name: this._existing.secretName, keys: [this._existing.key] });
    }
  }
}

/** Options of a key in an existing Secret. */
export interface SecretKeyOptions {
  /**
   * Start the pod even if the Secret or key does not exist.
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * An image pull secret: a `kubernetes.io/dockerconfigjson` Secret that exists in the namespace.
 */
export class ImagePullSecret {
  /** An existing pull secret by name. */
  public static fromName(secretName: string): ImagePullSecret {
    return new ImagePullSecret(secretName);
  }

  /** An object with a `name` (e.g. a cdk8s-plus `ISecret`). */
  public static fromSecret(secret: { readonly name: string }): ImagePullSecret {
    return new ImagePullSecret(secret.name);
  }

  private constructor(
    /** The Secret name. */
    public readonly secretName: string) {
  }
}
