import { ApiObjectMetadata } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { DatabaseNetwork } from './connection';
import { ValidationError } from '../core/errors';
import { k8s } from '../core/plus';
import {
  checkDns1123Label, checkLabelValue, checkPortNumber, checkRenderableKey, isDns1123Label, isDns1123Subdomain,
} from '../core/validators';
import { checkMadeWith, propNamesOf, withOptions } from '../core/prop-names';

/** The label every namespace carries with its own name (Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** The namespace of the cluster DNS. */
export const DNS_NAMESPACE = 'kube-system';

/** The pod labels of the cluster DNS (kube-dns and CoreDNS deployments both use them). */
export const DNS_POD_LABELS: Readonly<Record<string, string>> = { 'k8s-app': 'kube-dns' };

/**
 * Creates an egress NetworkPolicy that lets the pods selected by `podSelector` resolve names
 * through the cluster DNS (kube-dns in kube-system, port 53 over UDP and TCP).
 *
 * @internal
 */
export function createDnsEgressPolicy(scope: Construct, id: string, podSelector: Record<string, string>,
  metadata: ApiObjectMetadata): k8s.KubeNetworkPolicy {
  return new k8s.KubeNetworkPolicy(scope, id, {
    metadata,
    spec: {
      podSelector: { matchLabels: { ...podSelector } },
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: DNS_NAMESPACE } },
          podSelector: { matchLabels: { ...DNS_POD_LABELS } },
        }],
        ports: [
          { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
          { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
        ],
      }],
    },
  });
}

/** Where the traffic of an egress rule may go (a database, or address ranges). */
export interface EgressTarget {
  /** Where the target is. */
  readonly network: DatabaseNetwork;
  /** The TCP ports. */
  readonly ports: number[];
  /** The namespace of the client pods, when known. */
  readonly clientNamespace?: string;
}

/**
 * Creates an egress NetworkPolicy that lets the pods selected by `podSelector` reach a target:
 * its pods (in its namespace when that differs from the client's), its IP blocks, or, for an
 * external host known only by DNS name, any address, always on the given TCP ports only.
 *
 * @internal
 */
export function createEgressPolicy(scope: Construct, id: string, podSelector: Record<string, string>,
  metadata: ApiObjectMetadata, target: EgressTarget): k8s.KubeNetworkPolicy {
  return new k8s.KubeNetworkPolicy(scope, id, {
    metadata,
    spec: {
      podSelector: { matchLabels: { ...podSelector } },
      policyTypes: ['Egress'],
      egress: [{
        to: egressPeers(target),
        ports: target.ports.map(port => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) })),
      }],
    },
  });
}

/** The peers of a target; undefined (any destination) for an external host without IPs. */
function egressPeers(target: EgressTarget): k8s.NetworkPolicyPeer[] | undefined {
  const network = target.network;
  const peers: k8s.NetworkPolicyPeer[] = [];
  if (network.podSelector) {
    const namespace = network.namespace;
    const otherNamespace = namespace !== undefined && namespace !== target.clientNamespace;
    peers.push({
      podSelector: { matchLabels: { ...network.podSelector } },
      ...(otherNamespace ? { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } } } : {}),
    });
  }
  for (const cidr of network.ipBlocks ?? []) {
    peers.push({ ipBlock: { cidr } });
  }
  return peers.length ? peers : undefined;
}

/** Options of the namespace peers of {@link NetworkPeer}. */
export interface NamespacePeerOptions {
  /**
   * Only the pods with these labels.
   * @default - every pod of the namespace(s)
   */
  readonly podLabels?: Record<string, string>;
}

/** Options of {@link NetworkPeer.pods}. */
export interface PodPeerOptions {
  /**
   * The namespace of the pods.
   * @default - the namespace of the workload whose NetworkPolicy names the peer
   */
  readonly namespace?: string;
}

/** The kinds of {@link NetworkPeer}. */
enum PeerKind { NAMESPACE, NAMESPACE_LABELS, PODS, OWN_NAMESPACE, CIDRS, ANY }

const NAMESPACE_PEER_NAMES = propNamesOf<NamespacePeerOptions>('NamespacePeerOptions', { podLabels: true });
const POD_PEER_NAMES = propNamesOf<PodPeerOptions>('PodPeerOptions', { namespace: true });

/**
 * The other end of traffic a NetworkPolicy rule allows: pods (by namespace and labels), address
 * ranges, or any address. Sidecars use it to say who may reach them (`MetricsExporter`'s
 * `scrapers`) and what they must reach (`LogOutput`'s `destination`).
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export class NetworkPeer {
  /** The pods of a namespace, selected by its `kubernetes.io/metadata.name` label (all pods, or those with `podLabels`). */
  public static namespace(namespace: string, options: NamespacePeerOptions = {}): NetworkPeer {
    return withOptions(new NetworkPeer(PeerKind.NAMESPACE, { [NAMESPACE_NAME_LABEL]: namespace }, options?.podLabels, namespace), options, NAMESPACE_PEER_NAMES);
  }

  /** The pods of the namespaces that carry these labels (all pods, or those with `podLabels`). */
  public static namespaceLabels(labels: Record<string, string>, options: NamespacePeerOptions = {}): NetworkPeer {
    return withOptions(new NetworkPeer(PeerKind.NAMESPACE_LABELS, labels, options?.podLabels), options, NAMESPACE_PEER_NAMES);
  }

  /** The pods with these labels, in the workload's namespace or in `options.namespace`. */
  public static pods(labels: Record<string, string>, options: PodPeerOptions = {}): NetworkPeer {
    return withOptions(new NetworkPeer(PeerKind.PODS, undefined, labels, options?.namespace), options, POD_PEER_NAMES);
  }

  /** IPv4 address ranges (CIDRs), e.g. a Prometheus outside the cluster or a log store by IP. */
  public static cidrs(cidrs: string[]): NetworkPeer {
    return new NetworkPeer(PeerKind.CIDRS, undefined, undefined, undefined, [...cidrs ?? []]);
  }

  /**
   * Any address, in or outside the cluster: the rule names no peer. This is what a host known
   * only by its DNS name needs (an in-cluster Service is reached at its pods' addresses).
   */
  public static anyAddress(): NetworkPeer {
    return new NetworkPeer(PeerKind.ANY);
  }

  /**
   * Every pod of the workload's own namespace (or those with `podLabels`), whatever that namespace
   * is: for a peer known to share it, e.g. a Gateway of the app with no namespace.
   *
   * @internal
   */
  public static _ownNamespace(podLabels?: Record<string, string>): NetworkPeer {
    return new NetworkPeer(PeerKind.OWN_NAMESPACE, undefined, podLabels);
  }

  private constructor(
    private readonly kind: PeerKind,
    private readonly namespaceLabels?: Record<string, string>,
    private readonly podLabels?: Record<string, string>,
    private readonly namespace?: string,
    private readonly cidrList?: string[]) {
  }

  /** Whether the peer is any address (the rule then names no peer). @internal */
  public get _isAny(): boolean {
    return this.kind === PeerKind.ANY;
  }

  /** A short description for messages, e.g. `namespace "monitoring"`. */
  public toString(): string {
    const pods = this.podLabels ? ` pods ${JSON.stringify(this.podLabels)}` : '';
    switch (this.kind) {
      case PeerKind.NAMESPACE: return `namespace ${JSON.stringify(this.namespace)}${pods}`;
      case PeerKind.NAMESPACE_LABELS: return `namespaces ${JSON.stringify(this.namespaceLabels)}${pods}`;
      case PeerKind.PODS: return `pods ${JSON.stringify(this.podLabels)}${this.namespace !== undefined ? ` in namespace ${JSON.stringify(this.namespace)}` : ''}`;
      case PeerKind.OWN_NAMESPACE: return `the workload's namespace${pods}`;
      case PeerKind.CIDRS: return `addresses ${JSON.stringify(this.cidrList)}`;
      default: return 'any address';
    }
  }

  /**
   * Checks the namespace, labels and CIDRs; errors name `prop`.
   *
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    checkMadeWith(scope, prop, this);
    if (this.namespace !== undefined && (typeof this.namespace !== 'string' || !isDns1123Label(this.namespace))) {
      throw new ValidationError(scope, `'${prop}' namespace (${JSON.stringify(this.namespace)}) must be a DNS-1123 label: `
        + 'lower-case letters, digits and \'-\', at most 63 characters');
    }
    if (this.kind === PeerKind.NAMESPACE_LABELS) {
      checkLabels(scope, `${prop}.namespaceLabels`, this.namespaceLabels);
    }
    if (this.kind === PeerKind.PODS || this.podLabels !== undefined) {
      checkLabels(scope, `${prop}.podLabels`, this.podLabels);
    }
    if (this.kind === PeerKind.CIDRS) {
      if (this.cidrList!.length === 0) {
        throw new ValidationError(scope, `'${prop}' has no CIDR: pass at least one, e.g. NetworkPeer.cidrs(['10.0.0.0/8'])`);
      }
      this.cidrList!.forEach(cidr => checkIpv4Cidr(scope, prop, cidr));
    }
  }

  /**
   * The NetworkPolicy peers (several for several CIDRs; none for any address).
   *
   * @internal
   */
  public _toKube(ownNamespace: string | undefined): k8s.NetworkPolicyPeer[] {
    const pods = this.podLabels ? { podSelector: { matchLabels: { ...this.podLabels } } } : {};
    switch (this.kind) {
      case PeerKind.NAMESPACE:
      case PeerKind.NAMESPACE_LABELS:
        return [{ namespaceSelector: { matchLabels: { ...this.namespaceLabels } }, ...pods }];
      case PeerKind.PODS: {
        const other = this.namespace !== undefined && this.namespace !== ownNamespace;
        return [{ ...pods, ...(other ? { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: this.namespace! } } } : {}) }];
      }
      case PeerKind.OWN_NAMESPACE:
        return [{ podSelector: this.podLabels ? { matchLabels: { ...this.podLabels } } : {} }];
      case PeerKind.CIDRS:
        return this.cidrList!.map(cidr => ({ ipBlock: { cidr } }));
      default:
        return [];
    }
  }
}

/**
 * Traffic a sidecar needs through its pod's NetworkPolicies: TCP on `ports` from (ingress) or to
 * (egress) any of `peers`.
 */
export interface SidecarTrafficRule {
  /** The other end; one match is enough. At least one peer. */
  readonly peers: NetworkPeer[];
  /** TCP port numbers: ports of the pod for ingress, destination ports for egress. At least one. */
  readonly ports: number[];
  /** The property the rule comes from, for error messages (e.g. `sidecars.log-shipper.outputs[0].destination`). */
  readonly prop: string;
}

/**
 * Checks the rules a sidecar passed to its host (peers, ports); returns them.
 *
 * @internal
 */
export function checkTrafficRules(scope: IConstruct, sidecar: string, rules: readonly SidecarTrafficRule[]): SidecarTrafficRule[] {
  checkDns1123Label(scope, 'sidecar name', sidecar);
  for (const rule of rules) {
    if (!Array.isArray(rule.peers) || rule.peers.length === 0) {
      throw new ValidationError(scope, `'${rule.prop}' names no peer: pass at least one NetworkPeer (e.g. NetworkPeer.namespace('monitoring'))`);
    }
    for (const peer of rule.peers) {
      if (!(peer instanceof NetworkPeer)) {
        throw new ValidationError(scope, `'${rule.prop}' (${JSON.stringify(peer)}) must be a NetworkPeer: use NetworkPeer.namespace(), .pods(), .cidrs() or .anyAddress()`);
      }
      peer._validate(scope, rule.prop);
    }
    if (!Array.isArray(rule.ports) || rule.ports.length === 0) {
      throw new ValidationError(scope, `'${rule.prop}' names no port: a rule needs at least one TCP port`);
    }
    rule.ports.forEach(port => checkPortNumber(scope, `${rule.prop} port`, port));
  }
  return rules.map(rule => ({ peers: [...rule.peers], ports: [...rule.ports], prop: rule.prop }));
}

/**
 * The `from`/`to` peers of a rule; undefined (any address) when one of the peers is any address.
 *
 * @internal
 */
export function rulePeers(rule: SidecarTrafficRule, ownNamespace: string | undefined): k8s.NetworkPolicyPeer[] | undefined {
  return rule.peers.some(peer => peer._isAny) ? undefined : rule.peers.flatMap(peer => peer._toKube(ownNamespace));
}

/**
 * The TCP ports of a rule.
 *
 * @internal
 */
export function rulePorts(rule: SidecarTrafficRule): k8s.NetworkPolicyPort[] {
  return [...new Set(rule.ports)].map(port => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));
}

/**
 * The workload side of sidecar egress: where the policies go and which pods they select.
 *
 * @internal
 */
export interface EgressPolicyHost {
  /** The workload (subject of the errors). */
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
 * The egress that sidecars need once a workload's egress is isolated (by `connectTo` or
 * `allowEgress`). Rules added before the isolation wait for it; rules added after it become a
 * NetworkPolicy at once, so the order of `addSidecar` and `connectTo` does not matter. Pods whose
 * egress is not isolated need no policy: one would isolate them.
 *
 * @internal
 */
export class SidecarEgress {
  private readonly _pending = new Map<string, SidecarTrafficRule[]>();
  private readonly _policies = new Map<string, k8s.KubeNetworkPolicy>();
  private _group?: Construct;

  /** @param groupId the construct id of the group of the policies, under `Connections` */
  constructor(private readonly host: EgressPolicyHost, private readonly groupId: string = 'Sidecars') {
  }

  /** The egress policies created so far, by sidecar name (a copy). */
  public get policies(): Map<string, k8s.KubeNetworkPolicy> {
    return new Map(this._policies);
  }

  /** Registers the egress rules of `sidecar` (once per sidecar). */
  public add(sidecar: string, rules: readonly SidecarTrafficRule[]): void {
    const checked = checkTrafficRules(this.host.scope, sidecar, rules);
    if (this._pending.has(sidecar) || this._policies.has(sidecar)) {
      throw new ValidationError(this.host.scope, `sidecar ${JSON.stringify(sidecar)} already declared its egress; each sidecar declares it once, in one call`);
    }
    if (checked.length === 0) {
      return;
    }
    if (this._group) {
      this.create(sidecar, checked);
    } else {
      this._pending.set(sidecar, checked);
    }
  }

  /** Called when the pods become egress-isolated: creates the waiting policies under `connections`. */
  public isolate(connections: Construct): void {
    this._group = this._group ?? new Construct(connections, this.groupId);
    for (const [sidecar, rules] of this._pending) {
      this.create(sidecar, rules);
    }
    this._pending.clear();
  }

  private create(sidecar: string, rules: SidecarTrafficRule[]): void {
    const egress: k8s.NetworkPolicyEgressRule[] = [];
    const seen = new Set<string>();
    for (const rule of rules) {
      const to = rulePeers(rule, this.host.namespace);
      const rendered = { ...(to ? { to } : {}), ports: rulePorts(rule) };
      const key = JSON.stringify(rendered);
      if (!seen.has(key)) {
        seen.add(key);
        egress.push(rendered);
      }
    }
    const policy = new k8s.KubeNetworkPolicy(this._group!, sidecar, {
      metadata: this.host.metadata,
      spec: { podSelector: { matchLabels: { ...this.host.podSelector } }, policyTypes: ['Egress'], egress },
    });
    this.host.label(policy);
    this._policies.set(sidecar, policy);
  }
}

/**
 * Throws unless `labels` is a non-empty map of valid label keys and values; errors name `prop`.
 *
 * @internal
 */
export function checkLabels(scope: IConstruct, prop: string, labels: Record<string, string> | undefined): void {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) {
    throw new ValidationError(scope, `'${prop}' must have at least one label (an empty selector would match everything; use NetworkPeer.namespace() for a whole namespace)`);
  }
  for (const [key, value] of entries) {
    checkRenderableKey(scope, prop, key);
    if (!isLabelKey(key)) {
      throw new ValidationError(scope, `'${prop}' key ${JSON.stringify(key)} must be a label key: an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.'`);
    }
    checkLabelValue(scope, `${prop}.${key}`, value);
  }
}

/** Whether `key` is a qualified label key (`[prefix/]name`). */
function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  return (prefix === undefined || isDns1123Subdomain(prefix))
    && name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
}

/** Throws unless `cidr` is an IPv4 CIDR. */
/**
 * Whether `cidr` is an IPv4 CIDR such as `10.0.0.0/8` (what the sidecar and egress options accept).
 *
 * @internal
 */
export function isIpv4Cidr(cidr: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(String(cidr));
  return match !== null && match.slice(1, 5).every(octet => Number(octet) <= 255) && Number(match[5]) <= 32;
}

function checkIpv4Cidr(scope: IConstruct, prop: string, cidr: string): void {
  if (!isIpv4Cidr(cidr)) {
    throw new ValidationError(scope, `'${prop}' CIDR (${JSON.stringify(cidr)}) must be an IPv4 CIDR such as '10.0.0.0/8'`);
  }
}
