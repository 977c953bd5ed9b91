/**
 * The one hook through which constructs read their environment: defaults (resource preset,
 * replica scale, image rewrite) and per-environment prop overrides.
 */
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../constructs/common/errors';
import { Image } from '../constructs/common/image';
import { Resources } from '../constructs/common/resources';
import { Environment } from './environment';
import { EnvironmentScope } from './environment-scope';
import { ConstructClass } from './override';

/** What a construct tells {@link EnvironmentContext.resolve} about itself. */
export interface EnvironmentResolveOptions {
  /** Every prop name of the construct (for the run-time check of untyped overrides). */
  readonly propNames: readonly string[];
  /**
   * The construct's default replica count: when set, `replicas` (given or this default) and the
   * autoscaling bounds are multiplied by the environment's replica scale.
   * @default - replicas are not scaled
   */
  readonly defaultReplicas?: number;
  /**
   * Whether `image` is the app's own image (rewritten by the environment's `images`).
   * @default false
   */
  readonly ownImage?: boolean;
}

/**
 * Reads the environment of a construct.
 *
 * Constructs call `props = EnvironmentContext.resolve(scope, id, new.target, props, {...})` first
 * in their constructor; outside an environment the props come back unchanged.
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
    if (envScope === undefined) {
      return props;
    }
    const env = envScope.environment;
    const path = `${scope.node.path}/${id}`.slice(envScope.node.path.length + 1);
    const resolved: Record<string, unknown> = { ...(props as Record<string, unknown>) };

    if (env.resourcePreset !== undefined && resolved.resources === undefined) {
      resolved.resources = Resources.preset(env.resourcePreset);
    }
    if (options.defaultReplicas !== undefined && env.replicaScale !== 1) {
      resolved.replicas = env.scaleReplicas(typeof resolved.replicas === 'number' ? resolved.replicas : options.defaultReplicas);
      const autoscaling = resolved.autoscaling as { minReplicas?: number; maxReplicas: number } | undefined;
      if (autoscaling !== undefined && autoscaling !== null && typeof autoscaling === 'object') {
        resolved.autoscaling = {
          ...autoscaling,
          ...(autoscaling.minReplicas !== undefined ? { minReplicas: env.scaleReplicas(autoscaling.minReplicas) } : {}),
          maxReplicas: env.scaleReplicas(autoscaling.maxReplicas),
        };
      }
    }
    if (options.ownImage && env.images !== undefined && resolved.image instanceof Image) {
      resolved.image = env.images.apply(resolved.image);
    }

    const future = { node: { path: `${scope.node.path}/${id}` } } as unknown as IConstruct;
    for (const override of envScope._overridesAt(path)) {
      const matches = override.type === type || (typeof override.type === 'function' && type.prototype instanceof override.type);
      if (!matches) {
        throw new ValidationError(future, `environment '${env.name}': Override.of(${override._typeName}, '${override.path}') targets a ${override._typeName}, `
          + `but the construct at this path is a ${type.name}: fix the class or the path`);
      }
      for (const [key, value] of Object.entries(override.props)) {
        if (!options.propNames.includes(key)) {
          throw new ValidationError(future, `environment '${env.name}': Override.of(${override._typeName}, '${override.path}') sets '${key}', `
            + `which is not a prop of ${type.name} (props: ${options.propNames.join(', ')})`);
        }
        resolved[key] = value;
      }
    }
    return resolved as P;
  }
}
