import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { k8s, plus } from '../core/plus';

/**
 * A number of pods, absolute or as a percentage of the desired replicas.
 */
export class PercentOrCount {
  /** A percentage (0-100). */
  public static percent(percent: number): PercentOrCount {
    return new PercentOrCount(percent, true);
  }

  /** An absolute number of pods. */
  public static count(count: number): PercentOrCount {
    return new PercentOrCount(count, false);
  }

  private constructor(
    /** The number. */
    public readonly value: number,
    /** Whether `value` is a percentage. */
    public readonly isPercent: boolean) {
  }

  /** `25%` or `1`. */
  public toString(): string {
    return this.isPercent ? `${this.value}%` : `${this.value}`;
  }

  /** Whether the amount is zero. */
  public get isZero(): boolean {
    return this.value === 0;
  }

  /** @internal */
  public _validate(scope: IConstruct, prop: string): void {
    // A count is an int32 in the API (IntOrString).
    const max = this.isPercent ? 100 : 2147483647;
    if (!Number.isInteger(this.value) || this.value < 0 || this.value > max) {
      const rule = this.isPercent ? 'an integer percentage between 0 and 100' : 'a non-negative integer of at most 2147483647';
      throw new ValidationError(scope, `'${prop}' (${this}) must be ${rule}`);
    }
  }

  /** @internal */
  public _toPlus(): plus.PercentOrAbsolute {
    return this.isPercent ? plus.PercentOrAbsolute.percent(this.value) : plus.PercentOrAbsolute.absolute(this.value);
  }

  /** @internal */
  public _toKube(): k8s.IntOrString {
    return this.isPercent ? k8s.IntOrString.fromString(`${this.value}%`) : k8s.IntOrString.fromNumber(this.value);
  }
}

/**
 * Rolling update settings of a Deployment.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
 */
export interface RollingUpdateOptions {
  /**
   * Pods created above the desired count during an update.
   * @default PercentOrCount.percent(25)
   */
  readonly maxSurge?: PercentOrCount;
  /**
   * Pods that may be unavailable during an update.
   * @default PercentOrCount.count(0)
   */
  readonly maxUnavailable?: PercentOrCount;
}

/**
 * How a Deployment replaces its pods when the pod template changes.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy
 */
export enum RolloutStrategy {
  /** New pods start before old ones stop, as `rollingUpdate` allows (`maxSurge`, `maxUnavailable`). */
  ROLLING_UPDATE = 'RollingUpdate',
  /**
   * Every old pod stops before a new one starts: for apps that must never run two versions at
   * once, or that hold a ReadWriteOnce volume (it cannot follow a surging pod to another node).
   */
  RECREATE = 'Recreate',
}

/**
 * The Deployment strategy: Recreate, or a rolling update with validated settings.
 *
 * @internal
 */
export function deploymentStrategy(scope: IConstruct, strategy: RolloutStrategy | undefined, rollingUpdate: RollingUpdateOptions | undefined): plus.DeploymentStrategy {
  if (strategy === RolloutStrategy.RECREATE) {
    if (rollingUpdate !== undefined) {
      throw new ValidationError(scope, '\'rollingUpdate\' applies to RolloutStrategy.ROLLING_UPDATE only: leave it out with \'rolloutStrategy\' RolloutStrategy.RECREATE');
    }
    return plus.DeploymentStrategy.recreate();
  }
  if (strategy !== undefined && strategy !== RolloutStrategy.ROLLING_UPDATE) {
    throw new ValidationError(scope, `'rolloutStrategy' (${JSON.stringify(strategy)}) must be RolloutStrategy.ROLLING_UPDATE or RolloutStrategy.RECREATE`);
  }
  return rollingUpdateStrategy(scope, rollingUpdate);
}

/** Whether a rolling update with these settings starts new pods before old ones stop. */
export function surges(strategy: RolloutStrategy | undefined, rollingUpdate: RollingUpdateOptions | undefined): string | undefined {
  if (strategy === RolloutStrategy.RECREATE) return undefined;
  const maxSurge = rollingUpdate?.maxSurge ?? PercentOrCount.percent(25);
  return maxSurge.isZero ? undefined : maxSurge.toString();
}

/**
 * Resolves and validates rolling update settings.
 *
 * @internal
 */
export function rollingUpdateStrategy(scope: IConstruct, options: RollingUpdateOptions = {}): plus.DeploymentStrategy {
  const maxSurge = options.maxSurge ?? PercentOrCount.percent(25);
  const maxUnavailable = options.maxUnavailable ?? PercentOrCount.count(0);
  maxSurge._validate(scope, 'rollingUpdate.maxSurge');
  maxUnavailable._validate(scope, 'rollingUpdate.maxUnavailable');
  if (maxSurge.isZero && maxUnavailable.isZero) {
    throw new ValidationError(scope, '\'rollingUpdate.maxSurge\' and \'rollingUpdate.maxUnavailable\' must not both be zero: the rollout could never progress');
  }
  return plus.DeploymentStrategy.rollingUpdate({ maxSurge: maxSurge._toPlus(), maxUnavailable: maxUnavailable._toPlus() });
}

/**
 * The PodDisruptionBudget of a workload.
 *
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export class DisruptionBudget {
  /** At most this many pods may be evicted at once. */
  public static maxUnavailable(amount: PercentOrCount): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', amount);
  }

  /** At least this many pods must stay available during evictions. */
  public static minAvailable(amount: PercentOrCount): DisruptionBudget {
    return new DisruptionBudget('minAvailable', amount);
  }

  /** No PodDisruptionBudget. */
  public static none(): DisruptionBudget {
    return new DisruptionBudget('none');
  }

  private constructor(
    /** @internal */
    public readonly _field: 'maxUnavailable' | 'minAvailable' | 'none',
    /** @internal */
    public readonly _amount?: PercentOrCount) {
  }

  /** Whether a PodDisruptionBudget is rendered. */
  public get enabled(): boolean {
    return this._field !== 'none';
  }
}
