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
    // schema/strict's identical finding is dropped: one finding per problem (issue #12, engine-duplicates.ts).
    ['the server still requires a container name', deployment({ template: template({ containers: [{ image: 'nginx:1.25' }] }) }), [
      'api/pod-spec spec.template.spec.containers[0].name: Required value',
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

describe('apiVersion/kind pairs a 1.28 server does not serve in its own groups', () => {
  const rows: Row[] = [
    ['a misspelt kind in apps/v1', { apiVersion: 'apps/v1', kind: 'Deploy', metadata: meta() }, ['schema/unserved-kind kind: no matches for kind "Deploy" in version "apps/v1"']],
    ['a Service in extensions/v1beta1 (a group 1.28 no longer serves)', { apiVersion: 'extensions/v1beta1', kind: 'Service', metadata: meta() }, [
      'schema/unserved-kind apiVersion: no matches for kind "Service" in version "extensions/v1beta1"',
    ]],
    ['PodSecurityPolicy in policy/v1', { apiVersion: 'policy/v1', kind: 'PodSecurityPolicy', metadata: { name: 'restricted' } }, [
      'schema/unserved-kind kind: no matches for kind "PodSecurityPolicy" in version "policy/v1"',
    ]],
    ['an unserved kind gets no other finding', { apiVersion: 'v1', kind: 'Policy', metadata: {} }, ['schema/unserved-kind kind: no matches for kind "Policy" in version "v1"']],
    ['a custom resource without a schema is only a warning', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta() }, []],
    ['a custom resource named like a built-in kind is not validated as that kind', { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: meta(), spec: { template: { spec: { containers: [ctr()] } } } }, []],
    ['a removed apiVersion is not validated as the served kind', { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: meta(), spec: {} }, [
      'schema/removed-api apiVersion: no matches for kind "Ingress" in version "extensions/v1beta1" (removed in Kubernetes 1.22; use networking.k8s.io/v1)',
    ]],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('status', () => {
  const rows: Row[] = [
    ['a Deployment status object is decoded and reset on create', { ...deployment(), status: { replicas: 3 } }, []],
    ['a status on a kind without one', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(), data: {}, status: {} }, ['schema/strict status: strict decoding error: unknown field "status"']],
    ['a status that is not an object', { ...deployment(), status: 'Ready' }, [
      'schema/strict status: json: cannot unmarshal string into Go struct field Deployment.status of type v1.DeploymentStatus',
    ]],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('a missing or null spec is the zero spec, which is still validated', () => {
  const bare = (apiVersion: string, kind: string, spec?: null): KubeObject => ({ apiVersion, kind, metadata: meta(), ...(spec === null ? { spec } : {}) });
  const rows: Row[] = [
    ['Service without spec', bare('v1', 'Service'), ['api/service spec.ports: Required value']],
    ['Service with spec: null', bare('v1', 'Service', null), ['api/service spec.ports: Required value']],
    ['Job without spec', bare('batch/v1', 'Job'), [
      'api/pod-spec spec.template.spec.containers: Required value',
      'api/job spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]],
    ['CronJob without spec', bare('batch/v1', 'CronJob'), [
      'api/pod-spec spec.jobTemplate.spec.template.spec.containers: Required value',
      'api/cronjob spec.schedule: Required value',
    ]],
    ['Deployment without spec', bare('apps/v1', 'Deployment'), [
      'api/deployment spec.selector: Required value',
      'api/pod-spec spec.template.spec.containers: Required value',
    ]],
    ['HorizontalPodAutoscaler without spec', bare('autoscaling/v2', 'HorizontalPodAutoscaler'), [
      'api/hpa spec.maxReplicas: Invalid value: 0: must be greater than 0',
      'api/hpa spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
      'api/hpa spec.scaleTargetRef.kind: Required value',
      'api/hpa spec.scaleTargetRef.name: Required value',
    ]],
    ['Pod without spec', bare('v1', 'Pod'), ['api/pod-spec spec.containers: Required value']],
    ['PersistentVolumeClaim without spec', bare('v1', 'PersistentVolumeClaim'), [
      'api/pvc spec.accessModes: Required value: at least 1 access mode is required',
      'api/pvc spec.resources[storage]: Required value',
    ]],
    ['NetworkPolicy without spec selects every pod', bare('networking.k8s.io/v1', 'NetworkPolicy'), []],
    ['PodDisruptionBudget without spec', bare('policy/v1', 'PodDisruptionBudget'), []],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('null list entries decode to zero structs', () => {
  const pod = (spec: Json): KubeObject => deployment({ template: { metadata: { labels }, spec } });
  const C0 = 'spec.template.spec.containers[0]';
  const rows: Row[] = [
    ['a null container', pod({ containers: [null] }), [`schema/strict ${C0}.name: Required value`]],
    ['a null env entry', pod({ containers: [ctr({ env: [null] })] }), [`schema/strict ${C0}.env[0].name: Required value`]],
    ['a null container port', pod({ containers: [ctr({ ports: [null] })] }), [`schema/strict ${C0}.ports[0].containerPort: Required value`]],
    ['a null volume mount', pod({ containers: [ctr({ volumeMounts: [null] })] }), [
      `schema/strict ${C0}.volumeMounts[0].mountPath: Required value`,
      `schema/strict ${C0}.volumeMounts[0].name: Required value`,
    ]],
    ['a null volume', pod({ containers: [ctr()], volumes: [null] }), ['schema/strict spec.template.spec.volumes[0].name: Required value']],
    ['a null envFrom entry names no source', pod({ containers: [ctr({ envFrom: [null] })] }), [
      `api/pod-spec ${C0}.envFrom: Invalid value: "": must specify one of: \`configMapRef\` or \`secretRef\``,
    ]],
    ['a null toleration', pod({ containers: [ctr()], tolerations: [null] }), [
      'api/pod-spec spec.template.spec.tolerations[0].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"',
    ]],
    ['a null Service port', service({ ports: [null] }), ['schema/strict spec.ports[0].port: Required value']],
    ['a null image pull secret is the empty reference, which 1.28 accepts', pod({ containers: [ctr()], imagePullSecrets: [null] }), []],
    ['a null Ingress rule is the empty rule, which 1.28 accepts', ingress({ rules: [null], defaultBackend: backend }), []],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('Service fields the 1.28 server checks', () => {
  const rows: Row[] = [
    ['external IPs that are loopback, unspecified or link-local', service({ externalIPs: ['127.0.0.1', '0.0.0.0', '169.254.169.254', '224.0.0.5', '::1', 'fe80::1', '203.0.113.10'] }), [
      'api/service spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8)',
      'api/service spec.externalIPs[1]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
      'api/service spec.externalIPs[2]: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16)',
      'api/service spec.externalIPs[3]: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24)',
      'api/service spec.externalIPs[4]: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8)',
      'api/service spec.externalIPs[5]: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16)',
    ]],
    ['loadBalancerClass on a ClusterIP Service', service({ loadBalancerClass: 'example.com/lb' }), [
      "api/service spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'",
    ]],
    ['loadBalancerClass on a LoadBalancer Service', service({ type: 'LoadBalancer', loadBalancerClass: 'example.com/lb' }), []],
    ['clusterIPs that do not start with clusterIP', service({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.11'] }), [
      'api/service spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: first value must match `clusterIP`',
    ]],
    ['clusterIPs without clusterIP', service({ clusterIPs: ['10.96.0.11'] }), [
      'api/service spec.clusterIPs: Invalid value: []string{"10.96.0.11"}: must be empty when `clusterIP` is not specified',
    ]],
    ['ipFamilies and ipFamilyPolicy values', service({ ipFamilies: ['IPv4', 'IPv4', 'IPv5'], ipFamilyPolicy: 'DualStack' }), [
      'api/service spec.ipFamilies[1]: Duplicate value: "IPv4"',
      'api/service spec.ipFamilies[2]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"',
      'api/service spec.ipFamilyPolicy: Unsupported value: "DualStack": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"',
    ]],
    ['two cluster IPs of one family', service({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', '10.96.0.11'] }), [
      'api/service spec.clusterIPs: Invalid value: []string{"10.96.0.10", "10.96.0.11"}: may specify no more than one IP for each IP family',
    ]],
    ['cluster IPs against ipFamilies', service({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::10'], ipFamilies: ['IPv6', 'IPv4'], ipFamilyPolicy: 'RequireDualStack' }), [
      'api/service spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`',
      'api/service spec.clusterIPs[1]: Invalid value: "fd00::10": expected an IPv4 value as indicated by `ipFamilies[1]`',
    ]],
    ['a dual-stack Service', service({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10', 'fd00::10'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack' }), []],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('pod spec fields the 1.28 server checks', () => {
  const pod = (spec: Json): KubeObject => deployment({ template: template(spec) });
  const T = 'spec.template.spec';
  const V0 = `${T}.volumes[0]`;
  const vol = (source: Json): KubeObject => pod({ volumes: [{ name: 'v', ...source }] });
  const rows: Row[] = [
    ['sysctl names', pod({ securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }, { name: 'net/ipv4/ip_forward', value: '1' }, { name: 'Net.Core', value: '1' }, { name: '' }, { name: 'net.core.somaxconn', value: '2' }] } }), [
      `api/pod-spec ${T}.securityContext.sysctls[2].name: Invalid value: "Net.Core": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`,
      `api/pod-spec ${T}.securityContext.sysctls[3].name: Required value`,
      `api/pod-spec ${T}.securityContext.sysctls[4].name: Duplicate value: "net.core.somaxconn"`,
    ]],
    ['topology spread matchLabelKeys', pod({ topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['pod-template-hash'] },
      { maxSkew: 1, topologyKey: 'host', whenUnsatisfiable: 'DoNotSchedule', labelSelector: selector, matchLabelKeys: ['app', 'pod-template-hash'] },
    ] }), [
      `api/pod-spec ${T}.topologySpreadConstraints[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set`,
      `api/pod-spec ${T}.topologySpreadConstraints[1].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector`,
    ]],
    ['downward API volume: field paths of volumes, not of env; a container for resources', vol({ downwardAPI: { items: [
      { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
      { path: 'node', fieldRef: { fieldPath: 'spec.nodeName' } },
      { path: 'cpu', resourceFieldRef: { resource: 'limits.cpu' } },
    ] } }), [
      `api/pod-spec ${V0}.downwardAPI.fieldRef.fieldPath: Unsupported value: "spec.nodeName": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"`,
      `api/pod-spec ${V0}.downwardAPI.resourceFieldRef.containerName: Required value`,
    ]],
    ['downward API env: metadata.labels needs a subscript', pod({ containers: [ctr({ env: [{ name: 'LABELS', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } }] })] }), [
      'api/pod-spec spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    ]],
    ['nfs without server and with a relative path', vol({ nfs: { server: '', path: 'exports' } }), [
      `api/pod-spec ${V0}.nfs.path: Invalid value: "exports": must be an absolute path`,
      `api/pod-spec ${V0}.nfs.server: Required value`,
    ]],
    ['nfs with server and absolute path', vol({ nfs: { server: 'nfs.example.com', path: '/exports' } }), []],
    ['hostPath type and backsteps', vol({ hostPath: { path: '/var/../etc', type: 'Dir' } }), [
      `api/pod-spec ${V0}.hostPath.path: Invalid value: "/var/../etc": must not contain '..'`,
      `api/pod-spec ${V0}.hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"`,
    ]],
    ['hostPath type "" (unset) is valid', vol({ hostPath: { path: '/var/log', type: '' } }), []],
    ['projected sources: one type each, no path twice, token lifetime', vol({ projected: { sources: [
      { secret: { name: 's', items: [{ key: 'a', path: 'x' }] }, configMap: { name: 'c' } },
      { configMap: { name: 'c', items: [{ key: 'b', path: 'x' }] } },
      { serviceAccountToken: { path: 'token', expirationSeconds: 60 } },
    ] } }), [
      `api/pod-spec ${V0}.projected: Invalid value: "c": conflicting duplicate paths`,
      `api/pod-spec ${V0}.projected.sources[0]: Forbidden: may not specify more than 1 volume type`,
      `api/pod-spec ${V0}.projected.sources[2].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes`,
    ]],
    ['a projected service account token with the default lifetime', vol({ projected: { sources: [
      { serviceAccountToken: { path: 'token' } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ] } }), []],
    ['hostAliases: an address and DNS subdomains; a null entry has no address', pod({ hostAliases: [{ ip: '10.0.0.5', hostnames: ['db.internal'] }, { ip: '010.0.0.6', hostnames: ['Cache_1'] }, null] }), [
      `api/pod-spec ${T}.hostAliases.hostnames: Invalid value: "Cache_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `api/pod-spec ${T}.hostAliases.ip: Invalid value: "": must be valid IP address`,
    ]],
    ['mountPropagation "" is not defaulted; Bidirectional needs a privileged container', pod({ volumes: [{ name: 'v', emptyDir: {} }], containers: [
      ctr({ volumeMounts: [{ name: 'v', mountPath: '/a', mountPropagation: '' }, { name: 'v', mountPath: '/b', mountPropagation: 'Bidirectional' }, { name: 'v', mountPath: '/c', mountPropagation: 'HostToContainer' }] }),
    ] }), [
      // ValidateVolumeMounts reports mountPropagation at the list's path, without the index
      'api/pod-spec spec.template.spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers',
      'api/pod-spec spec.template.spec.containers[0].volumeMounts.mountPropagation: Unsupported value: "": supported values: "Bidirectional", "HostToContainer", "None"',
    ]],
    ['windowsOptions.runAsUserName', pod({
      securityContext: { windowsOptions: { runAsUserName: 'NT AUTHORITY\\NETWORK SERVICE' } },
      containers: [ctr({ securityContext: { windowsOptions: { runAsUserName: 'corp\\ops\\svc' } } }), ctr({ name: 'b', securityContext: { windowsOptions: { runAsUserName: 'corp\\svc@app' } } })],
    }), [
      'api/pod-spec spec.template.spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value: "corp\\\\ops\\\\svc": runAsUserName cannot contain more than one backslash',
      'api/pod-spec spec.template.spec.containers[1].securityContext.windowsOptions.runAsUserName: Invalid value: "corp\\\\svc@app": runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]',
    ]],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('ResourceQuota and LimitRange', () => {
  const quota = (hard: Json): KubeObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('quota'), spec: { hard } });
  const limits = (...items: Json[]): KubeObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: meta('limits'), spec: { limits: items } });
  const rows: Row[] = [
    ['negative quota values', quota({ cpu: '-1', 'requests.memory': '1Gi', pods: '-0.5' }), [
      'api/resourcequota spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0',
      'api/resourcequota spec.hard[pods]: Invalid value: "-500m": must be greater than or equal to 0',
    ]],
    ['min <= defaultRequest <= default <= max', limits({ type: 'Container', min: { cpu: '50m' }, defaultRequest: { cpu: '100m' }, default: { cpu: '500m' }, max: { cpu: '2' } }), []],
    ['defaultRequest above default', limits({ type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '2' } }), [
      'api/limitrange spec.limits[0].defaultRequest[cpu]: Invalid value: "2": default request value 2 is greater than default limit value 1',
    ]],
    ['default above max (the defaulted defaultRequest too)', limits({ type: 'Container', default: { memory: '2Gi' }, max: { memory: '1Gi' } }), [
      'api/limitrange spec.limits[0].defaultRequest[memory]: Invalid value: "2Gi": default request value 2Gi is greater than max value 1Gi',
      'api/limitrange spec.limits[0].default[memory]: Invalid value: "1Gi": default value 2Gi is greater than max value 1Gi',
    ]],
    ['limit types', limits({ type: 'Node' }, { type: 'Container' }, { type: 'Container' }, { type: 'example.com/gpu' }), [
      'api/limitrange spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified',
      'api/limitrange spec.limits[2].type: Duplicate value: "Container"',
    ]],
    ['defaults on a Pod item, no storage bound on a PersistentVolumeClaim item', limits({ type: 'Pod', default: { cpu: '1' } }, { type: 'PersistentVolumeClaim' }), [
      "api/limitrange spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
      'api/limitrange spec.limits[1].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
    ]],
    ['maxLimitRequestRatio below 1', limits({ type: 'Container', maxLimitRequestRatio: { cpu: '0.5' } }), [
      'api/limitrange spec.limits[0].maxLimitRequestRatio[cpu]: Invalid value: "500m": ratio 500m is less than 1',
    ]],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('RBAC as the 1.28 server defaults and validates it (pkg/apis/rbac/v1/defaults.go, pkg/apis/rbac/validation/validation.go)', () => {
  const rbac = 'rbac.authorization.k8s.io/v1';
  const binding = (kind: string, body: Json): KubeObject => ({ apiVersion: rbac, kind, metadata: kind === 'RoleBinding' ? meta('read') : { name: 'read' }, ...body });
  const role = (kind: string, rules: unknown[], extra: Json = {}): KubeObject => ({ apiVersion: rbac, kind, metadata: kind === 'Role' ? meta('read') : { name: 'read' }, rules, ...extra });
  const sa = { kind: 'ServiceAccount', name: 'web', namespace: 'prod' };
  const rows: Row[] = [
    ['a ClusterRoleBinding without roleRef.apiGroup (defaulted)', binding('ClusterRoleBinding', { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [sa] }), []],
    ['a RoleBinding with User and Group subjects without apiGroup (defaulted)', binding('RoleBinding', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'read' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'web' }],
    }), []],
    ['a roleRef.apiGroup with a version', binding('RoleBinding', { roleRef: { apiGroup: 'rbac.authorization.k8s.io/v1', kind: 'Role', name: 'read' } }), [
      'api/rbac roleRef.apiGroup: Unsupported value: "rbac.authorization.k8s.io/v1": supported values: "rbac.authorization.k8s.io"',
    ]],
    ['a ClusterRoleBinding to a Role', binding('ClusterRoleBinding', { roleRef: { kind: 'Role', name: 'read' } }), [
      'api/rbac roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
    ]],
    ['a ServiceAccount subject without namespace in a ClusterRoleBinding', binding('ClusterRoleBinding', { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'ServiceAccount', name: 'web' }] }), [
      'api/rbac subjects[0].namespace: Required value',
    ]],
    ['subjects of an unknown kind, a ServiceAccount with an apiGroup, a User of another group', binding('RoleBinding', {
      roleRef: { kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Team', name: 'a' }, { kind: 'ServiceAccount', name: 'web', apiGroup: 'v1' }, { kind: 'User', name: 'jane', apiGroup: 'example.com' }],
    }), [
      'api/rbac subjects[0].kind: Unsupported value: "Team": supported values: "ServiceAccount", "User", "Group"',
      'api/rbac subjects[1].apiGroup: Unsupported value: "v1": supported values: ""',
      'api/rbac subjects[2].apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"',
    ]],
    ['a roleRef without kind is reported once, by the schema', binding('RoleBinding', { roleRef: { name: 'read' } }), ['schema/strict roleRef.kind: Required value']],
    ['a Role rule without apiGroups and resources, and one with empty verbs', role('Role', [{ verbs: ['get'] }, { apiGroups: [''], resources: ['pods'], verbs: [] }]), [
      'api/rbac rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'api/rbac rules[0].resources: Required value: resource rules must supply at least one resource',
      'api/rbac rules[1].verbs: Required value: verbs must contain at least one value',
    ]],
    ['a Role rule on non-resource URLs', role('Role', [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]), [
      'api/rbac rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    ]],
    ['a ClusterRole rule on non-resource URLs, and one mixing them with resources', role('ClusterRole', [
      { nonResourceURLs: ['/metrics'], verbs: ['get'] }, { nonResourceURLs: ['/metrics'], resources: ['pods'], verbs: ['get'] },
    ]), [
      'api/rbac rules[1].nonResourceURLs: Invalid value: []string{"/metrics"}: rules cannot apply to both regular resources and non-resource URLs',
    ]],
    ['a ClusterRole aggregation rule without selectors', role('ClusterRole', [], { aggregationRule: { clusterRoleSelectors: [] } }), [
      'api/rbac aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil',
    ]],
    ['an aggregated ClusterRole with a selector and no rules', role('ClusterRole', [], { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } }] } }), []],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});

describe('other fields the 1.28 server defaults or does not require', () => {
  const rows: Row[] = [
    ['PriorityClass without value (priority 0)', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'batch-low' }, description: 'batch' }, []],
    ['CSIDriver token request without audience (the API server audience)', {
      apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'csi.example.com' }, spec: { tokenRequests: [{ expirationSeconds: 3600 }] },
    }, []],
  ];
  test.each(rows)('%s', (_name, object, expected) => expect(errors(object)).toEqual(expected));
});
