/**
 * The deployment dependencies the constructs of an app know, down to their API objects.
 *
 * Two sources are read, neither of which changes what cdk8s synthesizes:
 * - `connectTo`: a workload (`AppWorkload`) depends on every database it is connected to;
 * - construct dependencies (`a.node.addDependency(b)`, also `ApiObject.addDependency`): the hook for
 *   any other relation, e.g. an app that needs a migration Job to finish first.
 *
 * Not exported from the package root.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppWorkload } from '../../constructs/workload/app-workload';
import { isDatabase } from '../../constructs/networking/connection';
import { SyncPhase } from './values';

export { SyncPhase };

const FOUNDATION_KINDS = new Set([
  'Namespace', 'ResourceQuota', 'LimitRange', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass',
  'ClusterRole', 'ClusterRoleBinding',
]);
const CONFIGURATION_KINDS = new Set([
  'ServiceAccount', 'ConfigMap', 'Secret', 'ExternalSecret', 'SealedSecret', 'Role', 'RoleBinding',
  'PersistentVolumeClaim', 'NetworkPolicy',
]);

/** The phase of an object kind. */
export function phaseOf(kind: string): SyncPhase {
  if (FOUNDATION_KINDS.has(kind)) {
    return SyncPhase.FOUNDATION;
  }
  return CONFIGURATION_KINDS.has(kind) ? SyncPhase.CONFIGURATION : SyncPhase.RUNTIME;
}

/**
 * One dependency between two constructs, expanded to their API objects: every `source` object is
 * applied after every `target` object.
 */
export interface DependencyGroup {
  /** What declared it, for error messages (`connectTo`, `addDependency`). */
  readonly via: string;
  /** The dependent construct. */
  readonly dependent: IConstruct;
  /** The construct depended on. */
  readonly dependency: IConstruct;
  readonly sources: readonly ApiObject[];
  readonly targets: readonly ApiObject[];
}

/** The API objects of an app and the dependencies between them. */
export interface ObjectDependencies {
  /** Every API object, in construct tree order. */
  readonly objects: readonly ApiObject[];
  readonly groups: readonly DependencyGroup[];
}

/**
 * Collects the API objects under `root` and their dependencies.
 *
 * A construct-level dependency binds only the dependent's runtime objects (`SyncPhase.RUNTIME`):
 * its ServiceAccount, ConfigMaps and Secrets need nothing and stay early. A dependency declared
 * on an API object itself binds that object whatever its kind. Dependencies between objects of
 * the same pattern (e.g. cdk8s-plus's StatefulSet on its headless Service) and between a
 * construct and its own ancestor (nested charts) are left out: Argo CD orders those by kind.
 */
export function collectDependencies(root: IConstruct): ObjectDependencies {
  const all = root.node.findAll();
  const objects = all.filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const objectsUnder = memoize((scope: IConstruct) => scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c)));
  const groups: DependencyGroup[] = [];

  const add = (via: string, dependent: IConstruct, dependency: IConstruct) => {
    if (isAncestorOrSelf(dependent, dependency) || isAncestorOrSelf(dependency, dependent)) {
      return;
    }
    const pattern = patternOrSelf(dependent);
    if (pattern !== undefined && pattern === patternOrSelf(dependency)) {
      return;
    }
    const sources = ApiObject.isApiObject(dependent)
      ? [dependent]
      : objectsUnder(dependent).filter(o => phaseOf(o.kind) === SyncPhase.RUNTIME);
    const targets = objectsUnder(dependency);
    if (sources.length > 0 && targets.length > 0) {
      groups.push({ via, dependent, dependency, sources, targets });
    }
  };

  for (const construct of all) {
    for (const dependency of construct.node.dependencies) {
      add('addDependency', construct, dependency);
    }
    if (construct instanceof AppWorkload) {
      for (const binding of construct.connections) {
        add('connectTo', construct, binding.database);
      }
    }
  }
  return { objects, groups };
}

/** The innermost pattern (workload or database) an object belongs to, if any. */
export function patternOf(object: IConstruct): IConstruct | undefined {
  for (let scope: IConstruct | undefined = object.node.scope; scope; scope = scope.node.scope) {
    if (scope instanceof AppWorkload || isDatabase(scope)) {
      return scope;
    }
  }
  return undefined;
}

/** The construct itself when it is a pattern, else the pattern it belongs to. */
function patternOrSelf(construct: IConstruct): IConstruct | undefined {
  return construct instanceof AppWorkload || isDatabase(construct) ? construct : patternOf(construct);
}

function isAncestorOrSelf(ancestor: IConstruct, node: IConstruct): boolean {
  for (let scope: IConstruct | undefined = node; scope; scope = scope.node.scope) {
    if (scope === ancestor) {
      return true;
    }
  }
  return false;
}

function memoize<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return key => {
    if (!cache.has(key)) {
      cache.set(key, fn(key));
    }
    return cache.get(key)!;
  };
}
