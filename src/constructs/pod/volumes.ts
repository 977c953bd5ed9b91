import { Size, SizeRoundingBehavior } from 'cdk8s';
import { Construct } from 'constructs';
import { checkForeignValue } from '../core/copies';
import { DEVELOPMENT_SECRET_ANNOTATION, SecretSource } from './env';
import { ValidationError } from '../core/errors';
import { ExternalObjects } from '../external-objects/external-objects';
import { plus, withOwnKeyChecks } from '../core/plus';
import { checkWholeSize } from './resources';
import { checkConfigKey, checkDns1123Subdomain } from '../core/validators';

import { checkMadeWith, propNamesOf, withOptions } from '../core/prop-names';

/** Access modes of a persistent volume claim. */
export enum AccessMode {
  /** Mounted read-write by one node. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Mounted read-only by many nodes. */
  READ_ONLY_MANY = 'ReadOnlyMany',
  /** Mounted read-write by many nodes. */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Mounted read-write by one pod. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** Options of a PersistentVolumeClaim the app owns. */
export interface ClaimOptions {
  /** Requested storage. */
  readonly size: Size;
  /**
   * Storage class.
   * @default - the cluster's default storage class
   */
  readonly storageClassName?: string;
  /**
   * Access mode.
   * @default AccessMode.READ_WRITE_ONCE
   */
  readonly accessMode?: AccessMode;
}

/** Options of an emptyDir volume. */
export interface EmptyDirOptions {
  /**
   * Maximum size.
   * @default - no limit (bounded by the node's ephemeral storage)
   */
  readonly sizeLimit?: Size;
  /**
   * Back the volume by memory (tmpfs).
   * @default false
   */
  readonly inMemory?: boolean;
}

enum SourceType { CONFIG_FILES, CONFIG_MAP, SECRET_FILES, SECRET, EMPTY_DIR, EXISTING_CLAIM, NEW_CLAIM }

/** The objects created when a volume source is bound to a workload. */
export interface BoundVolume {
  /** The pod volume. */
  readonly volume: plus.Volume;
  /** Objects the app owns for this volume (to label). */
  readonly owned: Construct[];
  /** Content the pods depend on (for the config hash), if owned. */
  readonly content?: Record<string, string>;
  /** Whether the source is read-only by nature (ConfigMap, Secret). */
  readonly readOnlyByNature: boolean;
}

const EMPTY_DIR_NAMES = propNamesOf<EmptyDirOptions>('EmptyDirOptions', { sizeLimit: true, inMemory: true });
const CLAIM_NAMES = propNamesOf<ClaimOptions>('ClaimOptions', { size: true, storageClassName: true, accessMode: true });

/**
 * What a volume mount contains.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export class VolumeSource {
  /** Files from a ConfigMap the app owns (file name → content); changes roll the pods. */
  public static configFiles(files: Record<string, string>): VolumeSource {
    return new VolumeSource(SourceType.CONFIG_FILES, { files });
  }

  /** Files from an existing ConfigMap. */
  public static fromConfigMapName(configMapName: string): VolumeSource {
    return new VolumeSource(SourceType.CONFIG_MAP, { name: configMapName });
  }

  /**
   * DEVELOPMENT ONLY: files of a Secret the app owns (file name → source), read at synth time and
   * written into the manifests (`stringData`); changes roll the pods. The Secret is annotated with
   * `DEVELOPMENT_SECRET_ANNOTATION`, so the policy checks report it as a development opt-in.
   * Outside development, use `fromSecretName()`.
   */
  public static secretFilesForDevelopment(files: Record<string, SecretSource>): VolumeSource {
    return new VolumeSource(SourceType.SECRET_FILES, { secretFiles: files });
  }

  /** Files from an existing Secret. */
  public static fromSecretName(secretName: string): VolumeSource {
    return new VolumeSource(SourceType.SECRET, { name: secretName });
  }

  /** A scratch directory that lives as long as the pod. */
  public static emptyDir(options: EmptyDirOptions = {}): VolumeSource {
    return withOptions(new VolumeSource(SourceType.EMPTY_DIR, { emptyDir: options }), options, EMPTY_DIR_NAMES);
  }

  /** An existing PersistentVolumeClaim. */
  public static fromClaimName(claimName: string): VolumeSource {
    return new VolumeSource(SourceType.EXISTING_CLAIM, { name: claimName });
  }

  /** A PersistentVolumeClaim the app owns. */
  public static newClaim(options: ClaimOptions): VolumeSource {
    return withOptions(new VolumeSource(SourceType.NEW_CLAIM, { claim: options }), options, CLAIM_NAMES);
  }

  private constructor(private readonly type: SourceType, private readonly spec: {
    files?: Record<string, string>;
    secretFiles?: Record<string, SecretSource>;
    name?: string;
    emptyDir?: EmptyDirOptions;
    claim?: ClaimOptions;
  }) {
  }

  /**
   * Creates the volume (and owned objects) under `scope`; `volumeName` names the pod volume.
   *
   * @internal
   */
  public _bind(scope: Construct, volumeName: string, prop: string): BoundVolume {
    checkMadeWith(scope, prop, this);
    const spec = this.spec;
    switch (this.type) {
      case SourceType.CONFIG_FILES: {
        const files = spec.files ?? {};
        Object.keys(files).forEach(k => checkConfigKey(scope, `${prop}.files`, k));
        const configMap = withOwnKeyChecks(new plus.ConfigMap(scope, 'ConfigMap'));
        Object.entries(files).forEach(([k, v]) => configMap.addData(k, v));
        return { volume: plus.Volume.fromConfigMap(scope, 'Volume', configMap, { name: volumeName }), owned: [configMap], content: files, readOnlyByNature: true };
      }
      case SourceType.CONFIG_MAP: {
        checkDns1123Subdomain(scope, `${prop}.configMapName`, spec.name!);
        const configMap = plus.ConfigMap.fromConfigMapName(scope, 'ConfigMap', spec.name!);
        ExternalObjects.of(scope).declare({ kind: 'ConfigMap', name: spec.name! });
        return { volume: plus.Volume.fromConfigMap(scope, 'Volume', configMap, { name: volumeName }), owned: [], readOnlyByNature: true };
      }
      case SourceType.SECRET_FILES: {
        const content: Record<string, string> = {};
        for (const [key, source] of Object.entries(spec.secretFiles ?? {})) {
          checkConfigKey(scope, `${prop}.files`, key);
          content[key] = source._resolve(scope, `${prop}.files.${key}`);
        }
        const secret = new plus.Secret(scope, 'Secret', { metadata: { annotations: { [DEVELOPMENT_SECRET_ANNOTATION]: 'true' } }, stringData: content });
        return { volume: plus.Volume.fromSecret(scope, 'Volume', secret, { name: volumeName }), owned: [secret], content, readOnlyByNature: true };
      }
      case SourceType.SECRET: {
        checkDns1123Subdomain(scope, `${prop}.secretName`, spec.name!);
        const secret = plus.Secret.fromSecretName(scope, 'Secret', spec.name!);
        ExternalObjects.of(scope).declare({ kind: 'Secret', name: spec.name! });
        return { volume: plus.Volume.fromSecret(scope, 'Volume', secret, { name: volumeName }), owned: [], readOnlyByNature: true };
      }
      case SourceType.EMPTY_DIR: {
        checkWholeSize(scope, `${prop}.sizeLimit`, spec.emptyDir?.sizeLimit, 'mebibytes');
        const volume = plus.Volume.fromEmptyDir(scope, 'Volume', volumeName, {
          sizeLimit: spec.emptyDir?.sizeLimit,
          medium: spec.emptyDir?.inMemory ? plus.EmptyDirMedium.MEMORY : undefined,
        });
        return { volume, owned: [], readOnlyByNature: false };
      }
      case SourceType.EXISTING_CLAIM: {
        checkDns1123Subdomain(scope, `${prop}.claimName`, spec.name!);
        const claim = plus.PersistentVolumeClaim.fromClaimName(scope, 'Claim', spec.name!);
        ExternalObjects.of(scope).declare({ kind: 'PersistentVolumeClaim', name: spec.name! });
        return { volume: plus.Volume.fromPersistentVolumeClaim(scope, 'Volume', claim, { name: volumeName }), owned: [], readOnlyByNature: false };
      }
      case SourceType.NEW_CLAIM: {
        const options = spec.claim!;
        checkForeignValue(scope, options.size, Size, 'cdk8s');
        if (!(options.size instanceof Size) || options.size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) <= 0) {
          throw new ValidationError(scope, `'${prop}.size' must be a positive Size, e.g. Size.gibibytes(1)`);
        }
        checkWholeSize(scope, `${prop}.size`, options.size, 'gibibytes');
        if (options.storageClassName !== undefined) {
          checkDns1123Subdomain(scope, `${prop}.storageClassName`, options.storageClassName);
        }
        const claim = new plus.PersistentVolumeClaim(scope, 'Claim', {
          storage: options.size,
          storageClassName: options.storageClassName,
          accessModes: [(options.accessMode ?? AccessMode.READ_WRITE_ONCE) as unknown as plus.PersistentVolumeAccessMode],
        });
        return { volume: plus.Volume.fromPersistentVolumeClaim(scope, 'Volume', claim, { name: volumeName }), owned: [claim], readOnlyByNature: false };
      }
    }
  }
}

/** A volume mounted into the app container. */
export interface VolumeMount {
  /** Volume name, a DNS-1123 label unique in the pod (also the child construct id). */
  readonly name: string;
  /** Absolute mount path in the container. */
  readonly path: string;
  /** What the volume contains. */
  readonly source: VolumeSource;
  /**
   * Mount read-only.
   * @default - true for ConfigMap and Secret sources, false otherwise
   */
  readonly readOnly?: boolean;
}
