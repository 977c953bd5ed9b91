/**
 * Builds the graph of an application from its Kubernetes objects: Ingresses, Gateways and their
 * HTTPRoutes and GRPCRoutes, Services,
 * workloads, ConfigMaps, Secrets, volume claims and external peers as nodes; routing, selection,
 * configuration, mounts, NetworkPolicy traffic and database connections as edges.
 */
import { asArray, asObject, asString, JsonObject } from '../../validation/rules/common/field';
import { isEmptySelector, selectorMatches } from '../../validation/rules/common/selector';
import { KubeObject } from '../../validation/types';
import { replicaRanges } from './capacity';
import { formatReplicas } from './capacity-format';
import { AppGraph, cmp, compareNodes, EdgeKind, GraphEdge, GraphNode, NodeKind, WORKLOAD_KINDS } from './model';
import { containersOf, field, identify, labelsOf, plainEnv, podTemplateOf } from './objects';
import { PolicyWorkload, policyTraffic, TrafficEdge } from './policy-traffic';

/** Options of {@link buildGraph}. */
export interface BuildGraphOptions {
  /**
   * Draw the DNS egress rules (port 53) every connected workload has.
   * @default false
   */
  readonly includeDns?: boolean;
}

const DATABASE_LABEL = 'app.kubernetes.io/component';
const ID_PREFIX: Record<NodeKind, string> = {
  [NodeKind.INGRESS]: 'ing',
  [NodeKind.GATEWAY]: 'gw',
  [NodeKind.HTTP_ROUTE]: 'httproute',
  [NodeKind.GRPC_ROUTE]: 'grpcroute',
  [NodeKind.SERVICE]: 'svc',
  [NodeKind.DEPLOYMENT]: 'deploy',
  [NodeKind.STATEFUL_SET]: 'sts',
  [NodeKind.DAEMON_SET]: 'ds',
  [NodeKind.CRON_JOB]: 'cj',
  [NodeKind.JOB]: 'job',
  [NodeKind.CONFIG_MAP]: 'cm',
  [NodeKind.SECRET]: 'secret',
  [NodeKind.PERSISTENT_VOLUME_CLAIM]: 'pvc',
  [NodeKind.EXTERNAL]: 'ext',
};

interface MutableNode {
  kind: NodeKind;
  name: string;
  namespace?: string;
  external: boolean;
  database: boolean;
  detail: string;
}

interface MutableEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  labels: string[];
  allowed: boolean;
}

interface Workload extends PolicyWorkload {
  readonly podSpec?: JsonObject;
}

/** Builds the graph of `objects` (deterministic: the same objects give the same graph). */
export function buildGraph(objects: readonly KubeObject[], options: BuildGraphOptions = {}): AppGraph {
  return new GraphBuilder(objects, options).build();
}

class GraphBuilder {
  private readonly nodes = new Map<string, MutableNode>();
  private readonly edges = new Map<string, MutableEdge>();
  private readonly workloads: Workload[] = [];
  private readonly services: Array<{ key: string; namespace: string; selector?: JsonObject }> = [];

  constructor(private readonly objects: readonly KubeObject[], private readonly options: BuildGraphOptions) {}

  public build(): AppGraph {
    const replicas = replicaRanges(this.objects);
    for (const object of this.objects) this.addObjectNode(object, replicas);
    for (const object of this.objects) {
      if (object.kind === 'Ingress') this.ingressEdges(object);
      if (isGatewayApi(object) && (object.kind === 'HTTPRoute' || object.kind === 'GRPCRoute')) this.routeEdges(object);
      if (object.kind === 'Service') this.serviceEdges(object);
    }
    for (const workload of this.workloads) this.workloadEdges(workload);
    this.trafficAndConnections();
    return this.finish();
  }

  private addObjectNode(object: KubeObject, replicas: ReturnType<typeof replicaRanges>): void {
    const id = identify(object);
    if (!id) return;
    const kind = Object.values(NodeKind).find(k => k === id.kind && k !== NodeKind.EXTERNAL);
    if (!kind) return;
    // Gateway, HTTPRoute and GRPCRoute only from the Gateway API (Istio has a Gateway kind too).
    if ([NodeKind.GATEWAY, NodeKind.HTTP_ROUTE, NodeKind.GRPC_ROUTE].includes(kind) && !isGatewayApi(object)) return;
    const spec = asObject(object.spec) ?? {};
    let detail = '';
    let database = false;
    const key = this.node(kind, id.name, id.namespace);
    if (WORKLOAD_KINDS.includes(kind)) {
      const template = podTemplateOf(object);
      const labels = labelsOf(template);
      database = labels[DATABASE_LABEL] === 'database';
      const range = replicas.get(`${id.kind}|${id.namespace}|${id.name}`)!;
      detail = kind === NodeKind.CRON_JOB ? `schedule ${String(spec.schedule ?? '?')}` : `replicas ${formatReplicas(range)}`;
      const podSpec = asObject(template?.spec);
      const namedPorts = new Map<string, string>();
      for (const { container } of containersOf(podSpec)) {
        for (const item of asArray(container.ports)) {
          const port = asObject(item) ?? {};
          const protocol = asString(port.protocol) ?? 'TCP';
          if (typeof port.name === 'string') namedPorts.set(port.name, `${String(port.containerPort)}${protocol === 'TCP' ? '' : `/${protocol}`}`);
        }
      }
      this.workloads.push({ key, namespace: id.namespace, labels, namedPorts, podSpec });
      asArray(spec.volumeClaimTemplates).forEach(item => {
        const template = asObject(item) ?? {};
        const name = asString(field(template, 'metadata', 'name')) ?? 'claim';
        const size = asString(field(template, 'spec', 'resources', 'requests', 'storage'));
        const claim = this.node(NodeKind.PERSISTENT_VOLUME_CLAIM, `${name}-${id.name}-*`, id.namespace);
        Object.assign(this.nodes.get(claim)!, { external: false, detail: `claim template${size ? `, ${size} each` : ''}` });
        this.edge(key, claim, EdgeKind.MOUNTS, name);
      });
    } else if (kind === NodeKind.INGRESS) {
      const hosts = asArray(spec.rules).map(r => asString(asObject(r)?.host)).filter((h): h is string => !!h);
      detail = hosts.length > 0 ? [...new Set(hosts)].join(', ') : 'any host';
    } else if (kind === NodeKind.GATEWAY) {
      detail = asArray(spec.listeners).map(item => {
        const listener = asObject(item) ?? {};
        const host = asString(listener.hostname);
        return `${String(listener.name)} ${String(listener.protocol)}:${String(listener.port)}${host ? ` ${host}` : ''}`;
      }).join(', ') || 'no listener';
    } else if (kind === NodeKind.HTTP_ROUTE || kind === NodeKind.GRPC_ROUTE) {
      const hosts = asArray(spec.hostnames).filter((h): h is string => typeof h === 'string');
      detail = hosts.length > 0 ? hosts.join(', ') : 'any host';
    } else if (kind === NodeKind.SERVICE) {
      const ports = asArray(spec.ports).map(p => String(asObject(p)?.port)).join(',');
      const type = spec.type === 'ExternalName' ? `ExternalName ${String(spec.externalName)}`
        : spec.clusterIP === 'None' ? 'headless' : asString(spec.type) ?? 'ClusterIP';
      detail = `${type}${ports && spec.type !== 'ExternalName' ? ` :${ports}` : ''}`;
      const selector = asObject(spec.selector);
      this.services.push({ key, namespace: id.namespace, selector: selector && !isEmptySelector({ matchLabels: selector }) ? selector : undefined });
    } else if (kind === NodeKind.CONFIG_MAP || kind === NodeKind.SECRET) {
      const keys = Object.keys(asObject(object.data) ?? {}).length + Object.keys(asObject(object.stringData) ?? {}).length
        + Object.keys(asObject(object.binaryData) ?? {}).length;
      detail = `${keys} key${keys === 1 ? '' : 's'}`;
    } else if (kind === NodeKind.PERSISTENT_VOLUME_CLAIM) {
      detail = asString(field(spec, 'resources', 'requests', 'storage')) ?? '';
    }
    const node = this.nodes.get(key)!;
    node.external = false;
    node.detail = detail;
    node.database = database;
  }

  private ingressEdges(object: KubeObject): void {
    const id = identify(object)!;
    const from = this.node(NodeKind.INGRESS, id.name, id.namespace);
    const backends: JsonObject[] = [];
    const defaultBackend = asObject(field(object, 'spec', 'defaultBackend'));
    if (defaultBackend) backends.push(defaultBackend);
    for (const rule of asArray(field(object, 'spec', 'rules'))) {
      for (const path of asArray(field(rule, 'http', 'paths'))) {
        const backend = asObject(asObject(path)?.backend);
        if (backend) backends.push(backend);
      }
    }
    for (const backend of backends) {
      const service = asObject(backend.service);
      const name = asString(service?.name);
      if (!name) continue;
      const port = asObject(service?.port);
      this.edge(from, this.node(NodeKind.SERVICE, name, id.namespace), EdgeKind.ROUTES, `:${String(port?.number ?? port?.name ?? '?')}`);
    }
    for (const tls of asArray(field(object, 'spec', 'tls'))) {
      const secret = asString(asObject(tls)?.secretName);
      if (secret) this.edge(from, this.node(NodeKind.SECRET, secret, id.namespace), EdgeKind.SECRET, 'tls');
    }
  }

  /** A Gateway API route: its Gateways attach it (by listener), it routes to its backend Services. */
  private routeEdges(object: KubeObject): void {
    const id = identify(object)!;
    const route = this.node(object.kind === 'GRPCRoute' ? NodeKind.GRPC_ROUTE : NodeKind.HTTP_ROUTE, id.name, id.namespace);
    for (const item of asArray(field(object, 'spec', 'parentRefs'))) {
      const ref = asObject(item) ?? {};
      const name = asString(ref.name);
      if (!name || (asString(ref.kind) ?? 'Gateway') !== 'Gateway' || (asString(ref.group) ?? GATEWAY_GROUP) !== GATEWAY_GROUP) continue;
      const gateway = this.node(NodeKind.GATEWAY, name, asString(ref.namespace) || id.namespace);
      this.edge(gateway, route, EdgeKind.ATTACHES, asString(ref.sectionName) ?? '');
    }
    for (const rule of asArray(field(object, 'spec', 'rules'))) {
      for (const item of asArray(asObject(rule)?.backendRefs)) {
        const ref = asObject(item) ?? {};
        const name = asString(ref.name);
        if (!name || (asString(ref.kind) ?? 'Service') !== 'Service' || (asString(ref.group) ?? '') !== '') continue;
        const weight = typeof ref.weight === 'number' ? ` weight ${ref.weight}` : '';
        this.edge(route, this.node(NodeKind.SERVICE, name, asString(ref.namespace) || id.namespace), EdgeKind.ROUTES, `:${String(ref.port ?? '?')}${weight}`);
      }
    }
  }

  private serviceEdges(object: KubeObject): void {
    const id = identify(object)!;
    const key = this.node(NodeKind.SERVICE, id.name, id.namespace);
    const service = this.services.find(s => s.key === key);
    if (!service?.selector) return;
    const ports = asArray(field(object, 'spec', 'ports')).map(item => {
      const port = asObject(item) ?? {};
      return port.targetPort === undefined || port.targetPort === port.port ? `:${String(port.port)}` : `:${String(port.port)}→${String(port.targetPort)}`;
    });
    for (const workload of this.workloads) {
      if (workload.namespace === id.namespace && selectorMatches({ matchLabels: service.selector }, workload.labels)) {
        this.edge(key, workload.key, EdgeKind.SELECTS, ports.join(' '));
        if (this.nodes.get(workload.key)!.database) this.nodes.get(key)!.database = true;
      }
    }
  }

  private workloadEdges(workload: Workload): void {
    const spec = workload.podSpec;
    const ns = workload.namespace;
    for (const { container } of containersOf(spec)) {
      for (const item of asArray(container.env)) {
        const from = asObject(asObject(item)?.valueFrom);
        const cm = asString(field(from, 'configMapKeyRef', 'name'));
        const secret = asString(field(from, 'secretKeyRef', 'name'));
        if (cm) this.edge(workload.key, this.node(NodeKind.CONFIG_MAP, cm, ns), EdgeKind.CONFIG, 'env');
        if (secret) this.edge(workload.key, this.node(NodeKind.SECRET, secret, ns), EdgeKind.SECRET, 'env');
      }
      for (const item of asArray(container.envFrom)) {
        const cm = asString(field(item, 'configMapRef', 'name'));
        const secret = asString(field(item, 'secretRef', 'name'));
        if (cm) this.edge(workload.key, this.node(NodeKind.CONFIG_MAP, cm, ns), EdgeKind.CONFIG, 'envFrom');
        if (secret) this.edge(workload.key, this.node(NodeKind.SECRET, secret, ns), EdgeKind.SECRET, 'envFrom');
      }
    }
    for (const item of asArray(spec?.volumes)) {
      const volume = asObject(item) ?? {};
      const cm = asString(field(volume, 'configMap', 'name'));
      const secret = asString(field(volume, 'secret', 'secretName'));
      const claim = asString(field(volume, 'persistentVolumeClaim', 'claimName'));
      if (cm) this.edge(workload.key, this.node(NodeKind.CONFIG_MAP, cm, ns), EdgeKind.CONFIG, 'volume');
      if (secret) this.edge(workload.key, this.node(NodeKind.SECRET, secret, ns), EdgeKind.SECRET, 'volume');
      if (claim) this.edge(workload.key, this.node(NodeKind.PERSISTENT_VOLUME_CLAIM, claim, ns), EdgeKind.MOUNTS, 'volume');
      for (const source of asArray(field(volume, 'projected', 'sources'))) {
        const pcm = asString(field(source, 'configMap', 'name'));
        const psecret = asString(field(source, 'secret', 'name'));
        if (pcm) this.edge(workload.key, this.node(NodeKind.CONFIG_MAP, pcm, ns), EdgeKind.CONFIG, 'volume');
        if (psecret) this.edge(workload.key, this.node(NodeKind.SECRET, psecret, ns), EdgeKind.SECRET, 'volume');
      }
    }
  }

  private trafficAndConnections(): void {
    const traffic = new Map<string, TrafficEdge>();
    for (const edge of policyTraffic(this.objects, this.workloads, { includeDns: this.options.includeDns })) {
      // an external peer is drawn once per namespace, next to the workloads that talk to it
      const ns = this.workloads.find(w => w.key === (typeof edge.from === 'string' ? edge.from : edge.to))?.namespace;
      const from = typeof edge.from === 'string' ? edge.from : this.node(NodeKind.EXTERNAL, edge.from.description, ns);
      const to = typeof edge.to === 'string' ? edge.to : this.node(NodeKind.EXTERNAL, edge.to.description, ns);
      traffic.set(`${from}|${to}`, { ...edge, from, to });
    }
    // Database connections: a *_HOST variable naming a Service of the objects.
    for (const workload of this.workloads) {
      for (const { container, list } of containersOf(workload.podSpec)) {
        if (list !== 'containers') continue;
        const env = new Map(plainEnv(container));
        for (const [name, value] of env) {
          if (!/(^|_)HOST$/.test(name)) continue;
          const service = this.resolveServiceHost(value, workload.namespace);
          if (!service) continue;
          const port = env.get(`${name.slice(0, -'HOST'.length)}PORT`);
          const backends = this.services.find(s => s.key === service)?.selector
            ? [...this.edges.values()].filter(e => e.kind === EdgeKind.SELECTS && e.from === service).map(e => e.to) : [];
          let allowed = true;
          for (const backend of backends) {
            const pair = traffic.get(`${workload.key}|${backend}`);
            if (pair) {
              traffic.delete(`${workload.key}|${backend}`);
              allowed &&= pair.allowed;
            }
          }
          this.edge(workload.key, service, EdgeKind.CONNECTS, `${name}${port ? ` :${port}` : ''}`, allowed);
          this.nodes.get(service)!.database = true;
        }
      }
    }
    for (const edge of traffic.values()) {
      const from = edge.from as string;
      const to = edge.to as string;
      const label = edge.ports ? `:${edge.ports.join(',')}` : 'any port';
      const kind = this.nodes.get(to)!.database && this.nodes.get(from)!.kind !== NodeKind.EXTERNAL ? EdgeKind.CONNECTS : EdgeKind.TRAFFIC;
      this.edge(from, to, kind, label, edge.allowed);
    }
  }

  /** `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`, each optionally with `:port`. */
  private resolveServiceHost(value: string, namespace: string): string | undefined {
    const host = value.replace(/:\d+$/, '');
    const parts = host.split('.');
    if (parts.length > 2 && parts[2] !== 'svc') return undefined;
    const key = nodeKey(NodeKind.SERVICE, parts[0], parts[1] ?? namespace);
    return this.nodes.has(key) && !this.nodes.get(key)!.external ? key : undefined;
  }

  /** The key of a node, adding it (as external, until its object is seen) when new. */
  private node(kind: NodeKind, name: string, namespace?: string): string {
    const key = nodeKey(kind, name, namespace);
    if (!this.nodes.has(key)) {
      this.nodes.set(key, { kind, name, namespace, external: true, database: false, detail: kind === NodeKind.EXTERNAL ? '' : 'not defined here' });
    }
    return key;
  }

  private edge(from: string, to: string, kind: EdgeKind, label: string, allowed = true): void {
    const key = `${from}|${to}|${kind}`;
    const existing = this.edges.get(key);
    if (existing) {
      if (label && !existing.labels.includes(label)) existing.labels.push(label);
      existing.allowed &&= allowed;
    } else {
      this.edges.set(key, { from, to, kind, labels: label ? [label] : [], allowed });
    }
  }

  private finish(): AppGraph {
    const keyed = [...this.nodes.entries()].map(([key, n]) => ({ key, node: { ...n, id: '' } as GraphNode }));
    keyed.sort((a, b) => compareNodes(a.node, b.node) || cmp(a.key, b.key));
    const ids = new Map<string, string>();
    const used = new Set<string>();
    const nodes = keyed.map(({ key, node }) => {
      const base = `${ID_PREFIX[node.kind]}_${node.namespace ? `${sanitize(node.namespace)}__` : ''}${sanitize(node.name)}`;
      let id = base;
      for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
      used.add(id);
      ids.set(key, id);
      return { ...node, id };
    });
    const edges: GraphEdge[] = [...this.edges.values()].map(e => ({
      from: ids.get(e.from)!, to: ids.get(e.to)!, kind: e.kind, label: e.labels.join(', '), allowed: e.allowed,
    }));
    edges.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.kind, b.kind));
    const namespaces = [...new Set(nodes.map(n => n.namespace).filter((n): n is string => n !== undefined))].sort(cmp);
    return { nodes, edges, namespaces };
  }
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** Whether `object` is of the Gateway API group. */
function isGatewayApi(object: KubeObject): boolean {
  return (asString(object.apiVersion) ?? '').startsWith(`${GATEWAY_GROUP}/`);
}

function nodeKey(kind: NodeKind, name: string, namespace?: string): string {
  return `${kind}|${namespace ?? ''}|${name}`;
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '_');
}
