import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AddedCapability, Database, DatabaseCredentials, DatabaseEngine, ExternalObjects, HealthCheck, Image, NetworkPeer,
  RolloutStrategy, ServiceType, VolumeSource, WebApp,
} from '../../index';

/** Properties of the WordPress example chart. */
export interface WordpressChartProps extends ChartProps {
  /**
   * The existing Secret with the database password (key `password`), as the tutorial's
   * kustomization generates it.
   * @default 'mysql-pass'
   */
  readonly passwordSecret?: string;
}

/**
 * The Kubernetes tutorial "Example: Deploying WordPress and MySQL with Persistent Volumes", written
 * only with the public API.
 *
 * What carries over: the images (MySQL 8.0, WordPress 6.2.1 with Apache), the `wordpress` database
 * and user (plain names; the password from the Secret `mysql-pass`), the `WORDPRESS_DB_*` variables,
 * 20 GiB ReadWriteOnce volumes at `/var/lib/mysql` and `/var/www/html`, one WordPress pod replaced
 * with Recreate, port 80 behind a LoadBalancer. Deliberate differences: MySQL is a StatefulSet
 * (`Database`) with a volume claim template, headless and client Services, probes and a
 * NetworkPolicy that admits only WordPress; WordPress's pods admit traffic only on port 80 (`inbound`:
 * from any address, as its LoadBalancer needs); WordPress gets probes. The official WordPress image
 * starts Apache as root to bind port 80: the chart opts out with a reason
 * (`security.runAsImageUser`), so it passes Pod Security "baseline", not "restricted": build it in an
 * environment with `podSecurity: PodSecurityLevel.BASELINE`, whose Namespace then enforces "baseline".
 */
export class WordpressChart extends Chart {
  /** MySQL. */
  public readonly db: Database;
  /** WordPress. */
  public readonly web: WebApp;

  constructor(scope: Construct, id: string, props: WordpressChartProps = {}) {
    super(scope, id, { namespace: 'wordpress', ...props });
    ExternalObjects.of(this).declare({ kind: 'Namespace', name: this.namespace! });
    this.db = new Database(this, 'Mysql', {
      appName: 'wordpress-mysql',
      partOf: 'wordpress',
      engine: DatabaseEngine.mysql('8.0.40'),
      credentials: DatabaseCredentials.fromExistingSecret(props.passwordSecret ?? 'mysql-pass'),
      databaseName: 'wordpress',
      user: 'wordpress',
      storage: { size: Size.gibibytes(20) },
    });
    this.web = new WebApp(this, 'Wordpress', {
      appName: 'wordpress',
      image: Image.of('wordpress:6.2.1-apache'),
      ports: [{ name: 'wordpress', number: 80 }],
      health: HealthCheck.tcp(),
      serviceType: ServiceType.LOAD_BALANCER,
      replicas: 1,
      rolloutStrategy: RolloutStrategy.RECREATE,
      volumes: [{ name: 'wordpress-persistent-storage', path: '/var/www/html', source: VolumeSource.newClaim({ size: Size.gibibytes(20) }) }],
      security: {
        runAsImageUser: {
          reason: 'the official wordpress image starts Apache as root: it binds port 80, owns /var/www/html and drops to www-data',
          capabilities: [
            AddedCapability.CHOWN, AddedCapability.DAC_OVERRIDE, AddedCapability.FOWNER,
            AddedCapability.SETGID, AddedCapability.SETUID, AddedCapability.NET_BIND_SERVICE,
          ],
        },
        readOnlyRootFilesystem: false,
      },
      // The LoadBalancer forwards traffic from outside the cluster, from any address, to port 80.
      inbound: { peers: [NetworkPeer.anyAddress()] },
    });
    // WORDPRESS_DB_HOST, _PORT, _NAME, _USER (a value) and _PASSWORD (the Secret), and the NetworkPolicies
    this.web.connectTo(this.db, { envPrefix: 'WORDPRESS_DB', waitForDatabase: true });
  }
}
