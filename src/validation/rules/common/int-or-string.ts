/**
 * Validators for `IntOrString` fields: port number-or-name and int-or-percent values.
 *
 * Source (1.28): kubernetes/kubernetes `pkg/apis/core/validation/validation.go`
 * (`ValidatePortNumOrName`) and `pkg/apis/apps/validation/validation.go` (`ValidatePositiveIntOrPercent`,
 * `IsNotMoreThan100Percent`).
 */
import { Violation } from '../../types';
import { invalid, invalidEach, readInt32 } from './field';
import { isValidPercent, isValidPortName, isValidPortNum } from './names';

/** A port given as a number 1..65535 or an IANA_SVC_NAME (`ValidatePortNumOrName`). */
export function validatePortNumOrName(out: Violation[], value: unknown, path: string): void {
  if (typeof value === 'number') {
    const n = readInt32(out, value, path);
    if (n !== undefined) {
      invalidEach(out, path, n, isValidPortNum(n));
    }
  } else if (typeof value === 'string') {
    invalidEach(out, path, value, isValidPortName(value));
  }
}

/** The percent of a `"<n>%"` string, or undefined. */
export function percentValue(value: string): number | undefined {
  return /^[0-9]+%$/.test(value) ? Number(value.slice(0, -1)) : undefined;
}

/**
 * A non-negative integer or a percent string (`ValidatePositiveIntOrPercent`). A quoted number such as
 * `"1"` is a string, so it must be a percent and fails.
 */
export function validateNonNegativeIntOrPercent(out: Violation[], value: unknown, path: string): void {
  if (typeof value === 'string') {
    invalidEach(out, path, value, isValidPercent(value));
  } else if (typeof value === 'number') {
    const n = readInt32(out, value, path);
    if (n !== undefined && n < 0) {
      out.push(invalid(path, n, 'must be greater than or equal to 0'));
    }
  }
}

/** A percent string must not exceed 100% (`IsNotMoreThan100Percent`). */
export function validateNotMoreThan100Percent(out: Violation[], value: unknown, path: string): void {
  if (typeof value === 'string') {
    const p = percentValue(value);
    if (p !== undefined && p > 100) {
      out.push(invalid(path, value, 'must not be greater than 100%'));
    }
  }
}

/** True when an int-or-percent value is zero (`0` or `"0%"`). */
export function isZeroIntOrPercent(value: unknown): boolean {
  return value === 0 || (typeof value === 'string' && percentValue(value) === 0);
}
