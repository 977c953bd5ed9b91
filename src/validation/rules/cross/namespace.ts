/**
 * Namespaces: namespaced objects live in a Namespace the bundle creates (or one declared external),
 * and cluster-scoped objects do not carry `metadata.namespace`.
 */
import { BundleRule, BundleViolation, RuleContext } from '../../rule';
import { Layer, Severity } from '../../types';
import { BundleIndex, findExternal } from './_support/bundle-index';
import { isClusterScoped } from './_support/scope';

/** Namespaces every cluster has. */
const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/**
 * The namespaced objects whose namespace is neither built in nor declared external, by namespace
 * (first object index and count), in the order of first use.
 */
function namespacesToCreate(index: BundleIndex, context: RuleContext): Map<string, { first: number; count: number }> {
  const wanted = new Map<string, { first: number; count: number }>();
  for (const entry of index.entries) {
    const ns = entry.namespace;
    if (ns === undefined || ns === '' || BUILT_IN_NAMESPACES.has(ns) || isClusterScoped(index, entry.kind)) {
      continue;
    }
    const seen = wanted.get(ns);
    if (seen !== undefined) {
      seen.count++;
    } else if (!findExternal(context, 'Namespace', '', ns)) {
      wanted.set(ns, { first: entry.index, count: 1 });
    }
  }
  return wanted;
}

/**
 * `cross/namespace-exists`: the namespace of a namespaced object is created by the bundle or declared
 * external. A bundle that creates no Namespace at all is left to `cross/namespace-outside-bundle`.
 */
export const namespaceExistsRule: BundleRule = {
  id: 'cross/namespace-exists',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'In a bundle that creates Namespaces, a namespaced object with metadata.namespace names one of them, a built-in one or a declared external one (objects without a namespace are not checked).',
  example:
    'metadata.namespace: Not found: "shop": no Namespace "shop" in the bundle; add one or declare it as an external object',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const namespaces = index.ofKind('Namespace');
    if (namespaces.length === 0) {
      return [];
    }
    const created = new Set(namespaces.map((n) => n.name));
    const out: BundleViolation[] = [];
    for (const entry of index.entries) {
      const ns = entry.namespace;
      if (ns === undefined || ns === '' || isClusterScoped(index, entry.kind)) {
        continue;
      }
      if (created.has(ns) || BUILT_IN_NAMESPACES.has(ns) || findExternal(context, 'Namespace', '', ns)) {
        continue;
      }
      out.push({
        index: entry.index,
        path: 'metadata.namespace',
        message: `Not found: ${JSON.stringify(ns)}: no Namespace ${JSON.stringify(ns)} in the bundle; add one or declare it as an external object`,
      });
    }
    return out;
  },
};

/**
 * `cross/namespace-outside-bundle`: a bundle that creates no Namespace (a Helm render, an app deployed
 * into a namespace someone else manages) gets one note naming the namespaces that must exist.
 */
export const namespaceOutsideBundleRule: BundleRule = {
  id: 'cross/namespace-outside-bundle',
  layer: Layer.CROSS,
  defaultSeverity: Severity.INFO,
  scope: 'bundle',
  description:
    'A bundle that creates no Namespace but puts objects in one that is neither built in nor declared external gets one note (on the first such object) naming the namespaces that must exist before it is applied.',
  example:
    'metadata.namespace: Not found: the bundle creates no Namespace; 8 objects go to "shop", which must exist before they are applied (create it, or declare it as an external object)',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    if (index.ofKind('Namespace').length > 0) {
      return [];
    }
    const wanted = namespacesToCreate(index, context);
    if (wanted.size === 0) {
      return [];
    }
    // Namespaces are listed in the order of first use: the first one is on the first such object.
    let first = -1;
    let total = 0;
    const parts: string[] = [];
    for (const [ns, use] of wanted) {
      if (first < 0) first = use.first;
      total += use.count;
      parts.push(`${use.count} ${use.count === 1 ? 'object goes' : 'objects go'} to ${JSON.stringify(ns)}`);
    }
    const when = `before ${total === 1 ? 'it is' : 'they are'} applied`;
    const fix = wanted.size === 1
      ? `which must exist ${when} (create it, or declare it as an external object)`
      : `which must exist ${when} (create them, or declare them as external objects)`;
    return [{ index: first, path: 'metadata.namespace', message: `Not found: the bundle creates no Namespace; ${parts.join(', ')}, ${fix}` }];
  },
};

/** `cross/cluster-scoped-namespace`: `metadata.namespace` on a cluster-scoped kind (silently dropped). */
export const clusterScopedNamespaceRule: BundleRule = {
  id: 'cross/cluster-scoped-namespace',
  layer: Layer.CROSS,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description: 'Cluster-scoped kinds (built-in, of the CRDs kept in crds/ such as GatewayClass, or of CRDs in the bundle with scope Cluster) do not set metadata.namespace.',
  example: 'metadata.namespace: Forbidden: ClusterRole is cluster-scoped; the namespace "shop" is ignored, remove it',
  check(objects) {
    const index = BundleIndex.of(objects);
    const out: BundleViolation[] = [];
    for (const entry of index.entries) {
      if (entry.namespace !== undefined && entry.namespace !== '' && isClusterScoped(index, entry.kind)) {
        out.push({
          index: entry.index,
          path: 'metadata.namespace',
          message: `Forbidden: ${entry.kind} is cluster-scoped; the namespace ${JSON.stringify(entry.namespace)} is ignored, remove it`,
        });
      }
    }
    return out;
  },
};
