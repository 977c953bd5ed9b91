/**
 * `policy/pod-security`: the Pod Security Standards profile of each pod template's namespace (the
 * `pod-security.kubernetes.io/enforce` label of a Namespace in the bundle), else the profile of the
 * run (`RuleContext.podSecurity`).
 */
import { BundleRule, BundleViolation, PodSecurityLevel } from '../../../rule';
import { Layer, Severity } from '../../../types';
import { kindRulesApply } from '../../../schema/registry';
import { BundleIndex } from '../../cross/_support/bundle-index';
import { BASELINE_CONTROLS, OVERRIDDEN_BY_RESTRICTED } from './baseline-controls';
import { ControlFailure, PodSecurityControl } from './control';
import { describeChoice, EffectiveLevel, policyOf } from './namespace-policy';
import { RESTRICTED_CONTROLS } from './restricted-controls';

/** The controls a level enforces (none for `privileged`). */
export function controlsFor(level: EffectiveLevel): readonly PodSecurityControl[] {
  return level === PodSecurityLevel.RESTRICTED ? ALL_CONTROLS : level === PodSecurityLevel.BASELINE ? BASELINE_CONTROLS : NO_CONTROLS;
}

/**
 * The restricted profile: the baseline controls, less the two its own controls replace (as the
 * admission's `OverrideCheckIDs` do: restricted capabilities replace baseline capabilities, restricted
 * volume types replace hostPath volumes), so a field fails one control, not two.
 */
const ALL_CONTROLS: readonly PodSecurityControl[] = [
  ...BASELINE_CONTROLS.filter((c) => !OVERRIDDEN_BY_RESTRICTED.has(c)),
  ...RESTRICTED_CONTROLS,
];

const NO_CONTROLS: readonly PodSecurityControl[] = [];

/** The failures of the object being checked (one list, reused: the rule checks one object at a time). */
const SCRATCH: ControlFailure[] = [];

/**
 * `policy/pod-security`: Pod Security Standards (privileged, baseline or restricted) on every pod
 * template, at the level its Namespace enforces when the bundle holds that Namespace with the label,
 * else at the run's level. A Namespace's level wins in both directions (it is what the cluster
 * enforces); when it differs from the run's, the message names the Namespace.
 */
export const podSecurityRule: BundleRule = {
  id: 'policy/pod-security',
  layer: Layer.POLICY,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'Pod templates satisfy the Pod Security Standards level of their namespace (the pod-security.kubernetes.io/enforce label of a Namespace in the bundle), '
    + 'else the level of the run (baseline, or restricted which adds to it), as the PodSecurity admission of Kubernetes 1.28 would.',
  example:
    'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: Forbidden: violates PodSecurity "restricted:v1.28": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    const failures = SCRATCH;
    for (const workload of index.workloads) {
      if (!kindRulesApply(workload.object.apiVersion as string, workload.kind)) {
        continue; // a custom resource named like a pod-bearing kind
      }
      const policy = policyOf(index, workload, context);
      const controls = controlsFor(policy.level);
      failures.length = 0;
      for (let i = 0; i < controls.length; i++) {
        controls[i].check(workload.pod, failures);
      }
      if (failures.length === 0) {
        continue;
      }
      const prefix = `Forbidden: violates PodSecurity "${policy.level}:${policy.version}"`;
      const suffix = policy.namespace !== undefined && policy.level !== context.podSecurity
        ? `; "${policy.level}" is chosen by ${describeChoice(policy)} over the run's "${context.podSecurity}"`
        : '';
      for (let f = 0; f < failures.length; f++) {
        out.push({ index: workload.index, path: failures[f].path, message: `${prefix}: ${failures[f].detail}${suffix}` });
      }
    }
    failures.length = 0;
    return out;
  },
};
