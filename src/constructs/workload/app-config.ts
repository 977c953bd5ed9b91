import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { contentHash } from './config-hash';
import { DEVELOPMENT_SECRET_ANNOTATION, SecretEnvValue } from '../pod/env';
import { ValidationError } from '../core/errors';
import { AppLabels } from './labels';
import { plus, withOwnKeyChecks } from '../core/plus';
import { checkConfigKey, checkEnvVarName } from '../core/validators';
import { withGeneratedName } from '../core/object-names';

/**
 * What an {@link AppConfig} needs from its workload.
 *
 * @internal
 */
export interface AppConfigHost {
  /** The workload: parent of `Config`, `Secret` and `SecretRefs`, subject of the errors. */
  readonly scope: Construct;
  /** The app container whose environment is set. */
  readonly container: plus.Container;
  /** The labels of owned objects. */
  readonly labels: AppLabels;
  /** Metadata of owned, unnamed objects (namespace, extra labels and annotations). */
  readonly metadata: () => ApiObjectMetadata;
}

/**
 * The app's configuration: the ConfigMap (`Config`) with the plain environment, the Secret
 * (`Secret`) with owned secret values, the references to existing Secrets (`SecretRefs`), and the
 * config hash over every content the pods consume (those objects and owned volume content).
 *
 * @internal
 */
export class AppConfig {
  private _configMap?: plus.ConfigMap;
  private _secret?: plus.Secret;
  private _secretRefs?: Construct;
  private readonly _secretData: Record<string, string> = Object.create(null);
  private readonly _hashed = new Map<string, () => Record<string, string>>();

  constructor(private readonly host: AppConfigHost) {
  }

  /** The ConfigMap, once a plain variable was added. */
  public get configMap(): plus.ConfigMap | undefined {
    return this._configMap;
  }

  /** The owned Secret, once an owned secret value was added. */
  public get secret(): plus.Secret | undefined {
    return this._secret;
  }

  /**
   * Adds plain variables through the ConfigMap in one step (the `config` prop): every key is
   * checked like `addEnv` (in order, the first bad key throws), then the data is set at once.
   */
  public addConfig(config: Record<string, string>): void {
    const entries = Object.entries(config);
    if (entries.length === 0) {
      return;
    }
    const direct = this.host.container.env.variables;
    const existing = this._configMap?.data ?? {};
    for (const [name] of entries) {
      this.checkConfigName(name, direct, existing);
    }
    if (!this._configMap) {
      this.createConfigMap(config);
      return;
    }
    for (const [name, value] of entries) {
      this._configMap.addData(name, value);
    }
  }

  /** Adds one plain variable through the ConfigMap (`AppWorkload.addEnv`). */
  public addEnv(name: string, value: string): void {
    this.checkConfigName(name, this.host.container.env.variables, this._configMap?.data ?? {});
    if (!this._configMap) {
      this.createConfigMap({ [name]: value });
      return;
    }
    this._configMap.addData(name, value);
  }

  /** Adds a secret variable (`secretKeyRef`): a key of an existing Secret, or an owned value. */
  public addSecretEnv(name: string, value: SecretEnvValue): void {
    const { scope, container } = this.host;
    checkEnvVarName(scope, 'secretEnv', name);
    if (Object.hasOwn(container.env.variables, name)) {
      throw new ValidationError(scope, `'secretEnv' key ${JSON.stringify(name)} is already set; each variable can be set once`);
    }
    if (!(value instanceof SecretEnvValue)) {
      throw new ValidationError(scope, `'secretEnv.${name}' must be a SecretEnvValue: use SecretEnvValue.fromSecretName() or SecretEnvValue.fromSourceForDevelopment()`);
    }
    value._validate(scope, `secretEnv.${name}`);
    if (value._existing) {
      this._secretRefs = this._secretRefs ?? new Construct(scope, 'SecretRefs');
      // The id is not the bare name: construct ids named like Object.prototype members are refused.
      const secret = plus.Secret.fromSecretName(this._secretRefs, `${name}Ref`, value._existing.secretName);
      container.env.addVariable(name, plus.EnvValue.fromSecretValue(
        { secret, key: value._existing.key }, { optional: value._existing.optional }));
      return;
    }
    checkConfigKey(scope, 'secretEnv', name);
    const content = value._source!._resolve(scope, `secretEnv.${name}`);
    const secret = this._secret ?? this.createSecret();
    secret.addStringData(name, content);
    this._secretData[name] = content;
    container.env.addVariable(name, plus.EnvValue.fromSecretValue({ secret, key: name }));
  }

  /** Whether a variable of this name is set on the app container, directly or through the ConfigMap. */
  public isEnvSet(name: string): boolean {
    return Object.hasOwn(this.host.container.env.variables, name) || Object.hasOwn(this._configMap?.data ?? {}, name);
  }

  /** Feeds owned content into the config hash under `key` (read when the hash is rendered). */
  public hashContent(key: string, read: () => Record<string, string>): void {
    this._hashed.set(key, read);
  }

  /** The hash of every content the pods consume, or undefined when they consume none. */
  public hash(): string | undefined {
    if (this._hashed.size === 0) {
      return undefined;
    }
    const content: Record<string, Record<string, string>> = Object.create(null);
    for (const [key, read] of this._hashed) {
      content[key] = read();
    }
    return contentHash(content);
  }

  /** Throws unless `name` is a new, valid variable name and ConfigMap key. */
  private checkConfigName(name: string, direct: Record<string, unknown>, existing: Record<string, string>): void {
    const scope = this.host.scope;
    checkEnvVarName(scope, 'config', name);
    checkConfigKey(scope, 'config', name);
    // A direct variable (secretEnv, connectTo) would silently win over the ConfigMap value.
    if (Object.hasOwn(direct, name) || Object.hasOwn(existing, name)) {
      throw new ValidationError(scope, `'config' key ${JSON.stringify(name)} is already set; each variable can be set once`);
    }
  }

  /** Creates the ConfigMap with its first data and loads it into the app container with `envFrom`. */
  private createConfigMap(data: Record<string, string>): void {
    const { scope, container, labels } = this.host;
    const configMap = withOwnKeyChecks(new plus.ConfigMap(scope, 'Config', { metadata: withGeneratedName(this.host.metadata(), scope, 'Config', 'Resource') }));
    Object.entries(data).forEach(([name, value]) => configMap.addData(name, value));
    labels.applyTo(configMap);
    container.env.copyFrom(plus.Env.fromConfigMap(configMap));
    this.hashContent('config', () => configMap.data);
    this._configMap = configMap;
  }

  /** Creates the owned Secret and feeds its content into the config hash. */
  private createSecret(): plus.Secret {
    const { scope, labels } = this.host;
    const metadata = this.host.metadata();
    const secret = new plus.Secret(scope, 'Secret', {
      metadata: withGeneratedName({ ...metadata, annotations: { ...metadata.annotations, [DEVELOPMENT_SECRET_ANNOTATION]: 'true' } }, scope, 'Secret', 'Resource'),
    });
    labels.applyTo(secret);
    this.hashContent('secret', () => ({ ...this._secretData }));
    this._secret = secret;
    return secret;
  }
}
