/**
 * Argo CD Application / ApplicationSet manifests that deliver the environment folders.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/declarative-setup/
 */
import { App, Chart } from 'cdk8s';
import { MANAGED_BY } from '../../constructs/workload/labels';
import {
  Application, ApplicationSet, ApplicationSetSpecSyncPolicyApplicationsSync, ApplicationSpec,
} from '../../../imports/argoproj.io';
import { EnvironmentOutput } from '../../environments/environment-output';
import { KubeObject } from '../../validation/types';
import { environmentPath, GitOpsOptions, resolveGitOpsOptions, ResolvedGitOpsOptions, DEFAULT_APPLICATION_SET_NAME } from './gitops-options';
import { SyncPolicy } from './sync-policy';
import { APPLICATION_KIND, APPLICATION_SET_KIND, ARGO_CD_API_VERSION, ENVIRONMENT_LABEL, GITOPS_SCOPE_ID } from './values';

export { APPLICATION_KIND, APPLICATION_SET_KIND, ARGO_CD_API_VERSION, ENVIRONMENT_LABEL, GITOPS_SCOPE_ID };

/**
 * The Argo CD manifests that deliver the environments: one `Application` per environment, or one
 * `ApplicationSet` with a list generator when `options.applicationSet` is set.
 *
 * Each Application syncs `<pathPrefix>/<environment folder>` (a Kustomize folder, so Argo CD
 * renders it like `kubectl apply -k`) of `repoURL` at `targetRevision` into the environment's
 * namespace, with the sync options `CreateNamespace=false` (the folder holds the Namespace
 * object) and, if asked, `ServerSideApply=true`. The Applications have no resources finalizer
 * (and an ApplicationSet preserves resources on deletion): deleting an Application never deletes
 * what it deployed, e.g. a database.
 *
 * Throws a `ValidationError` naming the option for bad input (empty or duplicate environments, a
 * repoURL that is not a Git URL or holds credentials, invalid names or paths).
 */
export function argoCdManifests(envs: readonly EnvironmentOutput[], options: GitOpsOptions): KubeObject[] {
  const chart = new Chart(new App({ outdir: '.' }), GITOPS_SCOPE_ID);
  const resolved = resolveGitOpsOptions(chart, envs, options);
  if (resolved.applicationSet) {
    renderApplicationSet(chart, envs, resolved);
  } else {
    for (const env of envs) {
      renderApplication(chart, env, resolved);
    }
  }
  return chart.toJson() as KubeObject[];
}

function renderApplication(chart: Chart, env: EnvironmentOutput, options: ResolvedGitOpsOptions): void {
  new Application(chart, env.name, {
    metadata: {
      name: options.appName !== undefined ? `${options.appName}-${env.name}` : env.name,
      namespace: options.argoCdNamespace,
      labels: labels(env.name),
    },
    spec: applicationSpec(options, environmentPath(options, env), env.namespace, options.syncPolicies.get(env.name)!),
  });
}

function renderApplicationSet(chart: Chart, envs: readonly EnvironmentOutput[], options: ResolvedGitOpsOptions): void {
  const policy = options.syncPolicies.get(envs[0].name)!;
  new ApplicationSet(chart, 'ApplicationSet', {
    metadata: {
      name: options.appName ?? DEFAULT_APPLICATION_SET_NAME,
      namespace: options.argoCdNamespace,
      labels: { 'app.kubernetes.io/managed-by': MANAGED_BY },
    },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{
        list: {
          elements: envs.map(env => ({ name: env.name, namespace: env.namespace, path: environmentPath(options, env) })),
        },
      }],
      syncPolicy: {
        applicationsSync: ApplicationSetSpecSyncPolicyApplicationsSync.CREATE_HYPHEN_UPDATE,
        preserveResourcesOnDeletion: true,
      },
      template: {
        metadata: {
          name: options.appName !== undefined ? `${options.appName}-{{.name}}` : '{{.name}}',
          namespace: options.argoCdNamespace,
          labels: labels('{{.name}}'),
        },
        spec: applicationSpec(options, '{{.path}}', '{{.namespace}}', policy),
      },
    },
  });
}

function applicationSpec(options: ResolvedGitOpsOptions, path: string, namespace: string, policy: SyncPolicy): ApplicationSpec {
  const syncOptions = ['CreateNamespace=false', ...(options.serverSideApply ? ['ServerSideApply=true'] : [])];
  return {
    project: options.project,
    source: { repoUrl: options.repoURL, targetRevision: options.targetRevision, path },
    destination: { server: options.destinationServer, namespace },
    syncPolicy: {
      ...(policy.automated ? { automated: { prune: policy.automated.prune, selfHeal: policy.automated.selfHeal } } : {}),
      syncOptions,
    },
  };
}

function labels(environment: string): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': MANAGED_BY, [ENVIRONMENT_LABEL]: environment };
}
