/**
 * Best-practice checks on containers: pinned images, resources and probes.
 */
import { ObjectRule } from '../../rule';
import { Layer, Severity, Violation } from '../../types';
import { asObject, asString } from '../common/field';
import {
  appContainersOf,
  ContainerEntry,
  containersOf,
  ContainerList,
  describeContainer,
  SERVICE_WORKLOAD_KINDS,
} from '../cross/_support/pod';
import { podRule } from './_pod-rule';

/** The tag of an image reference; `null` when pinned by digest, undefined when untagged. */
export function imageTag(image: string): string | null | undefined {
  if (image.includes('@')) {
    return null;
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  return colon < 0 ? undefined : lastSegment.slice(colon + 1);
}

/** `policy/latest-tag`. */
export const latestTagRule: ObjectRule = podRule(
  {
    id: 'policy/latest-tag',
    layer: Layer.POLICY,
    defaultSeverity: Severity.ERROR,
    description: 'Every image is pinned to a version tag or digest (not `latest`, not untagged).',
    example:
      'spec.template.spec.containers[0].image: Invalid value: "nginx:latest": the tag "latest" moves; pin a version tag or a digest',
  },
  (pod) =>
    containersOf(pod).flatMap((c) => {
      const image = asString(c.container.image);
      if (image === undefined || image.trim() === '') {
        return [];
      }
      const tag = imageTag(image.trim());
      if (tag === null || (tag !== undefined && tag !== 'latest')) {
        return [];
      }
      const why = tag === 'latest' ? 'the tag "latest" moves' : 'the image has no tag, so it means "latest"';
      return [
        {
          path: `${c.path}.image`,
          message: `Invalid value: ${JSON.stringify(image)}: ${why}; pin a version tag or a digest`,
        },
      ];
    }),
);

/** Reports `resource` missing from both requests and limits (a limit defaults the request). */
function missingResource(c: ContainerEntry, section: 'requests' | 'limits', resource: string): Violation | undefined {
  const resources = asObject(c.container.resources) ?? {};
  const has = (s: string): boolean => asObject(resources[s])?.[resource] !== undefined;
  const present = section === 'requests' ? has('requests') || has('limits') : has('limits');
  if (present) {
    return undefined;
  }
  const noun = section === 'requests' ? 'request' : 'limit';
  return {
    path: `${c.path}.resources.${section}.${resource}`,
    message: `Required value: ${describeContainer(c)} sets no ${resource} ${noun}`,
  };
}

const RESOURCE_CONTAINERS = [ContainerList.CONTAINERS, ContainerList.INIT_CONTAINERS];

/** `policy/resource-requests`. */
export const resourceRequestsRule: ObjectRule = podRule(
  {
    id: 'policy/resource-requests',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'Every container requests cpu and memory (a limit counts, as it defaults the request), so the scheduler can place it.',
    example: 'spec.template.spec.containers[0].resources.requests.cpu: Required value: container "app" sets no cpu request',
  },
  (pod) =>
    containersOf(pod, RESOURCE_CONTAINERS).flatMap((c) =>
      ['cpu', 'memory'].flatMap((r) => missingResource(c, 'requests', r) ?? []),
    ),
);

/** `policy/resource-limits`. */
export const resourceLimitsRule: ObjectRule = podRule(
  {
    id: 'policy/resource-limits',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description:
      'Every container sets a memory limit, so a leak is OOM-killed in its own container instead of pressuring the node (cpu limits are left to the user: they throttle).',
    example: 'spec.template.spec.containers[0].resources.limits.memory: Required value: container "app" sets no memory limit',
  },
  (pod) => containersOf(pod, RESOURCE_CONTAINERS).flatMap((c) => missingResource(c, 'limits', 'memory') ?? []),
);

/** `policy/readiness-probe`. */
export const readinessProbeRule: ObjectRule = podRule(
  {
    id: 'policy/readiness-probe',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'Every container of a long-running workload has a readinessProbe.',
    example:
      'spec.template.spec.containers[0].readinessProbe: Required value: container "app" has no readinessProbe, so it receives traffic before it is ready',
  },
  (pod) =>
    appContainersOf(pod)
      .filter((c) => asObject(c.container.readinessProbe) === undefined)
      .map((c) => ({
        path: `${c.path}.readinessProbe`,
        message: `Required value: ${describeContainer(c)} has no readinessProbe, so it receives traffic before it is ready`,
      })),
  SERVICE_WORKLOAD_KINDS,
);

/** `policy/liveness-probe`. */
export const livenessProbeRule: ObjectRule = podRule(
  {
    id: 'policy/liveness-probe',
    layer: Layer.POLICY,
    defaultSeverity: Severity.WARNING,
    description: 'Every container of a long-running workload has a livenessProbe.',
    example:
      'spec.template.spec.containers[0].livenessProbe: Required value: container "app" has no livenessProbe, so a hung process is never restarted',
  },
  (pod) =>
    appContainersOf(pod)
      .filter((c) => asObject(c.container.livenessProbe) === undefined)
      .map((c) => ({
        path: `${c.path}.livenessProbe`,
        message: `Required value: ${describeContainer(c)} has no livenessProbe, so a hung process is never restarted`,
      })),
  SERVICE_WORKLOAD_KINDS,
);
