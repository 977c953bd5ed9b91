/**
 * Service to pod wiring: selectors that match no pod template, and target ports the selected
 * containers do not declare.
 */
import { BundleRule, BundleViolation } from '../../rule';
import { KubeObject, Layer, Severity } from '../../types';
import { asArray, asObject, asString } from '../common/field';
import { BundleAnalysis, BundleIndex, describeNamespace, IndexedObject, Workload } from './_support/bundle-index';
import { appContainersOf, DeclaredPort, describeObject, helmTestHookNote, listNames, portsOf } from './_support/pod';
import { LabelSelector } from './_support/selector';

/** A Service with a non-empty selector and the workloads it selects. */
interface SelectingService {
  readonly entry: IndexedObject;
  readonly selector: LabelSelector;
  /** The workloads behind the Service (Helm test hooks left out). */
  readonly selected: readonly Workload[];
  /** The Helm test hooks the selector also matches (`helm test` runs them; they serve nothing). */
  readonly testHooks: readonly Workload[];
}

const NO_WORKLOADS: readonly Workload[] = [];

/** The Services of the bundle that select pods (not ExternalName, non-empty selector). */
const SELECTING_SERVICES: BundleAnalysis<readonly SelectingService[]> = {
  name: 'Services with a selector and the workloads they select',
  compute(index) {
    const out: SelectingService[] = [];
    for (const entry of index.ofKind('Service')) {
      const spec = asObject(entry.object.spec);
      if (!spec || spec.type === 'ExternalName') {
        continue;
      }
      const selector = LabelSelector.fromMap(spec.selector);
      if (!selector || selector.isEmpty) {
        continue;
      }
      const matched = index.selectWorkloads(entry.ns, selector);
      // issue #14: held through finish(), so no second array when no Helm test hook is among them (the usual case)
      if (!matched.some((w) => w.helmTestHook)) {
        out.push({ entry, selector, selected: matched, testHooks: NO_WORKLOADS });
        continue;
      }
      out.push({ entry, selector, selected: matched.filter((w) => !w.helmTestHook), testHooks: matched.filter((w) => w.helmTestHook) });
    }
    return out;
  },
};

/** `cross/service-selector`: a Service selector that matches no pod template of its namespace. */
export const serviceSelectorRule: BundleRule = {
  id: 'cross/service-selector',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description: 'A Service selector matches the pod template labels of at least one workload in its namespace (Helm test hooks do not count).',
  example: 'spec.selector: Not found: "app=web": no pod template in the default namespace has these labels',
  check(objects) {
    const out: BundleViolation[] = [];
    for (const svc of BundleIndex.of(objects).analysis(SELECTING_SERVICES)) {
      if (svc.selected.length === 0) {
        out.push({
          index: svc.entry.index,
          path: 'spec.selector',
          message: `Not found: ${JSON.stringify(svc.selector.toString())}: no pod template in ${describeNamespace(svc.entry)} has these labels${helmTestHookNote(svc.testHooks.map((w) => w.object))}`,
        });
      }
    }
    return out;
  },
};

/** The effective target port of a Service port entry (defaults to `port`). */
function targetPortOf(port: Readonly<Record<string, unknown>>): string | number | undefined {
  const target = port.targetPort;
  if (typeof target === 'string' || typeof target === 'number') {
    return target;
  }
  return typeof port.port === 'number' ? port.port : undefined;
}

/** A Service target port that a selected workload does not declare. */
interface TargetPortProblem extends BundleViolation {
  /** True for a named targetPort (`cross/service-target-port`), false for a number (`...-undeclared`). */
  readonly named: boolean;
}

/**
 * One problem per Service port whose target port some selected workloads lack, naming those
 * workloads (grouped by reason, at most {@link listNames} names each); shared by both port rules.
 */
const TARGET_PORT_PROBLEMS: BundleAnalysis<readonly TargetPortProblem[]> = {
  name: 'Service target ports the selected workloads do not declare',
  compute(index) {
    const out: TargetPortProblem[] = [];
    // The ports the regular containers of a workload declare, read once per workload.
    const declaredByWorkload = new Map<Workload, readonly DeclaredPort[]>();
    for (const svc of index.analysis(SELECTING_SERVICES)) {
      const ports = asArray(asObject(svc.entry.object.spec)?.ports);
      for (let i = 0; i < ports.length; i++) {
        const port = asObject(ports[i]);
        const target = port && targetPortOf(port);
        if (!port || target === undefined) {
          continue;
        }
        const protocol = asString(port.protocol) ?? 'TCP';
        // The workloads lacking the port, by reason (in the order the reasons first appear).
        const byReason = new Map<string, string[]>();
        for (const workload of svc.selected) {
          let declared = declaredByWorkload.get(workload);
          if (declared === undefined) {
            declared = appContainersOf(workload.pod).flatMap((c) => portsOf(c.container));
            declaredByWorkload.set(workload, declared);
          }
          const problem = missingPort(declared, target, protocol);
          if (problem) {
            const names = byReason.get(problem);
            if (names) {
              names.push(describeObject(workload.object));
            } else {
              byReason.set(problem, [describeObject(workload.object)]);
            }
          }
        }
        if (byReason.size > 0) {
          const reasons = [...byReason].map(([reason, names]) => `${listNames(names)} ${names.length === 1 ? 'declares' : 'declare'} ${reason}`);
          out.push({
            index: svc.entry.index,
            path: `spec.ports[${i}].targetPort`,
            message: `Not found: ${JSON.stringify(target)}: ${reasons.join('; ')}`,
            named: typeof target === 'string',
          });
        }
      }
    }
    return out;
  },
};

/** The target port problems of one kind (named or numeric). */
function checkPorts(objects: readonly KubeObject[], named: boolean): BundleViolation[] {
  const out: BundleViolation[] = [];
  for (const problem of BundleIndex.of(objects).analysis(TARGET_PORT_PROBLEMS)) {
    if (problem.named === named) {
      out.push({ index: problem.index, path: problem.path, message: problem.message });
    }
  }
  return out;
}

/** Why the declared ports do not provide `target`/`protocol` (after "declares"), or undefined when they do. */
function missingPort(declared: readonly DeclaredPort[], target: string | number, protocol: string): string | undefined {
  const same = declared.filter((p) => (typeof target === 'string' ? p.name === target : p.containerPort === target));
  if (same.some((p) => p.protocol === protocol)) {
    return undefined;
  }
  const label = typeof target === 'string' ? `named ${JSON.stringify(target)}` : `${target}`;
  if (same.length > 0) {
    return `container port ${label} with protocol ${same[0].protocol}, not ${protocol}`;
  }
  return typeof target === 'string' ? `no container port ${label}` : `no container port ${label}/${protocol}`;
}

/** `cross/service-target-port`: a named targetPort that the selected containers do not declare. */
export const serviceTargetPortRule: BundleRule = {
  id: 'cross/service-target-port',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'A named Service targetPort is declared, with the same protocol, by the containers of every workload the Service selects (Helm test hooks left out); one finding per port names the workloads that lack it.',
  example: 'spec.ports[0].targetPort: Not found: "http": Deployment "web" declares no container port named "http"',
  check(objects) {
    return checkPorts(objects, true);
  },
};

/** `cross/service-target-port-undeclared`: a numeric targetPort that the selected containers do not declare. */
export const serviceTargetPortUndeclaredRule: BundleRule = {
  id: 'cross/service-target-port-undeclared',
  layer: Layer.CROSS,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description:
    'A numeric Service targetPort (or its port when targetPort is unset) is a declared container port, with the same protocol, of every selected workload (Helm test hooks left out); one finding per port.',
  example: 'spec.ports[0].targetPort: Not found: 8080: Deployment "web" declares no container port 8080/TCP',
  check(objects) {
    return checkPorts(objects, false);
  },
};
