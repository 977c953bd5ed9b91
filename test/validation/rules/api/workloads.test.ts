import { STATEFULSET_NOTE } from '../../../../src/validation/rules/api';
import { container, deployment, object, podSpec, runApiRules, Tagged, template, v } from './fixtures';

type Obj = ReturnType<typeof object>;
const D = 'api/deployment';

function job(spec: Record<string, unknown>): Obj {
  return object('Job', 'batch/v1', { spec: { template: template(podSpec({ restartPolicy: 'Never' })), ...spec } }, 'migrate');
}
function cron(spec: Record<string, unknown>, jobSpec: Record<string, unknown> = {}): Obj {
  return object('CronJob', 'batch/v1', {
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template(podSpec({ restartPolicy: 'OnFailure' })), ...jobSpec } }, ...spec },
  }, 'report');
}
function statefulSet(spec: Record<string, unknown>): Obj {
  return object('StatefulSet', 'apps/v1', { spec: { serviceName: 'db', selector: { matchLabels: { app: 'web' } }, template: template(), ...spec } }, 'db');
}

describe('workload rules', () => {
  const rows: Array<[string, Obj, Tagged[]]> = [
    ['valid Deployment', deployment(), []],
    ['selector does not match the template labels', deployment({ selector: { matchLabels: { app: 'api' } } }), [
      v(D, 'spec.template.metadata.labels', 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'),
    ]],
    ['empty selector', deployment({ selector: {} }), [v(D, 'spec.selector', 'Invalid value: map[string]string{}: empty selector is invalid for deployment')]],
    ['bad selector operator', deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] } }), [
      v(D, 'spec.selector.matchExpressions[0].operator', 'Invalid value: "Equals": not a valid selector operator'),
      v(D, 'spec.template.metadata.labels', 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'),
    ]],
    ['negative and fractional replicas', deployment({ replicas: -1, revisionHistoryLimit: 1.5 }), [
      v(D, 'spec.replicas', 'Invalid value: -1: must be greater than or equal to 0'),
      v(D, 'spec.revisionHistoryLimit', 'Invalid value: 1.5: must be an integer'),
    ]],
    ['both rolling-update bounds zero, maxUnavailable over 100%', deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } } }), [
      v(D, 'spec.strategy.rollingUpdate.maxUnavailable', 'Invalid value: "0%": may not be 0 when `maxSurge` is 0'),
    ]],
    ['quoted number is not a percent', deployment({ strategy: { rollingUpdate: { maxUnavailable: '1', maxSurge: '150%' } } }), [
      v(D, 'spec.strategy.rollingUpdate.maxUnavailable', 'Invalid value: "1": a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')'),
    ]],
    ['Recreate with rollingUpdate', deployment({ strategy: { type: 'Recreate', rollingUpdate: {} } }), [
      v(D, 'spec.strategy.rollingUpdate', "Forbidden: may not be specified when strategy `type` is 'Recreate'"),
    ]],
    ['minReadySeconds at or above the defaulted progress deadline', deployment({ minReadySeconds: 600 }), [
      v(D, 'spec.progressDeadlineSeconds', 'Invalid value: 600: must be greater than minReadySeconds'),
    ]],
    ['ReplicaSet with restartPolicy Never', object('ReplicaSet', 'apps/v1', { spec: { selector: { matchLabels: { app: 'web' } }, template: template(podSpec({ restartPolicy: 'Never' })) } }), [
      v('api/replicaset', 'spec.template.spec.restartPolicy', 'Unsupported value: "Never": supported values: "Always"'),
    ]],
    ['DaemonSet with both maxSurge and maxUnavailable', object('DaemonSet', 'apps/v1', { spec: { selector: { matchLabels: { app: 'web' } }, template: template(), updateStrategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } } }), [
      v('api/daemonset', 'spec.updateStrategy.rollingUpdate.maxSurge', 'Invalid value: 1: may not be set when maxUnavailable is non-zero'),
    ]],
    ['StatefulSet policies', statefulSet({ podManagementPolicy: 'Serial', updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }), [
      v('api/statefulset', 'spec.podManagementPolicy', "Invalid value: \"Serial\": must be 'OrderedReady' or 'Parallel'"),
      v('api/statefulset', 'spec.updateStrategy.rollingUpdate', "Invalid value: map[string]interface {}{\"partition\":1}: only allowed for updateStrategy 'RollingUpdate'"),
    ]],
    ['StatefulSet pod template and claims are checked with a note', statefulSet({
      template: template({ containers: [{ name: 'db', volumeMounts: [{ name: 'data', mountPath: '/var/lib/db' }] }] }),
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: {} } } }],
    }), [
      v('api/statefulset-pod-template', 'spec.volumeClaimTemplates[0].spec.resources[storage]', `Required value${STATEFULSET_NOTE}`),
      v('api/statefulset-pod-template', 'spec.template.spec.containers[0].image', `Required value${STATEFULSET_NOTE}`),
    ]],
    ['Job without restartPolicy (defaulted to Always)', object('Job', 'batch/v1', { spec: { template: template() } }), [
      v('api/job', 'spec.template.spec.restartPolicy', 'Required value: valid values: "OnFailure", "Never"'),
    ]],
    ['Job with a selector and no manualSelector', job({ selector: { matchLabels: { app: 'web' } }, completionMode: 'Indexed' }), [
      v('api/job', 'spec.completions', 'Required value: when completion mode is Indexed'),
      v('api/job', 'spec.selector', 'Invalid value: map[string]interface {}{"matchLabels":map[string]string{"app":"web"}}: `selector` not auto-generated'),
    ]],
    ['Job with manualSelector that does not match', job({ manualSelector: true, selector: { matchLabels: { app: 'x' } }, backoffLimit: -1 }), [
      v('api/job', 'spec.backoffLimit', 'Invalid value: -1: must be greater than or equal to 0'),
      v('api/job', 'spec.template.metadata.labels', 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'),
    ]],
    ['valid CronJob', cron({ timeZone: 'Europe/Berlin' }), []],
    ['CronJob schedule, time zone, policy', cron({ schedule: '0 0 * * * *', timeZone: 'Mars/Base', concurrencyPolicy: 'Queue' }), [
      v('api/cronjob', 'spec.schedule', 'Invalid value: "0 0 * * * *": expected exactly 5 fields, found 6: [0 0 * * * *]'),
      v('api/cronjob', 'spec.timeZone', 'Invalid value: "Mars/Base": unknown time zone Mars/Base'),
      v('api/cronjob', 'spec.concurrencyPolicy', 'Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"'),
    ]],
    ['CronJob job template rules', cron({}, { selector: { matchLabels: { app: 'web' } }, template: template() }), [
      v('api/cronjob', 'spec.jobTemplate.spec.template.spec.restartPolicy', 'Required value: valid values: "OnFailure", "Never"'),
      v('api/cronjob', 'spec.jobTemplate.spec.selector', 'Invalid value: map[string]interface {}{"matchLabels":map[string]string{"app":"web"}}: `selector` will be auto-generated'),
    ]],
    ['CronJob TZ prefix is a warning in 1.28, and an error with timeZone', cron({ schedule: 'CRON_TZ=UTC 0 * * * *', timeZone: 'UTC' }), [
      v('api/cronjob', 'spec.schedule', 'Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use both timeZone field and TZ or CRON_TZ in schedule'),
      v('api/cronjob-tz-prefix', 'spec.schedule', 'Invalid value: "CRON_TZ=UTC 0 * * * *": CRON_TZ or TZ used in schedule is not officially supported and is rejected from Kubernetes 1.29; use the timeZone field instead'),
    ]],
  ];
  test.each(rows)('%s', (_name, obj, expected) => {
    expect(runApiRules(obj)).toEqual(expected);
  });

  test('the StatefulSet claim name counts as a pod volume', () => {
    const ss = statefulSet({
      template: template({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/d' }] })] }),
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    });
    expect(runApiRules(ss)).toEqual([]);
  });
});
