/**
 * The public construct API: patterns, value classes and errors.
 */
export * from './core/errors';
export * from './external-objects/external-objects';
export { PercentOrCount, RolloutStrategy, RollingUpdateOptions, DisruptionBudget } from './workload/availability';
export { AppWorkload, APP_CONTAINER_NAME } from './workload/app-workload';
export * from './workload/config-hash';
export * from './pod/env';
export * from './pod/health-check';
export { HttpLifecycleHookOptions, LifecycleHook } from './pod/lifecycle-hook';
export {
  NodeLabelOperator, NodeLabelRequirement, PodAntiAffinity, PreferredNodeLabels, SchedulingOptions, SpreadMode, SpreadOptions,
  TaintEffect, Toleration, TolerationOperator,
} from './pod/scheduling';
export { Image, ImageOptions, ImagePullPolicy } from './pod/image';
export * from './workload/labels';
export { Protocol, PortSpec } from './pod/ports';
export * from './pod/resources';
export { AddedCapability, DEFAULT_USER, ImageUserOptOut, ResolvedSecurity, SECURITY_OPT_OUT_ANNOTATION, SecurityOptions, SecurityOptOut } from './pod/security';
export {
  ExposedService, ISidecar, ISidecarHost, ISidecarPod, SidecarContainerOptions, SidecarVolumeMount,
} from './sidecars/sidecar';
export { AccessMode, ClaimOptions, EmptyDirOptions, VolumeSource, VolumeMount } from './pod/volumes';
export * from './workload/workload-props';
export * from './web-app';
export * from './gateway';
export * from './worker';
export * from './cron-task';
export { ConnectOptions, ConnectionVariables, DatabaseBinding, EgressOptions } from './networking/connect';
export { NamespacePeerOptions, NetworkPeer, PodPeerOptions, SidecarTrafficRule } from './networking/network-policy';
export * from './networking/connection';
export * from './credentials';
export * from './database';
export * from './external-database';
export * from './sidecars';
