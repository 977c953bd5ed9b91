import { API_RULES } from '../../../../src/validation/rules/api';
import { Layer, Severity } from '../../../../src/validation/types';
import {
  container, deployment, deploymentWithPod, DNS1035_MSG, LABEL_MSG, object, podSpec, runApiRules, SUBDOMAIN_MSG, Tagged, v,
} from './fixtures';

const T = 'spec.template.spec';
const C0 = `${T}.containers[0]`;

describe('API rule metadata', () => {
  test('every rule is in the api layer with a unique id, description and example', () => {
    const ids = API_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of API_RULES) {
      expect(rule.id).toMatch(/^api\/[a-z0-9-]+$/);
      expect(rule.layer).toBe(Layer.API);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.example.length).toBeGreaterThan(5);
    }
    expect(API_RULES.filter((r) => r.defaultSeverity !== Severity.ERROR).map((r) => r.id)).toEqual(['api/cronjob-tz-prefix']);
  });
});

describe('api/metadata', () => {
  const rows: Array<[string, ReturnType<typeof object>, Tagged[]]> = [
    ['valid ConfigMap', object('ConfigMap', 'v1', {}, 'app.config'), []],
    ['upper-case Deployment name', deployment({}, { name: 'Web' }), [v('api/metadata', 'metadata.name', `Invalid value: "Web": ${SUBDOMAIN_MSG}`)]],
    ['Service with a dot', object('Service', 'v1', { spec: { ports: [{ port: 80 }] } }, 'web.api'), [v('api/metadata', 'metadata.name', `Invalid value: "web.api": ${DNS1035_MSG}`)]],
    ['Namespace with a dot', object('Namespace', 'v1', {}, 'team.a'), [v('api/metadata', 'metadata.name', 'Invalid value: "team.a": must not contain dots')]],
    ['missing name', { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, [v('api/metadata', 'metadata.name', 'Required value: name or generateName is required')]],
    ['generateName with trailing dash', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-' } }, []],
    ['bad namespace', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'Prod' } }, [v('api/metadata', 'metadata.namespace', `Invalid value: "Prod": ${LABEL_MSG}`)]],
    ['bad label value', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { app: 'web-' } } }, [
      v('api/metadata', 'metadata.labels', 'Invalid value: "web-": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')'),
    ]],
    ['upper-case annotation prefix is lower-cased first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'Example.COM/Owner': 'x' } } }, []],
    ['annotations over 256 KiB', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { a: 'x'.repeat(262144) } } }, [
      v('api/metadata', 'metadata.annotations', 'Too long: must have at most 262144 bytes'),
    ]],
    ['annotations over 256 KiB in UTF-8 bytes only (87,382 three-byte characters)', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { a: '\u20ac'.repeat(87382) } } }, [
      v('api/metadata', 'metadata.annotations', 'Too long: must have at most 262144 bytes'),
    ]],
    ['annotations of exactly 256 KiB in UTF-8 bytes', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { a: `${'\u20ac'.repeat(87381)}` } } }, []],
    ['unknown short finalizer and orphan+foreground', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['custom', 'orphan', 'foregroundDeletion'] } }, [
      v('api/metadata', 'metadata.finalizers', 'Invalid value: []string{"custom", "orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set'),
      v('api/metadata', 'metadata.finalizers[0]', 'Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'),
    ]],
    ['ownerReference without uid', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'y' }] } }, [
      v('api/metadata', 'metadata.ownerReferences.uid', 'Invalid value: "": uid must not be empty'),
    ]],
    ['CronJob name of 53 characters', object('CronJob', 'batch/v1', { spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'Never' }) } } } } }, 'c'.repeat(53)), [
      v('api/metadata', 'metadata.name', `Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`),
    ]],
    ['custom resource names are not format-checked', object('Widget', 'example.com/v1', {}, 'Any_Name'), []],
  ];
  test.each(rows)('%s', (_name, obj, expected) => {
    expect(runApiRules(obj)).toEqual(expected);
  });
});

describe('api/pod-spec', () => {
  const P = 'api/pod-spec';
  const rows: Array<[string, Record<string, unknown>, Tagged[]]> = [
    ['defaults are not reported (no restartPolicy, protocol, pull policy)', podSpec({ containers: [container({ ports: [{ containerPort: 80 }] })] }), []],
    ['no containers', { containers: [] }, [v(P, `${T}.containers`, 'Required value')]],
    ['missing image and bad container name', { containers: [{ name: 'App' }] }, [
      v(P, `${C0}.name`, `Invalid value: "App": ${LABEL_MSG}`),
      v(P, `${C0}.image`, 'Required value'),
    ]],
    ['duplicate container names across init containers', podSpec({ initContainers: [container()] }), [v(P, `${T}.initContainers[0].name`, 'Duplicate value: "app"')]],
    ['port name too long, duplicate port name, containerPort 0, bad protocol', { containers: [container({ ports: [
      { name: 'metrics-exporter1', containerPort: 9100 }, { name: 'http', containerPort: 80 }, { name: 'http', containerPort: 0, protocol: 'HTTP' },
    ] })] }, [
      v(P, `${C0}.ports[0].name`, 'Invalid value: "metrics-exporter1": must be no more than 15 characters'),
      v(P, `${C0}.ports[2].name`, 'Duplicate value: "http"'),
      v(P, `${C0}.ports[2].containerPort`, 'Required value'),
      v(P, `${C0}.ports[2].protocol`, 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'),
    ]],
    ['non-integer and out-of-range ports', { containers: [container({ ports: [{ containerPort: 80.5 }, { containerPort: 70000 }] })] }, [
      v(P, `${C0}.ports[0].containerPort`, 'Invalid value: 80.5: must be an integer'),
      v(P, `${C0}.ports[1].containerPort`, 'Invalid value: 70000: must be between 1 and 65535, inclusive'),
    ]],
    ['hostNetwork with a different hostPort', podSpec({ hostNetwork: true, containers: [container({ ports: [{ containerPort: 80, hostPort: 8080 }] })] }), [
      v(P, `${C0}.ports[0].containerPort`, 'Invalid value: 80: must match `hostPort` when `hostNetwork` is true'),
    ]],
    ['host port conflict across containers', { containers: [container({ ports: [{ containerPort: 80, hostPort: 80 }] }), container({ name: 'b', ports: [{ containerPort: 81, hostPort: 80 }] })] }, [
      v(P, `${T}.containers[1].ports[0].hostPort`, 'Duplicate value: "TCP//80"'),
    ]],
    ['env: bad name, value with valueFrom, two sources, bad fieldRef', { containers: [container({ env: [
      { name: '1BAD', value: 'x' },
      { name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'k' }, configMapKeyRef: { name: 'c', key: 'k' } } },
      { name: 'C', valueFrom: { fieldRef: { fieldPath: 'spec.restartPolicy' } } },
      { name: 'D', valueFrom: { secretKeyRef: { name: 's', key: 'bad key' } } },
    ] })] }, [
      v(P, `${C0}.env[0].name`, 'Invalid value: "1BAD": a valid environment variable name must consist of alphabetic characters, digits, \'_\', \'-\', or \'.\', and must not start with a digit (e.g. \'my.env-name\',  or \'MY_ENV.NAME\',  or \'MyEnvName1\', regex used for validation is \'[-._a-zA-Z][-._a-zA-Z0-9]*\')'),
      v(P, `${C0}.env[1].valueFrom`, 'Invalid value: "": may not be specified when `value` is not empty'),
      v(P, `${C0}.env[2].valueFrom`, 'Invalid value: "": may not have more than one field specified at a time'),
      v(P, `${C0}.env[3].valueFrom.fieldRef.fieldPath`, 'Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"'),
      v(P, `${C0}.env[4].valueFrom.secretKeyRef.key`, 'Invalid value: "bad key": a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\')'),
    ]],
    ['envFrom without a source', { containers: [container({ envFrom: [{ prefix: 'X_' }] })] }, [
      v(P, `${C0}.envFrom`, 'Invalid value: "": must specify one of: `configMapRef` or `secretRef`'),
    ]],
    ['probes: no handler, two handlers, liveness successThreshold, readiness grace period', { containers: [container({
      livenessProbe: { successThreshold: 2, exec: { command: ['true'] } },
      readinessProbe: { httpGet: { port: 'http' }, tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 5 },
      startupProbe: { periodSeconds: 5 },
    })] }, [
      v(P, `${C0}.livenessProbe.successThreshold`, 'Invalid value: 2: must be 1'),
      v(P, `${C0}.readinessProbe.tcpSocket`, 'Forbidden: may not specify more than 1 handler type'),
      v(P, `${C0}.readinessProbe.terminationGracePeriodSeconds`, 'Invalid value: 5: must not be set for readinessProbes'),
      v(P, `${C0}.startupProbe`, 'Required value: must specify a handler type'),
    ]],
    ['probe port and header checks', { containers: [container({ livenessProbe: { httpGet: { port: 'HTTP', scheme: 'FTP', httpHeaders: [{ name: 'X Bad', value: '1' }] } } })] }, [
      v(P, `${C0}.livenessProbe.httpGet.port`, 'Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'),
      v(P, `${C0}.livenessProbe.httpGet.port`, 'Invalid value: "HTTP": must contain at least one letter (a-z)'),
      v(P, `${C0}.livenessProbe.httpGet.scheme`, 'Unsupported value: "FTP": supported values: "HTTP", "HTTPS"'),
      v(P, `${C0}.livenessProbe.httpGet.httpHeaders`, 'Invalid value: "X Bad": a valid HTTP header must consist of alphanumeric characters or \'-\' (e.g. \'X-Header-Name\', regex used for validation is \'[-A-Za-z0-9]+\')'),
    ]],
    ['init containers may not have probes; lifecycle needs a handler', podSpec({ initContainers: [container({ name: 'init', readinessProbe: { exec: { command: ['x'] } } })], containers: [container({ lifecycle: { preStop: {} } })] }), [
      v(P, `${C0}.lifecycle.preStop`, 'Required value: must specify a handler type'),
      v(P, `${T}.initContainers[0].readinessProbe`, 'Forbidden: may not be set for init containers without restartPolicy=Always'),
    ]],
    ['resources: request above limit, bad name, extended resource without limit, negative', { containers: [container({ resources: {
      requests: { cpu: '1500m', memory: '-1Mi', 'example.com/gpu': '1' }, limits: { cpu: '1', gpu: '1' },
    } })] }, [
      v(P, `${C0}.resources.limits[gpu]`, 'Invalid value: "gpu": must be a standard resource for containers'),
      v(P, `${C0}.resources.requests[memory]`, 'Invalid value: "-1Mi": must be greater than or equal to 0'),
      v(P, `${C0}.resources.requests`, 'Invalid value: "1500m": must be less than or equal to cpu limit of 1'),
      v(P, `${C0}.resources.limits`, 'Required value: Limit must be set for non overcommitable resources'),
    ]],
    ['volumes and mounts', { volumes: [{ name: 'data', emptyDir: {}, configMap: { name: 'c' } }, { name: 'cfg', secret: { defaultMode: 1000, items: [{ key: 'k', path: '../x' }] } }, { name: 'data' }],
      containers: [container({ volumeMounts: [{ name: 'missing', mountPath: '/a' }, { name: 'data', mountPath: '/a', subPath: '/abs' }] })] }, [
      v(P, `${T}.volumes[0].configMap`, 'Forbidden: may not specify more than 1 volume type'),
      v(P, `${T}.volumes[1].secret.secretName`, 'Required value'),
      v(P, `${T}.volumes[1].secret.defaultMode`, 'Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive'),
      v(P, `${T}.volumes[1].secret.items[0].path`, 'Invalid value: "../x": must not contain \'..\''),
      v(P, `${T}.volumes[2].name`, 'Duplicate value: "data"'),
      v(P, `${C0}.volumeMounts[0].name`, 'Not found: "missing"'),
      v(P, `${C0}.volumeMounts[1].mountPath`, 'Invalid value: "/a": must be unique'),
      v(P, `${C0}.volumeMounts.subPath`, 'Invalid value: "/abs": must be a relative path'),
    ]],
    ['pod-level: restartPolicy, dnsPolicy None, names, deadline', podSpec({ restartPolicy: 'Sometimes', dnsPolicy: 'None', serviceAccountName: 'My_SA', hostname: 'a.b', activeDeadlineSeconds: 0 }), [
      v(P, `${T}.restartPolicy`, 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'),
      v(P, `${T}.dnsConfig`, 'Required value: must provide `dnsConfig` when `dnsPolicy` is None'),
      v(P, `${T}.serviceAccountName`, `Invalid value: "My_SA": ${SUBDOMAIN_MSG}`),
      v(P, `${T}.hostname`, 'Invalid value: "a.b": must not contain dots'),
      v(P, `${T}.activeDeadlineSeconds`, 'Invalid value: 0: must be between 1 and 2147483647, inclusive'),
      // The Deployment rule adds its own restrictions, as the API server does.
      v('api/deployment', `${T}.restartPolicy`, 'Unsupported value: "Sometimes": supported values: "Always"'),
      v('api/deployment', `${T}.activeDeadlineSeconds`, 'Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported'),
    ]],
    ['tolerations, topology spread and affinity', podSpec({
      tolerations: [{ operator: 'Equal', value: 'x' }, { key: 'k', operator: 'Exists', tolerationSeconds: 5, effect: 'NoSchedule' }],
      topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Maybe' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Gt', values: ['1', '2'] }] }] } } },
    }), [
      v(P, `${T}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values`, "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'"),
      v(P, `${T}.topologySpreadConstraints[0].maxSkew`, 'Invalid value: 0: must be greater than zero'),
      v(P, `${T}.topologySpreadConstraints[0].whenUnsatisfiable`, 'Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"'),
      v(P, `${T}.tolerations[0].operator`, 'Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'),
      v(P, `${T}.tolerations[1].effect`, 'Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set'),
    ]],
    ['security contexts', podSpec({ securityContext: { runAsUser: -1, seccompProfile: { type: 'Localhost' } }, containers: [container({ securityContext: { allowPrivilegeEscalation: false, privileged: true, procMount: 'Masked' } })] }), [
      v(P, `${C0}.securityContext.procMount`, 'Unsupported value: "Masked": supported values: "Default", "Unmasked"'),
      v(P, `${C0}.securityContext`, 'Invalid value: map[string]interface {}{"allowPrivilegeEscalation":false, "privileged":true, "procMount":"Masked"}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true'),
      v(P, `${T}.securityContext.runAsUser`, 'Invalid value: -1: must be between 0 and 2147483647, inclusive'),
      v(P, `${T}.securityContext.seccompProfile.localhostProfile`, 'Required value: must be set when seccomp type is Localhost'),
    ]],
  ];
  test.each(rows)('%s', (_name, spec, expected) => {
    expect(runApiRules(deploymentWithPod(spec))).toEqual(expected);
  });

  test('runs on Pod specs and CronJob job templates with their own paths', () => {
    const bad = { containers: [{ name: 'app' }] };
    expect(runApiRules(object('Pod', 'v1', { spec: bad }))).toEqual([v(P, 'spec.containers[0].image', 'Required value')]);
    const cron = object('CronJob', 'batch/v1', { spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { ...bad, restartPolicy: 'Never' } } } } } });
    expect(runApiRules(cron)).toEqual([v(P, 'spec.jobTemplate.spec.template.spec.containers[0].image', 'Required value')]);
  });
});

describe('rule catalog', () => {
  test('ids, severities and kinds (snapshot)', () => {
    expect(API_RULES.map((r) => `${r.id} ${r.defaultSeverity} ${(r.kinds ?? ['*']).join(',')}`)).toMatchSnapshot();
  });
});
