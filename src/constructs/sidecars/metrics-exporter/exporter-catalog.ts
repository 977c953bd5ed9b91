import { IConstruct } from 'constructs';
import { ConnectionValue, DatabaseConnection, SecretKeyRef } from '../../networking/connection';
import { ValidationError } from '../../core/errors';
import { Image } from '../../pod/image';

/**
 * The exporters of the database engines, configured from a `DatabaseConnection` without secret
 * values: the password (and a user kept in a Secret) become `secretKeyRef` variables, and other
 * settings reference them with `$(VAR)`, which the kubelet expands. Not exported from the package root.
 */

/** What an exporter container needs. */
export interface ExporterContainerSpec {
  /** Default container name. */
  readonly name: string;
  /** Default image (pinned). */
  readonly image: Image;
  /** The metrics port. */
  readonly port: number;
  /** The metrics path. */
  readonly path: string;
  /** Arguments. */
  readonly args: string[];
  /** Plain variables (may reference `secretEnv` with `$(VAR)`). */
  readonly env: Record<string, string>;
  /** Variables from Secret keys. */
  readonly secretEnv: Record<string, SecretKeyRef>;
}

/** One engine of the catalog. */
interface CatalogEntry {
  readonly name: string;
  readonly image: string;
  readonly port: number;
  readonly render: (c: DatabaseConnection, host: string, user: UserEnv) => Pick<ExporterContainerSpec, 'args' | 'env' | 'secretEnv'>;
}

/** Puts the connection user into `variable` (plain or from a Secret). */
type UserEnv = (variable: string) => { env: Record<string, string>; secretEnv: Record<string, SecretKeyRef> };

const CATALOG: Record<string, CatalogEntry> = {
  postgresql: {
    name: 'postgres-exporter',
    image: 'quay.io/prometheuscommunity/postgres-exporter:v0.15.0',
    port: 9187,
    render: (c, host, user) => {
      const u = user('DATA_SOURCE_USER');
      return {
        args: [],
        env: { DATA_SOURCE_URI: `${host}:${c.port}/${c.databaseName ?? 'postgres'}?sslmode=disable`, ...u.env },
        secretEnv: { ...u.secretEnv, ...password('DATA_SOURCE_PASS', c) },
      };
    },
  },
  mysql: {
    name: 'mysqld-exporter',
    image: 'prom/mysqld-exporter:v0.15.1',
    port: 9104,
    render: (c, host, user) => {
      const u = user('MYSQLD_USER');
      return {
        args: [`--mysqld.address=${host}:${c.port}`, ...c.user ? ['--mysqld.username=$(MYSQLD_USER)'] : []],
        env: u.env,
        secretEnv: { ...u.secretEnv, ...password('MYSQLD_EXPORTER_PASSWORD', c) },
      };
    },
  },
  redis: {
    name: 'redis-exporter',
    image: 'oliver006/redis_exporter:v1.62.0',
    port: 9121,
    render: (c, host, user) => {
      const u = user('REDIS_USER');
      return { args: [], env: { REDIS_ADDR: `redis://${host}:${c.port}`, ...u.env }, secretEnv: { ...u.secretEnv, ...password('REDIS_PASSWORD', c) } };
    },
  },
  mongodb: {
    name: 'mongodb-exporter',
    image: 'percona/mongodb_exporter:0.40.0',
    port: 9216,
    render: (c, host, user) => {
      const u = user('MONGODB_USER');
      return {
        args: ['--mongodb.uri=$(MONGODB_URI)', '--compatible-mode'],
        env: { ...u.env, MONGODB_URI: `mongodb://${host}:${c.port}/${c.databaseName ?? 'admin'}` },
        secretEnv: { ...u.secretEnv, ...password('MONGODB_PASSWORD', c) },
      };
    },
  },
};

/** The engines (connection schemes) that have an exporter. */
export const SUPPORTED_ENGINES: readonly string[] = Object.keys(CATALOG);

/**
 * The exporter of `connection`'s engine reaching the database at `host`; throws a
 * `ValidationError` on `scope` for `prop` when the engine has none.
 */
export function exporterFor(scope: IConstruct, prop: string, connection: DatabaseConnection, host: string): ExporterContainerSpec {
  const entry = Object.hasOwn(CATALOG, connection.scheme) ? CATALOG[connection.scheme] : undefined;
  if (!entry) {
    throw new ValidationError(scope, `'${prop}' engine (scheme ${JSON.stringify(connection.scheme)}) has no exporter in the catalog `
      + `(supported: ${SUPPORTED_ENGINES.map(e => JSON.stringify(e)).join(', ')}); use MetricsExporter.generic() with an exporter image`);
  }
  const user: UserEnv = variable => userEnv(scope, prop, variable, connection.user);
  return { name: entry.name, image: Image.of(entry.image), port: entry.port, path: '/metrics', ...entry.render(connection, host, user) };
}

function password(variable: string, c: DatabaseConnection): Record<string, SecretKeyRef> {
  return c.password ? { [variable]: { secretName: c.password.secretName, key: c.password.key } } : {};
}

function userEnv(scope: IConstruct, prop: string, variable: string, user: ConnectionValue | undefined): ReturnType<UserEnv> {
  if (!user) {
    return { env: {}, secretEnv: {} };
  }
  if ((user.value === undefined) === (user.secretKeyRef === undefined)) {
    throw new ValidationError(scope, `'${prop}' connection user must have exactly one of 'value' and 'secretKeyRef'`);
  }
  return user.secretKeyRef
    ? { env: {}, secretEnv: { [variable]: { ...user.secretKeyRef } } }
    : { env: { [variable]: user.value! }, secretEnv: {} };
}
