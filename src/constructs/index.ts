/**
 * The public construct API: patterns, value classes and errors.
 */
export * from './common/errors';
export * from './common/external-objects';
export { PercentOrCount, RolloutStrategy, RollingUpdateOptions, DisruptionBudget } from './common/availability';
export { AppWorkload, APP_CONTAINER_NAME } from './common/app-workload';
export * from './common/config-hash';
export * from './common/env';
export * from './common/health-check';
export { HttpLifecycleHookOptions, LifecycleHook } from './common/lifecycle-hook';
export {
  NodeLabelOperator, NodeLabelRequirement, PodAntiAffinity, PreferredNodeLabels, SchedulingOptions, SpreadMode, SpreadOptions,
  TaintEffect, Toleration, TolerationOperator,
} from './common/scheduling';
export { Image, ImageOptions, ImagePullPolicy } from './common/image';
export * from './common/labels';
export { Protocol, PortSpec } from './common/ports';
export * from './common/resources';
export { AddedCapability, DEFAULT_USER, ImageUserOptOut, ResolvedSecurity, SECURITY_OPT_OUT_ANNOTATION, SecurityOptions, SecurityOptOut } from './common/security';
export {
  ExposedService, ISidecar, ISidecarHost, ISidecarPod, SidecarContainerOptions, SidecarVolumeMount,
} from './common/sidecar';
export { AccessMode, ClaimOptions, EmptyDirOptions, VolumeSource, VolumeMount } from './common/volumes';
export * from './common/workload-props';
export * from './web-app';
export * from './worker';
export * from './cron-task';
export { ConnectOptions, ConnectionVariables, DatabaseBinding, EgressOptions } from './common/connect';
export { NamespacePeerOptions, NetworkPeer, PodPeerOptions, SidecarTrafficRule } from './common/network-policy';
export * from './common/connection';
export * from './credentials';
export * from './database';
export * from './external-database';
export * from './sidecars';
