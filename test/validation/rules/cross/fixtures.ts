/**
 * Builders of inline Kubernetes objects and a runner for rules, shared by the cross and policy tests.
 */
import { BundleViolation, ExternalObjectRef, PodSecurityLevel, Rule, RuleContext } from '../../../../src/validation/rule';
import { KubeObject } from '../../../../src/validation/types';

/** A rule context with baseline pod security and no external objects, plus overrides. */
export function context(overrides: Partial<RuleContext> = {}): RuleContext {
  return { podSecurity: PodSecurityLevel.BASELINE, external: [] as ExternalObjectRef[], ...overrides };
}

/** Runs any rule over a bundle; object rules are run per object (respecting `kinds`) and indexed. */
export function run(rule: Rule, objects: KubeObject[], ctx: RuleContext = context()): BundleViolation[] {
  if (rule.scope === 'bundle') {
    return rule.check(objects, ctx);
  }
  return objects.flatMap((object, index) =>
    !rule.kinds || rule.kinds.includes(object.kind as string)
      ? rule.check(object, ctx).map((v) => ({ index, path: v.path, message: v.message }))
      : [],
  );
}

/** A table case: a bundle and the exact violations expected. */
export interface Case {
  readonly name: string;
  readonly objects: KubeObject[];
  readonly context?: RuleContext;
  readonly expected: BundleViolation[];
}

/** Options of {@link container}. */
export interface ContainerOptions {
  readonly name?: string;
  readonly image?: string;
  readonly ports?: Record<string, unknown>[];
  readonly extra?: Record<string, unknown>;
}

/** A container with a pinned image. */
export function container(options: ContainerOptions = {}): Record<string, unknown> {
  return {
    name: options.name ?? 'app',
    image: options.image ?? 'nginx:1.25',
    ...(options.ports ? { ports: options.ports } : {}),
    ...options.extra,
  };
}

/** Options of {@link deployment} and friends. */
export interface WorkloadOptions {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly replicas?: number;
  readonly containers?: Record<string, unknown>[];
  /** Extra pod spec fields. */
  readonly podSpec?: Record<string, unknown>;
  /** Extra pod template annotations. */
  readonly annotations?: Record<string, string>;
  /** Extra workload spec fields. */
  readonly spec?: Record<string, unknown>;
}

function metadata(name: string, namespace?: string): Record<string, unknown> {
  return namespace ? { name, namespace } : { name };
}

function template(o: WorkloadOptions, labels: Record<string, string>): Record<string, unknown> {
  return {
    metadata: { labels, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: { containers: o.containers ?? [container()], ...o.podSpec },
  };
}

/** A Deployment whose selector equals its template labels (default `app: <name>`). */
export function deployment(o: WorkloadOptions = {}): KubeObject {
  const name = o.name ?? 'web';
  const labels = o.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(name, o.namespace),
    spec: {
      ...(o.replicas !== undefined ? { replicas: o.replicas } : {}),
      selector: { matchLabels: labels },
      template: template(o, labels),
      ...o.spec,
    },
  };
}

/** A StatefulSet (same shape as {@link deployment}). */
export function statefulSet(o: WorkloadOptions = {}): KubeObject {
  const d = deployment(o) as { spec: Record<string, unknown> };
  return { ...deployment(o), kind: 'StatefulSet', spec: { ...d.spec, serviceName: o.name ?? 'web' } };
}

/** A Job with a template labelled `job: <name>`. */
export function job(o: WorkloadOptions = {}): KubeObject {
  const name = o.name ?? 'migrate';
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(name, o.namespace),
    spec: { template: template({ ...o, podSpec: { restartPolicy: 'Never', ...o.podSpec } }, o.labels ?? { job: name }), ...o.spec },
  };
}

/** A CronJob. */
export function cronJob(o: WorkloadOptions = {}): KubeObject {
  const name = o.name ?? 'report';
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: metadata(name, o.namespace),
    spec: {
      schedule: '0 * * * *',
      jobTemplate: { spec: { template: template({ ...o, podSpec: { restartPolicy: 'Never', ...o.podSpec } }, o.labels ?? { job: name }), ...o.spec } },
    },
  };
}

/** A bare Pod. */
export function pod(o: WorkloadOptions = {}): KubeObject {
  const name = o.name ?? 'debug';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...metadata(name, o.namespace), labels: o.labels ?? { app: name } },
    spec: { containers: o.containers ?? [container()], ...o.podSpec },
  };
}

/** A Service. */
export function service(
  name: string,
  selector: Record<string, string> | undefined,
  ports: Record<string, unknown>[] = [{ port: 80, targetPort: 80 }],
  extra: { namespace?: string; spec?: Record<string, unknown> } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(name, extra.namespace),
    spec: { ...(selector ? { selector } : {}), ports, ...extra.spec },
  };
}

/** A ConfigMap with string data. */
export function configMap(name: string, data: Record<string, string>, namespace?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(name, namespace), data };
}

/** A Secret with base64 data keys. */
export function secret(name: string, keys: string[], type?: string, namespace?: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: metadata(name, namespace),
    ...(type ? { type } : {}),
    data: Object.fromEntries(keys.map((k) => [k, 'eA=='])),
  };
}

/** An autoscaling/v2 HPA of a Deployment. */
export function hpa(target: string, spec: Record<string, unknown> = {}, kind = 'Deployment'): KubeObject {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: target },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target }, minReplicas: 2, maxReplicas: 5, ...spec },
  };
}

/** A policy/v1 PodDisruptionBudget. */
export function pdb(name: string, matchLabels: Record<string, string> | undefined, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name },
    spec: { ...(matchLabels ? { selector: { matchLabels } } : {}), ...spec },
  };
}

/** A networking.k8s.io/v1 Ingress. */
export function ingress(name: string, spec: Record<string, unknown>, extra: { namespace?: string; annotations?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { ...metadata(name, extra.namespace), ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec,
  };
}

/** An Ingress rule routing `host` + `path` to a Service port. */
export function route(host: string | undefined, path: string, serviceName: string, port: Record<string, unknown>): Record<string, unknown> {
  return {
    ...(host ? { host } : {}),
    http: { paths: [{ path, pathType: 'Prefix', backend: { service: { name: serviceName, port } } }] },
  };
}

/** A Namespace. */
export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A ServiceAccount. */
export function serviceAccount(name: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name }, ...extra };
}
