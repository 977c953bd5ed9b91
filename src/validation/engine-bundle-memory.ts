/**
 * What a validator keeps of its objects for the bundle (cross-object and policy) rules, and the
 * guard that stops a run before those objects fill the heap (issue #14: memory at cross/policy level).
 */
import { KubeObject, ObjectRef } from './types';

/**
 * The share of the JavaScript heap limit that the heap may use while a validator keeps objects for
 * its bundle (cross-object and policy) rules: `finish()` needs the rest (about half as much again
 * as the kept objects, for the rules' lookups and the report).
 */
export const BUNDLE_HEAP_SHARE = 0.5;

const MIB = 1024 * 1024;
/** node's default young generation (three 16 MiB semi-spaces on 64-bit systems). */
const YOUNG_GENERATION_BYTES = 48 * MIB;

/**
 * Thrown by `Validator.add()` when the objects kept for the bundle rules (`BundleScope.ALL`, the
 * default at `cross` and `policy` level) fill more than {@link BUNDLE_HEAP_SHARE} of the JavaScript
 * heap limit, instead of running out of memory later. The CLI reports it with exit code 2.
 */
export class BundleMemoryLimitError extends Error {
  constructor(
    /** Objects kept when the limit was hit. */
    public readonly objects: number,
    public readonly usedBytes: number,
    public readonly heapLimitBytes: number,
  ) {
    super(`input too large for the cross-object and policy rules: they keep every object until the end of the run, and with the first ${objects} objects`
      + ` the heap holds ${Math.round(usedBytes / MIB)} MiB, over half of what node may use (${Math.round(heapLimitBytes / MIB)} MiB heap limit);`
      + ' validate with --level api (no cross-object rules), validate the input in smaller parts, or give node more memory'
      + ' (NODE_OPTIONS=--max-old-space-size=<MiB>)');
    this.name = 'BundleMemoryLimitError';
  }
}

/**
 * Checks after each batch whether the heap stays under {@link BUNDLE_HEAP_SHARE} of its limit. Over
 * it, a full garbage collection tells live objects from garbage (at most once per 10% more kept
 * objects); still over it, the run stops with a {@link BundleMemoryLimitError}.
 */
export class BundleHeapGuard {
  private collectedAt = 0;

  public check(objects: number): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const v8 = require('v8') as typeof import('v8');
    const heap = v8.getHeapStatistics();
    // the limit counts the young generation too (3 semi-spaces of 16 MiB by default), which holds no kept object
    const limit = (heap.heap_size_limit - Math.min(YOUNG_GENERATION_BYTES, heap.heap_size_limit / 2)) * BUNDLE_HEAP_SHARE;
    if (heap.used_heap_size <= limit || objects < this.collectedAt * 1.1) return;
    this.collectedAt = objects;
    collectGarbage(v8);
    const used = v8.getHeapStatistics().used_heap_size;
    if (used > limit) throw new BundleMemoryLimitError(objects, used, heap.heap_size_limit);
  }
}

/** A full garbage collection (`global.gc` when node runs with `--expose-gc`). */
function collectGarbage(v8: typeof import('v8')): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') {
    exposed();
    return;
  }
  v8.setFlagsFromString('--expose-gc');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const gc = (require('vm') as typeof import('vm')).runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  gc();
}

/**
 * What the bundle keeps of an object until `finish()`: the object itself, or a shallow copy without
 * what no built-in bundle rule reads: `status` and `metadata.managedFields` (in a `kubectl get -o
 * yaml` dump they are often half of each object) and the values of a ConfigMap's or Secret's
 * `data`, `binaryData` and `stringData` (the rules read their keys and `type` only; the values are
 * kept as `''`). The caller's object is not changed; property order is kept, so rules see the same
 * object minus those fields.
 */
export function retainedForBundle(object: KubeObject): KubeObject {
  const metadata = object.metadata;
  const dropManagedFields = metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
    && Object.prototype.hasOwnProperty.call(metadata, 'managedFields');
  let kept = object;
  if (dropManagedFields || Object.prototype.hasOwnProperty.call(object, 'status')) {
    const { status: _status, ...copy } = object as Record<string, unknown>;
    if (dropManagedFields) {
      const { managedFields: _managedFields, ...rest } = metadata as Record<string, unknown>;
      copy.metadata = rest;
    }
    kept = copy;
  }
  if (object.kind === 'ConfigMap' || object.kind === 'Secret') kept = withoutDataValues(kept, kept !== object);
  return kept;
}

/** The fields of ConfigMaps and Secrets whose values no built-in bundle rule reads. */
const DATA_FIELDS = ['data', 'binaryData', 'stringData'] as const;

/** `object` with the values of its {@link DATA_FIELDS} mappings made `''` (same keys, same order); `own` when it may be changed. */
function withoutDataValues(object: KubeObject, own: boolean): KubeObject {
  let out = own ? object as Record<string, unknown> : undefined;
  for (const field of DATA_FIELDS) {
    const data = object[field];
    if (data === null || typeof data !== 'object' || Array.isArray(data)) continue;
    const values = data as Record<string, unknown>;
    let hasValue = false;
    for (const key in values) {
      if (values[key] !== '') {
        hasValue = true;
        break;
      }
    }
    if (!hasValue) continue;
    const keys: Record<string, unknown> = {};
    for (const key in values) {
      if (key === '__proto__') Object.defineProperty(keys, key, { value: '', enumerable: true, writable: true, configurable: true });
      else keys[key] = '';
    }
    out ??= { ...object };
    out[field] = keys;
  }
  return out ?? object;
}

/**
 * Replaces, in place, every string value of `value` long enough to be a slice of the text it was
 * parsed from by a copy of it ({@link detached}): an object kept until `finish()` then keeps no chunk
 * of its file alive. Only for objects the engine's own input parsed (their strings compare equal
 * after the copy; nothing else changes).
 */
export function detachStrings(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === 'string') {
          if (item.length >= SLICE_MIN_LENGTH) node[i] = detached(item);
        } else if (item !== null && typeof item === 'object') stack.push(item);
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'string') {
        if (item.length >= SLICE_MIN_LENGTH) record[key] = detached(item);
      } else if (item !== null && typeof item === 'object') stack.push(item);
    }
  }
}
/** Strings shorter than this are copied by V8 when sliced, never shared with their parent. */
const SLICE_MIN_LENGTH = 13;

/**
 * A copy of `text` that shares no memory with the string it came from: V8 keeps the whole parent
 * of a sliced string (a 256 KiB chunk of a file for a name parsed from it) alive as long as the slice.
 */
export function detached(text: string): string {
  return text.length < SLICE_MIN_LENGTH ? text : (` ${text}`).slice(1);
}

export function detachedRef(ref: ObjectRef): ObjectRef {
  const out: { -readonly [K in keyof ObjectRef]: ObjectRef[K] } = {};
  if (ref.apiVersion !== undefined) out.apiVersion = detached(ref.apiVersion);
  if (ref.kind !== undefined) out.kind = detached(ref.kind);
  if (ref.namespace !== undefined) out.namespace = detached(ref.namespace);
  if (ref.name !== undefined) out.name = detached(ref.name);
  return out;
}
