import { DNS1035_MSG, object, runApiRules, Tagged, v } from './fixtures';

type Obj = ReturnType<typeof object>;
const svc = (spec: Record<string, unknown>): Obj => object('Service', 'v1', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } }, 'web');
const ing = (spec: Record<string, unknown>, annotations?: Record<string, string>): Obj => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', ...(annotations ? { annotations } : {}) }, spec,
});
const backend = { service: { name: 'web', port: { number: 80 } } };
const path = (p: Record<string, unknown>): Record<string, unknown> => ({ rules: [{ host: 'example.com', http: { paths: [{ backend, ...p }] } }] });
const P0 = 'spec.rules[0].http.paths[0]';

describe('api/service', () => {
  const rows: Array<[string, Obj, Tagged[]]> = [
    ['valid single-port Service, defaults not reported', svc({}), []],
    ['several ports need names; quoted number targetPort is a name', svc({ ports: [{ port: 80, targetPort: '8080' }, { name: 'Metrics', port: 9100 }] }), [
      v('api/service', 'spec.ports[0].name', 'Required value'),
      v('api/service', 'spec.ports[0].targetPort', 'Invalid value: "8080": must contain at least one letter (a-z)'),
      v('api/service', 'spec.ports[1].name', 'Invalid value: "Metrics": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')'),
    ]],
    ['duplicate protocol/port and nodePort on ClusterIP', svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, nodePort: 30080 }] }), [
      v('api/service', 'spec.ports[1].nodePort', "Forbidden: may not be used when `type` is 'ClusterIP'"),
      v('api/service', 'spec.ports[1]', 'Duplicate value: map[string]interface {}{"port":80, "protocol":"TCP"}'),
    ]],
    ['headless NodePort and bad type fields; sessionAffinityConfig is dropped when affinity is None', svc({ type: 'NodePort', clusterIP: 'None', sessionAffinity: 'None', sessionAffinityConfig: {}, loadBalancerSourceRanges: ['10.0.0.0/8'] }), [
      v('api/service', 'spec.clusterIP', "Invalid value: \"None\": may not be set to 'None' for NodePort services"),
      v('api/service', 'spec.loadBalancerSourceRanges', "Forbidden: may only be used when `type` is 'LoadBalancer'"),
    ]],
    ['headless Service without ports is fine', svc({ clusterIP: 'None', ports: [] }), []],
    ['ExternalName', object('Service', 'v1', { spec: { type: 'ExternalName', externalName: 'db.example.com.' } }, 'db'), []],
    ['ClientIP timeout out of range', svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } } }), [
      v('api/service', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'Invalid value: 90000: must be greater than 0 and less than 86400'),
    ]],
  ];
  test.each(rows)('%s', (_n, obj, expected) => expect(runApiRules(obj)).toEqual(expected));
});

describe('api/ingress', () => {
  const rows: Array<[string, Obj, Tagged[]]> = [
    ['valid Prefix path', ing(path({ path: '/', pathType: 'Prefix' })), []],
    ['no rules and no default backend', ing({}), [v('api/ingress', 'spec', 'Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified')]],
    ['pathType required', ing(path({ path: '/' })), [v('api/ingress', `${P0}.pathType`, 'Required value: pathType must be specified')]],
    ['bad Exact path', ing(path({ path: 'api//v1/.', pathType: 'Exact' })), [
      v('api/ingress', `${P0}.path`, 'Invalid value: "api//v1/.": must be an absolute path'),
      v('api/ingress', `${P0}.path`, "Invalid value: \"api//v1/.\": must not contain '//'"),
      v('api/ingress', `${P0}.path`, "Invalid value: \"api//v1/.\": cannot end with '/.'"),
    ]],
    ['IP host, backend with both port name and number', ing({ rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'Web', port: { name: 'http', number: 80 } } } }] } }] }), [
      v('api/ingress', 'spec.rules[0].host', 'Invalid value: "10.0.0.1": must be a DNS name, not an IP address'),
      v('api/ingress', `${P0}.backend.service.name`, `Invalid value: "Web": ${DNS1035_MSG}`),
      v('api/ingress', `${P0}.backend`, 'Invalid value: "": cannot set both port name & port number'),
    ]],
    ['class annotation equal to ingressClassName', ing({ ingressClassName: 'nginx', defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'nginx' }), []],
    ['class annotation different from ingressClassName', ing({ ingressClassName: 'nginx', defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'traefik' }), [
      v('api/ingress', 'annotations.kubernetes.io/ingress.class', 'Invalid value: "traefik": must match `ingressClassName` when both are specified'),
    ]],
    ['wildcard hosts', ing({ defaultBackend: backend, tls: [{ hosts: ['*.example.com', 'a.*.example.com'] }] }), [
      v('api/ingress', 'spec.tls[0].hosts[1]', "Invalid value: \"a.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
    ]],
  ];
  test.each(rows)('%s', (_n, obj, expected) => expect(runApiRules(obj)).toEqual(expected));
});

describe('api/configmap, api/secret, api/pvc', () => {
  const rows: Array<[string, Obj, Tagged[]]> = [
    ['ConfigMap key in data and binaryData, bad key', object('ConfigMap', 'v1', { data: { a: '1', 'bad key': 'x' }, binaryData: { a: 'MQ==' } }), [
      v('api/configmap', 'data[a]', 'Invalid value: "a": duplicate of key present in binaryData'),
      v('api/configmap', 'data[bad key]', 'Invalid value: "bad key": a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')'),
      v('api/configmap', 'binaryData[a]', 'Invalid value: "a": duplicate of key present in data'),
    ]],
    ['ConfigMap over 1 MiB', object('ConfigMap', 'v1', { data: { big: 'x'.repeat(1048577) } }), [v('api/configmap', '', 'Too long: must have at most 1048576 bytes')]],
    ['TLS Secret without key (dummy content passes)', object('Secret', 'v1', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'dummy' } }), [v('api/secret', 'data[tls.key]', 'Required value')]],
    ['dockerconfigjson must be JSON', object('Secret', 'v1', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } }), []],
    ['basic-auth needs username or password', object('Secret', 'v1', { type: 'kubernetes.io/basic-auth', data: {} }), [
      v('api/secret', 'data[username]', 'Required value'), v('api/secret', 'data[password]', 'Required value'),
    ]],
    ['PVC without storage and mixed access modes', object('PersistentVolumeClaim', 'v1', { spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce', 'RWX'], storageClassName: '' } }), [
      v('api/pvc', 'spec.accessModes', 'Unsupported value: "RWX": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'),
      v('api/pvc', 'spec.accessModes', 'Forbidden: may not use ReadWriteOncePod with other access modes'),
      v('api/pvc', 'spec.resources[storage]', 'Required value'),
    ]],
    ['PVC storage of zero', object('PersistentVolumeClaim', 'v1', { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0Gi' } } } }), [
      v('api/pvc', 'spec.resources[storage]', 'Invalid value: "0": must be greater than zero'),
    ]],
  ];
  test.each(rows)('%s', (_n, obj, expected) => expect(runApiRules(obj)).toEqual(expected));
});

describe('api/hpa, api/pdb, api/networkpolicy, api/namespace', () => {
  const hpa = (spec: Record<string, unknown>): Obj => object('HorizontalPodAutoscaler', 'autoscaling/v2', {
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, ...spec },
  });
  const np = (spec: Record<string, unknown>): Obj => object('NetworkPolicy', 'networking.k8s.io/v1', { spec: { podSelector: {}, ...spec } });
  const rows: Array<[string, Obj, Tagged[]]> = [
    ['valid HPA with a CPU utilization target', hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] }), []],
    ['maxReplicas below minReplicas', hpa({ minReplicas: 3, maxReplicas: 2 }), [v('api/hpa', 'spec.maxReplicas', 'Invalid value: 2: must be greater than or equal to `minReplicas`')]],
    ['minReplicas 0', hpa({ minReplicas: 0 }), [v('api/hpa', 'spec.minReplicas', 'Invalid value: 0: must be greater than or equal to 1')]],
    ['Resource metric with a plain value', hpa({ metrics: [{ type: 'Resource', resource: { name: 'memory', target: { type: 'Value', value: '500Mi' } } }] }), [
      v('api/hpa', 'spec.metrics[0].resource.target.averageUtilization', 'Required value: must set either a target raw value or a target utilization'),
    ]],
    ['metric type without its source', hpa({ metrics: [{ type: 'Pods', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }] }), [
      v('api/hpa', 'spec.metrics[0].resource.target.averageUtilization', 'Invalid value: 0: must be greater than 0'),
      v('api/hpa', 'spec.metrics[0].pods', 'Required value: must populate information for the given metric source'),
    ]],
    ['behavior bounds', hpa({ behavior: { scaleDown: { stabilizationWindowSeconds: 4000, policies: [{ type: 'Pods', value: 0, periodSeconds: 2000 }] } } }), [
      v('api/hpa', 'spec.behavior.scaleDown.stabilizationWindowSeconds', 'Invalid value: 4000: must be less than or equal to 3600'),
      v('api/hpa', 'spec.behavior.scaleDown.policies[0].value', 'Invalid value: 0: must be greater than zero'),
      v('api/hpa', 'spec.behavior.scaleDown.policies[0].periodSeconds', 'Invalid value: 2000: must be less than or equal to 1800'),
    ]],
    ['PDB with both bounds and a quoted number', object('PodDisruptionBudget', 'policy/v1', { spec: { minAvailable: '1', maxUnavailable: '120%', selector: { matchLabels: { app: 'web' } } } }), [
      v('api/pdb', 'spec', 'Invalid value: map[string]interface {}{"maxUnavailable":"120%", "minAvailable":"1", "selector":map[string]interface {}{"matchLabels":map[string]string{"app":"web"}}}: minAvailable and maxUnavailable cannot be both set'),
      v('api/pdb', 'spec.minAvailable', 'Invalid value: "1": a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')'),
      v('api/pdb', 'spec.maxUnavailable', 'Invalid value: "120%": must not be greater than 100%'),
    ]],
    ['valid PDB with maxUnavailable 0 (a policy concern, not an error)', object('PodDisruptionBudget', 'policy/v1', { spec: { maxUnavailable: 0, selector: { matchLabels: { app: 'web' } } } }), []],
    ['NetworkPolicy peers and ports', np({
      ingress: [{ from: [{}, { ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] }, podSelector: {} }], ports: [{ port: 'http', endPort: 90 }, { port: 100, endPort: 90 }] }],
      policyTypes: ['Ingress', 'Both'],
    }), [
      v('api/networkpolicy', 'spec.ingress[0].ports[0].endPort', 'Invalid value: 90: may not be specified when `port` is non-numeric'),
      v('api/networkpolicy', 'spec.ingress[0].ports[1].endPort', 'Invalid value: 100: must be greater than or equal to `port`'),
      v('api/networkpolicy', 'spec.ingress[0].from[0]', 'Required value: must specify a peer'),
      v('api/networkpolicy', 'spec.ingress[0].from[1].ipBlock.except[0]', 'Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`'),
      v('api/networkpolicy', 'spec.ingress[0].from[1]', 'Forbidden: may not specify both ipBlock and another peer'),
      v('api/networkpolicy', 'spec.policyTypes[1]', 'Unsupported value: "Both": supported values: "Ingress", "Egress"'),
    ]],
    ['Namespace finalizers', object('Namespace', 'v1', { spec: { finalizers: ['kubernetes', 'custom', 'example.com/x'] } }, 'team-a'), [
      v('api/namespace', 'spec.finalizers', 'Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'),
    ]],
    ['ServiceAccount names may contain dots', object('ServiceAccount', 'v1', {}, 'ci.bot'), []],
  ];
  test.each(rows)('%s', (_n, obj, expected) => expect(runApiRules(obj)).toEqual(expected));
});
