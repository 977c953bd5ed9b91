/**
 * Typed per-environment overrides of a construct's props.
 */
import { ConstructClass } from '../constructs/core/props-resolver';

export { ConstructClass };

/** The props type of a construct class (its constructor's third parameter). */
export type PropsOf<T extends ConstructClass> = NonNullable<ConstructorParameters<T>[2]>;

/**
 * Props that replace the construct's own props in one environment.
 *
 * `Override.of(WebApp, 'shop/Web', { replicas: 4 })`: the props are `Partial<WebAppProps>`, so a
 * misspelled prop is a compile error; untyped input is checked when the construct is created (an
 * unknown prop fails with a `ValidationError` naming the environment, the construct path and the
 * prop), and an override whose path matches no construct fails the synth.
 */
export class Override<T extends ConstructClass = ConstructClass> {
  /**
   * Overrides `props` of the construct of class `type` at `path`.
   *
   * @param type the construct class, e.g. `WebApp` (subclasses match too)
   * @param path the construct path below the environment, e.g. `'shop/Web'` (chart id, then construct ids)
   * @param props the props that replace the construct's own props (shallow: a prop is replaced as a whole)
   */
  public static of<T extends ConstructClass>(type: T, path: string, props: Partial<PropsOf<T>>): Override<T> {
    return new Override(type, path, props);
  }

  /** The construct class. */
  public readonly type: T;
  /** The construct path below the environment (no leading or trailing `/`). */
  public readonly path: string;
  /** The props that replace the construct's own. */
  public readonly props: Readonly<Partial<PropsOf<T>>>;

  private constructor(type: T, path: string, props: Partial<PropsOf<T>>) {
    this.type = type;
    this.path = path.replace(/^\/+|\/+$/g, '');
    this.props = { ...props };
  }

  /** The class name for messages. @internal */
  public get _typeName(): string {
    return typeof this.type === 'function' && this.type.name ? this.type.name : String(this.type);
  }
}
