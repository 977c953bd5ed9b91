/**
 * Cron schedules as a 1.28 CronJob parses them: robfig/cron v3 `ParseStandard` (5 fields, month and
 * weekday names, `*`/`?`, lists, ranges, steps, descriptors and `@every <duration>`, optional
 * `TZ=`/`CRON_TZ=` prefix). Errors carry the parser's own text, which the API server returns as
 * `Invalid value`.
 */
import { isKnownTimeZone } from './time-zone';

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: readonly Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: WEEKDAYS },
];
const DESCRIPTORS: ReadonlySet<string> = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const ATOI_RE = /^[+-]?[0-9]+$/;
const DURATION_UNITS: ReadonlySet<string> = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

/** The result of parsing a schedule: an error text, or the time zone prefix it carried. */
export interface CronParseResult {
  /** The parser's error text, undefined when the schedule is valid. */
  readonly error?: string;
  /** The zone of a `TZ=`/`CRON_TZ=` prefix, when present. */
  readonly timeZonePrefix?: string;
}

/** Go's `strconv.Atoi` followed by robfig's non-negative check. */
function mustParseInt(expr: string): number | string {
  if (!ATOI_RE.test(expr)) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`;
  }
  const num = Number(expr);
  if (!Number.isSafeInteger(num)) {
    return `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: value out of range`;
  }
  if (num < 0) {
    return `negative number (${num}) not allowed: ${expr}`;
  }
  return num;
}

function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): number | string {
  const named = names?.[expr.toLowerCase()];
  return named !== undefined && Object.prototype.hasOwnProperty.call(names, expr.toLowerCase()) ? named : mustParseInt(expr);
}

function checkRange(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min;
    end = r.max;
  } else {
    const s = parseIntOrName(lowAndHigh[0], r.names);
    if (typeof s === 'string') {
      return s;
    }
    start = s;
    if (lowAndHigh.length === 1) {
      end = start;
    } else if (lowAndHigh.length === 2) {
      const e = parseIntOrName(lowAndHigh[1], r.names);
      if (typeof e === 'string') {
        return e;
      }
      end = e;
    } else {
      return `too many hyphens: ${expr}`;
    }
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    const st = mustParseInt(rangeAndStep[1]);
    if (typeof st === 'string') {
      return st;
    }
    step = st;
    if (lowAndHigh.length === 1) {
      end = r.max;
    }
  } else if (rangeAndStep.length > 2) {
    return `too many slashes: ${expr}`;
  }
  if (start < r.min) {
    return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  }
  if (end > r.max) {
    return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  }
  if (start > end) {
    return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  }
  if (step === 0) {
    return `step of range should be a positive number: ${expr}`;
  }
  return undefined;
}

/** Go's `time.ParseDuration` error text for `text`, or undefined when it parses. */
export function goDurationError(text: string): string | undefined {
  const quoted = JSON.stringify(text);
  let s = text;
  if (s.startsWith('+') || s.startsWith('-')) {
    s = s.slice(1);
  }
  if (s === '0') {
    return undefined;
  }
  if (s === '') {
    return `time: invalid duration ${quoted}`;
  }
  while (s !== '') {
    const num = /^([0-9]*)(\.[0-9]*)?/.exec(s)!;
    if (num[0] === '' || num[0] === '.') {
      return `time: invalid duration ${quoted}`;
    }
    s = s.slice(num[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') {
      return `time: missing unit in duration ${quoted}`;
    }
    if (!DURATION_UNITS.has(unit)) {
      return `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`;
    }
    s = s.slice(unit.length);
  }
  return undefined;
}

/** Parses a schedule like a 1.28 CronJob does. */
export function parseCronSchedule(schedule: string): CronParseResult {
  if (schedule.length === 0) {
    return { error: 'empty spec string' };
  }
  let spec = schedule;
  let timeZonePrefix: string | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const zone = space < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, space);
    timeZonePrefix = zone;
    if (zone !== '' && zone !== 'UTC' && zone !== 'Local' && !isKnownTimeZone(zone)) {
      return { error: `provided bad location ${zone}: unknown time zone ${zone}`, timeZonePrefix };
    }
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) {
      return { timeZonePrefix };
    }
    if (spec.startsWith('@every ')) {
      const err = goDurationError(spec.slice('@every '.length));
      return err ? { error: `failed to parse duration ${spec}: ${err}`, timeZonePrefix } : { timeZonePrefix };
    }
    return { error: `unrecognized descriptor: ${spec}`, timeZonePrefix };
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== FIELDS.length) {
    return { error: `expected exactly ${FIELDS.length} fields, found ${fields.length}: [${fields.join(' ')}]`, timeZonePrefix };
  }
  for (let i = 0; i < FIELDS.length; i++) {
    for (const expr of fields[i].split(',')) {
      if (expr === '') {
        continue;
      }
      const err = checkRange(expr, FIELDS[i]);
      if (err) {
        return { error: err, timeZonePrefix };
      }
    }
  }
  return { timeZonePrefix };
}
