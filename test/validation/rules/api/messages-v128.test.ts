/**
 * Messages and field paths checked against the Kubernetes 1.28 sources (issue 12): the supported-value
 * lists in Go's order (`sets.String.List()` sorts them), the order Go validates alternatives in, Go's
 * `%q` quoting of bad values, and apimachinery's owner-reference paths.
 */
import { container, deployment, deploymentWithPod, object, podSpec, runApiRules, Tagged, v } from './fixtures';

type Obj = ReturnType<typeof object>;
const T = 'spec.template.spec';

const hpa = (spec: Record<string, unknown>): Obj => object('HorizontalPodAutoscaler', 'autoscaling/v2', {
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, ...spec },
});
const cronJob = (spec: Record<string, unknown>): Obj => object('CronJob', 'batch/v1', {
  spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'Never' }) } } }, ...spec },
});
const cm = (metadata: Record<string, unknown>): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...metadata } });
/** The owner-reference list of the last row as the rule prints it (Go prints its structs with `%#v`, see notes/validation-api.md). */
const OWNERS = '[]interface {}{'
  + 'map[string]interface {}{"apiVersion":"apps/v1", "controller":true, "kind":"Deployment", "name":"a", "uid":"1"}, '
  + 'map[string]interface {}{"apiVersion":"apps/", "controller":true, "kind":"ReplicaSet", "name":"b", "uid":"2"}, '
  + 'map[string]interface {}{"apiVersion":"apps/v1", "controller":true, "kind":"StatefulSet", "name":"c"}}';
const LABEL_VALUE_DETAIL =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('messages as the 1.28 sources word them', () => {
  const rows: Array<[string, Obj, Tagged[]]> = [
    // pkg/apis/autoscaling/validation/validation.go: validMetricSourceTypes.List()
    ['HPA metric of an unknown type: the supported types sorted', hpa({ metrics: [{ type: 'Custom' }] }), [
      v('api/hpa', 'spec.metrics[0].type', 'Unsupported value: "Custom": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"'),
    ]],
    // validSelectPolicyTypes.List() and validPolicyTypes.List()
    ['HPA behavior selectPolicy and policy type: sorted', hpa({ behavior: { scaleUp: { selectPolicy: 'Fastest', policies: [{ type: 'Replicas', value: 1, periodSeconds: 60 }] } } }), [
      v('api/hpa', 'spec.behavior.scaleUp.selectPolicy', 'Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"'),
      v('api/hpa', 'spec.behavior.scaleUp.policies[0].type', 'Unsupported value: "Replicas": supported values: "Percent", "Pods"'),
    ]],
    // validateMetricSpec validates the first source set in the order object, external, pods, resource, containerResource
    ['HPA metric with two sources: the object source is the one validated, then forbidden', hpa({
      metrics: [{
        type: 'Resource',
        object: { describedObject: { kind: 'Service', name: 'web' }, metric: { name: 'rps' }, target: { type: 'Value', value: '10' } },
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } },
      }],
    }), [
      v('api/hpa', 'spec.metrics[0].object', 'Forbidden: must populate the given metric source only'),
    ]],
    // validateContainerResourceSource: the resource name before the container
    ['HPA ContainerResource without name and container', hpa({ metrics: [{ type: 'ContainerResource', containerResource: { target: { type: 'Utilization', averageUtilization: 50 } } }] }), [
      v('api/hpa', 'spec.metrics[0].containerResource.name', 'Required value: must specify a resource name'),
      v('api/hpa', 'spec.metrics[0].containerResource.container', 'Required value: must specify a container'),
    ]],
    // validateHorizontalPodAutoscalerSpec (release-1.27, 1.28): scaleTargetRef, metrics and behavior each validated
    ['HPA with a bad scale target, a bad metric and a bad behavior: all three reported', hpa({
      scaleTargetRef: { apiVersion: 'apps/v1', name: 'web' },
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }],
      behavior: { scaleUp: { policies: [] } },
    }), [
      v('api/hpa', 'spec.scaleTargetRef.kind', 'Required value'),
      v('api/hpa', 'spec.metrics[0].resource.target.averageUtilization', 'Required value: must set either a target raw value or a target utilization'),
      v('api/hpa', 'spec.behavior.scaleUp.policies', 'Required value: must specify at least one Policy'),
    ]],
    // validateContainerResourceSource: corevalidation.ValidateContainerResourceName
    ['HPA ContainerResource on a resource that is not a container resource', hpa({
      metrics: [{ type: 'ContainerResource', containerResource: { name: 'pods', container: 'app', target: { type: 'Utilization', averageUtilization: 50 } } }],
    }), [
      v('api/hpa', 'spec.metrics[0].containerResource.name', 'Invalid value: "pods": must be a standard resource for containers'),
    ]],
    // validateEnvVarValueFrom -> validateDownwardAPIHostIPs: the PodHostIPs gate is alpha (off) in 1.28
    ['env from status.hostIPs needs the PodHostIPs feature gate', deploymentWithPod(podSpec({
      containers: [container({ env: [{ name: 'HOST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } }, { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }] })],
    })), [
      v('api/pod-spec', `${T}.containers[0].env[0].valueFrom.fieldRef`, "Forbidden: may not be set when feature gate 'PodHostIPs' is not enabled"),
    ]],
    // pkg/apis/core/pods/helpers.go ConvertDownwardAPIFieldLabel: spec.host is spec.nodeName, subscripts only on labels and annotations
    ['env from spec.host (an old v1 name of spec.nodeName), and a subscript on metadata.name', deploymentWithPod(podSpec({
      containers: [container({ env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.host' } } }, { name: 'X', valueFrom: { fieldRef: { fieldPath: "metadata.name['x']" } } }] })],
    })), [
      v('api/pod-spec', `${T}.containers[0].env[1].valueFrom.fieldRef.fieldPath`, 'Invalid value: "metadata.name[\'x\']": error converting fieldPath: field label does not support subscript: metadata.name[\'x\']'),
    ]],
    // pkg/apis/core/validation/validation.go: validatePreemptionPolicy
    ['preemptionPolicy: PreemptLowerPriority first', deploymentWithPod(podSpec({ preemptionPolicy: 'Sometimes' })), [
      v('api/pod-spec', `${T}.preemptionPolicy`, 'Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"'),
    ]],
    // validateFSGroupChangePolicy: validFSGroupChangePolicies.List()
    ['fsGroupChangePolicy: sorted', deploymentWithPod(podSpec({ securityContext: { fsGroupChangePolicy: 'Never' } })), [
      v('api/pod-spec', `${T}.securityContext.fsGroupChangePolicy`, 'Unsupported value: "Never": supported values: "Always", "OnRootMismatch"'),
    ]],
    // apimachinery field.Error prints strings with %q: non-printable characters escaped the Go way
    ['a label value with a no-break space and an escape character, quoted as Go does', cm({ labels: { app: 'web\u00a0app\u001b' } }), [
      v('api/metadata', 'metadata.labels', `Invalid value: "web\\u00a0app\\x1b": ${LABEL_VALUE_DETAIL}`),
    ]],
    // apimachinery pkg/api/validation/objectmeta.go: ValidateOwnerReferences passes the list path to each entry
    ['owner references: errors at metadata.ownerReferences.<field>, each extra controller against the first', cm({
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'a', uid: '1', controller: true },
        { apiVersion: 'apps/', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'c', controller: true },
      ],
    }), [
      v('api/metadata', 'metadata.ownerReferences.apiVersion', 'Invalid value: "apps/": version must not be empty'),
      v('api/metadata', 'metadata.ownerReferences', `Invalid value: ${OWNERS}: Only one reference can have Controller set to true. Found "true" in references for Deployment/a and ReplicaSet/b`),
      v('api/metadata', 'metadata.ownerReferences.uid', 'Invalid value: "": uid must not be empty'),
      v('api/metadata', 'metadata.ownerReferences', `Invalid value: ${OWNERS}: Only one reference can have Controller set to true. Found "true" in references for Deployment/a and StatefulSet/c`),
    ]],
    // pkg/apis/batch/validation/validation.go validateTimeZone: EqualFold "Local", then time.LoadLocation
    ['CronJob timeZone "local": not explicit, and not a zone Go knows', cronJob({ timeZone: 'local' }), [
      v('api/cronjob', 'spec.timeZone', 'Invalid value: "local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'),
      v('api/cronjob', 'spec.timeZone', 'Invalid value: "local": unknown time zone local'),
    ]],
    ['CronJob timeZone "Local": only not explicit', cronJob({ timeZone: 'Local' }), [
      v('api/cronjob', 'spec.timeZone', 'Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'),
    ]],
    ['a valid Deployment stays clean', deployment(), []],
  ];
  test.each(rows)('%s', (_name, obj, expected) => expect(runApiRules(obj)).toEqual(expected));
});
