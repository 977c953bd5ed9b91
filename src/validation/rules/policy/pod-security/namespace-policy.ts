/**
 * The Pod Security level each object is judged by: the `pod-security.kubernetes.io/enforce` label of
 * its Namespace when the bundle holds that Namespace with the label, else the level of the run.
 *
 * The labels are read the way the PodSecurity admission of Kubernetes 1.28 reads them
 * (k8s.io/pod-security-admission `api/helpers.go`, `ParseLevel` and `ParseVersion`): a level other
 * than `privileged`, `baseline` or `restricted` is evaluated as `restricted`, a version other than
 * `latest` or `v1.<minor>` as `latest`.
 */
import { PodSecurityLevel, RuleContext } from '../../../rule';
import { BundleAnalysis, BundleIndex, namespaceKey, Workload } from '../../cross/_support/bundle-index';

/** The label the PodSecurity admission enforces a level by. */
export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
/** The label that pins the version of the enforced standard. */
export const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** The Kubernetes version whose standard the rules implement (`<level>:<version>` in messages). */
export const PSS_VERSION = 'v1.28';

/** A Pod Security level as the admission reads it: the two of the run, or `privileged` (no control). */
export type EffectiveLevel = PodSecurityLevel | 'privileged';

/** The level an object is judged by, and where it comes from. */
export interface EffectivePolicy {
  readonly level: EffectiveLevel;
  /** The version shown in messages: the Namespace's `enforce-version`, else {@link PSS_VERSION}. */
  readonly version: string;
  /** The Namespace that chose the level; undefined when the run's level applies. */
  readonly namespace?: string;
  /** The label value as written (it may be invalid, then the level is `restricted`). */
  readonly labelValue?: string;
}

const LEVELS: ReadonlySet<string> = new Set(['privileged', PodSecurityLevel.BASELINE, PodSecurityLevel.RESTRICTED]);
const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;

/** The policy of each labelled Namespace of the bundle, by namespace key. */
const NAMESPACE_POLICIES: BundleAnalysis<ReadonlyMap<string, EffectivePolicy>> = {
  name: 'pod-security namespace policies',
  compute(index) {
    const policies = new Map<string, EffectivePolicy>();
    for (const entry of index.ofKind('Namespace')) {
      const value = entry.group === '' ? entry.labels[ENFORCE_LABEL] : undefined;
      if (value === undefined || policies.has(namespaceKey(entry.name))) {
        continue;
      }
      const version = entry.labels[ENFORCE_VERSION_LABEL];
      policies.set(namespaceKey(entry.name), {
        level: LEVELS.has(value) ? value as EffectiveLevel : PodSecurityLevel.RESTRICTED,
        version: version === undefined ? PSS_VERSION : version === 'latest' || VERSION.test(version) ? version : 'latest',
        namespace: entry.name,
        labelValue: value,
      });
    }
    return policies;
  },
};

/** The policies of the run's level (one object per level, shared). */
const RUN_POLICIES: Readonly<Record<PodSecurityLevel, EffectivePolicy>> = {
  [PodSecurityLevel.BASELINE]: { level: PodSecurityLevel.BASELINE, version: PSS_VERSION },
  [PodSecurityLevel.RESTRICTED]: { level: PodSecurityLevel.RESTRICTED, version: PSS_VERSION },
};

/** The policy a workload of the bundle is judged by. */
export function policyOf(index: BundleIndex, workload: Workload, context: RuleContext): EffectivePolicy {
  const policies = index.analysis(NAMESPACE_POLICIES);
  return (policies.size === 0 ? undefined : policies.get(workload.ns)) ?? RUN_POLICIES[context.podSecurity] ?? RUN_POLICIES.restricted;
}

/** `Namespace "shop" (pod-security.kubernetes.io/enforce=baseline)`: where a Namespace's level is chosen. */
export function describeChoice(policy: EffectivePolicy): string {
  return policy.namespace === undefined
    ? 'the run (the podSecurity option, --pss)'
    : `Namespace ${JSON.stringify(policy.namespace)} (${ENFORCE_LABEL}=${policy.labelValue}${policy.labelValue === policy.level ? '' : `, read as "${policy.level}"`})`;
}
