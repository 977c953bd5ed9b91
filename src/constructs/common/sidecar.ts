import { IConstruct } from 'constructs';
import { Image } from './image';
import { PortSpec } from './ports';
import { Resources } from './resources';
import { VolumeMount } from './volumes';

/** A container added next to the app container (log shipper, metrics exporter, proxy…). */
export interface SidecarContainerOptions {
  /** Container name, a DNS-1123 label unique in the pod. */
  readonly name: string;
  /** The image (pinned like the app image). */
  readonly image: Image;
  /** @default - the image's entrypoint */
  readonly command?: string[];
  /** @default - the image's arguments */
  readonly args?: string[];
  /** Named ports. @default - no ports */
  readonly ports?: PortSpec[];
  /** Plain environment variables. @default - none */
  readonly env?: Record<string, string>;
  /** Requests and limits. @default Resources.preset(ResourcePreset.NANO) */
  readonly resources?: Resources;
  /** Volumes to mount; a volume name already in the pod is shared, not re-created. @default - none */
  readonly volumes?: VolumeMount[];
}

/** A workload that sidecars can attach to. */
export interface ISidecarHost extends IConstruct {
  /** Adds a container with the workload's secure defaults (same UID/GID, read-only root FS, no capabilities). */
  addSidecarContainer(options: SidecarContainerOptions): void;
}

/** An integration that adds containers, volumes and ports to a workload's pods. */
export interface ISidecar {
  /** Called once by `addSidecar`; adds what the sidecar needs through `host`. */
  bind(host: ISidecarHost): void;
}
