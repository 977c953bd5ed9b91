import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkForeignValue } from '../core/copies';
import { ValidationError } from '../core/errors';

/**
 * Duration checks shared by the constructs: cdk8s's `toSeconds()` throws a raw error for a
 * fraction of a second, so every duration a user passes goes through here first.
 *
 * @internal
 */

/** The largest int32, the type of the seconds fields of the Kubernetes API. */
const INT32_MAX = 2147483647;

/**
 * The whole number of seconds in `duration`; throws a `ValidationError` on `scope` for `prop`
 * unless it is a Duration of whole seconds, at least `min`.
 */
export function wholeSeconds(scope: IConstruct, prop: string, duration: unknown, min = 0): number {
  const millis = checkedMillis(scope, prop, duration);
  const seconds = millis / 1000;
  if (!Number.isInteger(seconds)) {
    throw new ValidationError(scope, `'${prop}' (${durationText(millis)}) must be a whole number of seconds`);
  }
  if (seconds > INT32_MAX) {
    throw new ValidationError(scope, `'${prop}' (${durationText(millis)}) must be at most ${INT32_MAX} seconds (about 68 years)`);
  }
  if (seconds < min) {
    throw new ValidationError(scope, `'${prop}' (${durationText(millis)}) must be at least ${min} ${min === 1 ? 'second' : 'seconds'}`);
  }
  return seconds;
}

/** The whole number of milliseconds in `duration`; throws unless it is a Duration of whole milliseconds, at least `min`. */
export function wholeMillis(scope: IConstruct, prop: string, duration: unknown, min = 0): number {
  const millis = checkedMillis(scope, prop, duration);
  if (!Number.isSafeInteger(millis)) {
    throw new ValidationError(scope, `'${prop}' (${durationText(millis)}) must be a whole number of milliseconds`);
  }
  if (millis < min) {
    throw new ValidationError(scope, `'${prop}' (${durationText(millis)}) must be at least ${durationText(min)}`);
  }
  return millis;
}

/** `90000` → `90s`, `1500` → `1500ms`. */
export function durationText(millis: number): string {
  return Number.isInteger(millis) && millis % 1000 === 0 ? `${millis / 1000}s` : `${millis}ms`;
}

function checkedMillis(scope: IConstruct, prop: string, duration: unknown): number {
  if (!(duration instanceof Duration)) {
    checkForeignValue(scope, duration, Duration, 'cdk8s');
    throw new ValidationError(scope, `'${prop}' (${JSON.stringify(duration)}) must be a Duration, e.g. Duration.seconds(30)`);
  }
  return duration.toMilliseconds({ integral: false });
}
