/**
 * A NetworkPolicy evaluator for tests: given synthesized objects, may traffic from one pod reach
 * another pod (or an IP address) on a port?
 *
 * It implements the networking.k8s.io/v1 semantics: a pod is isolated for a direction once any
 * policy in its namespace selects it with that policy type; an isolated pod allows a connection
 * when at least one selecting policy has a rule whose peers and ports match. A connection between
 * two pods needs both the source's egress and the destination's ingress to allow it.
 */
import { KubeObject } from '../validation/types';

/** A named container port of a pod, for policies that name ports. */
export interface NamedPort {
  /** The port name. */
  readonly name: string;
  /** The port number. */
  readonly containerPort: number;
  /** The protocol. @default 'TCP' */
  readonly protocol?: string;
}

/** A pod (or a set of identical pods), as NetworkPolicies see it. */
export interface PodEndpoint {
  /** A name for messages, e.g. `Deployment/web`. */
  readonly name: string;
  /** The namespace of the pod. */
  readonly namespace: string;
  /** The labels of the pod. */
  readonly labels: Readonly<Record<string, string>>;
  /** Named container ports. @default - none */
  readonly ports?: readonly NamedPort[];
}

/** An address outside the cluster's pods. */
export interface IpEndpoint {
  /** An IPv4 address. */
  readonly ip: string;
}

/** The source or destination of a connection. */
export type Endpoint = PodEndpoint | IpEndpoint;

/** Options of the evaluator. */
export interface NetworkPolicyEvaluatorOptions {
  /**
   * The namespace of objects without `metadata.namespace`.
   * @default 'default'
   */
  readonly defaultNamespace?: string;
  /**
   * Labels of namespaces, besides `kubernetes.io/metadata.name` (which every namespace has) and
   * the labels of Namespace objects in the input.
   * @default - none
   */
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The verdict on one direction of a connection. */
export interface DirectionVerdict {
  /** Whether the pod is isolated for this direction (some policy selects it). */
  readonly isolated: boolean;
  /** Whether the direction allows the connection. */
  readonly allowed: boolean;
  /** The names of the policies with a rule that allows it. */
  readonly allowedBy: string[];
}

/** The verdict on a connection. */
export interface TrafficVerdict {
  /** Whether the connection is allowed (egress of the source and ingress of the destination). */
  readonly allowed: boolean;
  /** The source's egress; an IP source has no egress policies. */
  readonly egress: DirectionVerdict;
  /** The destination's ingress; an IP destination has no ingress policies. */
  readonly ingress: DirectionVerdict;
}

/** A Kubernetes label selector. */
export interface LabelSelector {
  /** Labels that must be equal. */
  matchLabels?: Record<string, string>;
  /** Set-based requirements. */
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface Rule {
  peers?: Peer[];
  ports?: PolicyPort[];
}

interface Policy {
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  ingress?: Rule[];
  egress?: Rule[];
  types: Set<string>;
}

const WORKLOAD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/**
 * Evaluates the NetworkPolicies of a set of objects.
 *
 * @example
 * const net = new NetworkPolicyEvaluator(objects, { defaultNamespace: 'shop' });
 * const [web, db] = [net.pod('Deployment', 'shop-web-…'), net.pod('StatefulSet', 'shop-db-…')];
 * expect(net.allows(web, db, 5432)).toBe(true);
 */
export class NetworkPolicyEvaluator {
  private readonly policies: Policy[];
  private readonly defaultNamespace: string;
  private readonly namespaceLabels: Record<string, Record<string, string>> = {};
  private readonly pods: PodEndpoint[];

  constructor(objects: readonly KubeObject[], options: NetworkPolicyEvaluatorOptions = {}) {
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    for (const object of objects) {
      if (object.kind === 'Namespace') {
        const metadata = object.metadata as { name: string; labels?: Record<string, string> };
        this.namespaceLabels[metadata.name] = { ...metadata.labels };
      }
    }
    for (const [namespace, labels] of Object.entries(options.namespaceLabels ?? {})) {
      this.namespaceLabels[namespace] = { ...this.namespaceLabels[namespace], ...labels };
    }
    this.policies = objects.filter(o => o.kind === 'NetworkPolicy').map(o => this.toPolicy(o));
    this.pods = objects.flatMap(o => this.toPod(o));
  }

  /** The pods of the workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod) in the input. */
  public get workloadPods(): PodEndpoint[] {
    return [...this.pods];
  }

  /**
   * The pods of one workload object, by kind and name.
   *
   * @throws Error when there is no such workload
   */
  public pod(kind: string, name: string): PodEndpoint {
    const found = this.pods.find(p => p.name === `${kind}/${name}`);
    if (!found) {
      throw new Error(`No workload ${kind}/${name}; workloads: ${this.pods.map(p => p.name).join(', ') || 'none'}`);
    }
    return found;
  }

  /** Whether `from` may open a connection to `to` on `port` (a number) over `protocol`. */
  public allows(from: Endpoint, to: Endpoint, port: number, protocol: string = 'TCP'): boolean {
    return this.evaluate(from, to, port, protocol).allowed;
  }

  /** The verdict on a connection, with the policies that allow each direction. */
  public evaluate(from: Endpoint, to: Endpoint, port: number, protocol: string = 'TCP'): TrafficVerdict {
    const egress = isPod(from)
      ? this.direction(from, 'Egress', to, port, protocol)
      : { isolated: false, allowed: true, allowedBy: [] };
    const ingress = isPod(to)
      ? this.direction(to, 'Ingress', from, port, protocol)
      : { isolated: false, allowed: true, allowedBy: [] };
    return { allowed: egress.allowed && ingress.allowed, egress, ingress };
  }

  /** Evaluates the policies that select `pod` for `type` against the `peer` end of the connection. */
  private direction(pod: PodEndpoint, type: 'Ingress' | 'Egress', peer: Endpoint, port: number, protocol: string): DirectionVerdict {
    const selecting = this.policies.filter(p => p.types.has(type) && p.namespace === pod.namespace
      && matchesSelector(p.podSelector, pod.labels));
    if (selecting.length === 0) {
      return { isolated: false, allowed: true, allowedBy: [] };
    }
    // Named ports refer to the destination pod's container ports.
    const destination = type === 'Ingress' ? pod : peer;
    const allowedBy = selecting
      .filter(p => (type === 'Ingress' ? p.ingress : p.egress)?.some(rule =>
        this.ruleMatchesPeer(rule, p.namespace, peer) && ruleMatchesPort(rule, port, protocol, destination)))
      .map(p => p.name);
    return { isolated: true, allowed: allowedBy.length > 0, allowedBy };
  }

  private ruleMatchesPeer(rule: Rule, policyNamespace: string, peer: Endpoint): boolean {
    if (!rule.peers || rule.peers.length === 0) {
      return true;
    }
    return rule.peers.some(p => this.peerMatches(p, policyNamespace, peer));
  }

  private peerMatches(peer: Peer, policyNamespace: string, endpoint: Endpoint): boolean {
    if (peer.ipBlock) {
      return !isPod(endpoint) && ipBlockMatches(peer.ipBlock, endpoint.ip);
    }
    if (!isPod(endpoint)) {
      return false;
    }
    const namespaceOk = peer.namespaceSelector
      ? matchesSelector(peer.namespaceSelector, this.labelsOfNamespace(endpoint.namespace))
      : endpoint.namespace === policyNamespace;
    const podOk = peer.podSelector ? matchesSelector(peer.podSelector, endpoint.labels) : true;
    return namespaceOk && podOk && (peer.podSelector !== undefined || peer.namespaceSelector !== undefined);
  }

  private labelsOfNamespace(namespace: string): Record<string, string> {
    return { ...this.namespaceLabels[namespace], 'kubernetes.io/metadata.name': namespace };
  }

  private namespaceOf(object: KubeObject): string {
    const namespace = (object.metadata as { namespace?: string } | undefined)?.namespace;
    return namespace ?? this.defaultNamespace;
  }

  private toPolicy(object: KubeObject): Policy {
    const spec = (object.spec ?? {}) as {
      podSelector?: LabelSelector;
      policyTypes?: string[];
      ingress?: Array<{ from?: Peer[]; ports?: PolicyPort[] }>;
      egress?: Array<{ to?: Peer[]; ports?: PolicyPort[] }>;
    };
    // Defaulting of the API server: Ingress always, Egress when there are egress rules.
    const types = spec.policyTypes ?? ['Ingress', ...(spec.egress ? ['Egress'] : [])];
    return {
      name: String((object.metadata as { name?: string } | undefined)?.name),
      namespace: this.namespaceOf(object),
      podSelector: spec.podSelector ?? {},
      ingress: spec.ingress?.map(r => ({ peers: r.from, ports: r.ports })),
      egress: spec.egress?.map(r => ({ peers: r.to, ports: r.ports })),
      types: new Set(types),
    };
  }

  private toPod(object: KubeObject): PodEndpoint[] {
    const kind = String(object.kind);
    const path = kind === 'Pod' ? [] : WORKLOAD_TEMPLATE_PATHS[kind];
    if (!path) {
      return [];
    }
    let template: unknown = object;
    for (const key of path) {
      template = (template as Record<string, unknown> | undefined)?.[key];
    }
    const pod = template as { metadata?: { labels?: Record<string, string> }; spec?: { containers?: Array<{ ports?: NamedPort[] }> } } | undefined;
    const ports = (pod?.spec?.containers ?? []).flatMap(c => c.ports ?? []).filter(p => p.name !== undefined);
    return [{
      name: `${kind}/${String((object.metadata as { name?: string } | undefined)?.name)}`,
      namespace: this.namespaceOf(object),
      labels: { ...pod?.metadata?.labels },
      ports,
    }];
  }
}

/** Whether a label selector matches labels (an empty selector matches everything). */
export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) {
      return false;
    }
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has || !values.includes(labels[expression.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expression.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`Unknown label selector operator ${JSON.stringify(expression.operator)}`);
    }
  }
  return true;
}

function ruleMatchesPort(rule: Rule, port: number, protocol: string, destination: Endpoint): boolean {
  if (!rule.ports || rule.ports.length === 0) {
    return true;
  }
  return rule.ports.some(p => {
    if ((p.protocol ?? 'TCP') !== protocol) {
      return false;
    }
    if (p.port === undefined) {
      return true;
    }
    if (typeof p.port === 'string') {
      const named = isPod(destination)
        ? destination.ports?.find(n => n.name === p.port && (n.protocol ?? 'TCP') === protocol)
        : undefined;
      return named !== undefined && named.containerPort === port;
    }
    return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  });
}

function ipBlockMatches(block: { cidr: string; except?: string[] }, ip: string): boolean {
  return inCidr(ip, block.cidr) && !(block.except ?? []).some(e => inCidr(ip, e));
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const prefix = Number(bits ?? '32');
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return ((ipToNumber(ip) & mask) >>> 0) === ((ipToNumber(base) & mask) >>> 0);
}

function ipToNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some(p => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`Not an IPv4 address: ${JSON.stringify(ip)}`);
  }
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function isPod(endpoint: Endpoint): endpoint is PodEndpoint {
  return (endpoint as PodEndpoint).labels !== undefined;
}
