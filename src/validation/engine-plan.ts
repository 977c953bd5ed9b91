/**
 * Turns {@link ValidationOptions} into an execution plan: which rules run at which severity,
 * object rules indexed by kind, bundle rules, and the rule context.
 */
import { BundleScope, ValidationConfigError, ValidationLevel, ValidationOptions } from './config';
import { ENGINE_RULE_LIST, ruleName, UNKNOWN_KIND_RULE_NAME } from './engine-rules';
import { BundleRule, ObjectRule, PodSecurityLevel, Rule, RuleContext, RuleMeta } from './rule';
import { loadCatalogRule, RuleCatalogEntry, ruleCatalog } from './rules/catalog';
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

/**
 * A rule the plan knows: its metadata, and the rule itself once loaded. Built-in rules come from the
 * rule catalog and are loaded when they first run; a custom rule set's rules are loaded already.
 */
interface PlanRule {
  readonly meta: RuleMeta & { readonly scope: Rule['scope']; readonly kinds?: readonly string[] };
  rule?: Rule;
  readonly entry?: RuleCatalogEntry;
}

/** An active object rule, not necessarily loaded yet. */
interface PlanObjectRule {
  readonly planned: PlanRule;
  readonly severity: Severity;
}

/**
 * The resolved options and rule tables the engine runs.
 *
 * The plan is made from the rules' metadata (the rule catalog for built-in rules): a rule's code is
 * loaded when it is first needed, i.e. bundle rules when the plan is made (only those of the layers
 * the level runs) and object rules on the first object of a kind they apply to
 * ({@link objectRulesFor}). Rule order, severities and the report are the same either way.
 */
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
  /**
   * Whether a rule of the plan may read pod templates (`cross/_support/pod`, which keeps the last
   * one): a cross or policy rule, or any rule of a custom rule set. Schema and API rules never do,
   * so `--level api` runs without that module.
   */
  public readonly mayReadPodTemplates: boolean;

  /** Active object rules in rule order, loaded or not. */
  private readonly objectRules: readonly PlanObjectRule[];
  /** Kinds named by an active kind-specific object rule. */
  private readonly kindsWithRules: ReadonlySet<string>;
  private anyKindRules: readonly PlannedObjectRule[] | undefined;
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
    const ruleSet: readonly PlanRule[] = options.ruleSet !== undefined
      ? options.ruleSet.map((rule) => ({ meta: rule, rule }))
      : ruleCatalog().map((entry) => ({ meta: entry, entry }));
    const metas = [...ENGINE_RULE_LIST, ...ruleSet.map((r) => r.meta)];
    const overrides = resolveOverrides(options.rules ?? {}, metas);
    this.knownNames = new Set(metas.map((r) => ruleName(r.id)));

    const active: ActiveRule[] = [];
    for (const meta of ENGINE_RULE_LIST) {
      const severity = overrides.get(meta.id) ?? meta.defaultSeverity;
      this.engineSeverity.set(meta.id, severity);
      if (severity !== Severity.OFF) active.push({ ...meta, severity });
    }
    const layers = LAYERS_BY_LEVEL[this.level];
    const objectRules: PlanObjectRule[] = [];
    const bundle: PlannedBundleRule[] = [];
    const kinds = new Set<string>();
    for (const planned of ruleSet) {
      const { meta } = planned;
      const strictDefault = this.strict && ruleName(meta.id) === UNKNOWN_KIND_RULE_NAME ? Severity.ERROR : meta.defaultSeverity;
      const severity = overrides.get(meta.id) ?? strictDefault;
      if (severity === Severity.OFF || !layers.includes(meta.layer)) continue;
      active.push({ ...metaOf(meta), severity });
      if (meta.scope === 'bundle') {
        bundle.push({ rule: loaded(planned) as BundleRule, severity });
      } else {
        objectRules.push({ planned, severity });
        for (const kind of meta.kinds ?? []) kinds.add(kind);
      }
    }
    this.objectRules = objectRules;
    this.kindsWithRules = kinds;
    this.bundleRules = bundle;
    this.activeRules = active;
    this.mayReadPodTemplates = options.ruleSet !== undefined
      || objectRules.some(({ planned }) => planned.meta.layer === Layer.CROSS || planned.meta.layer === Layer.POLICY)
      || bundle.some(({ rule }) => rule.layer === Layer.CROSS || rule.layer === Layer.POLICY);
  }

  /**
   * The object rules that apply to an object, in rule-set order: the rules of its kind when the
   * apiVersion serves that kind (see {@link kindRulesApply}), else only the rules for any kind.
   * The rules of a kind are loaded the first time it is asked for.
   */
  public objectRulesFor(kind: string, apiVersion: string): readonly PlannedObjectRule[] {
    if (this.kindsWithRules.has(kind) && kindRulesApply(apiVersion, kind)) {
      let rules = this.rulesByKind.get(kind);
      if (rules === undefined) {
        rules = this.load((meta) => meta.kinds === undefined || meta.kinds.includes(kind));
        this.rulesByKind.set(kind, rules);
      }
      return rules;
    }
    this.anyKindRules ??= this.load((meta) => meta.kinds === undefined);
    return this.anyKindRules;
  }

  /** The effective severity of an engine rule (`off` when disabled). */
  public severityOf(engineRuleId: string): Severity {
    return this.engineSeverity.get(engineRuleId) ?? Severity.OFF;
  }

  /** The active object rules whose metadata passes `filter`, loaded, in rule order. */
  private load(filter: (meta: PlanRule['meta']) => boolean): PlannedObjectRule[] {
    const out: PlannedObjectRule[] = [];
    for (const { planned, severity } of this.objectRules) {
      if (filter(planned.meta)) out.push({ rule: loaded(planned) as ObjectRule, severity });
    }
    return out;
  }
}

/** The rule of a plan entry, loading a built-in rule's module on first use. */
function loaded(planned: PlanRule): Rule {
  planned.rule ??= loadCatalogRule(planned.entry!);
  return planned.rule;
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

function metaOf(rule: RuleMeta): RuleMeta {
  return { id: rule.id, layer: rule.layer, defaultSeverity: rule.defaultSeverity, description: rule.description, example: rule.example };
}
