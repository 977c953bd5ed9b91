import { Duration, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { AppWorkload } from '../workload/app-workload';
import { checkForeignValue } from '../core/copies';
import { ValidationError } from '../core/errors';
import { plus } from '../core/plus';
import { checkInteger } from '../core/validators';
import { checkPropNames } from '../core/prop-names';
import { resolveProps } from '../core/props-resolver';
import { CRON_TASK_PROP_NAMES } from './cron-task-prop-names';
import { ExtendedCronJob } from './cron-task-job';
import { ConcurrencyPolicy, CronTaskProps, JobRestartPolicy } from './cron-task-props';
import { checkTimeZone, Schedule } from './schedule';

/** The longest CronJob name: the controller appends an 11-character suffix to the Job names. */
const MAX_CRON_JOB_NAME = 52;

/**
 * A scheduled task: a CronJob whose pods have the same container options, secure defaults and
 * labels as a `WebApp`, a validated schedule and time zone, and no overlapping runs by default.
 *
 * ```ts
 * new CronTask(chart, 'Cleanup', {
 *   image: Image.of('ghcr.io/acme/shop:2.3.1'),
 *   command: ['./shop', 'cleanup'],
 *   schedule: Schedule.daily(3, 30),
 *   timeZone: 'Europe/Berlin',
 *   activeDeadline: Duration.hours(1),
 * });
 * ```
 */
export class CronTask extends AppWorkload {
  /** The CronJob (escape hatch: `ApiObject.of(cronTask).addJsonPatch(...)`). */
  public readonly cronJob: plus.CronJob;
  /** The schedule. */
  public readonly schedule: Schedule;
  /** The time zone of the schedule, if set. */
  public readonly timeZone?: string;
  /** The concurrency policy. */
  public readonly concurrencyPolicy: ConcurrencyPolicy;
  /** Finished successful jobs kept. */
  public readonly successfulJobsHistoryLimit: number;
  /** Finished failed jobs kept. */
  public readonly failedJobsHistoryLimit: number;
  /** How late a missed run may still start. */
  public readonly startingDeadline: Duration;
  /** The longest a run may take, if limited. */
  public readonly activeDeadline?: Duration;
  /** Retries before a run is marked failed. */
  public readonly backoffLimit: number;
  /** The pod restart policy. */
  public readonly restartPolicy: JobRestartPolicy;
  /** Whether the CronJob is created suspended. */
  public readonly suspend: boolean;

  constructor(scope: Construct, id: string, props: CronTaskProps) {
    checkPropNames(scope, id, props, CRON_TASK_PROP_NAMES);
    props = resolveProps(scope, id, new.target, props, { propNames: CRON_TASK_PROP_NAMES.names, ownImage: true });
    let settings!: CronTaskSettings;
    super(scope, id, { ...props, spread: props.spread ?? false }, {
      component: 'cron-task',
      defaultPorts: [],
      createWorkload: (self, pod) => {
        settings = resolveSettings(self, props);
        const name = pod.metadata.name ?? Names.toDnsLabel(self, { maxLen: MAX_CRON_JOB_NAME });
        if (name.length > MAX_CRON_JOB_NAME) {
          throw new ValidationError(self, `'metadata.name' (${JSON.stringify(name)}) is ${name.length} characters long; a CronJob name `
            + `must be at most ${MAX_CRON_JOB_NAME} characters (the controller appends an 11-character suffix to its Job names)`);
        }
        return new ExtendedCronJob(self, 'Resource', {
          metadata: { ...pod.metadata, name },
          serviceAccount: pod.serviceAccount,
          automountServiceAccountToken: false,
          securityContext: pod.securityContext,
          restartPolicy: settings.restartPolicy as unknown as plus.RestartPolicy,
          timeZone: settings.timeZone,
          concurrencyPolicy: settings.concurrencyPolicy as unknown as plus.ConcurrencyPolicy,
          successfulJobsRetained: settings.successfulJobsHistoryLimit,
          failedJobsRetained: settings.failedJobsHistoryLimit,
          activeDeadline: settings.activeDeadline,
          backoffLimit: settings.backoffLimit,
          suspend: settings.suspend,
        }, pod.extras, {
          schedule: settings.schedule.expressionString,
          startingDeadlineSeconds: settings.startingDeadline.toSeconds(),
        });
      },
    });
    this.cronJob = this._workload as plus.CronJob;
    this.schedule = settings.schedule;
    this.timeZone = settings.timeZone;
    this.concurrencyPolicy = settings.concurrencyPolicy;
    this.successfulJobsHistoryLimit = settings.successfulJobsHistoryLimit;
    this.failedJobsHistoryLimit = settings.failedJobsHistoryLimit;
    this.startingDeadline = settings.startingDeadline;
    this.activeDeadline = settings.activeDeadline;
    this.backoffLimit = settings.backoffLimit;
    this.restartPolicy = settings.restartPolicy;
    this.suspend = settings.suspend;
  }
}

/** CronTask settings after defaults. */
interface CronTaskSettings {
  readonly schedule: Schedule;
  readonly timeZone?: string;
  readonly concurrencyPolicy: ConcurrencyPolicy;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  readonly startingDeadline: Duration;
  readonly activeDeadline?: Duration;
  readonly backoffLimit: number;
  readonly restartPolicy: JobRestartPolicy;
  readonly suspend: boolean;
}

/** Resolves the defaults of the CronJob settings and validates them (throws on `scope`). */
function resolveSettings(scope: Construct, props: CronTaskProps): CronTaskSettings {
  if (!(props.schedule instanceof Schedule)) {
    throw new ValidationError(scope, `'schedule' (${JSON.stringify(props.schedule)}) must be a Schedule: `
      + 'use Schedule.expression(\'30 2 * * *\'), Schedule.daily(2, 30) or Schedule.cron({...})');
  }
  props.schedule._validate(scope, 'schedule');
  if (props.timeZone !== undefined) {
    checkTimeZone(scope, 'timeZone', props.timeZone);
  }
  const concurrencyPolicy = props.concurrencyPolicy ?? ConcurrencyPolicy.FORBID;
  if (!Object.values(ConcurrencyPolicy).includes(concurrencyPolicy)) {
    throw new ValidationError(scope, `'concurrencyPolicy' (${JSON.stringify(concurrencyPolicy)}) is unknown: `
      + 'use ConcurrencyPolicy.ALLOW, FORBID or REPLACE');
  }
  const restartPolicy = props.restartPolicy ?? JobRestartPolicy.NEVER;
  if (!Object.values(JobRestartPolicy).includes(restartPolicy)) {
    throw new ValidationError(scope, `'restartPolicy' (${JSON.stringify(restartPolicy)}) is not allowed for a job: `
      + 'use JobRestartPolicy.NEVER or ON_FAILURE');
  }
  const successfulJobsHistoryLimit = props.successfulJobsHistoryLimit ?? 3;
  checkInteger(scope, 'successfulJobsHistoryLimit', successfulJobsHistoryLimit, 0);
  const failedJobsHistoryLimit = props.failedJobsHistoryLimit ?? 1;
  checkInteger(scope, 'failedJobsHistoryLimit', failedJobsHistoryLimit, 0);
  const backoffLimit = props.backoffLimit ?? 6;
  checkInteger(scope, 'backoffLimit', backoffLimit, 0);
  const startingDeadline = props.startingDeadline ?? Duration.minutes(5);
  const startingSeconds = wholeSeconds(scope, 'startingDeadline', startingDeadline);
  if (startingSeconds < 10) {
    throw new ValidationError(scope, `'startingDeadline' (${startingSeconds}s) must be at least 10 seconds: `
      + 'the CronJob controller may not start a run in time with a shorter deadline');
  }
  if (props.activeDeadline !== undefined) {
    const activeSeconds = wholeSeconds(scope, 'activeDeadline', props.activeDeadline);
    if (activeSeconds < 1) {
      throw new ValidationError(scope, `'activeDeadline' (${activeSeconds}s) must be at least 1 second; leave it out for no limit`);
    }
  }
  return {
    schedule: props.schedule,
    timeZone: props.timeZone,
    concurrencyPolicy,
    successfulJobsHistoryLimit,
    failedJobsHistoryLimit,
    startingDeadline,
    activeDeadline: props.activeDeadline,
    backoffLimit,
    restartPolicy,
    suspend: props.suspend ?? false,
  };
}

/** The duration in whole seconds; throws when it is not a Duration of whole seconds. */
function wholeSeconds(scope: Construct, prop: string, duration: Duration): number {
  if (!(duration instanceof Duration)) {
    checkForeignValue(scope, duration, Duration, 'cdk8s');
    throw new ValidationError(scope, `'${prop}' must be a Duration, e.g. Duration.minutes(5)`);
  }
  const seconds = duration.toSeconds({ integral: false });
  if (!Number.isInteger(seconds)) {
    throw new ValidationError(scope, `'${prop}' (${seconds}s) must be a whole number of seconds`);
  }
  return seconds;
}
