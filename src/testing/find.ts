/**
 * Finding synthesized objects by kind and name in tests.
 */
import { KubeObject } from '../validation/types';

/**
 * The objects of a kind, optionally with a given `metadata.name`, in input order.
 *
 * @param objects synthesized objects (see `synthChart`)
 * @param kind the object kind, e.g. `Deployment`
 * @param name the object name; leave out to match every name
 */
export function findObjects(objects: readonly KubeObject[], kind: string, name?: string): KubeObject[] {
  return objects.filter((o) => o.kind === kind && (name === undefined || nameOf(o) === name));
}

/**
 * The one object of a kind (and name, when given).
 *
 * @throws Error when no object or more than one object matches, listing the objects present
 */
export function findObject(objects: readonly KubeObject[], kind: string, name?: string): KubeObject {
  const found = findObjects(objects, kind, name);
  if (found.length === 1) {
    return found[0];
  }
  const wanted = name === undefined ? `one ${kind}` : `one ${kind} named '${name}'`;
  const present = objects.length === 0 ? 'none' : objects.map((o) => `${String(o.kind)}/${nameOf(o) ?? '<unnamed>'}`).join(', ');
  return fail(`Expected ${wanted}, found ${found.length}. Objects present: ${present}`);
}

function nameOf(object: KubeObject): string | undefined {
  const metadata = object.metadata as { name?: unknown } | undefined;
  return typeof metadata?.name === 'string' ? metadata.name : undefined;
}

function fail(message: string): never {
  throw new Error(message);
}
