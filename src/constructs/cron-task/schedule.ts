import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { parseCronSchedule } from '../../validation/rules/common/cron';
import { isKnownTimeZone } from '../../validation/rules/common/time-zone';
import { checkMadeWith, propNamesOf, withOptions } from '../core/prop-names';

/** Options of `Schedule.cron`: each field is a cron field expression. */
export interface CronOptions {
  /**
   * Minute (0-59).
   * @default '0'
   */
  readonly minute?: string;
  /**
   * Hour (0-23).
   * @default '*'
   */
  readonly hour?: string;
  /**
   * Day of the month (1-31).
   * @default '*'
   */
  readonly day?: string;
  /**
   * Month (1-12 or JAN-DEC).
   * @default '*'
   */
  readonly month?: string;
  /**
   * Day of the week (0-6 or SUN-SAT, 0 = Sunday).
   * @default '*'
   */
  readonly weekDay?: string;
}

const CRON_NAMES = propNamesOf<CronOptions>('CronOptions', { minute: true, hour: true, day: true, month: true, weekDay: true });

/**
 * When a `CronTask` runs: a cron expression in the format the Kubernetes CronJob controller
 * parses (robfig/cron, standard mode).
 *
 * Five fields `minute hour day-of-month month day-of-week` with `*`, `?`, lists (`1,15`), ranges
 * (`1-5`), steps (`0-30/10`, `5/10`, and `*` with a step) and month/day names (`JAN`, `MON-FRI`), or one of
 * the descriptors `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`,
 * `@hourly`, `@every <duration>` (e.g. `@every 1h30m`). The expression is checked by the
 * `CronTask` that receives it.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
 */
export class Schedule {
  /** A cron expression or descriptor, e.g. `'30 2 * * *'` or `'@daily'`. */
  public static expression(expression: string): Schedule {
    return new Schedule(expression);
  }

  /** A cron expression from its fields; unset fields are `*` (minute: `0`). */
  public static cron(options: CronOptions): Schedule {
    return withOptions(new Schedule([
      options.minute ?? '0', options.hour ?? '*', options.day ?? '*', options.month ?? '*', options.weekDay ?? '*',
    ].join(' ')), options, CRON_NAMES);
  }

  /** Every day at `hour`:`minute` (in the CronTask's time zone). */
  public static daily(hour: number, minute: number = 0): Schedule {
    return new Schedule(`${minute} ${hour} * * *`);
  }

  /** Every hour at `minute`. */
  public static hourly(minute: number = 0): Schedule {
    return new Schedule(`${minute} * * * *`);
  }

  private constructor(
    /** The expression, as rendered into `spec.schedule`. */
    public readonly expressionString: string) {
  }

  /**
   * Checks the expression like the CronJob controller's parser; throws on `scope` for `prop`.
   *
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    checkMadeWith(scope, prop, this);
    const problem = scheduleProblem(this.expressionString);
    if (problem) {
      throw new ValidationError(scope, `'${prop}' (${JSON.stringify(this.expressionString)}) is not a valid cron schedule: ${problem}`);
    }
  }
}

/**
 * The reason `expression` is not a schedule the CronJob controller accepts, or undefined when it
 * is valid. The check is the validation engine's robfig/cron parser, so a schedule the construct
 * accepts is one the API server accepts; a `TZ=` prefix is refused (1.29 rejects it).
 *
 * @internal
 */
export function scheduleProblem(expression: string): string | undefined {
  if (typeof expression !== 'string' || expression.trim() === '') {
    return 'the schedule is empty';
  }
  const result = parseCronSchedule(expression.trim());
  if (result.timeZonePrefix !== undefined) {
    return 'a TZ= or CRON_TZ= prefix is not allowed (rejected from Kubernetes 1.29); set \'timeZone\' instead';
  }
  return result.error;
}

/**
 * Throws unless `timeZone` is an IANA time zone known to the runtime (`Intl.supportedValuesOf`)
 * or `UTC`; `Local` is rejected like the API server does.
 *
 * @internal
 */
export function checkTimeZone(scope: IConstruct, prop: string, timeZone: string): void {
  const shown = JSON.stringify(timeZone);
  if (typeof timeZone === 'string' && timeZone.toLowerCase() === 'local') {
    throw new ValidationError(scope, `'${prop}' (${shown}) must be an explicit IANA time zone such as 'Europe/Berlin' or 'UTC'; `
      + '\'Local\' depends on the kube-controller-manager host');
  }
  if (typeof timeZone !== 'string' || !isKnownTimeZone(timeZone)) {
    throw new ValidationError(scope, `'${prop}' (${shown}) is not a known IANA time zone: use a name such as 'Europe/Berlin', `
      + '\'America/New_York\' or \'UTC\' (see Intl.supportedValuesOf(\'timeZone\'))');
  }
}
