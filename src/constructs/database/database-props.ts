import { ApiObjectMetadata, Cron, Size } from 'cdk8s';
import { DisruptionBudget } from '../workload/availability';
import { Resources } from '../pod/resources';
import { ISidecar } from '../sidecars/sidecar';
import { AccessMode, VolumeSource } from '../pod/volumes';
import { DatabaseCredentials } from '../credentials/database-credentials';
import { DatabaseEngine } from './database-engine';

/** What happens to the data volume claims of a StatefulSet. */
export enum ClaimRetention {
  /** Keep the claims (and the data). */
  RETAIN = 'Retain',
  /** Delete the claims (and, with a `Delete` reclaim policy, the data). */
  DELETE = 'Delete',
}

/**
 * The data volume of a database: one PersistentVolumeClaim per pod from the StatefulSet's
 * `volumeClaimTemplates`.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
 */
export interface DatabaseStorageOptions {
  /**
   * Requested storage.
   * @default Size.gibibytes(10)
   */
  readonly size?: Size;
  /**
   * Storage class.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
  /**
   * Access modes.
   * @default [AccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: AccessMode[];
  /**
   * What happens to the claims when the StatefulSet is deleted.
   * @default ClaimRetention.RETAIN
   */
  readonly whenDeleted?: ClaimRetention;
  /**
   * What happens to the claims of pods removed by scaling down.
   * @default ClaimRetention.RETAIN
   */
  readonly whenScaled?: ClaimRetention;
}

/** A scheduled dump of the database to its own volume claim (a CronJob). */
export interface DatabaseBackupOptions {
  /**
   * When the backup runs (UTC unless `timeZone` is set).
   * @default Cron.daily()
   */
  readonly schedule?: Cron;
  /**
   * IANA time zone of the schedule, e.g. `Europe/Berlin`.
   * @default - the controller's time zone (usually UTC)
   */
  readonly timeZone?: string;
  /**
   * Size of the backup claim.
   * @default Size.gibibytes(10)
   */
  readonly size?: Size;
  /**
   * Storage class of the backup claim.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
  /**
   * How many dump files are kept (older ones are deleted after a successful dump).
   * @default 7
   */
  readonly keep?: number;
  /**
   * Requests and limits of the backup container.
   * @default Resources.preset(ResourcePreset.SMALL)
   */
  readonly resources?: Resources;
}

/** Files run once by the image's entrypoint when the data directory is empty (`/docker-entrypoint-initdb.d`). */
export class InitScripts {
  /** Scripts kept in a ConfigMap the database owns (file name → content); names sort in execution order. */
  public static fromFiles(files: Record<string, string>): InitScripts {
    return new InitScripts(Object.keys(files), VolumeSource.configFiles(files));
  }

  /** Scripts from an existing ConfigMap. */
  public static fromConfigMapName(configMapName: string): InitScripts {
    return new InitScripts(undefined, VolumeSource.fromConfigMapName(configMapName));
  }

  private constructor(
    /** The file names, when known. @internal */
    public readonly _fileNames: string[] | undefined,
    /** The volume source. @internal */
    public readonly _source: VolumeSource) {
  }
}

/** Properties of a `Database`. */
export interface DatabaseProps {
  /** The engine and version, e.g. `DatabaseEngine.postgres('16.4')`. */
  readonly engine: DatabaseEngine;
  /**
   * Where the user name and password come from. There is no default password.
   */
  readonly credentials: DatabaseCredentials;
  /**
   * The logical database created on first start (PostgreSQL, MySQL, MongoDB; not Redis).
   * @default 'app'
   */
  readonly databaseName?: string;
  /**
   * The application user the engine creates on first start: a plain name, not a secret (its
   * password is the credentials' password). Created by each engine's own mechanism: PostgreSQL
   * `POSTGRES_USER` (owner of `databaseName`), MySQL `MYSQL_USER` with all privileges on
   * `databaseName` (root gets the same password), MongoDB `MONGO_INITDB_ROOT_USERNAME`. Clients of
   * `connectTo` get it as `<PREFIX>_USER`. Redis has no users. Leave out the user name in
   * `credentials` when you set it.
   * @default - the user name in `credentials`, else the engine's built-in user (`postgres`, `root`)
   */
  readonly user?: string;
  /**
   * Number of pods: 0 or 1. Every supported engine needs an operator for replication.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * The data volume.
   * @default - 10 GiB, default storage class, ReadWriteOnce, claims retained
   */
  readonly storage?: DatabaseStorageOptions;
  /**
   * CPU and memory requests and limits of the database container.
   * @default Resources.preset(ResourcePreset.MEDIUM)
   */
  readonly resources?: Resources;
  /**
   * Extra engine settings, rendered as command-line flags: `-c key=value` (PostgreSQL),
   * `--key=value` (MySQL, MongoDB), `--key value` (Redis).
   * @default - the image's defaults
   */
  readonly configuration?: Record<string, string>;
  /**
   * Scripts run once when the database is created (not Redis).
   * @default - none
   */
  readonly initScripts?: InitScripts;
  /**
   * A scheduled backup (CronJob dumping to its own volume claim).
   * @default - no backup
   */
  readonly backup?: DatabaseBackupOptions;
  /**
   * The PodDisruptionBudget.
   * @default DisruptionBudget.maxUnavailable(PercentOrCount.count(1)) - documents the pods; a single instance can still be drained
   */
  readonly disruptionBudget?: DisruptionBudget;
  /**
   * Render a NetworkPolicy that admits only the clients (`acceptClient`, `connectTo`) on the database port.
   * @default true
   */
  readonly networkPolicy?: boolean;
  /**
   * `app.kubernetes.io/name`.
   * @default - the construct id in kebab-case
   */
  readonly appName?: string;
  /**
   * `app.kubernetes.io/part-of`.
   * @default - the `appName`
   */
  readonly partOf?: string;
  /**
   * Metadata for every object: `namespace`, extra `labels` and `annotations`; a `name` (a DNS-1035
   * label) names the StatefulSet, Services, PDB and ServiceAccount.
   * @default - names generated by cdk8s, no namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Sidecars bound at construction (sugar for `addSidecar`), e.g. a metrics exporter.
   * @default - none
   */
  readonly sidecars?: ISidecar[];
}
