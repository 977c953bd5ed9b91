/**
 * Small rules and objects for the engine tests (the engine is tested against the rule contract,
 * independently of the real rule sets).
 */
import { BundleRule, ObjectRule } from '../../../src/validation/rule';
import { KubeObject, Layer, Severity, SourcedObject } from '../../../src/validation/types';

/** Schema-layer rule on Deployments: replicas must be a number. */
export const replicasType: ObjectRule = {
  id: 'schema/replicas-type',
  layer: Layer.SCHEMA,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Deployment'],
  description: 'replicas is an integer.',
  example: 'Invalid value: "two": must be an integer',
  check: (o) => {
    const replicas = (o.spec as { replicas?: unknown } | undefined)?.replicas;
    return replicas === undefined || typeof replicas === 'number' ? [] : [{ path: 'spec.replicas', message: `Invalid value: ${JSON.stringify(replicas)}: must be an integer` }];
  },
};

/** API-layer rule on Services and ConfigMaps: the name has no upper case. */
export const lowerName: ObjectRule = {
  id: 'api/lower-name',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['Service', 'ConfigMap'],
  description: 'Names are lower case.',
  example: 'Invalid value: "Web": must be lower case',
  check: (o) => {
    const name = (o.metadata as { name?: string }).name ?? '';
    return name === name.toLowerCase() ? [] : [{ path: 'metadata.name', message: `Invalid value: ${JSON.stringify(name)}: must be lower case` }];
  },
};

/** Cross-layer rule: every Service selects a Deployment with the same `app` label. */
export const danglingService: BundleRule = {
  id: 'cross/dangling-service',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'A Service selects at least one Deployment.',
  example: 'Not found: no Deployment has app=web',
  check: (objects) => {
    const apps = new Set(objects.filter((o) => o.kind === 'Deployment')
      .map((o) => (o.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels.app));
    return objects.flatMap((o, index) => {
      if (o.kind !== 'Service') return [];
      const app = (o.spec as { selector: Record<string, string> }).selector.app;
      return apps.has(app) ? [] : [{ index, path: 'spec.selector', message: `Not found: no Deployment has app=${app}` }];
    });
  },
};

/** Policy rule on every kind: images are not tagged latest. */
export const latestTag: ObjectRule = {
  id: 'policy/latest-tag',
  layer: Layer.POLICY,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  description: 'Images have a tag other than latest.',
  example: 'Invalid value: "nginx:latest": use a pinned tag',
  check: (o) => {
    const containers = (o.spec as { template?: { spec?: { containers?: { image: string }[] } } } | undefined)?.template?.spec?.containers ?? [];
    return containers.flatMap((c, i) => c.image.endsWith(':latest')
      ? [{ path: `spec.template.spec.containers[${i}].image`, message: `Invalid value: ${JSON.stringify(c.image)}: use a pinned tag` }] : []);
  },
};

/** Policy rule that reads the context: the PSS level is reported as info on Deployments. */
export const pssEcho: ObjectRule = {
  id: 'policy/pss-echo',
  layer: Layer.POLICY,
  defaultSeverity: Severity.INFO,
  scope: 'object',
  kinds: ['Deployment'],
  description: 'Echoes the PSS level and the external objects.',
  example: 'Forbidden: restricted',
  check: (_o, context) => [{ path: '', message: `Forbidden: ${context.podSecurity} ${context.external.map((e) => `${e.kind}/${e.name}`).join(',')}`.trim() }],
};

/** A rule that throws on ConfigMaps. */
export const broken: ObjectRule = {
  id: 'api/broken',
  layer: Layer.API,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: ['ConfigMap'],
  description: 'Always throws.',
  example: 'n/a',
  check: () => {
    throw new Error('boom');
  },
};

/** Schema rule: kinds other than Deployment, Service and ConfigMap have no schema. */
export const unknownKind: ObjectRule = {
  id: 'schema/unknown-kind',
  layer: Layer.SCHEMA,
  defaultSeverity: Severity.WARNING,
  scope: 'object',
  description: 'The kind has a schema.',
  example: 'no schema for kind "Widget" in version "example.com/v1"',
  check: (o) => ['Deployment', 'Service', 'ConfigMap'].includes(o.kind as string)
    ? [] : [{ path: 'kind', message: `no schema for kind "${o.kind as string}" in version "${o.apiVersion as string}"` }],
};

/** The test rule set. */
export const TEST_RULES = [unknownKind, replicasType, lowerName, danglingService, latestTag, pssEcho];

/** A Deployment labelled app=<name>. */
export function deployment(name: string, extra: { image?: string; replicas?: unknown; annotations?: Record<string, unknown> } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'prod', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      ...(extra.replicas === undefined ? {} : { replicas: extra.replicas }),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: extra.image ?? 'nginx:1.25' }] } },
    },
  };
}

/** A Service selecting app=<app>. */
export function service(name: string, app: string, annotations?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'prod', ...(annotations ? { annotations } : {}) },
    spec: { selector: { app }, ports: [{ port: 80 }] },
  };
}

/** Wraps objects with a construct-path source. */
export function fromConstructs(...objects: KubeObject[]): SourcedObject[] {
  return objects.map((object) => ({ object, source: { constructPath: `app/${(object.metadata as { name: string }).name}/Resource` } }));
}

/** Wraps objects with a file source; lineOf maps a path to document line + path depth. */
export function fromFile(file: string, ...objects: KubeObject[]): SourcedObject[] {
  let line = 1;
  return objects.map((object) => {
    const start = line;
    line += 20;
    return { object, source: { file, line: start, lineOf: (path: string) => start + path.split('.').length } };
  });
}
