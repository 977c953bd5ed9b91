/**
 * The validation engine: runs the rules of the selected layers over a set (or a stream) of objects,
 * applies severities and suppressions, and attaches object identity and source positions.
 */
import { BundleScope, ValidationLevel, ValidationOptions } from './config';
import { ENGINE_RULES } from './engine-rules';
import { ruleCatalog } from './rules/catalog'; // rule metadata without the rules' code
import { ActiveRule, ValidationPlan } from './engine-plan';
import { dropDuplicateObjectFindings, dropDuplicatesOfBundlePolicyFindings } from './engine-duplicates';
import { ObjectSuppressions, readSuppressions } from './engine-suppressions';
import { RuleMeta } from './rule';
import { validationInput, ValidationTarget } from './engine-target';
import type { BundleIndex } from './rules/cross/_support/bundle-index';
import { forgetSchemaResult } from './schema/rules';
import { Finding, KubeObject, ObjectRef, ObjectSource, Severity, SourcedObject } from './types';
// Custom resources (CRDs from crds/, the `crds` option and the input): see ./crd/run.ts.
import { CustomResourceRun } from './crd/run';
import { findValidator } from './schema/registry';
import { FileRangeSource, LineRequest, SourceKeeper } from './parse/yaml-source';
import { BundleHeapGuard, detached, detachedRef, detachStrings, retainedForBundle } from './engine-bundle-memory';

export { BUNDLE_HEAP_SHARE, BundleMemoryLimitError, detachStrings, retainedForBundle } from './engine-bundle-memory';

/** A finding that a suppression annotation turned off, kept for audits (SARIF `suppressions`). */
export interface SuppressedFinding extends Finding {
  /** The reason given in the annotation. */
  readonly reason: string;
}

/** An object the engine checked (listed when `recordObjects` is set). */
export interface CheckedObject {
  readonly object: ObjectRef;
  readonly constructPath?: string;
  readonly file?: string;
  readonly line?: number;
}

/** Number of findings per severity. */
export interface SeverityCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

/** The result of a validation run. */
export interface ValidationReport {
  /** True when no finding has severity `error`. */
  readonly ok: boolean;
  /** The level that ran. */
  readonly level: ValidationLevel;
  /** Findings, sorted by file, line, construct path, object, field path and rule. */
  readonly findings: readonly Finding[];
  /** Findings per severity. */
  readonly counts: SeverityCounts;
  /** How many objects were checked. */
  readonly objectCount: number;
  /** Findings turned off by suppression annotations, sorted like `findings`. */
  readonly suppressed: readonly SuppressedFinding[];
  /** The rules that ran, with their effective severity. */
  readonly rules: readonly ActiveRule[];
  /** Every checked object, in input order (only with `recordObjects`). */
  readonly objects?: readonly CheckedObject[];
}

/** A streaming validator: feed objects in batches, then collect the report. */
export interface Validator {
  /**
   * Checks a batch of objects. Object rules run at once; bundle rules run in `finish()`
   * (`BundleScope.ALL`) or at the end of this call (`BundleScope.BATCH`).
   */
  add(objects: Iterable<SourcedObject>): void;
  /** Runs the remaining bundle rules and returns the report. The validator cannot be used afterwards. */
  finish(): ValidationReport;
}

/**
 * Validates a chart, an app, or a set of objects in one go.
 *
 * - A `Chart` is synthesized in memory with its app (construct validations run and throw a
 *   `SynthError` when they fail); its own objects are validated, with the external objects declared
 *   in the chart or at app level (`ExternalObjects`), as `cdk8s-patterns synth` does.
 * - An `App`: every chart's objects, with every declared external object.
 * - An array of plain objects (e.g. `testing.synthChart(chart)`, which carries the chart's external
 *   objects) or of `{ object, source }` pairs. A plain object is reported by its position
 *   (`objects[3]`); elements that are not objects (null, numbers, nested arrays) become findings.
 *
 * `options.external` adds to the external objects the target declares.
 *
 * @example
 * const report = validate(chart, { level: ValidationLevel.API, rules: { 'policy/latest-tag': Severity.WARNING } });
 * if (!report.ok) console.error(formatText(report));
 *
 * @throws ValidationTargetError when `target` is neither a chart, an app nor an array
 * @throws ValidationConfigError when an option names an unknown rule or severity
 */
export function validate(target: ValidationTarget, options: ValidationOptions = {}): ValidationReport {
  const input = validationInput(target);
  const external = input.external.length === 0 ? options.external : [...(options.external ?? []), ...input.external];
  const validator = new StreamingValidator(new ValidationPlan({ ...options, external, bundleScope: BundleScope.ALL }), options.crds);
  validator.add(input.objects);
  return validator.finish();
}

/**
 * Creates a streaming validator. Memory stays bounded by the findings when the level has no bundle
 * rules (`api`) or with `bundleScope: BundleScope.BATCH`; with `BundleScope.ALL` (the default) the
 * validator keeps each valid object and its source until `finish()`, because cross-object rules need
 * the whole bundle.
 *
 * @throws ValidationConfigError when an option names an unknown rule or severity.
 */
export function createValidator(options: ValidationOptions = {}): Validator {
  return new StreamingValidator(new ValidationPlan(options), options.crds);
}

const TYPE_META_FIELDS = ['apiVersion', 'kind'] as const;

/** Whether a registered schema or a schema folder (`--schema-dir`) has the kind. */
function hasOwnSchema(apiVersion: string, kind: string): boolean {
  return findValidator(apiVersion, kind) !== undefined;
}

// The cross rules' helpers load with the rules that use them (`--level api` runs without them).
/* eslint-disable @typescript-eslint/no-require-imports */
let bundleIndexModule: typeof import('./rules/cross/_support/bundle-index') | undefined;
let podModule: typeof import('./rules/cross/_support/pod') | undefined;
const bundleIndex = (): typeof BundleIndex =>
  (bundleIndexModule ??= require('./rules/cross/_support/bundle-index') as typeof import('./rules/cross/_support/bundle-index')).BundleIndex;
const podSupport = (): typeof import('./rules/cross/_support/pod') =>
  (podModule ??= require('./rules/cross/_support/pod') as typeof import('./rules/cross/_support/pod'));
/* eslint-enable @typescript-eslint/no-require-imports */

let builtinBundleIds: ReadonlySet<string> | undefined;

/** The ids of the built-in bundle rules (computed once). */
function builtinBundleRuleIds(): ReadonlySet<string> {
  builtinBundleIds ??= new Set(ruleCatalog().filter((rule) => rule.scope === 'bundle').map((rule) => rule.id));
  return builtinBundleIds;
}

class StreamingValidator implements Validator {
  private readonly findings: Finding[] = [];
  private readonly suppressed: SuppressedFinding[] = [];
  private readonly checked: CheckedObject[] = [];
  private objectCount = 0;
  private finished = false;
  // The pending bundle (valid objects only) with sources and suppressions.
  private bundleObjects: KubeObject[] = [];
  private bundleSources: ObjectSource[] = [];
  private bundleSuppressions = new Map<number, ObjectSuppressions>();
  // The bundle keeps where each document is, not its text, and the lines of the bundle rules' findings are found together at the end of `runBundleRules()`
  private readonly sourceKeeper = new SourceKeeper();
  private lineRequests: LineRequest[] = [];
  /** Stops the run before the kept objects leave `finish()` no memory (bad input: millions of objects). */
  private readonly heapGuard = new BundleHeapGuard();

  /**
   * Whether `add()` indexes each batch for the bundle rules as it arrives (`BundleScope.ALL` with a
   * built-in bundle rule, which all share {@link BundleIndex}): the index is then mostly built while
   * the input is still being parsed, off the critical path of `finish()`.
   */
  private readonly indexEachBatch: boolean;

  /**
   * Whether every bundle rule is built in, so the bundle may keep a copy of each object without the
   * fields none of them reads (see {@link retainedForBundle}); a custom bundle rule sees whole objects.
   */
  private readonly retainOnlyRead: boolean;

  /** CRDs of the run; custom resources of kinds no CRD defines yet wait here until `finish()`. */
  private readonly customResources: CustomResourceRun<ObjectSuppressions | undefined>;

  constructor(private readonly plan: ValidationPlan, crds?: readonly string[]) {
    this.customResources = new CustomResourceRun(plan.context, crds); // throws ValidationConfigError on a bad --crd path
    this.indexEachBatch = plan.bundleScope !== BundleScope.BATCH && plan.bundleRules.some(({ rule }) => builtinBundleRuleIds().has(rule.id));
    this.retainOnlyRead = plan.bundleRules.every(({ rule }) => builtinBundleRuleIds().has(rule.id));
  }

  public add(objects: Iterable<SourcedObject>): void {
    if (this.finished) throw new Error('Validator.add() called after finish()');
    // Results kept for the rules of one object must not outlive a batch: the caller may change
    // an object between runs.
    if (this.plan.mayReadPodTemplates) podSupport().forgetPodTemplate();
    forgetSchemaResult();
    const keepBundle = this.plan.bundleRules.length > 0;
    const keepUntilFinish = keepBundle && this.plan.bundleScope !== BundleScope.BATCH;
    for (const { object, source } of objects) {
      this.objectCount++;
      if (this.plan.recordObjects) this.checked.push({ object: objectRef(object), ...sourceFields(source, undefined) });
      if (!this.checkTypeMeta(object, source)) continue;
      const suppressions = readSuppressions(object, this.plan.knownNames);
      if (suppressions !== undefined) {
        for (const problem of suppressions.problems) {
          this.report(problem.rule, this.plan.severityOf(problem.rule.id), object, source, problem.path, problem.message, undefined);
        }
      }
      if (this.customResources.observe(object, source, hasOwnSchema)) this.customResources.hold(object, source, suppressions);
      else this.runObjectRules(object, source, suppressions);
      if (keepBundle) {
        if (suppressions !== undefined) this.bundleSuppressions.set(this.bundleObjects.length, suppressions);
        const kept = this.retainOnlyRead ? retainedForBundle(object) : object;
        // What outlives the batch (BundleScope.ALL) keeps neither the chunk nor the text of its document (a
        // batch's bundle is checked at once: its sources keep their text, so no file is re-read per batch)
        if (keepUntilFinish && SourceKeeper.sharesText(source)) detachStrings(kept);
        this.bundleObjects.push(kept);
        this.bundleSources.push(keepUntilFinish ? this.sourceKeeper.keep(source) : source);
      }
    }
    if (this.plan.bundleScope === BundleScope.BATCH) this.runBundleRules();
    else if (this.indexEachBatch && this.bundleObjects.length > 0) bundleIndex().of(this.bundleObjects);
    if (keepUntilFinish) this.heapGuard.check(this.bundleObjects.length);
  }

  public finish(): ValidationReport {
    if (this.finished) throw new Error('Validator.finish() called twice');
    forgetSchemaResult();
    for (const held of this.customResources.finish()) this.runObjectRules(held.object, held.source, held.extra);
    this.runBundleRules();
    this.finished = true;
    const bundleRuleIds = new Set(this.plan.bundleRules.map(({ rule }) => rule.id));
    dropDuplicatesOfBundlePolicyFindings(this.findings, (id) => bundleRuleIds.has(id));
    this.findings.sort(compareFindings);
    this.suppressed.sort(compareFindings);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const finding of this.findings) {
      if (finding.severity === Severity.ERROR) counts.error++;
      else if (finding.severity === Severity.WARNING) counts.warning++;
      else counts.info++;
    }
    return {
      ok: counts.error === 0,
      level: this.plan.level,
      findings: this.findings,
      counts,
      objectCount: this.objectCount,
      suppressed: this.suppressed,
      rules: this.plan.activeRules,
      ...(this.plan.recordObjects ? { objects: this.checked } : {}),
    };
  }

  /** Reports objects that are not mappings with a string apiVersion and kind; true when the object is usable. */
  private checkTypeMeta(object: KubeObject, source: ObjectSource): boolean {
    const meta = ENGINE_RULES.typeMeta;
    if (object === null || typeof object !== 'object' || Array.isArray(object)) {
      this.report(meta, this.plan.severityOf(meta.id), {}, source, '', `Invalid value: ${describe(object)}: a Kubernetes object must be a mapping`, undefined);
      return false;
    }
    const { apiVersion, kind } = object;
    if (typeof apiVersion === 'string' && apiVersion !== '' && typeof kind === 'string' && kind !== '') return true;
    for (const field of TYPE_META_FIELDS) {
      if (typeof object[field] !== 'string' || object[field] === '') {
        this.report(meta, this.plan.severityOf(meta.id), object, source, field, `Required value: ${field} is required`, undefined);
      }
    }
    return false;
  }

  private runObjectRules(object: KubeObject, source: ObjectSource, suppressions: ObjectSuppressions | undefined): void {
    const rules = this.plan.objectRulesFor(object.kind as string, object.apiVersion as string);
    const start = this.findings.length;
    for (let r = 0; r < rules.length; r++) {
      const { rule, severity } = rules[r];
      let violations;
      try {
        violations = rule.check(object, this.plan.context);
      } catch (e) {
        this.reportFailure(rule, object, source, e);
        continue;
      }
      for (let v = 0; v < violations.length; v++) {
        this.report(rule, severity, object, source, violations[v].path, violations[v].message, suppressions);
      }
    }
    // One finding per problem on this object (policy rules on one field; schema/strict repeating an api/* rule).
    if (this.findings.length - start > 1) dropDuplicateObjectFindings(this.findings, start);
  }

  private runBundleRules(): void {
    const objects = this.bundleObjects;
    if (objects.length > 0) {
      for (const { rule, severity } of this.plan.bundleRules) {
        let violations;
        try {
          violations = rule.check(objects, this.plan.context);
        } catch (e) {
          this.reportFailure(rule, {}, {}, e);
          continue;
        }
        for (const violation of violations) {
          const object = objects[violation.index];
          const source = this.bundleSources[violation.index];
          if (object === undefined) {
            this.reportFailure(rule, {}, {}, new Error(`reported index ${violation.index} outside the bundle of ${objects.length} objects`));
            continue;
          }
          this.report(rule, severity, object, source, violation.path, violation.message, this.bundleSuppressions.get(violation.index));
        }
      }
    }
    this.bundleObjects = [];
    this.bundleSources = [];
    this.bundleSuppressions = new Map();
    if (this.lineRequests.length > 0) {
      const requests = this.lineRequests;
      this.lineRequests = [];
      this.sourceKeeper.resolveLines(requests);
    }
  }

  private reportFailure(rule: RuleMeta, object: KubeObject, source: ObjectSource, error: unknown): void {
    const meta = ENGINE_RULES.ruleFailure;
    const detail = error instanceof Error ? error.message : String(error);
    this.report(meta, this.plan.severityOf(meta.id), object, source, '', `Internal error: rule ${JSON.stringify(rule.id)} failed: ${detail}`, undefined);
  }

  private report(rule: RuleMeta, severity: Severity, object: KubeObject, source: ObjectSource, path: string, message: string,
    suppressions: ObjectSuppressions | undefined): void {
    if (severity === Severity.OFF) return;
    const finding: Finding = {
      rule: rule.id,
      layer: rule.layer,
      severity,
      // A finding outlives its input; its strings are copied so that
      // they do not keep a chunk of a big file alive (parsed values are slices of the file's text)
      object: detachedRef(objectRef(object)),
      path: detached(path),
      message: detached(message),
          ...sourceFields(source, path),
    };
    const reason = suppressions?.reasons.get(ruleNameOf(rule.id));
    const kept: Finding = reason !== undefined ? { ...finding, reason } as SuppressedFinding : finding;
    if (reason !== undefined) this.suppressed.push(kept as SuppressedFinding);
    else this.findings.push(finding);
    if (source instanceof FileRangeSource && path !== '') {
      this.lineRequests.push({ source, path, setLine: (line) => { (kept as { line?: number }).line = line; } });
    }
  }
}

/** The identity of an object, with only the fields that are strings. */
export function objectRef(object: KubeObject): ObjectRef {
  const ref: { -readonly [K in keyof ObjectRef]: ObjectRef[K] } = {};
  if (object === null || typeof object !== 'object') return ref;
  if (typeof object.apiVersion === 'string') ref.apiVersion = object.apiVersion;
  if (typeof object.kind === 'string') ref.kind = object.kind;
  const metadata = object.metadata as { namespace?: unknown; name?: unknown } | undefined;
  if (metadata !== null && typeof metadata === 'object') {
    if (typeof metadata.namespace === 'string') ref.namespace = metadata.namespace;
    if (typeof metadata.name === 'string') ref.name = metadata.name;
  }
  return ref;
}

/** Orders findings by file, line, construct path, object, field path, rule and message. */
export function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || cmp(a.constructPath, b.constructPath)
    || cmp(a.object.namespace, b.object.namespace) || cmp(a.object.kind, b.object.kind) || cmp(a.object.name, b.object.name)
    || cmp(a.path, b.path) || cmp(a.rule, b.rule) || cmp(a.message, b.message);
}

function cmp(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Source fields of a finding; the line of a field path is looked up only here, for findings. */
function sourceFields(source: ObjectSource, path: string | undefined): { constructPath?: string; file?: string; line?: number } {
  const fields: { constructPath?: string; file?: string; line?: number } = {};
  if (source.constructPath !== undefined) fields.constructPath = source.constructPath;
  if (source.file !== undefined) {
    fields.file = source.file;
    const line = path !== undefined && path !== '' && source.lineOf !== undefined ? source.lineOf(path) ?? source.line : source.line;
    if (line !== undefined) fields.line = line;
  }
  return fields;
}

function ruleNameOf(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(slash + 1);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value) : String(value);
}
