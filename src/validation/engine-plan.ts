/**
 * Turns {@link ValidationOptions} into an execution plan: which rules run at which severity,
 * object rules indexed by kind, bundle rules, and the rule context.
 */
import { BundleScope, ValidationConfigError, ValidationLevel, ValidationOptions } from './config';
import { builtinRules, ENGINE_RULE_LIST, ruleName, UNKNOWN_KIND_RULE_NAME } from './engine-rules';
import { BundleRule, ObjectRule, PodSecurityLevel, Rule, RuleContext, RuleMeta } from './rule';
import { Layer, Severity } from './types';
import { kindRulesApply } from './schema/registry';

/** A rule with the severity it runs at (never `off`). */
export interface ActiveRule extends RuleMeta {
  /** The effective severity after overrides and strict mode. */
  readonly severity: Severity;
}

/** An object rule with its effective severity. */
export interface PlannedObjectRule {
  readonly rule: ObjectRule;
  readonly severity: Severity;
}

/** A bundle rule with its effective severity. */
export interface PlannedBundleRule {
  readonly rule: BundleRule;
  readonly severity: Severity;
}

const LAYERS_BY_LEVEL: Readonly<Record<ValidationLevel, readonly Layer[]>> = {
  [ValidationLevel.API]: [Layer.SCHEMA, Layer.API],
  [ValidationLevel.CROSS]: [Layer.SCHEMA, Layer.API, Layer.CROSS],
  [ValidationLevel.POLICY]: [Layer.SCHEMA, Layer.API, Layer.CROSS, Layer.POLICY],
};

/** The resolved options and rule tables the engine runs. */
export class ValidationPlan {
  /** The level. */
  public readonly level: ValidationLevel;
  /** Whether unknown kinds are errors (the `unknown-kind` rule defaults to error). */
  public readonly strict: boolean;
  /** Whether the report lists every checked object. */
  public readonly recordObjects: boolean;
  /** What streaming validators hand to bundle rules. */
  public readonly bundleScope: BundleScope;
  /** The context passed to every rule. */
  public readonly context: RuleContext;
  /** Bundle rules that run, in rule order. */
  public readonly bundleRules: readonly PlannedBundleRule[];
  /** Every rule that runs (engine rules first), with its effective severity. */
  public readonly activeRules: readonly ActiveRule[];
  /** Names of every rule that exists, whether or not it runs (for suppression annotations). */
  public readonly knownNames: ReadonlySet<string>;

  private readonly anyKindRules: readonly PlannedObjectRule[];
  private readonly rulesByKind = new Map<string, readonly PlannedObjectRule[]>();
  private readonly engineSeverity = new Map<string, Severity>();

  constructor(options: ValidationOptions = {}) {
    this.level = options.level ?? ValidationLevel.POLICY;
    this.strict = options.strict ?? false;
    this.recordObjects = options.recordObjects ?? false;
    this.bundleScope = options.bundleScope ?? BundleScope.ALL;
    this.context = {
      podSecurity: options.podSecurity ?? PodSecurityLevel.RESTRICTED,
      external: options.external ?? [],
    };
    const ruleSet = options.ruleSet ?? builtinRules();
    const overrides = resolveOverrides(options.rules ?? {}, [...ENGINE_RULE_LIST, ...ruleSet]);
    this.knownNames = new Set([...ENGINE_RULE_LIST, ...ruleSet].map((r) => ruleName(r.id)));

    const active: ActiveRule[] = [];
    for (const meta of ENGINE_RULE_LIST) {
      const severity = overrides.get(meta.id) ?? meta.defaultSeverity;
      this.engineSeverity.set(meta.id, severity);
      if (severity !== Severity.OFF) active.push({ ...meta, severity });
    }
    const layers = LAYERS_BY_LEVEL[this.level];
    const anyKind: PlannedObjectRule[] = [];
    const kindSpecific: PlannedObjectRule[] = [];
    const bundle: PlannedBundleRule[] = [];
    for (const rule of ruleSet) {
      const strictDefault = this.strict && ruleName(rule.id) === UNKNOWN_KIND_RULE_NAME ? Severity.ERROR : rule.defaultSeverity;
      const severity = overrides.get(rule.id) ?? strictDefault;
      if (severity === Severity.OFF || !layers.includes(rule.layer)) continue;
      active.push({ ...metaOf(rule), severity });
      if (rule.scope === 'bundle') bundle.push({ rule, severity });
      else if (rule.kinds === undefined) anyKind.push({ rule, severity });
      else kindSpecific.push({ rule, severity });
    }
    this.anyKindRules = anyKind;
    this.bundleRules = bundle;
    this.activeRules = active;
    // Precompute the dispatch table per kind, keeping the rule order of the rule set.
    for (const kind of new Set(kindSpecific.flatMap((p) => p.rule.kinds ?? []))) {
      this.rulesByKind.set(kind, [...anyKind, ...kindSpecific].filter((p) => p.rule.kinds === undefined || p.rule.kinds.includes(kind))
        .sort((a, b) => ruleSet.indexOf(a.rule) - ruleSet.indexOf(b.rule)));
    }
  }

  /**
   * The object rules that apply to an object, in rule-set order: the rules of its kind when the
   * apiVersion serves that kind (see {@link kindRulesApply}), else only the rules for any kind.
   */
  public objectRulesFor(kind: string, apiVersion: string): readonly PlannedObjectRule[] {
    const rules = this.rulesByKind.get(kind);
    return rules !== undefined && kindRulesApply(apiVersion, kind) ? rules : this.anyKindRules;
  }

  /** The effective severity of an engine rule (`off` when disabled). */
  public severityOf(engineRuleId: string): Severity {
    return this.engineSeverity.get(engineRuleId) ?? Severity.OFF;
  }
}

/** Maps override keys (ids or names) to rule ids; unknown keys are configuration errors. */
function resolveOverrides(overrides: Readonly<Record<string, Severity>>, rules: readonly RuleMeta[]): Map<string, Severity> {
  const byKey = new Map<string, string>();
  for (const rule of rules) {
    byKey.set(rule.id, rule.id);
    byKey.set(ruleName(rule.id), rule.id);
  }
  const resolved = new Map<string, Severity>();
  for (const [key, severity] of Object.entries(overrides)) {
    const id = byKey.get(key);
    if (id === undefined) {
      throw new ValidationConfigError(
        `unknown rule ${JSON.stringify(key)} in severity overrides; use a rule id such as "policy/latest-tag" (list them with: cdk8s-patterns validate --list-rules)`);
    }
    if (!Object.values(Severity).includes(severity)) {
      throw new ValidationConfigError(
        `unsupported severity ${JSON.stringify(severity)} for rule ${JSON.stringify(key)}; use one of "error", "warning", "info", "off"`);
    }
    resolved.set(id, severity);
  }
  return resolved;
}

function metaOf(rule: Rule): RuleMeta {
  return { id: rule.id, layer: rule.layer, defaultSeverity: rule.defaultSeverity, description: rule.description, example: rule.example };
}
