/**
 * References a pod template makes to things outside its own fields: its ServiceAccount, and the
 * container ports its probes target.
 */
import { BundleRule, BundleViolation } from '../../rule';
import { KubeObject, Layer, Severity } from '../../types';
import { asObject, asString } from '../common/field';
import { BundleAnalysis, BundleIndex, describeNamespace, findExternal } from './_support/bundle-index';
import { appContainersOf, ContainerEntry, DeclaredPort, describeContainer, portsOf } from './_support/pod';

/** `cross/service-account`: a pod's serviceAccountName exists. */
export const serviceAccountRule: BundleRule = {
  id: 'cross/service-account',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'The serviceAccountName of every pod template names a ServiceAccount of the bundle, a declared external one or "default".',
  example:
    'spec.template.spec.serviceAccountName: Not found: "web": no ServiceAccount "web" in the default namespace; add it or declare it as an external object',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const workload of index.workloads) {
      const spec = workload.pod.spec;
      const field = asString(spec.serviceAccountName) !== undefined ? 'serviceAccountName' : 'serviceAccount';
      const name = asString(spec[field]);
      if (!name || name === 'default') {
        continue;
      }
      if (index.find('ServiceAccount', workload.ns, name) || findExternal(context, 'ServiceAccount', workload.ns, name)) {
        continue;
      }
      out.push({
        index: workload.index,
        path: `${workload.pod.specPath}.${field}`,
        message: `Not found: ${JSON.stringify(name)}: no ServiceAccount ${JSON.stringify(name)} in ${describeNamespace(workload)}; add it or declare it as an external object`,
      });
    }
    return out;
  },
};

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

/** A probe port that the container does not declare. */
interface ProbePortProblem {
  /** The bundle index of the workload. */
  readonly index: number;
  readonly path: string;
  readonly message: string;
  /** True for a named port (`cross/probe-port`), false for a number (`cross/probe-port-undeclared`). */
  readonly named: boolean;
}

/** The probe ports of every pod template that its containers do not declare; shared by both probe rules. */
const PROBE_PORT_PROBLEMS: BundleAnalysis<readonly ProbePortProblem[]> = {
  name: 'probe ports the containers do not declare',
  compute(index) {
    const out: ProbePortProblem[] = [];
    const workloads = index.workloads;
    for (let w = 0; w < workloads.length; w++) {
      const containers = appContainersOf(workloads[w].pod);
      for (let c = 0; c < containers.length; c++) {
        probePortProblems(out, workloads[w].index, containers[c]);
      }
    }
    return out;
  },
};

/** Adds the probe ports of one container that it does not declare. */
function probePortProblems(out: ProbePortProblem[], index: number, c: ContainerEntry): void {
  // Read only when a probe names a port (most containers have no probe port to check).
  let declared: DeclaredPort[] | undefined;
  for (const probe of PROBES) {
    const probeObject = asObject(c.container[probe]);
    if (probeObject === undefined) {
      continue;
    }
    for (const handler of HANDLERS) {
      const port = asObject(probeObject[handler])?.port;
      if (typeof port !== 'string' && typeof port !== 'number') {
        continue;
      }
      declared ??= portsOf(c.container);
      if (typeof port === 'string' && !declared.some((p) => p.name === port)) {
        out.push({
          index,
          path: `${c.path}.${probe}.${handler}.port`,
          named: true,
          message: `Not found: ${JSON.stringify(port)}: ${describeContainer(c)} declares no port named ${JSON.stringify(port)}`,
        });
      } else if (typeof port === 'number' && !declared.some((p) => p.containerPort === port)) {
        out.push({
          index,
          path: `${c.path}.${probe}.${handler}.port`,
          named: false,
          message: `Not found: ${port}: ${describeContainer(c)} declares no container port ${port}`,
        });
      }
    }
  }
}

function probeViolations(objects: readonly KubeObject[], named: boolean): BundleViolation[] {
  const out: BundleViolation[] = [];
  for (const problem of BundleIndex.of(objects).analysis(PROBE_PORT_PROBLEMS)) {
    if (problem.named === named) {
      out.push({ index: problem.index, path: problem.path, message: problem.message });
    }
  }
  return out;
}

/** `cross/probe-port`: a probe targets a named port the container does not declare (the probe always fails). */
export const probePortRule: BundleRule = {
  id: 'cross/probe-port',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'Named ports of liveness, readiness and startup probes are declared by the same container.',
  example:
    'spec.template.spec.containers[0].readinessProbe.httpGet.port: Not found: "http": container "app" declares no port named "http"',
  check(objects) {
    return probeViolations(objects, true);
  },
};

/** `cross/probe-port-undeclared`: a probe targets a numeric port the container does not declare. */
export const probePortUndeclaredRule: BundleRule = {
  id: 'cross/probe-port-undeclared',
  layer: Layer.CROSS,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description: 'Numeric ports of liveness, readiness and startup probes are declared container ports.',
  example:
    'spec.template.spec.containers[0].livenessProbe.tcpSocket.port: Not found: 9090: container "app" declares no container port 9090',
  check(objects) {
    return probeViolations(objects, false);
  },
};
