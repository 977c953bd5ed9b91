/**
 * The options of the Argo CD output and their validation.
 */
import { IConstruct } from 'constructs';
import { ValidationError } from '../../constructs/core/errors';
import { checkDns1123Label, checkDns1123Subdomain } from '../../constructs/core/validators';
import { EnvironmentOutput } from '../../environments/environment-output';
import { SyncPolicy } from './sync-policy';
import { DEFAULT_APPLICATION_SET_NAME } from './values';

export { DEFAULT_APPLICATION_SET_NAME };

/** Options of `argoCdManifests`. */
export interface GitOpsOptions {
  /**
   * The Git repository the synthesized `dist/` is committed to: `https://host/org/repo.git`,
   * `ssh://git@host/org/repo.git` or `git@host:org/repo.git`. Credentials do not belong in the
   * URL: configure them as an Argo CD repository Secret.
   */
  readonly repoURL: string;
  /**
   * The Git revision (branch, tag or commit) Argo CD syncs to.
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * The folder in the repository that holds the environment folders (the synth output folder);
   * each Application's path is `<pathPrefix>/<environment folder>`. `''` for the repository root.
   * @default 'dist'
   */
  readonly pathPrefix?: string;
  /**
   * The namespace Argo CD runs in (where Applications must be created).
   * @default 'argocd'
   */
  readonly argoCdNamespace?: string;
  /**
   * The Argo CD AppProject of the Applications.
   * @default 'default'
   */
  readonly project?: string;
  /**
   * The API server URL of the target cluster.
   * @default 'https://kubernetes.default.svc' - the cluster Argo CD runs in
   */
  readonly destinationServer?: string;
  /**
   * The base name of the Applications: each one is named `<appName>-<environment>`, the
   * ApplicationSet `<appName>`.
   * @default - Applications are named after their environment (`dev`, `prod`), the ApplicationSet
   * `environments`
   */
  readonly appName?: string;
  /**
   * Render one ApplicationSet with a list generator (one element per environment) instead of one
   * Application per environment.
   * @default false
   */
  readonly applicationSet?: boolean;
  /**
   * The sync policy of every environment without an entry in `environmentSyncPolicies`.
   * @default SyncPolicy.automated() - sync every commit, with prune and selfHeal
   */
  readonly syncPolicy?: SyncPolicy;
  /**
   * Sync policies by environment name, e.g. `{ prod: SyncPolicy.manual() }`. An ApplicationSet
   * has one template, so with `applicationSet` every environment must end up with the same policy.
   * @default - every environment uses `syncPolicy`
   */
  readonly environmentSyncPolicies?: { readonly [environment: string]: SyncPolicy };
  /**
   * Apply with server-side apply (sync option `ServerSideApply=true`).
   * @default false
   */
  readonly serverSideApply?: boolean;
}

/** The options with their defaults resolved. @internal */
export interface ResolvedGitOpsOptions {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly pathPrefix: string;
  readonly argoCdNamespace: string;
  readonly project: string;
  readonly destinationServer: string;
  readonly appName?: string;
  readonly applicationSet: boolean;
  readonly serverSideApply: boolean;
  /** The sync policy of each environment, by environment name. */
  readonly syncPolicies: ReadonlyMap<string, SyncPolicy>;
}

const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s:][^\s]*$/;
const URL_LIKE = /^(https?|ssh|git):\/\/([^\s/@]+@)?[A-Za-z0-9.-]+(:\d+)?(\/[^\s]*)?$/;

/**
 * Validates the environments and options and resolves the defaults; errors name the option.
 *
 * @internal
 */
export function resolveGitOpsOptions(scope: IConstruct, envs: readonly EnvironmentOutput[], options: GitOpsOptions): ResolvedGitOpsOptions {
  checkEnvironments(scope, envs);
  const repoURL = checkRepoUrl(scope, options.repoURL);
  const targetRevision = options.targetRevision ?? 'HEAD';
  if (!/^[^\s]+$/.test(targetRevision)) {
    throw new ValidationError(scope, `'targetRevision' (${JSON.stringify(targetRevision)}) must be a branch, tag or commit `
      + 'without spaces; leave it out for HEAD');
  }
  const pathPrefix = checkRelativePath(scope, 'pathPrefix', options.pathPrefix ?? 'dist', true);
  const argoCdNamespace = options.argoCdNamespace ?? 'argocd';
  checkDns1123Label(scope, 'argoCdNamespace', argoCdNamespace);
  const project = options.project ?? 'default';
  checkDns1123Subdomain(scope, 'project', project);
  const destinationServer = options.destinationServer ?? 'https://kubernetes.default.svc';
  if (!/^https:\/\/[^\s/]+(\/[^\s]*)?$/.test(destinationServer)) {
    throw new ValidationError(scope, `'destinationServer' (${JSON.stringify(destinationServer)}) must be an https:// API server URL `
      + 'such as \'https://kubernetes.default.svc\'');
  }
  const applicationSet = options.applicationSet ?? false;
  if (options.appName !== undefined) {
    checkDns1123Label(scope, 'appName', options.appName);
  }
  for (const env of envs) {
    const name = options.appName !== undefined ? `${options.appName}-${env.name}` : env.name;
    // Argo CD writes the Application name into the app.kubernetes.io/instance tracking label.
    checkDns1123Label(scope, `Application name of environment "${env.name}"`, name);
  }
  return {
    repoURL,
    targetRevision,
    pathPrefix,
    argoCdNamespace,
    project,
    destinationServer,
    appName: options.appName,
    applicationSet,
    serverSideApply: options.serverSideApply ?? false,
    syncPolicies: resolveSyncPolicies(scope, envs, options, applicationSet),
  };
}

/** The path of an environment folder in the repository. @internal */
export function environmentPath(options: ResolvedGitOpsOptions, env: EnvironmentOutput): string {
  const folder = env.folder.replace(/^\.\/+/, '').replace(/\/+$/, '');
  return options.pathPrefix === '' ? folder : `${options.pathPrefix}/${folder}`;
}

function checkEnvironments(scope: IConstruct, envs: readonly EnvironmentOutput[]): void {
  if (envs.length === 0) {
    throw new ValidationError(scope, '\'environments\' is empty: pass at least one environment');
  }
  const names = new Set<string>();
  const folders = new Set<string>();
  for (const env of envs) {
    checkDns1123Label(scope, 'environment name', env.name);
    checkDns1123Label(scope, `namespace of environment "${env.name}"`, env.namespace);
    const folder = checkRelativePath(scope, `folder of environment "${env.name}"`, env.folder, false);
    if (names.has(env.name)) {
      throw new ValidationError(scope, `'environments' has two environments named "${env.name}"; environment names must be unique`);
    }
    if (folders.has(folder)) {
      throw new ValidationError(scope, `'environments' has two environments with the folder "${folder}"; each environment needs its own folder`);
    }
    names.add(env.name);
    folders.add(folder);
  }
}

function checkRepoUrl(scope: IConstruct, repoURL: unknown): string {
  if (typeof repoURL !== 'string' || repoURL === '') {
    throw new ValidationError(scope, `'repoURL' (${JSON.stringify(repoURL)}) is required: the URL of the Git repository `
      + 'that holds the synthesized output, e.g. \'https://github.com/org/repo.git\'');
  }
  if (/^https?:\/\/[^\s/@]*:[^\s/@]*@/.test(repoURL)) {
    throw new ValidationError(scope, `'repoURL' must not contain credentials (${JSON.stringify(repoURL.replace(/\/\/[^/@]*@/, '//***@'))}); `
      + 'configure them as an Argo CD repository Secret');
  }
  if (!URL_LIKE.test(repoURL) && !SCP_LIKE.test(repoURL)) {
    throw new ValidationError(scope, `'repoURL' (${JSON.stringify(repoURL)}) must be a Git URL: 'https://host/org/repo.git', `
      + '\'ssh://git@host/org/repo.git\' or \'git@host:org/repo.git\'');
  }
  return repoURL;
}

/** Normalizes a relative POSIX path (no leading '/', no '..', no trailing '/'). */
function checkRelativePath(scope: IConstruct, prop: string, value: string, allowEmpty: boolean): string {
  const normalized = String(value).replace(/^\.\/+/, '').replace(/\/+$/, '');
  const segments = normalized === '' ? [] : normalized.split('/');
  const valid = typeof value === 'string' && !value.startsWith('/') && !/[\s\\]/.test(value)
    && segments.every(s => s !== '' && s !== '.' && s !== '..') && (allowEmpty || segments.length > 0);
  if (!valid) {
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(value)}) must be a relative path inside the repository `
      + `without '.', '..' or empty segments${allowEmpty ? ' (\'\' for the repository root)' : ''}, e.g. 'dist'`);
  }
  return normalized;
}

function resolveSyncPolicies(scope: IConstruct, envs: readonly EnvironmentOutput[], options: GitOpsOptions,
  applicationSet: boolean): Map<string, SyncPolicy> {
  const fallback = options.syncPolicy ?? SyncPolicy.automated();
  const byEnv = options.environmentSyncPolicies ?? {};
  for (const name of Object.keys(byEnv)) {
    if (!envs.some(env => env.name === name)) {
      throw new ValidationError(scope, `'environmentSyncPolicies' names an unknown environment "${name}"; `
        + `environments: ${envs.map(env => `"${env.name}"`).join(', ')}`);
    }
  }
  const policies = new Map(envs.map(env => [env.name, byEnv[env.name] ?? fallback] as const));
  const distinct = new Set([...policies.values()].map(p => p.toString()));
  if (applicationSet && distinct.size > 1) {
    const list = [...policies].map(([name, policy]) => `${name}: ${policy}`).join(', ');
    throw new ValidationError(scope, `'environmentSyncPolicies' gives the environments different sync policies (${list}), `
      + 'which one ApplicationSet template cannot express; set \'applicationSet\' to false (one Application per '
      + 'environment) or use one policy');
  }
  return policies;
}
