/**
 * Splitting a validation run between parse workers and the main thread: workers run the
 * per-object rules on the chunks they parse, the main thread runs the bundle (cross-object)
 * rules once over every object, and the two reports are merged.
 *
 * The split is expressed with severity overrides, so each side runs the same engine with the same
 * options: object rules are turned off on the main side, bundle rules on the worker side, and the
 * per-object engine rules (type meta, suppression annotations) report on the worker side only.
 */
import { ValidationOptions } from '../config';
import { CheckedObject, compareFindings, createValidator, SuppressedFinding, ValidationReport } from '../engine';
import { dropDuplicatesOfBundlePolicyFindings } from '../engine-duplicates';
import { ENGINE_RULES, builtinRules } from '../engine-rules';
import { ValidationPlan } from '../engine-plan';
import { addSchemaDir } from '../schema/registry';
import { Finding, Severity, SourcedObject } from '../types';

/** What a worker needs to validate the objects of its chunks (structured-clone safe). */
export interface WorkerValidation {
  /** The engine options of the whole run (without `ruleSet`, which cannot cross threads). */
  readonly options: ValidationOptions;
  /** Schema folders registered for custom resources (`--schema-dir`). */
  readonly schemaDirs: readonly string[];
  /** Whether the main thread needs the objects back (there are bundle rules to run). */
  readonly returnObjects: boolean;
}

/** The per-object part of a report for one chunk. */
export interface PartialReport {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly objectCount: number;
  readonly objects?: readonly CheckedObject[];
}

/** The options of the worker side: bundle rules off. */
export function objectSideOptions(options: ValidationOptions): ValidationOptions {
  const off: Record<string, Severity> = { ...options.rules };
  for (const rule of options.ruleSet ?? builtinRules()) if (rule.scope === 'bundle') off[rule.id] = Severity.OFF;
  return { ...options, rules: off };
}

/** The options of the main side: object rules and per-object engine rules off. */
export function bundleSideOptions(options: ValidationOptions): ValidationOptions {
  const off: Record<string, Severity> = { ...options.rules };
  for (const rule of options.ruleSet ?? builtinRules()) if (rule.scope !== 'bundle') off[rule.id] = Severity.OFF;
  for (const meta of [ENGINE_RULES.typeMeta, ENGINE_RULES.suppressionReason, ENGINE_RULES.unknownSuppression]) off[meta.id] = Severity.OFF;
  return { ...options, rules: off, recordObjects: false };
}

const registeredDirs = new Set<string>();

/** Validates the objects of one chunk on the worker side. */
export function validateChunk(objects: readonly SourcedObject[], validation: WorkerValidation): PartialReport {
  for (const dir of validation.schemaDirs) {
    if (!registeredDirs.has(dir)) {
      registeredDirs.add(dir);
      addSchemaDir(dir);
    }
  }
  const validator = createValidator(objectSideOptions(validation.options));
  validator.add(objects);
  const report = validator.finish();
  return { findings: report.findings, suppressed: report.suppressed, objectCount: report.objectCount, objects: report.objects };
}

/** Merges the worker-side partial reports (in input order) with the main side's report. */
export function mergeReports(options: ValidationOptions, main: ValidationReport, partials: readonly PartialReport[]): ValidationReport {
  const findings: Finding[] = [...main.findings];
  const suppressed: SuppressedFinding[] = [...main.suppressed];
  const objects: CheckedObject[] = [];
  let objectCount = 0;
  for (const partial of partials) {
    for (const f of partial.findings) findings.push(f);
    for (const s of partial.suppressed) suppressed.push(s);
    if (partial.objects !== undefined) for (const o of partial.objects) objects.push(o);
    objectCount += partial.objectCount;
  }
  const bundleRuleIds = new Set((options.ruleSet ?? builtinRules()).filter((rule) => rule.scope === 'bundle').map((rule) => rule.id));
  dropDuplicatesOfBundlePolicyFindings(findings, (id) => bundleRuleIds.has(id));
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) {
    if (finding.severity === Severity.ERROR) counts.error++;
    else if (finding.severity === Severity.WARNING) counts.warning++;
    else counts.info++;
  }
  return {
    ok: counts.error === 0,
    level: main.level,
    findings,
    counts,
    objectCount,
    suppressed,
    rules: new ValidationPlan(options).activeRules,
    ...(options.recordObjects ? { objects } : {}),
  };
}
