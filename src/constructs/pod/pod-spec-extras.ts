import { Construct } from 'constructs';
import { k8s, plus } from '../core/plus';

/** Where the pod runs: the pod spec fields of `SchedulingOptions`. */
export interface PodScheduling {
  readonly nodeSelector?: Record<string, string>;
  readonly affinity?: k8s.Affinity;
  readonly tolerations?: k8s.Toleration[];
  readonly priorityClassName?: string;
}

/** Probes of one container, rendered by us (cdk8s-plus cannot reference named ports). */
export interface ContainerProbes {
  /** Readiness probe. */
  readonly readiness?: () => k8s.Probe | undefined;
  /** Liveness probe. */
  readonly liveness?: () => k8s.Probe | undefined;
  /** Startup probe. */
  readonly startup?: () => k8s.Probe | undefined;
}

/**
 * Pod spec fields cdk8s-plus-28 does not render: several image pull secrets, topology spread
 * constraints, the pod-level seccomp profile, probes on named ports, and the restricted
 * container defaults for every container (so added sidecars stay PSS "restricted").
 *
 * Not exported from the package root; declared because `PodSettings` (see `WorkloadKind`) refers to it.
 */
export class PodSpecExtras {
  private readonly pullSecrets: string[] = [];
  private readonly spreads: k8s.TopologySpreadConstraint[] = [];
  private readonly probes = new Map<string, ContainerProbes>();
  private readonly preStops = new Map<string, k8s.LifecycleHandler>();
  private gracePeriodSeconds?: number;
  private scheduling: PodScheduling = {};
  private readonly inheriting = new Map<string, { readonly from: string; readonly env: boolean; readonly volumes: boolean }>();

  /** Adds an image pull secret by name (duplicates are ignored). */
  public addImagePullSecret(name: string): void {
    if (!this.pullSecrets.includes(name)) {
      this.pullSecrets.push(name);
    }
  }

  /** Adds a spread constraint over `topologyKey` for pods with `labels`. */
  public addSpread(topologyKey: string, labels: Record<string, string>, maxSkew: number, whenUnsatisfiable: string): void {
    this.spreads.push({
      maxSkew,
      topologyKey,
      whenUnsatisfiable,
      labelSelector: { matchLabels: { ...labels } },
    });
  }

  /**
   * Gives the init container `name` the environment and/or volume mounts of the container `from`
   * when the pod spec is rendered (so what the app gets later is included).
   */
  public inheritFrom(name: string, from: string, what: { readonly env: boolean; readonly volumes: boolean }): void {
    this.inheriting.set(name, { from, ...what });
  }

  /** Sets the node selector, affinity, tolerations and priority class of the pod. */
  public setScheduling(scheduling: PodScheduling): void {
    this.scheduling = scheduling;
  }

  /** Sets the probes of the container named `containerName`. */
  public setProbes(containerName: string, probes: ContainerProbes): void {
    this.probes.set(containerName, probes);
  }

  /** Sets the pod's `terminationGracePeriodSeconds`. */
  public setTerminationGracePeriod(seconds: number): void {
    this.gracePeriodSeconds = seconds;
  }

  /** Sets the `preStop` hook of the container named `containerName`. */
  public setPreStop(containerName: string, handler: k8s.LifecycleHandler): void {
    this.preStops.set(containerName, handler);
  }

  /** Returns `spec` with the extras applied. */
  public apply(spec: k8s.PodSpec): k8s.PodSpec {
    return {
      ...spec,
      securityContext: { ...spec.securityContext, seccompProfile: { type: 'RuntimeDefault' } },
      imagePullSecrets: this.pullSecrets.length ? this.pullSecrets.map(name => ({ name })) : spec.imagePullSecrets,
      topologySpreadConstraints: this.spreads.length ? this.spreads.map(s => ({ ...s })) : undefined,
      terminationGracePeriodSeconds: this.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds,
      nodeSelector: this.scheduling.nodeSelector ?? spec.nodeSelector,
      affinity: this.scheduling.affinity ?? spec.affinity,
      tolerations: this.scheduling.tolerations ?? spec.tolerations,
      priorityClassName: this.scheduling.priorityClassName ?? spec.priorityClassName,
      containers: spec.containers.map(c => this.applyToContainer(c)),
      initContainers: spec.initContainers?.map(c => this.applyToContainer(this.inherit(c, spec.containers))),
    };
  }

  private inherit(container: k8s.Container, containers: readonly k8s.Container[]): k8s.Container {
    const inheriting = this.inheriting.get(container.name);
    const from = inheriting && containers.find(c => c.name === inheriting.from);
    if (!inheriting || !from) return container;
    const ownPaths = new Set((container.volumeMounts ?? []).map(m => m.mountPath));
    const env = inheriting.env ? [...from.env ?? [], ...container.env ?? []] : container.env;
    const envFrom = inheriting.env ? [...from.envFrom ?? [], ...container.envFrom ?? []] : container.envFrom;
    const volumeMounts = inheriting.volumes
      ? [...container.volumeMounts ?? [], ...(from.volumeMounts ?? []).filter(m => !ownPaths.has(m.mountPath))]
      : container.volumeMounts;
    return {
      ...container,
      ...(env && env.length ? { env } : {}),
      ...(envFrom && envFrom.length ? { envFrom } : {}),
      ...(volumeMounts && volumeMounts.length ? { volumeMounts } : {}),
    };
  }

  private applyToContainer(container: k8s.Container): k8s.Container {
    const probes = this.probes.get(container.name);
    const securityContext = container.securityContext ?? {};
    const preStop = this.preStops.get(container.name);
    return {
      ...container,
      ...(preStop ? { lifecycle: { ...container.lifecycle, preStop } } : {}),
      readinessProbe: probes ? probes.readiness?.() : container.readinessProbe,
      livenessProbe: probes ? probes.liveness?.() : container.livenessProbe,
      startupProbe: probes ? probes.startup?.() : container.startupProbe,
      securityContext: {
        ...securityContext,
        capabilities: securityContext.capabilities ?? { drop: ['ALL'] },
        seccompProfile: securityContext.seccompProfile ?? { type: 'RuntimeDefault' },
      },
    };
  }
}

/**
 * A cdk8s-plus Deployment that renders the `PodSpecExtras` into its pod template.
 *
 * @internal
 */
export class ExtendedDeployment extends plus.Deployment {
  constructor(scope: Construct, id: string, props: plus.DeploymentProps, private readonly extras: PodSpecExtras) {
    super(scope, id, props);
  }

  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    return this.extras.apply(super._toPodSpec());
  }
}
