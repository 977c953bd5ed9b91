/**
 * The construct scope of one environment: its Namespace chart, the output folder marker, the
 * labels and namespace rules for every object below it, and the bookkeeping of overrides.
 */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../constructs/core/errors';
import { Image } from '../constructs/pod/image';
import { k8s } from '../constructs/core/plus';
import { closestName } from '../constructs/core/prop-names';
import { ConstructClass, installPropsResolver, IPropsResolver, PropsResolveOptions } from '../constructs/core/props-resolver';
import { Resources } from '../constructs/pod/resources';
import { markOutputFolder } from '../synth/layout';
import { isClusterScopedKind } from './cluster-scoped';
import { PodSecurityLevel } from '../validation/rule';
import { Environment } from './environment';
import { limitRangeItem, quotaHard } from './namespace-policy';
import { Override } from './override';

const SCOPE_MARKER = Symbol.for('cdk8s-patterns.environment-scope');

/**
 * The scope of one environment (construct id = the environment name). Charts built under it are
 * written to `dist/<folder>/`, after the environment's own `namespace` chart. It is the props
 * resolver of the patterns below it (environment defaults and overrides).
 *
 * @internal
 */
export class EnvironmentScope extends Construct implements IPropsResolver {
  /** The environment scope at or above `construct`, if any. */
  public static find(construct: IConstruct): EnvironmentScope | undefined {
    const scopes = construct.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      if ((scopes[i] as unknown as Record<symbol, unknown>)[SCOPE_MARKER] === true) {
        return scopes[i] as EnvironmentScope;
      }
    }
    return undefined;
  }

  /** The environment. */
  public readonly environment: Environment;
  /** The chart with the Namespace (and its ResourceQuota and LimitRange). */
  public readonly namespaceChart: Chart;
  private readonly _used = new Set<Override>();

  constructor(scope: Construct, environment: Environment) {
    super(scope, environment.name);
    Object.defineProperty(this, SCOPE_MARKER, { value: true, enumerable: false });
    installPropsResolver(this, this);
    this.environment = environment;
    this.namespaceChart = createNamespaceChart(this, environment);
    markOutputFolder(this, { folder: environment.folder, firstChart: this.namespaceChart });
    this.node.addValidation({ validate: () => this.problems() });
  }

  /**
   * The props of the construct `id` about to be created under `scope`, with the environment applied:
   * first the environment's defaults (resource preset when `resources` is not set, replica scale,
   * image rewrite), then the overrides for this construct path, which replace props as given.
   *
   * @throws ValidationError when an override sets a prop the construct does not have, or targets
   *   a construct of another class at this path
   */
  public resolveProps<P extends object>(scope: Construct, id: string, type: ConstructClass, props: P, options: PropsResolveOptions): P {
    const env = this.environment;
    const path = `${scope.node.path}/${id}`.slice(this.node.path.length + 1);
    const resolved: Record<string, unknown> = { ...(props as Record<string, unknown>) };

    if (env.resourcePreset !== undefined && resolved.resources === undefined) {
      resolved.resources = Resources.preset(env.resourcePreset);
    }
    if (options.defaultReplicas !== undefined && env.replicaScale !== 1) {
      resolved.replicas = env.scaleReplicas(typeof resolved.replicas === 'number' ? resolved.replicas : options.defaultReplicas);
      const autoscaling = resolved.autoscaling as { minReplicas?: number; maxReplicas: number } | undefined;
      if (autoscaling !== undefined && autoscaling !== null && typeof autoscaling === 'object') {
        resolved.autoscaling = {
          ...autoscaling,
          ...(autoscaling.minReplicas !== undefined ? { minReplicas: env.scaleReplicas(autoscaling.minReplicas) } : {}),
          maxReplicas: env.scaleReplicas(autoscaling.maxReplicas),
        };
      }
    }
    if (options.ownImage && env.images !== undefined && resolved.image instanceof Image) {
      resolved.image = env.images.apply(resolved.image);
    }

    const future = { node: { path: `${scope.node.path}/${id}` } } as unknown as IConstruct;
    for (const override of this._overridesAt(path)) {
      const matches = override.type === type || (typeof override.type === 'function' && type.prototype instanceof override.type);
      if (!matches) {
        throw new ValidationError(future, `environment '${env.name}': Override.of(${override._typeName}, '${override.path}') targets a ${override._typeName}, `
          + `but the construct at this path is a ${type.name}: fix the class or the path`);
      }
      for (const [key, value] of Object.entries(override.props)) {
        if (!options.propNames.includes(key)) {
          const suggestion = closestName(key, options.propNames);
          throw new ValidationError(future, `environment '${env.name}': Override.of(${override._typeName}, '${override.path}') sets '${key}', `
            + `which is not a prop of ${type.name}${suggestion !== undefined ? `: did you mean '${suggestion}'?` : ` (props: ${options.propNames.join(', ')})`}`);
        }
        resolved[key] = value;
      }
    }
    return resolved as P;
  }

  /** The overrides for the construct at `path` (below this scope); marks them used. */
  public _overridesAt(path: string): Override[] {
    const found = this.environment.overrides.filter((o) => o.path === path);
    found.forEach((o) => this._used.add(o));
    return found;
  }

  /**
   * Applies the environment to the objects built so far: adds its labels to every object and
   * removes the namespace from cluster-scoped objects.
   */
  public _finish(): void {
    for (const object of this.apiObjects()) {
      for (const [key, value] of Object.entries(this.environment.labels)) {
        if (object.metadata.getLabel(key) === undefined) {
          object.metadata.addLabel(key, value);
        }
      }
      if (isClusterScopedKind(object.kind) && object.metadata.namespace !== undefined) {
        object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
      }
    }
  }

  private problems(): string[] {
    const env = this.environment;
    const problems: string[] = [];
    for (const object of this.apiObjects()) {
      if (isClusterScopedKind(object.kind)) {
        continue;
      }
      const ns = object.metadata.namespace;
      if (ns !== env.namespace) {
        problems.push(`${object.kind} '${object.name}' (${object.node.path}) is in ${ns === undefined ? 'no namespace' : `namespace '${ns}'`}, `
          + `not in the namespace '${env.namespace}' of environment '${env.name}': create its chart with \`env.chartProps()\` (or namespace: env.namespace)`);
      }
    }
    for (const o of env.overrides) {
      if (!this._used.has(o)) {
        problems.push(`environment '${env.name}': Override.of(${o._typeName}, '${o.path}') matches no ${o._typeName} below '${this.node.path}': `
          + 'the path is the chart id and the construct ids below it, e.g. \'shop/Web\'');
      }
    }
    return problems;
  }

  private apiObjects(): ApiObject[] {
    return this.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) !== this.namespaceChart);
  }
}

function createNamespaceChart(scope: Construct, env: Environment): Chart {
  const chart = new Chart(scope, 'namespace', { labels: { ...env.labels } });
  const labels = env.podSecurity === undefined ? undefined : podSecurityLabels(env.podSecurity);
  new k8s.KubeNamespace(chart, 'Namespace', { metadata: { name: env.namespace, ...(labels === undefined ? {} : { labels }) } });
  if (env.quota !== undefined) {
    const hard = Object.fromEntries(Object.entries(quotaHard(env.quota)).map(([k, v]) => [k, k8s.Quantity.fromString(v)]));
    new k8s.KubeResourceQuota(chart, 'Quota', { metadata: { name: 'quota', namespace: env.namespace }, spec: { hard } });
  }
  if (env.limits !== undefined) {
    const item = limitRangeItem(env.limits);
    const quantities = (v: unknown) => v === undefined ? undefined
      : Object.fromEntries(Object.entries(v as Record<string, string>).map(([k, q]) => [k, k8s.Quantity.fromString(q)]));
    new k8s.KubeLimitRange(chart, 'Limits', {
      metadata: { name: 'limits', namespace: env.namespace },
      spec: {
        limits: [{
          type: 'Container',
          default: quantities(item.default),
          defaultRequest: quantities(item.defaultRequest),
          max: quantities(item.max),
          min: quantities(item.min),
        }],
      },
    });
  }
  return chart;
}

/** The version of the standard the labels pin (the Kubernetes version the manifests are validated for). */
const POD_SECURITY_VERSION = 'v1.28';

/**
 * The PodSecurity admission labels of a Namespace that enforces `level`, with `warn` and `audit` at
 * `restricted` (k8s.io/pod-security-admission `api/constants.go`: `<mode>` and `<mode>-version`).
 */
function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [mode, modeLevel] of [['enforce', level], ['warn', PodSecurityLevel.RESTRICTED], ['audit', PodSecurityLevel.RESTRICTED]]) {
    labels[`pod-security.kubernetes.io/${mode}`] = modeLevel;
    labels[`pod-security.kubernetes.io/${mode}-version`] = POD_SECURITY_VERSION;
  }
  return labels;
}
