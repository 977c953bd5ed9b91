import { ApiObject, ApiObjectMetadata, Chart, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { CONFIG_HASH_ANNOTATION, contentHash } from './config-hash';
import { ConnectOptions, DatabaseBinding, EgressOptions, WorkloadConnections } from './connect';
import { IDatabase } from './connection';
import { ImagePullSecret, SecretEnvValue } from './env';
import { ValidationError } from './errors';
import { HealthCheck, ProbeKind } from './health-check';
import { Image, validateImage } from './image';
import { AppLabels } from './labels';
import { checkTrafficRules, SidecarTrafficRule } from './network-policy';
import { PodSpecExtras } from './pod-spec-extras';
import { plus } from './plus';
import { checkPort, PortSpec } from './ports';
import { Resources, ResourcePreset } from './resources';
import { containerSecurityContext, podSecurityContext, ResolvedSecurity, resolveSecurity } from './security';
import {
  ExposedService, ISidecar, ISidecarHost, ISidecarPod, SidecarAttachments, SidecarContainerOptions,
} from './sidecar';
import {
  checkAbsolutePath, checkConfigKey, checkDns1035Label, checkDns1123Label, checkEnvVarName,
} from './validators';
import { BoundVolume, VolumeMount } from './volumes';
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
  /** Whether the pattern creates a Service for all app ports and registers it with `_attachService` (sidecar ports can then be exposed on it). */
  readonly exposesService?: boolean;
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
  private _connections?: WorkloadConnections;
  private readonly _sidecars: SidecarAttachments;
  private readonly _exposesService: boolean;
  private _service?: plus.Service;
  private readonly _pendingServicePorts: PortSpec[] = [];

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
    this._exposesService = kind.exposesService ?? false;
    this._sidecars = new SidecarAttachments({
      scope: this,
      pod: this._workload,
      securityContext: containerSecurityContext(this.security),
      containerNames: this._sidecarNames,
      appPorts: () => this.ports,
      tmpVolume: this._volumes.get('tmp'),
      findVolume: name => this._volumes.get(name),
      createVolume: (name, source, prop) => this.bindVolume({ name, path: '/', source }, prop).volume,
      mountInApp: (volume, path, readOnly, prop) => this.mountInApp(volume, path, readOnly, prop),
      setProbes: (name, probes) => this._extras.setProbes(name, probes),
    });
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
    checkPort(this, prop, port, [...this._ports, ...this._sidecars?.ports ?? []]);
    this._ports.push({ ...port });
    this.container.addPort({ name: port.name, number: port.number, protocol: port.protocol as unknown as plus.Protocol });
  }

  /** Adds a plain environment variable through the app's ConfigMap. */
  public addEnv(name: string, value: string): void {
    checkEnvVarName(this, 'config', name);
    checkConfigKey(this, 'config', name);
    if (this.container.env.variables[name] !== undefined) {
      // A direct variable (secretEnv, connectTo) would silently win over the ConfigMap value.
      throw new ValidationError(this, `'config' key ${JSON.stringify(name)} is already set; each variable can be set once`);
    }
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
    const bound = this.bindVolume(mount, prop);
    this.mountInApp(bound.volume, mount.path, mount.readOnly ?? bound.readOnlyByNature, `${prop}.path`);
  }

  /** Adds an image pull secret. */
  public addImagePullSecret(secret: ImagePullSecret): void {
    this._extras.addImagePullSecret(secret.secretName);
  }

  /** Binds a sidecar: it adds its containers, volumes and ports through `addSidecarContainer`. */
  public addSidecar(sidecar: ISidecar): void {
    sidecar.bind(this);
  }

  /** Adds a container to the pod with the app's secure defaults (see `SidecarContainerOptions`). */
  public addSidecarContainer(options: SidecarContainerOptions): void {
    this._sidecars.addContainer(options);
  }

  /** The pod-level hooks for sidecars (ports, annotations, the Service). */
  public get sidecarPod(): ISidecarPod {
    return {
      appPorts: this.ports,
      podPorts: this._sidecars.podPorts,
      selectorLabels: { ...this.labels.selector },
      labels: { ...this.labels.all },
      namespace: this._metadata.namespace ?? Chart.of(this).namespace,
      runsToCompletion: this._workload instanceof plus.Job || this._workload instanceof plus.CronJob,
      hasService: this._exposesService,
      objectMetadata: this._metadataFor(false),
      addPodAnnotation: (key, value, prop) => this._sidecars.addPodAnnotation(key, value, prop),
      exposePort: portName => this.exposePodPort(portName),
      allowIngress: (sidecar, rules) => this._allowSidecarIngress(sidecar, checkTrafficRules(this, sidecar, rules)),
      allowEgress: (sidecar, rules) => this.connectionsHelper().allowSidecarEgress(sidecar, rules),
    };
  }

  /**
   * Admits a sidecar's peers on its ports. The base pods accept any traffic (no ingress policy of
   * their own), so there is nothing to open; patterns that isolate their pods override it.
   *
   * @internal
   */
  protected _allowSidecarIngress(_sidecar: string, _rules: SidecarTrafficRule[]): void {
    // Nothing isolates these pods' ingress.
  }

  /**
   * Registers the Service that fronts all app ports (patterns with `exposesService`); sidecar
   * ports exposed before it existed are added to it.
   *
   * @internal
   */
  protected _attachService(service: plus.Service): void {
    this._service = service;
    for (const port of this._pendingServicePorts.splice(0)) {
      service.bind(port.number, { name: port.name, targetPort: port.number, protocol: port.protocol as unknown as plus.Protocol });
    }
  }

  /**
   * Connects the app to a database in one call:
   *
   * - environment variables `DB_HOST`, `DB_PORT`, `DB_NAME`, `DB_USER` (plain values, or a
   *   `secretKeyRef` when the user comes from a Secret), `DB_PASSWORD` (`secretKeyRef`) and
   *   `DATABASE_URL` built with `$(VAR)` references, so no secret value is written (the prefix is
   *   derived from the database id for further databases, or set with `envPrefix`);
   * - NetworkPolicies: the app's pods may reach the database port and the cluster DNS, and the
   *   database accepts the app's pods (`database.acceptClient`). The first connection isolates the
   *   app's egress: its pods may then reach only DNS and the databases they are connected to;
   * - optionally (`waitForDatabase`) an init container that waits until the database answers.
   *
   * Connect each database once; several apps may connect to one database.
   */
  public connectTo(database: IDatabase, options: ConnectOptions = {}): DatabaseBinding {
    return this.connectionsHelper().connect(database, options);
  }

  /**
   * Allows the app's pods to open TCP connections to address ranges (by default any address on
   * port 443), e.g. to call external APIs once `connectTo` has isolated their egress. Like
   * `connectTo`, it also allows DNS and makes the pods egress-isolated.
   */
  public allowEgress(options: EgressOptions = {}): ApiObject {
    return this.connectionsHelper().allowEgress(options);
  }

  /** The databases this app is connected to, in connection order (a copy). */
  public get connections(): DatabaseBinding[] {
    return this._connections?.bindings ?? [];
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

  /** Creates a pod volume (not mounted anywhere yet): labels owned objects, hashes owned content. */
  private bindVolume(mount: VolumeMount, prop: string): BoundVolume {
    const bound = mount.source._bind(new Construct(this._volumeGroup, mount.name), mount.name, prop);
    bound.owned.forEach(o => this.labels.applyTo(o));
    if (bound.content) {
      const content = bound.content;
      this._hashed.set(`volume/${mount.name}`, () => content);
    }
    this._volumes.set(mount.name, bound.volume);
    return bound;
  }

  /** Mounts a pod volume into the app container at a new path. */
  private mountInApp(volume: plus.Volume, path: string, readOnly: boolean, prop: string): void {
    if (this._mountPaths.has(path)) {
      throw new ValidationError(this, `'${prop}' (${JSON.stringify(path)}) is already a mount path of the app container; mount paths must be unique`);
    }
    this._mountPaths.add(path);
    this.container.mount(path, volume, { readOnly });
  }

  /** Adds a sidecar's pod port to the Service (app ports are on it already). */
  private exposePodPort(portName: string): ExposedService | undefined {
    if (!this._exposesService) {
      return undefined;
    }
    const sidecarPort = this._sidecars.ports.find(p => p.name === portName);
    if (!sidecarPort && !this._ports.some(p => p.name === portName)) {
      throw new ValidationError(this, `'exposePort' (${JSON.stringify(portName)}) is not a port of the pod`);
    }
    const known = this._service ? this._service.ports.some(p => p.name === portName) : this._pendingServicePorts.some(p => p.name === portName);
    if (sidecarPort && !known) {
      if (this._service) {
        this._service.bind(sidecarPort.number, { name: portName, targetPort: sidecarPort.number, protocol: sidecarPort.protocol as unknown as plus.Protocol });
      } else {
        this._pendingServicePorts.push(sidecarPort);
      }
    }
    return { namespace: this._metadata.namespace ?? Chart.of(this).namespace, selectorLabels: { ...this.labels.selector }, portName };
  }

  private connectionsHelper(): WorkloadConnections {
    this._connections = this._connections ?? new WorkloadConnections({
      scope: this,
      podSelector: this.labels.selector,
      namespace: this._metadata.namespace ?? Chart.of(this).namespace,
      metadata: this._metadataFor(false),
      isEnvSet: name => this.container.env.variables[name] !== undefined || (this._configMap?.data[name] !== undefined),
      addEnv: (name, value) => this.container.env.addVariable(name, value),
      addInitContainer: (name, image, command, env) => this.addWaitContainer(name, image, command, env),
      label: object => this.labels.applyTo(object),
    });
    return this._connections;
  }

  /** Adds an init container with the app's secure defaults (UID/GID, read-only root FS, writable /tmp). */
  private addWaitContainer(name: string, image: Image, command: string[], env: Array<[string, plus.EnvValue]>): void {
    checkDns1123Label(this, 'connectTo wait container name', name);
    if (this._sidecarNames.has(name)) {
      throw new ValidationError(this, `'connectTo' container name ${JSON.stringify(name)} is already used by another container`);
    }
    this._sidecarNames.add(name);
    const container = this._workload.addInitContainer({
      name,
      image: image.reference,
      imagePullPolicy: image.pullPolicy as unknown as plus.ImagePullPolicy,
      command,
      envVariables: Object.fromEntries(env),
      resources: Resources.preset(ResourcePreset.NANO)._toPlus(),
      securityContext: containerSecurityContext(this.security),
    });
    container.mount('/tmp', this._volumes.get('tmp')!);
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
