import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

/**
 * Checks of the JavaScript type of props, for callers without TypeScript: a prop of the wrong
 * type is a `ValidationError` that names it, instead of a `TypeError` deep inside a construct.
 *
 * @internal
 */

/** A value class and how to make one, for the message. */
export interface ClassShape {
  /** The class (its prototype is what instances have; constructors may be private). */
  readonly type: { readonly prototype: object; readonly name: string };
  readonly hint: string;
}

/** The expected JavaScript type of a prop. */
export type Shape = 'string' | 'number' | 'boolean' | 'record' | 'array' | 'string-array' | 'record-array' | ClassShape;

/** Throws for the first prop (in `shapes` order) that is set but not of its shape; `prefix` goes before prop names in messages. */
export function checkPropShapes(scope: IConstruct, props: object, shapes: Readonly<Record<string, Shape>>, prefix = ''): void {
  const problem = propShapeProblem(props, shapes, prefix);
  if (problem !== undefined) {
    throw new ValidationError(scope, problem);
  }
}

/** The problem with the first prop (in `shapes` order) that is set but not of its shape, if any (for callers that collect problems). */
export function propShapeProblem(props: object, shapes: Readonly<Record<string, Shape>>, prefix = ''): string | undefined {
  const values = props as Record<string, unknown>;
  for (const [prop, shape] of Object.entries(shapes)) {
    const value = Object.hasOwn(values, prop) ? values[prop] : undefined;
    if (value === undefined || fits(value, shape)) {
      continue;
    }
    return `'${prefix}${prop}' (${show(value)}) must be ${describe(shape)}`;
  }
  return undefined;
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fits(value: unknown, shape: Shape): boolean {
  switch (shape) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'record': return isRecord(value);
    case 'array': return Array.isArray(value);
    case 'string-array': return Array.isArray(value) && value.every(v => typeof v === 'string');
    case 'record-array': return Array.isArray(value) && value.every(isRecord);
    default: return typeof value === 'object' && value !== null && shape.type.prototype.isPrototypeOf(value);
  }
}

function describe(shape: Shape): string {
  switch (shape) {
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'record': return 'an object';
    case 'array': return 'an array';
    case 'string-array': return 'an array of strings';
    case 'record-array': return 'an array of objects';
    default: return `${/^[AEIOU]/.test(shape.type.name) ? 'an' : 'a'} ${shape.type.name}: ${shape.hint}`;
  }
}

function show(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) {
    return `a ${(value as object).constructor?.name ?? 'object'}`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
