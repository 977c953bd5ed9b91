/**
 * Kinds whose objects are cluster-scoped, so they never get an environment's namespace.
 */
import { CLUSTER_SCOPED_KINDS } from '../validation/rules/cross/_support/scope';

/** Cluster-scoped custom resources the patterns may reference or create (by kind). */
const CLUSTER_SCOPED_CUSTOM_KINDS: readonly string[] = ['ClusterIssuer', 'ClusterSecretStore', 'ClusterExternalSecret'];

/** True when objects of `kind` are cluster-scoped (built-in Kubernetes 1.28 kinds and a few well-known CRDs). */
export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind) || CLUSTER_SCOPED_CUSTOM_KINDS.includes(kind);
}
