/**
 * Field-level differences between two versions of one object.
 *
 * Objects are compared key by key, ignoring key order; `null` counts as absent (as for the API
 * server). Lists are compared by index, except lists of named items (containers, ports, env,
 * volumes, volume mounts, volume claim templates...), which are matched by name so that an
 * inserted item does not show up as a change of every following one.
 */
import { isRecord } from './identity';
import { FieldOp, NAMED_LISTS } from './values';

export { FieldOp, NAMED_LISTS };

/** One changed field of an object. */
export interface FieldChange {
  readonly op: FieldOp;
  /**
   * The field path: dots between keys, `[key]` for keys that are not plain identifiers
   * (`metadata.labels[app.kubernetes.io/name]`), `[0]` for list indexes and `[name=web]` for
   * items of named lists (`spec.template.spec.containers[name=web].image`).
   */
  readonly path: string;
  /** The old value (absent for {@link FieldOp.ADDED}). */
  readonly before?: unknown;
  /** The new value (absent for {@link FieldOp.REMOVED}). */
  readonly after?: unknown;
}

/** A segment of a field path. */
export type PathSegment = string | number | { readonly name: string };

/** Options of {@link diffFields}. */
export interface FieldDiffOptions {
  /**
   * Field paths (as rendered, e.g. `metadata.namespace`) left out of the comparison.
   *
   * @default - none
   */
  readonly ignore?: ReadonlySet<string>;
}

/** The changed fields from `before` to `after`, in document order (the new document's key order first). */
export function diffFields(before: unknown, after: unknown, options: FieldDiffOptions = {}): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, [], out, options.ignore ?? new Set());
  return out;
}

/** Deep equality of JSON values, ignoring key order and treating `null` members as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const ka = presentKeys(a);
    const kb = presentKeys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** The value at `path` (keys and indexes) inside `value`, or undefined. */
export function valueAt(value: unknown, ...path: ReadonlyArray<string | number>): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isRecord(current)) return undefined;
      current = current[segment];
    }
  }
  return current ?? undefined;
}

/** Renders a path in the syntax described on {@link FieldChange.path}. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'object') out += `[name=${segment.name}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${segment}]`;
  }
  return out;
}

function walk(before: unknown, after: unknown, path: PathSegment[], out: FieldChange[], ignore: ReadonlySet<string>): void {
  if (ignore.size > 0 && ignore.has(formatPath(path))) return;
  if (deepEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...presentKeys(after), ...presentKeys(before).filter((k) => !present(after, k))];
    for (const key of keys) {
      const child = [...path, key];
      if (ignore.size > 0 && ignore.has(formatPath(child))) continue;
      if (!present(before, key)) out.push({ op: FieldOp.ADDED, path: formatPath(child), after: after[key] });
      else if (!present(after, key)) out.push({ op: FieldOp.REMOVED, path: formatPath(child), before: before[key] });
      else walk(before[key], after[key], child, out, ignore);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const last = path[path.length - 1];
    if (typeof last === 'string' && NAMED_LISTS.has(last)) {
      const beforeNames = itemNames(before);
      const afterNames = itemNames(after);
      if (beforeNames && afterNames) {
        walkNamed(before, beforeNames, after, afterNames, path, out, ignore);
        return;
      }
    }
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++) walk(before[i], after[i], [...path, i], out, ignore);
    for (let i = common; i < after.length; i++) out.push({ op: FieldOp.ADDED, path: formatPath([...path, i]), after: after[i] });
    for (let i = common; i < before.length; i++) out.push({ op: FieldOp.REMOVED, path: formatPath([...path, i]), before: before[i] });
    return;
  }
  out.push({ op: FieldOp.CHANGED, path: formatPath(path), before, after });
}

function walkNamed(
  before: readonly unknown[], beforeNames: readonly string[], after: readonly unknown[], afterNames: readonly string[],
  path: PathSegment[], out: FieldChange[], ignore: ReadonlySet<string>,
): void {
  const beforeByName = new Map(beforeNames.map((name, i) => [name, before[i]]));
  const afterSet = new Set(afterNames);
  afterNames.forEach((name, i) => {
    const child = [...path, { name }];
    if (beforeByName.has(name)) walk(beforeByName.get(name), after[i], child, out, ignore);
    else out.push({ op: FieldOp.ADDED, path: formatPath(child), after: after[i] });
  });
  beforeNames.forEach((name, i) => {
    if (!afterSet.has(name)) out.push({ op: FieldOp.REMOVED, path: formatPath([...path, { name }]), before: before[i] });
  });
}

/** The distinct names of a list's items, or undefined when an item has none or a name repeats. */
function itemNames(list: readonly unknown[]): string[] | undefined {
  const names: string[] = [];
  for (const item of list) {
    if (!isRecord(item)) return undefined;
    const name = typeof item.name === 'string' ? item.name : valueAt(item, 'metadata', 'name');
    if (typeof name !== 'string' || names.includes(name)) return undefined;
    names.push(name);
  }
  return names;
}

function present(record: Record<string, unknown>, key: string): boolean {
  return record[key] !== undefined && record[key] !== null;
}

function presentKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((k) => present(record, k));
}
