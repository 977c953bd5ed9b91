/**
 * Glue between the engine and the rest of the library: the synth validation hook and turning
 * charts, apps or plain objects into {@link SourcedObject}s.
 */
import type { SynthValidator } from '../synth/synthesize';
import { ValidationConfig, ValidationOptions } from './config';
import { ExternalObjectRef } from './rule';
import { validate } from './engine';
import { validationInput, ValidationTarget } from './engine-target';
import { findingText, objectLabel } from './report/format';
import { Finding, Severity, SourcedObject } from './types';

export type { ValidationTarget } from './engine-target';

/**
 * Creates the validation hook of the synth pipeline: error findings fail the synth, warnings are
 * printed, info findings are dropped.
 *
 * The hook carries the settings it validates with (level, Pod Security profile, strictness, rule
 * severities, external objects), so synth records them in the validation config file of each
 * output folder and `cdk8s-patterns validate dist/` checks with the same ones. A custom `ruleSet`
 * cannot be written to that file: the CLI runs the built-in rules.
 *
 * @example
 * runSynthEntryPoint((app) => { new WebChart(app, 'web'); }, { validate: synthValidator() });
 */
export function synthValidator(options: ValidationOptions = {}): SynthValidator {
  const hook = (objects: readonly SourcedObject[], context: { readonly external?: readonly ExternalObjectRef[] } | undefined) => {
    const external = [...(options.external ?? []), ...(context?.external ?? [])];
    const report = validate(objects, { ...options, external });
    return {
      errors: report.findings.filter((f) => f.severity === Severity.ERROR).map(synthMessage),
      warnings: report.findings.filter((f) => f.severity === Severity.WARNING).map(synthMessage),
    };
  };
  const { level, podSecurity, strict, rules, external } = options;
  const settings: ValidationConfig = {
    ...(level === undefined ? {} : { level }),
    ...(podSecurity === undefined ? {} : { podSecurity }),
    ...(strict === undefined ? {} : { strict }),
    ...(rules === undefined ? {} : { rules }),
    ...(external === undefined ? {} : { external }),
  };
  return Object.assign(hook, { settings });
}

/** `[construct/path] Kind ns/name: field: message [rule]`, the synth pipeline's problem format. */
export function synthMessage(finding: Finding): string {
  const where = finding.constructPath ?? (finding.file === undefined ? undefined : `${finding.file}${finding.line === undefined ? '' : `:${finding.line}`}`);
  return `${where === undefined ? '' : `[${where}] `}${objectLabel(finding.object)}: ${findingText(finding)} [${finding.rule}]`;
}

/**
 * The objects of a target with their sources, as `validate()` reads them. Charts and apps are
 * synthesized in memory (construct validations run and throw a `SynthError` when they fail); a
 * chart yields only its own objects. Plain objects get their position (`objects[3]`) as source.
 *
 * The external objects the target declares are not part of the result: pass the target itself
 * to `validate()` to apply them.
 *
 * @throws ValidationTargetError when `target` is neither a chart, an app nor an array
 */
export function sourcedObjectsOf(target: ValidationTarget): SourcedObject[] {
  return [...validationInput(target).objects];
}
