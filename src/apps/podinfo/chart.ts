import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  EnvironmentContext, ExternalObjects, HealthCheck, Image, IngressTls, NetworkPeer, ResourcePreset, Resources, SecretEnvValue, WebApp,
} from '../../index';

/** The pods of the ingress-nginx controller, in its own namespace. */
const INGRESS_NGINX = NetworkPeer.namespace('ingress-nginx', { podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } });

/** Properties of the podinfo example chart. */
export interface PodinfoChartProps extends ChartProps {
  /**
   * Public host name of the Ingress.
   * @default 'podinfo.example.com'
   */
  readonly host?: string;
  /**
   * The podinfo image.
   * @default Image.of('ghcr.io/stefanprodan/podinfo:6.7.1')
   */
  readonly image?: Image;
  /**
   * Scale with a HorizontalPodAutoscaler (2 to 6 replicas at 75% CPU); otherwise run 2 replicas.
   * @default true
   */
  readonly autoscaling?: boolean;
}

/**
 * podinfo (a small Go web app that runs non-root with a read-only root filesystem) as a `WebApp`:
 * Ingress with a cert-manager certificate, config values, a secret from an existing Secret, HPA,
 * and a NetworkPolicy that admits only the ingress controller (and the Gateway where routed).
 *
 * The existing Secret `podinfo-secrets` (key `ui-token`) must exist in the namespace.
 */
export class PodinfoChart extends Chart {
  /** The web app. */
  public readonly web: WebApp;

  constructor(scope: Construct, id: string, props: PodinfoChartProps = {}) {
    super(scope, id, { namespace: 'podinfo', ...props });
    if (EnvironmentContext.of(this) === undefined) {
      // The namespace belongs to the platform team, which creates it with its quotas
      // (an environment creates its own Namespace).
      ExternalObjects.of(this).declare({ kind: 'Namespace', name: this.namespace! });
    }
    const autoscaling = props.autoscaling ?? true;
    this.web = new WebApp(this, 'Podinfo', {
      image: props.image ?? Image.of('ghcr.io/stefanprodan/podinfo:6.7.1'),
      partOf: 'examples',
      command: ['./podinfo'],
      args: ['--port=9898', '--level=info'],
      ports: [{ name: 'http', number: 9898 }],
      health: HealthCheck.http('/healthz', {
        readiness: { path: '/readyz' },
        startup: { period: Duration.seconds(2), failureThreshold: 30 },
      }),
      resources: Resources.preset(ResourcePreset.SMALL).withoutCpuLimit(),
      config: {
        PODINFO_UI_MESSAGE: 'Hello from cdk8s-patterns',
        PODINFO_UI_COLOR: '#34577c',
      },
      secretEnv: {
        PODINFO_UI_TOKEN: SecretEnvValue.fromSecretName('podinfo-secrets', 'ui-token', { optional: true }),
      },
      ingress: {
        hosts: [props.host ?? 'podinfo.example.com'],
        className: 'nginx',
        tls: IngressTls.certManagerClusterIssuer('letsencrypt'),
      },
      // Only the ingress controller (and, where an environment adds a route, the Gateway's data
      // plane) may reach the pods.
      inbound: { ingressController: INGRESS_NGINX },
      autoscaling: autoscaling ? { minReplicas: 2, maxReplicas: 6, cpuUtilization: 75 } : undefined,
    });
  }
}
