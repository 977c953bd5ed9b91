import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { AppLabels } from './labels';
import { plus } from '../core/plus';
import { checkAbsolutePath, checkConstructId, checkDns1123Label } from '../core/validators';
import { BoundVolume, VolumeMount, VolumeSource } from '../pod/volumes';

/**
 * What {@link WorkloadVolumes} needs from its workload.
 *
 * @internal
 */
export interface WorkloadVolumesHost {
  /** The workload: parent of the `Volumes` group, subject of the errors. */
  readonly scope: Construct;
  /** The app container the volumes are mounted into. */
  readonly container: plus.Container;
  /** The labels of owned objects (ConfigMaps, Secrets, claims). */
  readonly labels: AppLabels;
  /** Feeds owned volume content into the config hash. */
  readonly hashContent: (key: string, read: () => Record<string, string>) => void;
}

/** A mounted claim the app owns that only one node (or pod) can use at a time. */
export interface SingleNodeClaim {
  /** The prop that mounted it, e.g. `volumes[0]`. */
  readonly prop: string;
  /** The volume name. */
  readonly name: string;
  /** `ReadWriteOnce` or `ReadWriteOncePod`. */
  readonly accessMode: string;
}

/**
 * The pod volumes of a workload and the app container's mount paths: the writable emptyDirs
 * (`tmp`, `writable-<n>`), the volumes of the `volumes` prop and those sidecars create, all
 * under the `Volumes` construct.
 *
 * @internal
 */
export class WorkloadVolumes {
  private readonly _group: Construct;
  private readonly _volumes = new Map<string, plus.Volume>();
  private readonly _mountPaths = new Set<string>();
  private readonly _singleNodeClaims: SingleNodeClaim[] = [];

  /** Creates the `Volumes` group and mounts an emptyDir at each writable path (the first is `tmp`). */
  constructor(private readonly host: WorkloadVolumesHost, writablePaths: readonly string[]) {
    this._group = new Construct(host.scope, 'Volumes');
    writablePaths.forEach((path, index) => {
      const name = index === 0 ? 'tmp' : `writable-${index}`;
      const volume = plus.Volume.fromEmptyDir(this._group, name, name);
      this._volumes.set(name, volume);
      this._mountPaths.add(path);
      host.container.mount(path, volume);
    });
  }

  /** The writable `/tmp` volume (the first writable path), mounted into every other container. */
  public get tmp(): plus.Volume | undefined {
    return this._volumes.get('tmp');
  }

  /** The pod volume named `name`, if any. */
  public find(name: string): plus.Volume | undefined {
    return this._volumes.get(name);
  }

  /** Checks the mount (unique name and path), creates its volume and mounts it into the app container. */
  public add(mount: VolumeMount, prop: string): void {
    const scope = this.host.scope;
    checkDns1123Label(scope, `${prop}.name`, mount.name);
    checkConstructId(scope, `${prop}.name`, mount.name);
    checkAbsolutePath(scope, `${prop}.path`, mount.path);
    if (this._volumes.has(mount.name)) {
      throw new ValidationError(scope, `'${prop}.name' (${JSON.stringify(mount.name)}) is already used by another volume; volume names must be unique`);
    }
    if (this._mountPaths.has(mount.path)) {
      throw new ValidationError(scope, `'${prop}.path' (${JSON.stringify(mount.path)}) is already a mount path; mount paths must be unique`);
    }
    const bound = this.bind(mount, prop);
    this.mountInApp(bound.volume, mount.path, mount.readOnly ?? bound.readOnlyByNature, `${prop}.path`);
    for (const owned of bound.owned) {
      const modes = owned instanceof plus.PersistentVolumeClaim ? owned.accessModes ?? [] : [];
      if (modes.length > 0 && modes.every(m => m === plus.PersistentVolumeAccessMode.READ_WRITE_ONCE || m === plus.PersistentVolumeAccessMode.READ_WRITE_ONCE_POD)) {
        this._singleNodeClaims.push({ prop, name: mount.name, accessMode: modes[0] });
      }
    }
  }

  /** The claims the app owns that attach to one node (ReadWriteOnce) or one pod (ReadWriteOncePod). */
  public get singleNodeClaims(): readonly SingleNodeClaim[] {
    return [...this._singleNodeClaims];
  }

  /** Creates a pod volume that a sidecar mounts (not mounted into the app container). */
  public create(name: string, source: VolumeSource, prop: string): plus.Volume {
    return this.bind({ name, path: '/', source }, prop).volume;
  }

  /** Mounts a pod volume into the app container at a new path. */
  public mountInApp(volume: plus.Volume, path: string, readOnly: boolean, prop: string): void {
    if (this._mountPaths.has(path)) {
      throw new ValidationError(this.host.scope, `'${prop}' (${JSON.stringify(path)}) is already a mount path of the app container; mount paths must be unique`);
    }
    this._mountPaths.add(path);
    this.host.container.mount(path, volume, { readOnly });
  }

  /** Creates a pod volume (not mounted anywhere yet): labels owned objects, hashes owned content. */
  private bind(mount: VolumeMount, prop: string): BoundVolume {
    const bound = mount.source._bind(new Construct(this._group, mount.name), mount.name, prop);
    bound.owned.forEach(o => this.host.labels.applyTo(o));
    if (bound.content) {
      const content = bound.content;
      this.host.hashContent(`volume/${mount.name}`, () => content);
    }
    this._volumes.set(mount.name, bound.volume);
    return bound;
  }
}
