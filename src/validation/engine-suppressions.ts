/**
 * Suppression annotations: `ignore-check.cdk8s-patterns.io/<rule-name>: "<reason>"` on an object
 * turns off that rule for that object. A suppression without a reason, or naming no rule, is a finding.
 */
import { SUPPRESSION_PREFIX, ENGINE_RULES } from './engine-rules';
import { KubeObject, Violation } from './types';
import { RuleMeta } from './rule';

/** The suppressions declared on one object. */
export interface ObjectSuppressions {
  /** Rule name → reason, for suppressions with a non-empty reason. */
  readonly reasons: ReadonlyMap<string, string>;
  /** Problems with the annotations themselves, reported by the engine. */
  readonly problems: readonly SuppressionProblem[];
}

/** A suppression annotation that is itself wrong. */
export interface SuppressionProblem extends Violation {
  readonly rule: RuleMeta;
}

/**
 * Reads the suppression annotations of an object.
 *
 * @param knownNames every rule name that exists (in any layer, whether or not it runs).
 * @returns undefined when the object has no suppression annotation (the common case, allocation-free).
 */
export function readSuppressions(object: KubeObject, knownNames: ReadonlySet<string>): ObjectSuppressions | undefined {
  const metadata = object.metadata as { annotations?: unknown } | undefined;
  const annotations = metadata !== null && typeof metadata === 'object' ? metadata.annotations : undefined;
  if (annotations === null || typeof annotations !== 'object') return undefined;
  let reasons: Map<string, string> | undefined;
  let problems: SuppressionProblem[] | undefined;
  for (const key in annotations) {
    if (!key.startsWith(SUPPRESSION_PREFIX)) continue;
    const name = key.slice(SUPPRESSION_PREFIX.length);
    const value = (annotations as Record<string, unknown>)[key];
    const path = `metadata.annotations[${key}]`;
    reasons ??= new Map();
    problems ??= [];
    if (!knownNames.has(name)) {
      problems.push({
        rule: ENGINE_RULES.unknownSuppression,
        path,
        message: `Not found: ${JSON.stringify(name)}: no rule has this name; use the name part of a rule id (see validate --list-rules)`,
      });
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({
        rule: ENGINE_RULES.suppressionReason,
        path,
        message: `Required value: a reason is required to suppress ${JSON.stringify(name)}; the suppression is ignored until the annotation value explains why`,
      });
      continue;
    }
    reasons.set(name, value.trim());
  }
  return reasons === undefined ? undefined : { reasons, problems: problems ?? [] };
}
