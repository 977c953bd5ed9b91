import { ApiObjectMetadata } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { DatabaseAccess } from '../database/database-access';
import { DatabaseClient } from './connection';
import { checkLabels, NetworkPeer, SidecarTrafficRule } from './network-policy';
import { ValidationError } from '../core/errors';
import { k8s } from '../core/plus';
import { PropNames, propNamesOf } from '../core/prop-names';
import type { AppWorkload } from '../workload/app-workload';

/**
 * Inbound isolation of an app (`WebApp`'s `inbound`): one NetworkPolicy (`policyTypes: [Ingress]`)
 * selects the app's pods and admits exactly the ingress controller (when the app has an Ingress),
 * the data plane of the parent Gateways (when it has a route), the clients added with
 * `allowFrom`/`clients`, the peers of its sidecars (a `MetricsExporter`'s `scrapers`) and `peers`.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export interface InboundIsolation {
  /**
   * The ingress controller's pods, admitted on the port the Ingress routes to, e.g.
   * `NetworkPeer.namespace('ingress-nginx', { podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } })`.
   * Required when the app has an `ingress` (unless `peers` admits the controller); not allowed without one.
   * @default - no ingress controller
   */
  readonly ingressController?: NetworkPeer;
  /**
   * Narrows the Gateway data plane to the pods with these labels. The data plane is admitted from
   * the namespace of each parent Gateway of `route` and `grpcRoute` (a Gateway of the app: its
   * namespace; `RouteParent.external()`/`named()` and `Gateway.fromGatewayName()`: the declared
   * namespace; none: the app's), on the port the route sends traffic to. Not allowed without a route.
   * An implementation whose proxies run elsewhere (Envoy Gateway: `envoy-gateway-system`) needs
   * that namespace in `peers`.
   * @default - every pod of the Gateways' namespaces
   */
  readonly gatewayPods?: Record<string, string>;
  /**
   * Other workloads of the app (`WebApp`, `Worker`, `CronTask`) whose pods may call this app, on
   * its main port (sugar for `allowFrom`).
   * @default - none
   */
  readonly clients?: AppWorkload[];
  /**
   * More peers, admitted on every port of the app.
   * @default - none
   */
  readonly peers?: NetworkPeer[];
}

/**
 * The prop names of {@link InboundIsolation}.
 *
 * @internal
 */
export const INBOUND_NAMES: PropNames = propNamesOf<InboundIsolation>('InboundIsolation', {
  ingressController: true, gatewayPods: true, clients: true, peers: true,
});

/**
 * The traffic sources an app's exposure implies, with target (pod) port numbers.
 *
 * @internal
 */
export interface InboundSources {
  /** The pod port the Ingress routes to, if the app has an Ingress. */
  readonly ingressPort?: number;
  /** Per route: its prop (`route`, `grpcRoute`), the namespaces of its parent Gateways (undefined: the route's), its pod port. */
  readonly routes: ReadonlyArray<{ readonly prop: string; readonly gatewayNamespaces: ReadonlyArray<string | undefined>; readonly port: number }>;
  /** Every pod port of the app (for `peers`). */
  readonly appPorts: number[];
  /** The app's main pod port (for clients). */
  readonly mainPort: number;
}

/**
 * The parts of a workload the inbound policy needs.
 *
 * @internal
 */
export interface InboundHost {
  /** The workload (scope of the policy, subject of the errors). */
  readonly scope: Construct;
  /** Labels that select the workload's pods. */
  readonly podSelector: Record<string, string>;
  /** The namespace of the pods, if known. */
  readonly namespace?: string;
  /** Metadata of owned objects. */
  readonly metadata: ApiObjectMetadata;
  /** Labels an owned object. */
  label(object: IConstruct): void;
}

/**
 * The inbound NetworkPolicy of an app (construct id `Inbound`). Clients are admitted by the same
 * mechanism as a database's (`DatabaseAccess.accept`), every other source as a traffic rule
 * (`DatabaseAccess.allowSidecar`), so the rendering is shared.
 *
 * @internal
 */
export class AppInbound {
  /** The NetworkPolicy. */
  public readonly policy: k8s.KubeNetworkPolicy;
  private readonly access: DatabaseAccess;

  constructor(private readonly host: InboundHost, options: InboundIsolation, sources: InboundSources) {
    const scope = host.scope;
    const rules = inboundRules(scope, options, sources, host.namespace);
    this.access = new DatabaseAccess(scope, 'Inbound', host.metadata, host.podSelector, sources.mainPort, host.namespace);
    this.policy = this.access.policy;
    host.label(this.policy);
    this.access.allowSidecar(rules);
  }

  /** The clients admitted so far (a copy). */
  public get clients(): DatabaseClient[] {
    return this.access.acceptedClients;
  }

  /** Admits the pods of `client` on the main port (an app may admit its own pods: replicas calling each other). */
  public accept(client: DatabaseClient): void {
    this.access.accept(this.host.scope, client);
  }

  /** Admits a sidecar's peers on its ports (rules checked by the caller). */
  public allowSidecar(rules: SidecarTrafficRule[]): void {
    this.access.allowSidecar(rules);
  }
}

/** The rules of the ingress controller, the Gateways and `peers`, checked; errors name `inbound.*`. */
function inboundRules(scope: IConstruct, options: InboundIsolation, sources: InboundSources, namespace: string | undefined): SidecarTrafficRule[] {
  const rules: SidecarTrafficRule[] = [];
  const peers = options.peers ?? [];
  if (!Array.isArray(peers)) {
    throw new ValidationError(scope, `'inbound.peers' (${JSON.stringify(peers)}) must be an array of NetworkPeer`);
  }
  peers.forEach((peer, i) => checkPeer(scope, `inbound.peers[${i}]`, peer));
  const controller = options.ingressController;
  if (controller !== undefined) {
    checkPeer(scope, 'inbound.ingressController', controller);
    if (sources.ingressPort === undefined) {
      throw new ValidationError(scope, '\'inbound.ingressController\' is set, but the app has no \'ingress\': leave it out, or list the peer in \'inbound.peers\'');
    }
    rules.push({ peers: [controller], ports: [sources.ingressPort], prop: 'inbound.ingressController' });
  } else if (sources.ingressPort !== undefined && peers.length === 0) {
    throw new ValidationError(scope, '\'inbound\' admits no ingress controller, but the app has an \'ingress\': its pods would refuse the controller; '
      + 'set \'inbound.ingressController\', e.g. NetworkPeer.namespace(\'ingress-nginx\', { podLabels: { \'app.kubernetes.io/name\': \'ingress-nginx\' } })');
  }
  const gatewayPods = options.gatewayPods;
  if (gatewayPods !== undefined) {
    checkLabels(scope, 'inbound.gatewayPods', gatewayPods);
    if (sources.routes.length === 0) {
      throw new ValidationError(scope, '\'inbound.gatewayPods\' is set, but the app has no \'route\' or \'grpcRoute\': leave it out');
    }
  }
  for (const route of sources.routes) {
    const gatewayPeers = new Map<string, NetworkPeer>();
    for (const gatewayNamespace of route.gatewayNamespaces) {
      const own = gatewayNamespace === undefined || gatewayNamespace === namespace;
      const peer = own ? NetworkPeer._ownNamespace(gatewayPods) : NetworkPeer.namespace(gatewayNamespace, gatewayPods ? { podLabels: gatewayPods } : {});
      gatewayPeers.set(peer.toString(), peer);
    }
    rules.push({ peers: [...gatewayPeers.values()], ports: [route.port], prop: `${route.prop}.parents` });
  }
  if (peers.length > 0) {
    rules.push({ peers: [...peers], ports: [...new Set(sources.appPorts)], prop: 'inbound.peers' });
  }
  // Two routes through the same Gateways to the same port need one rule.
  const seen = new Set<string>();
  return rules.filter(rule => {
    const key = JSON.stringify([rule.peers.map(String), rule.ports]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function checkPeer(scope: IConstruct, prop: string, peer: unknown): void {
  if (!(peer instanceof NetworkPeer)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(peer)}) must be a NetworkPeer: use NetworkPeer.namespace(), .pods(), .cidrs() or .anyAddress()`);
  }
  peer._validate(scope, prop);
}
