import { ValidationError } from '../../src';

/** The message of the ValidationError `build` throws (fails on any other outcome). */
export function validationError(build: () => unknown): string {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError, nothing was thrown');
}
