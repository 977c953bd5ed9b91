import { IConstruct } from 'constructs';

/**
 * The contract between databases (`Database`, `ExternalDatabase`) and the workloads that connect
 * to them (`WebApp`, `Worker`, `CronTask` through `connectTo`).
 */

/** A key in a Secret, rendered as `secretKeyRef`; the value never appears in the output. */
export interface SecretKeyRef {
  readonly secretName: string;
  readonly key: string;
}

/** A connection setting: a plain, non-secret value or a key of a Secret (exactly one). */
export interface ConnectionValue {
  readonly value?: string;
  readonly secretKeyRef?: SecretKeyRef;
}

/** Where a client finds a database and how it authenticates. */
export interface DatabaseConnection {
  /** The URL scheme of the engine: `postgresql`, `mysql`, `redis`, `mongodb`. */
  readonly scheme: string;
  /** The host name clients use (the client Service's DNS name, or the external host). */
  readonly host: string;
  readonly port: number;
  /** The logical database; not every engine has one (Redis). */
  readonly databaseName?: string;
  /** The user name; not every engine has one. */
  readonly user?: ConnectionValue;
  /** The password: always a Secret key. */
  readonly password?: SecretKeyRef;
}

/** Where the database's pods or addresses are, so that NetworkPolicies can allow the traffic. */
export interface DatabaseNetwork {
  /** In-cluster: the labels that select the database pods. */
  readonly podSelector?: Record<string, string>;
  /** In-cluster: the namespace of the database pods; leave out for the client's namespace. */
  readonly namespace?: string;
  /** Outside the cluster, by IP: the CIDRs of the endpoints. */
  readonly ipBlocks?: string[];
  // With neither podSelector nor ipBlocks (an external DNS host), egress is allowed on the port to any address.
}

/** A client of a database, as the database sees it. */
export interface DatabaseClient {
  /** The construct path or name of the client, for messages and object names. */
  readonly name: string;
  /** The labels that select the client's pods. */
  readonly podSelector: Record<string, string>;
  /** The namespace of the client pods; leave out for the database's namespace. */
  readonly namespace?: string;
}

/** A container that waits until the database answers (an init container of the client). */
export interface DatabaseWaitSpec {
  /** A pinned image that has the engine's client tool. */
  readonly image: string;
  /**
   * The command; it gets the connection settings as environment variables: `DB_HOST`, `DB_PORT`,
   * and `DB_NAME`, `DB_USER`, `DB_PASSWORD` when the connection has them (set by `connectTo`).
   */
  readonly command: string[];
}

/** A database that workloads can connect to. */
export interface IDatabase extends IConstruct {
  /** How clients connect. */
  readonly connection: DatabaseConnection;
  /** Where the database is on the network. */
  readonly network: DatabaseNetwork;
  /** How a client waits for it; leave out when the engine has no cheap check. */
  readonly waitFor?: DatabaseWaitSpec;
  /**
   * Accepts traffic from a client: an in-cluster database allows the client's pods on its port in
   * its NetworkPolicy; an external database does nothing. Called by `connectTo`.
   */
  acceptClient(client: DatabaseClient): void;
}

const DATABASE_SYMBOL = Symbol.for('cdk8s-patterns.IDatabase');

/** Marks an object as an `IDatabase` (call it in the constructor of every database construct). */
export function markDatabase(database: IDatabase): void {
  Object.defineProperty(database, DATABASE_SYMBOL, { value: true });
}

/** Whether `x` is a database construct (works across copies of the library). */
export function isDatabase(x: unknown): x is IDatabase {
  return x !== null && typeof x === 'object' && DATABASE_SYMBOL in x;
}
