/**
 * The example environments: dev, staging and prod, with real differences in replicas, hosts,
 * resources, images and autoscaling (only in prod).
 */
import { Size } from 'cdk8s';
import {
  Cpu, Database, Environment, ImageRewrite, Override, ResourcePreset, Resources, RouteParent, WebApp,
} from '../index';

/**
 * The platform team's shared Gateway in staging (Gateway API), outside the example app: listeners
 * `http` and `https` on `*.staging.example.com`, admitting routes of every namespace.
 */
const STAGING_GATEWAY = { namespace: 'gateway-system', listeners: ['http', 'https'] };

/** Development: half the replicas, the smallest resources, no autoscaling. */
export const DEV = Environment.of({
  name: 'dev',
  namespace: 'demo-dev',
  labels: { 'example.com/environment': 'dev' },
  domain: 'dev.example.com',
  resourcePreset: ResourcePreset.NANO,
  replicaScale: 0.5,
});

/**
 * Staging: production-like sizes, fixed replicas, podinfo on the next release candidate tag, and
 * podinfo migrating to the Gateway API: an HTTPRoute through the shared Gateway next to its Ingress
 * (with the HTTP listener redirecting to HTTPS) until DNS points at the Gateway.
 */
export const STAGING = Environment.of({
  name: 'staging',
  namespace: 'demo-staging',
  labels: { 'example.com/environment': 'staging' },
  domain: 'staging.example.com',
  resourcePreset: ResourcePreset.SMALL,
  images: ImageRewrite.of({ tag: '6.8.0', repositories: ['ghcr.io/stefanprodan/podinfo'] }),
  overrides: [
    Override.of(WebApp, 'podinfo/Podinfo', {
      route: {
        parents: [RouteParent.external('public', { ...STAGING_GATEWAY, listener: 'https' })],
        hosts: ['podinfo.staging.example.com'],
        httpsRedirect: [RouteParent.external('public', { ...STAGING_GATEWAY, listener: 'http' })],
      },
    }),
  ],
});

/**
 * Production: images through the company mirror, 1.5× the replicas, autoscaling for the web apps,
 * bigger database, and a ResourceQuota and LimitRange on the namespace.
 */
export const PROD = Environment.of({
  name: 'prod',
  namespace: 'demo-prod',
  labels: { 'example.com/environment': 'prod' },
  domain: 'example.com',
  replicaScale: 1.5,
  images: ImageRewrite.registry('mirror.example.com'),
  overrides: ['miniflux', 'miniflux-observed'].flatMap((chart) => [
    Override.of(WebApp, `${chart}/Web`, {
      autoscaling: { minReplicas: 3, maxReplicas: 8, cpuUtilization: 70 },
      resources: Resources.preset(ResourcePreset.MEDIUM),
    }),
    Override.of(Database, `${chart}/Db`, {
      storage: { size: Size.gibibytes(20) },
      resources: Resources.preset(ResourcePreset.LARGE),
    }),
  ]),
  quota: {
    requestsCpu: Cpu.units(8),
    requestsMemory: Size.gibibytes(16),
    limitsCpu: Cpu.units(32),
    limitsMemory: Size.gibibytes(32),
    requestsStorage: Size.gibibytes(200),
  },
  limits: {
    defaultRequest: { cpu: Cpu.millis(100), memory: Size.mebibytes(128) },
    defaultLimit: { cpu: Cpu.millis(500), memory: Size.mebibytes(256) },
  },
});

/** The example environments, in deployment order. */
export const EXAMPLE_ENVIRONMENTS: readonly Environment[] = [DEV, STAGING, PROD];
