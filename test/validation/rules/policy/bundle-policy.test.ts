import { Rule } from '../../../../src/validation/rule';
import { hpaMinReplicasRule, minReplicasRule, pdbMissingRule } from '../../../../src/validation/rules/policy/availability';
import { defaultServiceAccountRule, ingressTlsRule, jobTtlRule, networkPolicyMissingRule } from '../../../../src/validation/rules/policy/isolation';
import { configMapSecretsRule, envLiteralSecretRule } from '../../../../src/validation/rules/policy/secrets';
import { Case, configMap, container, cronJob, deployment, hpa, ingress, job, pdb, route, run, serviceAccount, statefulSet } from '../cross/fixtures';

const table = (rule: Rule, cases: Case[]): void => {
  describe(rule.id, () => {
    test.each(cases)('$name', ({ objects, context, expected }) => {
      expect(run(rule, objects, context)).toEqual(expected);
    });
  });
};
const netpol = (podSelector: Record<string, unknown>) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'np' },
  spec: { podSelector, policyTypes: ['Ingress'] },
});

table(minReplicasRule, [
  { name: 'two replicas are fine, so is an HPA or 0', objects: [deployment({ replicas: 2 }), deployment({ name: 'b' }), hpa('b'), deployment({ name: 'c', replicas: 0 })], expected: [] },
  {
    name: 'the default of 1 is reported for StatefulSets too',
    objects: [statefulSet()],
    expected: [
      {
        index: 0,
        path: 'spec.replicas',
        message: 'Invalid value: 1: a single replica is down during every rollout or node drain; set replicas to 2 or more, or add a HorizontalPodAutoscaler',
      },
    ],
  },
]);

table(hpaMinReplicasRule, [
  { name: 'minReplicas 2 is fine', objects: [hpa('web')], expected: [] },
  {
    name: 'the default minReplicas of 1 is reported',
    objects: [{ ...hpa('web'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3 } }],
    expected: [{ index: 0, path: 'spec.minReplicas', message: 'Invalid value: 1: the autoscaler may scale down to a single pod; set minReplicas to 2 or more' }],
  },
]);

table(pdbMissingRule, [
  { name: 'a protected Deployment and a single replica are fine', objects: [deployment({ replicas: 3 }), pdb('web', { app: 'web' }, { maxUnavailable: 1 }), deployment({ name: 'one' })], expected: [] },
  {
    name: 'replicated and autoscaled workloads without a PDB are reported',
    objects: [deployment({ replicas: 3 }), deployment({ name: 'api' }), hpa('api')],
    expected: [
      {
        index: 0,
        path: 'spec.template.metadata.labels',
        message: 'Required value: no PodDisruptionBudget selects the pods of Deployment "web" (3 replicas); a node drain may evict them all at once',
      },
      {
        index: 1,
        path: 'spec.template.metadata.labels',
        message: 'Required value: no PodDisruptionBudget selects the pods of Deployment "api" (autoscaled); a node drain may evict them all at once',
      },
    ],
  },
]);

table(networkPolicyMissingRule, [
  { name: 'an empty podSelector isolates every pod of the namespace', objects: [deployment(), job(), netpol({})], expected: [] },
  {
    name: 'pods no policy selects are reported',
    objects: [deployment(), deployment({ name: 'api' }), netpol({ matchLabels: { app: 'api' } })],
    expected: [
      {
        index: 0,
        path: 'spec.template.metadata.labels',
        message: 'Required value: no NetworkPolicy selects the pods of Deployment "web"; they accept traffic from anywhere in the cluster',
      },
    ],
  },
]);

const automount = 'Required value: the pods run as the default ServiceAccount with its token mounted; set automountServiceAccountToken: false or use a dedicated ServiceAccount';
table(defaultServiceAccountRule, [
  {
    name: 'a dedicated account, or automount off on the pod or the default account, is fine',
    objects: [
      deployment({ podSpec: { serviceAccountName: 'web' } }),
      deployment({ name: 'b', podSpec: { automountServiceAccountToken: false } }),
      deployment({ name: 'c', namespace: 'shop' }),
      { ...serviceAccount('default'), metadata: { name: 'default', namespace: 'shop' }, automountServiceAccountToken: false },
    ],
    expected: [],
  },
  {
    name: 'the default account with automount is reported',
    objects: [cronJob(), deployment({ podSpec: { serviceAccountName: 'default' } })],
    expected: [
      { index: 0, path: 'spec.jobTemplate.spec.template.spec.automountServiceAccountToken', message: automount },
      { index: 1, path: 'spec.template.spec.automountServiceAccountToken', message: automount },
    ],
  },
]);

table(ingressTlsRule, [
  {
    name: 'hosts covered by TLS (wildcards one level deep) are fine',
    objects: [ingress('web', { tls: [{ hosts: ['*.example.com'], secretName: 's' }], rules: [route('a.example.com', '/', 'web', { number: 80 })] })],
    expected: [],
  },
  {
    name: 'an Ingress without TLS is reported',
    objects: [ingress('web', { rules: [route('a.example.com', '/', 'web', { number: 80 })] })],
    expected: [{ index: 0, path: 'spec.tls', message: 'Required value: the Ingress serves plain HTTP only; add spec.tls with a certificate Secret' }],
  },
  {
    name: 'a host outside the TLS hosts is reported',
    objects: [ingress('web', { tls: [{ hosts: ['*.example.com'], secretName: 's' }], rules: [route('a.b.example.com', '/', 'web', { number: 80 })] })],
    expected: [{ index: 0, path: 'spec.rules[0].host', message: 'Invalid value: "a.b.example.com": the host is in no spec.tls[].hosts, so it is served over plain HTTP' }],
  },
]);

table(jobTtlRule, [
  { name: 'a Job with a TTL and a CronJob are fine', objects: [job({ spec: { ttlSecondsAfterFinished: 3600 } }), cronJob()], expected: [] },
  {
    name: 'a Job without a TTL is reported',
    objects: [job()],
    expected: [{ index: 0, path: 'spec.ttlSecondsAfterFinished', message: 'Required value: the finished Job and its pods are kept forever; set ttlSecondsAfterFinished' }],
  },
]);

table(configMapSecretsRule, [
  { name: 'plain settings and harmless values are fine', objects: [configMap('cfg', { LOG_LEVEL: 'info', TOKEN_TTL: '3600', DB_HOST: 'db', PASSWORD_MIN_LENGTH: '12' })], expected: [] },
  {
    name: 'credential keys and credential-looking values are reported',
    objects: [
      configMap('cfg', {
        DB_PASSWORD: 'hunter2',
        DATABASE_URL: 'postgres://app:s3cret@db:5432/app',
        'tls.key': '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----',
        CONN: 'Server=db;User Id=app;Password=x1;',
      }),
    ],
    expected: [
      { index: 0, path: 'data[DB_PASSWORD]', message: 'Forbidden: key "DB_PASSWORD" looks like a credential; move it to a Secret and reference it with secretKeyRef' },
      {
        index: 0,
        path: 'data[DATABASE_URL]',
        message: 'Forbidden: the value of key "DATABASE_URL" contains a URL with a password; move it to a Secret and reference it with secretKeyRef',
      },
      { index: 0, path: 'data[tls.key]', message: 'Forbidden: the value of key "tls.key" contains a private key; move it to a Secret and reference it with secretKeyRef' },
      {
        index: 0,
        path: 'data[CONN]',
        message: 'Forbidden: the value of key "CONN" contains a connection string with a password; move it to a Secret and reference it with secretKeyRef',
      },
    ],
  },
]);

table(envLiteralSecretRule, [
  {
    name: 'secretKeyRef, empty values and harmless names are fine',
    objects: [
      deployment({
        containers: [
          container({
            extra: {
              env: [
                { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
                { name: 'API_TOKEN', value: '' },
                { name: 'KEYCLOAK_URL', value: 'https://id' },
                { name: 'APP_SECRET', value: '$(SECRET_FROM_FILE)' },
              ],
            },
          }),
        ],
      }),
    ],
    expected: [],
  },
  {
    name: 'literal values of secret-looking names are reported',
    objects: [deployment({ containers: [container({ extra: { env: [{ name: 'STRIPE_API_KEY', value: 'sk_live_x' }, { name: 'db_password', value: 'p' }] } })] })],
    expected: [
      {
        index: 0,
        path: 'spec.template.spec.containers[0].env[0].value',
        message: 'Forbidden: env var "STRIPE_API_KEY" of container "app" has a literal value; use valueFrom.secretKeyRef',
      },
      {
        index: 0,
        path: 'spec.template.spec.containers[0].env[1].value',
        message: 'Forbidden: env var "db_password" of container "app" has a literal value; use valueFrom.secretKeyRef',
      },
    ],
  },
]);
