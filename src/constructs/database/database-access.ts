import { ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { DatabaseClient } from '../networking/connection';
import { ValidationError } from '../core/errors';
import { rulePeers, rulePorts, SidecarTrafficRule } from '../networking/network-policy';
import { k8s } from '../core/plus';
import { checkDns1123Label, checkLabelValue } from '../core/validators';

/**
 * The NetworkPolicy of a database: its pods accept traffic on the database port only from the
 * clients added with `accept`, and on a sidecar's ports only from the peers the sidecar names
 * with `allowSidecar` (e.g. Prometheus on the exporter's metrics port); nothing else, so no client
 * and no sidecar = no ingress at all.
 *
 * @internal
 */
export class DatabaseAccess {
  /** The NetworkPolicy. */
  public readonly policy: k8s.KubeNetworkPolicy;
  private readonly clients = new Map<string, DatabaseClient>();
  private readonly sidecarRules: SidecarTrafficRule[] = [];

  constructor(scope: Construct, id: string, metadata: ApiObjectMetadata,
    podSelector: Record<string, string>, private readonly port: number, private readonly namespace?: string) {
    this.policy = new k8s.KubeNetworkPolicy(scope, id, {
      metadata,
      spec: {
        podSelector: { matchLabels: { ...podSelector } },
        policyTypes: ['Ingress'],
        ingress: Lazy.any({ produce: () => this.rules() }) as unknown as k8s.NetworkPolicyIngressRule[],
      },
    });
  }

  /** The clients accepted so far (a copy). */
  public get acceptedClients(): DatabaseClient[] {
    return [...this.clients.values()];
  }

  /** Admits the pods of `client` on the database port; adding the same client twice is a no-op. */
  public accept(scope: Construct, client: DatabaseClient): void {
    if (client === undefined || client === null || typeof client.podSelector !== 'object' || Object.keys(client.podSelector).length === 0) {
      throw new ValidationError(scope, `'client' (${JSON.stringify(client?.name ?? client)}) must select its pods with a non-empty podSelector`);
    }
    for (const [key, value] of Object.entries(client.podSelector)) {
      checkLabelValue(scope, `client podSelector ${key}`, value);
    }
    if (client.namespace !== undefined) {
      checkDns1123Label(scope, 'client namespace', client.namespace);
    }
    const namespace = client.namespace === this.namespace ? undefined : client.namespace;
    const key = JSON.stringify([namespace ?? '', Object.entries(client.podSelector).sort()]);
    if (!this.clients.has(key)) {
      this.clients.set(key, { ...client, namespace, podSelector: { ...client.podSelector } });
    }
  }

  /** Admits the peers of a sidecar's rules on the rules' ports only (rules checked by the caller). */
  public allowSidecar(rules: SidecarTrafficRule[]): void {
    this.sidecarRules.push(...rules);
  }

  private rules(): k8s.NetworkPolicyIngressRule[] {
    const sidecars = this.sidecarRules.map((rule): k8s.NetworkPolicyIngressRule => {
      const from = rulePeers(rule, this.namespace);
      return { ...(from ? { from } : {}), ports: rulePorts(rule) };
    });
    return [...this.clientRules(), ...sidecars];
  }

  private clientRules(): k8s.NetworkPolicyIngressRule[] {
    return this.acceptedClients.map(client => ({
      from: [{
        podSelector: { matchLabels: { ...client.podSelector } },
        ...(client.namespace !== undefined
          ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': client.namespace } } }
          : {}),
      }],
      ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(this.port) }],
    }));
  }
}
