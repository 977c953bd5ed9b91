/**
 * `validate --level api` agrees with a Kubernetes 1.28 API server (decode, defaulting, then the
 * kind's validation) on objects where the OpenAPI schema and the server differ (issue 12).
 *
 * Every row runs the whole API level (schema and API rules) on one object and lists every finding
 * at error severity: `[]` means the server accepts the object.
 */
import { validate, ValidationLevel } from '../../../../src';
import { KubeObject } from '../../../../src/validation/types';

type Json = Record<string, unknown>;
type Row = [name: string, object: KubeObject, expected: string[]];

/** Every error finding of the API level, as `rule path: message`. */
function errors(object: KubeObject): string[] {
  return validate([object], { level: ValidationLevel.API })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.path}: ${f.message}`);
}

const labels = { app: 'web' };
const selector = { matchLabels: labels };
const ctr = (overrides: Json = {}): Json => ({ name: 'app', image: 'nginx:1.25', ...overrides });
const template = (spec: Json = {}): Json => ({ metadata: { labels }, spec: { containers: [ctr()], ...spec } });
const meta = (name = 'web'): Json => ({ name, namespace: 'prod' });
const deployment = (spec: Json = {}): KubeObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(), spec: { selector, template: template(), ...spec } });
const daemonSet = (spec: Json = {}): KubeObject => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta(), spec: { selector, template: template(), ...spec } });
const statefulSet = (spec: Json = {}): KubeObject => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta(), spec: { selector, serviceName: 'web', template: template(), ...spec } });
const job = (spec: Json = {}): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: meta(), spec: { template: { spec: { restartPolicy: 'Never', containers: [ctr()] } }, ...spec },
});
const service = (spec: Json = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(), spec: { selector: labels, ports: [{ port: 80 }], ...spec } });
const ingress = (spec: Json, annotations: Json = {}): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { ...meta(), annotations }, spec,
});
const backend = { service: { name: 'web', port: { number: 80 } } };

describe('schema-required fields the 1.28 API server does not require', () => {
  const rows: Row[] = [
    ['NetworkPolicy without spec.podSelector (the empty selector)', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(), spec: { policyTypes: ['Ingress'] } }, []],
    ['StatefulSet without serviceName', statefulSet({ serviceName: undefined }), []],
    ['Job podFailurePolicy rule without onPodConditions', job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } }), []],
    ['Job podFailurePolicy onPodConditions entry without status (defaulted to True)', job({ podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } }), []],
    ['LimitRange without spec.limits', { apiVersion: 'v1', kind: 'LimitRange', metadata: meta(), spec: {} }, []],
    ['CSIDriver without spec', { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'csi.example.com' } }, []],
    ['HTTP probe header without value', deployment({ template: template({ containers: [ctr({ readinessProbe: { httpGet: { port: 80, httpHeaders: [{ name: 'X-Probe' }] } } })] }) }), []],
    ['pod sysctl without value', deployment({ template: template({ securityContext: { sysctls: [{ name: 'net.core.somaxconn' }] } }) }), []],
    ['the server still requires a container name', deployment({ template: template({ containers: [{ image: 'nginx:1.25' }] }) }), [
      'api/pod-spec spec.template.spec.containers[0].name: Required value',
      'schema/strict spec.template.spec.containers[0].name: Required value',
    ]],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('empty strings the 1.28 defaulting replaces before validation', () => {
  const rows: Row[] = [
    ['Deployment strategy.type ""', deployment({ strategy: { type: '' } }), []],
    ['Deployment strategy.type "" still gets the RollingUpdate checks', deployment({ strategy: { type: '', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }), [
      'api/deployment spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]],
    ['DaemonSet updateStrategy.type ""', daemonSet({ updateStrategy: { type: '' } }), []],
    ['StatefulSet podManagementPolicy and updateStrategy.type ""', statefulSet({ podManagementPolicy: '', updateStrategy: { type: '' } }), []],
    ['StatefulSet PVC retention policy fields ""', statefulSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: '', whenScaled: '' } }), []],
    ['imagePullPolicy, terminationMessagePolicy and port protocol ""', deployment({ template: template({ containers: [ctr({ imagePullPolicy: '', terminationMessagePolicy: '', ports: [{ containerPort: 8080, protocol: '' }] })] }) }), []],
    ['a bad imagePullPolicy is still rejected', deployment({ template: template({ containers: [ctr({ imagePullPolicy: 'Sometimes' })] }) }), [
      'api/pod-spec spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]],
    ['host ports with protocol "" and TCP conflict', deployment({ template: template({ containers: [ctr({ ports: [{ containerPort: 80, hostPort: 8080, protocol: '' }] }), ctr({ name: 'b', ports: [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }] })] }) }), [
      'api/pod-spec spec.template.spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"',
    ]],
    ['Service sessionAffinityConfig with sessionAffinity None is dropped', service({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }), []],
    ['Service sessionAffinityConfig without sessionAffinity is dropped', service({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }), []],
    ['Namespace label kubernetes.io/metadata.name is overwritten with the name', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { 'kubernetes.io/metadata.name': 'not a label value' } } }, []],
    ['other Namespace labels are still checked', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { team: 'not a label value' } } }, [
      'api/metadata metadata.labels: Invalid value: "not a label value": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')',
    ]],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('kind-specific metadata', () => {
  const pdb = (name: string, finalizers?: string[]): KubeObject => ({
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'prod', ...(finalizers ? { finalizers } : {}) }, spec: { minAvailable: 1, selector },
  });
  const custom = (finalizers: string[]): KubeObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'prod', finalizers } });
  const rows: Row[] = [
    ['PodDisruptionBudget name that is no DNS subdomain (1.28 checks path segments only)', pdb('Web_PDB'), []],
    ['PodDisruptionBudget name with a slash', pdb('web/pdb'), ['api/metadata metadata.name: Invalid value: "web/pdb": may not contain \'/\'']],
    ['PodDisruptionBudget name ".."', pdb('..'), ['api/metadata metadata.name: Invalid value: "..": may not be \'..\'']],
    ['PodDisruptionBudget unprefixed finalizer', pdb('web', ['cleanup']), []],
    ['custom resource unprefixed finalizer (a qualified name)', custom(['my-finalizer']), []],
    ['custom resource finalizer that is no qualified name', custom(['my finalizer']), [
      'api/metadata metadata.finalizers: Invalid value: "my finalizer": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
    ]],
    ['built-in kind unprefixed finalizer that is not standard', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'prod', finalizers: ['kubernetes', 'cleanup'] } }, [
      'api/metadata metadata.finalizers[1]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe("the server's lenient parsing", () => {
  const rows: Row[] = [
    ['IPv4 with leading zeros (ParseIPSloppy reads them as decimal)', service({ clusterIP: '010.96.0.10', externalIPs: ['192.168.001.010'] }), []],
    ['NetworkPolicy CIDR with leading zeros', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(), spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '010.0.0.0/8', except: ['010.1.0.0/16'] } }] }] } }, []],
    ['an IPv4 part above 255 is still no address', service({ externalIPs: ['192.168.1.256'] }), [
      'api/service spec.externalIPs[0]: Invalid value: "192.168.1.256": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]],
    ['an IPv6 zone is no address', service({ externalIPs: ['fe80::1%eth0'] }), [
      'api/service spec.externalIPs[0]: Invalid value: "fe80::1%eth0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]],
    ['Ingress class annotation equal to ingressClassName', ingress({ ingressClassName: 'nginx', defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'nginx' }), []],
    ['Ingress class annotation different from ingressClassName', ingress({ ingressClassName: 'nginx', defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'traefik' }), [
      'api/ingress annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});
