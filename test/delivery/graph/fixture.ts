/**
 * A hand-written bundle covering every node and edge kind of the graph, with known capacity.
 */
import { KubeObject } from '../../../src/validation/types';

const ns = 'shop';
const meta = (name: string, labels: Record<string, string> = {}) => ({ name, namespace: ns, labels });
const pod = (labels: Record<string, string>, spec: Record<string, unknown>) => ({ metadata: { labels }, spec });
const res = (cpu: string, memory: string, cpuLimit?: string, memoryLimit?: string) => ({
  requests: { cpu, memory },
  ...(cpuLimit || memoryLimit ? { limits: { ...(cpuLimit ? { cpu: cpuLimit } : {}), ...(memoryLimit ? { memory: memoryLimit } : {}) } } : {}),
});

const WEB = { app: 'web' };
const DB = { app: 'db', 'app.kubernetes.io/component': 'database' };
const WORKER = { app: 'worker' };

/** The fixture objects. */
export const FIXTURE: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: 'shop' } } },
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('web'),
    spec: {
      tls: [{ hosts: ['shop.example.com'], secretName: 'web-tls' }],
      rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { selector: WEB, ports: [{ port: 80, targetPort: 8080 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('db'), spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] } },
  {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'),
    spec: {
      replicas: 2, selector: { matchLabels: WEB },
      template: pod(WEB, {
        containers: [{
          name: 'app', image: 'web:1', ports: [{ name: 'http', containerPort: 8080 }],
          resources: res('250m', '256Mi', '1', '512Mi'),
          env: [
            { name: 'DB_HOST', value: 'db.shop.svc' }, { name: 'DB_PORT', value: '5432' },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
          ],
          envFrom: [{ configMapRef: { name: 'web-config' } }],
        }, { name: 'proxy', image: 'proxy:1', resources: res('50m', '64Mi') }],
        volumes: [{ name: 'uploads', persistentVolumeClaim: { claimName: 'uploads' } }],
      }),
    },
  },
  {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('web'),
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5 },
  },
  {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('db'),
    spec: {
      replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
      template: pod(DB, {
        initContainers: [{ name: 'init', image: 'db:1', resources: res('1', '1Gi', '1', '1Gi') }],
        containers: [{ name: 'db', image: 'db:1', ports: [{ name: 'pg', containerPort: 5432 }], resources: res('500m', '512Mi', '2', '2Gi'),
          env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }] }],
        volumes: [{ name: 'conf', configMap: { name: 'db-config' } }],
      }),
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } }],
    },
  },
  {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('report'),
    spec: {
      schedule: '0 2 * * *',
      jobTemplate: { spec: { parallelism: 2, template: pod(WORKER, {
        containers: [{ name: 'report', image: 'worker:1', resources: res('100m', '128Mi', '200m', '256Mi') }],
        volumes: [{ name: 'creds', secret: { secretName: 'report-token' } }],
      }) } },
    },
  },
  {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('agent'),
    spec: { selector: { matchLabels: { app: 'agent' } }, template: pod({ app: 'agent' }, {
      containers: [{ name: 'agent', image: 'agent:1', resources: res('10m', '32Mi', '50m', '64Mi') }],
    }) },
  },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('web-config'), data: { A: '1', B: '2' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('db-config'), data: { 'pg.conf': 'x' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('report-token'), stringData: { token: 't' } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('uploads'), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } },
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('db-ingress'),
    spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [
      { from: [{ podSelector: { matchLabels: WEB } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ] },
  },
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('worker-egress'),
    spec: { podSelector: { matchLabels: WORKER }, policyTypes: ['Egress'], egress: [
      { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] },
      { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443 }] },
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }], ports: [{ port: 53, protocol: 'UDP' }] },
    ] },
  },
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('web-ingress'),
    spec: { podSelector: { matchLabels: WEB }, policyTypes: ['Ingress'], ingress: [
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 'http' }] },
    ] },
  },
];
