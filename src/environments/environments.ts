/**
 * `Environments`: the same app definition instantiated once per environment.
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkSameCopies } from '../constructs/core/copies';
import { ExternalObjects } from '../constructs/external-objects/external-objects';
import { ValidationError } from '../constructs/core/errors';
import { checkedConstructId } from '../constructs/core/validators';
import { checkPropNames, propNamesOf } from '../constructs/core/prop-names';
import { argoCdManifests, assignSyncWaves, GitOpsOptions } from '../delivery/gitops';
import { markOutputFolder } from '../synth/layout';
import { Environment } from './environment';
import { EnvironmentOutput } from './environment-output';
import { EnvironmentScope } from './environment-scope';

/** Properties of {@link Environments}. */
export interface EnvironmentsProps {
  /** The environments, in the order they are synthesized (e.g. dev, staging, prod). */
  readonly environments: readonly Environment[];
  /**
   * Builds the app in one environment: create the charts under `scope`, with `env.chartProps()`
   * so they land in the environment's namespace, e.g.
   * `(scope, env) => new ShopChart(scope, 'shop', env.chartProps({ host: env.host('shop') }))`.
   */
  readonly build: (scope: Construct, env: Environment) => void;
  /**
   * Deliver the environments with Argo CD: one Application per environment (or an ApplicationSet)
   * pointing at `dist/<folder>/`, written to `dist/argocd/` (apply with `kubectl apply -f dist/argocd/`),
   * and Argo CD sync waves on every object of the environments.
   * @default - no Argo CD manifests, no sync-wave annotations
   */
  readonly gitops?: GitOpsOptions;
}

/** The output folder of the Argo CD manifests. */
export const ARGO_CD_FOLDER = 'argocd';

/** The prop names of `Environments` and its `gitops` options, for callers without TypeScript. */
const ENVIRONMENTS_PROP_NAMES = propNamesOf<EnvironmentsProps>('EnvironmentsProps', { environments: true, build: true, gitops: true }, {
  gitops: propNamesOf<GitOpsOptions>('GitOpsOptions', {
    repoURL: true, targetRevision: true, pathPrefix: true, argoCdNamespace: true, project: true, destinationServer: true, appName: true,
    applicationSet: true, syncPolicy: true, environmentSyncPolicies: true, serverSideApply: true,
  }),
});

/**
 * Instantiates the same app definition in each environment.
 *
 * ```ts
 * new Environments(app, 'Environments', {
 *   environments: [dev, staging, prod],
 *   build: (scope, env) => new ShopChart(scope, 'shop', env.chartProps({ host: env.host('shop') })),
 * });
 * ```
 *
 * Each environment is a construct scope named after it, created next to this construct (so object
 * names start with the environment name, e.g. `prod-shop-web-deployment-c8…`). It holds a chart
 * `namespace` with the Namespace (and the optional ResourceQuota and LimitRange), then the charts
 * `build` creates. Every object of the environment gets its labels; namespaced objects must be in
 * its namespace (checked at synth); cluster-scoped objects never get a namespace. The charts are
 * written to `dist/<folder>/` with a `kustomization.yaml`.
 */
export class Environments extends Construct {
  /** The environments and their scopes, in order. */
  public readonly environments: readonly Environment[];
  /** The construct scope of each environment, by name. */
  private readonly _scopes = new Map<string, EnvironmentScope>();

  constructor(scope: Construct, id: string, props: EnvironmentsProps) {
    checkPropNames(scope, id, props, ENVIRONMENTS_PROP_NAMES);
    super(scope, checkedConstructId(scope, id));
    checkSameCopies(this);
    this.environments = [...(props?.environments ?? [])];
    this.check();
    for (const env of this.environments) {
      const envScope = new EnvironmentScope(scope, env);
      this._scopes.set(env.name, envScope);
      props.build(envScope, env);
      envScope._finish();
    }
    if (props.gitops !== undefined) {
      this.addGitOps(scope, props.gitops);
    }
  }

  /** The construct scope of environment `name` (the parent of its charts). */
  public scopeOf(name: string): Construct {
    const found = this._scopes.get(name);
    if (found === undefined) {
      throw new ValidationError(this, `unknown environment '${name}' (environments: ${[...this._scopes.keys()].join(', ')})`);
    }
    return found;
  }

  /** Name, namespace and output folder of every environment, for delivery tooling (GitOps, diff, graph). */
  public get outputs(): EnvironmentOutput[] {
    return this.environments.map((e) => ({ name: e.name, namespace: e.namespace, folder: e.folder }));
  }

  private addGitOps(scope: Construct, options: GitOpsOptions): void {
    for (const envScope of this._scopes.values()) {
      assignSyncWaves(envScope);
    }
    const folder = new Construct(scope, ARGO_CD_FOLDER);
    markOutputFolder(folder, { folder: ARGO_CD_FOLDER, kustomization: false });
    const chart = new Chart(folder, 'applications');
    const manifests = argoCdManifests(this.outputs, options);
    manifests.forEach((manifest, i) => {
      new ApiObject(chart, `${manifest.kind}${i}`, manifest as unknown as ConstructorParameters<typeof ApiObject>[2]);
    });
    const argoNamespace = (manifests[0]?.metadata as { namespace?: unknown } | undefined)?.namespace;
    if (typeof argoNamespace === 'string') {
      // Argo CD's namespace belongs to the Argo CD installation.
      ExternalObjects.of(chart).declare({ kind: 'Namespace', name: argoNamespace });
    }
  }

  private check(): void {
    if (this.environments.length === 0) {
      throw new ValidationError(this, '\'environments\' is empty: give at least one Environment');
    }
    const taken = (field: 'name' | 'namespace' | 'folder') => {
      const seen = new Map<string, string>();
      for (const env of [...otherEnvironments(this), ...this.environments]) {
        const other = seen.get(env[field]);
        if (other !== undefined) {
          throw new ValidationError(this, `environments '${other}' and '${env.name}' have the same ${field} '${env[field]}': `
            + `each environment needs its own ${field}`);
        }
        seen.set(env[field], env.name);
      }
    };
    for (const env of this.environments) {
      if (!(env instanceof Environment)) {
        throw new ValidationError(this, `'environments' contains ${JSON.stringify(env)}: create each with Environment.of({...})`);
      }
      const problems = env._problems();
      if (problems.length > 0) {
        throw new ValidationError(this, `environment '${env.name}': ${problems.join('; ')}`);
      }
    }
    taken('name');
    taken('namespace');
    taken('folder');
  }
}

/** The environments of other `Environments` constructs in the same app. */
function otherEnvironments(self: Environments): Environment[] {
  return self.node.root.node.findAll()
    .filter((c: IConstruct): c is EnvironmentScope => c instanceof EnvironmentScope)
    .map((s) => s.environment);
}
