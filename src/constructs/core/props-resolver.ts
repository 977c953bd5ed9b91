import { Construct, IConstruct } from 'constructs';

/**
 * The hook through which a pattern lets its surroundings adjust its props before it is built
 * (environment defaults and per-environment overrides). Constructs own this interface and call
 * {@link resolveProps}; whoever wants to adjust props (the environments module) implements it and
 * installs it on a scope with {@link installPropsResolver}. Constructs never import that module.
 *
 * Not exported from the package root.
 */

/**
 * A construct class whose constructor takes `(scope, id, props)`, e.g. `WebApp` or `Database`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ConstructClass = abstract new (scope: Construct, id: string, props: any) => Construct;

/** What a construct tells a props resolver about itself. */
export interface PropsResolveOptions {
  /** Every prop name of the construct (for the run-time check of untyped overrides). */
  readonly propNames: readonly string[];
  /**
   * The construct's default replica count: when set, `replicas` (given or this default) and the
   * autoscaling bounds may be scaled.
   * @default - replicas are not scaled
   */
  readonly defaultReplicas?: number;
  /**
   * Whether `image` is the app's own image (which may be rewritten).
   * @default false
   */
  readonly ownImage?: boolean;
}

/** Adjusts the props of constructs created below the scope it is installed on. */
export interface IPropsResolver {
  /**
   * The props of the construct `id` of class `type` about to be created under `scope`: `props`
   * itself when nothing applies, otherwise a new object.
   *
   * @throws ValidationError when the adjustments do not fit the construct
   */
  resolveProps<P extends object>(scope: Construct, id: string, type: ConstructClass, props: P, options: PropsResolveOptions): P;
}

const RESOLVER = Symbol.for('cdk8s-patterns.props-resolver');

/** Makes `resolver` adjust the props of the patterns created below `scope` (the nearest resolver wins). */
export function installPropsResolver(scope: IConstruct, resolver: IPropsResolver): void {
  Object.defineProperty(scope, RESOLVER, { value: resolver, enumerable: false });
}

/**
 * The props of the construct `id` about to be created under `scope`, as adjusted by the nearest
 * props resolver at or above `scope`; `props` unchanged when there is none.
 */
export function resolveProps<P extends object>(scope: Construct, id: string, type: ConstructClass, props: P, options: PropsResolveOptions): P {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const resolver = (scopes[i] as unknown as Record<symbol, IPropsResolver | undefined>)[RESOLVER];
    if (resolver !== undefined) {
      return resolver.resolveProps(scope, id, type, props, options);
    }
  }
  return props;
}
