import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Size, Testing } from 'cdk8s';
import {
  Cpu, Database, Environment, Environments, HealthCheck, ImageRewrite, Image, Override, PodSecurityLevel, ResourcePreset, Resources,
  Severity, validate, WebApp,
} from '../../src';
import { runSynth, synthesizeApp, SynthError, environmentNames } from '../../src/synth';
import { synthValidator } from '../../src/validation';
import { env, ShopChart, shopApp } from './fixtures';

type Obj = { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };

function objectsIn(app: App, folder: string): Obj[] {
  const result = synthesizeApp(app);
  return result.charts.filter((c) => c.file.name.startsWith(`${folder}/`)).flatMap((c) => c.objects.map((o) => o.object as Obj));
}

function find(objects: Obj[], kind: string): Obj {
  const found = objects.find((o) => o.kind === kind);
  if (!found) {
    throw new Error(`no ${kind}`);
  }
  return found;
}

function silentReporter() {
  const errors: string[] = [];
  return { errors, reporter: { info: () => undefined, warn: () => undefined, error: (m: string) => errors.push(m) } };
}

describe('Environment', () => {
  test('defaults: namespace and folder are the name, scale 1, no labels or overrides', () => {
    const e = Environment.of({ name: 'dev' });
    expect(e.namespace).toBe('dev');
    expect(e.folder).toBe('dev');
    expect(e.replicaScale).toBe(1);
    expect(e.labels).toEqual({});
    expect(e.overrides).toEqual([]);
    expect(e.domain).toBeUndefined();
  });

  test('host() prefixes the domain, and fails without one', () => {
    expect(env('dev').host('shop')).toBe('shop.dev.example.com');
    expect(env('dev').host('')).toBe('dev.example.com');
    expect(() => Environment.of({ name: 'dev' }).host('shop')).toThrow(
      "environment 'dev': host('shop') needs a domain: set 'domain' on the environment (e.g. 'dev.example.com')");
  });

  test('scaleReplicas rounds, keeps at least 1, and keeps 0', () => {
    const half = Environment.of({ name: 'dev', replicaScale: 0.5 });
    expect([0, 1, 2, 3, 5].map((n) => half.scaleReplicas(n))).toEqual([0, 1, 1, 2, 3]);
    expect(Environment.of({ name: 'prod', replicaScale: 1.5 }).scaleReplicas(2)).toBe(3);
  });

  test('chartProps sets namespace and merges labels (chart labels win)', () => {
    const e = env('dev', { labels: { team: 'a', tier: 'x' } });
    expect(e.chartProps({ labels: { tier: 'web' } })).toEqual({ namespace: 'shop-dev', labels: { team: 'a', tier: 'web' } });
    expect(e.chartProps()).toEqual({ namespace: 'shop-dev', labels: { team: 'a', tier: 'x' } });
  });
});

describe('ImageRewrite', () => {
  const image = Image.of('ghcr.io/acme/shop:1.0.0');
  test('registry replaces the registry host, keeps the path and tag', () => {
    expect(ImageRewrite.registry('mirror.example.com').apply(image).reference).toBe('mirror.example.com/acme/shop:1.0.0');
    expect(ImageRewrite.registry('mirror.example.com:5000/hub/').apply(Image.of('nginx:1.27')).reference).toBe('mirror.example.com:5000/hub/nginx:1.27');
  });
  test('tag replaces tag and digest', () => {
    expect(ImageRewrite.tag('1.1.0-rc.1').apply(image).reference).toBe('ghcr.io/acme/shop:1.1.0-rc.1');
    const pinned = Image.fromDigest('ghcr.io/acme/shop', `sha256:${'a'.repeat(64)}`);
    expect(ImageRewrite.tag('2.0.0').apply(pinned).reference).toBe('ghcr.io/acme/shop:2.0.0');
  });
  test('repositories limits the rewrite', () => {
    const rewrite = ImageRewrite.of({ tag: '9.9.9', repositories: ['ghcr.io/other/'] });
    expect(rewrite.apply(image)).toBe(image);
  });
});

describe('Environments', () => {
  test('each environment is a scope named after it, with a Namespace chart first', () => {
    const app = shopApp([env('dev'), env('prod')]);
    const result = synthesizeApp(app);
    expect(result.files.map((f) => f.name)).toEqual([
      'dev/namespace.k8s.yaml', 'dev/shop.k8s.yaml', 'prod/namespace.k8s.yaml', 'prod/shop.k8s.yaml',
      'dev/kustomization.yaml', 'prod/kustomization.yaml',
    ]);
    expect(environmentNames(result.files)).toEqual(['dev', 'prod']);
    expect(result.files.find((f) => f.name === 'prod/kustomization.yaml')!.content).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - namespace.k8s.yaml\n  - shop.k8s.yaml\n');
    const prod = objectsIn(app, 'prod');
    expect(find(prod, 'Namespace').metadata).toEqual({ name: 'shop-prod' });
    expect(find(prod, 'Deployment').metadata.name).toMatch(/^prod-shop-web-c8[0-9a-f]{6}$/);
  });

  test('every namespaced object lands in the namespace; labels on every object', () => {
    const app = shopApp([env('dev', { labels: { 'example.com/env': 'dev' } })]);
    const objects = objectsIn(app, 'dev');
    for (const o of objects) {
      expect(o.metadata.labels?.['example.com/env']).toBe('dev');
      expect(o.metadata.namespace).toBe(o.kind === 'Namespace' ? undefined : 'shop-dev');
    }
  });

  test('the example app passes the validation engine (namespace rules included)', () => {
    const app = shopApp([env('dev'), env('prod')]);
    expect(() => synthesizeApp(app, { validate: synthValidator() })).not.toThrow();
  });

  test('cluster-scoped objects never get a namespace', () => {
    const app = new App();
    new Environments(app, 'Environments', {
      environments: [env('dev')],
      build: (scope, e) => {
        const chart = new Chart(scope, 'rbac', e.chartProps());
        new ApiObject(chart, 'Reader', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', rules: [] } as any);
      },
    });
    const role = find(objectsIn(app, 'dev'), 'ClusterRole');
    expect(role.metadata.namespace).toBeUndefined();
    expect(role.metadata.name).toMatch(/^dev-rbac-reader-c8/);
  });

  test('a chart outside the environment namespace fails the synth', () => {
    const app = new App();
    new Environments(app, 'Environments', { environments: [env('dev')], build: (scope) => new ShopChart(scope, 'shop', { namespace: 'other' }) });
    expect(() => synthesizeApp(app)).toThrow(SynthError);
    try {
      synthesizeApp(app);
    } catch (e) {
      expect((e as SynthError).problems[0]).toMatch(
        /^\[dev\] ServiceAccount 'dev-shop-db-serviceaccount-c8[0-9a-f]{6}' \(dev\/shop\/Db\/ServiceAccount\/Resource\) is in namespace 'other', not in the namespace 'shop-dev' of environment 'dev': create its chart with `env.chartProps\(\)` \(or namespace: env.namespace\)$/);
    }
  });

  test('quota and limit range from typed props', () => {
    const app = shopApp([env('prod', {
      quota: { requestsCpu: Cpu.units(4), requestsMemory: Size.gibibytes(8), limitsMemory: Size.mebibytes(1536), pods: 20, persistentVolumeClaims: 4 },
      limits: { defaultRequest: { cpu: Cpu.millis(100), memory: Size.mebibytes(128) }, max: { cpu: Cpu.units(2) } },
    })]);
    const objects = objectsIn(app, 'prod');
    expect(objects.slice(0, 3).map((o) => o.kind)).toEqual(['Namespace', 'ResourceQuota', 'LimitRange']);
    expect(find(objects, 'ResourceQuota')).toMatchSnapshot();
    expect(find(objects, 'ResourceQuota').spec.hard).toEqual({
      'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '1536Mi', 'pods': '20', 'persistentvolumeclaims': '4',
    });
    expect(find(objects, 'LimitRange').spec.limits).toEqual([{
      type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, max: { cpu: '2' },
    }]);
  });

  describe('defaults from the environment', () => {
    test('resource preset applies where resources are not set', () => {
      const objects = objectsIn(shopApp([env('dev', { resourcePreset: ResourcePreset.NANO })]), 'dev');
      const web = objects.filter((o) => o.kind === 'Deployment')[0];
      expect(web.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } });
      const db = find(objects, 'StatefulSet');
      expect(db.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '50m', memory: '64Mi' });
    });

    test('replica scale applies to the default and to autoscaling bounds', () => {
      expect(find(objectsIn(shopApp([env('dev', { replicaScale: 0.5 })]), 'dev'), 'Deployment').spec.replicas).toBe(1);
      expect(find(objectsIn(shopApp([env('prod', { replicaScale: 2 })]), 'prod'), 'Deployment').spec.replicas).toBe(4);
      const app = new App();
      new Environments(app, 'Environments', {
        environments: [env('prod', { replicaScale: 1.5 })],
        build: (scope, e) => {
          const chart = new Chart(scope, 'web', e.chartProps());
          new WebApp(chart, 'Web', { image: Image.of('ghcr.io/acme/shop:1.0.0'), autoscaling: { minReplicas: 2, maxReplicas: 5 } });
        },
      });
      const hpa = find(objectsIn(app, 'prod'), 'HorizontalPodAutoscaler');
      expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([3, 8]);
    });

    test('image rewrite applies to app images, not to the database', () => {
      const objects = objectsIn(shopApp([env('prod', { images: ImageRewrite.registry('mirror.example.com') })]), 'prod');
      expect(find(objects, 'Deployment').spec.template.spec.containers[0].image).toBe('mirror.example.com/acme/shop:1.0.0');
      expect(find(objects, 'StatefulSet').spec.template.spec.containers[0].image).toBe('postgres:16.4');
    });
  });

  describe('overrides', () => {
    test('typed override replaces props of the construct at the path (not scaled)', () => {
      const app = shopApp([env('prod', {
        replicaScale: 2,
        overrides: [
          Override.of(WebApp, 'shop/Web', { replicas: 5, resources: Resources.preset(ResourcePreset.LARGE) }),
          Override.of(Database, 'shop/Db', { storage: { size: Size.gibibytes(50) } }),
        ],
      })]);
      const objects = objectsIn(app, 'prod');
      const web = find(objects, 'Deployment');
      expect(web.spec.replicas).toBe(5);
      expect(web.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '512Mi' });
      expect(find(objects, 'StatefulSet').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('50Gi');
    });

    test('overrides apply only in their environment', () => {
      const app = shopApp([env('dev'), env('prod', { overrides: [Override.of(WebApp, 'shop/Web', { replicas: 5 })] })]);
      expect(find(objectsIn(app, 'dev'), 'Deployment').spec.replicas).toBe(2);
      expect(find(objectsIn(app, 'prod'), 'Deployment').spec.replicas).toBe(5);
    });

    test('a misspelled prop is a type error', () => {
      // @ts-expect-error 'replica' is not a prop of WebAppProps
      const o = Override.of(WebApp, 'shop/Web', { replica: 4 });
      expect(o.path).toBe('shop/Web');
    });

    test('an unknown prop in untyped input fails with the environment, path, prop and the closest prop', () => {
      const untyped = Override.of(WebApp, 'shop/Web', { replica: 4 } as any);
      expect(() => shopApp([env('prod', { overrides: [untyped] })])).toThrow(new Error(
        '[prod/shop/Web] environment \'prod\': Override.of(WebApp, \'shop/Web\') sets \'replica\', which is not a prop of WebApp: did you mean \'replicas\'?'));
    });

    test('an unknown prop with no close prop lists the props', () => {
      const untyped = Override.of(WebApp, 'shop/Web', { zzz: 4 } as any);
      expect(() => shopApp([env('prod', { overrides: [untyped] })])).toThrow(
        /^\[prod\/shop\/Web\] environment 'prod': Override\.of\(WebApp, 'shop\/Web'\) sets 'zzz', which is not a prop of WebApp \(props: image, command, .*, replicas, .*\)$/);
    });

    test('an override of another class at the path fails', () => {
      const wrong = Override.of(Database, 'shop/Web', { replicas: 1 });
      expect(() => shopApp([env('prod', { overrides: [wrong] })])).toThrow(
        "[prod/shop/Web] environment 'prod': Override.of(Database, 'shop/Web') targets a Database, but the construct at this path is a WebApp: fix the class or the path");
    });

    test('an override for a path that does not exist fails the synth', () => {
      const app = shopApp([env('prod', { overrides: [Override.of(WebApp, 'shop/Api', { replicas: 3 })] })]);
      expect(() => synthesizeApp(app)).toThrow(
        "[prod] environment 'prod': Override.of(WebApp, 'shop/Api') matches no WebApp below 'prod': the path is the chart id and the construct ids below it, e.g. 'shop/Web'");
    });
  });

  describe('bad input', () => {
    test.each([
      ['namespace', [env('dev', { namespace: 'shop' }), env('prod', { namespace: 'shop' })],
        "[Environments] environments 'dev' and 'prod' have the same namespace 'shop': each environment needs its own namespace"],
      ['folder', [env('dev', { folder: 'out' }), env('prod', { folder: 'out' })],
        "[Environments] environments 'dev' and 'prod' have the same folder 'out': each environment needs its own folder"],
      ['name', [env('dev'), env('dev', { namespace: 'x', folder: 'y' })],
        "[Environments] environments 'dev' and 'dev' have the same name 'dev': each environment needs its own name"],
    ])('two environments with the same %s', (_field, environments, message) => {
      expect(() => shopApp(environments)).toThrow(message);
    });

    test('the same namespace in a second Environments construct', () => {
      const app = shopApp([env('dev')]);
      expect(() => new Environments(app, 'More', { environments: [env('qa', { namespace: 'shop-dev' })], build: () => undefined })).toThrow(
        "[More] environments 'dev' and 'qa' have the same namespace 'shop-dev': each environment needs its own namespace");
    });

    test('invalid settings name the environment and the prop', () => {
      expect(() => shopApp([Environment.of({ name: 'Prod_1', replicaScale: 0 })])).toThrow(
        "[Environments] environment 'Prod_1': 'name' (\"Prod_1\") must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters; "
        + "'namespace' (\"Prod_1\") must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters; "
        + "'folder' (\"Prod_1\") must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters; "
        + "'replicaScale' (0) must be a number greater than 0, e.g. 0.5 or 2");
      expect(() => shopApp([])).toThrow("[Environments] 'environments' is empty: give at least one Environment");
    });

    test('a folder clashing with another output folder marker fails the synth, nothing written', () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-dup-'));
      fs.writeFileSync(path.join(outdir, 'keep.txt'), 'previous');
      const { errors, reporter } = silentReporter();
      const code = runSynth(() => shopApp([env('dev'), env('prod', { folder: 'dev' })]), { outdir, reporter });
      expect(code).toBe(1);
      expect(errors).toEqual(["[Environments] environments 'dev' and 'prod' have the same folder 'dev': each environment needs its own folder"]);
      expect(fs.readdirSync(outdir)).toEqual(['keep.txt']);
      fs.rmSync(outdir, { recursive: true, force: true });
    });
  });

  test('charts outside environments keep the root layout', () => {
    const app = Testing.app();
    new ShopChart(app, 'plain', { namespace: 'plain' });
    new Environments(app, 'Environments', { environments: [env('dev')], build: (scope, e) => new ShopChart(scope, 'shop', e.chartProps()) });
    expect(synthesizeApp(app).files.map((f) => f.name)).toEqual(['plain.k8s.yaml', 'dev/namespace.k8s.yaml', 'dev/shop.k8s.yaml', 'dev/kustomization.yaml']);
  });

  test('scopeOf and outputs', () => {
    const app = new App();
    const envs = new Environments(app, 'Environments', { environments: [env('dev'), env('prod', { folder: 'production' })], build: () => undefined });
    expect(envs.outputs).toEqual([
      { name: 'dev', namespace: 'shop-dev', folder: 'dev' },
      { name: 'prod', namespace: 'shop-prod', folder: 'production' },
    ]);
    expect(envs.scopeOf('prod').node.path).toBe('prod');
    expect(() => envs.scopeOf('qa')).toThrow("[Environments] unknown environment 'qa' (environments: dev, prod)");
  });
});

describe('Environment podSecurity', () => {
  const PSS_LABELS = (level: string) => ({
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': 'v1.28',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/warn-version': 'v1.28',
    'pod-security.kubernetes.io/audit': 'restricted',
    'pod-security.kubernetes.io/audit-version': 'v1.28',
  });

  /** An app whose image must start as root, in one environment. */
  function rootApp(environment: Environment): App {
    const app = new App();
    new Environments(app, 'Environments', {
      environments: [environment],
      build: (scope, e) => {
        const chart = new Chart(scope, 'blog', e.chartProps());
        new WebApp(chart, 'Web', {
          image: Image.of('wordpress:6.2.1-apache'),
          ports: [{ name: 'http', number: 80 }],
          health: HealthCheck.http('/'),
          security: { runAsImageUser: { reason: 'the image starts Apache as root' }, bindLowPorts: { reason: 'Apache binds port 80' } },
        });
      },
    });
    return app;
  }

  test.each([
    [PodSecurityLevel.BASELINE, PSS_LABELS('baseline')],
    [PodSecurityLevel.RESTRICTED, PSS_LABELS('restricted')],
  ])('%s labels the Namespace for the admission: enforce the level, warn and audit at restricted', (level, labels) => {
    const ns = find(objectsIn(shopApp([env('dev', { podSecurity: level })]), 'dev'), 'Namespace');
    expect(ns.metadata.labels).toStrictEqual(labels);
  });

  test('unset, the Namespace has no Pod Security labels', () => {
    expect(find(objectsIn(shopApp([env('dev')]), 'dev'), 'Namespace').metadata.labels).toBeUndefined();
  });

  test('an app that runs as the image user validates clean under a baseline environment, with a note naming the opt-out', () => {
    const report = validate(rootApp(env('blog', { podSecurity: PodSecurityLevel.BASELINE })));
    expect(report.findings.filter((f) => f.severity === Severity.ERROR)).toStrictEqual([]);
    expect(report.findings.filter((f) => f.rule === 'policy/pod-security-relaxed').map((f) => [f.object.kind, f.path, f.message])).toStrictEqual([[
      'Deployment',
      'spec.template.spec',
      'Forbidden by PodSecurity "restricted:v1.28", allowed by "baseline:v1.28" of Namespace "shop-blog" (pod-security.kubernetes.io/enforce=baseline): '
        + 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false); '
        + 'runAsNonRoot != true (container "app" must not set securityContext.runAsNonRoot=false); '
        + 'security opt-out: "the image starts Apache as root; Apache binds port 80"',
    ]]);
  });

  test('the same app in an environment without the setting fails under the default restricted', () => {
    const errors = validate(rootApp(env('blog'))).findings.filter((f) => f.severity === Severity.ERROR);
    expect(errors.map((f) => `${f.rule} ${f.path}`)).toStrictEqual([
      'policy/pod-security spec.template.spec.containers[0].securityContext.runAsNonRoot',
      'policy/pod-security spec.template.spec.securityContext.runAsNonRoot',
    ]);
  });

  test.each([
    [{ podSecurity: 'privileged' as PodSecurityLevel },
      "'podSecurity' (\"privileged\") is unknown: use PodSecurityLevel.BASELINE or PodSecurityLevel.RESTRICTED"],
    [{ podSecurity: PodSecurityLevel.BASELINE, labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
      "'labels' key \"pod-security.kubernetes.io/enforce\" conflicts with 'podSecurity', which sets the Pod Security labels of the namespace: remove the label"],
  ])('bad input: %j', (props, message) => {
    expect(() => shopApp([env('dev', props)])).toThrow(`[Environments] environment 'dev': ${message}`);
  });
});

describe('Environments with gitops', () => {
  test('Argo CD Applications in dist/argocd/ (no kustomization), sync waves on the environment objects', () => {
    const app = new App();
    new Environments(app, 'Environments', {
      environments: [env('dev'), env('prod')],
      build: (scope, e) => new ShopChart(scope, 'shop', e.chartProps({ host: e.host('shop') })),
      gitops: { repoURL: 'https://github.com/acme/shop-deploy.git' },
    });
    const result = synthesizeApp(app, { validate: synthValidator() });
    expect(result.files.map((f) => f.name)).toEqual([
      'dev/namespace.k8s.yaml', 'dev/shop.k8s.yaml', 'prod/namespace.k8s.yaml', 'prod/shop.k8s.yaml',
      'argocd/applications.k8s.yaml', 'dev/kustomization.yaml', 'prod/kustomization.yaml',
    ]);
    expect(environmentNames(result.files)).toEqual(['dev', 'prod']);
    const apps = result.charts.find((c) => c.file.name === 'argocd/applications.k8s.yaml')!.objects.map((o) => o.object as any);
    expect(apps.map((a) => [a.kind, a.metadata.name, a.spec.source.path, a.spec.destination.namespace])).toEqual([
      ['Application', 'dev', 'dist/dev', 'shop-dev'], ['Application', 'prod', 'dist/prod', 'shop-prod'],
    ]);
    const waves = objectsIn(app, 'prod').map((o) => (o.metadata as any).annotations?.['argocd.argoproj.io/sync-wave']);
    expect(waves.every((w) => typeof w === 'string')).toBe(true);
  });

  test('without gitops, no sync-wave annotations', () => {
    const waves = objectsIn(shopApp([env('dev')]), 'dev').map((o) => (o.metadata as any).annotations?.['argocd.argoproj.io/sync-wave']);
    expect(waves.every((w) => w === undefined)).toBe(true);
  });
});
