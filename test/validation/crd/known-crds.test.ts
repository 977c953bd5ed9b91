/**
 * The CRDs kept in crds/ (full upstream schemas): objects written the way kube-prometheus, Argo CD
 * and the operators' docs write them pass; mistakes get the API server's messages. Fixtures are our
 * own objects in those styles.
 */
import { KubeObject, SourcedObject, validate, ValidationLevel } from '../../../src/validation';

type Obj = { [key: string]: unknown };

function check(...objects: Obj[]): string[] {
  const sourced: SourcedObject[] = objects.map((object, i) => ({ object: object as KubeObject, source: { constructPath: `Test/${i}` } }));
  return validate(sourced, { level: ValidationLevel.API }).findings.map((f) => `${f.rule} ${f.path}: ${f.message}`);
}

/** A ServiceMonitor in kube-prometheus style (kubelet / apiserver monitors). */
const KUBE_PROMETHEUS_SERVICE_MONITOR: Obj = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'kubelet', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'kubelet' } },
  spec: {
    jobLabel: 'app.kubernetes.io/name',
    namespaceSelector: { matchNames: ['kube-system'] },
    selector: { matchLabels: { 'app.kubernetes.io/name': 'kubelet' } },
    endpoints: [
      {
        port: 'https-metrics',
        scheme: 'https',
        interval: '30s',
        honorLabels: true,
        bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
        tlsConfig: { insecureSkipVerify: true, serverName: 'kubernetes', caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt' },
        relabelings: [
          { action: 'replace', sourceLabels: ['__metrics_path__'], targetLabel: 'metrics_path' },
          { action: 'labeldrop', regex: '(id|name)' },
        ],
        metricRelabelings: [{ action: 'drop', sourceLabels: ['__name__'], regex: 'kubelet_(pod_worker_latency_microseconds|runtime_operations)' }],
      },
      { port: 'https-metrics', path: '/metrics/cadvisor', scheme: 'https', interval: '30s', honorTimestamps: false, bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token' },
    ],
  },
};

/** An Argo CD Application with several sources (Helm chart + values from Git). */
const MULTI_SOURCE_APPLICATION: Obj = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'shop', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] },
  spec: {
    project: 'default',
    destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
    sources: [
      { repoURL: 'https://charts.example.com', chart: 'shop', targetRevision: '1.2.3', helm: { valueFiles: ['$values/shop/values.yaml'], releaseName: 'shop' } },
      { repoURL: 'https://git.example.com/acme/config.git', targetRevision: 'main', ref: 'values' },
    ],
    syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'], retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } } },
    ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
  },
};

describe('full CRDs from crds/', () => {
  test.each<[string, Obj]>([
    ['a kube-prometheus ServiceMonitor (bearerTokenFile, tlsConfig, relabelings)', KUBE_PROMETHEUS_SERVICE_MONITOR],
    ['an Argo CD Application with spec.sources', MULTI_SOURCE_APPLICATION],
    ['a PodMonitor', {
      apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, podMetricsEndpoints: [{ port: 'metrics', interval: '15s', relabelings: [{ action: 'keep', sourceLabels: ['__meta_kubernetes_pod_phase'], regex: 'Running' }] }] },
    }],
    ['a PrometheusRule', {
      apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'web', namespace: 'shop' },
      spec: { groups: [{ name: 'web', rules: [{ alert: 'WebDown', expr: 'up{job="web"} == 0', for: '5m', labels: { severity: 'critical' }, annotations: { summary: 'web is down' } }] }] },
    }],
    ['an AppProject', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'shop', namespace: 'argocd' },
      spec: { sourceRepos: ['*'], destinations: [{ namespace: 'shop', server: 'https://kubernetes.default.svc' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
    }],
    ['an ExternalSecret v1 with dataFrom', {
      apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'shop' },
      spec: { refreshInterval: '1h', secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' }, target: { name: 'db' }, dataFrom: [{ extract: { key: 'db' } }] },
    }],
  ])('%s passes', (_name, object) => {
    expect(check(object)).toEqual([]);
  });

  test.each<[string, Obj, string[]]>([
    ['a misspelled endpoint field', {
      ...KUBE_PROMETHEUS_SERVICE_MONITOR,
      spec: { ...(KUBE_PROMETHEUS_SERVICE_MONITOR.spec as Obj), endpoints: [{ port: 'web', bearerTokenFiel: '/token' }] },
    }, ['schema/strict spec.endpoints[0].bearerTokenFiel: strict decoding error: unknown field "spec.endpoints[0].bearerTokenFiel"']],
    ['a relabel action the operator does not know', {
      ...KUBE_PROMETHEUS_SERVICE_MONITOR,
      spec: { ...(KUBE_PROMETHEUS_SERVICE_MONITOR.spec as Obj), endpoints: [{ port: 'web', relabelings: [{ action: 'rename', targetLabel: 'x' }] }] },
    }, ['schema/strict spec.endpoints[0].relabelings[0].action: Unsupported value: "rename": supported values: ' +
      '"replace", "Replace", "keep", "Keep", "drop", "Drop", "hashmod", "HashMod", "labelmap", "LabelMap", "labeldrop", "LabelDrop", ' +
      '"labelkeep", "LabelKeep", "lowercase", "Lowercase", "uppercase", "Uppercase", "keepequal", "KeepEqual", "dropequal", "DropEqual"']],
    ['an Application source without repoURL', {
      ...MULTI_SOURCE_APPLICATION,
      spec: { ...(MULTI_SOURCE_APPLICATION.spec as Obj), sources: [{ chart: 'shop', targetRevision: '1.2.3' }] },
    }, ['schema/strict spec.sources[0].repoURL: Required value']],
    ['a served version that is not the one the CRD serves', { ...MULTI_SOURCE_APPLICATION, apiVersion: 'argoproj.io/v1beta1' },
      ['schema/unserved-kind apiVersion: no matches for kind "Application" in version "argoproj.io/v1beta1"']],
  ])('%s', (_name, object, expected) => {
    expect(check(object)).toEqual(expected);
  });
});
