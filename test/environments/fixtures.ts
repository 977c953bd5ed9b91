/** Test fixtures: a small shop app (WebApp + Database) built per environment. */
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Database, DatabaseCredentials, DatabaseEngine, Environment, Environments, EnvironmentProps, HealthCheck, Image, WebApp,
} from '../../src';

/** Props of the shop chart. */
export interface ShopChartProps extends ChartProps {
  readonly host?: string;
}

/** A web app on a database. */
export class ShopChart extends Chart {
  public readonly web: WebApp;
  public readonly db: Database;

  constructor(scope: Construct, id: string, props: ShopChartProps = {}) {
    super(scope, id, props);
    this.db = new Database(this, 'Db', {
      engine: DatabaseEngine.postgres('16.4'),
      credentials: DatabaseCredentials.fromExistingSecret('shop-db', { userKey: 'username' }),
    });
    this.web = new WebApp(this, 'Web', {
      image: Image.of('ghcr.io/acme/shop:1.0.0'),
      health: HealthCheck.http('/healthz'),
      ingress: props.host !== undefined ? { hosts: [props.host] } : undefined,
    });
    this.web.connectTo(this.db);
  }
}

/** An environment with a domain, named `name`, in namespace `shop-<name>`. */
export function env(name: string, props: Partial<EnvironmentProps> = {}): Environment {
  return Environment.of({ name, namespace: `shop-${name}`, domain: `${name}.example.com`, ...props });
}

/** An app with the shop in each environment. */
export function shopApp(environments: readonly Environment[]): App {
  const app = new App();
  new Environments(app, 'Environments', {
    environments,
    build: (scope, e) => new ShopChart(scope, 'shop', e.chartProps({ host: e.host('shop') })),
  });
  return app;
}
