/**
 * L5 security and best-practice policy: the Pod Security Standards profile of the run, plus the
 * checks of kube-linter's and Polaris's defaults that matter for a web-app library.
 */
import { Rule } from '../../rule';
import { hpaMinReplicasRule, minReplicasRule, pdbMissingRule } from './availability';
import { latestTagRule, livenessProbeRule, readinessProbeRule, resourceLimitsRule, resourceRequestsRule } from './containers';
import {
  hostPortRule,
  nodePortRule,
  sensitiveHostMountsRule,
  sshPortRule,
  unsafeSysctlsRule,
  writableHostMountRule,
} from './host-access';
import { defaultServiceAccountRule, ingressTlsRule, jobTtlRule, networkPolicyMissingRule } from './isolation';
import { podSecurityRelaxedRule } from './pod-security/pod-security-relaxed-rule';
import { podSecurityRule } from './pod-security/pod-security-rule';
import { configMapSecretsRule, envLiteralSecretRule, secretInManifestRule } from './secrets';
import {
  dangerousCapabilitiesRule,
  dropCapabilitiesRule,
  hostNamespacesRule,
  privilegedContainerRule,
  privilegeEscalationRule,
  readOnlyRootFilesystemRule,
  runAsNonRootRule,
} from './security-context';

/** Every policy rule, layer `policy`, ids `policy/<name>`. */
export const POLICY_RULES: Rule[] = [
  podSecurityRule,
  podSecurityRelaxedRule,
  // Errors of the default pack.
  privilegedContainerRule,
  privilegeEscalationRule,
  hostNamespacesRule,
  sensitiveHostMountsRule,
  dangerousCapabilitiesRule,
  latestTagRule,
  // Warnings of the default pack.
  resourceRequestsRule,
  resourceLimitsRule,
  readinessProbeRule,
  livenessProbeRule,
  runAsNonRootRule,
  readOnlyRootFilesystemRule,
  dropCapabilitiesRule,
  minReplicasRule,
  hpaMinReplicasRule,
  pdbMissingRule,
  networkPolicyMissingRule,
  defaultServiceAccountRule,
  ingressTlsRule,
  jobTtlRule,
  configMapSecretsRule,
  envLiteralSecretRule,
  secretInManifestRule,
  sshPortRule,
  unsafeSysctlsRule,
  writableHostMountRule,
  nodePortRule,
  hostPortRule,
];
