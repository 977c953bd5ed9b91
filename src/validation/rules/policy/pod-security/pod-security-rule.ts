/**
 * `policy/pod-security`: the Pod Security Standards profile chosen by `RuleContext.podSecurity`,
 * applied to every pod template of the bundle.
 */
import { ObjectRule, PodSecurityLevel } from '../../../rule';
import { Layer, Severity, Violation } from '../../../types';
import { POD_BEARING_KINDS, podTemplateOf } from '../../cross/_support/pod';
import { BASELINE_CONTROLS, OVERRIDDEN_BY_RESTRICTED } from './baseline-controls';
import { ControlFailure, PodSecurityControl } from './control';
import { RESTRICTED_CONTROLS } from './restricted-controls';

/** The Kubernetes version whose standard is enforced (as the admission's `<level>:<version>`). */
const PSS_VERSION = 'v1.28';

/** The controls a level enforces. */
export function controlsFor(level: PodSecurityLevel): readonly PodSecurityControl[] {
  return level === PodSecurityLevel.RESTRICTED ? ALL_CONTROLS : BASELINE_CONTROLS;
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

/** The failures of the object being checked (one list, reused: the rule runs one object at a time). */
const SCRATCH: ControlFailure[] = [];

/** `policy/pod-security`: Pod Security Standards (baseline or restricted) on every pod template. */
export const podSecurityRule: ObjectRule = {
  id: 'policy/pod-security',
  layer: Layer.POLICY,
  defaultSeverity: Severity.ERROR,
  scope: 'object',
  kinds: POD_BEARING_KINDS,
  description:
    'Pod templates satisfy the Pod Security Standards profile of the run (baseline, or restricted which adds to it), as the PodSecurity admission of Kubernetes 1.28 would.',
  example:
    'spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation: Forbidden: violates PodSecurity "restricted:v1.28": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
  check(object, context) {
    const pod = podTemplateOf(object);
    if (!pod) {
      return [];
    }
    const failures = SCRATCH;
    failures.length = 0;
    const controls = controlsFor(context.podSecurity);
    for (let i = 0; i < controls.length; i++) {
      controls[i].check(pod, failures);
    }
    if (failures.length === 0) {
      return [];
    }
    const prefix = `Forbidden: violates PodSecurity "${context.podSecurity}:${PSS_VERSION}"`;
    const out: Violation[] = [];
    for (let f = 0; f < failures.length; f++) {
      out.push({ path: failures[f].path, message: `${prefix}: ${failures[f].detail}` });
    }
    failures.length = 0;
    return out;
  },
};
