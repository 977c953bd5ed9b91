import { ApiObject, Chart, Duration, Testing } from 'cdk8s';
import { Image } from '../../src/constructs/pod/image';
import {
  ConcurrencyPolicy, CronTask, CronTaskProps, JobRestartPolicy, Schedule,
} from '../../src/constructs/cron-task';
import { scheduleProblem } from '../../src/constructs/cron-task/schedule';
import { kubeYamlSerializer } from '../../src/testing';
import { podSpecsOf, pssRestrictedViolations } from './pss-restricted';

expect.addSnapshotSerializer(kubeYamlSerializer);

const IMAGE = Image.of('ghcr.io/acme/shop:2.3.1');
const NIGHTLY = Schedule.daily(2, 30);

function synthTask(props: Partial<CronTaskProps> = {}, id = 'Cleanup'): { chart: Chart; task: CronTask; manifests: any[] } {
  const chart = Testing.chart();
  const task = new CronTask(chart, id, { image: IMAGE, schedule: NIGHTLY, ...props });
  return { chart, task, manifests: Testing.synth(chart) };
}

function cronJobOf(manifests: any[]): any {
  return manifests.find(m => m.kind === 'CronJob');
}

describe('CronTask snapshots', () => {
  test('defaults', () => {
    expect(synthTask().manifests).toMatchSnapshot();
  });

  test('every setting', () => {
    // GIVEN every CronTask-specific prop (a new prop breaks the build until it is set here)
    const all: Required<Omit<CronTaskProps, keyof import('../../src/constructs/workload/workload-props').WorkloadProps>>
      & Pick<CronTaskProps, 'image' | 'command' | 'spread' | 'component'> = {
      image: IMAGE,
      command: ['./shop', 'reindex'],
      schedule: Schedule.expression('*/15 8-18 * * MON-FRI'),
      timeZone: 'Europe/Berlin',
      concurrencyPolicy: ConcurrencyPolicy.REPLACE,
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 2,
      startingDeadline: Duration.minutes(2),
      activeDeadline: Duration.minutes(30),
      backoffLimit: 1,
      restartPolicy: JobRestartPolicy.ON_FAILURE,
      suspend: true,
      spread: true,
      component: 'indexer',
    };
    // WHEN / THEN
    expect(synthTask(all).manifests).toMatchSnapshot();
  });

  test('descriptor schedule with config', () => {
    expect(synthTask({ schedule: Schedule.expression('@hourly'), config: { MODE: 'full' } }).manifests).toMatchSnapshot();
  });
});

describe('CronTask defaults', () => {
  test('renders a ServiceAccount and a CronJob', () => {
    const { task, manifests } = synthTask();
    expect(manifests.map(m => m.kind)).toEqual(['ServiceAccount', 'CronJob']);
    expect(ApiObject.of(task).kind).toBe('CronJob');
    expect(task.cronJob.name).toBe(cronJobOf(manifests).metadata.name);
  });

  test('CronJob spec defaults', () => {
    const { task, manifests } = synthTask();
    const spec = cronJobOf(manifests).spec;
    expect(spec).toMatchObject({
      schedule: '30 2 * * *',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      startingDeadlineSeconds: 300,
      suspend: false,
    });
    expect(spec.timeZone).toBeUndefined();
    expect(spec.jobTemplate.spec.backoffLimit).toBe(6);
    expect(spec.jobTemplate.spec.activeDeadlineSeconds).toBeUndefined();
    expect(task.concurrencyPolicy).toBe(ConcurrencyPolicy.FORBID);
    expect(task.startingDeadline.toSeconds()).toBe(300);
    expect(task.backoffLimit).toBe(6);
    expect(task.restartPolicy).toBe(JobRestartPolicy.NEVER);
  });

  test('the job template never sets ttlSecondsAfterFinished', () => {
    const jobSpec = cronJobOf(synthTask({ activeDeadline: Duration.hours(1) }).manifests).spec.jobTemplate.spec;
    expect(Object.keys(jobSpec)).not.toContain('ttlSecondsAfterFinished');
    expect(jobSpec.activeDeadlineSeconds).toBe(3600);
  });

  test('pod: restartPolicy Never, component cron-task, no spread, no probes, no token', () => {
    const template = cronJobOf(synthTask().manifests).spec.jobTemplate.spec.template;
    expect(template.spec.restartPolicy).toBe('Never');
    expect(template.metadata.labels['app.kubernetes.io/component']).toBe('cron-task');
    expect(template.spec.topologySpreadConstraints).toBeUndefined();
    expect(template.spec.containers[0].readinessProbe).toBeUndefined();
    expect(template.spec.containers[0].livenessProbe).toBeUndefined();
    expect(template.spec.automountServiceAccountToken).toBe(false);
  });

  test('the CronJob name is at most 52 characters, even for long construct paths', () => {
    const { manifests } = synthTask({}, 'ANightlyTaskWithAVeryLongConstructIdThatGoesOnAndOn');
    const name = cronJobOf(manifests).metadata.name;
    expect(name.length).toBeLessThanOrEqual(52);
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  test('pods pass PSS restricted', () => {
    const specs = podSpecsOf(synthTask({ restartPolicy: JobRestartPolicy.ON_FAILURE }).manifests);
    expect(specs.map(s => s.kind)).toEqual(['CronJob']);
    expect(pssRestrictedViolations(specs[0].spec)).toEqual([]);
  });
});

describe('CronTask props', () => {
  test('time zone and UTC', () => {
    expect(cronJobOf(synthTask({ timeZone: 'America/New_York' }).manifests).spec.timeZone).toBe('America/New_York');
    expect(cronJobOf(synthTask({ timeZone: 'UTC' }).manifests).spec.timeZone).toBe('UTC');
  });

  test('Schedule factories', () => {
    expect(Schedule.daily(3).expressionString).toBe('0 3 * * *');
    expect(Schedule.hourly(15).expressionString).toBe('15 * * * *');
    expect(Schedule.cron({ minute: '*/5', weekDay: 'MON-FRI' }).expressionString).toBe('*/5 * * * MON-FRI');
    expect(cronJobOf(synthTask({ schedule: Schedule.expression('@every 1h30m') }).manifests).spec.schedule).toBe('@every 1h30m');
  });

  test('restartPolicy OnFailure is rendered on the pod', () => {
    const template = cronJobOf(synthTask({ restartPolicy: JobRestartPolicy.ON_FAILURE }).manifests).spec.jobTemplate.spec.template;
    expect(template.spec.restartPolicy).toBe('OnFailure');
  });

  test('metadata.name is used for the CronJob', () => {
    const { manifests } = synthTask({ metadata: { name: 'cleanup' } });
    expect(cronJobOf(manifests).metadata.name).toBe('cleanup');
  });
});

describe('cron schedule rules (robfig/cron standard, the same parser as the validation engine)', () => {
  test.each([
    '* * * * *', '0 0 * * *', '*/15 * * * *', '0-30/10 * * * *', '5/10 * * * *', '0 9-17 * * 1-5', '0 0 1,15 * *',
    '0 0 1 jan *', '0 0 * JAN-MAR SUN', '0 0 ? * mon', '59 23 31 12 6', '@yearly', '@annually', '@monthly', '@weekly',
    '@daily', '@midnight', '@hourly', '@every 90s', '@every 1h30m', '@every 1.5h', '@every 0s',
  ])('accepts %s', expression => {
    expect(scheduleProblem(expression)).toBeUndefined();
  });

  test.each([
    ['', 'the schedule is empty'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['0 * * * * *', 'expected exactly 5 fields, found 6: [0 * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['* * * * MON-FUN', 'failed to parse int from FUN: strconv.Atoi: parsing "FUN": invalid syntax'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['30-10 * * * *', 'beginning of range (30) beyond end of range (10): 30-10'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['0 0 L * *', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
    ['0 0 * * 1#2', 'failed to parse int from 1#2: strconv.Atoi: parsing "1#2": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@EVERY 1h', 'unrecognized descriptor: @EVERY 1h'],
    ['@every 1d', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['CRON_TZ=UTC 0 0 * * *', 'a TZ= or CRON_TZ= prefix is not allowed (rejected from Kubernetes 1.29); set \'timeZone\' instead'],
  ])('rejects %j', (expression, problem) => {
    expect(scheduleProblem(expression)).toBe(problem);
  });
});

describe('CronTask errors', () => {
  test('invalid schedule names the construct, the prop, the value and the rule', () => {
    expect(() => synthTask({ schedule: Schedule.expression('0 25 * * *') }))
      .toThrow('[test/Cleanup] \'schedule\' ("0 25 * * *") is not a valid cron schedule: end of range (25) above maximum (23): 25');
  });

  test('a schedule that is not a Schedule', () => {
    expect(() => synthTask({ schedule: '0 2 * * *' as unknown as Schedule }))
      .toThrow('[test/Cleanup] \'schedule\' ("0 2 * * *") must be a Schedule: use Schedule.expression(\'30 2 * * *\'), Schedule.daily(2, 30) or Schedule.cron({...})');
  });

  test('unknown time zone', () => {
    expect(() => synthTask({ timeZone: 'Europe/Springfield' }))
      .toThrow('[test/Cleanup] \'timeZone\' ("Europe/Springfield") is not a known IANA time zone: use a name such as \'Europe/Berlin\', '
        + '\'America/New_York\' or \'UTC\' (see Intl.supportedValuesOf(\'timeZone\'))');
  });

  test('Local time zone', () => {
    expect(() => synthTask({ timeZone: 'Local' }))
      .toThrow('[test/Cleanup] \'timeZone\' ("Local") must be an explicit IANA time zone such as \'Europe/Berlin\' or \'UTC\'; '
        + '\'Local\' depends on the kube-controller-manager host');
  });

  test('starting deadline below 10 seconds', () => {
    expect(() => synthTask({ startingDeadline: Duration.seconds(5) }))
      .toThrow('[test/Cleanup] \'startingDeadline\' (5s) must be at least 10 seconds: the CronJob controller may not start a run in time with a shorter deadline');
  });

  test('fractional active deadline', () => {
    expect(() => synthTask({ activeDeadline: Duration.millis(1500) }))
      .toThrow('[test/Cleanup] \'activeDeadline\' (1.5s) must be a whole number of seconds');
  });

  test('negative history limit and backoff limit', () => {
    expect(() => synthTask({ successfulJobsHistoryLimit: -1 }))
      .toThrow('[test/Cleanup] \'successfulJobsHistoryLimit\' (-1) must be a non-negative integer');
    expect(() => synthTask({ failedJobsHistoryLimit: 1.5 }))
      .toThrow('[test/Cleanup] \'failedJobsHistoryLimit\' (1.5) must be a non-negative integer');
    expect(() => synthTask({ backoffLimit: -2 }))
      .toThrow('[test/Cleanup] \'backoffLimit\' (-2) must be a non-negative integer');
  });

  test('restart policy Always is not allowed', () => {
    expect(() => synthTask({ restartPolicy: 'Always' as JobRestartPolicy }))
      .toThrow('[test/Cleanup] \'restartPolicy\' ("Always") is not allowed for a job: use JobRestartPolicy.NEVER or ON_FAILURE');
  });

  test('unknown concurrency policy', () => {
    expect(() => synthTask({ concurrencyPolicy: 'Sometimes' as ConcurrencyPolicy }))
      .toThrow('[test/Cleanup] \'concurrencyPolicy\' ("Sometimes") is unknown: use ConcurrencyPolicy.ALLOW, FORBID or REPLACE');
  });

  test('metadata.name longer than 52 characters', () => {
    const name = 'a'.repeat(53);
    expect(() => synthTask({ metadata: { name } }))
      .toThrow(`[test/Cleanup] 'metadata.name' ("${name}") is 53 characters long; a CronJob name must be at most 52 characters `
        + '(the controller appends an 11-character suffix to its Job names)');
  });
});
