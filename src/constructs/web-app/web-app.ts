import { Construct } from 'constructs';
import { DisruptionBudget } from '../workload/availability';
import { AppWorkload } from '../workload/app-workload';
import { addPatternScaling, createPatternDeployment } from '../workload/deployment-pattern';
import { ValidationError } from '../core/errors';
import { k8s, plus } from '../core/plus';
import { AutoscalingOptions } from '../workload/scaling';
import { checkAnnotations, checkConstructId, checkDns1035Label, checkPortNumber } from '../core/validators';
import { checkPropNames, unknownPropProblem } from '../core/prop-names';
import { resolveProps } from '../core/props-resolver';
import { ADDITIONAL_SERVICE_NAMES, checkAdditionalServiceNames, WEB_APP_PROP_NAMES } from './web-app-prop-names';
import { createIngress } from './web-app-ingress';
import { createAppRoutes } from './web-app-route';
import { GrpcRoute } from '../gateway/grpc-route';
import { HttpRoute } from '../gateway/http-route';
import { AdditionalServiceOptions, ServiceType, WebAppProps } from './web-app-props';
import { AppInbound } from '../networking/inbound';
import { NetworkPeer, SidecarTrafficRule } from '../networking/network-policy';
import { AppLabels } from '../workload/labels';
import { withGeneratedName } from '../core/object-names';

/** Sidecar ingress rules registered while the base constructor binds `sidecars` (before `inbound` exists). */
const EARLY_SIDECAR_INGRESS = new WeakMap<WebApp, SidecarTrafficRule[]>();

/**
 * A stateless HTTP application: a Deployment with secure defaults, its Service, and optionally an
 * Ingress, Gateway API routes (HTTPRoute, GRPCRoute), a HorizontalPodAutoscaler and a PodDisruptionBudget.
 *
 * ```ts
 * new WebApp(chart, 'Web', {
 *   image: Image.of('ghcr.io/stefanprodan/podinfo:6.7.1'),
 *   ports: [{ name: 'http', number: 9898 }],
 *   health: HealthCheck.http('/healthz', { readiness: { path: '/readyz' } }),
 *   ingress: { hosts: ['podinfo.example.com'], tls: IngressTls.certManagerClusterIssuer('letsencrypt') },
 * });
 * ```
 */
export class WebApp extends AppWorkload {
  /** The Deployment (escape hatch: `ApiObject.of(webApp.deployment).addJsonPatch(...)`). */
  public readonly deployment: plus.Deployment;
  /** The Service. */
  public readonly service: plus.Service;
  /** The Ingress, if `ingress` was set. */
  public readonly ingress?: plus.Ingress;
  /** The HTTPRoute, if `route` was set. */
  public readonly httpRoute?: HttpRoute;
  /** The HTTPRoute that redirects to HTTPS, if `route.httpsRedirect` was set. */
  public readonly httpsRedirectRoute?: HttpRoute;
  /** The GRPCRoute, if `grpcRoute` was set. */
  public readonly grpcRoute?: GrpcRoute;
  /** The inbound NetworkPolicy, if `inbound` was set. */
  public readonly inboundPolicy?: k8s.KubeNetworkPolicy;
  /** The HorizontalPodAutoscaler, if `autoscaling` was set. */
  public readonly hpa?: plus.HorizontalPodAutoscaler;
  /** The PodDisruptionBudget, if any. */
  public readonly pdb?: k8s.KubePodDisruptionBudget;
  /** The fixed replica count (not rendered when autoscaling). */
  public readonly replicas: number;
  /** The Service type. */
  public readonly serviceType: ServiceType;
  /** The Service port of the first app port. */
  public readonly servicePort: number;
  /** The autoscaling settings after defaults, if any. */
  public readonly autoscaling?: Required<AutoscalingOptions>;
  /** The PodDisruptionBudget setting after defaults. */
  public readonly disruptionBudget: DisruptionBudget;

  private readonly _additionalServices = new Map<string, plus.Service>();
  private _inbound?: AppInbound;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    checkPropNames(scope, id, props, WEB_APP_PROP_NAMES);
    checkAdditionalServiceNames(scope, id, props.additionalServices);
    props = resolveProps(scope, id, new.target, props, { propNames: WEB_APP_PROP_NAMES.names, defaultReplicas: 2, ownImage: true });
    super(scope, id, props, {
      component: 'web',
      defaultPorts: [{ name: 'http', number: 8080 }],
      exposesService: true,
      createWorkload: (self, pod) => createPatternDeployment(self, pod, props, props.replicas ?? 2),
    });
    this.deployment = this._workload as plus.Deployment;
    this.replicas = props.replicas ?? 2;
    this.serviceType = props.serviceType ?? ServiceType.CLUSTER_IP;
    this.servicePort = props.servicePort ?? 80;
    checkPortNumber(this, 'servicePort', this.servicePort);
    if (!Object.values(ServiceType).includes(this.serviceType)) {
      throw new ValidationError(this, `'serviceType' (${JSON.stringify(this.serviceType)}) is unknown: use ServiceType.CLUSTER_IP, NODE_PORT or LOAD_BALANCER`);
    }

    if (this.ports.length === 0) {
      throw new ValidationError(this, '\'ports\' is empty: a WebApp serves traffic through its Service, which needs at least one port; '
        + 'add a port, or use a Worker for an app that serves none');
    }
    this.service = this.createService();
    this._attachService(this.service);
    if (props.ingress) {
      this.ingress = createIngress(this, props.ingress, this.service, this.servicePortOf('ingress.port', props.ingress.port), this._metadataFor(true));
      this.labels.applyTo(this.ingress);
    }
    const routes = createAppRoutes(this, props, this.service, (prop, port) => this.servicePortOf(prop, port), this._metadataFor(true));
    this.httpRoute = routes.httpRoute;
    this.httpsRedirectRoute = routes.httpsRedirectRoute;
    this.grpcRoute = routes.grpcRoute;
    for (const route of [this.httpRoute, this.httpsRedirectRoute, this.grpcRoute]) {
      if (route !== undefined) {
        this.labels.applyTo(route.resource);
        route.referenceGrants.forEach(grant => this.labels.applyTo(grant.resource));
      }
    }
    if (props.inbound !== undefined) {
      this.inboundPolicy = this.createInbound(props).policy;
    }
    const scaling = addPatternScaling(this, this.deployment, props, {
      replicas: this.replicas, resources: this.resources, labels: this.labels, metadata: () => this._metadataFor(true),
    });
    this.autoscaling = scaling.autoscaling;
    this.hpa = scaling.hpa;
    this.disruptionBudget = scaling.disruptionBudget;
    this.pdb = scaling.pdb;
    for (const [serviceId, options] of Object.entries(props.additionalServices ?? {})) {
      this.addService(serviceId, options, `additionalServices.${serviceId}`);
    }
  }

  /**
   * Admits the pods of another workload of the app (a `WebApp`, `Worker` or `CronTask`) on the
   * main port, through the inbound NetworkPolicy (`inbound` must be set), and lets the client's
   * pods reach this app's pods once their egress is isolated (by `connectTo` or `allowEgress`; id
   * `Connections/Apps/<this app's instance label>`). Admitting the same client twice is a no-op.
   */
  public allowFrom(client: AppWorkload, prop: string = 'allowFrom'): void {
    if (this._inbound === undefined) {
      throw new ValidationError(this, `'${prop}' needs 'inbound': the app's pods are not isolated, so every pod can reach them already; `
        + 'set \'inbound\' (e.g. inbound: {}) to admit only the listed sources');
    }
    if (!(client instanceof AppWorkload)) {
      const path = (client as { node?: { path?: unknown } } | undefined)?.node?.path;
      throw new ValidationError(this, `'${prop}' (${typeof path === 'string' ? `construct "${path}"` : JSON.stringify(client) ?? String(client)}) `
        + 'must be a workload of the app (a WebApp, Worker or CronTask)');
    }
    const before = this._inbound.clients.length;
    this._inbound.accept({ name: client.node.path, podSelector: { ...client.labels.selector }, namespace: client._podNamespace });
    if (this._inbound.clients.length > before) {
      // The client's side: egress to this app's pods, once (and only if) its egress is isolated.
      client._allowEgressToApp(this.labels.selector[AppLabels.INSTANCE], [{
        peers: [NetworkPeer.pods({ ...this.labels.selector }, this._podNamespace !== undefined ? { namespace: this._podNamespace } : {})],
        ports: [this.ports[0].number],
        prop: prop,
      }]);
    }
  }

  /** The workloads admitted with `allowFrom` or `inbound.clients`, as the policy sees them (a copy). */
  public get inboundClients(): Array<{ name: string; podSelector: Record<string, string>; namespace?: string }> {
    return this._inbound?.clients ?? [];
  }

  /**
   * With `inbound`, admits a sidecar's peers on its ports; rules registered while the base
   * constructor bound `sidecars` wait for the policy.
   *
   * @internal
   */
  protected _allowSidecarIngress(_sidecar: string, rules: SidecarTrafficRule[]): void {
    if (this._inbound !== undefined) {
      this._inbound.allowSidecar(rules);
    } else {
      EARLY_SIDECAR_INGRESS.set(this, [...EARLY_SIDECAR_INGRESS.get(this) ?? [], ...rules]);
    }
  }

  /** The Services added with `addService` (or `additionalServices`), by construct id (a copy). */
  public get additionalServices(): Record<string, plus.Service> {
    return Object.fromEntries(this._additionalServices);
  }

  /**
   * Adds another Service over the app's pods, e.g. an external LoadBalancer next to the internal
   * ClusterIP `service`, each with its own ports.
   */
  public addService(id: string, options: AdditionalServiceOptions = {}, prop: string = `addService(${JSON.stringify(id)})`): plus.Service {
    checkConstructId(this, prop, id);
    const unknown = unknownPropProblem(options, ADDITIONAL_SERVICE_NAMES, `${prop}.`);
    if (unknown !== undefined) {
      throw new ValidationError(this, unknown);
    }
    if (id === 'Service' || this._additionalServices.has(id) || this.node.tryFindChild(id) !== undefined) {
      throw new ValidationError(this, `'${prop}' id (${JSON.stringify(id)}) is already used by a child of the app; use another id`);
    }
    const type = options.type ?? ServiceType.CLUSTER_IP;
    if (!Object.values(ServiceType).includes(type)) {
      throw new ValidationError(this, `'${prop}.type' (${JSON.stringify(type)}) is unknown: use ServiceType.CLUSTER_IP, NODE_PORT or LOAD_BALANCER`);
    }
    if (options.name !== undefined) {
      checkDns1035Label(this, `${prop}.name`, options.name);
    }
    checkAnnotations(this, `${prop}.annotations`, options.annotations);
    const appPorts = this.ports;
    const requested = options.ports ?? appPorts.map(p => ({ port: p.number, targetPort: p.name }));
    if (requested.length === 0) {
      throw new ValidationError(this, `'${prop}.ports' is empty: a Service needs at least one port`);
    }
    const seen = new Set<string>();
    const ports = requested.map((p, i) => {
      checkPortNumber(this, `${prop}.ports[${i}].port`, p.port);
      const target = appPorts.find(a => a.name === (p.targetPort ?? appPorts[0].name));
      if (target === undefined) {
        throw new ValidationError(this, `'${prop}.ports[${i}].targetPort' (${JSON.stringify(p.targetPort)}) is not a port of the app `
          + `(ports: ${appPorts.map(a => JSON.stringify(a.name)).join(', ')})`);
      }
      for (const key of [`port ${p.port}/${target.protocol ?? 'TCP'}`, `target ${target.name}`]) {
        if (seen.has(key)) {
          throw new ValidationError(this, `'${prop}.ports[${i}]' repeats ${key.startsWith('port') ? `the Service port ${p.port}` : `the app port ${JSON.stringify(target.name)}`}; each must appear once`);
        }
        seen.add(key);
      }
      return { name: target.name, port: p.port, targetPort: target.number, protocol: target.protocol as unknown as plus.Protocol };
    });
    const metadata = this._metadataFor(false);
    const service = new plus.Service(this, id, {
      metadata: withGeneratedName({
        ...metadata,
        ...(options.name !== undefined ? { name: options.name } : {}),
        ...(options.annotations !== undefined ? { annotations: { ...metadata.annotations, ...options.annotations } } : {}),
      }, this, id, 'Resource'),
      type: type as unknown as plus.ServiceType,
      selector: this.deployment,
      ports,
    });
    this.selectAppPods(service);
    this._additionalServices.set(id, service);
    return service;
  }

  /** The inbound policy: the sources the exposure implies, `inbound`'s peers and clients, and the sidecars' peers. */
  private createInbound(props: WebAppProps): AppInbound {
    const inbound = props.inbound!;
    const targetOf = (portName: string | undefined) => (this.ports.find(p => p.name === portName) ?? this.ports[0]).number;
    const routes = [['route', props.route], ['grpcRoute', props.grpcRoute]] as const;
    const appInbound = new AppInbound({
      scope: this,
      podSelector: { ...this.labels.selector },
      namespace: this._podNamespace,
      metadata: this._metadataFor(true),
      label: object => this.labels.applyTo(object),
    }, inbound, {
      ingressPort: props.ingress !== undefined ? targetOf(props.ingress.port) : undefined,
      routes: routes.filter(([, options]) => options !== undefined).map(([prop, options]) => ({
        prop,
        gatewayNamespaces: options!.parents.map(parent => parent.gatewayNamespace),
        port: targetOf(options!.port),
      })),
      appPorts: this.ports.filter(p => (p.protocol ?? 'TCP') === 'TCP').map(p => p.number),
      mainPort: this.ports[0].number,
    });
    const clients = inbound.clients ?? [];
    if (!Array.isArray(clients)) {
      throw new ValidationError(this, `'inbound.clients' (${JSON.stringify(clients)}) must be an array of workloads of the app`);
    }
    this._inbound = appInbound;
    clients.forEach((client, i) => this.allowFrom(client, `inbound.clients[${i}]`));
    appInbound.allowSidecar(EARLY_SIDECAR_INGRESS.get(this) ?? []);
    EARLY_SIDECAR_INGRESS.delete(this);
    return appInbound;
  }

  private createService(): plus.Service {
    const ports = this.ports;
    const service = new plus.Service(this, 'Service', {
      metadata: withGeneratedName(this._metadataFor(true), this, 'Service', 'Resource'),
      type: this.serviceType as unknown as plus.ServiceType,
      selector: this.deployment,
      ports: ports.map((p, index) => ({
        name: p.name,
        port: index === 0 ? this.servicePort : p.number,
        targetPort: p.number,
        protocol: p.protocol as unknown as plus.Protocol,
      })),
    });
    this.selectAppPods(service);
    return service;
  }

  /** Labels `service` like the app and makes it select the app's pods. */
  private selectAppPods(service: plus.Service): void {
    for (const [key, value] of Object.entries(this.labels.selector)) {
      service.selectLabel(key, value);
    }
    this.labels.applyTo(service);
  }

  /** The Service port number that fronts the app port named `portName` (default: the first); errors name `prop`. */
  private servicePortOf(prop: string, portName: string | undefined): number {
    const ports = this.ports;
    const index = portName === undefined ? 0 : ports.findIndex(p => p.name === portName);
    if (index < 0) {
      throw new ValidationError(this, `'${prop}' (${JSON.stringify(portName)}) is not a port of the app `
        + `(ports: ${ports.map(p => JSON.stringify(p.name)).join(', ')})`);
    }
    return index === 0 ? this.servicePort : ports[index].number;
  }
}
