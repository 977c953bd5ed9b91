import { ApiObjectMetadata } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { SecretKeyRef } from '../networking/connection';
import { ValidationError } from '../core/errors';
import { HealthCheck, ProbeKind } from '../pod/health-check';
import { Image, validateImage } from '../pod/image';
import { SidecarTrafficRule } from '../networking/network-policy';
import { ContainerProbes } from '../pod/pod-spec-extras';
import { plus } from '../core/plus';
import { checkPropShapes } from '../core/prop-shapes';
import { checkPort, PortSpec } from '../pod/ports';
import { Resources, ResourcePreset } from '../pod/resources';
import {
  checkAbsolutePath, checkConfigKey, checkDns1123Label, checkDns1123Subdomain, checkEnvVarName,
} from '../core/validators';
import { VolumeSource } from '../pod/volumes';
import { checkOptionNames } from '../core/prop-names';
import { SIDECAR_CONTAINER_NAMES } from './sidecar-prop-names';

/**
 * The sidecar contract: how an integration (log shipper, metrics exporter, proxy…) adds
 * containers, volumes, ports and pod annotations to a workload that keeps owning the pod.
 *
 * A workload (`WebApp`, `Worker`, `CronTask`, `Database`) is an {@link ISidecarHost}; it accepts
 * sidecars with `addSidecar(sidecar)` or its `sidecars` prop, and calls `sidecar.bind(host)`
 * once. The host checks that sidecars compose: container, port and volume names are unique in the
 * pod, mount paths are unique per container, and pod annotations are not set twice.
 */

/** A volume mounted into a sidecar container. */
export interface SidecarVolumeMount {
  /** Volume name, a DNS-1123 label unique in the pod. */
  readonly name: string;
  /** Absolute mount path in the sidecar container. */
  readonly path: string;
  /**
   * What the volume contains. A new volume is created in the pod (owned ConfigMaps and Secrets are
   * fed into the config hash, so a change rolls the pods).
   * @default - mount the pod volume of that name, which must exist (e.g. one of the app's volumes)
   */
  readonly source?: VolumeSource;
  /**
   * Mount read-only in the sidecar container.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Also mount the (new) volume into the app container at this path; this is how a shared
   * directory between the app and the sidecar is declared.
   * @default - not mounted into the app container
   */
  readonly appPath?: string;
  /**
   * Mount read-only in the app container (with `appPath`).
   * @default false
   */
  readonly appReadOnly?: boolean;
}

/** A container added next to the app container (log shipper, metrics exporter, proxy…). */
export interface SidecarContainerOptions {
  /** Container name, a DNS-1123 label unique in the pod. */
  readonly name: string;
  /** The image (pinned like the app image). */
  readonly image: Image;
  /** @default - the image's entrypoint */
  readonly command?: string[];
  /** @default - the image's arguments */
  readonly args?: string[];
  /** Named ports; names and numbers must be unique in the pod. @default - no ports */
  readonly ports?: PortSpec[];
  /**
   * Plain environment variables, rendered after `secretEnv` so that values may reference the
   * secret variables with `$(VAR)`.
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Environment variables read from keys of existing Secrets (`secretKeyRef`); no secret value is
   * written into the manifests.
   * @default - none
   */
  readonly secretEnv?: Record<string, SecretKeyRef>;
  /** Requests and limits. @default Resources.preset(ResourcePreset.NANO) */
  readonly resources?: Resources;
  /** Volumes to mount. @default - none (a writable `/tmp` is always mounted) */
  readonly volumes?: SidecarVolumeMount[];
  /**
   * Health check of the sidecar (probes on one of its own named ports, or exec).
   * @default HealthCheck.none()
   */
  readonly health?: HealthCheck;
  /**
   * Run as a native sidecar: an init container with `restartPolicy: Always`, started before the
   * app container and stopped after it (Kubernetes `SidecarContainers`, alpha and off by default
   * in 1.28: on a cluster without the feature gate the pod never starts).
   * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
   * @default false
   */
  readonly native?: boolean;
}

/** The Service that fronts a pod port exposed with {@link ISidecarPod.exposePort}. */
export interface ExposedService {
  /** The namespace of the Service. @default - the namespace of the objects that reference it */
  readonly namespace?: string;
  /** Labels that select this Service (for a ServiceMonitor). */
  readonly selectorLabels: Record<string, string>;
  /** The name of the Service port that targets the pod port. */
  readonly portName: string;
}

/**
 * The pod-level view a host gives to sidecars that expose ports or annotate the pods
 * (`MetricsExporter`).
 */
export interface ISidecarPod {
  /** The ports of the app container (a copy). */
  readonly appPorts: PortSpec[];
  /** Every port declared by any container of the pod, app and sidecars (a copy). */
  readonly podPorts: PortSpec[];
  /** The labels that select the pods (stable: name and instance). */
  readonly selectorLabels: Record<string, string>;
  /** The recommended labels to put on objects a sidecar creates. */
  readonly labels: Record<string, string>;
  /** The namespace of the pods. @default - the namespace of the chart (or the kubectl context) */
  readonly namespace?: string;
  /** Whether the pods run to completion (Job, CronJob): a long-running sidecar then keeps them alive. */
  readonly runsToCompletion: boolean;
  /** Whether the workload has its own Service for its pods. */
  readonly hasService: boolean;
  /**
   * Adds an annotation to the pod template; throws a `ValidationError` that names `prop` when the
   * key is already set to another value by another sidecar.
   */
  addPodAnnotation(key: string, value: string, prop: string): void;
  /**
   * Makes the pod port `portName` reachable through the workload's own Service (adds a Service
   * port of the same name and number unless one targets it already). Returns undefined when the
   * workload has no Service.
   */
  exposePort(portName: string): ExposedService | undefined;
  /** Metadata for an object a sidecar owns: the workload's namespace, extra labels and annotations (no name). */
  readonly objectMetadata: ApiObjectMetadata;
  /**
   * Lets the peers of `rules` reach the pods on the rules' ports where the workload isolates its
   * pods' ingress (a Database's NetworkPolicy admits only its clients); pods that accept any
   * traffic need nothing. Errors name the rule's `prop`.
   * @default - hosts without it leave their ingress as it is
   */
  allowIngress?(sidecar: string, rules: SidecarTrafficRule[]): void;
  /**
   * Lets the pods reach the peers of `rules` on the rules' ports once their egress is isolated
   * (`connectTo`, `allowEgress`), whether that happens before or after the sidecar is bound;
   * pods whose egress is open get no policy. Call it once per sidecar.
   * @default - hosts without it leave their egress as it is
   */
  allowEgress?(sidecar: string, rules: SidecarTrafficRule[]): void;
}

/** A workload that sidecars can attach to. */
export interface ISidecarHost extends IConstruct {
  /** Adds a container with the workload's secure defaults (same UID/GID, read-only root FS, no capabilities). */
  addSidecarContainer(options: SidecarContainerOptions): void;
  /**
   * The pod-level hooks for sidecars that expose ports or annotate the pods. Hosts that leave it
   * out support container-only sidecars (e.g. `SidecarLogger`).
   * @default - container-only sidecars
   */
  readonly sidecarPod?: ISidecarPod;
}

/** An integration that adds containers, volumes and ports to a workload's pods. */
export interface ISidecar {
  /** Called once by `addSidecar`; adds what the sidecar needs through `host`. */
  bind(host: ISidecarHost): void;
}

/**
 * What a host hands to {@link SidecarAttachments}: its pod and its volume bookkeeping.
 *
 * @internal
 */
export interface SidecarHostParts {
  /** The host construct (receives the errors). */
  readonly scope: IConstruct;
  /** The cdk8s-plus pod (or workload) the containers are added to. */
  readonly pod: plus.AbstractPod;
  /** The container security context of the host's containers. */
  readonly securityContext: plus.ContainerSecurityContextProps;
  /** Container names already in the pod (shared with the host, updated here). */
  readonly containerNames: Set<string>;
  /** The app container's ports. */
  readonly appPorts: () => PortSpec[];
  /** The writable `/tmp` volume, mounted into every sidecar. @default - no /tmp mount */
  readonly tmpVolume?: plus.Volume;
  /** The pod volume of that name, if any. */
  readonly findVolume: (name: string) => plus.Volume | undefined;
  /** Creates a pod volume (labels owned objects, feeds owned content into the config hash). */
  readonly createVolume: (name: string, source: VolumeSource, prop: string) => plus.Volume;
  /** Mounts a volume into the app container (checks the path). @default - `appPath` is rejected */
  readonly mountInApp?: (volume: plus.Volume, path: string, readOnly: boolean, prop: string) => void;
  /** Registers the probes of a container. @default - `health` is rejected */
  readonly setProbes?: (containerName: string, probes: ContainerProbes) => void;
}

/**
 * The sidecar bookkeeping of one pod: checks that sidecars compose and adds their containers.
 * Hosts (`AppWorkload`, `Database`) create one and delegate `addSidecarContainer` to it.
 *
 * @internal
 */
export class SidecarAttachments {
  private readonly _ports: PortSpec[] = [];
  private readonly _annotations = new Map<string, { value: string; prop: string }>();
  private _secretRefs?: Construct;

  constructor(private readonly parts: SidecarHostParts) {
  }

  /** The ports of the sidecar containers (a copy). */
  public get ports(): PortSpec[] {
    return [...this._ports];
  }

  /** Every port of the pod: app and sidecars (a copy). */
  public get podPorts(): PortSpec[] {
    return [...this.parts.appPorts(), ...this._ports];
  }

  /** Validates the options and adds the container (a regular container, or a native sidecar). */
  public addContainer(options: SidecarContainerOptions): plus.Container {
    const { scope, containerNames } = this.parts;
    checkDns1123Label(scope, 'sidecar.name', options.name);
    if (containerNames.has(options.name)) {
      throw new ValidationError(scope, `'sidecar.name' (${JSON.stringify(options.name)}) is already used by another container; container names must be unique in the pod`);
    }
    const prop = `sidecars.${options.name}`;
    checkOptionNames(scope, prop, options, SIDECAR_CONTAINER_NAMES);
    const image = validateImage(scope, `${prop}.image`, options.image);
    checkPropShapes(scope, options, {
      command: 'string-array', args: 'string-array', ports: 'record-array', env: 'record', secretEnv: 'record', volumes: 'record-array',
      resources: { type: Resources, hint: 'use Resources.preset(ResourcePreset.NANO) or Resources.of({...})' },
    }, `${prop}.`);
    const resources = options.resources ?? Resources.preset(ResourcePreset.NANO);
    resources._validate(scope, `${prop}.resources`);
    const existing = this.podPorts;
    (options.ports ?? []).forEach((port, i) => {
      checkPort(scope, `${prop}.ports[${i}]`, port, existing);
      existing.push(port);
    });
    const health = options.health ?? HealthCheck.none();
    const probePort = health._validate(scope, `${prop}.health`, (options.ports ?? []).map(p => p.name));
    const probeNumber = options.ports?.find(p => p.name === probePort)?.number;
    if (options.health && !this.parts.setProbes) {
      throw new ValidationError(scope, `'${prop}.health' is not supported by this workload: leave it out`);
    }
    const env = this.env(options, prop);
    const mounts = this.volumes(options, prop);

    containerNames.add(options.name);
    this._ports.push(...(options.ports ?? []).map(p => ({ ...p })));
    const containerProps: plus.ContainerProps = {
      name: options.name,
      image: image.reference,
      imagePullPolicy: image.pullPolicy as unknown as plus.ImagePullPolicy,
      command: options.command,
      args: options.args,
      ports: options.ports?.map(p => ({ name: p.name, number: p.number, protocol: p.protocol as unknown as plus.Protocol })),
      envVariables: env,
      resources: resources._toPlus(),
      securityContext: this.parts.securityContext,
    };
    const container = options.native
      ? this.parts.pod.addInitContainer({ ...containerProps, restartPolicy: plus.ContainerRestartPolicy.ALWAYS })
      : this.parts.pod.addContainer(containerProps);
    if (this.parts.tmpVolume) {
      container.mount('/tmp', this.parts.tmpVolume);
    }
    for (const mount of mounts) {
      container.mount(mount.path, mount.volume, { readOnly: mount.readOnly });
    }
    if (options.health) {
      this.parts.setProbes!(options.name, {
        readiness: () => health._toKube(ProbeKind.READINESS, probePort, probeNumber),
        liveness: () => health._toKube(ProbeKind.LIVENESS, probePort, probeNumber),
        startup: () => health._toKube(ProbeKind.STARTUP, probePort, probeNumber),
      });
    }
    return container;
  }

  /**
   * Adds a pod template annotation; the same key with another value from another sidecar is an error.
   */
  public addPodAnnotation(key: string, value: string, prop: string): void {
    const previous = this._annotations.get(key);
    if (previous && previous.value !== value) {
      throw new ValidationError(this.parts.scope, `'${prop}' sets pod annotation ${JSON.stringify(key)} to ${JSON.stringify(value)}, `
        + `but '${previous.prop}' already set it to ${JSON.stringify(previous.value)}; a pod can announce one value per annotation`);
    }
    this._annotations.set(key, { value, prop });
    this.parts.pod.podMetadata.addAnnotation(key, value);
  }

  /** Secret variables first (so plain values can reference them with `$(VAR)`), then plain ones. */
  private env(options: SidecarContainerOptions, prop: string): Record<string, plus.EnvValue> {
    const { scope } = this.parts;
    const env: Record<string, plus.EnvValue> = {};
    for (const [name, ref] of Object.entries(options.secretEnv ?? {})) {
      checkEnvVarName(scope, `${prop}.secretEnv`, name);
      checkDns1123Subdomain(scope, `${prop}.secretEnv.${name}.secretName`, ref.secretName);
      checkConfigKey(scope, `${prop}.secretEnv.${name}.key`, ref.key);
      this._secretRefs = this._secretRefs ?? new Construct(scope, 'SidecarSecretRefs');
      const secret = plus.Secret.fromSecretName(this._secretRefs, `${options.name}-${name}`, ref.secretName);
      env[name] = plus.EnvValue.fromSecretValue({ secret, key: ref.key });
    }
    for (const [name, value] of Object.entries(options.env ?? {})) {
      checkEnvVarName(scope, `${prop}.env`, name);
      if (Object.hasOwn(env, name)) {
        throw new ValidationError(scope, `'${prop}.env' key ${JSON.stringify(name)} is also in '${prop}.secretEnv'; each variable can be set once`);
      }
      env[name] = plus.EnvValue.fromValue(value);
    }
    return env;
  }

  /** Resolves (and creates) the volumes of a sidecar; checks names and mount paths. */
  private volumes(options: SidecarContainerOptions, prop: string): Array<{ path: string; volume: plus.Volume; readOnly: boolean }> {
    const { scope } = this.parts;
    const paths = new Set<string>(this.parts.tmpVolume ? ['/tmp'] : []);
    const names = new Set<string>();
    const mounts: Array<{ path: string; volume: plus.Volume; readOnly: boolean }> = [];
    (options.volumes ?? []).forEach((mount, i) => {
      const at = `${prop}.volumes[${i}]`;
      checkDns1123Label(scope, `${at}.name`, mount.name);
      checkAbsolutePath(scope, `${at}.path`, mount.path);
      if (paths.has(mount.path)) {
        throw new ValidationError(scope, `'${at}.path' (${JSON.stringify(mount.path)}) is already a mount path of container ${JSON.stringify(options.name)}; mount paths must be unique`);
      }
      if (names.has(mount.name)) {
        throw new ValidationError(scope, `'${at}.name' (${JSON.stringify(mount.name)}) is mounted twice into container ${JSON.stringify(options.name)}`);
      }
      const found = this.parts.findVolume(mount.name);
      if (mount.source && found) {
        throw new ValidationError(scope, `'${at}.name' (${JSON.stringify(mount.name)}) is already used by another volume of the pod; `
          + 'volume names must be unique (leave out \'source\' to mount the existing volume)');
      }
      if (!mount.source && !found) {
        throw new ValidationError(scope, `'${at}.name' (${JSON.stringify(mount.name)}) is not a volume of the pod; set 'source' to create it`);
      }
      if (mount.appPath !== undefined && !mount.source) {
        throw new ValidationError(scope, `'${at}.appPath' needs 'source': only a volume the sidecar creates can be mounted into the app container`);
      }
      if (mount.appPath !== undefined && !this.parts.mountInApp) {
        throw new ValidationError(scope, `'${at}.appPath' is not supported by this workload: it has no app container to share the volume with`);
      }
      if (mount.appPath !== undefined) {
        checkAbsolutePath(scope, `${at}.appPath`, mount.appPath);
      }
      paths.add(mount.path);
      names.add(mount.name);
      mounts.push({ path: mount.path, volume: found ?? this.parts.createVolume(mount.name, mount.source!, at), readOnly: mount.readOnly ?? false });
      if (mount.appPath !== undefined) {
        this.parts.mountInApp!(mounts[mounts.length - 1].volume, mount.appPath, mount.appReadOnly ?? false, `${at}.appPath`);
      }
    });
    return mounts;
  }
}
