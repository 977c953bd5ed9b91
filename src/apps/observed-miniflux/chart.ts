import { Construct } from 'constructs';
import {
  ExternalObjects, LogOutput, LogParser, MetricsExporter, SidecarLogger,
} from '../../index';
import { MinifluxChart, MinifluxChartProps } from '../miniflux/chart';

/** Properties of the observed Miniflux example chart. */
export interface ObservedMinifluxChartProps extends MinifluxChartProps {
  // `host` defaults to 'observed.rss.example.com' here, so both examples can be deployed side by side.
  /**
   * The Loki push endpoint the log shipper sends to.
   * @default 'http://loki.monitoring:3100'
   */
  readonly lokiUrl?: string;
  /**
   * The `release` label the cluster's Prometheus selects ServiceMonitors on.
   * @default 'prometheus'
   */
  readonly prometheusRelease?: string;
}

/**
 * The Miniflux two-tier example with observability sidecars:
 *
 * - Miniflux writes JSON logs to `/var/log/app/miniflux.log`; a `SidecarLogger` (Fluent Bit) tails
 *   the shared directory and ships them to Loki, with the Loki password from the Secret
 *   `loki-credentials` (key `password`, must exist in the namespace);
 * - Miniflux serves Prometheus metrics on its own `http` port (`METRICS_COLLECTOR=1`):
 *   `MetricsExporter.fromApp` adds the scrape annotations and a ServiceMonitor, no container;
 * - PostgreSQL gets the catalog `postgres-exporter` sidecar, which reaches the database on
 *   localhost with the credentials of `miniflux-db`, a metrics Service and a ServiceMonitor.
 */
export class ObservedMinifluxChart extends MinifluxChart {
  /** The log shipper of the web app. */
  public readonly logger: SidecarLogger;
  /** The web app's metrics (served by Miniflux itself). */
  public readonly webMetrics: MetricsExporter;
  /** The PostgreSQL exporter. */
  public readonly dbMetrics: MetricsExporter;

  constructor(scope: Construct, id: string, props: ObservedMinifluxChartProps = {}) {
    super(scope, id, { namespace: 'miniflux-observed', host: 'observed.rss.example.com', ...props });
    ExternalObjects.of(this).declare({ kind: 'Secret', name: 'loki-credentials', keys: ['password'] });
    const serviceMonitor = { labels: { release: props.prometheusRelease ?? 'prometheus' } };

    // Miniflux 2.2: structured logs to a file in the shared directory, metrics on /metrics.
    this.web.addEnv('LOG_FILE', '/var/log/app/miniflux.log');
    this.web.addEnv('LOG_FORMAT', 'json');
    this.web.addEnv('METRICS_COLLECTOR', '1');
    // Scrapes come from the Prometheus pods, not from localhost (Miniflux's default).
    this.web.addEnv('METRICS_ALLOWED_NETWORKS', '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16');

    this.logger = new SidecarLogger({
      inputs: [{ path: '/var/log/app/*.log', parser: LogParser.json({ timeKey: 'time', timeFormat: '%Y-%m-%dT%H:%M:%S.%L%z' }) }],
      outputs: [LogOutput.loki({
        url: props.lokiUrl ?? 'http://loki.monitoring:3100',
        labels: { app: 'miniflux', namespace: this.namespace! },
        user: 'miniflux',
        password: { secretName: 'loki-credentials', key: 'password' },
      })],
    });
    this.web.addSidecar(this.logger);

    this.webMetrics = MetricsExporter.fromApp({ port: 'http', serviceMonitor });
    this.web.addSidecar(this.webMetrics);

    this.dbMetrics = MetricsExporter.forDatabase(this.db, { serviceMonitor });
    this.db.addSidecar(this.dbMetrics);
  }
}
