/**
 * Which kinds are cluster-scoped: the built-in ones of Kubernetes 1.28, the custom resources of the
 * CRDs kept in crds/ that declare `scope: Cluster` (e.g. the Gateway API's GatewayClass), plus
 * CustomResourceDefinitions of the bundle that declare `scope: Cluster`.
 */
import { GENERATED_CRDS } from '../../../schema/crds/generated';
import { asObject, asString } from '../../common/field';
import { BundleAnalysis, BundleIndex } from './bundle-index';

/** Built-in cluster-scoped kinds (Kubernetes 1.28 API groups). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'SelfSubjectAccessReview',
  'SelfSubjectReview',
  'SelfSubjectRulesReview',
  'StorageClass',
  'SubjectAccessReview',
  'TokenReview',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/** Kinds of the CRDs kept in crds/ (known to the validator without setup) that are cluster-scoped. */
const KNOWN_CRD_CLUSTER_KINDS: ReadonlySet<string> = new Set(
  GENERATED_CRDS.filter((crd) => crd.scope === 'Cluster').map((crd) => crd.kind));

/** True when objects of the kind are cluster-scoped. */
export function isClusterScoped(index: BundleIndex, kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind) || KNOWN_CRD_CLUSTER_KINDS.has(kind) || index.analysis(CUSTOM_CLUSTER_KINDS).has(kind);
}

const CUSTOM_CLUSTER_KINDS: BundleAnalysis<ReadonlySet<string>> = {
  name: 'kinds that CustomResourceDefinitions of the bundle declare cluster-scoped',
  compute(index) {
    const found = new Set<string>();
    for (const crd of index.ofKind('CustomResourceDefinition')) {
      const spec = asObject(crd.object.spec);
      const kind = asString(asObject(spec?.names)?.kind);
      if (kind && spec?.scope === 'Cluster') {
        found.add(kind);
      }
    }
    return found;
  },
};
