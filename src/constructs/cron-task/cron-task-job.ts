import { Cron } from 'cdk8s';
import { Construct } from 'constructs';
import { PodSpecExtras } from '../pod/pod-spec-extras';
import { k8s, plus } from '../core/plus';

/**
 * A cdk8s-plus CronJob that renders the `PodSpecExtras` into its pod template, renders our
 * schedule (plus takes a `Cron`, which cannot express descriptors such as `@daily`) and our
 * `startingDeadlineSeconds` (plus throws a plain Error through its own prop), and never sets
 * `ttlSecondsAfterFinished` on the job template (the history limits clean up finished jobs).
 *
 * @internal
 */
export class ExtendedCronJob extends plus.CronJob {
  constructor(scope: Construct, id: string, props: Omit<plus.CronJobProps, 'schedule' | 'startingDeadline'>,
    private readonly extras: PodSpecExtras,
    private readonly overrides: CronJobOverrides) {
    // The schedule and the starting deadline are rendered by `_toKube`.
    super(scope, id, { ...props, schedule: new Cron() });
  }

  /** @internal */
  public _toPodSpec(): k8s.PodSpec {
    return this.extras.apply(super._toPodSpec());
  }

  /** @internal */
  public _toKube(): k8s.CronJobSpec {
    const spec = super._toKube();
    const jobSpec: k8s.JobSpec = { ...spec.jobTemplate.spec! };
    delete (jobSpec as { ttlSecondsAfterFinished?: number }).ttlSecondsAfterFinished;
    return {
      ...spec,
      schedule: this.overrides.schedule,
      startingDeadlineSeconds: this.overrides.startingDeadlineSeconds,
      jobTemplate: { ...spec.jobTemplate, spec: jobSpec },
    };
  }
}

/**
 * CronJob fields rendered by `ExtendedCronJob` instead of cdk8s-plus.
 *
 * @internal
 */
export interface CronJobOverrides {
  /** The schedule expression. */
  readonly schedule: string;
  /** `startingDeadlineSeconds`. */
  readonly startingDeadlineSeconds: number;
}
