/**
 * A faster `ApiObject.toJson()` for synthesis, with output identical to cdk8s's.
 *
 * cdk8s renders an object in three passes: `resolve()` (every value goes through a fresh
 * `ResolutionContext` and the app's resolver chain, `App.of()` is walked again for every value and
 * the key path is copied at every level), then `sanitizeValue()` (sorted keys, `null`/`undefined`
 * dropped), done once for the metadata and once more for the whole object. This module does the
 * same work in one walk per value: the built-in resolvers (`LazyResolver`, `ImplicitTokenResolver`,
 * `NumberStringUnionResolver`) are applied inline, in cdk8s's order and with cdk8s's checks, and
 * each object is sanitized right after its values are resolved (producers still run in the order
 * cdk8s runs them: keys in insertion order, before any sorting).
 *
 * The generated L1 classes (`KubeDeployment`, ...) override `toJson()` and call `super.toJson()`,
 * so the faster base is installed on `ApiObject.prototype` for the duration of one synthesis only
 * ({@link withFastRender}) and removed afterwards. It falls back to cdk8s's own `toJson()` for
 * anything it does not model exactly:
 * - apps with custom resolvers (`new App({ resolvers })`) or without an `App` root,
 * - objects whose metadata renders through an overridden `toJson()`,
 * - values that cdk8s would refuse or pass through unusually (class instances that no resolver
 *   replaces, functions, symbols, bigints, a `__proto__` key),
 * - any error: cdk8s then renders the object again and throws its own error message.
 *
 * @internal
 */
import {
  ApiObject,
  ApiObjectMetadataDefinition,
  App,
  ImplicitTokenResolver,
  JsonPatch,
  Lazy,
  LazyResolver,
  NumberStringUnionResolver,
} from 'cdk8s';
import { IConstruct } from 'constructs';
import { withTableConverters } from './l1-convert';

/** Thrown inside the walk when a value needs cdk8s's own rendering. */
class NeedsCdk8sRendering extends Error {}

const FALL_BACK = new NeedsCdk8sRendering('value rendered by cdk8s');

/** Keys cdk8s moves to the front of every object. */
const FIRST_KEYS = ['apiVersion', 'kind', 'metadata'] as const;

/** The members of cdk8s's `ApiObject` and metadata this renderer reads (private in cdk8s's types). */
interface ApiObjectInternals {
  readonly props: Record<string, unknown>;
  readonly patches: JsonPatch[];
  readonly metadata: ApiObjectMetadataDefinition;
}

interface MetadataInternals {
  readonly _additionalAttributes: Record<string, unknown>;
  readonly name?: string;
  readonly namespace?: string;
  readonly annotations: Record<string, string>;
  readonly finalizers: string[];
  readonly ownerReferences: unknown[];
  readonly labels: Record<string, string>;
}

/** What the walk does besides resolving (cdk8s's `SanitizeOptions`). */
interface Sanitize {
  readonly sortKeys: boolean;
  readonly filterEmpty: boolean;
}

const SORTED: Sanitize = { sortKeys: true, filterEmpty: false };
const SORTED_FILTERED: Sanitize = { sortKeys: true, filterEmpty: true };
const UNSORTED: Sanitize = { sortKeys: false, filterEmpty: false };

let installed = false;

/** The `toJson()` metadata objects have while no synthesis runs; overrides of it are called as is. */
let metadataToJson: () => unknown = ApiObjectMetadataDefinition.prototype.toJson;

/**
 * Runs `render` with the faster `ApiObject.toJson()` base installed, and restores cdk8s's own
 * afterwards (also when `render` throws). Nested calls share the outer installation. The
 * cdk8s-plus-28 L1 classes convert their props through the generated field table for the same
 * duration ({@link withTableConverters}).
 */
export function withFastRender<T>(render: () => T): T {
  if (installed || !primitivesAreClean()) {
    return render();
  }
  const prototype = ApiObject.prototype as { toJson: () => unknown };
  const original = prototype.toJson;
  const object = process.env.CDK8S_DISABLE_SORT ? UNSORTED : SORTED;
  const fastToJson = function fastToJson(this: ApiObject): unknown {
    return renderApiObject(this, object, original, true);
  };
  prototype.toJson = fastToJson;
  // lazy producers render pod template metadata themselves (`podMetadata.toJson()`)
  const metadataPrototype = ApiObjectMetadataDefinition.prototype as { toJson: () => unknown };
  const originalMetadata = metadataPrototype.toJson;
  metadataToJson = function fastMetadataToJson(this: ApiObjectMetadataDefinition): unknown {
    return renderMetadataDefinition(this, originalMetadata);
  };
  metadataPrototype.toJson = metadataToJson;
  installed = true;
  try {
    // the L1 classes read the base rendering's fields by name: its top-level key order does not matter
    return withTableConverters(render, {
      toJson: fastToJson,
      unordered: (apiObject) => renderApiObject(apiObject as ApiObject, object, original, false),
    });
  } finally {
    prototype.toJson = original;
    metadataPrototype.toJson = originalMetadata;
    metadataToJson = ApiObjectMetadataDefinition.prototype.toJson;
    installed = false;
  }
}

/**
 * Renders one object like cdk8s's `ApiObject.toJson()` (before the L1 subclass's own mapping).
 *
 * @param original cdk8s's implementation, used whenever the fast walk cannot be exact
 * @param ordered whether the top-level keys must come in cdk8s's order (`apiVersion`, `kind`,
 *   `metadata`, then the others sorted); when not, an object without patches has them in
 *   resolution order (the values are the same)
 */
function renderApiObject(apiObject: ApiObject, options: Sanitize, original: () => unknown, ordered: boolean): unknown {
  if (!usesBuiltInResolversOnly(apiObject)) {
    return original.call(apiObject);
  }
  try {
    const internals = apiObject as unknown as ApiObjectInternals;
    const metadataWalked = internals.metadata.toJson === metadataToJson;
    const data = { ...internals.props, metadata: renderMetadata(internals.metadata) };
    if (!ordered && internals.patches.length === 0 && isPlainData(data)) {
      return walkTopLevel(data, options, metadataWalked);
    }
    const json = walk(data, options) as Record<string, unknown>;
    const patched = internals.patches.length === 0
      ? json
      : JsonPatch.apply(json, ...internals.patches) as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const key of FIRST_KEYS) {
      if (key in patched) {
        result[key] = patched[key];
      }
    }
    for (const key of Object.keys(patched)) {
      if (key !== 'apiVersion' && key !== 'kind' && key !== 'metadata') {
        result[key] = patched[key];
      }
    }
    return result;
  } catch {
    // cdk8s renders it again: same result, or cdk8s's own error message.
    return original.call(apiObject);
  }
}

function renderMetadata(metadata: ApiObjectMetadataDefinition): unknown {
  if (metadata.toJson !== metadataToJson) {
    return metadata.toJson();
  }
  return walkMetadata(metadata);
}

/**
 * cdk8s's `ApiObjectMetadataDefinition.toJson()` (resolved against the object it belongs to, then
 * sanitized with empty values dropped), called directly by lazy producers such as cdk8s-plus's
 * `Deployment._toKube()` for the pod template.
 *
 * @param original cdk8s's implementation, used whenever the fast walk cannot be exact
 */
function renderMetadataDefinition(metadata: ApiObjectMetadataDefinition, original: () => unknown): unknown {
  const apiObject = (metadata as unknown as { readonly apiObject?: unknown }).apiObject;
  if (!ApiObject.isApiObject(apiObject) || !usesBuiltInResolversOnly(apiObject)) {
    return original.call(metadata);
  }
  try {
    return walkMetadata(metadata);
  } catch {
    // cdk8s renders it again: same result, or cdk8s's own error message.
    return original.call(metadata);
  }
}

function walkMetadata(metadata: ApiObjectMetadataDefinition): unknown {
  const m = metadata as unknown as MetadataInternals;
  const core = {
    name: m.name,
    namespace: m.namespace,
    annotations: m.annotations,
    finalizers: m.finalizers,
    ownerReferences: m.ownerReferences,
    labels: m.labels,
  };
  // without extra attributes the object is built as one literal (no spread); with them, a key they
  // share with `core` keeps their position and takes core's value, as in cdk8s's own spread
  return walk(isEmpty(m._additionalAttributes) ? core : { ...m._additionalAttributes, ...core }, SORTED_FILTERED);
}

/** `resolve()` then `sanitizeValue()` of one value; `undefined` where cdk8s drops the value. */
function walk(value: unknown, options: Sanitize): unknown {
  if (value === null || value === undefined) {
    return undefined;
  }
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') {
    return value;
  }
  if (type !== 'object') {
    throw FALL_BACK;
  }
  const v = value as Record<string, unknown>;
  // the built-in resolvers, in cdk8s's order
  if (v instanceof Lazy) {
    return walk(v.produce(), options);
  }
  if (typeof v.resolve === 'function') {
    return walk((v.resolve as () => unknown)(), options);
  }
  const constructor = v.constructor;
  if (constructor !== Object) {
    const inner = v.value;
    if (typeof inner === 'number' || typeof inner === 'string') {
      return walk({ value: inner }, options);
    }
  }
  if (Array.isArray(v)) {
    return walkArray(v, options);
  }
  if (constructor === Object) {
    return walkObject(v, options);
  }
  throw FALL_BACK;
}

function walkArray(array: readonly unknown[], options: Sanitize): unknown[] | undefined {
  if (options.filterEmpty && array.length === 0) {
    return undefined;
  }
  const result = new Array<unknown>(array.length);
  for (let i = 0; i < array.length; i++) {
    if (!(i in array)) {
      throw FALL_BACK; // a hole: cdk8s's map() keeps it
    }
    result[i] = walk(array[i], options);
  }
  return result;
}

function walkObject(object: Record<string, unknown>, options: Sanitize): Record<string, unknown> | undefined {
  const keys = Object.keys(object);
  const n = keys.length;
  const result: Record<string, unknown> = {};
  let kept = 0;
  if (!options.sortKeys || isSorted(keys)) {
    // resolution order (insertion order) is output order: no buffering
    for (let i = 0; i < n; i++) {
      const key = keys[i];
      const v = walkValue(object, key, options);
      if (v !== undefined) {
        result[key] = v;
        kept++;
      }
    }
  } else {
    const values = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      values[i] = walkValue(object, keys[i], options);
    }
    const order = sortedOrder(keys);
    for (let j = 0; j < n; j++) {
      const v = values[order[j]];
      if (v !== undefined) {
        result[keys[order[j]]] = v;
        kept++;
      }
    }
  }
  return options.filterEmpty && kept === 0 ? undefined : result;
}

/** Whether `walk()` treats `data` as a plain object (props named `resolve` or `constructor` can make it not). */
function isPlainData(data: Record<string, unknown>): boolean {
  return data.constructor === Object && typeof data.resolve !== 'function';
}

/**
 * `walkObject()` of a plain object without `filterEmpty`, its own keys left in resolution order
 * (the values are walked with `options`).
 *
 * @param metadataWalked whether `object.metadata` is already the result of a walk, which a second
 *   walk would copy unchanged (cdk8s resolves the rendered metadata again): a walk's result holds
 *   only strings, numbers, booleans, `undefined` array items, and arrays and plain objects that
 *   are sorted, without holes, and without keys that change how `walk()` reads an object
 *   (`constructor` is refused, since its value would be a function; `resolve` and `value` are
 *   never functions, and `primitivesAreClean()` keeps the prototypes clean)
 */
function walkTopLevel(object: Record<string, unknown>, options: Sanitize, metadataWalked: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const v = metadataWalked && key === 'metadata' ? object[key] : walkValue(object, key, options);
    if (v !== undefined) {
      result[key] = v;
    }
  }
  return result;
}

/** `walk()` of one property, with the common case (a string, number or boolean) inline. */
function walkValue(object: Record<string, unknown>, key: string, options: Sanitize): unknown {
  if (key === '__proto__') {
    throw FALL_BACK;
  }
  const v = object[key];
  const type = typeof v;
  return type === 'string' || type === 'number' || type === 'boolean' ? v : walk(v, options);
}

/** Whether spreading `object` adds no property (no own enumerable keys, symbols included). */
function isEmpty(object: Record<string, unknown>): boolean {
  for (const _key in object) {
    return false;
  }
  return Object.getOwnPropertySymbols(object).length === 0;
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      return false;
    }
  }
  return true;
}

/** Indexes of `keys` in the order of `keys.sort()` (UTF-16 code units; keys are distinct). */
function sortedOrder(keys: readonly string[]): number[] {
  const order = new Array<number>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    // insertion sort: objects have few keys
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[order[j]] > key) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = i;
  }
  return order;
}

function usesBuiltInResolversOnly(apiObject: IConstruct): boolean {
  let root: IConstruct = apiObject;
  while (root.node.scope) {
    root = root.node.scope;
  }
  if (!(root instanceof App)) {
    return false;
  }
  const resolvers = root.resolvers;
  return resolvers.length === 3
    && resolvers[0].constructor === LazyResolver
    && resolvers[1].constructor === ImplicitTokenResolver
    && resolvers[2].constructor === NumberStringUnionResolver;
}

/**
 * The walk treats strings, numbers and booleans as final, as cdk8s's resolvers do unless a
 * prototype was given a `resolve` or `value` member.
 */
function primitivesAreClean(): boolean {
  return [Object.prototype, String.prototype, Number.prototype, Boolean.prototype, Array.prototype]
    .every((p) => !('resolve' in p) && !('value' in p));
}
