import { Chart, ChartProps, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CronTask, Database, EnvironmentContext, ExternalObjects, DatabaseCredentials, DatabaseEngine, HealthCheck, Image, IngressTls, NetworkPeer, Schedule,
  SecretEnvValue, WebApp,
} from '../../index';

/** The ingress-nginx controller's pods: the only callers of the web app (through its Ingress). */
const INGRESS_NGINX = NetworkPeer.namespace('ingress-nginx', { podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } });

/** Properties of the Miniflux example chart. */
export interface MinifluxChartProps extends ChartProps {
  /**
   * Public host name of the Ingress.
   * @default 'rss.example.com'
   */
  readonly host?: string;
  /**
   * The Miniflux image (it runs as a non-root user and writes nothing to its filesystem).
   * @default Image.of('ghcr.io/miniflux/miniflux:2.2.6')
   */
  readonly image?: Image;
}

/**
 * A classic two-tier app: the Miniflux feed reader (`WebApp`) on PostgreSQL (`Database`), with a
 * nightly `CronTask` that runs Miniflux's cleanup tasks against the same database.
 *
 * `connectTo` gives both the connection variables (Miniflux reads `DATABASE_URL`), NetworkPolicies
 * on both sides (the app and the task may reach PostgreSQL's port and the cluster DNS, PostgreSQL
 * accepts only them), and an init container that waits until PostgreSQL answers. The web app may
 * also fetch feeds over HTTP(S) (`allowEgress`). The web app's pods admit only the ingress-nginx
 * controller (`inbound`), on the port its Ingress routes to.
 *
 * The Secrets `miniflux-db` (keys `username`, `password`) and `miniflux-admin` (key `password`)
 * must exist in the namespace.
 */
export class MinifluxChart extends Chart {
  /** The PostgreSQL database. */
  public readonly db: Database;
  /** The web app. */
  public readonly web: WebApp;
  /** The nightly cleanup. */
  public readonly cleanup: CronTask;

  constructor(scope: Construct, id: string, props: MinifluxChartProps = {}) {
    super(scope, id, { namespace: 'miniflux', ...props });
    if (EnvironmentContext.of(this) === undefined) {
      // The namespace belongs to the platform team, which creates it with its quotas
      // (an environment creates its own Namespace).
      ExternalObjects.of(this).declare({ kind: 'Namespace', name: this.namespace! });
    }
    const image = props.image ?? Image.of('ghcr.io/miniflux/miniflux:2.2.6');

    this.db = new Database(this, 'Db', {
      engine: DatabaseEngine.postgres('16.4'),
      credentials: DatabaseCredentials.fromExistingSecret('miniflux-db', { userKey: 'username' }),
      databaseName: 'miniflux',
      storage: { size: Size.gibibytes(5) },
      partOf: 'miniflux',
    });

    // lib/pq (used by Miniflux) reads PGSSLMODE; the in-cluster PostgreSQL has no TLS.
    const databaseConfig = { PGSSLMODE: 'disable' };

    this.web = new WebApp(this, 'Web', {
      image,
      appName: 'miniflux',
      partOf: 'miniflux',
      ports: [{ name: 'http', number: 8080 }],
      health: HealthCheck.http('/healthcheck', {
        startup: { period: Duration.seconds(2), failureThreshold: 60 },
      }),
      config: {
        ...databaseConfig,
        LISTEN_ADDR: '0.0.0.0:8080',
        BASE_URL: `https://${props.host ?? 'rss.example.com'}/`,
        RUN_MIGRATIONS: '1',
        CREATE_ADMIN: '1',
        ADMIN_USERNAME: 'admin',
      },
      secretEnv: {
        ADMIN_PASSWORD: SecretEnvValue.fromSecretName('miniflux-admin', 'password'),
      },
      ingress: {
        hosts: [props.host ?? 'rss.example.com'],
        className: 'nginx',
        tls: IngressTls.certManagerClusterIssuer('letsencrypt'),
      },
      inbound: { ingressController: INGRESS_NGINX },
    });
    this.web.connectTo(this.db, { waitForDatabase: true });
    // Miniflux fetches feeds from the internet: its egress is isolated by connectTo, so allow it.
    this.web.allowEgress({ ports: [80, 443] });

    this.cleanup = new CronTask(this, 'Cleanup', {
      image,
      appName: 'miniflux-cleanup',
      partOf: 'miniflux',
      command: ['/usr/bin/miniflux', '-run-cleanup-tasks'],
      config: databaseConfig,
      schedule: Schedule.daily(3, 15),
      timeZone: 'Europe/Berlin',
      activeDeadline: Duration.hours(1),
      backoffLimit: 2,
    });
    this.cleanup.connectTo(this.db, { waitForDatabase: true });
  }
}
