import { ApiObject, ApiObjectMetadata, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AppConfig } from './app-config';
import { DisruptionBudget } from './availability';
import { CONFIG_HASH_ANNOTATION } from './config-hash';
import { ConnectOptions, DatabaseBinding, EgressOptions, WorkloadConnections } from '../networking/connect';
import { checkSameCopies } from '../core/copies';
import { dnsLabel, withGeneratedName } from '../core/object-names';
import { IDatabase } from '../networking/connection';
import { ImagePullSecret, SecretEnvValue } from '../pod/env';
import { ValidationError } from '../core/errors';
import { HealthCheck, ProbeKind } from '../pod/health-check';
import { Image, validateImage } from '../pod/image';
import { LifecycleHook } from '../pod/lifecycle-hook';
import { AppLabels } from './labels';
import { checkTrafficRules, SidecarTrafficRule } from '../networking/network-policy';
import { applyPodSettings } from './pod-settings';
import { PodSpecExtras } from '../pod/pod-spec-extras';
import { plus } from '../core/plus';
import { checkPort, PortSpec } from '../pod/ports';
import { checkPropShapes, Shape } from '../core/prop-shapes';
import { Resources, ResourcePreset } from '../pod/resources';
import { resolveScheduling } from '../pod/scheduling';
import { containerSecurityContext, podSecurityContext, ResolvedSecurity, resolveSecurity, SECURITY_OPT_OUT_ANNOTATION } from '../pod/security';
import { ISidecar, ISidecarHost, ISidecarPod, SidecarAttachments, SidecarContainerOptions } from '../sidecars/sidecar';
import { checkDns1123Label, checkedConstructId } from '../core/validators';
import { VolumeMount } from '../pod/volumes';
import { toKebab, WorkloadMetadata } from './workload-metadata';
import { InitContainerOptions, WorkloadProps } from './workload-props';
import { WorkloadService } from './workload-service';
import { SingleNodeClaim, WorkloadVolumes } from './workload-volumes';
import { checkOptionNames } from '../core/prop-names';
import { WORKLOAD_ITEM_NAMES } from './workload-prop-names';

/** The name of the app container in the pod. */
export const APP_CONTAINER_NAME = 'app';

/**
 * How a concrete pattern plugs into `AppWorkload`: the last parameter of its protected constructor.
 *
 * Not exported from the package root: WebApp, Worker and CronTask are the patterns built on
 * `AppWorkload`; subclassing it outside this library is not supported. It is declared (not
 * internal) because the constructor's declaration refers to it.
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
 * Pod-level settings resolved by `AppWorkload` for the concrete workload (see `WorkloadKind`).
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
  /** The mounted claims that attach to one node (known once the app's volumes are added). */
  readonly singleNodeClaims: () => readonly SingleNodeClaim[];
}

/**
 * The shared core of the workload patterns: one app container with secure defaults, its
 * ConfigMap/Secret environment, volumes, ServiceAccount, recommended labels, config hash and
 * sidecars. Concrete patterns (WebApp, Worker, CronTask) add the controller and exposure.
 *
 * The parts live in helpers: `AppConfig` (environment, config hash), `WorkloadVolumes`,
 * `WorkloadService` (sidecar ports on the pattern's Service), `SidecarAttachments` and
 * `WorkloadConnections` (`connectTo`).
 */

/** The JavaScript types of the common workload props (checked first, for callers without TypeScript). */
const WORKLOAD_PROP_SHAPES: Readonly<Record<string, Shape>> = {
  command: 'string-array', args: 'string-array', ports: 'record-array', config: 'record', secretEnv: 'record',
  resources: { type: Resources, hint: 'use Resources.preset(ResourcePreset.SMALL) or Resources.of({...})' },
  health: { type: HealthCheck, hint: 'use HealthCheck.http(), HealthCheck.tcp(), HealthCheck.exec() or HealthCheck.none()' },
  security: 'record', volumes: 'record-array', imagePullSecrets: 'array', spread: 'boolean',
  appName: 'string', version: 'string', partOf: 'string', component: 'string', metadata: 'record', sidecars: 'array',
  terminationGracePeriod: { type: Duration, hint: 'use Duration.seconds(60)' },
  preStop: { type: LifecycleHook, hint: 'use LifecycleHook.exec([...]) or LifecycleHook.httpGet(path)' },
  podAnnotations: 'record', podLabels: 'record', rolloutStrategy: 'string', scheduling: 'record', additionalServices: 'record', initContainers: 'record-array',
  inbound: 'record',
  // props of some kinds of workload (WebApp, Worker, CronTask), with the same meaning wherever they exist
  replicas: 'number', servicePort: 'number', serviceType: 'string', ingress: 'record', autoscaling: 'record', rollingUpdate: 'record',
  disruptionBudget: { type: DisruptionBudget, hint: 'use DisruptionBudget.maxUnavailable(), DisruptionBudget.minAvailable() or DisruptionBudget.none()' },
  timeZone: 'string', concurrencyPolicy: 'string', successfulJobsHistoryLimit: 'number', failedJobsHistoryLimit: 'number',
  backoffLimit: 'number', restartPolicy: 'string', suspend: 'boolean',
};

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

  private readonly _metadata: WorkloadMetadata;
  private readonly _containerSecurity: plus.ContainerSecurityContextProps;
  private readonly _ports: PortSpec[] = [];
  private readonly _containerNames = new Set<string>([APP_CONTAINER_NAME]);
  private readonly _config: AppConfig;
  private readonly _volumes: WorkloadVolumes;
  private readonly _sidecars: SidecarAttachments;
  private readonly _service: WorkloadService;
  private readonly _exposesService: boolean;
  private _connections?: WorkloadConnections;

  protected constructor(scope: Construct, id: string, props: WorkloadProps, kind: WorkloadKind) {
    super(scope, checkedConstructId(scope, id));
    checkSameCopies(this);
    checkPropShapes(this, props, WORKLOAD_PROP_SHAPES);
    this.image = validateImage(this, 'image', (props as { image?: unknown }).image);
    this._metadata = new WorkloadMetadata(this, props.metadata ?? {});
    const appName = props.appName ?? toKebab(id);
    this.labels = new AppLabels(this, {
      name: appName,
      instance: dnsLabel(this),
      version: props.version ?? this.image.version,
      component: props.component ?? kind.component,
      partOf: props.partOf ?? appName,
    });
    this.resources = props.resources ?? Resources.preset(ResourcePreset.SMALL);
    this.resources._validate(this, 'resources');
    this.security = resolveSecurity(this, props.security);
    this._containerSecurity = containerSecurityContext(this.security);
    this._extras = new PodSpecExtras();

    this.serviceAccount = this.createServiceAccount();
    this._workload = this.createWorkload(kind);
    if (this.security.optOutReasons.length > 0) {
      this._workload.metadata.addAnnotation(SECURITY_OPT_OUT_ANNOTATION, this.security.optOutReasons.join('; '));
    }
    this.container = this.createAppContainer(props);
    for (const [index, port] of (props.ports ?? kind.defaultPorts).entries()) {
      this.addPort(port, `ports[${index}]`);
    }
    this.health = props.health ?? (this._ports.length ? HealthCheck.tcp() : HealthCheck.none());
    this.setAppProbes();
    applyPodSettings({
      scope: this,
      extras: this._extras,
      podMetadata: this._workload.podMetadata,
      labels: this.labels,
      container: { name: APP_CONTAINER_NAME, portNames: this._ports.map(p => p.name) },
    }, props);
    this._volumes = new WorkloadVolumes({
      scope: this,
      container: this.container,
      labels: this.labels,
      hashContent: (key, read) => this._config.hashContent(key, read),
    }, this.security.writablePaths);
    const scheduling = resolveScheduling(this, props.scheduling, this.labels.selector);
    this._extras.setScheduling(scheduling);
    if (props.spread ?? true) {
      for (const key of scheduling.spread.topologyKeys) {
        this._extras.addSpread(key, this.labels.selector, scheduling.spread.maxSkew, scheduling.spread.mode);
      }
    } else if (props.scheduling?.spread !== undefined) {
      throw new ValidationError(this, '\'scheduling.spread\' is set but \'spread\' is false: leave one of them out');
    }
    this._config = new AppConfig({ scope: this, container: this.container, labels: this.labels, metadata: () => this._metadataFor(false) });
    this._config.addConfig(props.config ?? {});
    for (const [key, value] of Object.entries(props.secretEnv ?? {})) {
      this.addSecretEnv(key, value);
    }
    this._exposesService = kind.exposesService ?? false;
    this._service = new WorkloadService(this);
    this._sidecars = this.createSidecarAttachments();
    props.volumes?.forEach((mount, index) => this.addVolume(mount, `volumes[${index}]`));
    props.imagePullSecrets?.forEach(secret => this.addImagePullSecret(secret));
    props.sidecars?.forEach((sidecar, index) => {
      if (typeof (sidecar as Partial<ISidecar> | null)?.bind !== 'function') {
        throw new ValidationError(this, `'sidecars[${index}]' must be a sidecar: use new SidecarLogger({...}), MetricsExporter.fromApp() or another ISidecar`);
      }
      this.addSidecar(sidecar);
    });
    props.initContainers?.forEach((init, index) => this.addInitContainer(init, `initContainers[${index}]`));
  }

  /**
   * Adds an init container, run (in the order added) before the app container, with the app's
   * secure defaults; by default it gets the app's environment and volumes.
   */
  public addInitContainer(options: InitContainerOptions, prop: string = 'initContainer'): plus.Container {
    checkOptionNames(this, prop, options, WORKLOAD_ITEM_NAMES.initContainers);
    if (typeof options?.name !== 'string') {
      throw new ValidationError(this, `'${prop}.name' (${JSON.stringify(options?.name) ?? String(options?.name)}) is required: a DNS-1123 label such as 'migrate'`);
    }
    checkDns1123Label(this, `${prop}.name`, options.name);
    if (this._containerNames.has(options.name)) {
      throw new ValidationError(this, `'${prop}.name' (${JSON.stringify(options.name)}) is already the name of a container of the pod `
        + `(${[...this._containerNames].map(n => JSON.stringify(n)).join(', ')}); container names must be unique`);
    }
    const image = options.image === undefined ? this.image : validateImage(this, `${prop}.image`, options.image);
    const resources = options.resources ?? this.resources;
    resources._validate(this, `${prop}.resources`);
    const container = this.createInitContainer(options.name, image, {
      command: options.command,
      args: options.args,
      resources: resources._toPlus(),
      securityContext: this._containerSecurity,
    });
    this._extras.inheritFrom(options.name, APP_CONTAINER_NAME, { env: options.appEnv ?? true, volumes: options.appVolumes ?? true });
    return container;
  }

  /** The ConfigMap the app owns for plain environment variables, if any (escape hatch). */
  public get configMap(): plus.ConfigMap | undefined {
    return this._config.configMap;
  }

  /** The Secret the app owns for secret environment variables, if any (escape hatch). */
  public get secret(): plus.Secret | undefined {
    return this._config.secret;
  }

  /** The app container's ports (a copy). */
  public get ports(): PortSpec[] {
    return [...this._ports];
  }

  /** Adds a named port to the app container. */
  public addPort(port: PortSpec, prop: string = 'port'): void {
    checkOptionNames(this, prop, port, WORKLOAD_ITEM_NAMES.ports);
    checkPort(this, prop, port, this._sidecars ? [...this._ports, ...this._sidecars.ports] : this._ports);
    this._ports.push({ ...port });
    this.container.addPort({ name: port.name, number: port.number, protocol: port.protocol as unknown as plus.Protocol });
  }

  /** Adds a plain environment variable through the app's ConfigMap. */
  public addEnv(name: string, value: string): void {
    this._config.addEnv(name, value);
  }

  /** Adds a secret environment variable (`secretKeyRef`). */
  public addSecretEnv(name: string, value: SecretEnvValue): void {
    this._config.addSecretEnv(name, value);
  }

  /** Mounts a volume into the app container. */
  public addVolume(mount: VolumeMount, prop: string = 'volume'): void {
    checkOptionNames(this, prop, mount, WORKLOAD_ITEM_NAMES.volumes);
    this._volumes.add(mount, prop);
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
      namespace: this._metadata.namespace,
      runsToCompletion: this._workload instanceof plus.Job || this._workload instanceof plus.CronJob,
      hasService: this._exposesService,
      objectMetadata: this._metadataFor(false),
      addPodAnnotation: (key, value, prop) => this._sidecars.addPodAnnotation(key, value, prop),
      exposePort: portName => {
        if (!this._exposesService) {
          return undefined;
        }
        this._service.exposePort(portName, this._ports, this._sidecars.ports);
        return { namespace: this._metadata.namespace, selectorLabels: { ...this.labels.selector }, portName };
      },
      allowIngress: (sidecar, rules) => this._allowSidecarIngress(sidecar, checkTrafficRules(this, sidecar, rules)),
      allowEgress: (sidecar, rules) => this.connectionsHelper().allowSidecarEgress(sidecar, rules),
    };
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
   * Lets the pods reach another app that admits them (`WebApp.allowFrom`) once their egress is
   * isolated; `app` (a DNS label) names the policy.
   *
   * @internal
   */
  public _allowEgressToApp(app: string, rules: SidecarTrafficRule[]): void {
    this.connectionsHelper().allowAppEgress(app, checkTrafficRules(this, app, rules));
  }

  /**
   * The namespace of the app's pods, if known (`metadata.namespace`, else the chart's).
   *
   * @internal
   */
  public get _podNamespace(): string | undefined {
    return this._metadata.namespace;
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
    this._service.attach(service);
  }

  /**
   * Metadata for an owned object: namespace, extra labels and annotations, and the name override
   * when `named`.
   *
   * @internal
   */
  protected _metadataFor(named: boolean): ApiObjectMetadata {
    return this._metadata.forObject(named);
  }

  /** The app's ServiceAccount, without an automounted token. */
  private createServiceAccount(): plus.ServiceAccount {
    const serviceAccount = new plus.ServiceAccount(this, 'ServiceAccount', {
      metadata: withGeneratedName(this._metadataFor(true), this, 'ServiceAccount', 'Resource'),
      automountToken: false,
    });
    this.labels.applyTo(serviceAccount);
    return serviceAccount;
  }

  /** The pattern's controller, labelled, selecting its pods, with the config hash on its pod template. */
  private createWorkload(kind: WorkloadKind): plus.Workload {
    const workload = kind.createWorkload(this, {
      metadata: this._metadataFor(true),
      serviceAccount: this.serviceAccount,
      securityContext: podSecurityContext(this.security),
      extras: this._extras,
      singleNodeClaims: () => this._volumes?.singleNodeClaims ?? [],
    });
    this.labels.applyTo(workload);
    const podMetadata = workload.podMetadata;
    for (const [key, value] of Object.entries(this.labels.all)) {
      podMetadata.addLabel(key, value);
    }
    workload.select(plus.LabelSelector.of({ labels: this.labels.selector }));
    podMetadata.addAnnotation(CONFIG_HASH_ANNOTATION, Lazy.any({ produce: () => this._config.hash() }) as unknown as string);
    return workload;
  }

  /** The app container with the app's image, command, resources and secure defaults. */
  private createAppContainer(props: WorkloadProps): plus.Container {
    return this._workload.addContainer({
      name: APP_CONTAINER_NAME,
      image: this.image.reference,
      imagePullPolicy: this.image.pullPolicy as unknown as plus.ImagePullPolicy,
      command: props.command,
      args: props.args,
      resources: this.resources._toPlus(),
      securityContext: this._containerSecurity,
    });
  }

  /** Registers the app container's probes, derived from `health` on the app ports. */
  private setAppProbes(): void {
    const health = this.health;
    const probePort = health._validate(this, 'health', this._ports.map(p => p.name));
    const probeNumber = this._ports.find(p => p.name === probePort)?.number;
    this._extras.setProbes(APP_CONTAINER_NAME, {
      readiness: () => health._toKube(ProbeKind.READINESS, probePort, probeNumber),
      liveness: () => health._toKube(ProbeKind.LIVENESS, probePort, probeNumber),
      startup: () => health._toKube(ProbeKind.STARTUP, probePort, probeNumber),
    });
  }

  /** The sidecar bookkeeping, sharing the container names and volumes of the pod. */
  private createSidecarAttachments(): SidecarAttachments {
    const volumes = this._volumes;
    return new SidecarAttachments({
      scope: this,
      pod: this._workload,
      securityContext: this._containerSecurity,
      containerNames: this._containerNames,
      appPorts: () => this.ports,
      tmpVolume: volumes.tmp,
      findVolume: name => volumes.find(name),
      createVolume: (name, source, prop) => volumes.create(name, source, prop),
      mountInApp: (volume, path, readOnly, prop) => volumes.mountInApp(volume, path, readOnly, prop),
      setProbes: (name, probes) => this._extras.setProbes(name, probes),
    });
  }

  private connectionsHelper(): WorkloadConnections {
    this._connections = this._connections ?? new WorkloadConnections({
      scope: this,
      podSelector: this.labels.selector,
      namespace: this._metadata.namespace,
      metadata: this._metadataFor(false),
      isEnvSet: name => this._config.isEnvSet(name),
      addEnv: (name, value) => this.container.env.addVariable(name, value),
      addInitContainer: (name, image, command, env) => this.addWaitContainer(name, image, command, env),
      label: object => this.labels.applyTo(object),
    });
    return this._connections;
  }

  /** Adds an init container with the app's secure defaults (UID/GID, read-only root FS, writable /tmp). */
  private addWaitContainer(name: string, image: Image, command: string[], env: Array<[string, plus.EnvValue]>): void {
    checkDns1123Label(this, 'connectTo wait container name', name);
    if (this._containerNames.has(name)) {
      throw new ValidationError(this, `'connectTo' container name ${JSON.stringify(name)} is already used by another container`);
    }
    this.createInitContainer(name, image, {
      command,
      envVariables: Object.fromEntries(env),
      resources: Resources.preset(ResourcePreset.NANO)._toPlus(),
      // The wait container is ours, not the app's image: never the app's security opt-outs.
      securityContext: containerSecurityContext({ ...this.security, imageUser: undefined }),
    });
  }

  /** An init container of `image` with a writable `/tmp`; its name is recorded as taken. */
  private createInitContainer(name: string, image: Image, props: Omit<plus.ContainerProps, 'name' | 'image' | 'imagePullPolicy'>): plus.Container {
    this._containerNames.add(name);
    const container = this._workload.addInitContainer({
      ...props,
      name,
      image: image.reference,
      imagePullPolicy: image.pullPolicy as unknown as plus.ImagePullPolicy,
    });
    container.mount('/tmp', this._volumes.tmp!);
    return container;
  }
}
