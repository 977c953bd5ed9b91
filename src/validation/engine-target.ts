/**
 * What `validate()` accepts (a chart, an app, plain objects or sourced objects) and how it becomes
 * the engine's input: objects with their sources, and the objects declared as living outside.
 *
 * This module does not load cdk8s: charts and apps are handled by `engine-construct.ts`, loaded
 * only when one is passed, so the CLI and the parse workers start without it.
 */
import type { App, Chart } from 'cdk8s';
import type { ExternalObjectRef } from './rule';
import type { KubeObject, ObjectSource, SourcedObject } from './types';

/**
 * What can be validated: a chart (its own objects, with the external objects declared in it and at
 * app level), an app (every chart, with every declared external object, as synth validates it),
 * plain Kubernetes objects (e.g. from `testing.synthChart()`), or objects with their sources.
 */
export type ValidationTarget = Chart | App | readonly KubeObject[] | readonly SourcedObject[];

/** A target that is neither a construct nor an array; the message names what was passed. */
export class ValidationTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationTargetError';
    Object.setPrototypeOf(this, ValidationTargetError.prototype);
  }
}

/** The engine's input for one target. */
export interface ValidationInput {
  /** The objects with their sources, in order. */
  readonly objects: readonly SourcedObject[];
  /** The external objects the target carries (declared by its constructs), to add to `options.external`. */
  readonly external: readonly ExternalObjectRef[];
}

/** What an array of objects produced by synthesis carries besides its elements. */
export interface CarriedContext {
  /** The external objects declared by the constructs that made the objects. */
  readonly external: readonly ExternalObjectRef[];
  /** The source of each object (its construct path), looked up by identity. */
  readonly sources?: WeakMap<object, ObjectSource>;
}

/** Shared by every loaded copy of the library, like the other registries keyed by `Symbol.for`. */
const CARRIED = Symbol.for('cdk8s-patterns.validation-context');
const CONSTRUCT = Symbol.for('constructs.Construct');

/**
 * Attaches `context` to `objects` as a non-enumerable symbol property (snapshots, `toEqual` and
 * `JSON.stringify` do not see it), so `validate(objects)` applies the same external objects as the
 * chart or app the objects came from. A copy of the array (`filter`, `map`, spread) does not carry it.
 */
export function carryValidationContext<T extends unknown[]>(objects: T, context: CarriedContext): T {
  Object.defineProperty(objects, CARRIED, { value: context, enumerable: false, configurable: true });
  return objects;
}

/**
 * The engine's input for `target`. Arrays of sourced objects are used as they are (one pass to
 * check that every element has an object and a source with a construct path or a file); other
 * elements get the position `objects[<index>]` as their source (a plain object from a testing
 * helper its construct path), so junk elements (null, numbers, nested arrays) become findings
 * that say where they are. Charts and apps are synthesized in memory (construct validations run and throw a
 * `SynthError` when they fail).
 *
 * @throws ValidationTargetError when `target` is neither an array nor a chart or app
 */
export function validationInput(target: unknown): ValidationInput {
  if (Array.isArray(target)) return arrayInput(target);
  if (typeof target === 'object' && target !== null && CONSTRUCT in target) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('./engine-construct') as typeof import('./engine-construct')).constructInput(target as never);
  }
  throw new ValidationTargetError(`cannot validate ${describeTarget(target)}: pass a Chart, an App, or an array of Kubernetes objects`);
}

function arrayInput(items: readonly unknown[]): ValidationInput {
  const carried = (items as { [CARRIED]?: CarriedContext })[CARRIED];
  const external = carried?.external ?? [];
  for (let i = 0; i < items.length; i++) {
    if (!isPlaced(items[i])) return { objects: withPositions(items, carried?.sources), external };
  }
  return { objects: items as readonly SourcedObject[], external };
}

/** The items as sourced objects: sourced items as they are, others with their construct path or position. */
function withPositions(items: readonly unknown[], sources: WeakMap<object, ObjectSource> | undefined): SourcedObject[] {
  const objects: SourcedObject[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (isPlaced(item)) {
      objects[i] = item;
    } else if (isSourced(item)) {
      objects[i] = { object: item.object, source: { ...item.source, constructPath: `objects[${i}]` } };
    } else {
      const known = sources !== undefined && typeof item === 'object' && item !== null ? sources.get(item) : undefined;
      objects[i] = { object: item as KubeObject, source: known ?? { constructPath: `objects[${i}]` } };
    }
  }
  return objects;
}

/** A sourced object whose source says where it is (a construct path or a file). */
function isPlaced(item: unknown): item is SourcedObject {
  if (!isSourced(item)) return false;
  const { constructPath, file } = item.source;
  return constructPath !== undefined || file !== undefined;
}

/** An `{ object, source }` pair (a Kubernetes object has a `kind` and no `source` object). */
function isSourced(item: unknown): item is SourcedObject {
  if (typeof item !== 'object' || item === null) return false;
  const { object, source, kind } = item as { object?: unknown; source?: unknown; kind?: unknown };
  return object !== undefined && typeof source === 'object' && source !== null && kind === undefined;
}

function describeTarget(target: unknown): string {
  if (target === null || target === undefined) return String(target);
  if (typeof target === 'object') return `an object of type ${(target as object).constructor?.name ?? 'Object'}`;
  return `a ${typeof target}`;
}
