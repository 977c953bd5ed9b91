/**
 * Best-practice checks for isolation and hygiene: network policies, service account tokens, TLS on
 * Ingresses and clean-up of finished Jobs. The NetworkPolicy and service-account checks need the bundle.
 */
import { BundleRule, BundleViolation, ObjectRule } from '../../rule';
import { Layer, Severity, Violation } from '../../types';
import { asArray, asObject, asString } from '../common/field';
import { BundleIndex } from '../cross/_support/bundle-index';
import { describeObject } from '../cross/_support/pod';
import { selectedByKind } from './availability';

/** `policy/network-policy-missing`: every workload is selected by a NetworkPolicy. */
export const networkPolicyMissingRule: BundleRule = {
  id: 'policy/network-policy-missing',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description: 'The pods of every workload are selected by a NetworkPolicy of their namespace (an empty podSelector counts).',
  example:
    'spec.template.metadata.labels: Required value: no NetworkPolicy selects the pods of Deployment "web"; they accept traffic from anywhere in the cluster',
  check(objects) {
    const index = BundleIndex.of(objects);
    const isolated = selectedByKind(index, 'NetworkPolicy', 'podSelector');
    return index.workloads
      .filter((w) => !isolated.has(w))
      .map((w) => ({
        index: w.index,
        path: `${w.pod.metadataPath}.labels`,
        message: `Required value: no NetworkPolicy selects the pods of ${describeObject(w.object)}; they accept traffic from anywhere in the cluster`,
      }));
  },
};

/** `policy/default-service-account`: pods on the default ServiceAccount do not mount its token. */
export const defaultServiceAccountRule: BundleRule = {
  id: 'policy/default-service-account',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description:
    'Pods that run as the default ServiceAccount do not mount its token (automountServiceAccountToken false on the pod, or on a default ServiceAccount of the bundle).',
  example:
    'spec.template.spec.automountServiceAccountToken: Required value: the pods run as the default ServiceAccount with its token mounted; set automountServiceAccountToken: false or use a dedicated ServiceAccount',
  check(objects) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const w of index.workloads) {
      const spec = w.pod.spec;
      const account = asString(spec.serviceAccountName) ?? asString(spec.serviceAccount) ?? '';
      if ((account !== '' && account !== 'default') || spec.automountServiceAccountToken === false) {
        continue;
      }
      const declared = index.find('ServiceAccount', w.ns, 'default');
      if (spec.automountServiceAccountToken !== true && declared?.object.automountServiceAccountToken === false) {
        continue;
      }
      out.push({
        index: w.index,
        path: `${w.pod.specPath}.automountServiceAccountToken`,
        message:
          'Required value: the pods run as the default ServiceAccount with its token mounted; set automountServiceAccountToken: false or use a dedicated ServiceAccount',
      });
    }
    return out;
  },
};

/** True when a TLS host pattern covers the host (`*.example.com` covers one extra label). */
function covers(pattern: string, host: string): boolean {
  if (pattern === host) {
    return true;
  }
  if (!pattern.startsWith('*.')) {
    return false;
  }
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot) === pattern.slice(1);
}

/** `policy/ingress-tls`: Ingresses serve their hosts over TLS. */
export const ingressTlsRule: ObjectRule = {
  id: 'policy/ingress-tls',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'object',
  kinds: ['Ingress'],
  description: 'Ingresses have spec.tls, and every rule host is listed in the hosts of a TLS entry.',
  example: 'spec.tls: Required value: the Ingress serves plain HTTP only; add spec.tls with a certificate Secret',
  check(object) {
    const spec = asObject(object.spec) ?? {};
    const tls = asArray(spec.tls);
    if (tls.length === 0) {
      return [{ path: 'spec.tls', message: 'Required value: the Ingress serves plain HTTP only; add spec.tls with a certificate Secret' }];
    }
    const patterns = tls.flatMap((t) => asArray(asObject(t)?.hosts)).filter((h): h is string => typeof h === 'string');
    const out: Violation[] = [];
    asArray(spec.rules).forEach((rule, i) => {
      const host = asString(asObject(rule)?.host);
      if (host && !patterns.some((p) => covers(p, host))) {
        out.push({
          path: `spec.rules[${i}].host`,
          message: `Invalid value: ${JSON.stringify(host)}: the host is in no spec.tls[].hosts, so it is served over plain HTTP`,
        });
      }
    });
    return out;
  },
};

/** `policy/job-ttl`: standalone Jobs are cleaned up after they finish. */
export const jobTtlRule: ObjectRule = {
  id: 'policy/job-ttl',
  layer: Layer.POLICY,
  defaultSeverity: Severity.WARNING,
  scope: 'object',
  kinds: ['Job'],
  description: 'Jobs set ttlSecondsAfterFinished so that finished Jobs and their pods are deleted (CronJobs use history limits).',
  example:
    'spec.ttlSecondsAfterFinished: Required value: the finished Job and its pods are kept forever; set ttlSecondsAfterFinished',
  check(object) {
    const ttl = asObject(object.spec)?.ttlSecondsAfterFinished;
    return typeof ttl === 'number'
      ? []
      : [
          {
            path: 'spec.ttlSecondsAfterFinished',
            message: 'Required value: the finished Job and its pods are kept forever; set ttlSecondsAfterFinished',
          },
        ];
  },
};
