/**
 * The catalog of built-in rules: every rule's metadata without its code, and where its code is.
 *
 * The table itself (`catalog.generated.ts`) is generated from the rules by
 * `npm run gen:rules` (`scripts/gen-rule-catalog.ts`); `npm run gen:rules:check` and
 * `test/validation/rule-catalog.test.ts` fail when it no longer matches the rules. The engine plans a
 * run from the catalog (severities, suppression names, the report's rule list, `--list-rules`) and
 * loads a rule's module only when the rule runs: the cross and policy modules only at the levels that
 * include them, an API rule on the first object of one of its kinds (issue #14: start-up of `validate`).
 */
import { Rule, RuleMeta } from '../rule';
import { RULE_CATALOG, RULE_MODULES } from './catalog.generated';

/** One built-in rule as the catalog describes it. */
export interface RuleCatalogEntry extends RuleMeta {
  readonly scope: Rule['scope'];
  /** The kinds of an object rule; absent for rules of every kind and for bundle rules. */
  readonly kinds?: readonly string[];
  /** The module that exports the rule, relative to `src/validation/rules` (a key of the module table). */
  readonly module: string;
  /** The export that holds the rule. */
  readonly exportName: string;
  /** When the export is a list of rules: the rule's position in it. */
  readonly index?: number;
}

/** Every built-in rule, in rule order (schema, api, cross, policy; each layer in its own order). */
export function ruleCatalog(): readonly RuleCatalogEntry[] {
  return RULE_CATALOG;
}

/**
 * The rule an entry describes, loading its module on first use (Node caches modules, so every call
 * returns the same object, the one the layer's index exports).
 *
 * @throws Error when the module does not export the rule the entry names (a stale catalog)
 */
export function loadCatalogRule(entry: RuleCatalogEntry): Rule {
  const load = RULE_MODULES[entry.module];
  const exported = load === undefined ? undefined : (load() as Record<string, unknown>)[entry.exportName];
  const rule = (entry.index === undefined ? exported : Array.isArray(exported) ? exported[entry.index] : undefined) as Rule | undefined;
  if (rule === undefined || rule === null || rule.id !== entry.id) {
    throw new Error(`the rule catalog is stale: ${entry.module}.${entry.exportName}${entry.index === undefined ? '' : `[${entry.index}]`}`
      + ` is not rule ${JSON.stringify(entry.id)} (run \`npm run gen:rules\`)`);
  }
  return rule;
}
