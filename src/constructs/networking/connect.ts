import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ConnectionValue, DatabaseConnection, IDatabase, isDatabase, SecretKeyRef } from './connection';
import { ValidationError } from '../core/errors';
import { Image, validateImage } from '../pod/image';
import { createDnsEgressPolicy, createEgressPolicy, isIpv4Cidr, SidecarEgress, SidecarTrafficRule } from './network-policy';
import { plus } from '../core/plus';
import { checkConfigKey, checkDns1123Subdomain, checkEnvVarName, checkPortNumber } from '../core/validators';
import { checkOptionNames, propNamesOf } from '../core/prop-names';

const CONNECT_NAMES = propNamesOf<ConnectOptions>('ConnectOptions', { envPrefix: true, urlVariable: true, waitForDatabase: true });
const EGRESS_NAMES = propNamesOf<EgressOptions>('EgressOptions', { cidrs: true, ports: true });

/**
 * Options of `connectTo`.
 */
export interface ConnectOptions {
  /**
   * Prefix of the connection variables: `<prefix>_HOST`, `<prefix>_PORT`, `<prefix>_NAME`,
   * `<prefix>_USER`, `<prefix>_PASSWORD`. Upper-case words of letters and digits joined by single `_`,
   * starting with a letter (`ORDERS_DB`). The objects of the connection are named after it in
   * kebab-case (`<workload>-connections-orders-db-egress-<hash>`).
   * @default - `DB` for the workload's first connection; for each further one the database's
   * construct id in UPPER_SNAKE_CASE with `_DB` appended (`Orders` → `ORDERS_DB`)
   */
  readonly envPrefix?: string;
  /**
   * Name of the variable with the connection URL.
   * @default - `DATABASE_URL` for the prefix `DB`, else `<prefix>_URL`
   */
  readonly urlVariable?: string;
  /**
   * Add an init container (the database's `waitFor` image and command, with the workload's secure
   * defaults) that holds the app container until the database answers.
   * @default false
   */
  readonly waitForDatabase?: boolean;
}

/**
 * Options of `allowEgress`: TCP traffic to addresses outside the connected databases.
 */
export interface EgressOptions {
  /**
   * Destination address ranges (CIDRs).
   * @default ['0.0.0.0/0'] - any IPv4 address
   */
  readonly cidrs?: string[];
  /**
   * Destination TCP ports.
   * @default [443]
   */
  readonly ports?: number[];
}

/** The names of the environment variables of one connection. */
export interface ConnectionVariables {
  /** The host name. */
  readonly host: string;
  /** The port. */
  readonly port: string;
  /** The logical database, if the engine has one. @default - none */
  readonly databaseName?: string;
  /** The user name, if the engine has one. @default - none */
  readonly user?: string;
  /** The password (a `secretKeyRef`), if any. @default - none */
  readonly password?: string;
  /** The connection URL, built from the other variables with `$(VAR)` references. */
  readonly url: string;
}

/** What `connectTo` set up for one database. */
export interface DatabaseBinding {
  /** The database. */
  readonly database: IDatabase;
  /** The prefix of the variables. */
  readonly envPrefix: string;
  /** The variable names. */
  readonly variables: ConnectionVariables;
  /** The client-side egress NetworkPolicy (to the database port). */
  readonly egressPolicy: ApiObject;
  /** The name of the wait init container, if `waitForDatabase` was set. @default - none */
  readonly waitContainerName?: string;
}

/**
 * The parts of a workload that `connectTo` wires.
 *
 * @internal
 */
export interface ConnectionHost {
  /** The workload (scope of the created objects, subject of the errors). */
  readonly scope: Construct;
  /** Labels that select the workload's pods. */
  readonly podSelector: Record<string, string>;
  /** The namespace of the workload's pods, if known. */
  readonly namespace?: string;
  /** Metadata (namespace, extra labels) of owned objects. */
  readonly metadata: ApiObjectMetadata;
  /** Whether a variable of this name is already set on the app container. */
  isEnvSet(name: string): boolean;
  /** Adds a variable to the app container (after the existing ones). */
  addEnv(name: string, value: plus.EnvValue): void;
  /** Adds an init container with the workload's secure defaults. */
  addInitContainer(name: string, image: Image, command: string[], env: Array<[string, plus.EnvValue]>): void;
  /** Labels an owned object. */
  label(object: IConstruct): void;
}

/** The prefix of the first connection. */
const FIRST_PREFIX = 'DB';
/** Upper-snake words: `_` only between letters and digits, so that the kebab-case form is a DNS label. */
const PREFIX = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * The connections of one workload: environment variables, NetworkPolicies, wait containers.
 *
 * @internal
 */
export class WorkloadConnections {
  private readonly _bindings: DatabaseBinding[] = [];
  private _group?: Construct;
  private _egressCount = 0;
  private readonly _sidecarEgress: SidecarEgress;
  private readonly _appEgress: SidecarEgress;

  constructor(private readonly host: ConnectionHost) {
    this._sidecarEgress = new SidecarEgress(host);
    this._appEgress = new SidecarEgress(host, 'Apps');
  }

  /** The bindings, in connection order (a copy). */
  public get bindings(): DatabaseBinding[] {
    return [...this._bindings];
  }

  /** Connects the workload to `database`; see `AppWorkload.connectTo`. */
  public connect(database: unknown, options: ConnectOptions): DatabaseBinding {
    const scope = this.host.scope;
    checkOptionNames(scope, 'connectTo', options, CONNECT_NAMES);
    if (!isDatabase(database)) {
      throw new ValidationError(scope, `'connectTo' argument (${describe(database)}) is not a database: `
        + 'pass a Database, an ExternalDatabase or another construct marked with markDatabase()');
    }
    const path = database.node.path;
    const existing = this._bindings.find(b => b.database === database);
    if (existing) {
      throw new ValidationError(scope, `'connectTo' database "${path}" is already connected to this workload `
        + `(variables ${existing.envPrefix}_*); connect each database once`);
    }
    const connection = checkConnection(scope, path, database.connection);
    const envPrefix = options.envPrefix ?? (this._bindings.length === 0 ? FIRST_PREFIX : derivePrefix(database.node.id));
    if (!PREFIX.test(envPrefix)) {
      throw new ValidationError(scope, `'envPrefix' (${JSON.stringify(envPrefix)}) must be upper-case words of letters and digits `
        + 'joined by single \'_\', starting with a letter (e.g. \'ORDERS_DB\')');
    }
    const urlVariable = options.urlVariable ?? (envPrefix === FIRST_PREFIX ? 'DATABASE_URL' : `${envPrefix}_URL`);
    checkEnvVarName(scope, 'urlVariable', urlVariable);
    const wait = options.waitForDatabase ?? false;
    if (wait && !database.waitFor) {
      throw new ValidationError(scope, `'waitForDatabase' is set, but database "${path}" has no wait command (waitFor); `
        + 'leave the option out for this database');
    }

    const names = variableNames(envPrefix, connection, urlVariable);
    for (const name of names) {
      if (this.host.isEnvSet(name) || names.indexOf(name) !== names.lastIndexOf(name)) {
        throw new ValidationError(scope, `'connectTo' variable ${JSON.stringify(name)} (database "${path}") is already set; `
          + 'pass another \'envPrefix\' or \'urlVariable\'');
      }
    }
    let image: Image | undefined;
    if (wait) {
      image = validateImage(scope, `waitFor.image of database "${path}"`, Image.of(database.waitFor!.image));
    }

    const group = new Construct(this.group(), connectionId(envPrefix));
    const env = connectionEnv(group, envPrefix, connection);
    const url = connectionUrl(connection, envPrefix);
    // Referenced variables come first: Kubernetes expands $(VAR) only from variables declared earlier.
    for (const [name, value] of env) {
      this.host.addEnv(name, value);
    }
    this.host.addEnv(urlVariable, plus.EnvValue.fromValue(url));

    const egressPolicy = createEgressPolicy(group, 'Egress', this.host.podSelector, this.host.metadata, {
      network: database.network,
      ports: [connection.port],
      clientNamespace: this.host.namespace,
    });
    this.host.label(egressPolicy);
    database.acceptClient({ name: scope.node.path, podSelector: { ...this.host.podSelector }, namespace: this.host.namespace });

    let waitContainerName: string | undefined;
    if (wait) {
      waitContainerName = `wait-for-${kebab(envPrefix)}`;
      const waitEnv = env.map(([name, value]): [string, plus.EnvValue] => [`${FIRST_PREFIX}${name.slice(envPrefix.length)}`, value]);
      this.host.addInitContainer(waitContainerName, image!, [...database.waitFor!.command], waitEnv);
    }

    const binding: DatabaseBinding = {
      database,
      envPrefix,
      variables: {
        host: `${envPrefix}_HOST`,
        port: `${envPrefix}_PORT`,
        databaseName: connection.databaseName !== undefined ? `${envPrefix}_NAME` : undefined,
        user: connection.user ? `${envPrefix}_USER` : undefined,
        password: connection.password ? `${envPrefix}_PASSWORD` : undefined,
        url: urlVariable,
      },
      egressPolicy,
      waitContainerName,
    };
    this._bindings.push(binding);
    return binding;
  }

  /** Allows egress to `options.cidrs` on `options.ports`; see `AppWorkload.allowEgress`. */
  public allowEgress(options: EgressOptions): ApiObject {
    const scope = this.host.scope;
    checkOptionNames(scope, 'allowEgress', options, EGRESS_NAMES);
    const cidrs = options.cidrs ?? ['0.0.0.0/0'];
    const ports = options.ports ?? [443];
    if (cidrs.length === 0 || ports.length === 0) {
      throw new ValidationError(scope, '\'allowEgress\' needs at least one CIDR and one port; leave them out for any address on port 443');
    }
    cidrs.forEach(cidr => checkCidr(scope, cidr));
    ports.forEach(port => checkPortNumber(scope, 'allowEgress.ports', port));
    const id = `Egress${this._egressCount++ === 0 ? '' : this._egressCount}`;
    const policy = createEgressPolicy(this.group(), id, this.host.podSelector, this.host.metadata, {
      network: { ipBlocks: [...cidrs] },
      ports: [...ports],
      clientNamespace: this.host.namespace,
    });
    this.host.label(policy);
    return policy;
  }

  /**
   * Lets the pods reach a sidecar's peers once their egress is isolated (now, or with the first
   * `connectTo`/`allowEgress`); see `ISidecarPod.allowEgress`.
   */
  public allowSidecarEgress(sidecar: string, rules: SidecarTrafficRule[]): void {
    this._sidecarEgress.add(sidecar, rules);
  }

  /**
   * Lets the pods reach another app of the bundle that admits them (`WebApp.allowFrom`), once their
   * egress is isolated (now, or with the first `connectTo`/`allowEgress`): pods whose egress is not
   * isolated reach it already. `app` (a DNS label) names the policy; once per app.
   */
  public allowAppEgress(app: string, rules: SidecarTrafficRule[]): void {
    this._appEgress.add(app, rules);
  }

  /** The `Connections` group with the DNS egress policy, created on the first connection. */
  private group(): Construct {
    if (!this._group) {
      this._group = new Construct(this.host.scope, 'Connections');
      const dns = createDnsEgressPolicy(this._group, 'Dns', this.host.podSelector, this.host.metadata);
      this.host.label(dns);
      this._sidecarEgress.isolate(this._group);
      this._appEgress.isolate(this._group);
    }
    return this._group;
  }
}

/** Validates what the database reports; errors name the database. */
function checkConnection(scope: IConstruct, path: string, connection: DatabaseConnection): DatabaseConnection {
  const prop = `connection of database "${path}"`;
  if (!connection || typeof connection.host !== 'string' || connection.host === '') {
    throw new ValidationError(scope, `'${prop}' has no host`);
  }
  if (!/^[a-z][a-z0-9+.-]*$/.test(connection.scheme ?? '')) {
    throw new ValidationError(scope, `'${prop}' has an invalid URL scheme (${JSON.stringify(connection.scheme)}): `
      + 'lower-case letters, digits, \'+\', \'.\' or \'-\', starting with a letter');
  }
  checkPortNumber(scope, `${prop}.port`, connection.port);
  if (connection.user) {
    const both = connection.user.value !== undefined && connection.user.secretKeyRef !== undefined;
    const neither = connection.user.value === undefined && connection.user.secretKeyRef === undefined;
    if (both || neither) {
      throw new ValidationError(scope, `'${prop}.user' must have exactly one of 'value' or 'secretKeyRef'`);
    }
    if (connection.user.secretKeyRef) {
      checkSecretKeyRef(scope, `${prop}.user.secretKeyRef`, connection.user.secretKeyRef);
    }
  }
  if (connection.password) {
    checkSecretKeyRef(scope, `${prop}.password`, connection.password);
  }
  return connection;
}

function checkCidr(scope: IConstruct, cidr: string): void {
  if (!isIpv4Cidr(cidr)) {
    throw new ValidationError(scope, `'allowEgress.cidrs' entry (${JSON.stringify(cidr)}) must be an IPv4 CIDR such as '10.0.0.0/8'`);
  }
}

function checkSecretKeyRef(scope: IConstruct, prop: string, ref: SecretKeyRef): void {
  checkDns1123Subdomain(scope, `${prop}.secretName`, ref.secretName);
  checkConfigKey(scope, `${prop}.key`, ref.key);
}

/** The names of the variables of a connection, the URL last. */
function variableNames(prefix: string, connection: DatabaseConnection, urlVariable: string): string[] {
  return [
    `${prefix}_HOST`,
    `${prefix}_PORT`,
    ...(connection.databaseName !== undefined ? [`${prefix}_NAME`] : []),
    ...(connection.user ? [`${prefix}_USER`] : []),
    ...(connection.password ? [`${prefix}_PASSWORD`] : []),
    urlVariable,
  ];
}

/** The variables before the URL, in declaration order. */
function connectionEnv(group: Construct, prefix: string, connection: DatabaseConnection): Array<[string, plus.EnvValue]> {
  const env: Array<[string, plus.EnvValue]> = [
    [`${prefix}_HOST`, plus.EnvValue.fromValue(connection.host)],
    [`${prefix}_PORT`, plus.EnvValue.fromValue(String(connection.port))],
  ];
  if (connection.databaseName !== undefined) {
    env.push([`${prefix}_NAME`, plus.EnvValue.fromValue(connection.databaseName)]);
  }
  if (connection.user) {
    env.push([`${prefix}_USER`, envValue(group, 'UserSecret', connection.user)]);
  }
  if (connection.password) {
    env.push([`${prefix}_PASSWORD`, secretValue(group, 'PasswordSecret', connection.password)]);
  }
  return env;
}

function envValue(group: Construct, id: string, value: ConnectionValue): plus.EnvValue {
  return value.secretKeyRef ? secretValue(group, id, value.secretKeyRef) : plus.EnvValue.fromValue(value.value!);
}

function secretValue(group: Construct, id: string, ref: SecretKeyRef): plus.EnvValue {
  const secret = plus.Secret.fromSecretName(group, id, ref.secretName);
  return plus.EnvValue.fromSecretValue({ secret, key: ref.key });
}

/** `scheme://$(P_USER):$(P_PASSWORD)@$(P_HOST):$(P_PORT)/$(P_NAME)`, leaving out what the connection lacks. */
function connectionUrl(connection: DatabaseConnection, prefix: string): string {
  const ref = (suffix: string) => `$(${prefix}_${suffix})`;
  const user = connection.user ? ref('USER') : '';
  const password = connection.password ? `:${ref('PASSWORD')}` : '';
  const credentials = user || password ? `${user}${password}@` : '';
  const path = connection.databaseName !== undefined ? `/${ref('NAME')}` : '';
  return `${connection.scheme}://${credentials}${ref('HOST')}:${ref('PORT')}${path}`;
}

/**
 * The construct id of a connection's group: the prefix with `-` for `_` (`ORDERS_DB` → `ORDERS-DB`;
 * `DB` stays `DB`). cdk8s keeps `_` when it builds object names from construct ids, and no
 * Kubernetes object name may contain one. Prefixes are unique per workload and the mapping is
 * one-to-one, so the ids are too.
 */
function connectionId(prefix: string): string {
  return prefix.replace(/_/g, '-');
}

/** `ORDERS_DB` → `orders-db` (a DNS label for any prefix that passes {@link PREFIX}). */
function kebab(prefix: string): string {
  return connectionId(prefix).toLowerCase();
}

/** `Orders` → `ORDERS_DB`, `OrdersDb` → `ORDERS_DB`, `analytics-store` → `ANALYTICS_STORE_DB`. */
function derivePrefix(id: string): string {
  const snake = id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '').toUpperCase();
  const base = /^[A-Z]/.test(snake) ? snake : `DB_${snake}`;
  return base === 'DB' || base.endsWith('_DB') ? base : `${base}_DB`;
}

function describe(value: unknown): string {
  const path = (value as IConstruct | undefined)?.node?.path;
  if (typeof path === 'string') {
    return `construct "${path}"`;
  }
  if (value === undefined || typeof value === 'function') {
    return String(value);
  }
  return JSON.stringify(value) ?? String(value);
}
