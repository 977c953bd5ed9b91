import { Construct } from 'constructs';
import { DisruptionBudget } from '../common/availability';
import { AppWorkload } from '../common/app-workload';
import { addPatternScaling, createPatternDeployment } from '../common/deployment-pattern';
import { ValidationError } from '../common/errors';
import { k8s, plus } from '../common/plus';
import { AutoscalingOptions } from '../common/scaling';
import { checkPortNumber } from '../common/validators';
import { createIngress } from './web-app-ingress';
import { ServiceType, WebAppProps } from './web-app-props';
import { EnvironmentContext } from '../../environments/environment-context';
import { WEB_APP_PROP_NAMES } from '../../environments/prop-names';

/**
 * A stateless HTTP application: a Deployment with secure defaults, its Service, and optionally an
 * Ingress, a HorizontalPodAutoscaler and a PodDisruptionBudget.
 *
 * ```ts
 * new WebApp(chart, 'Web', {
 *   image: Image.of('ghcr.io/stefanprodan/podinfo:6.7.1'),
 *   ports: [{ name: 'http', number: 9898 }],
 *   health: HealthCheck.http('/healthz', { readiness: { path: '/readyz' } }),
 *   ingress: { hosts: ['podinfo.example.com'], tls: IngressTls.certManagerClusterIssuer('letsencrypt') },
 * });
 * ```
 */
export class WebApp extends AppWorkload {
  /** The Deployment (escape hatch: `ApiObject.of(webApp.deployment).addJsonPatch(...)`). */
  public readonly deployment: plus.Deployment;
  /** The Service. */
  public readonly service: plus.Service;
  /** The Ingress, if `ingress` was set. */
  public readonly ingress?: plus.Ingress;
  /** The HorizontalPodAutoscaler, if `autoscaling` was set. */
  public readonly hpa?: plus.HorizontalPodAutoscaler;
  /** The PodDisruptionBudget, if any. */
  public readonly pdb?: k8s.KubePodDisruptionBudget;
  /** The fixed replica count (not rendered when autoscaling). */
  public readonly replicas: number;
  /** The Service type. */
  public readonly serviceType: ServiceType;
  /** The Service port of the first app port. */
  public readonly servicePort: number;
  /** The autoscaling settings after defaults, if any. */
  public readonly autoscaling?: Required<AutoscalingOptions>;
  /** The PodDisruptionBudget setting after defaults. */
  public readonly disruptionBudget: DisruptionBudget;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    props = EnvironmentContext.resolve(scope, id, new.target, props, { propNames: WEB_APP_PROP_NAMES, defaultReplicas: 2, ownImage: true });
    super(scope, id, props, {
      component: 'web',
      defaultPorts: [{ name: 'http', number: 8080 }],
      exposesService: true,
      createWorkload: (self, pod) => createPatternDeployment(self, pod, props, props.replicas ?? 2),
    });
    this.deployment = this._workload as plus.Deployment;
    this.replicas = props.replicas ?? 2;
    this.serviceType = props.serviceType ?? ServiceType.CLUSTER_IP;
    this.servicePort = props.servicePort ?? 80;
    checkPortNumber(this, 'servicePort', this.servicePort);
    if (!Object.values(ServiceType).includes(this.serviceType)) {
      throw new ValidationError(this, `'serviceType' (${JSON.stringify(this.serviceType)}) is unknown: use ServiceType.CLUSTER_IP, NODE_PORT or LOAD_BALANCER`);
    }

    if (this.ports.length === 0) {
      throw new ValidationError(this, '\'ports\' is empty: a WebApp serves traffic through its Service, which needs at least one port; '
        + 'add a port, or use a Worker for an app that serves none');
    }
    this.service = this.createService();
    this._attachService(this.service);
    if (props.ingress) {
      this.ingress = createIngress(this, props.ingress, this.service, this.servicePortOf(props.ingress.port), this._metadataFor(true));
      this.labels.applyTo(this.ingress);
    }
    const scaling = addPatternScaling(this, this.deployment, props, {
      replicas: this.replicas, resources: this.resources, labels: this.labels, metadata: () => this._metadataFor(true),
    });
    this.autoscaling = scaling.autoscaling;
    this.hpa = scaling.hpa;
    this.disruptionBudget = scaling.disruptionBudget;
    this.pdb = scaling.pdb;
  }

  private createService(): plus.Service {
    const ports = this.ports;
    const service = new plus.Service(this, 'Service', {
      metadata: this._metadataFor(true),
      type: this.serviceType as unknown as plus.ServiceType,
      selector: this.deployment,
      ports: ports.map((p, index) => ({
        name: p.name,
        port: index === 0 ? this.servicePort : p.number,
        targetPort: p.number,
        protocol: p.protocol as unknown as plus.Protocol,
      })),
    });
    for (const [key, value] of Object.entries(this.labels.selector)) {
      service.selectLabel(key, value);
    }
    this.labels.applyTo(service);
    return service;
  }

  /** The Service port number that fronts the app port named `portName` (default: the first). */
  private servicePortOf(portName: string | undefined): number {
    const ports = this.ports;
    const index = portName === undefined ? 0 : ports.findIndex(p => p.name === portName);
    if (index < 0) {
      throw new ValidationError(this, `'ingress.port' (${JSON.stringify(portName)}) is not a port of the app `
        + `(ports: ${ports.map(p => JSON.stringify(p.name)).join(', ')})`);
    }
    return index === 0 ? this.servicePort : ports[index].number;
  }
}
