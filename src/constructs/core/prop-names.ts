import { IConstruct } from 'constructs';
import { ValidationError } from './errors';

/**
 * Checks of prop names, for callers without TypeScript: a prop the construct does not have (a
 * typo such as `helth`, or `ingress.host` for `ingress.hosts`) is a `ValidationError` that names
 * it and suggests the closest prop, instead of being silently ignored.
 *
 * @internal
 */

/** The prop names of a props interface, and of the nested option objects worth checking. */
export interface PropNames {
  /** The interface, for messages, e.g. `WebAppProps`. */
  readonly typeName: string;
  /** Every prop name. */
  readonly names: readonly string[];
  /** The option objects among the props (checked when given as plain objects), by prop name. */
  readonly nested?: Readonly<Record<string, PropNames>>;
  /** The arrays of option objects among the props (each plain-object element checked), by prop name. */
  readonly items?: Readonly<Record<string, PropNames>>;
}

/**
 * The prop names of `T` from a list typed `Record<keyof T, true>`, so that adding or removing a
 * prop of `T` breaks the build until the list follows.
 */
export function propNamesOf<T>(typeName: string, names: Record<keyof T, true>, nested?: Readonly<Record<string, PropNames>>,
  items?: Readonly<Record<string, PropNames>>): PropNames {
  return { typeName, names: Object.keys(names), ...(nested !== undefined ? { nested } : {}), ...(items !== undefined ? { items } : {}) };
}

/** The problem with the first unknown prop (in key order, then nested objects), if any; `prefix` goes before prop names. */
export function unknownPropProblem(props: unknown, spec: PropNames, prefix = ''): string | undefined {
  if (!isPlainObject(props)) {
    return undefined;
  }
  const values = props as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    if (values[key] === undefined || spec.names.includes(key)) {
      continue;
    }
    const suggestion = closestName(key, spec.names);
    return suggestion !== undefined
      ? `unknown prop '${prefix}${key}': did you mean '${prefix}${suggestion}'?`
      : `unknown prop '${prefix}${key}': ${spec.typeName} has no such prop (props: ${spec.names.join(', ')})`;
  }
  for (const [key, nested] of Object.entries(spec.nested ?? {})) {
    const problem = Object.hasOwn(values, key) ? unknownPropProblem(values[key], nested, `${prefix}${key}.`) : undefined;
    if (problem !== undefined) {
      return problem;
    }
  }
  for (const [key, item] of Object.entries(spec.items ?? {})) {
    const elements = Object.hasOwn(values, key) && Array.isArray(values[key]) ? values[key] as unknown[] : [];
    for (const [index, element] of elements.entries()) {
      const problem = unknownPropProblem(element, item, `${prefix}${key}[${index}].`);
      if (problem !== undefined) {
        return problem;
      }
    }
  }
  return undefined;
}

/**
 * Throws a `ValidationError` for the first unknown prop (see {@link unknownPropProblem}) of the
 * construct `id` about to be created under `scope` (the message carries its path).
 */
export function checkPropNames(scope: IConstruct, id: string, props: unknown, spec: PropNames): void {
  const problem = unknownPropProblem(props, spec);
  if (problem !== undefined) {
    const parent = scope.node.path;
    throw new ValidationError({ node: { path: parent ? `${parent}/${id}` : id } } as unknown as IConstruct, problem);
  }
}

/**
 * The name in `names` that `key` most likely misspells: the nearest by edit distance (insertions,
 * deletions, substitutions and swaps of neighbours, ignoring case) within a third of the length,
 * else the only name that starts with `key` (e.g. `max` for `maxReplicas`); none when nothing is close.
 */
export function closestName(key: string, names: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of names) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  if (best !== undefined) {
    return best;
  }
  const prefixed = lower.length >= 3 ? names.filter(n => n.toLowerCase().startsWith(lower)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** The optimal string alignment distance of `a` and `b` (Levenshtein plus swaps of neighbouring characters). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
  }
  for (let j = 1; j <= b.length; j++) {
    rows[0][j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Throws a `ValidationError` at `scope` for the first unknown key of the options a value class
 * was made with (e.g. `HealthCheck.http('/', { prot: 'http' })`), naming it below `prop`
 * (`health.prot`). Value classes call it where they are validated, when the scope is known.
 */
export function checkOptionNames(scope: IConstruct, prop: string, options: unknown, spec: PropNames): void {
  const problem = unknownPropProblem(options, spec, `${prop}.`);
  if (problem !== undefined) {
    throw new ValidationError(scope, problem);
  }
}

/** The options each value class instance was made with, and their prop names (see {@link withOptions}). */
const MADE_WITH = new WeakMap<object, { readonly options: unknown; readonly spec: PropNames }>();

/**
 * Records the options a factory made `instance` with, so that {@link checkMadeWith} can check their
 * keys once the scope is known. Returns `instance`.
 */
export function withOptions<T extends object>(instance: T, options: unknown, spec: PropNames): T {
  MADE_WITH.set(instance, { options, spec });
  return instance;
}

/** {@link checkOptionNames} on the options `instance` was made with (nothing when none were recorded). */
export function checkMadeWith(scope: IConstruct, prop: string, instance: object): void {
  const made = MADE_WITH.get(instance);
  if (made !== undefined) {
    checkOptionNames(scope, prop, made.options, made.spec);
  }
}
