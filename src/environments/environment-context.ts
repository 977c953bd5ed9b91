/**
 * How constructs read their environment: defaults (resource preset,
 * replica scale, image rewrite) and per-environment prop overrides.
 */
import { Construct, IConstruct } from 'constructs';
import { PropsResolveOptions } from '../constructs/core/props-resolver';
import { Environment } from './environment';
import { EnvironmentScope } from './environment-scope';
import { ConstructClass } from './override';

/** What a construct tells {@link EnvironmentContext.resolve} about itself. */
export type EnvironmentResolveOptions = PropsResolveOptions;

/**
 * Reads the environment of a construct.
 *
 * The patterns resolve their props through the props resolver the environment's scope installs
 * (`src/constructs` does not import this module); `EnvironmentContext.resolve` does the same for
 * constructs written outside this library: call
 * `props = EnvironmentContext.resolve(scope, id, new.target, props, {...})` first in the
 * constructor; outside an environment the props come back unchanged.
 */
export class EnvironmentContext {
  /** The environment `scope` is in, if any. */
  public static of(scope: IConstruct): Environment | undefined {
    return EnvironmentScope.find(scope)?.environment;
  }

  /**
   * The props of the construct `id` about to be created under `scope`, with the environment applied:
   * first the environment's defaults (resource preset when `resources` is not set, replica scale,
   * image rewrite), then the overrides for this construct path, which replace props as given.
   *
   * @throws ValidationError when an override sets a prop the construct does not have, or targets
   *   a construct of another class at this path
   */
  public static resolve<P extends object>(scope: Construct, id: string, type: ConstructClass, props: P, options: EnvironmentResolveOptions): P {
    const envScope = EnvironmentScope.find(scope);
    return envScope === undefined ? props : envScope.resolveProps(scope, id, type, props, options);
  }
}
