import { Construct } from 'constructs';
import { PodSpecExtras } from '../pod/pod-spec-extras';
import { k8s, plus } from '../core/plus';

/** A volume claim template and where its volume is mounted. */
export interface ClaimTemplate {
  /** The claim template (its `metadata.name` is the pod volume name). */
  readonly claim: k8s.KubePersistentVolumeClaimProps;
  /** The container that mounts it. */
  readonly containerName: string;
  /** The mount path. */
  readonly mountPath: string;
}

/** The StatefulSet fields cdk8s-plus-28 does not render. */
export interface StatefulSetExtras {
  /** Volume claim templates (one claim per pod). */
  readonly claimTemplates: ClaimTemplate[];
  /** `persistentVolumeClaimRetentionPolicy`. */
  readonly retention: k8s.StatefulSetPersistentVolumeClaimRetentionPolicy;
}

/**
 * A cdk8s-plus StatefulSet that also renders `volumeClaimTemplates` (mounted into their
 * container), `persistentVolumeClaimRetentionPolicy` and the `PodSpecExtras` (restricted
 * defaults, probes on named ports). Like `ExtendedDeployment`, it overrides cdk8s-plus's
 * `@internal` `_toKube`/`_toPodSpec`; re-check on a cdk8s-plus upgrade.
 *
 * @internal
 */
export class ExtendedStatefulSet extends plus.StatefulSet {
  constructor(scope: Construct, id: string, props: plus.StatefulSetProps,
    private readonly podExtras: PodSpecExtras, private readonly setExtras: StatefulSetExtras) {
    super(scope, id, props);
  }

  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    const spec = this.podExtras.apply(super._toPodSpec());
    return {
      ...spec,
      containers: spec.containers.map(container => {
        const mounts = this.setExtras.claimTemplates
          .filter(t => t.containerName === container.name)
          .map(t => ({ name: t.claim.metadata!.name!, mountPath: t.mountPath }));
        return mounts.length ? { ...container, volumeMounts: [...mounts, ...container.volumeMounts ?? []] } : container;
      }),
    };
  }

  /** @internal */
  public _toKube(): k8s.StatefulSetSpec {
    return {
      ...super._toKube(),
      volumeClaimTemplates: this.setExtras.claimTemplates.map(t => ({ ...t.claim })),
      persistentVolumeClaimRetentionPolicy: { ...this.setExtras.retention },
    };
  }
}
