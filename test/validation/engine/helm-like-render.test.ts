import { validate } from '../../../src/validation/engine';
import { KubeObject } from '../../../src/validation/types';

/**
 * A bundle written for this test in the shape `helm template -n shop` gives for a typical database
 * chart: every object in a namespace the bundle does not create, its credentials in an existing Secret, a hardened StatefulSet whose env
 * holds flags, file paths and Secret names next to secretKeyRef credentials, and one real literal.
 */
function render(): KubeObject[] {
  const labels = { 'app.kubernetes.io/name': 'db', 'app.kubernetes.io/instance': 'shop' };
  const meta = (name: string) => ({ name, namespace: 'shop', labels });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('shop-db'), automountServiceAccountToken: false },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('shop-db'),
      spec: { selector: labels, ports: [{ name: 'db', port: 3306, targetPort: 'db' }] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('shop-db'),
      spec: { podSelector: { matchLabels: labels }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 3306 }] }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: meta('shop-db'),
      spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: meta('shop-db'),
      spec: {
        replicas: 2,
        serviceName: 'shop-db',
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: 'shop-db',
            securityContext: { runAsNonRoot: true, runAsUser: 1001, fsGroup: 1001, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'db',
                image: 'registry.example.com/db:8.0.36',
                ports: [{ name: 'db', containerPort: 3306 }],
                env: [
                  { name: 'ALLOW_EMPTY_PASSWORD', value: 'no' },
                  { name: 'DB_ROOT_PASSWORD_FILE', value: '/opt/db/secrets/root-password' },
                  { name: 'DB_AUTH_SECRET_NAME', value: 'shop-db-auth' },
                  { name: 'DB_TLS_KEY_PATH', value: '/opt/db/certs/tls.key' },
                  { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db-auth', key: 'password' } } },
                  { name: 'DB_REPLICATION_PASSWORD', value: '' },
                  { name: 'DB_DSN_PASSWORD', value: '$(DB_PASSWORD)' },
                  { name: 'DB_EXPORTER_TOKEN', value: 'q8Zr2Lx0PfT4wN7mVb3KjH6d' },
                ],
                resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '512Mi' } },
                readinessProbe: { tcpSocket: { port: 'db' } },
                livenessProbe: { tcpSocket: { port: 'db' } },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
              },
            ],
          },
        },
      },
    },
  ];
}

describe('a Helm-like render at the default level', () => {
  test('gets one namespace note and the one real literal credential, nothing else', () => {
    // The credentials Secret is created outside the chart (an existing Secret the values name).
    const report = validate(render(), { external: [{ kind: 'Secret', name: 'shop-db-auth', namespace: 'shop' }] });
    expect(report.findings.map((f) => [f.rule, f.severity, `${f.object.kind}/${f.object.name}`, f.path, f.message])).toEqual([
      [
        'cross/namespace-outside-bundle',
        'info',
        'ServiceAccount/shop-db',
        'metadata.namespace',
        'Not found: the bundle creates no Namespace; 5 objects go to "shop", which must exist before they are applied (create it, or declare it as an external object)',
      ],
      [
        'policy/env-literal-secret',
        'warning',
        'StatefulSet/shop-db',
        'spec.template.spec.containers[0].env[7].value',
        'Forbidden: env var "DB_EXPORTER_TOKEN" of container "db" has a literal value; use valueFrom.secretKeyRef',
      ],
    ]);
  });
});
