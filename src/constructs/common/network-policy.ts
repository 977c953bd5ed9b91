import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { DatabaseNetwork } from './connection';
import { k8s } from './plus';

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
