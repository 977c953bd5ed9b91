/**
 * The graph model of an application: the objects a reader cares about as nodes, and how they are
 * wired as edges. Built by `buildGraph`, rendered by `toMermaid` and `renderSvg`.
 */

/** What a node stands for. Each member maps to the Kubernetes kind (or `External`). */
export enum NodeKind {
  /** A networking.k8s.io/v1 Ingress. */
  INGRESS = 'Ingress',
  /** A Gateway API Gateway (gateway.networking.k8s.io). */
  GATEWAY = 'Gateway',
  /** A Gateway API HTTPRoute. */
  HTTP_ROUTE = 'HTTPRoute',
  /** A Gateway API GRPCRoute. */
  GRPC_ROUTE = 'GRPCRoute',
  /** A v1 Service. */
  SERVICE = 'Service',
  /** An apps/v1 Deployment. */
  DEPLOYMENT = 'Deployment',
  /** An apps/v1 StatefulSet. */
  STATEFUL_SET = 'StatefulSet',
  /** An apps/v1 DaemonSet. */
  DAEMON_SET = 'DaemonSet',
  /** A batch/v1 CronJob. */
  CRON_JOB = 'CronJob',
  /** A batch/v1 Job. */
  JOB = 'Job',
  /** A v1 ConfigMap. */
  CONFIG_MAP = 'ConfigMap',
  /** A v1 Secret. */
  SECRET = 'Secret',
  /** A v1 PersistentVolumeClaim, or a StatefulSet's volume claim template. */
  PERSISTENT_VOLUME_CLAIM = 'PersistentVolumeClaim',
  /** A peer outside the objects: an address range or pods the input does not define. */
  EXTERNAL = 'External',
}

/** The column family of a node in the picture (left to right). */
export enum NodeRole {
  /** Ingresses: where traffic enters. */
  ENTRY = 0,
  /** Services. */
  SERVICE = 1,
  /** Workloads. */
  WORKLOAD = 2,
  /** ConfigMaps, Secrets, volume claims and external peers. */
  RESOURCE = 3,
}

/** What an edge stands for. */
export enum EdgeKind {
  /** An Ingress rule (or default backend) sends traffic to a Service. */
  ROUTES = 'routes',
  /** A Gateway to a route attached to one of its listeners (the route's parentRef). */
  ATTACHES = 'attaches',
  /** A Service selects the pods of a workload. */
  SELECTS = 'selects',
  /** A workload reads a ConfigMap (env, envFrom, volume), or an Ingress its TLS Secret. */
  CONFIG = 'config',
  /** A workload reads a Secret (env, envFrom, volume), or an Ingress its TLS Secret. */
  SECRET = 'secret',
  /** A workload mounts a volume claim. */
  MOUNTS = 'mounts',
  /** NetworkPolicies allow traffic from the source workload to the target (workload or external peer). */
  TRAFFIC = 'traffic',
  /** A workload connects to a database (a `*_HOST` variable naming a Service, or egress to database pods). */
  CONNECTS = 'connects',
}

/** A node of the graph. */
export interface GraphNode {
  /** Stable id, unique in the graph, made of `[A-Za-z0-9_]` (usable as a Mermaid and SVG id). */
  readonly id: string;
  /** What the node stands for. */
  readonly kind: NodeKind;
  /** The object name (for claim templates the template name; for external peers a description). */
  readonly name: string;
  /** The namespace; for external peers, the namespace of the workloads that talk to them. */
  readonly namespace?: string;
  /** Referenced by the objects but not defined by them (drawn dashed). */
  readonly external: boolean;
  /** A workload that runs a database (pod label `app.kubernetes.io/component: database`) or a Service in front of one. */
  readonly database: boolean;
  /** One short line of detail: replicas, hosts, ports, size. Empty when there is nothing to say. */
  readonly detail: string;
}

/** An edge of the graph. */
export interface GraphEdge {
  /** The id of the source node. */
  readonly from: string;
  /** The id of the target node. */
  readonly to: string;
  /** What the edge stands for. */
  readonly kind: EdgeKind;
  /** A short label (ports, variable names, how a config is used). Empty for none. */
  readonly label: string;
  /**
   * For TRAFFIC and CONNECTS edges: whether NetworkPolicies allow the connection on both ends
   * (`false`: one side declares it but the other side's policies block it).
   */
  readonly allowed: boolean;
}

/** The graph of one set of objects. */
export interface AppGraph {
  /** Nodes sorted by namespace, role, kind and name. */
  readonly nodes: readonly GraphNode[];
  /** Edges sorted by source, target and kind. */
  readonly edges: readonly GraphEdge[];
  /** The namespaces of the nodes, sorted. */
  readonly namespaces: readonly string[];
}

/** The column family of a kind. */
export function roleOf(kind: NodeKind): NodeRole {
  switch (kind) {
    case NodeKind.INGRESS:
    case NodeKind.GATEWAY:
    case NodeKind.HTTP_ROUTE:
    case NodeKind.GRPC_ROUTE:
      return NodeRole.ENTRY;
    case NodeKind.SERVICE:
      return NodeRole.SERVICE;
    case NodeKind.DEPLOYMENT:
    case NodeKind.STATEFUL_SET:
    case NodeKind.DAEMON_SET:
    case NodeKind.CRON_JOB:
    case NodeKind.JOB:
      return NodeRole.WORKLOAD;
    default:
      return NodeRole.RESOURCE;
  }
}

/** The workload kinds, in display order. */
export const WORKLOAD_KINDS: readonly NodeKind[] = [
  NodeKind.DEPLOYMENT, NodeKind.STATEFUL_SET, NodeKind.DAEMON_SET, NodeKind.CRON_JOB, NodeKind.JOB,
];

const KIND_ORDER: readonly NodeKind[] = Object.values(NodeKind);

/** Compares nodes for the canonical order: namespace, role, kind, name. */
export function compareNodes(a: GraphNode, b: GraphNode): number {
  return cmp(a.namespace ?? '\uffff', b.namespace ?? '\uffff')
    || roleOf(a.kind) - roleOf(b.kind)
    || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || cmp(a.name, b.name)
    || cmp(a.id, b.id);
}

/** Plain code-unit string comparison (locale-independent, so output is the same everywhere). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
