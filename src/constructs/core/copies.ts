import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from './errors';

/*
 * Two loaded copies of cdk8s or constructs (a nested node_modules/cdk8s that npm did not dedupe,
 * a linked checkout, jest.resetModules) break in ways that do not name the cause: cdk8s cannot
 * render the other copy's `Lazy` ("can't render non-simple object of type 'Lazy'") and a `Size`
 * from the other copy is not an `instanceof Size`. The patterns check their scope when they are
 * created, and the value checks call `checkForeignValue` before reporting a wrong type, so users
 * get one message that names the copies and the fix. Not exported from the package root.
 */

/**
 * Two copies of cdk8s or constructs are loaded: an installation problem, not an error in the app's
 * code. Entry points report it as a usage problem (exit code 2), like a missing module.
 */
export class PackageCopiesError extends ValidationError {
  constructor(scope: IConstruct, detail: string) {
    super(scope, detail);
    this.name = 'PackageCopiesError';
    Object.setPrototypeOf(this, PackageCopiesError.prototype);
  }
}

/** True for a {@link PackageCopiesError}, also one thrown by another loaded copy of this library. */
export function isPackageCopiesError(e: unknown): boolean {
  return e instanceof Error && e.name === 'PackageCopiesError';
}

/** The packages whose classes must be shared between the user's app and this library. */
type SharedPackage = 'cdk8s' | 'constructs';

/** The folder of `pkg` as this library resolves it. */
function ownCopy(pkg: SharedPackage): string | undefined {
  try {
    return path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return undefined;
  }
}

/** The folders of every copy of `pkg` loaded in this process (from the module cache), ours first. */
export function loadedCopies(pkg: SharedPackage): string[] {
  const own = ownCopy(pkg);
  const folders = new Set<string>(own ? [own] : []);
  const entry = `${path.sep}node_modules${path.sep}${pkg}${path.sep}lib${path.sep}index.js`;
  for (const file of Object.keys(require.cache ?? {})) {
    if (file.endsWith(entry)) folders.add(file.slice(0, -`${path.sep}lib${path.sep}index.js`.length));
  }
  return [...folders];
}

/** The message for a `pkg` class from another copy than the one this library loads. */
export function twoCopiesMessage(pkg: SharedPackage): string {
  const copies = loadedCopies(pkg);
  const which = copies.length >= 2
    ? `${copies.length === 2 ? 'two' : copies.length} copies of ${pkg} are loaded: ${copies.slice(0, -1).join(', ')} and ${copies[copies.length - 1]}`
    : `two copies of ${pkg} are loaded (${copies[0] ?? pkg} and another instance of it, e.g. after jest.resetModules() or jest.isolateModules())`;
  return `${which}; cdk8s-patterns needs the one your app uses: run \`npm ls ${pkg}\` and \`npm dedupe\` `
    + `(cdk8s, constructs and cdk8s-plus-28 are peer dependencies of cdk8s-patterns, install them once in your project)`;
}

let plusChecked = false;

/** Throws when cdk8s-plus-28 resolves another cdk8s than this library (checked once). */
function checkPlusCopy(scope: IConstruct): void {
  if (plusChecked) return;
  const own = ownCopy('cdk8s');
  let plusCdk8s: string | undefined;
  try {
    const plusFolder = path.dirname(require.resolve('cdk8s-plus-28/package.json'));
    plusCdk8s = path.dirname(require.resolve('cdk8s/package.json', { paths: [plusFolder] }));
  } catch {
    plusCdk8s = own;
  }
  if (own !== undefined && plusCdk8s !== undefined && plusCdk8s !== own) {
    throw new PackageCopiesError(scope, `two copies of cdk8s are loaded: ${own} and ${plusCdk8s} (the one cdk8s-plus-28 uses); `
      + 'cdk8s-patterns needs the one your app uses: run `npm ls cdk8s` and `npm dedupe`');
  }
  plusChecked = true;
}

/**
 * Throws a `PackageCopiesError` naming the copies when `scope` was built with another copy of
 * constructs or cdk8s (its chart or app) than the one this library loads.
 */
export function checkSameCopies(scope: IConstruct): void {
  // `scope` is ours; its parents were made by the user's app
  if (scope.node.scopes.some(s => !Construct.prototype.isPrototypeOf(s))) {
    throw new PackageCopiesError(scope, twoCopiesMessage('constructs'));
  }
  // `instanceof Chart` is true across copies (cdk8s implements it with a symbol), the prototype chain is not.
  const root = scope.node.root;
  const foreignApp = typeof (root as Partial<App>).synthYaml === 'function' && !App.prototype.isPrototypeOf(root);
  if (foreignApp || scope.node.scopes.some(s => Chart.isChart(s) && !Chart.prototype.isPrototypeOf(s))) {
    throw new PackageCopiesError(scope, twoCopiesMessage('cdk8s'));
  }
  checkPlusCopy(scope);
}

/**
 * Throws a `PackageCopiesError` naming the copies when `value` is not an instance of `type` (from
 * `pkg`) but is an instance of a class of that name: the same class from another copy of `pkg`.
 * Call it before reporting that a value has the wrong type.
 */
export function checkForeignValue(scope: IConstruct, value: unknown, type: { readonly prototype: object; readonly name: string }, pkg: SharedPackage): void {
  if (value === null || typeof value !== 'object' || type.prototype.isPrototypeOf(value)) return;
  for (let proto = Object.getPrototypeOf(value); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === type.name) {
      throw new PackageCopiesError(scope, twoCopiesMessage(pkg));
    }
  }
}
