import { Construct } from 'constructs';
import { AppWorkload } from '../workload/app-workload';
import { DisruptionBudget } from '../workload/availability';
import { addPatternScaling, createPatternDeployment } from '../workload/deployment-pattern';
import { k8s, plus } from '../core/plus';
import { AutoscalingOptions } from '../workload/scaling';
import { checkPropNames } from '../core/prop-names';
import { resolveProps } from '../core/props-resolver';
import { WORKER_PROP_NAMES } from './worker-prop-names';
import { WorkerProps } from './worker-props';

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
    checkPropNames(scope, id, props, WORKER_PROP_NAMES);
    props = resolveProps(scope, id, new.target, props, { propNames: WORKER_PROP_NAMES.names, defaultReplicas: 2, ownImage: true });
    const replicas = props.replicas ?? 2;
    super(scope, id, props, {
      component: 'worker',
      defaultPorts: [],
      createWorkload: (self, pod) => createPatternDeployment(self, pod, props, replicas),
    });
    this.deployment = this._workload as plus.Deployment;
    this.replicas = replicas;
    const scaling = addPatternScaling(this, this.deployment, props, {
      replicas, resources: this.resources, labels: this.labels, metadata: () => this._metadataFor(true),
    });
    this.autoscaling = scaling.autoscaling;
    this.hpa = scaling.hpa;
    this.disruptionBudget = scaling.disruptionBudget;
    this.pdb = scaling.pdb;
  }
}
