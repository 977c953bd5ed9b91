/* eslint-disable @typescript-eslint/no-require-imports */
import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import type * as MonitoringApi from '../../../../imports/monitoring.coreos.com';
import type { ServiceMonitor } from '../../../../imports/monitoring.coreos.com';
import { IDatabase, SecretKeyRef } from '../../networking/connection';
import { ValidationError } from '../../core/errors';
import { HealthCheck } from '../../pod/health-check';
import { Image } from '../../pod/image';
import { NetworkPeer } from '../../networking/network-policy';
import { plus } from '../../core/plus';
import { isIanaSvcName } from '../../core/validators';
import { Resources, ResourcePreset } from '../../pod/resources';
import { ExposedService, ISidecar, ISidecarHost, ISidecarPod } from '../sidecar';
import { exporterFor } from './exporter-catalog';
import { wholeMillis } from '../../pod/durations';
import { PropNames, unknownPropProblem } from '../../core/prop-names';
import { METRICS_EXPORTER_NAMES } from '../sidecar-prop-names';

/** How Prometheus (operator) scrapes the metrics. */
export interface ServiceMonitorOptions {
  /**
   * Create a prometheus-operator ServiceMonitor.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Scrape interval.
   * @default Duration.seconds(30)
   */
  readonly interval?: Duration;
  /**
   * Scrape timeout (at most the interval).
   * @default Duration.seconds(10)
   */
  readonly scrapeTimeout?: Duration;
  /**
   * Extra labels of the ServiceMonitor, e.g. the `release` label a Prometheus selects on.
   * @default - the workload's recommended labels only
   */
  readonly labels?: Record<string, string>;
}

/** Options shared by every kind of metrics endpoint. */
export interface MetricsOptions {
  /**
   * The HTTP path of the metrics.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * Add `prometheus.io/scrape`, `prometheus.io/port` and `prometheus.io/path` to the pod template.
   * @default true
   */
  readonly scrapeAnnotations?: boolean;
  /**
   * The ServiceMonitor.
   * @default - a ServiceMonitor scraping every 30 seconds
   */
  readonly serviceMonitor?: ServiceMonitorOptions;
  /**
   * Who scrapes the metrics. Where the workload admits only known clients (a `Database` with its
   * NetworkPolicy), these peers are admitted on the metrics port, and on no other port; workloads
   * whose pods accept any traffic need no rule. An empty list opens nothing (when you manage the
   * NetworkPolicy yourself).
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
   * @default [MetricsExporter.DEFAULT_SCRAPER] - any pod in the namespace `monitoring`
   */
  readonly scrapers?: NetworkPeer[];
}

/** Options of an exporter container. */
export interface ExporterContainerOptions extends MetricsOptions {
  /**
   * The container name.
   * @default - the exporter's name, e.g. `postgres-exporter`
   */
  readonly name?: string;
  /**
   * The name of the metrics port (on the container and the Service).
   * @default 'metrics'
   */
  readonly portName?: string;
  /**
   * Requests and limits.
   * @default Resources.preset(ResourcePreset.NANO)
   */
  readonly resources?: Resources;
}

/** Options of an exporter for a database engine. */
export interface DatabaseExporterOptions extends ExporterContainerOptions {
  /**
   * The exporter image (pinned).
   * @default - the catalog image of the engine (postgres-exporter v0.15.0, mysqld-exporter v0.15.1, redis_exporter v1.62.0, mongodb_exporter 0.40.0)
   */
  readonly image?: Image;
}

/** Options of an exporter for any image. */
export interface GenericExporterOptions extends ExporterContainerOptions {
  /** The container name. */
  readonly name: string;
  /** The exporter image (pinned). */
  readonly image: Image;
  /** The port the exporter serves metrics on. */
  readonly port: number;
  /** @default - the image's arguments */
  readonly args?: string[];
  /**
   * Plain environment variables (may reference `secretEnv` with `$(VAR)`).
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Environment variables from keys of existing Secrets.
   * @default - none
   */
  readonly secretEnv?: Record<string, SecretKeyRef>;
}

/** Options of metrics the app serves itself. */
export interface AppMetricsOptions extends MetricsOptions {
  /**
   * The name of the app port that serves the metrics.
   * @default 'metrics'
   */
  readonly port?: string;
}

interface ContainerPlan {
  readonly name: string;
  readonly image: Image;
  readonly port: number;
  readonly args?: string[];
  readonly env: Record<string, string>;
  readonly secretEnv: Record<string, SecretKeyRef>;
}

type Plan = (host: ISidecarHost) => ContainerPlan | undefined;

/** The apiVersion of the prometheus-operator ServiceMonitor a `MetricsExporter` renders. */
export const SERVICE_MONITOR_API_VERSION: string = 'monitoring.coreos.com/v1';
/** The kind of the prometheus-operator ServiceMonitor a `MetricsExporter` renders. */
export const SERVICE_MONITOR_KIND: string = 'ServiceMonitor';

let monitoringModule: typeof MonitoringApi | undefined;

/**
 * The generated prometheus-operator classes (`imports/monitoring.coreos.com`), loaded when the
 * first ServiceMonitor is rendered instead of with the package (like `gateway/gateway-api.ts`);
 * the two constants above are written out (`test/package` checks them against `ServiceMonitor.GVK`).
 */
function monitoringApi(): typeof MonitoringApi {
  return (monitoringModule ??= require('../../../../imports/monitoring.coreos.com') as typeof MonitoringApi);
}

/** The label that marks a metrics Service created by a `MetricsExporter` (value: the exporter name). */
export const METRICS_SERVICE_LABEL = 'patterns.cdk8s.io/metrics';

/**
 * Prometheus metrics for a workload: an exporter container that reaches the app (or the database)
 * on localhost, or the app's own metrics port; a named port on the workload's Service (or a
 * Service of its own for workloads without one), scrape annotations on the pods and a
 * prometheus-operator ServiceMonitor.
 *
 * ```ts
 * database.addSidecar(MetricsExporter.forDatabase(database));
 * web.addSidecar(MetricsExporter.fromApp({ port: 'http' }));
 * worker.addSidecar(MetricsExporter.generic({ name: 'statsd', image: Image.of('prom/statsd-exporter:v0.27.1'), port: 9102 }));
 * ```
 */
export class MetricsExporter implements ISidecar {
  /** The default scraper: any pod of the namespace `monitoring` (by its `kubernetes.io/metadata.name` label). */
  public static readonly DEFAULT_SCRAPER: NetworkPeer = NetworkPeer.namespace('monitoring');

  /**
   * The catalog exporter of the database's engine (PostgreSQL, MySQL, Redis, MongoDB), configured
   * from `database.connection`. Bound to the database's own pods it connects to `localhost`;
   * bound to another workload it connects to the database host.
   */
  public static forDatabase(database: IDatabase, options: DatabaseExporterOptions = {}): MetricsExporter {
    return new MetricsExporter(options, METRICS_EXPORTER_NAMES.forDatabase, options?.portName ?? 'metrics', host => {
      const local = (host as unknown) === database;
      const spec = exporterFor(host, 'MetricsExporter.forDatabase', database.connection, local ? 'localhost' : database.connection.host);
      return { ...spec, name: options.name ?? spec.name, image: options.image ?? spec.image };
    });
  }

  /** Any exporter image serving metrics on `port`. */
  public static generic(options: GenericExporterOptions): MetricsExporter {
    return new MetricsExporter(options, METRICS_EXPORTER_NAMES.generic, options.portName ?? 'metrics', () => ({
      name: options.name, image: options.image, port: options.port, args: options.args, env: options.env ?? {}, secretEnv: options.secretEnv ?? {},
    }));
  }

  /** The app serves metrics itself on one of its ports: no container, same Service port, annotations and ServiceMonitor. */
  public static fromApp(options: AppMetricsOptions = {}): MetricsExporter {
    return new MetricsExporter(options, METRICS_EXPORTER_NAMES.fromApp, options.port ?? 'metrics', () => undefined);
  }

  /** The metrics path. */
  public readonly path: string;
  /** The name of the metrics port. */
  public readonly portName: string;
  /** Whether the pods get scrape annotations. */
  public readonly scrapeAnnotations: boolean;
  /** Who scrapes the metrics (admitted on the metrics port by workloads that isolate their pods). */
  public readonly scrapers: NetworkPeer[];
  /** The ServiceMonitor settings after defaults. */
  public readonly serviceMonitor: Required<Omit<ServiceMonitorOptions, 'labels'>> & Pick<ServiceMonitorOptions, 'labels'>;

  private readonly resources: Resources;
  private _service?: ExposedService;

  private constructor(private readonly options: MetricsOptions & { resources?: Resources }, private readonly optionNames: PropNames,
    portName: string, private readonly plan: Plan) {
    this.path = options.path ?? '/metrics';
    this.portName = portName;
    this.scrapeAnnotations = options.scrapeAnnotations ?? true;
    this.scrapers = [...options.scrapers ?? [MetricsExporter.DEFAULT_SCRAPER]];
    this.resources = options.resources ?? Resources.preset(ResourcePreset.NANO);
    this.serviceMonitor = {
      enabled: options.serviceMonitor?.enabled ?? true,
      interval: options.serviceMonitor?.interval ?? Duration.seconds(30),
      scrapeTimeout: options.serviceMonitor?.scrapeTimeout ?? Duration.seconds(10),
      labels: options.serviceMonitor?.labels,
    };
  }

  /** The Service that fronts the metrics port, available after `bind`. */
  public get service(): ExposedService | undefined {
    return this._service;
  }

  /** Adds the exporter (if any), the Service port, annotations and ServiceMonitor to the host. */
  public bind(host: ISidecarHost): void {
    const pod = host.sidecarPod;
    if (!pod) {
      throw new ValidationError(host, '\'MetricsExporter\' needs a workload that exposes pod hooks (sidecarPod): WebApp, Worker, CronTask or Database');
    }
    const container = this.plan(host);
    const prop = `sidecars.${container?.name ?? this.portName}`;
    const unknown = unknownPropProblem(this.options, this.optionNames, `${prop}.`);
    if (unknown !== undefined) {
      throw new ValidationError(host, unknown);
    }
    if (!this.path.startsWith('/') || /\s/.test(this.path)) {
      throw new ValidationError(host, `'${prop}.path' (${JSON.stringify(this.path)}) must be an HTTP path starting with '/'`);
    }
    if (!isIanaSvcName(this.portName)) {
      throw new ValidationError(host, `'${prop}.portName' (${JSON.stringify(this.portName)}) must be an IANA_SVC_NAME: 1-15 lower-case letters, digits or '-'`);
    }
    const scrapeTimeout = wholeMillis(host, `${prop}.serviceMonitor.scrapeTimeout`, this.serviceMonitor.scrapeTimeout, 1);
    if (scrapeTimeout > wholeMillis(host, `${prop}.serviceMonitor.interval`, this.serviceMonitor.interval, 1)) {
      throw new ValidationError(host, `'${prop}.serviceMonitor.scrapeTimeout' (${this.serviceMonitor.scrapeTimeout.toHumanString()}) must not be greater than `
        + `'${prop}.serviceMonitor.interval' (${this.serviceMonitor.interval.toHumanString()})`);
    }
    let port: number;
    if (container) {
      host.addSidecarContainer({
        name: container.name,
        image: container.image,
        args: container.args,
        ports: [{ name: this.portName, number: container.port }],
        env: container.env,
        secretEnv: container.secretEnv,
        resources: this.resources,
        health: HealthCheck.tcp({ port: this.portName }),
      });
      port = container.port;
    } else {
      const appPort = pod.appPorts.find(p => p.name === this.portName);
      if (!appPort) {
        throw new ValidationError(host, `'${prop}.port' (${JSON.stringify(this.portName)}) is not a port of the app `
          + `(ports: ${pod.appPorts.map(p => JSON.stringify(p.name)).join(', ') || 'none'}); add it to 'ports' or name the port that serves ${this.path}`);
      }
      port = appPort.number;
    }
    if (this.scrapeAnnotations) {
      pod.addPodAnnotation('prometheus.io/scrape', 'true', `${prop}.scrapeAnnotations`);
      pod.addPodAnnotation('prometheus.io/port', `${port}`, `${prop}.scrapeAnnotations`);
      pod.addPodAnnotation('prometheus.io/path', this.path, `${prop}.scrapeAnnotations`);
    }
    if (this.scrapers.length > 0) {
      pod.allowIngress?.(container?.name ?? this.portName, [{ peers: this.scrapers, ports: [port], prop: `${prop}.scrapers` }]);
    }
    const id = container?.name ?? `${this.portName}-metrics`;
    if (sidecarGroup(host).node.tryFindChild(id) !== undefined) {
      throw new ValidationError(host, `'${prop}' scrapes port ${JSON.stringify(this.portName)}, which another MetricsExporter of this workload `
        + 'already scrapes; add one MetricsExporter per port');
    }
    const group = new Construct(sidecarGroup(host), id);
    this._service = pod.exposePort(this.portName) ?? this.createService(group, pod, port, id);
    if (this.serviceMonitor.enabled) {
      this.createServiceMonitor(group, pod, this._service);
    }
  }

  private createService(scope: Construct, pod: ISidecarPod, port: number, id: string): ExposedService {
    const service = new plus.Service(scope, 'Service', {
      metadata: pod.objectMetadata,
      ports: [{ name: this.portName, port, targetPort: port }],
    });
    for (const [key, value] of Object.entries(pod.selectorLabels)) {
      service.selectLabel(key, value);
    }
    const metadata = ApiObject.of(service).metadata;
    // The workload may have other Services with the same labels (a Database's headless and client
    // Services): a label of its own lets the ServiceMonitor select this one only.
    const selectorLabels = { ...pod.selectorLabels, [METRICS_SERVICE_LABEL]: id };
    for (const [key, value] of Object.entries({ ...pod.labels, ...selectorLabels })) {
      metadata.addLabel(key, value);
    }
    return { namespace: pod.namespace, selectorLabels, portName: this.portName };
  }

  private createServiceMonitor(scope: Construct, pod: ISidecarPod, service: ExposedService): ServiceMonitor {
    const base = pod.objectMetadata;
    return new (monitoringApi().ServiceMonitor)(scope, 'ServiceMonitor', {
      metadata: { ...base, labels: { ...base.labels, ...pod.labels, ...this.serviceMonitor.labels } },
      spec: {
        selector: { matchLabels: { ...service.selectorLabels } },
        ...(service.namespace ? { namespaceSelector: { matchNames: [service.namespace] } } : {}),
        endpoints: [{
          port: service.portName,
          path: this.path,
          interval: promDuration(this.serviceMonitor.interval),
          scrapeTimeout: promDuration(this.serviceMonitor.scrapeTimeout),
        }],
      },
    });
  }
}

/** The `Sidecars` grouping construct of a host (created on first use). */
function sidecarGroup(host: ISidecarHost): Construct {
  return (host.node.tryFindChild('Sidecars') as Construct | undefined) ?? new Construct(host, 'Sidecars');
}

/** A Prometheus duration: `30s`, `1m30s` → rendered in seconds or milliseconds. */
function promDuration(duration: Duration): string {
  const ms = duration.toMilliseconds();
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
