import { AutoscalingOptions } from '../common/scaling';
import { DisruptionBudget, RolloutStrategy, RollingUpdateOptions } from '../common/availability';
import { PortSpec } from '../common/ports';
import { WorkloadProps } from '../common/workload-props';

/** How the Service is reachable. */
export enum ServiceType {
  /** Inside the cluster only. */
  CLUSTER_IP = 'ClusterIP',
  /** On a port of every node. */
  NODE_PORT = 'NodePort',
  /** Through a cloud load balancer. */
  LOAD_BALANCER = 'LoadBalancer',
}

/** How an Ingress path is matched. */
export enum PathType {
  /** Matches the path and everything below it, by `/`-separated elements. */
  PREFIX = 'Prefix',
  /** Matches the exact path. */
  EXACT = 'Exact',
  /** Up to the IngressClass. */
  IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific',
}

/**
 * TLS of an Ingress: an existing TLS Secret, or a certificate requested from cert-manager.
 */
export class IngressTls {
  /** An existing `kubernetes.io/tls` Secret. */
  public static fromSecretName(secretName: string): IngressTls {
    return new IngressTls(secretName);
  }

  /**
   * A certificate from a cert-manager `Issuer` in the namespace (annotation
   * `cert-manager.io/issuer`); cert-manager stores it in `secretName`.
   */
  public static certManagerIssuer(issuerName: string, options: CertManagerOptions = {}): IngressTls {
    return new IngressTls(options.secretName, 'cert-manager.io/issuer', issuerName);
  }

  /** A certificate from a cert-manager `ClusterIssuer` (annotation `cert-manager.io/cluster-issuer`). */
  public static certManagerClusterIssuer(issuerName: string, options: CertManagerOptions = {}): IngressTls {
    return new IngressTls(options.secretName, 'cert-manager.io/cluster-issuer', issuerName);
  }

  private constructor(
    /** The TLS Secret name. @default - `<ingress name>-tls` for cert-manager */
    public readonly secretName?: string,
    /** @internal */
    public readonly _annotation?: string,
    /** @internal */
    public readonly _issuer?: string) {
  }
}

/** Options of a cert-manager certificate. */
export interface CertManagerOptions {
  /**
   * The Secret cert-manager writes the certificate to.
   * @default - `<ingress name>-tls`
   */
  readonly secretName?: string;
}

/**
 * An Ingress in front of the app's Service.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/ingress/
 */
export interface IngressOptions {
  /** Host names (DNS names or `*.` wildcards, no IPs). At least one. */
  readonly hosts: string[];
  /**
   * Paths routed to the app, on every host.
   * @default ['/']
   */
  readonly paths?: string[];
  /**
   * How paths match.
   * @default PathType.PREFIX
   */
  readonly pathType?: PathType;
  /**
   * The IngressClass.
   * @default - the cluster's default IngressClass
   */
  readonly className?: string;
  /**
   * TLS for all hosts.
   * @default - no TLS
   */
  readonly tls?: IngressTls;
  /**
   * The app port (by name) the Ingress routes to.
   * @default - the first port
   */
  readonly port?: string;
  /**
   * Annotations for the Ingress controller.
   * @default - none (besides the cert-manager annotation)
   */
  readonly annotations?: Record<string, string>;
}

/**
 * Properties of a `WebApp`.
 */
export interface WebAppProps extends WorkloadProps {
  /**
   * Named container ports; the first is the main HTTP port (Service, Ingress and probes).
   * @default [{ name: 'http', number: 8080 }]
   */
  readonly ports?: PortSpec[];
  /**
   * Number of pods. Ignored (not rendered) when `autoscaling` is set.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * The Service type.
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;
  /**
   * The Service port of the first app port (the other ports keep their numbers).
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * An Ingress to the Service.
   * @default - no Ingress
   */
  readonly ingress?: IngressOptions;
  /**
   * A HorizontalPodAutoscaler.
   * @default - fixed `replicas`
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * The PodDisruptionBudget.
   * @default - DisruptionBudget.maxUnavailable(PercentOrCount.count(1)) when replicas (or the HPA minimum) > 1, none otherwise
   */
  readonly disruptionBudget?: DisruptionBudget;
  /**
   * Rolling update settings.
   * @default - maxSurge 25%, maxUnavailable 0
   */
  readonly rollingUpdate?: RollingUpdateOptions;
  /**
   * How pods are replaced: a rolling update, or Recreate (all old pods stop first; needed for a
   * ReadWriteOnce volume the pods mount). `rollingUpdate` applies to rolling updates only.
   * @default RolloutStrategy.ROLLING_UPDATE
   */
  readonly rolloutStrategy?: RolloutStrategy;
}

export { AutoscalingOptions };
