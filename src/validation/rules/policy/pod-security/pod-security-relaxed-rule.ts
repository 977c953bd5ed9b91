/**
 * `policy/pod-security-relaxed`: a pod template that passes only because a level below
 * "restricted" applies to it is never passed silently.
 */
import { BundleRule, BundleViolation, PodSecurityLevel } from '../../../rule';
import { Layer, Severity } from '../../../types';
import { asObject, asString } from '../../common/field';
import { kindRulesApply } from '../../../schema/registry';
import { BundleIndex, Workload } from '../../cross/_support/bundle-index';
import { ControlFailure } from './control';
import { describeChoice, EffectivePolicy, policyOf, PSS_VERSION } from './namespace-policy';
import { controlsFor } from './pod-security-rule';

/**
 * The annotation in which the constructs record the reasons of their security opt-outs (the same
 * key as the constructs' `SECURITY_OPT_OUT_ANNOTATION`; validation does not import the constructs).
 */
export const SECURITY_OPT_OUT_ANNOTATION = 'patterns.cdk8s.io/security-opt-out';

/** The failures of the object being checked (reused). */
const RESTRICTED: ControlFailure[] = [];
const ALLOWED: ControlFailure[] = [];

/**
 * `policy/pod-security-relaxed` (a warning, so synth prints it): each pod template judged at a
 * level below "restricted" (by its Namespace's label or the run) that does not meet "restricted"
 * gets one finding on its pod spec naming what "restricted" rejects, the level that allows it,
 * where that level is chosen, and the security opt-out recorded on the object.
 */
export const podSecurityRelaxedRule: BundleRule = {
  id: 'policy/pod-security-relaxed',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description:
    'A pod template judged at a Pod Security level below restricted (chosen by its Namespace or the run) that does not meet restricted is reported once, '
    + 'with the level, where it is chosen, what restricted rejects and the security opt-out recorded on the object.',
  example:
    'spec.template.spec: Forbidden by PodSecurity "restricted:v1.28", allowed by "baseline:v1.28" of Namespace "blog" (pod-security.kubernetes.io/enforce=baseline): '
    + 'runAsNonRoot != true (container "wordpress" must not set securityContext.runAsNonRoot=false); security opt-out: "the image starts Apache as root"',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const workload of index.workloads) {
      if (!kindRulesApply(workload.object.apiVersion as string, workload.kind)) {
        continue;
      }
      const policy = policyOf(index, workload, context);
      if (policy.level === PodSecurityLevel.RESTRICTED) {
        continue;
      }
      const given = givenUp(workload, policy);
      if (given.length > 0) {
        out.push({ index: workload.index, path: workload.pod.specPath, message: message(workload, policy, given) });
      }
    }
    return out;
  },
};

/** The details of the restricted failures the workload's own level does not report. */
function givenUp(workload: Workload, policy: EffectivePolicy): string[] {
  RESTRICTED.length = 0;
  ALLOWED.length = 0;
  for (const control of controlsFor(PodSecurityLevel.RESTRICTED)) control.check(workload.pod, RESTRICTED);
  for (const control of controlsFor(policy.level)) control.check(workload.pod, ALLOWED);
  const reported = new Set(ALLOWED.map((f) => f.path));
  const details = RESTRICTED.filter((f) => !reported.has(f.path)).map((f) => f.detail);
  RESTRICTED.length = 0;
  ALLOWED.length = 0;
  return details;
}

function message(workload: Workload, policy: EffectivePolicy, given: readonly string[]): string {
  const annotations = asObject(asObject(workload.object.metadata)?.annotations);
  const reason = asString(annotations?.[SECURITY_OPT_OUT_ANNOTATION]) ?? workload.pod.annotations[SECURITY_OPT_OUT_ANNOTATION];
  const optOut = reason === undefined
    ? `no security opt-out is recorded (annotation ${SECURITY_OPT_OUT_ANNOTATION})`
    : `security opt-out: ${JSON.stringify(reason)}`;
  return `Forbidden by PodSecurity "restricted:${PSS_VERSION}", allowed by "${policy.level}:${policy.version}" of ${describeChoice(policy)}: `
    + `${given.join('; ')}; ${optOut}`;
}
