/**
 * A helper to declare policy rules over the pod template of every pod-bearing kind.
 */
import { ObjectRule, RuleContext, RuleMeta } from '../../rule';
import { KubeObject, Violation } from '../../types';
import { POD_BEARING_KINDS, PodTemplate, podTemplateOf } from '../cross/_support/pod';

/** A check over one pod template. */
export type PodCheck = (pod: PodTemplate, object: KubeObject, context: RuleContext) => Violation[];

/** An object rule that runs `check` on the pod template of `kinds` (every pod-bearing kind by default). */
export function podRule(
  meta: RuleMeta,
  check: PodCheck,
  kinds: readonly string[] = POD_BEARING_KINDS,
): ObjectRule {
  return {
    ...meta,
    scope: 'object',
    kinds,
    check(object, context) {
      const pod = podTemplateOf(object);
      return pod ? check(pod, object, context) : [];
    },
  };
}
