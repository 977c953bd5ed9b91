/**
 * ExternalObjects: declarations merged per object, and the view of the declarations made in some
 * charts (what synth writes next to an environment's manifests).
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ExternalObjects } from '../../../src';

describe('ExternalObjects', () => {
  test('merges repeated declarations: known keys are united, "keys unknown" wins; sorted by kind, namespace, name', () => {
    const app = new App();
    const chart = new Chart(app, 'web');
    ExternalObjects.of(chart).declare({ kind: 'Secret', name: 'db', keys: ['user'] });
    ExternalObjects.of(new Construct(chart, 'Nested')).declare({ kind: 'Secret', name: 'db', keys: ['password', 'user'] });
    ExternalObjects.of(app).declare({ kind: 'Namespace', name: 'shop' });
    ExternalObjects.of(chart).declare({ kind: 'ConfigMap', name: 'flags', keys: ['a'] });
    ExternalObjects.of(chart).declare({ kind: 'ConfigMap', name: 'flags' });
    expect(ExternalObjects.of(app).all).toStrictEqual([
      { kind: 'ConfigMap', name: 'flags' },
      { kind: 'Namespace', name: 'shop' },
      { kind: 'Secret', name: 'db', keys: ['user', 'password'] },
    ]);
  });

  test('declaredIn lists what the given charts (and the app itself) declared, merged within that view', () => {
    const app = new App();
    const dev = new Chart(app, 'dev');
    const prod = new Chart(app, 'prod');
    const devInner = new Chart(dev, 'inner');
    ExternalObjects.of(dev).declare({ kind: 'Secret', name: 'dev-tls' });
    ExternalObjects.of(devInner).declare({ kind: 'Secret', name: 'shared', keys: ['token'] });
    ExternalObjects.of(prod).declare({ kind: 'Secret', name: 'prod-tls' });
    ExternalObjects.of(prod).declare({ kind: 'Secret', name: 'shared', keys: ['other'] });
    ExternalObjects.of(app).declare({ kind: 'Namespace', name: 'argocd' });
    expect(ExternalObjects.of(app).declaredIn([prod])).toStrictEqual([
      { kind: 'Namespace', name: 'argocd' },
      { kind: 'Secret', name: 'prod-tls' },
      { kind: 'Secret', name: 'shared', keys: ['other'] },
    ]);
    // a declaration belongs to the nearest chart: the inner chart's is not the outer chart's
    expect(ExternalObjects.of(app).declaredIn([dev])).toStrictEqual([
      { kind: 'Namespace', name: 'argocd' },
      { kind: 'Secret', name: 'dev-tls' },
    ]);
    expect(ExternalObjects.of(app).declaredIn([dev, devInner]).map((r) => r.name)).toStrictEqual(['argocd', 'dev-tls', 'shared']);
    expect(ExternalObjects.of(app).declaredIn([])).toStrictEqual([{ kind: 'Namespace', name: 'argocd' }]);
    expect(ExternalObjects.of(app).all.find((r) => r.name === 'shared')).toStrictEqual({ kind: 'Secret', name: 'shared', keys: ['token', 'other'] });
  });
});
