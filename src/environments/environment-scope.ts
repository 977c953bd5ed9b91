/**
 * The construct scope of one environment: its Namespace chart, the output folder marker, the
 * labels and namespace rules for every object below it, and the bookkeeping of overrides.
 */
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { k8s } from '../constructs/common/plus';
import { markOutputFolder } from '../synth/layout';
import { isClusterScopedKind } from './cluster-scoped';
import { Environment } from './environment';
import { limitRangeItem, quotaHard } from './namespace-policy';
import { Override } from './override';

const SCOPE_MARKER = Symbol.for('cdk8s-patterns.environment-scope');

/**
 * The scope of one environment (construct id = the environment name). Charts built under it are
 * written to `dist/<folder>/`, after the environment's own `namespace` chart.
 *
 * @internal
 */
export class EnvironmentScope extends Construct {
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
    this.environment = environment;
    this.namespaceChart = createNamespaceChart(this, environment);
    markOutputFolder(this, { folder: environment.folder, firstChart: this.namespaceChart });
    this.node.addValidation({ validate: () => this.problems() });
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
  new k8s.KubeNamespace(chart, 'Namespace', { metadata: { name: env.namespace } });
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
