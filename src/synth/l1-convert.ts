/**
 * A table-driven replacement for cdk8s-plus-28's generated L1 converters, with identical output.
 *
 * Every `KubeXxx.toJson()` of cdk8s-plus-28 returns `{ ...GVK, ...toJson_KubeXxxProps(resolved) }`
 * where `toJson_<Type>()` is one generated function per type. Each builds an object literal of all
 * the type's fields and then drops the `undefined` ones with
 * `Object.entries(result).reduce((r, i) => ({ ...r, [k]: v }), {})`, which copies the object once
 * per kept field. {@link convertType} does the same mapping from the generated field table
 * (`generated/l1-converters.ts`, checked against the installed `k8s.js` by
 * `scripts/gen-synth-converters.ts`): same fields, same order, same conversions, one object per
 * level.
 *
 * Whenever a value has a shape the generated code would handle in a way the table does not model
 * (a `null` or non-object where an object is read, a non-array where `.map()` is called, a date, a
 * `__proto__` key), the whole object is converted by cdk8s-plus-28's own function instead, so the
 * result, or the error, is cdk8s-plus-28's.
 *
 * @internal
 */
import { k8s } from '../constructs/core/plus';
import { L1_CONVERTERS } from './generated/l1-converters';
import { ConverterTable, FieldCode } from './l1-table';

/** Thrown inside the conversion when cdk8s-plus-28's own converter must do it. */
class NeedsGeneratedConverter extends Error {}

const FALL_BACK = new NeedsGeneratedConverter('value converted by cdk8s-plus-28');

const enum Code { Value, Object, ObjectArray, ValueArray, IntOrString, Date, Map, QuantityMap, ObjectMap, ArrayMap }

const CODES: { readonly [code in FieldCode]: Code } = {
  v: Code.Value,
  o: Code.Object,
  a: Code.ObjectArray,
  A: Code.ValueArray,
  q: Code.IntOrString,
  d: Code.Date,
  m: Code.Map,
  mq: Code.QuantityMap,
  mo: Code.ObjectMap,
  mA: Code.ArrayMap,
};

interface Field {
  readonly json: string;
  readonly ts: string;
  readonly code: Code;
  /** The child type, set once every type is compiled. */
  child: Type | undefined;
  /** `y => toJson_<Child>(y)` for arrays of the child type. */
  element: ((value: unknown) => unknown) | undefined;
}

/** One compiled converter. */
interface Type {
  readonly fields: readonly Field[];
}

/** An L1 class whose `toJson()` can be replaced. */
interface Kind {
  readonly cls: { readonly prototype: { toJson: () => unknown }; readonly GVK: Record<string, string> };
  readonly original: () => unknown;
  /** The prototype the generated `super.toJson()` reads. */
  readonly parent: { readonly toJson: () => unknown };
  /** The name of the kind's props type in the table. */
  readonly propsName: string;
  /** The props type's converter, compiled when the first object of the kind is converted. */
  type: Type | undefined;
  readonly generated: (props: unknown) => Record<string, unknown> | undefined;
}

/**
 * The generated `toJson()` of every L1 class, read when this module loads (before anyone can wrap
 * it), so that a method replaced later (a test spy, a user patch) is recognised and left alone.
 */
const ORIGINALS: ReadonlyMap<string, () => unknown> = readOriginals();

let compiled: readonly Kind[] | undefined;

/** Compiles a type of `L1_CONVERTERS` (with the types it refers to) on first use. */
let compileL1: ((name: string) => Type) | undefined;

function readOriginals(): Map<string, () => unknown> {
  const exported = k8s as unknown as { readonly [name: string]: { readonly prototype?: { readonly toJson?: () => unknown } } };
  const result = new Map<string, () => unknown>();
  for (const [className] of L1_CONVERTERS.kinds) {
    const prototype = exported[className]?.prototype;
    if (prototype && Object.prototype.hasOwnProperty.call(prototype, 'toJson') && typeof prototype.toJson === 'function') {
      result.set(className, prototype.toJson);
    }
  }
  return result;
}

/**
 * Pairs every `KubeXxx` class with its props type (once). The converters themselves are compiled
 * per kind when its first object is converted ({@link convertProps}): an app renders a few of the
 * table's kinds, and compiling all of them took about as long as rendering a small app.
 */
function kinds(): readonly Kind[] {
  if (compiled) {
    return compiled;
  }
  const exported = k8s as unknown as { readonly [name: string]: unknown };
  const result: Kind[] = [];
  for (const [className, propsName] of L1_CONVERTERS.kinds) {
    const cls = exported[className] as Kind['cls'];
    const original = ORIGINALS.get(className);
    const generated = exported[`toJson_${propsName}`] as Kind['generated'] | undefined;
    if (original && typeof generated === 'function') {
      result.push({
        cls,
        original,
        parent: Object.getPrototypeOf(cls.prototype),
        propsName,
        type: undefined,
        generated,
      });
    }
  }
  compiled = result;
  return result;
}

/** Turns the table into linked {@link Type}s (all of them). */
export function compileTable(table: ConverterTable): Map<string, Type> {
  const compile = typeCompiler(table);
  return new Map(Object.keys(table.definitions).map(name => [name, compile(name)]));
}

/**
 * A function that turns a type of `table` into a linked {@link Type}, compiling it and the
 * types it refers to (transitively) on the first call and returning the same object afterwards.
 * A reference to a type the table does not define throws.
 */
function typeCompiler(table: ConverterTable): (name: string) => Type {
  const types = new Map<string, Type>();
  const compile = (name: string): Type => {
    const known = types.get(name);
    if (known) {
      return known;
    }
    const entries = table.definitions[name];
    const fields: Field[] = entries.map(([json, code, , ts]) => ({
      json, ts: ts ?? json, code: CODES[code], child: undefined, element: undefined,
    }));
    const type: Type = { fields };
    types.set(name, type); // before its children: a type can refer to itself (JSONSchemaProps)
    try {
      entries.forEach(([, , child], i) => {
        if (child) {
          if (!Object.prototype.hasOwnProperty.call(table.definitions, child)) {
            throw new Error(`converter table: ${name}.${fields[i].ts} refers to unknown type ${child}`);
          }
          const childType = compile(child);
          fields[i].child = childType;
          fields[i].element = (value) => (value === undefined ? undefined : convertType(childType, value));
        }
      });
    } catch (e) {
      types.delete(name); // not half linked for the next caller
      throw e;
    }
    return type;
  };
  return compile;
}

/**
 * A faster base `toJson()` installed on `ApiObject.prototype` (see `fast-render.ts`), with a variant
 * whose result may list its top-level keys in any order: the conversion reads them by name.
 */
export interface BaseRendering {
  /** The installed base method. */
  readonly toJson: () => unknown;
  /** What `toJson` returns for `apiObject`, top-level keys in any order. */
  readonly unordered: (apiObject: unknown) => unknown;
}

/**
 * Runs `render` with the `toJson()` of every cdk8s-plus-28 L1 class replaced by one that converts
 * through the table, and puts the generated methods back afterwards (also when `render` throws).
 * Classes whose `toJson()` was already replaced by someone else are left alone.
 *
 * @param base when the L1 classes' `super.toJson()` is `base.toJson`, the conversion calls
 *   `base.unordered()` instead (the key order of `super.toJson()` does not reach the output)
 */
export function withTableConverters<T>(render: () => T, base?: BaseRendering): T {
  const replaced: Kind[] = [];
  for (const kind of kinds()) {
    if (kind.cls.prototype.toJson === kind.original) {
      kind.cls.prototype.toJson = function tableToJson(this: unknown): unknown {
        // `super.toJson()` of the generated method
        const parent = kind.parent.toJson;
        const resolved = base !== undefined && parent === base.toJson ? base.unordered(this) : parent.call(this);
        return convertProps(kind, resolved);
      };
      replaced.push(kind);
    }
  }
  try {
    return render();
  } finally {
    for (const kind of replaced) {
      kind.cls.prototype.toJson = kind.original;
    }
  }
}

/** `{ ...GVK, ...toJson_<Props>(resolved) }`, the generated `toJson()`'s result. */
function convertProps(kind: Kind, resolved: unknown): Record<string, unknown> {
  if (resolved === undefined) {
    return { ...kind.cls.GVK };
  }
  try {
    const type = (kind.type ??= (compileL1 ??= typeCompiler(L1_CONVERTERS))(kind.propsName));
    // the converted fields go straight after the GVK: what spreading both into a new object gives
    return convertType(type, resolved, { ...kind.cls.GVK });
  } catch {
    // the generated converter gives the same result, or its own error
    return { ...kind.cls.GVK, ...kind.generated(resolved) };
  }
}

/**
 * `toJson_<Type>(value)` for a defined `value`.
 *
 * @param result the object the converted fields are added to (after the keys it has)
 */
export function convertType(type: Type, value: unknown, result: Record<string, unknown> = {}): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw FALL_BACK;
  }
  const obj = value as Record<string, unknown>;
  const fields = type.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const v = obj[field.ts];
    if (v === undefined) {
      continue;
    }
    const out = field.code === Code.Value ? v : convertField(field, v);
    if (out !== undefined) {
      result[field.json] = out;
    }
  }
  return result;
}

/** The generated entry expression for a defined, non-plain field value. */
function convertField(field: Field, v: unknown): unknown {
  switch (field.code) {
    case Code.Object:
      return convertType(field.child!, v);
    case Code.ObjectArray:
      return array(v).map(field.element!);
    case Code.ValueArray:
      return array(v).slice();
    case Code.IntOrString:
      return v === null ? undefined : (v as { value?: unknown }).value;
    case Code.Map:
    case Code.QuantityMap:
    case Code.ObjectMap:
    case Code.ArrayMap:
      return convertMap(field, v);
    default: // Code.Date
      throw FALL_BACK;
  }
}

function array(v: unknown): unknown[] {
  if (!Array.isArray(v)) {
    throw FALL_BACK;
  }
  return v;
}

/** `Object.entries(v).reduce(...)` of a map field: `undefined` entries dropped, order kept. */
function convertMap(field: Field, v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw FALL_BACK;
  }
  const map = v as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(map)) {
    const entry = map[key];
    if (entry === undefined) {
      continue;
    }
    if (key === '__proto__') {
      throw FALL_BACK;
    }
    switch (field.code) {
      case Code.Map:
        result[key] = entry;
        break;
      case Code.QuantityMap:
        result[key] = entry === null ? undefined : (entry as { value?: unknown }).value;
        break;
      case Code.ObjectMap:
        result[key] = convertType(field.child!, entry);
        break;
      default: // Code.ArrayMap
        result[key] = entry === null ? undefined : array(entry).slice();
    }
  }
  return result;
}
