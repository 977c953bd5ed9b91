/**
 * Namespaces: namespaced objects live in a Namespace the bundle creates (or one declared external),
 * and cluster-scoped objects do not carry `metadata.namespace`.
 */
import { BundleRule, BundleViolation } from '../../rule';
import { Layer, Severity } from '../../types';
import { BundleIndex, findExternal } from './_support/bundle-index';
import { isClusterScoped } from './_support/scope';

/** Namespaces every cluster has. */
const BUILT_IN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** `cross/namespace-exists`: the namespace of a namespaced object is created by the bundle or declared external. */
export const namespaceExistsRule: BundleRule = {
  id: 'cross/namespace-exists',
  layer: Layer.CROSS,
  defaultSeverity: Severity.ERROR,
  scope: 'bundle',
  description:
    'A namespaced object with metadata.namespace names a Namespace of the bundle, a built-in one or a declared external one (objects without a namespace are not checked).',
  example:
    'metadata.namespace: Not found: "shop": no Namespace "shop" in the bundle; add one or declare it as an external object',
  check(objects, context) {
    const index = BundleIndex.of(objects);
    const created = new Set(index.ofKind('Namespace').map((n) => n.name));
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

/** `cross/cluster-scoped-namespace`: `metadata.namespace` on a cluster-scoped kind (silently dropped). */
export const clusterScopedNamespaceRule: BundleRule = {
  id: 'cross/cluster-scoped-namespace',
  layer: Layer.CROSS,
  defaultSeverity: Severity.WARNING,
  scope: 'bundle',
  description: 'Cluster-scoped kinds (built-in, or CRDs of the bundle with scope Cluster) do not set metadata.namespace.',
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
