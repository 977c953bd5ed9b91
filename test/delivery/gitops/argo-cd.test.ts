import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { Application, ApplicationSet } from '../../../imports/argoproj.io';
import { ValidationError } from '../../../src';
import {
  APPLICATION_KIND, APPLICATION_SET_KIND, ARGO_CD_API_VERSION, argoCdManifests, GitOpsOptions, SyncPolicy,
} from '../../../src/delivery/gitops';
import { EnvironmentOutput } from '../../../src/environments';
import { KubeObject, Severity, SourcedObject, validate } from '../../../src/validation';

const ENVS: EnvironmentOutput[] = [
  { name: 'dev', namespace: 'shop-dev', folder: 'dev' },
  { name: 'staging', namespace: 'shop-staging', folder: 'staging' },
  { name: 'prod', namespace: 'shop-prod', folder: 'prod' },
];
const REPO = 'https://github.com/acme/shop.git';

function sourced(objects: readonly KubeObject[]): SourcedObject[] {
  return objects.map((object, i) => ({ object, source: { constructPath: `GitOps/${i}` } }));
}

function errors(objects: readonly KubeObject[]): string[] {
  // Argo CD's namespace exists outside the app (where Argo CD is installed).
  const external = [{ kind: 'Namespace', name: 'argocd' }];
  return validate(sourced(objects), { external }).findings.filter(f => f.severity === Severity.ERROR).map(f => `${f.rule} ${f.path} ${f.message}`);
}

describe('argoCdManifests', () => {
  test('defaults: one automated Application per environment', () => {
    const objects = argoCdManifests(ENVS, { repoURL: REPO });
    expect(objects).toMatchSnapshot();
    expect(objects.map(o => `${o.kind}/${(o.metadata as any).name}`)).toEqual(['Application/dev', 'Application/staging', 'Application/prod']);
    const prod = objects[2] as any;
    expect(prod.metadata.namespace).toBe('argocd');
    expect(prod.spec.project).toBe('default');
    expect(prod.spec.source).toEqual({ repoURL: REPO, targetRevision: 'HEAD', path: 'dist/prod' });
    expect(prod.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'shop-prod' });
    expect(prod.spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=false'] });
    expect(prod.metadata.finalizers).toBeUndefined();
  });

  test('every option', () => {
    // GIVEN every option set
    const options: Required<GitOpsOptions> = {
      repoURL: 'git@github.com:acme/shop.git',
      targetRevision: 'release-1.4',
      pathPrefix: 'deploy/manifests/',
      argoCdNamespace: 'gitops',
      project: 'shop',
      destinationServer: 'https://prod.k8s.acme.io:6443',
      appName: 'shop',
      applicationSet: false,
      syncPolicy: SyncPolicy.automated({ prune: false }),
      environmentSyncPolicies: { prod: SyncPolicy.manual() },
      serverSideApply: true,
    };
    // WHEN
    const objects = argoCdManifests(ENVS, options) as any[];
    // THEN
    expect(objects).toMatchSnapshot();
    expect(objects.map(o => o.metadata.name)).toEqual(['shop-dev', 'shop-staging', 'shop-prod']);
    expect(objects[0].spec.source).toEqual({ repoURL: 'git@github.com:acme/shop.git', targetRevision: 'release-1.4', path: 'deploy/manifests/dev' });
    expect(objects[0].spec.syncPolicy).toEqual({ automated: { prune: false, selfHeal: true }, syncOptions: ['CreateNamespace=false', 'ServerSideApply=true'] });
    expect(objects[2].spec.syncPolicy).toEqual({ syncOptions: ['CreateNamespace=false', 'ServerSideApply=true'] });
    expect(objects[2].spec.destination.server).toBe('https://prod.k8s.acme.io:6443');
    expect(objects[2].metadata.namespace).toBe('gitops');
    expect(objects[2].spec.project).toBe('shop');
  });

  test('an ApplicationSet with a list generator', () => {
    const objects = argoCdManifests(ENVS, { repoURL: REPO, applicationSet: true, pathPrefix: '' }) as any[];
    expect(objects).toMatchSnapshot();
    expect(objects).toHaveLength(1);
    const set = objects[0];
    expect(set.kind).toBe('ApplicationSet');
    expect(set.metadata.name).toBe('environments');
    expect(set.spec.generators[0].list.elements).toEqual([
      { name: 'dev', namespace: 'shop-dev', path: 'dev' },
      { name: 'staging', namespace: 'shop-staging', path: 'staging' },
      { name: 'prod', namespace: 'shop-prod', path: 'prod' },
    ]);
    expect(set.spec.template.metadata.name).toBe('{{.name}}');
    expect(set.spec.template.spec.source.path).toBe('{{.path}}');
    expect(set.spec.template.spec.destination.namespace).toBe('{{.namespace}}');
    expect(set.spec.syncPolicy).toEqual({ applicationsSync: 'create-update', preserveResourcesOnDeletion: true });
  });

  test('the manifests pass the validation engine, which knows the Argo CD kinds without registration', () => {
    expect(errors(argoCdManifests(ENVS, { repoURL: REPO }))).toEqual([]);
    expect(errors(argoCdManifests(ENVS, { repoURL: REPO, applicationSet: true, appName: 'shop', serverSideApply: true }))).toEqual([]);
  });

  test('the schema is in effect: an unknown field and a missing required field are errors', () => {
    const [app] = structuredClone(argoCdManifests(ENVS, { repoURL: REPO })) as any[];
    app.spec.source.repoUrl = app.spec.source.repoURL;
    delete app.spec.source.repoURL;
    app.spec.syncPolicy.automated.selfheal = true;
    const found = errors([app]);
    expect(found.map(f => f.split(' ')[1]).sort()).toEqual(['spec.source.repoURL', 'spec.source.repoUrl', 'spec.syncPolicy.automated.selfheal']);
  });

  describe('the CRD file', () => {
    test('the exported apiVersion and kinds are those of the rendered manifests', () => {
      const [app] = argoCdManifests(ENVS, { repoURL: REPO });
      const [set] = argoCdManifests(ENVS, { repoURL: REPO, applicationSet: true });
      expect([app.apiVersion, app.kind, set.apiVersion, set.kind])
        .toEqual([ARGO_CD_API_VERSION, APPLICATION_KIND, ARGO_CD_API_VERSION, APPLICATION_SET_KIND]);
      expect([ARGO_CD_API_VERSION, APPLICATION_KIND, APPLICATION_SET_KIND]).toEqual(['argoproj.io/v1alpha1', 'Application', 'ApplicationSet']);
    });

    test('the written-out apiVersion and kinds are the GVKs of the generated classes (which load on first use)', () => {
      expect([ARGO_CD_API_VERSION, APPLICATION_KIND, ARGO_CD_API_VERSION, APPLICATION_SET_KIND])
        .toEqual([Application.GVK.apiVersion, Application.GVK.kind, ApplicationSet.GVK.apiVersion, ApplicationSet.GVK.kind]);
    });

    test('cdk8s.yaml imports the CRD file', () => {
      const config = YAML.parse(fs.readFileSync(path.join(__dirname, '../../../cdk8s.yaml'), 'utf8'));
      expect(config.imports).toContain('crds/argoproj.io_applications-applicationsets.yaml');
    });
  });

  describe('bad input', () => {
    test.each<[string, readonly EnvironmentOutput[], GitOpsOptions, string]>([
      ['no environments', [], { repoURL: REPO }, '[GitOps] \'environments\' is empty: pass at least one environment'],
      ['a duplicate environment', [ENVS[0], { ...ENVS[0], folder: 'dev2' }], { repoURL: REPO },
        '[GitOps] \'environments\' has two environments named "dev"; environment names must be unique'],
      ['a duplicate folder', [ENVS[0], { ...ENVS[1], folder: 'dev/' }], { repoURL: REPO },
        '[GitOps] \'environments\' has two environments with the folder "dev"; each environment needs its own folder'],
      ['a folder outside the output', [{ ...ENVS[0], folder: '../dev' }], { repoURL: REPO },
        '[GitOps] \'folder of environment "dev"\' ("../dev") must be a relative path inside the repository without \'.\', \'..\' or empty segments, e.g. \'dist\''],
      ['an invalid environment name', [{ ...ENVS[0], name: 'Dev' }], { repoURL: REPO },
        '[GitOps] \'environment name\' ("Dev") must be a DNS-1123 label: at most 63 lower-case letters, digits or \'-\', starting and ending with a letter or digit'],
      ['a missing repoURL', ENVS, { repoURL: '' },
        '[GitOps] \'repoURL\' ("") is required: the URL of the Git repository that holds the synthesized output, e.g. \'https://github.com/org/repo.git\''],
      ['a repoURL that is not a Git URL', ENVS, { repoURL: 'github.com/acme/shop' },
        '[GitOps] \'repoURL\' ("github.com/acme/shop") must be a Git URL: \'https://host/org/repo.git\', \'ssh://git@host/org/repo.git\' or \'git@host:org/repo.git\''],
      ['a repoURL with credentials', ENVS, { repoURL: 'https://bot:s3cret@github.com/acme/shop.git' },
        '[GitOps] \'repoURL\' must not contain credentials ("https://***@github.com/acme/shop.git"); configure them as an Argo CD repository Secret'],
      ['a targetRevision with spaces', ENVS, { repoURL: REPO, targetRevision: 'main branch' },
        '[GitOps] \'targetRevision\' ("main branch") must be a branch, tag or commit without spaces; leave it out for HEAD'],
      ['an absolute pathPrefix', ENVS, { repoURL: REPO, pathPrefix: '/dist' },
        '[GitOps] \'pathPrefix\' ("/dist") must be a relative path inside the repository without \'.\', \'..\' or empty segments (\'\' for the repository root), e.g. \'dist\''],
      ['an invalid argoCdNamespace', ENVS, { repoURL: REPO, argoCdNamespace: 'Argo_CD' },
        '[GitOps] \'argoCdNamespace\' ("Argo_CD") must be a DNS-1123 label: at most 63 lower-case letters, digits or \'-\', starting and ending with a letter or digit'],
      ['a destinationServer over http', ENVS, { repoURL: REPO, destinationServer: 'http://k8s:6443' },
        '[GitOps] \'destinationServer\' ("http://k8s:6443") must be an https:// API server URL such as \'https://kubernetes.default.svc\''],
      ['an Application name that is too long', ENVS, { repoURL: REPO, appName: 'a'.repeat(60) },
        `[GitOps] 'Application name of environment "dev"' ("${'a'.repeat(60)}-dev") must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit`],
      ['a sync policy for an unknown environment', ENVS, { repoURL: REPO, environmentSyncPolicies: { production: SyncPolicy.manual() } },
        '[GitOps] \'environmentSyncPolicies\' names an unknown environment "production"; environments: "dev", "staging", "prod"'],
      ['different sync policies in one ApplicationSet', ENVS, { repoURL: REPO, applicationSet: true, environmentSyncPolicies: { prod: SyncPolicy.manual() } },
        '[GitOps] \'environmentSyncPolicies\' gives the environments different sync policies (dev: automated (prune, selfHeal), '
        + 'staging: automated (prune, selfHeal), prod: manual), which one ApplicationSet template cannot express; set \'applicationSet\' to false '
        + '(one Application per environment) or use one policy'],
    ])('%s', (_name, envs, options, message) => {
      expect(() => argoCdManifests(envs, options)).toThrow(ValidationError);
      expect(() => argoCdManifests(envs, options)).toThrow(message);
    });
  });
});
