import { ApiObjectMetadata, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { CONFIG_HASH_ANNOTATION, contentHash } from './config-hash';
import { ImagePullSecret, SecretEnvValue } from './env';
import { ValidationError } from './errors';
import { HealthCheck, ProbeKind } from './health-check';
import { Image, validateImage } from './image';
import { AppLabels } from './labels';
import { PodSpecExtras } from './pod-spec-extras';
import { plus } from './plus';
import { checkPort, PortSpec } from './ports';
import { Resources, ResourcePreset } from './resources';
import { containerSecurityContext, podSecurityContext, ResolvedSecurity, resolveSecurity } from './security';
import { ISidecar, ISidecarHost, SidecarContainerOptions } from './sidecar';
import {
  checkAbsolutePath, checkConfigKey, checkDns1035Label, checkDns1123Label, checkEnvVarName,
} from './validators';
import { VolumeMount } from './volumes';
import { WorkloadProps } from './workload-props';

/** The name of the app container in the pod. */
export const APP_CONTAINER_NAME = 'app';

/**
 * How a concrete pattern plugs into `AppWorkload`.
 *
 * @internal
 */
export interface WorkloadKind {
  /** Default `app.kubernetes.io/component`. */
  readonly component: string;
  /** Ports used when `props.ports` is not set. */
  readonly defaultPorts: PortSpec[];
  /** Creates the cdk8s-plus workload from the pod settings, with id `Resource` so it is the default child (short names, `ApiObject.of(pattern)`). */
  readonly createWorkload: (scope: Construct, pod: PodSettings) => plus.Workload;
}

/**
 * Pod-level settings resolved by `AppWorkload` for the concrete workload.
 *
 * @internal
 */
export interface PodSettings {
  /** Metadata of the workload object. */
  readonly metadata: ApiObjectMetadata;
  /** The app's ServiceAccount. */
  readonly serviceAccount: plus.IServiceAccount;
  /** Pod security context. */
  readonly securityContext: plus.PodSecurityContextProps;
  /** Pod spec fields cdk8s-plus does not render. */
  readonly extras: PodSpecExtras;
}

/**
 * The shared core of the workload patterns: one app container with secure defaults, its
 * ConfigMap/Secret environment, volumes, ServiceAccount, recommended labels, config hash and
 * sidecars. Concrete patterns (WebApp, Worker, CronTask) add the controller and exposure.
 */
export abstract class AppWorkload extends Construct implements ISidecarHost {
  /** The recommended labels of this app. */
  public readonly labels: AppLabels;
  /** The app image. */
  public readonly image: Image;
  /** The app container's requests and limits. */
  public readonly resources: Resources;
  /** The resolved security settings. */
  public readonly security: ResolvedSecurity;
  /** The health check of the app container. */
  public readonly health: HealthCheck;
  /** The app's own ServiceAccount (token not mounted). */
  public readonly serviceAccount: plus.ServiceAccount;
  /** The app container (escape hatch). */
  public readonly container: plus.Container;

  /** The cdk8s-plus workload (escape hatch). @internal */
  protected readonly _workload: plus.Workload;
  /** Pod spec extras. @internal */
  protected readonly _extras: PodSpecExtras;

  private readonly _metadata: ApiObjectMetadata;
  private readonly _ports: PortSpec[] = [];
  private readonly _volumes = new Map<string, plus.Volume>();
  private readonly _mountPaths = new Set<string>();
  private readonly _hashed = new Map<string, () => Record<string, string>>();
  private readonly _volumeGroup: Construct;
  private _configMap?: plus.ConfigMap;
  private _secret?: plus.Secret;
  private _secretRefs?: Construct;
  private readonly _secretData: Record<string, string> = {};
  private readonly _sidecarNames = new Set<string>([APP_CONTAINER_NAME]);

  protected constructor(scope: Construct, id: string, props: WorkloadProps, kind: WorkloadKind) {
    super(scope, id);
    this.image = validateImage(this, 'image', (props as { image?: unknown }).image);
    this._metadata = this.validateMetadata(props.metadata ?? {});
    const appName = props.appName ?? toKebab(id);
    this.labels = new AppLabels(this, {
      name: appName,
      instance: Names.toDnsLabel(this),
      version: props.version ?? this.image.version,
      component: props.component ?? kind.component,
      partOf: props.partOf ?? appName,
    });
    this.resources = props.resources ?? Resources.preset(ResourcePreset.SMALL);
    this.resources._validate(this, 'resources');
    this.security = resolveSecurity(this, props.security);
    this._extras = new PodSpecExtras();

    this.serviceAccount = new plus.ServiceAccount(this, 'ServiceAccount', {
      metadata: this._metadataFor(true),
      automountToken: false,
    });
    this.labels.applyTo(this.serviceAccount);

    this._workload = kind.createWorkload(this, {
      metadata: this._metadataFor(true),
      serviceAccount: this.serviceAccount,
      securityContext: podSecurityContext(this.security),
      extras: this._extras,
    });
    this.labels.applyTo(this._workload);
    for (const [key, value] of Object.entries(this.labels.all)) {
      this._workload.podMetadata.addLabel(key, value);
    }
    this._workload.select(plus.LabelSelector.of({ labels: this.labels.selector }));
    this._workload.podMetadata.addAnnotation(CONFIG_HASH_ANNOTATION,
      Lazy.any({ produce: () => this.configHash() }) as unknown as string);

    this.container = this._workload.addContainer({
      name: APP_CONTAINER_NAME,
      image: this.image.reference,
      imagePullPolicy: this.image.pullPolicy as unknown as plus.ImagePullPolicy,
      command: props.command,
      args: props.args,
      resources: this.resources._toPlus(),
      securityContext: containerSecurityContext(this.security),
    });
    for (const [index, port] of (props.ports ?? kind.defaultPorts).entries()) {
      this.addPort(port, `ports[${index}]`);
    }

    this.health = props.health ?? (this._ports.length ? HealthCheck.tcp() : HealthCheck.none());
    const probePort = this.health._validate(this, 'health', this._ports.map(p => p.name));
    this._extras.setProbes(APP_CONTAINER_NAME, {
      readiness: () => this.health._toKube(ProbeKind.READINESS, probePort),
      liveness: () => this.health._toKube(ProbeKind.LIVENESS, probePort),
      startup: () => this.health._toKube(ProbeKind.STARTUP, probePort),
    });

    this._volumeGroup = new Construct(this, 'Volumes');
    this.security.writablePaths.forEach((path, index) => {
      const name = index === 0 ? 'tmp' : `writable-${index}`;
      const volume = plus.Volume.fromEmptyDir(this._volumeGroup, name, name);
      this._volumes.set(name, volume);
      this._mountPaths.add(path);
      this.container.mount(path, volume);
    });

    if (props.spread ?? true) {
      this._extras.addSoftSpread('kubernetes.io/hostname', this.labels.selector);
      this._extras.addSoftSpread('topology.kubernetes.io/zone', this.labels.selector);
    }
    for (const [key, value] of Object.entries(props.config ?? {})) {
      this.addEnv(key, value);
    }
    for (const [key, value] of Object.entries(props.secretEnv ?? {})) {
      this.addSecretEnv(key, value);
    }
    props.volumes?.forEach((mount, index) => this.addVolume(mount, `volumes[${index}]`));
    props.imagePullSecrets?.forEach(secret => this.addImagePullSecret(secret));
    props.sidecars?.forEach(sidecar => this.addSidecar(sidecar));
  }

  /** The ConfigMap the app owns for plain environment variables, if any (escape hatch). */
  public get configMap(): plus.ConfigMap | undefined {
    return this._configMap;
  }

  /** The Secret the app owns for secret environment variables, if any (escape hatch). */
  public get secret(): plus.Secret | undefined {
    return this._secret;
  }

  /** The app container's ports (a copy). */
  public get ports(): PortSpec[] {
    return [...this._ports];
  }

  /** Adds a named port to the app container. */
  public addPort(port: PortSpec, prop: string = 'port'): void {
    checkPort(this, prop, port, this._ports);
    this._ports.push({ ...port });
    this.container.addPort({ name: port.name, number: port.number, protocol: port.protocol as unknown as plus.Protocol });
  }

  /** Adds a plain environment variable through the app's ConfigMap. */
  public addEnv(name: string, value: string): void {
    checkEnvVarName(this, 'config', name);
    checkConfigKey(this, 'config', name);
    if (!this._configMap) {
      const configMap = new plus.ConfigMap(this, 'Config', { metadata: this._metadataFor(false) });
      this.labels.applyTo(configMap);
      this.container.env.copyFrom(plus.Env.fromConfigMap(configMap));
      this._hashed.set('config', () => configMap.data);
      this._configMap = configMap;
    }
    if (name in this._configMap.data) {
      throw new ValidationError(this, `'config' key ${JSON.stringify(name)} is already set; each variable can be set once`);
    }
    this._configMap.addData(name, value);
  }

  /** Adds a secret environment variable (`secretKeyRef`). */
  public addSecretEnv(name: string, value: SecretEnvValue): void {
    checkEnvVarName(this, 'secretEnv', name);
    if (this.container.env.variables[name] !== undefined) {
      throw new ValidationError(this, `'secretEnv' key ${JSON.stringify(name)} is already set; each variable can be set once`);
    }
    if (!(value instanceof SecretEnvValue)) {
      throw new ValidationError(this, `'secretEnv.${name}' must be a SecretEnvValue: use SecretEnvValue.fromSecretName() or SecretEnvValue.fromSource()`);
    }
    value._validate(this, `secretEnv.${name}`);
    if (value._existing) {
      this._secretRefs = this._secretRefs ?? new Construct(this, 'SecretRefs');
      const secret = plus.Secret.fromSecretName(this._secretRefs, name, value._existing.secretName);
      this.container.env.addVariable(name, plus.EnvValue.fromSecretValue(
        { secret, key: value._existing.key }, { optional: value._existing.optional }));
      return;
    }
    checkConfigKey(this, 'secretEnv', name);
    const content = value._source!._resolve(this, `secretEnv.${name}`);
    if (!this._secret) {
      this._secret = new plus.Secret(this, 'Secret', { metadata: this._metadataFor(false) });
      this.labels.applyTo(this._secret);
      this._hashed.set('secret', () => ({ ...this._secretData }));
    }
    this._secret.addStringData(name, content);
    this._secretData[name] = content;
    this.container.env.addVariable(name, plus.EnvValue.fromSecretValue({ secret: this._secret, key: name }));
  }

  /** Mounts a volume into the app container. */
  public addVolume(mount: VolumeMount, prop: string = 'volume'): void {
    checkDns1123Label(this, `${prop}.name`, mount.name);
    checkAbsolutePath(this, `${prop}.path`, mount.path);
    if (this._volumes.has(mount.name)) {
      throw new ValidationError(this, `'${prop}.name' (${JSON.stringify(mount.name)}) is already used by another volume; volume names must be unique`);
    }
    if (this._mountPaths.has(mount.path)) {
      throw new ValidationError(this, `'${prop}.path' (${JSON.stringify(mount.path)}) is already a mount path; mount paths must be unique`);
    }
    const bound = mount.source._bind(new Construct(this._volumeGroup, mount.name), mount.name, prop);
    bound.owned.forEach(o => this.labels.applyTo(o));
    if (bound.content) {
      const content = bound.content;
      this._hashed.set(`volume/${mount.name}`, () => content);
    }
    this._volumes.set(mount.name, bound.volume);
    this._mountPaths.add(mount.path);
    this.container.mount(mount.path, bound.volume, { readOnly: mount.readOnly ?? bound.readOnlyByNature });
  }

  /** Adds an image pull secret. */
  public addImagePullSecret(secret: ImagePullSecret): void {
    this._extras.addImagePullSecret(secret.secretName);
  }

  /** Binds a sidecar: it adds its containers, volumes and ports through `addSidecarContainer`. */
  public addSidecar(sidecar: ISidecar): void {
    sidecar.bind(this);
  }

  /** Adds a container to the pod with the app's secure defaults. */
  public addSidecarContainer(options: SidecarContainerOptions): void {
    checkDns1123Label(this, 'sidecar.name', options.name);
    if (this._sidecarNames.has(options.name)) {
      throw new ValidationError(this, `'sidecar.name' (${JSON.stringify(options.name)}) is already used by another container`);
    }
    const image = validateImage(this, `sidecar ${options.name} image`, options.image);
    const resources = options.resources ?? Resources.preset(ResourcePreset.NANO);
    resources._validate(this, `sidecar ${options.name} resources`);
    const existingPorts = [...this._ports];
    for (const port of options.ports ?? []) {
      checkPort(this, `sidecar ${options.name} port`, port, existingPorts);
      existingPorts.push(port);
    }
    this._sidecarNames.add(options.name);
    const container = this._workload.addContainer({
      name: options.name,
      image: image.reference,
      imagePullPolicy: image.pullPolicy as unknown as plus.ImagePullPolicy,
      command: options.command,
      args: options.args,
      ports: options.ports?.map(p => ({ name: p.name, number: p.number, protocol: p.protocol as unknown as plus.Protocol })),
      envVariables: Object.fromEntries(Object.entries(options.env ?? {}).map(([k, v]) => [k, plus.EnvValue.fromValue(v)])),
      resources: resources._toPlus(),
      securityContext: containerSecurityContext(this.security),
    });
    container.mount('/tmp', this._volumes.get('tmp')!);
    for (const mount of options.volumes ?? []) {
      let volume = this._volumes.get(mount.name);
      if (!volume) {
        this.addVolume(mount, `sidecar ${options.name} volume`);
        volume = this._volumes.get(mount.name)!;
      }
      container.mount(mount.path, volume, { readOnly: mount.readOnly });
    }
  }

  /**
   * Metadata for an owned object: namespace, extra labels and annotations, and the name override
   * when `named`.
   *
   * @internal
   */
  protected _metadataFor(named: boolean): ApiObjectMetadata {
    const { name, namespace, labels, annotations } = this._metadata;
    // Keys are left out rather than set to undefined, which would override generated names.
    return {
      ...(named && name !== undefined ? { name } : {}),
      ...(namespace !== undefined ? { namespace } : {}),
      ...(labels ? { labels: { ...labels } } : {}),
      ...(annotations ? { annotations: { ...annotations } } : {}),
    };
  }

  private validateMetadata(metadata: ApiObjectMetadata): ApiObjectMetadata {
    if (metadata.name !== undefined) {
      checkDns1035Label(this, 'metadata.name', metadata.name);
    }
    if (metadata.namespace !== undefined) {
      checkDns1123Label(this, 'metadata.namespace', metadata.namespace);
    }
    return metadata;
  }

  private configHash(): string | undefined {
    if (this._hashed.size === 0) {
      return undefined;
    }
    const content: Record<string, Record<string, string>> = {};
    for (const [key, read] of this._hashed) {
      content[key] = read();
    }
    return contentHash(content);
  }
}

/** `MyApp` → `my-app`, `web` → `web`. */
function toKebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[_\s]+/g, '-').toLowerCase();
}
