/**
 * Jest matcher `toBeValidKubernetes(options?)`.
 *
 * Setup, either in a test file:
 *
 *     import { validationMatchers } from 'cdk8s-patterns/validation/jest';
 *     expect.extend(validationMatchers);
 *
 * or for every test file, in jest.config.js: `setupFilesAfterEnv: ['cdk8s-patterns/validation/jest']`
 * (loading this module registers the matcher when jest's global `expect` exists).
 *
 * Usage: `expect(chart).toBeValidKubernetes()`, `expect(objects).toBeValidKubernetes({ level: ValidationLevel.API })`.
 *
 * The matcher validates exactly as `validate(received, options)` does, so a chart passes here when
 * `cdk8s-patterns synth` passes it: the external objects its constructs declare (a Secret read with
 * `SecretEnvValue.fromSecretName()`, the TLS Secret cert-manager issues) are applied.
 */
import { ValidationOptions } from './config';
import { validate, ValidationReport } from './engine';
import { ValidationTarget } from './engine-target';
import { formatText } from './report/text';
import { Severity } from './types';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * Passes when the chart, app or objects have no finding at error level.
       * The failure message lists every finding, grouped by object.
       */
      toBeValidKubernetes(options?: ValidationOptions): R;
    }
  }
}

/** The result shape jest expects from a matcher. */
export interface MatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/**
 * Checks a chart, app or objects; passes when there is no error finding.
 *
 * With `.not`, passes when there is at least one error finding.
 */
export function toBeValidKubernetes(received: unknown, options: ValidationOptions = {}): MatcherResult {
  let report: ValidationReport;
  try {
    report = validate(received as ValidationTarget, options);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { pass: false, message: () => `expected valid Kubernetes objects, but they could not be produced:\n${message}` };
  }
  const errors = report.findings.filter((f) => f.severity === Severity.ERROR).length;
  if (report.ok) {
    return {
      pass: true,
      message: () => `expected Kubernetes objects with error findings, but all ${report.objectCount} objects are valid`
        + (report.findings.length > 0 ? `:\n${formatText(report)}` : ''),
    };
  }
  return {
    pass: false,
    message: () => `expected valid Kubernetes objects, but found ${errors} error${errors === 1 ? '' : 's'}:\n\n${formatText(report)}`,
  };
}

/** The matchers, for `expect.extend(validationMatchers)`. */
export const validationMatchers = { toBeValidKubernetes };

const globalExpect = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect;
if (typeof globalExpect?.extend === 'function') globalExpect.extend(validationMatchers);
