/**
 * Lazily loaded functions for the delivery barrels (`delivery/diff`, `delivery/graph`,
 * `delivery/gitops`).
 *
 * The package root re-exports these barrels, so without this `require('cdk8s-patterns')` would
 * load the diff, graph and GitOps code (about 40 modules) for every app, although an app that only
 * builds constructs and calls `synth(app)` never runs it. Each barrel therefore exports its
 * enums, error classes and constants from small modules as they are, and each function as a
 * forwarder that loads the function's module on its first call:
 *
 *     import type * as Svg from './svg';
 *     const svg = lazyModule(() => require('./svg') as typeof Svg);
 *     export const renderSvg: typeof Svg.renderSvg = svg.fn('renderSvg');
 *
 * The declaration users see is the function's own type (`typeof Svg.renderSvg`: same parameters,
 * overloads and return type), and `test/package` checks every such export against its module.
 */

/** The functions of a module `M`: the keys whose values can be called. */
export type FunctionKeys<M> = { [K in keyof M]: M[K] extends (...args: never[]) => unknown ? K : never }[keyof M];

/** A module loaded on first use, whose functions can be exported before it is loaded. */
export interface LazyModule<M> {
  /**
   * A function with the type and name of the module's function `name` that loads the
   * module on its first call and then calls the function with the same `this` and arguments.
   */
  fn<K extends FunctionKeys<M>>(name: K): M[K];
}

/** A module loaded by `load()` on first use (`load` is a `require()` call with a literal path). */
export function lazyModule<M extends object>(load: () => M): LazyModule<M> {
  let loaded: M | undefined;
  const module = (): M => (loaded ??= load());
  return {
    fn<K extends FunctionKeys<M>>(name: K): M[K] {
      const forward = function (this: unknown, ...args: unknown[]): unknown {
        return (module()[name] as (...a: unknown[]) => unknown).apply(this, args);
      };
      Object.defineProperty(forward, 'name', { value: String(name) });
      return forward as M[K];
    },
  };
}
