import { IConstruct } from 'constructs';
import { ValidationError } from '../common/errors';

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
    return new Schedule([
      options.minute ?? '0', options.hour ?? '*', options.day ?? '*', options.month ?? '*', options.weekDay ?? '*',
    ].join(' '));
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
    const problem = scheduleProblem(this.expressionString);
    if (problem) {
      throw new ValidationError(scope, `'${prop}' (${JSON.stringify(this.expressionString)}) is not a valid cron schedule: ${problem}`);
    }
  }
}

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const GO_DURATION = /^(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$/;

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: string[];
  readonly nameBase?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day of week', min: 0, max: 6, names: DAYS, nameBase: 0 },
];

/**
 * The reason `expression` is not a standard cron schedule, or undefined when it is valid.
 *
 * @internal
 */
export function scheduleProblem(expression: string): string | undefined {
  if (typeof expression !== 'string' || expression.trim() === '') {
    return 'the schedule is empty';
  }
  const trimmed = expression.trim();
  if (trimmed.includes('TZ')) {
    return 'a TZ= or CRON_TZ= prefix is not allowed (rejected from Kubernetes 1.29); set \'timeZone\' instead';
  }
  if (trimmed.startsWith('@')) {
    return descriptorProblem(trimmed);
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) {
    return `expected exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`;
  }
  for (const [index, field] of fields.entries()) {
    const problem = fieldProblem(field, FIELDS[index]);
    if (problem) {
      return problem;
    }
  }
  return undefined;
}

function descriptorProblem(value: string): string | undefined {
  if (DESCRIPTORS.includes(value.toLowerCase())) {
    return undefined;
  }
  const every = /^@every\s+(\S+)$/i.exec(value);
  if (every) {
    const duration = every[1];
    if (!GO_DURATION.test(duration) || !/[1-9]/.test(duration)) {
      return `'@every' needs a positive duration such as '90s', '15m' or '1h30m', got ${JSON.stringify(duration)}`;
    }
    return undefined;
  }
  return `unknown descriptor; use one of ${DESCRIPTORS.join(', ')} or '@every <duration>'`;
}

function fieldProblem(field: string, spec: FieldSpec): string | undefined {
  for (const part of field.split(',')) {
    const problem = rangeProblem(part, spec);
    if (problem) {
      return `${spec.name} field ${JSON.stringify(field)}: ${problem}`;
    }
  }
  return undefined;
}

function rangeProblem(part: string, spec: FieldSpec): string | undefined {
  const [range, step, ...extra] = part.split('/');
  if (extra.length > 0) {
    return `too many '/' in ${JSON.stringify(part)}`;
  }
  let start: number;
  let end: number;
  if (range === '*' || range === '?') {
    start = spec.min;
    end = spec.max;
  } else {
    const bounds = range.split('-');
    if (bounds.length > 2) {
      return `too many '-' in ${JSON.stringify(part)}`;
    }
    const values: number[] = [];
    for (const bound of bounds) {
      const value = parseValue(bound, spec);
      if (value === undefined) {
        const names = spec.names ? ` or a name (${spec.names[0]}-${spec.names[spec.names.length - 1]})` : '';
        return `${JSON.stringify(bound)} is not a number${names}`;
      }
      values.push(value);
    }
    start = values[0];
    end = values.length === 2 ? values[1] : (step !== undefined ? spec.max : start);
    if (start < spec.min || start > spec.max || end < spec.min || end > spec.max) {
      return `${JSON.stringify(range)} is out of range ${spec.min}-${spec.max}`;
    }
    if (start > end) {
      return `range ${JSON.stringify(range)} starts after it ends`;
    }
  }
  if (step !== undefined) {
    if (!/^\d+$/.test(step) || Number(step) === 0) {
      return `step ${JSON.stringify(step)} must be a positive integer`;
    }
  }
  return undefined;
}

function parseValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return index >= 0 ? index + (spec.nameBase ?? 0) : undefined;
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
  if (typeof timeZone !== 'string' || !(timeZone === 'UTC' || knownTimeZones().has(timeZone))) {
    throw new ValidationError(scope, `'${prop}' (${shown}) is not a known IANA time zone: use a name such as 'Europe/Berlin', `
      + '\'America/New_York\' or \'UTC\' (see Intl.supportedValuesOf(\'timeZone\'))');
  }
}

let timeZones: Set<string> | undefined;

function knownTimeZones(): Set<string> {
  timeZones = timeZones ?? new Set(Intl.supportedValuesOf('timeZone'));
  return timeZones;
}
