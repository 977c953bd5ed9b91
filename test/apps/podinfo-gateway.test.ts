/**
 * The podinfo example in staging is routed through the platform's shared Gateway (Gateway API)
 * next to its Ingress, with an HTTP to HTTPS redirect, and validates without errors; dev and prod
 * keep the Ingress only.
 */
import { App } from 'cdk8s';
import { addExampleCharts } from '../../src/apps';
import { synthesizeApp } from '../../src/synth';
import { synthValidator } from '../../src/validation';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; spec?: any };

describe('podinfo through a Gateway in staging', () => {
  const app = new App();
  addExampleCharts(app);
  const result = synthesizeApp(app, { validate: synthValidator() });
  const objectsOf = (env: string): Obj[] =>
    result.charts.find((c) => c.file.name === `${env}/podinfo.k8s.yaml`)!.objects.map((o) => o.object as unknown as Obj);

  test('staging has the Ingress and the HTTPRoutes side by side; dev and prod the Ingress only', () => {
    expect(objectsOf('staging').map(o => o.kind)).toEqual(expect.arrayContaining(['Ingress', 'HTTPRoute', 'HTTPRoute']));
    expect(objectsOf('dev').filter(o => o.kind === 'HTTPRoute')).toEqual([]);
    expect(objectsOf('prod').filter(o => o.kind === 'HTTPRoute')).toEqual([]);
  });

  test('the route attaches to the external Gateway\'s HTTPS listener and the redirect to its HTTP listener', () => {
    const [route, redirect] = objectsOf('staging').filter(o => o.kind === 'HTTPRoute');
    const service = objectsOf('staging').find(o => o.kind === 'Service')!;
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
      hostnames: ['podinfo.staging.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: service.metadata.name, port: 80 }] }],
    });
    expect(redirect.spec.parentRefs).toEqual([{ name: 'public', namespace: 'gateway-system', sectionName: 'http' }]);
    expect(redirect.spec.rules).toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
  });

  test('the Gateway is declared external with its listeners, and synth reports nothing about the routes', () => {
    // synthesizeApp throws on any validation error, so reaching here means none.
    expect(result.external.filter(r => r.kind === 'Gateway')).toEqual([{ kind: 'Gateway', name: 'public', namespace: 'gateway-system', keys: ['http', 'https'] }]);
    expect(result.warnings.map(String).filter(w => /HTTPRoute|gateway/i.test(w))).toEqual([]);
  });
});
