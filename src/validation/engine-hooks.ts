/**
 * Glue between the engine and the rest of the library: the synth validation hook and turning
 * charts, apps or plain objects into {@link SourcedObject}s.
 */
import { App, Chart } from 'cdk8s';
import { synthesizeApp } from '../synth/synthesize';
import type { SynthValidator } from '../synth/synthesize';
import { ValidationConfig, ValidationOptions } from './config';
import { ExternalObjectRef } from './rule';
import { validate } from './engine';
import { findingText, objectLabel } from './report/format';
import { Finding, KubeObject, Severity, SourcedObject } from './types';

/** What can be validated directly: a chart, an app, objects, or objects with sources. */
export type ValidationTarget = Chart | App | readonly KubeObject[] | readonly SourcedObject[];

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
 * The objects of a target with their sources. Charts and apps are synthesized in memory (construct
 * validations run and throw a `SynthError` when they fail); a chart yields only its own objects.
 */
export function sourcedObjectsOf(target: ValidationTarget): SourcedObject[] {
  if (target instanceof Chart) {
    const result = synthesizeApp(App.of(target));
    return result.charts.filter((c) => c.chart === target).flatMap((c) => [...c.objects]);
  }
  if (target instanceof App) return [...synthesizeApp(target).objects];
  if (!Array.isArray(target)) {
    throw new TypeError(`cannot validate ${describeTarget(target)}: pass a Chart, an App, or an array of Kubernetes objects`);
  }
  return (target as readonly (KubeObject | SourcedObject)[]).map((item, index) => isSourced(item)
    ? item
    : { object: item, source: { constructPath: `objects[${index}]` } });
}

function isSourced(item: KubeObject | SourcedObject): item is SourcedObject {
  return typeof item === 'object' && item !== null && 'object' in item && 'source' in item && !('kind' in item);
}

function describeTarget(target: unknown): string {
  if (target === null) return 'null';
  if (typeof target === 'object') return `an object of type ${(target as object).constructor?.name ?? 'Object'}`;
  return `a ${typeof target}`;
}
