/**
 * Layer 3: the semantic rules of the Kubernetes 1.28 API server (what it rejects with 422 Invalid),
 * run after defaulting, with its messages and field paths.
 *
 * ServiceAccount has no rules beyond `api/metadata` (a DNS subdomain name), as in 1.28.
 */
import { ObjectRule } from '../../rule';
import { DEPLOYMENT_RULE, DAEMONSET_RULE, REPLICASET_RULE } from './workloads';
import { HPA_RULE } from './autoscaling';
import { CONFIGMAP_RULE, SECRET_RULE } from './config';
import { INGRESS_RULE } from './ingress';
import { CRONJOB_RULE, CRONJOB_TZ_PREFIX_RULE, JOB_RULE } from './job';
import { METADATA_RULE } from './metadata';
import { POD_SPEC_RULE } from './pod-spec';
import { NAMESPACE_RULE, NETWORKPOLICY_RULE, PDB_RULE } from './policy';
import { PVC_RULE } from './pvc';
import { RBAC_RULE } from './rbac';
import { LIMITRANGE_RULE, RESOURCEQUOTA_RULE } from './quota';
import { SERVICE_RULE } from './service';
import { STATEFULSET_POD_TEMPLATE_RULE, STATEFULSET_RULE } from './statefulset';

/** Every API-server rule, layer `api`, in a stable order. */
export const API_RULES: readonly ObjectRule[] = [
  METADATA_RULE,
  POD_SPEC_RULE,
  DEPLOYMENT_RULE,
  REPLICASET_RULE,
  DAEMONSET_RULE,
  STATEFULSET_RULE,
  STATEFULSET_POD_TEMPLATE_RULE,
  JOB_RULE,
  CRONJOB_RULE,
  CRONJOB_TZ_PREFIX_RULE,
  SERVICE_RULE,
  INGRESS_RULE,
  CONFIGMAP_RULE,
  SECRET_RULE,
  PVC_RULE,
  HPA_RULE,
  PDB_RULE,
  NETWORKPOLICY_RULE,
  NAMESPACE_RULE,
  RESOURCEQUOTA_RULE,
  LIMITRANGE_RULE,
  RBAC_RULE,
];

export { validatePodSpec, validatePodTemplate, STATEFULSET_NOTE } from './pod-spec';
export { validatePvcSpec } from './pvc';
export { validateObjectMeta, validateAnnotations, TOTAL_ANNOTATION_SIZE_LIMIT, CRONJOB_NAME_MAX_LENGTH } from './metadata';
export { MAX_SECRET_SIZE } from './config';
