/**
 * A small in-cluster database double for `connectTo` tests: it implements the `IDatabase`
 * contract, runs one Pod with the given labels, and keeps an ingress NetworkPolicy that accepts
 * exactly the clients passed to `acceptClient`.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import {
  DatabaseClient, DatabaseConnection, DatabaseNetwork, DatabaseWaitSpec, IDatabase, markDatabase,
} from '../../src';

export interface FakeDatabaseProps {
  readonly connection?: Partial<DatabaseConnection>;
  readonly network?: DatabaseNetwork;
  readonly waitFor?: DatabaseWaitSpec;
  readonly namespace?: string;
}

export const PG_WAIT: DatabaseWaitSpec = {
  image: 'docker.io/library/postgres:16.4',
  command: ['sh', '-c', 'until pg_isready -h "$DB_HOST" -p "$DB_PORT"; do sleep 2; done'],
};

export class FakeDatabase extends Construct implements IDatabase {
  public readonly connection: DatabaseConnection;
  public readonly network: DatabaseNetwork;
  public readonly waitFor?: DatabaseWaitSpec;
  public readonly clients: DatabaseClient[] = [];

  constructor(scope: Construct, id: string, props: FakeDatabaseProps = {}) {
    super(scope, id);
    markDatabase(this);
    const labels = { 'app.kubernetes.io/name': id.toLowerCase(), 'app.kubernetes.io/component': 'database' };
    this.connection = {
      scheme: 'postgresql',
      host: `${id.toLowerCase()}.svc`,
      port: 5432,
      databaseName: 'app',
      user: { value: 'app' },
      password: { secretName: `${id.toLowerCase()}-credentials`, key: 'password' },
      ...props.connection,
    };
    this.network = props.network ?? { podSelector: labels, namespace: props.namespace };
    this.waitFor = props.waitFor;
    const metadata = props.namespace ? { namespace: props.namespace } : {};
    new ApiObject(this, 'Pod', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...metadata, labels },
      spec: { containers: [{ name: 'db', image: 'docker.io/library/postgres:16.4', ports: [{ name: 'postgres', containerPort: 5432 }] }] },
    });
    new ApiObject(this, 'Ingress', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata,
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Ingress'],
        // No clients: an empty rule list (deny all), never `from: []` (which would allow everyone).
        ingress: Lazy.any({
          produce: () => (this.clients.length === 0 ? [] : [{
            from: this.clients.map(c => ({
              podSelector: { matchLabels: c.podSelector },
              ...(c.namespace && c.namespace !== props.namespace
                ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': c.namespace } } } : {}),
            })),
            ports: [{ protocol: 'TCP', port: this.connection.port }],
          }]),
        }),
      },
    });
  }

  public acceptClient(client: DatabaseClient): void {
    this.clients.push(client);
  }
}
