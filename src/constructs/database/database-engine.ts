import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { Image } from '../pod/image';
import { ENGINE_SPECS, EngineSpec } from './engine-specs';

/** The database engines `Database` and `ExternalDatabase` support. */
export enum DatabaseEngineKind {
  /** PostgreSQL (official `postgres` image, Debian). */
  POSTGRES = 'postgres',
  /** MySQL (official `mysql` image, Oracle Linux). */
  MYSQL = 'mysql',
  /** Redis (official `redis` image, Debian). */
  REDIS = 'redis',
  /** MongoDB (official `mongo` image, Ubuntu). */
  MONGODB = 'mongodb',
}

const VERSION = /^\d+(\.\d+){0,2}$/;

/**
 * A database engine and its version: the official image pinned to that version, the port, the
 * data directory, the UID/GID of the image, probes and credential keys.
 *
 * `DatabaseEngine.postgres()` (pinned default), `DatabaseEngine.postgres('16.4')`, and
 * `.withImage(Image.fromDigest(...))` to pull the same image from a mirror or by digest.
 */
export class DatabaseEngine {
  /** The pinned default version of each engine. */
  public static readonly DEFAULT_VERSIONS: Readonly<Record<DatabaseEngineKind, string>> = {
    [DatabaseEngineKind.POSTGRES]: '16.4',
    [DatabaseEngineKind.MYSQL]: '8.4.2',
    [DatabaseEngineKind.REDIS]: '7.4.0',
    [DatabaseEngineKind.MONGODB]: '7.0.14',
  };

  /** PostgreSQL, image `postgres:<version>`. @param version `major[.minor[.patch]]`, default `16.4` */
  public static postgres(version?: string): DatabaseEngine {
    return DatabaseEngine.of(DatabaseEngineKind.POSTGRES, version);
  }

  /** MySQL, image `mysql:<version>`. @param version `major[.minor[.patch]]`, default `8.4.2` */
  public static mysql(version?: string): DatabaseEngine {
    return DatabaseEngine.of(DatabaseEngineKind.MYSQL, version);
  }

  /** Redis, image `redis:<version>`. @param version `major[.minor[.patch]]`, default `7.4.0` */
  public static redis(version?: string): DatabaseEngine {
    return DatabaseEngine.of(DatabaseEngineKind.REDIS, version);
  }

  /** MongoDB, image `mongo:<version>`. @param version `major[.minor[.patch]]`, default `7.0.14` */
  public static mongodb(version?: string): DatabaseEngine {
    return DatabaseEngine.of(DatabaseEngineKind.MONGODB, version);
  }

  /** An engine by kind (checked by the construct that receives it). */
  public static of(kind: DatabaseEngineKind, version?: string): DatabaseEngine {
    return new DatabaseEngine(kind, version ?? (Object.hasOwn(DatabaseEngine.DEFAULT_VERSIONS, kind) ? DatabaseEngine.DEFAULT_VERSIONS[kind] : ''));
  }

  /** The engine. */
  public readonly kind: DatabaseEngineKind;
  /** The version (the image tag of the official image). */
  public readonly version: string;
  private readonly customImage?: Image;

  private constructor(kind: DatabaseEngineKind, version: string, customImage?: Image) {
    this.kind = kind;
    this.version = version;
    this.customImage = customImage;
  }

  /**
   * The same engine from another image, e.g. a mirror or a digest. It must be built like the
   * official image (same UID/GID, paths and entrypoint).
   */
  public withImage(image: Image): DatabaseEngine {
    return new DatabaseEngine(this.kind, this.version, image);
  }

  /** The image: the custom one, else the official image pinned to the version. */
  public get image(): Image {
    return this.customImage ?? Image.of(`${engineSpec(this.kind)?.repository ?? this.kind}:${this.version}`);
  }

  /**
   * Checks the engine and version; returns the engine's behaviour.
   *
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): EngineSpec {
    const spec = engineSpec(this.kind);
    if (spec === undefined) {
      throw new ValidationError(scope, `'${prop}' (${JSON.stringify(this.kind)}) is an unknown engine: `
        + 'use DatabaseEngine.postgres(), DatabaseEngine.mysql(), DatabaseEngine.redis() or DatabaseEngine.mongodb()');
    }
    if (typeof this.version !== 'string' || !VERSION.test(this.version)) {
      throw new ValidationError(scope, `'${prop}' version (${JSON.stringify(this.version)}) must be a release number `
        + `'major[.minor[.patch]]' such as ${JSON.stringify(DatabaseEngine.DEFAULT_VERSIONS[this.kind])}; `
        + 'for other tags or digests use withImage()');
    }
    this.image._validate(scope, `${prop} image`);
    return spec;
  }
}

/** The behaviour of an engine kind, or undefined for a kind that is not one (own keys only). */
function engineSpec(kind: string): EngineSpec | undefined {
  return Object.hasOwn(ENGINE_SPECS, kind) ? ENGINE_SPECS[kind as DatabaseEngineKind] : undefined;
}

/**
 * Checks that the untyped `engine` input is a `DatabaseEngine`, then validates it.
 *
 * @internal
 */
export function validateEngine(scope: IConstruct, prop: string, engine: unknown): { engine: DatabaseEngine; spec: EngineSpec } {
  if (!(engine instanceof DatabaseEngine)) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(engine)}) must be a DatabaseEngine: `
      + 'use DatabaseEngine.postgres(), DatabaseEngine.mysql(), DatabaseEngine.redis() or DatabaseEngine.mongodb()');
  }
  return { engine, spec: engine._validate(scope, prop) };
}
