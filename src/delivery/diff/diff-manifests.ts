/**
 * The object-by-object diff of two sets of manifests.
 */
import { KubeObject } from '../../validation/types';
import { ChangeType, REDACTED } from './values';
import { deepEqual, diffFields, FieldChange, valueAt } from './field-diff';
import { compareIdentities, identityKey, identityOf, IdentityOptions, isRecord, ObjectId } from './identity';
import { ManifestInput, ScopedObject, scopedObjects } from './inputs';
import { RiskFlag, risksOfChange, risksOfRemoval, risksOfRename } from './risk';

export { ChangeType, REDACTED };

/** Options of {@link diffManifests}. */
export interface DiffOptions extends IdentityOptions {
  /**
   * Detect renames: an object removed and one of the same kind added whose labels (ignoring
   * `cdk8s.io/metadata.addr`) or selector are the same are reported as one rename.
   *
   * @default true
   */
  readonly detectRenames?: boolean;
  /**
   * Rewrites every string value (names included) of the old objects before they are compared,
   * e.g. to turn environment-specific names into a common form when comparing environments.
   *
   * @default - strings are compared as they are
   */
  readonly rewriteBefore?: (text: string) => string;
  /**
   * Rewrites every string value of the new objects before they are compared.
   *
   * @default - strings are compared as they are
   */
  readonly rewriteAfter?: (text: string) => string;
}

/** Where one side of an object diff came from. */
export interface DiffSource {
  /** The file (YAML input). */
  readonly file?: string;
  /** The 1-based line of the document (YAML input). */
  readonly line?: number;
  /** The construct path (objects of a synthesized app). */
  readonly constructPath?: string;
}

/** The difference of one object. */
export interface ObjectDiff {
  readonly change: ChangeType;
  /** The object (its new identity for a rename). */
  readonly id: ObjectId;
  /** The old identity of a renamed object. */
  readonly previousId?: ObjectId;
  /** The changed fields (changed and renamed objects); Secret data values and annotations that embed objects are redacted. */
  readonly fields: readonly FieldChange[];
  /** Why the change is risky; empty when it is safe. */
  readonly risks: readonly RiskFlag[];
  /** Where the old object came from (absent for added objects). */
  readonly before?: DiffSource;
  /** Where the new object came from (absent for removed objects). */
  readonly after?: DiffSource;
}

/** Counts of a diff. */
export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly renamed: number;
  /** Objects with at least one risk flag. */
  readonly risky: number;
  /** Objects present on both sides with the same content. */
  readonly unchanged: number;
}

/** The result of {@link diffManifests}. */
export interface DiffReport {
  /** The objects that differ, ordered by scope, kind, group, namespace and name. */
  readonly objects: readonly ObjectDiff[];
  readonly summary: DiffSummary;
}

/**
 * Compares two sets of manifests object by object.
 *
 * Objects are matched by folder scope, API group, kind, namespace (unless `ignoreNamespace`) and
 * name. With `ignoreNamespace`, each side's only Namespace object (an environment's namespace)
 * is matched with the other's whatever their names. Duplicate identities on one side keep their
 * first occurrence.
 *
 * @throws DiffInputError when a side is given as files and one of them does not parse
 */
export function diffManifests(before: ManifestInput, after: ManifestInput, options: DiffOptions = {}): DiffReport {
  const oldSide = index(rewrite(scopedObjects(before), options.rewriteBefore), options);
  const newSide = index(rewrite(scopedObjects(after), options.rewriteAfter), options);
  const objects: ObjectDiff[] = [];
  let unchanged = 0;
  const removed: Indexed[] = [];
  for (const [key, old] of oldSide) {
    const current = newSide.get(key);
    if (current === undefined) {
      removed.push(old);
      continue;
    }
    newSide.delete(key);
    if (deepEqual(old.object, current.object)) {
      unchanged++;
      continue;
    }
    objects.push({
      change: ChangeType.CHANGED,
      id: current.id,
      fields: fieldChanges(current.id, old.object, current.object, options),
      risks: risksOfChange(current.id, old.object, current.object),
      before: sourceOf(old),
      after: sourceOf(current),
    });
  }
  const added = [...newSide.values()];
  if (options.detectRenames ?? true) {
    for (const [old, current] of pairRenames(removed, added)) {
      removed.splice(removed.indexOf(old), 1);
      added.splice(added.indexOf(current), 1);
      objects.push({
        change: ChangeType.RENAMED,
        id: current.id,
        previousId: old.id,
        fields: fieldChanges(current.id, old.object, current.object, options).filter((f) => f.path !== 'metadata.name'),
        risks: risksOfRename(old.id, current.id, old.object),
        before: sourceOf(old),
        after: sourceOf(current),
      });
    }
  }
  for (const old of removed) {
    objects.push({ change: ChangeType.REMOVED, id: old.id, fields: [], risks: risksOfRemoval(old.id, old.object), before: sourceOf(old) });
  }
  for (const current of added) {
    objects.push({ change: ChangeType.ADDED, id: current.id, fields: [], risks: [], after: sourceOf(current) });
  }
  objects.sort((a, b) => compareIdentities(a.id, b.id));
  const count = (change: ChangeType): number => objects.filter((o) => o.change === change).length;
  return {
    objects,
    summary: {
      added: count(ChangeType.ADDED),
      removed: count(ChangeType.REMOVED),
      changed: count(ChangeType.CHANGED),
      renamed: count(ChangeType.RENAMED),
      risky: objects.filter((o) => o.risks.length > 0).length,
      unchanged,
    },
  };
}

/** True when the report has at least one risky change. */
export function hasRisk(report: DiffReport): boolean {
  return report.summary.risky > 0;
}

/** True when the report has any difference. */
export function hasChanges(report: DiffReport): boolean {
  return report.objects.length > 0;
}

interface Indexed extends ScopedObject {
  readonly id: ObjectId;
}

function index(objects: readonly ScopedObject[], options: DiffOptions): Map<string, Indexed> {
  const out = new Map<string, Indexed>();
  const namespaces = new Map<string, number>();
  if (options.ignoreNamespace) {
    for (const o of objects) if (o.object.kind === 'Namespace') namespaces.set(o.scope, (namespaces.get(o.scope) ?? 0) + 1);
  }
  for (const o of objects) {
    const id = identityOf(o.object, o.scope);
    const soleNamespace = options.ignoreNamespace && id.kind === 'Namespace' && id.group === '' && namespaces.get(o.scope) === 1;
    const key = soleNamespace ? `${o.scope}\u0000namespace` : identityKey(id, options);
    if (!out.has(key)) out.set(key, { ...o, id });
  }
  return out;
}

function rewrite(objects: ScopedObject[], rewriter: ((text: string) => string) | undefined): ScopedObject[] {
  if (rewriter === undefined) return objects;
  const map = (value: unknown): unknown => {
    if (typeof value === 'string') return rewriter(value);
    if (Array.isArray(value)) return value.map(map);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, map(v)]));
    return value;
  };
  return objects.map((o) => ({ ...o, object: map(o.object) as KubeObject }));
}

function fieldChanges(id: ObjectId, before: KubeObject, after: KubeObject, options: DiffOptions): FieldChange[] {
  const ignore = new Set(options.ignoreNamespace ? ['metadata.namespace'] : []);
  const fields = diffFields(before, after, { ignore });
  const secret = id.group === '' && id.kind === 'Secret';
  return fields.map((f) => {
    const redact = secret && /^(data|stringData)(\.|\[|$)/.test(f.path)
      ? (): string => REDACTED
      : (value: unknown): unknown => redactEmbeddedObjects(value, ANNOTATION_PATH.test(f.path), ANNOTATIONS_PATH.test(f.path));
    return { ...f, ...('before' in f ? { before: redact(f.before) } : {}), ...('after' in f ? { after: redact(f.after) } : {}) };
  });
}

/** A field path that is one annotation (`metadata.annotations[kubectl.kubernetes.io/last-applied-configuration]`). */
const ANNOTATION_PATH = /(^|\.)annotations(\.[^.[\]]+|\[[^\]]*\])$/;
/** A field path that is a whole annotation map. */
const ANNOTATIONS_PATH = /(^|\.)annotations$/;

/**
 * True for an annotation value that embeds an object (JSON or a flow mapping), such as kubectl's
 * `last-applied-configuration`: it can hold a whole Secret, values included.
 */
function embedsObject(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trimStart();
  return text.startsWith('{') || text.startsWith('[');
}

/**
 * The value with every annotation that embeds an object replaced by {@link REDACTED}: `value` is
 * one annotation (`isAnnotation`), an annotation map (`isAnnotations`), or any part of an object,
 * whose `annotations` maps are searched.
 */
function redactEmbeddedObjects(value: unknown, isAnnotation: boolean, isAnnotations: boolean): unknown {
  if (isAnnotation) return embedsObject(value) ? REDACTED : value;
  if (Array.isArray(value)) return value.map((v) => redactEmbeddedObjects(v, false, false));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const redacted = isAnnotations ? (embedsObject(v) ? REDACTED : v) : redactEmbeddedObjects(v, false, key === 'annotations' && isRecord(v));
    Object.defineProperty(out, key, { value: redacted, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** One-to-one pairs of a removed and an added object of the same scope and kind that look alike. */
function pairRenames(removed: readonly Indexed[], added: readonly Indexed[]): Array<[Indexed, Indexed]> {
  const pairs: Array<[Indexed, Indexed]> = [];
  const taken = new Set<Indexed>();
  for (const old of removed) {
    const match = added.find((current) => !taken.has(current) && alike(old, current));
    if (match) {
      taken.add(match);
      pairs.push([old, match]);
    }
  }
  return pairs;
}

function alike(a: Indexed, b: Indexed): boolean {
  if (a.scope !== b.scope || a.id.group !== b.id.group || a.id.kind !== b.id.kind) return false;
  const labelsA = stableLabels(a.object);
  const labelsB = stableLabels(b.object);
  if (Object.keys(labelsA).length > 0 && deepEqual(labelsA, labelsB)) return true;
  const selectorA = valueAt(a.object, 'spec', 'selector');
  return selectorA !== undefined && !(isRecord(selectorA) && Object.keys(selectorA).length === 0)
    && deepEqual(selectorA, valueAt(b.object, 'spec', 'selector'));
}

function stableLabels(object: KubeObject): Record<string, unknown> {
  const labels = valueAt(object, 'metadata', 'labels');
  if (!isRecord(labels)) return {};
  const { ['cdk8s.io/metadata.addr']: _addr, ...rest } = labels;
  return rest;
}

function sourceOf(o: ScopedObject): DiffSource {
  const { file, line, constructPath } = o.source;
  return {
    ...(file !== undefined ? { file } : {}),
    ...(line !== undefined ? { line } : {}),
    ...(constructPath !== undefined ? { constructPath } : {}),
  };
}
