/**
 * The rule registry: the built-in rule sets of every layer plus the engine's own rules.
 */
import { Rule, RuleMeta } from './rule';
import { loadCatalogRule, ruleCatalog } from './rules/catalog';
import { Layer, Severity } from './types';

/** The prefix of suppression annotations: `ignore-check.cdk8s-patterns.io/<rule-name>: "<reason>"`. */
export const SUPPRESSION_PREFIX = 'ignore-check.cdk8s-patterns.io/';

/**
 * The name of the rule that reports kinds without a schema (`schema/unknown-kind`); strict mode
 * raises its default severity to error.
 */
export const UNKNOWN_KIND_RULE_NAME = 'unknown-kind';

/** Rules implemented by the engine itself (they run at every level). */
export const ENGINE_RULES = {
  typeMeta: {
    id: 'engine/type-meta',
    layer: Layer.SCHEMA,
    defaultSeverity: Severity.ERROR,
    description: 'Every object is a mapping with a string apiVersion and kind; objects without them are not checked further.',
    example: 'Required value: kind is required',
  },
  suppressionReason: {
    id: 'engine/suppression-reason',
    layer: Layer.POLICY,
    defaultSeverity: Severity.ERROR,
    description: 'A suppression annotation must give a non-empty reason; a suppression without one is ignored.',
    example: 'Required value: a reason is required to suppress "latest-tag"',
  },
  unknownSuppression: {
    id: 'engine/unknown-suppression',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'A suppression annotation names a rule that does not exist.',
    example: 'Not found: "latest-tags": no rule has this name',
  },
  ruleFailure: {
    id: 'engine/rule-failure',
    layer: Layer.SCHEMA,
    defaultSeverity: Severity.ERROR,
    description: 'A rule threw an exception on this object (a bug in the rule; the object is only partly checked).',
    example: 'Internal error: rule "api/example" failed: Cannot read properties of undefined',
  },
} satisfies Record<string, RuleMeta>;

/** The engine's rules as a list. */
export const ENGINE_RULE_LIST: readonly RuleMeta[] = Object.values(ENGINE_RULES);

/** The name of a rule: the part of its id after the layer (`policy/latest-tag` → `latest-tag`). */
export function ruleName(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id : id.slice(slash + 1);
}

/**
 * Every built-in rule of every layer, in layer order (schema, api, cross, policy).
 *
 * The engine filters them by level and severity; `ValidationOptions.ruleSet` replaces this list.
 * This loads the code of every rule; the engine itself plans from the rule catalog
 * (`rules/catalog.ts`) and loads only the rules that run.
 */
export function builtinRules(): readonly Rule[] {
  builtin ??= ruleCatalog().map(loadCatalogRule);
  return builtin;
}

let builtin: readonly Rule[] | undefined;
