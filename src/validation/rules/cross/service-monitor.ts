/**
 * prometheus-operator ServiceMonitor wiring: the ServiceMonitor selects at least one Service of the
 * bundle (label selector within its namespace selector), and every endpoint `port` names a port of
 * each selected Service. Otherwise Prometheus silently scrapes nothing.
 */
import { BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { asArray, asObject, asString } from '../common/field';
import { BundleIndex, describeNamespace, IndexedObject, namespaceKey } from './_support/bundle-index';
import { listNames } from './_support/pod';
import { LabelSelector } from './_support/selector';

/** The API group of the ServiceMonitor kind. */
const MONITORING_GROUP = 'monitoring.coreos.com';

/** Which namespaces a ServiceMonitor looks in. */
interface NamespaceScope {
  /** Namespace keys, or undefined for every namespace. */
  readonly keys?: ReadonlySet<string>;
  /** For messages. */
  readonly description: string;
}

function namespaceScope(monitor: IndexedObject, spec: Readonly<Record<string, unknown>>): NamespaceScope {
  const selector = asObject(spec.namespaceSelector);
  if (selector?.any === true) {
    return { description: 'any namespace' };
  }
  const names = asArray(selector?.matchNames).filter((n): n is string => typeof n === 'string');
  if (names.length > 0) {
    const keys = new Set(names.map(namespaceKey));
    const described = [...keys].map(k => (k === '' ? 'the default namespace' : `namespace ${JSON.stringify(k)}`));
    return { keys, description: described.join(' or ') };
  }
  return { keys: new Set([monitor.ns]), description: describeNamespace(monitor) };
}

/** The names of the ports of a Service. */
function portNamesOf(service: IndexedObject): string[] {
  return asArray(asObject(service.object.spec)?.ports)
    .map(p => asString(asObject(p)?.name))
    .filter((n): n is string => n !== undefined);
}

/** `cross/service-monitor-target`: a ServiceMonitor that selects no Service, or names a port the Services lack. */
export const serviceMonitorTargetRule: BundleRule = {
  id: 'cross/service-monitor-target',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'A ServiceMonitor selects at least one Service (label selector within its namespace selector) and every endpoint port is a named port of each selected Service (one finding per endpoint).',
  example: 'spec.endpoints[0].port: Not found: "metrics": Service "web" has no port named "metrics" (ports: "http")',
  check(objects) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const monitor of index.ofKind('ServiceMonitor')) {
      const spec = asObject(monitor.object.spec);
      const selector = LabelSelector.fromLabelSelector(spec?.selector);
      if (monitor.group !== MONITORING_GROUP || !spec || !selector) {
        continue;
      }
      const scope = namespaceScope(monitor, spec);
      const services = index.ofKind('Service').filter(s => (!scope.keys || scope.keys.has(s.ns)) && selector.matches(s.labels));
      if (services.length === 0) {
        out.push({
          index: monitor.index,
          path: 'spec.selector',
          message: `Not found: ${JSON.stringify(selector.toString())}: no Service in ${scope.description} has these labels`,
        });
        continue;
      }
      asArray(spec.endpoints).forEach((item, i) => {
        const port = asString(asObject(item)?.port);
        if (port === undefined) {
          return;
        }
        // One finding per endpoint, naming every selected Service that lacks the port.
        const lacking: { name: string; known: string }[] = [];
        for (const service of services) {
          const names = portNamesOf(service);
          if (!names.includes(port)) {
            lacking.push({ name: JSON.stringify(service.name), known: names.length ? names.map(n => JSON.stringify(n)).join(', ') : 'none named' });
          }
        }
        if (lacking.length === 1) {
          out.push({
            index: monitor.index,
            path: `spec.endpoints[${i}].port`,
            message: `Not found: ${JSON.stringify(port)}: Service ${lacking[0].name} has no port named ${JSON.stringify(port)} (ports: ${lacking[0].known})`,
          });
        } else if (lacking.length > 1) {
          out.push({
            index: monitor.index,
            path: `spec.endpoints[${i}].port`,
            message: `Not found: ${JSON.stringify(port)}: ${listNames(lacking.map(l => `Service ${l.name} (ports: ${l.known})`))} have no port named ${JSON.stringify(port)}`,
          });
        }
      });
    }
    return out;
  },
};
