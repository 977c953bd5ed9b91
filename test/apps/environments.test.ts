import { App } from 'cdk8s';
import { addExampleCharts } from '../../src/apps';
import { synthesizeApp } from '../../src/synth';
import { synthValidator } from '../../src/validation';

type Obj = { kind: string; metadata: { name: string; namespace?: string }; spec?: any };

describe('the example apps in dev, staging and prod', () => {
  const app = new App();
  addExampleCharts(app);
  const result = synthesizeApp(app, { validate: synthValidator() });
  const objectsOf = (env: string, chart: string): Obj[] =>
    result.charts.find((c) => c.file.name === `${env}/${chart}.k8s.yaml`)!.objects.map((o) => o.object as unknown as Obj);
  const deployment = (env: string, chart: string) => objectsOf(env, chart).find((o) => o.kind === 'Deployment')!;
  const kinds = (env: string, chart: string) => objectsOf(env, chart).map((o) => o.kind);
  const envs = ['dev', 'staging', 'prod'];

  test('file layout and kustomizations', () => {
    expect(result.files.map((f) => f.name)).toMatchSnapshot();
    for (const env of envs) {
      expect(result.files.find((f) => f.name === `${env}/kustomization.yaml`)!.content).toBe(
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n'
        + '  - namespace.k8s.yaml\n  - podinfo.k8s.yaml\n  - miniflux.k8s.yaml\n  - miniflux-observed.k8s.yaml\n');
    }
  });

  test('namespace charts (prod has a ResourceQuota and a LimitRange)', () => {
    expect(envs.map((e) => objectsOf(e, 'namespace'))).toMatchSnapshot();
    expect(kinds('prod', 'namespace')).toEqual(['Namespace', 'ResourceQuota', 'LimitRange']);
    expect(kinds('dev', 'namespace')).toEqual(['Namespace']);
  });

  test('replicas: half in dev, as written in staging, autoscaled in prod', () => {
    expect(envs.map((e) => deployment(e, 'podinfo').spec.replicas)).toEqual([1, 2, undefined]);
    expect(envs.map((e) => deployment(e, 'miniflux').spec.replicas)).toEqual([1, 2, undefined]);
    const hpas = (env: string) => result.objects.map((o) => o.object as unknown as Obj)
      .filter((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.namespace === `demo-${env}`)
      .map((o) => [o.metadata.name.replace(/-c8[0-9a-f]{6}$/, ''), o.spec.minReplicas, o.spec.maxReplicas]);
    expect(hpas('dev')).toEqual([]);
    expect(hpas('staging')).toEqual([]);
    expect(hpas('prod')).toEqual([['prod-podinfo-hpa', 3, 9], ['prod-miniflux-web-hpa', 3, 8], ['prod-miniflux-observed-web-hpa', 3, 8]]);
  });

  test('hosts under each environment domain', () => {
    const hosts = (env: string) => result.objects.map((o) => o.object as unknown as Obj)
      .filter((o) => o.kind === 'Ingress' && o.metadata.namespace === `demo-${env}`).map((o) => o.spec.rules[0].host);
    expect(hosts('dev')).toEqual(['podinfo.dev.example.com', 'rss.dev.example.com', 'observed.rss.dev.example.com']);
    expect(hosts('prod')).toEqual(['podinfo.example.com', 'rss.example.com', 'observed.rss.example.com']);
  });

  test('resources: nano in dev, small in staging, overrides in prod', () => {
    const requests = (env: string, chart: string) => deployment(env, chart).spec.template.spec.containers[0].resources.requests;
    expect(requests('dev', 'miniflux')).toEqual({ cpu: '50m', memory: '64Mi' });
    expect(requests('staging', 'miniflux')).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(requests('prod', 'miniflux')).toEqual({ cpu: '250m', memory: '256Mi' });
    const db = objectsOf('prod', 'miniflux').find((o) => o.kind === 'StatefulSet')!;
    expect(db.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('20Gi');
    expect(db.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '500m', memory: '512Mi' });
  });

  test('images: release candidate in staging, mirror registry in prod', () => {
    const image = (env: string, chart: string) => deployment(env, chart).spec.template.spec.containers[0].image;
    expect(envs.map((e) => image(e, 'podinfo'))).toEqual([
      'ghcr.io/stefanprodan/podinfo:6.7.1', 'ghcr.io/stefanprodan/podinfo:6.8.0', 'mirror.example.com/stefanprodan/podinfo:6.7.1']);
    expect(image('prod', 'miniflux')).toBe('mirror.example.com/miniflux/miniflux:2.2.6');
  });

  test('the database connection uses the environment namespace', () => {
    const web = deployment('staging', 'miniflux');
    const url = JSON.stringify(web.spec.template.spec);
    expect(url).toMatch(/staging-miniflux-db-service-c8[0-9a-f]{6}\.demo-staging\.svc/);
    expect(url).not.toMatch(/\.miniflux\.svc/);
  });
});
