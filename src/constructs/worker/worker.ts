import { Construct } from 'constructs';
import { EnvironmentContext } from '../../environments/environment-context';
import { WORKER_PROP_NAMES } from '../../environments/prop-names';
import { AppWorkload } from '../common/app-workload';
import { DisruptionBudget, PercentOrCount, rollingUpdateStrategy } from '../common/availability';
import { ExtendedDeployment } from '../common/pod-spec-extras';
import { k8s, plus } from '../common/plus';
import { checkInteger } from '../common/validators';
import { AutoscalingOptions } from '../common/scaling';
import { WorkerProps } from './worker-props';
import { createHpa, createPdb, resolveAutoscaling } from '../common/scaling';

/**
 * A long-running background process without a Service (a queue consumer, a stream processor):
 * a Deployment with the same container options, secure defaults and labels as a `WebApp`, and
 * optionally a HorizontalPodAutoscaler and a PodDisruptionBudget.
 *
 * ```ts
 * const worker = new Worker(chart, 'Mailer', {
 *   image: Image.of('ghcr.io/acme/mailer:1.0.3'),
 *   command: ['./mailer', 'consume'],
 *   autoscaling: { minReplicas: 2, maxReplicas: 8 },
 * });
 * worker.connectTo(queueDb);
 * ```
 */
export class Worker extends AppWorkload {
  /** The Deployment (escape hatch: `ApiObject.of(worker).addJsonPatch(...)`). */
  public readonly deployment: plus.Deployment;
  /** The HorizontalPodAutoscaler, if `autoscaling` was set. */
  public readonly hpa?: plus.HorizontalPodAutoscaler;
  /** The PodDisruptionBudget, if any. */
  public readonly pdb?: k8s.KubePodDisruptionBudget;
  /** The fixed replica count (not rendered when autoscaling). */
  public readonly replicas: number;
  /** The autoscaling settings after defaults, if any. */
  public readonly autoscaling?: Required<AutoscalingOptions>;
  /** The PodDisruptionBudget setting after defaults. */
  public readonly disruptionBudget: DisruptionBudget;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    props = EnvironmentContext.resolve(scope, id, new.target, props, { propNames: WORKER_PROP_NAMES, defaultReplicas: 2, ownImage: true });
    const replicas = props.replicas ?? 2;
    super(scope, id, props, {
      component: 'worker',
      defaultPorts: [],
      createWorkload: (self, pod) => {
        checkInteger(self, 'replicas', replicas, 0);
        return new ExtendedDeployment(self, 'Resource', {
          metadata: pod.metadata,
          serviceAccount: pod.serviceAccount,
          automountServiceAccountToken: false,
          securityContext: pod.securityContext,
          replicas: props.autoscaling ? undefined : replicas,
          strategy: rollingUpdateStrategy(self, props.rollingUpdate),
        }, pod.extras);
      },
    });
    this.deployment = this._workload as plus.Deployment;
    this.replicas = replicas;
    if (props.autoscaling) {
      this.autoscaling = resolveAutoscaling(this, props.autoscaling, this.resources);
      this.hpa = createHpa(this, this.deployment, this.autoscaling, this._metadataFor(true));
      this.labels.applyTo(this.hpa);
    }
    const minPods = this.autoscaling ? this.autoscaling.minReplicas : this.replicas;
    this.disruptionBudget = props.disruptionBudget
      ?? (minPods > 1 ? DisruptionBudget.maxUnavailable(PercentOrCount.count(1)) : DisruptionBudget.none());
    if (this.disruptionBudget.enabled) {
      this.pdb = createPdb(this, this.deployment, this.disruptionBudget, this._metadataFor(true));
      this.labels.applyTo(this.pdb);
    }
  }
}
