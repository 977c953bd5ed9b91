/**
 * Argo CD sync waves derived from the dependencies the constructs know.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-waves/
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../constructs/core/errors';
import { collectDependencies, DependencyGroup, phaseOf } from './object-dependencies';
import { SYNC_WAVE_ANNOTATION } from './values';

export { SYNC_WAVE_ANNOTATION };

/** Objects whose wave annotation this module wrote (recomputed on a second call). */
const assigned = new WeakSet<ApiObject>();

/**
 * Computes the sync wave of every API object under `root` (usually the `App`).
 *
 * The wave of an object is the smallest integer that is
 * - at least the phase of its kind: 0 for Namespaces, quotas and cluster-scoped definitions, 1 for
 *   ServiceAccounts, ConfigMaps, Secrets (also ExternalSecret/SealedSecret), RBAC, volume claims and
 *   NetworkPolicies, 2 for everything else; and
 * - greater than the wave of every object it depends on: a workload's runtime objects come after
 *   every object of the databases it is connected to (`connectTo`), and after the objects of any
 *   construct it depends on (`node.addDependency`, e.g. a migration Job).
 *
 * That is the longest-path layering of the dependency graph, so the result is deterministic and
 * uses as few waves as the dependencies allow. An object that already carries the
 * `argocd.argoproj.io/sync-wave` annotation keeps it (objects that depend on it are placed after
 * it). Throws a `ValidationError` on a dependency cycle or on a pinned wave that is not after its
 * own dependencies.
 */
export function computeSyncWaves(root: IConstruct): ReadonlyMap<ApiObject, number> {
  const { objects, groups } = collectDependencies(root);
  const outgoing = new Map<ApiObject, DependencyGroup[]>();
  for (const group of groups) {
    for (const source of group.sources) {
      const list = outgoing.get(source) ?? [];
      list.push(group);
      outgoing.set(source, list);
    }
  }

  const waves = new Map<ApiObject, number>();
  const groupWaves = new Map<DependencyGroup, number>();
  const visiting = new Set<ApiObject>();
  const stack: Array<{ object: ApiObject; group?: DependencyGroup }> = [];

  const waveOf = (object: ApiObject): number => {
    const known = waves.get(object);
    if (known !== undefined) {
      return known;
    }
    if (visiting.has(object)) {
      throw cycleError(stack, object);
    }
    visiting.add(object);
    const frame: { object: ApiObject; group?: DependencyGroup } = { object };
    stack.push(frame);
    let after = -1;
    let blocker: DependencyGroup | undefined;
    for (const group of outgoing.get(object) ?? []) {
      frame.group = group;
      const wave = groupWave(group);
      if (wave > after) {
        after = wave;
        blocker = group;
      }
    }
    stack.pop();
    visiting.delete(object);
    const pinned = pinnedWave(object);
    let wave: number;
    if (pinned === undefined) {
      wave = Math.max(phaseOf(object.kind), after + 1);
    } else {
      if (blocker && pinned <= after) {
        throw new ValidationError(object, `'${SYNC_WAVE_ANNOTATION}' annotation (${pinned}) must be greater than the wave `
          + `of its dependency "${blocker.dependency.node.path}" (${after}, ${blocker.via}); raise it or remove the annotation`);
      }
      wave = pinned;
    }
    waves.set(object, wave);
    return wave;
  };

  const groupWave = (group: DependencyGroup): number => {
    let wave = groupWaves.get(group);
    if (wave === undefined) {
      wave = Math.max(...group.targets.map(waveOf));
      groupWaves.set(group, wave);
    }
    return wave;
  };

  for (const object of objects) {
    waveOf(object);
  }
  return waves;
}

/**
 * Annotates every API object under `root` (usually the `App`) with its Argo CD sync wave
 * (`argocd.argoproj.io/sync-wave`), computed by {@link computeSyncWaves}: a database (with its
 * Secret/ExternalSecret and Services) comes before the apps connected to it, Namespaces and
 * ServiceAccounts/ConfigMaps/Secrets come early, and any construct dependency
 * (`app.node.addDependency(migration)`) puts the dependent after its dependency.
 *
 * Call it before synthesis, only when the output is delivered with Argo CD: without it nothing
 * in the output changes. Calling it again recomputes the waves it wrote.
 */
export function assignSyncWaves(root: IConstruct): void {
  for (const object of root.node.findAll()) {
    if (ApiObject.isApiObject(object) && assigned.has(object)) {
      annotationsOf(object).delete(SYNC_WAVE_ANNOTATION);
    }
  }
  for (const [object, wave] of computeSyncWaves(root)) {
    if (pinnedWave(object) === undefined) {
      object.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, String(wave));
      assigned.add(object);
    }
  }
}

/** The wave a user set on the object, if any. */
function pinnedWave(object: ApiObject): number | undefined {
  const value = annotationsOf(object).get(SYNC_WAVE_ANNOTATION);
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw new ValidationError(object, `'${SYNC_WAVE_ANNOTATION}' annotation (${JSON.stringify(value)}) must be an integer `
      + 'such as "-1" or "3"; fix it or remove it to get a derived wave');
  }
  return Number(value);
}

/** A view of the object's own annotations (cdk8s offers no getter). */
function annotationsOf(object: ApiObject): { get(key: string): unknown; delete(key: string): void } {
  const annotations = (object.metadata as unknown as { annotations?: Record<string, unknown> }).annotations ?? {};
  return {
    get: key => (Object.prototype.hasOwnProperty.call(annotations, key) ? annotations[key] : undefined),
    delete: key => { delete annotations[key]; },
  };
}

/** The error for a cycle that closes at `object`. */
function cycleError(stack: ReadonlyArray<{ object: ApiObject; group?: DependencyGroup }>, object: ApiObject): ValidationError {
  const start = stack.findIndex(frame => frame.object === object);
  const groups = stack.slice(start).map(frame => frame.group!);
  const steps = [`"${groups[0].dependent.node.path}"`, ...groups.map(g => `"${g.dependency.node.path}" (${g.via})`)];
  return new ValidationError(groups[0].dependent, `sync waves: dependency cycle ${steps.join(' -> ')}; `
    + 'remove one of these dependencies (connectTo or node.addDependency)');
}
