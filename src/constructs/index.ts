/**
 * The public construct API: patterns, value classes and errors.
 */
export * from './common/errors';
export { PercentOrCount, RollingUpdateOptions, DisruptionBudget } from './common/availability';
export { AppWorkload, APP_CONTAINER_NAME } from './common/app-workload';
export * from './common/config-hash';
export * from './common/env';
export * from './common/health-check';
export { Image, ImageOptions, ImagePullPolicy } from './common/image';
export * from './common/labels';
export { Protocol, PortSpec } from './common/ports';
export * from './common/resources';
export { SecurityOptions, ResolvedSecurity, DEFAULT_USER } from './common/security';
export * from './common/sidecar';
export { AccessMode, ClaimOptions, EmptyDirOptions, VolumeSource, VolumeMount } from './common/volumes';
export * from './common/workload-props';
export * from './web-app';
