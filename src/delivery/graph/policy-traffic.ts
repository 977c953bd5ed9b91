/**
 * The traffic NetworkPolicies allow between the workloads of a set of objects, as edges.
 *
 * Semantics of networking.k8s.io/v1: a pod is isolated for a direction once a policy of its
 * namespace selects it with that policy type; a connection between two pods needs the source's
 * egress and the destination's ingress to allow it. Every pair some rule names becomes an edge;
 * an edge whose other end blocks it is reported with `allowed: false`.
 */
import { selectorMatches } from '../../validation/rules/common/selector';
import { asArray, asObject, asString, JsonObject } from '../../validation/rules/common/field';
import { KubeObject } from '../../validation/types';
import { cmp } from './model';
import { DEFAULT_NAMESPACE, field, identify } from './objects';

/** A workload as the policies see it. */
export interface PolicyWorkload {
  /** The node key of the workload. */
  readonly key: string;
  readonly namespace: string;
  /** The labels of its pods. */
  readonly labels: Readonly<Record<string, string>>;
  /** Its named container ports: name → `port/PROTOCOL`. */
  readonly namedPorts: ReadonlyMap<string, string>;
}

/** One end of a traffic edge outside the workloads: an address range or unmatched pods. */
export interface ExternalPeer {
  /** A description, e.g. `0.0.0.0/0` or `pods k8s-app=kube-dns in ns kubernetes.io/metadata.name=kube-system`. */
  readonly description: string;
}

/** A traffic edge: from and to are workload keys or external peers. */
export interface TrafficEdge {
  readonly from: string | ExternalPeer;
  readonly to: string | ExternalPeer;
  /** `port` or `port/PROTOCOL` (non-TCP) entries, sorted; undefined for any port. */
  readonly ports?: readonly string[];
  /** Whether both ends allow it. */
  readonly allowed: boolean;
}

/** Options of {@link policyTraffic}. */
export interface PolicyTrafficOptions {
  /**
   * Include rules whose ports are all 53 (DNS lookups to kube-dns).
   * @default false
   */
  readonly includeDns?: boolean;
}

type PortSet = Set<string> | 'any';

/** Separates the two keys of a pair (keys may contain any printable character). */
const SEP = '\n';

interface Direction {
  /** `src SEP dst` → declared ports. */
  readonly declared: Map<string, PortSet>;
  /** Keys of the workloads isolated for this direction. */
  readonly isolated: Set<string>;
}

/** Computes the traffic edges the NetworkPolicies in `objects` declare between `workloads`. */
export function policyTraffic(objects: readonly KubeObject[], workloads: readonly PolicyWorkload[],
  options: PolicyTrafficOptions = {}): TrafficEdge[] {
  const includeDns = options.includeDns ?? false;
  const namespaces = namespaceLabels(objects, workloads);
  const ingress: Direction = { declared: new Map(), isolated: new Set() };
  const egress: Direction = { declared: new Map(), isolated: new Set() };
  const external = new Map<string, { from: string | ExternalPeer; to: string | ExternalPeer; ports: PortSet }>();
  const byKey = new Map(workloads.map(w => [w.key, w]));

  for (const object of objects) {
    if (object.kind !== 'NetworkPolicy') continue;
    const id = identify(object);
    if (!id) continue;
    const spec = asObject(object.spec) ?? {};
    const selected = workloads.filter(w => w.namespace === id.namespace && selectorMatches(spec.podSelector, w.labels));
    const types = policyTypes(spec);
    for (const [type, direction, rulesKey, peersKey] of [
      ['Ingress', ingress, 'ingress', 'from'], ['Egress', egress, 'egress', 'to'],
    ] as const) {
      if (!types.includes(type)) continue;
      selected.forEach(w => direction.isolated.add(w.key));
      for (const item of asArray(spec[rulesKey])) {
        const rule = asObject(item) ?? {};
        const ports = rulePorts(rule.ports);
        if (!includeDns && ports !== 'any' && ports.size > 0 && [...ports].every(p => /^53(\/|$)/.test(p))) continue;
        const peers = asArray(rule[peersKey]);
        const peerList: Array<JsonObject | undefined> = peers.length === 0 ? [undefined] : peers.map(p => asObject(p) ?? {});
        for (const peer of peerList) {
          const matched = peer === undefined ? [] : peerWorkloads(peer, id.namespace, workloads, namespaces);
          for (const own of selected) {
            if (matched.length === 0) {
              const ext: ExternalPeer = { description: describePeer(peer, type) };
              const [from, to] = type === 'Ingress' ? [ext, own.key] : [own.key, ext];
              const key = `${typeof from === 'string' ? from : `ext:${from.description}`}${SEP}${typeof to === 'string' ? to : `ext:${to.description}`}`;
              const existing = external.get(key);
              external.set(key, { from, to, ports: union(existing?.ports, ports) });
              continue;
            }
            for (const other of matched) {
              const pair = type === 'Ingress' ? `${other.key}${SEP}${own.key}` : `${own.key}${SEP}${other.key}`;
              direction.declared.set(pair, union(direction.declared.get(pair), ports));
            }
          }
        }
      }
    }
  }

  const edges: TrafficEdge[] = [];
  const pairs = new Set([...ingress.declared.keys(), ...egress.declared.keys()]);
  for (const pair of pairs) {
    const [src, dst] = pair.split(SEP);
    const target = byKey.get(dst)!;
    const out = egress.declared.get(pair) ?? (egress.isolated.has(src) ? undefined : 'any');
    const inn = ingress.declared.get(pair) ?? (ingress.isolated.has(dst) ? undefined : 'any');
    let allowed = out !== undefined && inn !== undefined;
    let ports = allowed ? intersect(resolve(out!, target), resolve(inn!, target)) : resolve((out ?? inn)!, target);
    if (ports !== 'any' && ports.size === 0) {
      // both ends declare the pair, on different ports: nothing gets through
      allowed = false;
      ports = resolve((egress.declared.get(pair) ?? ingress.declared.get(pair))!, target);
    }
    edges.push({ from: src, to: dst, ports: ports === 'any' ? undefined : sortPorts(ports), allowed });
  }
  for (const { from, to, ports } of external.values()) {
    edges.push({ from, to, ports: ports === 'any' ? undefined : sortPorts(ports), allowed: true });
  }
  return edges;
}

function policyTypes(spec: JsonObject): string[] {
  const declared = asArray(spec.policyTypes).filter((t): t is string => typeof t === 'string');
  if (declared.length > 0) return declared;
  return asArray(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function rulePorts(value: unknown): PortSet {
  const list = asArray(value);
  if (list.length === 0) return 'any';
  const out = new Set<string>();
  for (const item of list) {
    const port = asObject(item) ?? {};
    const protocol = asString(port.protocol) ?? 'TCP';
    const suffix = protocol === 'TCP' ? '' : `/${protocol}`;
    if (port.port === undefined) return 'any';
    const end = typeof port.endPort === 'number' ? `-${port.endPort}` : '';
    out.add(`${String(port.port)}${end}${suffix}`);
  }
  return out;
}

function union(a: PortSet | undefined, b: PortSet): PortSet {
  if (a === undefined) return b;
  if (a === 'any' || b === 'any') return 'any';
  return new Set([...a, ...b]);
}

function intersect(a: PortSet, b: PortSet): PortSet {
  if (a === 'any') return b;
  if (b === 'any') return a;
  return new Set([...a].filter(p => b.has(p)));
}

/** Replaces named ports by the destination's numbers. */
function resolve(ports: PortSet, target: PolicyWorkload): PortSet {
  if (ports === 'any') return ports;
  return new Set([...ports].map(p => {
    const [name, protocol] = p.split('/');
    const named = target.namedPorts.get(name);
    return named !== undefined && /^[a-z]/.test(name) && (named.split('/')[1] ?? 'TCP') === (protocol ?? 'TCP') ? named : p;
  }));
}

function sortPorts(ports: Set<string>): string[] {
  return [...ports].sort((a, b) => (parseInt(a, 10) - parseInt(b, 10)) || cmp(a, b));
}

function namespaceLabels(objects: readonly KubeObject[], workloads: readonly PolicyWorkload[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const add = (name: string, labels: Record<string, string> = {}) => {
    out.set(name, { ...out.get(name), ...labels, 'kubernetes.io/metadata.name': name });
  };
  add(DEFAULT_NAMESPACE);
  workloads.forEach(w => add(w.namespace));
  for (const object of objects) {
    if (object.kind !== 'Namespace') continue;
    const name = asString(field(object, 'metadata', 'name'));
    const labels = asObject(field(object, 'metadata', 'labels')) ?? {};
    if (name) add(name, Object.fromEntries(Object.entries(labels).filter(([, v]) => typeof v === 'string')) as Record<string, string>);
  }
  return out;
}

function peerWorkloads(peer: JsonObject, namespace: string, workloads: readonly PolicyWorkload[],
  namespaces: Map<string, Record<string, string>>): PolicyWorkload[] {
  if (peer.ipBlock !== undefined || (peer.podSelector === undefined && peer.namespaceSelector === undefined)) return [];
  return workloads.filter(w => {
    const inNamespace = peer.namespaceSelector === undefined
      ? w.namespace === namespace
      : selectorMatches(peer.namespaceSelector, namespaces.get(w.namespace) ?? {});
    return inNamespace && selectorMatches(peer.podSelector, w.labels);
  });
}

function describeSelector(selector: unknown): string {
  const sel = asObject(selector);
  const parts = Object.entries(asObject(sel?.matchLabels) ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  for (const item of asArray(sel?.matchExpressions)) {
    const expr = asObject(item) ?? {};
    parts.push(`${String(expr.key)} ${String(expr.operator)}${expr.values ? ` (${asArray(expr.values).join(',')})` : ''}`);
  }
  return parts.length === 0 ? 'all' : parts.join(',');
}

function describePeer(peer: JsonObject | undefined, type: string): string {
  if (peer === undefined) return type === 'Ingress' ? 'any source' : 'any destination';
  const block = asObject(peer.ipBlock);
  if (block) {
    const except = asArray(block.except);
    return `${String(block.cidr)}${except.length > 0 ? ` except ${except.join(',')}` : ''}`;
  }
  const pods = peer.podSelector === undefined ? 'all pods' : `pods ${describeSelector(peer.podSelector)}`;
  return peer.namespaceSelector === undefined ? pods : `${pods} in namespaces ${describeSelector(peer.namespaceSelector)}`;
}
