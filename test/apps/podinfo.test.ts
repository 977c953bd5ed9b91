import { Testing } from 'cdk8s';
import { PodinfoChart } from '../../src/apps/podinfo/chart';
import { podSpecsOf, pssRestrictedViolations } from '../constructs/pss-restricted';

describe('PodinfoChart', () => {
  const app = Testing.app();
  const chart = new PodinfoChart(app, 'podinfo');
  const manifests = Testing.synth(chart);
  const deployment = manifests.find(m => m.kind === 'Deployment');
  const container = deployment.spec.template.spec.containers[0];

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('objects of the example', () => {
    expect(manifests.map(m => m.kind)).toEqual(['ServiceAccount', 'Deployment', 'ConfigMap', 'Service', 'Ingress', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']);
    expect(manifests.every(m => m.metadata.namespace === 'podinfo')).toBe(true);
  });

  test('podinfo listens on 9898 with /healthz and /readyz probes', () => {
    expect(container.image).toBe('ghcr.io/stefanprodan/podinfo:6.7.1');
    expect(container.ports).toEqual([{ containerPort: 9898, name: 'http' }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
  });

  test('secret env from the existing Secret, config via envFrom', () => {
    expect(container.env).toEqual([{ name: 'PODINFO_UI_TOKEN', valueFrom: { secretKeyRef: { name: 'podinfo-secrets', key: 'ui-token', optional: true } } }]);
    const configMap = manifests.find(m => m.kind === 'ConfigMap');
    expect(container.envFrom).toEqual([{ configMapRef: { name: configMap.metadata.name } }]);
  });

  test('HPA owns the replicas; Ingress has TLS from cert-manager', () => {
    expect(deployment.spec.replicas).toBeUndefined();
    const ingress = manifests.find(m => m.kind === 'Ingress');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(ingress.spec.tls[0].hosts).toEqual(['podinfo.example.com']);
  });

  test('passes PSS restricted', () => {
    for (const { spec } of podSpecsOf(manifests)) {
      expect(pssRestrictedViolations(spec)).toEqual([]);
    }
  });
});
