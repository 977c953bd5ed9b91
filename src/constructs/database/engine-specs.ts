import { CredentialRequirements, UserKeyRule } from '../credentials/credential-requirements';

/**
 * How each engine's official image runs: UID/GID, paths, environment, probes, backup and wait
 * commands. Facts checked against the docker-library Dockerfiles and entrypoints:
 * postgres 16 (Debian bookworm) and mysql 8.4 (Oracle Linux 9) create their user with UID/GID 999,
 * redis 7.4 (Debian bookworm) and mongo 7.0 (Ubuntu jammy) too; each entrypoint runs as a non-root
 * UID without trying to change ownership when the data directory is writable (fsGroup).
 *
 * @internal
 */

/** Where the credentials are, as environment variable sources for the engine. */
export interface EngineCredentialRefs {
  /** The Secret key of the password. */
  readonly passwordKey: string;
  /** The Secret key of the user name, if any. */
  readonly userKey?: string;
  /** A plain user name (`DatabaseProps.user`), if any; never together with `userKey`. */
  readonly userName?: string;
}

/** Environment variables of a container: plain values and Secret keys (of the credentials Secret). */
export interface EngineEnv {
  readonly plain: Record<string, string>;
  readonly secret: Record<string, string>;
}

/** The behaviour of one engine. */
export interface EngineSpec {
  /** Display name for messages. */
  readonly displayName: string;
  /** The image repository of the official image. */
  readonly repository: string;
  /** The URL scheme clients use. */
  readonly scheme: string;
  /** The container port name (an IANA_SVC_NAME). */
  readonly portName: string;
  /** The default port. */
  readonly port: number;
  /** UID and GID of the engine's user in the image. */
  readonly uid: number;
  /** Where the data volume is mounted. */
  readonly dataPath: string;
  /** Paths the engine writes outside the data volume (writable emptyDirs; `/tmp` is always added). */
  readonly writablePaths: string[];
  /** The keys the engine needs in its credentials Secret. */
  readonly credentials: CredentialRequirements;
  /** The user clients use when the credentials have no user key. */
  readonly defaultUser?: string;
  /**
   * The rule a plain user name (`DatabaseProps.user`) breaks for this engine, if any (the engines
   * without users have no rule: the construct refuses any name).
   */
  userNameProblem?(name: string): string | undefined;
  /** Whether the engine has named databases. */
  readonly hasDatabaseName: boolean;
  /** File extensions the image's `/docker-entrypoint-initdb.d` runs; none = no init scripts. */
  readonly initScriptExtensions: string[];
  /** How to run it replicated. */
  readonly operatorHint: string;
  /** The environment of the database container. */
  env(databaseName: string | undefined, refs: EngineCredentialRefs): EngineEnv;
  /** The container arguments for the extra configuration (undefined = the image's default command). */
  args(configuration: [string, string][]): string[] | undefined;
  /** The probe command, run in the database container. */
  readonly probe: string[];
  /** A shell loop that waits until the database at host:port answers (client init container). */
  waitScript(host: string, port: number): string;
  /** The backup: file extension, environment and a shell command that writes `$FILE`. */
  readonly backup: {
    readonly extension: string;
    env(refs: EngineCredentialRefs): EngineEnv;
    readonly dump: string;
  };
}

const POSTGRES_DATA = '/var/lib/postgresql/data';
/** A PostgreSQL identifier that needs no quoting (NAMEDATALEN 64: at most 63 bytes). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const MYSQL_DATA = '/var/lib/mysql';

/** The specs by engine kind (`DatabaseEngineKind` values). */
export const ENGINE_SPECS: Readonly<Record<string, EngineSpec>> = {
  postgres: {
    displayName: 'PostgreSQL',
    repository: 'postgres',
    scheme: 'postgresql',
    portName: 'postgres',
    port: 5432,
    uid: 999,
    dataPath: POSTGRES_DATA,
    writablePaths: ['/var/run/postgresql'],
    credentials: { engineName: 'PostgreSQL', user: UserKeyRule.OPTIONAL },
    defaultUser: 'postgres',
    hasDatabaseName: true,
    initScriptExtensions: ['.sh', '.sql', '.sql.gz', '.sql.xz', '.sql.zst'],
    operatorHint: 'replication needs an operator such as CloudNativePG',
    env: (databaseName, refs) => ({
      // A subdirectory: initdb refuses a mount point that holds lost+found.
      plain: { PGDATA: `${POSTGRES_DATA}/pgdata`, POSTGRES_DB: databaseName!, ...(refs.userName ? { POSTGRES_USER: refs.userName } : {}) },
      secret: { POSTGRES_PASSWORD: refs.passwordKey, ...(refs.userKey ? { POSTGRES_USER: refs.userKey } : {}) },
    }),
    // initdb and the entrypoint's psql take any role name; clients and URLs need a plain identifier.
    userNameProblem: name => IDENTIFIER.test(name) ? undefined : 'must be 1-63 letters, digits or \'_\', not starting with a digit',
    args: config => config.length ? config.flatMap(([k, v]) => ['-c', `${k}=${v}`]) : undefined,
    probe: ['pg_isready', '--host=127.0.0.1', '--port=5432', '--username=postgres'],
    waitScript: (host, port) => `until pg_isready --host=${host} --port=${port} --username=postgres --timeout=2; do sleep 2; done`,
    backup: {
      extension: 'dump',
      env: (refs): EngineEnv => refs.userKey
        ? { plain: {}, secret: { PGUSER: refs.userKey, PGPASSWORD: refs.passwordKey } }
        : { plain: { PGUSER: refs.userName ?? 'postgres' }, secret: { PGPASSWORD: refs.passwordKey } },
      dump: 'pg_dump --host="$DB_HOST" --port="$DB_PORT" --dbname="$DB_NAME" --format=custom --file="$FILE"',
    },
  },
  mysql: {
    displayName: 'MySQL',
    repository: 'mysql',
    scheme: 'mysql',
    portName: 'mysql',
    port: 3306,
    uid: 999,
    dataPath: MYSQL_DATA,
    writablePaths: ['/var/run/mysqld', '/var/lib/mysql-files'],
    credentials: { engineName: 'MySQL', user: UserKeyRule.OPTIONAL },
    defaultUser: 'root',
    hasDatabaseName: true,
    initScriptExtensions: ['.sh', '.sql', '.sql.gz', '.sql.bz2', '.sql.xz', '.sql.zst'],
    operatorHint: 'replication needs an operator such as MySQL Operator for Kubernetes',
    // With a user, root gets the same password (deterministic, no literal password setting).
    env: (databaseName, refs): EngineEnv => ({
      plain: { MYSQL_DATABASE: databaseName!, ...(refs.userName ? { MYSQL_USER: refs.userName } : {}) },
      secret: {
        MYSQL_ROOT_PASSWORD: refs.passwordKey,
        ...(refs.userKey ? { MYSQL_USER: refs.userKey, MYSQL_PASSWORD: refs.passwordKey } : {}),
        ...(refs.userName ? { MYSQL_PASSWORD: refs.passwordKey } : {}),
      },
    }),
    // MySQL 8 user names have at most 32 characters; the image's entrypoint refuses MYSQL_USER=root
    // ("MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user").
    userNameProblem: name => name === 'root'
      ? 'is the root user: MYSQL_USER creates a regular user; leave \'user\' out to connect as root'
      : /^[A-Za-z0-9_.-]{1,32}$/.test(name) ? undefined : 'must be 1-32 letters, digits, \'_\', \'.\' or \'-\'',
    // A subdirectory: `mysqld --initialize` refuses a mount point that holds lost+found.
    args: config => ['mysqld', `--datadir=${MYSQL_DATA}/data`, ...config.map(([k, v]) => `--${k}=${v}`)],
    // Exit code 0 whenever the server answers, even "access denied".
    probe: ['mysqladmin', 'ping', '--host=127.0.0.1', '--port=3306', '--user=probe', '--silent'],
    waitScript: (host, port) => `until mysqladmin ping --host=${host} --port=${port} --user=probe --connect-timeout=2 --silent; do sleep 2; done`,
    backup: {
      extension: 'sql.gz',
      env: (refs): EngineEnv => refs.userKey
        ? { plain: {}, secret: { DB_USER: refs.userKey, MYSQL_PWD: refs.passwordKey } }
        : { plain: { DB_USER: refs.userName ?? 'root' }, secret: { MYSQL_PWD: refs.passwordKey } },
      dump: 'mysqldump --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" --single-transaction --routines --databases "$DB_NAME" > "${FILE%.gz}" && gzip "${FILE%.gz}"',
    },
  },
  redis: {
    displayName: 'Redis',
    repository: 'redis',
    scheme: 'redis',
    portName: 'redis',
    port: 6379,
    uid: 999,
    dataPath: '/data',
    writablePaths: [],
    credentials: { engineName: 'Redis', user: UserKeyRule.UNSUPPORTED },
    hasDatabaseName: false,
    initScriptExtensions: [],
    operatorHint: 'replication needs Redis Sentinel or Cluster through an operator',
    // REDISCLI_AUTH lets redis-cli (probes) authenticate without the password on its command line.
    env: (_databaseName, refs) => ({ plain: {}, secret: { REDIS_PASSWORD: refs.passwordKey, REDISCLI_AUTH: refs.passwordKey } }),
    args: config => ['redis-server', '--appendonly', 'yes', '--requirepass', '$(REDIS_PASSWORD)', ...config.flatMap(([k, v]) => [`--${k}`, v])],
    probe: ['sh', '-c', 'redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG'],
    waitScript: (host, port) => `until redis-cli -h ${host} -p ${port} ping | grep -qE 'PONG|NOAUTH'; do sleep 2; done`,
    backup: {
      extension: 'rdb',
      env: refs => ({ plain: {}, secret: { REDISCLI_AUTH: refs.passwordKey } }),
      dump: 'redis-cli -h "$DB_HOST" -p "$DB_PORT" --rdb "$FILE"',
    },
  },
  mongodb: {
    displayName: 'MongoDB',
    repository: 'mongo',
    scheme: 'mongodb',
    portName: 'mongodb',
    port: 27017,
    uid: 999,
    dataPath: '/data/db',
    writablePaths: ['/data/configdb'],
    credentials: { engineName: 'MongoDB', user: UserKeyRule.REQUIRED },
    hasDatabaseName: true,
    initScriptExtensions: ['.sh', '.js'],
    operatorHint: 'replica sets need an operator such as the MongoDB Community Operator',
    env: (databaseName, refs) => ({
      plain: { MONGO_INITDB_DATABASE: databaseName!, ...(refs.userName ? { MONGO_INITDB_ROOT_USERNAME: refs.userName } : {}) },
      secret: { ...(refs.userKey ? { MONGO_INITDB_ROOT_USERNAME: refs.userKey } : {}), MONGO_INITDB_ROOT_PASSWORD: refs.passwordKey },
    }),
    // A name that needs no escaping in a mongodb:// URL or in the image's init script.
    userNameProblem: name => /^[A-Za-z0-9_.-]{1,64}$/.test(name) ? undefined : 'must be 1-64 letters, digits, \'_\', \'.\' or \'-\'',
    args: config => config.length ? ['mongod', ...config.map(([k, v]) => `--${k}=${v}`)] : undefined,
    // `ping` needs no authentication.
    probe: ['mongosh', '--quiet', '--norc', '--eval', 'quit(db.adminCommand({ ping: 1 }).ok ? 0 : 1)'],
    waitScript: (host, port) => `until HOME=/tmp mongosh --quiet --norc --host ${host} --port ${port} --eval 'quit(db.adminCommand({ ping: 1 }).ok ? 0 : 1)'; do sleep 2; done`,
    backup: {
      extension: 'archive.gz',
      env: (refs): EngineEnv => refs.userName !== undefined
        ? { plain: { DB_USER: refs.userName }, secret: { DB_PASSWORD: refs.passwordKey } }
        : { plain: {}, secret: { DB_USER: refs.userKey!, DB_PASSWORD: refs.passwordKey } },
      // The password goes through a 0600 config file, never the command line.
      dump: 'umask 077 && printf "password: \'%s\'\\n" "$(printf %s "$DB_PASSWORD" | sed "s/\'/\'\'/g")" > /tmp/mongodump.yaml'
        + ' && mongodump --config=/tmp/mongodump.yaml --host="$DB_HOST" --port="$DB_PORT" --username="$DB_USER"'
        + ' --authenticationDatabase=admin --db="$DB_NAME" --gzip --archive="$FILE"',
    },
  },
};
