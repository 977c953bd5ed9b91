import { RollingUpdateOptions } from './availability';
import { PortSpec } from '../pod/ports';
import { PropNames, propNamesOf } from '../core/prop-names';
import { AutoscalingOptions } from './scaling';
import { SchedulingOptions, SpreadOptions } from '../pod/scheduling';
import { SecurityOptions } from '../pod/security';
import { VolumeMount } from '../pod/volumes';
import { InitContainerOptions, WorkloadProps } from './workload-props';

/**
 * The prop names of the common workload props and of the option objects the patterns share, for
 * the run-time checks of untyped props and overrides. Each list is typed `Record<keyof XxxProps, true>`,
 * so adding or removing a prop breaks the build until the list follows.
 *
 * @internal
 */

/** The props of every workload pattern. */
export const WORKLOAD_PROPS: Record<keyof WorkloadProps, true> = {
  image: true, command: true, args: true, ports: true, config: true, secretEnv: true, resources: true,
  health: true, security: true, volumes: true, imagePullSecrets: true, spread: true, appName: true,
  version: true, partOf: true, component: true, metadata: true, sidecars: true,
  terminationGracePeriod: true, preStop: true, podAnnotations: true, podLabels: true, scheduling: true,
  initContainers: true,
};

/** `security`. */
export const SECURITY_OPTIONS_NAMES: PropNames = propNamesOf<SecurityOptions>('SecurityOptions', {
  user: true, group: true, fsGroup: true, readOnlyRootFilesystem: true, writablePaths: true, runAsImageUser: true, bindLowPorts: true,
});

/** `scheduling`. */
export const SCHEDULING_OPTIONS_NAMES: PropNames = propNamesOf<SchedulingOptions>('SchedulingOptions', {
  nodeSelector: true, requiredNodeLabels: true, preferredNodeLabels: true, podAntiAffinity: true, tolerations: true,
  priorityClassName: true, spread: true,
}, {
  spread: propNamesOf<SpreadOptions>('SpreadOptions', { topologyKeys: true, maxSkew: true, mode: true }),
});

/** `autoscaling`. */
export const AUTOSCALING_OPTIONS_NAMES: PropNames = propNamesOf<AutoscalingOptions>('AutoscalingOptions', {
  minReplicas: true, maxReplicas: true, cpuUtilization: true, memoryUtilization: true,
});

/** `rollingUpdate`. */
export const ROLLING_UPDATE_OPTIONS_NAMES: PropNames = propNamesOf<RollingUpdateOptions>('RollingUpdateOptions', {
  maxSurge: true, maxUnavailable: true,
});

/** The option objects of every workload pattern. */
export const WORKLOAD_NESTED_NAMES: Readonly<Record<string, PropNames>> = {
  security: SECURITY_OPTIONS_NAMES,
  scheduling: SCHEDULING_OPTIONS_NAMES,
};

/** The arrays of option objects of every workload pattern. */
export const WORKLOAD_ITEM_NAMES: Readonly<Record<string, PropNames>> = {
  ports: propNamesOf<PortSpec>('PortSpec', { name: true, number: true, protocol: true }),
  volumes: propNamesOf<VolumeMount>('VolumeMount', { name: true, path: true, source: true, readOnly: true }),
  initContainers: propNamesOf<InitContainerOptions>('InitContainerOptions', {
    name: true, image: true, command: true, args: true, resources: true, appEnv: true, appVolumes: true,
  }),
};
