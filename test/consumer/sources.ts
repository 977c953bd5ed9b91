/**
 * The sources of the consumer project (test/consumer/project.ts writes them), as a user writes
 * them against the installed package. Kept as strings: as .ts files in test/ they would be picked
 * up by our own jest and type check, where `cdk8s-patterns` does not resolve.
 */

/** chart.ts: the README's shop chart, side-effect free. */
export const CHART_TS = `import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Database, DatabaseCredentials, DatabaseEngine, HealthCheck, Image, IngressTls, SecretEnvValue, WebApp,
} from 'cdk8s-patterns';

export interface ShopChartProps extends ChartProps {
  /** The public host name. */
  readonly host?: string;
}

export class ShopChart extends Chart {
  public readonly web: WebApp;
  public readonly db: Database;
  public readonly orders: Database;

  constructor(scope: Construct, id: string, props: ShopChartProps = {}) {
    super(scope, id, props);
    this.db = new Database(this, 'Db', {
      engine: DatabaseEngine.postgres('16.4'),
      credentials: DatabaseCredentials.fromExistingSecret('shop-db', { userKey: 'username' }),
    });
    this.orders = new Database(this, 'Orders', {
      engine: DatabaseEngine.postgres('16.4'),
      credentials: DatabaseCredentials.fromExistingSecret('orders-db', { userKey: 'username' }),
    });
    this.web = new WebApp(this, 'Web', {
      image: Image.of('ghcr.io/acme/shop:1.4.2'),
      ports: [{ name: 'http', number: 8080 }],
      health: HealthCheck.http('/healthz'),
      secretEnv: { SESSION_KEY: SecretEnvValue.fromSecretName('shop-secrets', 'session-key') },
      ingress: { hosts: [props.host ?? 'shop.example.com'], tls: IngressTls.certManagerClusterIssuer('letsencrypt') },
      autoscaling: { maxReplicas: 6 },
    });
    this.web.connectTo(this.db, { waitForDatabase: true });
    this.web.connectTo(this.orders);
  }
}
`;

/** main.ts: the README's app, `synth(app)` at the end (works under `cdk8s synth` and `cdk8s-patterns synth`). */
export const MAIN_TS = `import { App } from 'cdk8s';
import { synth } from 'cdk8s-patterns';
import { ShopChart } from './chart';

const app = new App();
new ShopChart(app, 'shop');
synth(app);
`;

/** main.test.ts: the jest matcher (a subpath with a global augmentation) and the snapshot serializer. */
export const MAIN_TEST_TS = `import { Testing } from 'cdk8s';
import { testing } from 'cdk8s-patterns';
import 'cdk8s-patterns/validation/jest';
import { kubeYamlSerializer } from 'cdk8s-patterns/testing/snapshot-serializer';
import { ShopChart } from './chart';

expect.addSnapshotSerializer(kubeYamlSerializer);

test('the shop is valid Kubernetes', () => {
  const chart = new ShopChart(Testing.app(), 'shop');
  expect(chart).toBeValidKubernetes();
  expect(testing.synthChart(chart)).toMatchSnapshot();
});
`;

/**
 * types.ts: compile-time assertions on the declarations a user sees. Each constant only type-checks
 * when its type is exact (an escape hatch typed \`any\` because a declaration did not resolve fails).
 */
export const TYPES_TS = `import { Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import * as plus from 'cdk8s-plus-28';
import * as patterns from 'cdk8s-patterns';
import {
  CronTask, Database, ExternalDatabase, Image, Resources, SecretEnvValue, WebApp, Worker,
} from 'cdk8s-patterns';
import { Cdk8sPatternsValidation } from 'cdk8s-patterns/validation/cdk8s-plugin';
import { kubeYamlSerializer } from 'cdk8s-patterns/testing/snapshot-serializer';
import { toBeValidKubernetes, validationMatchers } from 'cdk8s-patterns/validation/jest';
import { ShopChart } from './chart';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
/** The public members of T typed \`any\` (never when there are none). */
type AnyMembers<T> = { [K in keyof T]-?: IsAny<T[K]> extends true ? K : never }[keyof T];

// the escape hatches are the cdk8s-plus-28 and cdk8s types of the user's own copies
export const webDeployment: Equals<WebApp['deployment'], plus.Deployment> = true;
export const webService: Equals<WebApp['service'], plus.Service> = true;
export const webContainer: Equals<WebApp['container'], plus.Container> = true;
export const webIngress: Equals<WebApp['ingress'], plus.Ingress | undefined> = true;
export const webHpa: Equals<WebApp['hpa'], plus.HorizontalPodAutoscaler | undefined> = true;
export const webPdb: Equals<WebApp['pdb'], k8s.KubePodDisruptionBudget | undefined> = true;
export const webServiceAccount: Equals<WebApp['serviceAccount'], plus.ServiceAccount> = true;
export const webConfigMap: Equals<WebApp['configMap'], plus.ConfigMap | undefined> = true;
export const webSecret: Equals<WebApp['secret'], plus.Secret | undefined> = true;
export const webImage: Equals<WebApp['image'], Image> = true;
export const webResources: Equals<WebApp['resources'], Resources> = true;
export const workerDeployment: Equals<Worker['deployment'], plus.Deployment> = true;
export const dbStatefulSet: Equals<Database['statefulSet'], plus.StatefulSet> = true;
export const dbService: Equals<Database['service'], plus.Service> = true;
export const dbStorage: Equals<Database['storageSize'], Size> = true;
export const secretEnv: Equals<ReturnType<typeof SecretEnvValue.fromSecretName>, SecretEnvValue> = true;

// no public member of the patterns is \`any\`
export const webAny: Equals<AnyMembers<WebApp>, never> = true;
export const workerAny: Equals<AnyMembers<Worker>, never> = true;
export const cronTaskAny: Equals<AnyMembers<CronTask>, never> = true;
export const databaseAny: Equals<AnyMembers<Database>, never> = true;
export const externalDatabaseAny: Equals<AnyMembers<ExternalDatabase>, never> = true;
export const chartAny: Equals<AnyMembers<ShopChart>, never> = true;

// no export of the package root (classes' instance and static members, namespaces' members) is \`any\`:
// otherwise the type of these constants is the names of those members, e.g. 'WebApp.deployment'
type Exports = typeof patterns;
type InstanceAny = { [K in keyof Exports]: Exports[K] extends abstract new (...args: never[]) => infer I
  ? ([AnyMembers<I>] extends [never] ? never : \`\${K & string}.\${AnyMembers<I> & string}\`) : never }[keyof Exports];
type ExportAny = { [K in keyof Exports]: IsAny<Exports[K]> extends true ? K : Exports[K] extends readonly unknown[] ? never : Exports[K] extends object
  ? ([AnyMembers<Exports[K]>] extends [never] ? never : \`\${K & string}.\${AnyMembers<Exports[K]> & string}\`) : never }[keyof Exports];
export const noInstanceAny: [InstanceAny] extends [never] ? true : InstanceAny = true;
export const noExportAny: [ExportAny] extends [never] ? true : ExportAny = true;

// the functions the package root loads on their first call (issue #14) keep their signatures,
// and the enums next to them are still enums (members usable as types)
export const diffManifestsType: Equals<typeof patterns.diffManifests,
  (before: patterns.ManifestInput, after: patterns.ManifestInput, options?: patterns.DiffOptions) => patterns.DiffReport> = true;
export const renderSvgType: Equals<typeof patterns.renderSvg, (graph: patterns.AppGraph, options?: patterns.SvgOptions) => string> = true;
export const capacityOfType: Equals<typeof patterns.capacityOf, (objects: readonly patterns.KubeObject[]) => patterns.CapacityReport> = true;
export const argoCdManifestsType: Equals<typeof patterns.argoCdManifests,
  (envs: readonly patterns.EnvironmentOutput[], options: patterns.GitOpsOptions) => patterns.KubeObject[]> = true;
export const changeType: Equals<patterns.ObjectDiff['change'], patterns.ChangeType> = true;
export const addedChange: patterns.ChangeType.ADDED = patterns.ChangeType.ADDED;
export const environmentError: Equals<InstanceType<typeof patterns.EnvironmentError>, patterns.EnvironmentError> = true;

// the subpath entries resolve to their declarations
export const plugin: IsAny<typeof Cdk8sPatternsValidation> = false;
export const serializer: IsAny<typeof kubeYamlSerializer> = false;
export const serializerTest: Equals<typeof kubeYamlSerializer.test, (value: unknown) => boolean> = true;
export const matcher: IsAny<typeof toBeValidKubernetes> = false;
export const matchers: IsAny<typeof validationMatchers> = false;
`;

/** The consumer sources by file name. */
export const CONSUMER_SOURCES: Readonly<Record<string, string>> = {
  'chart.ts': CHART_TS,
  'main.ts': MAIN_TS,
  'main.test.ts': MAIN_TEST_TS,
  'types.ts': TYPES_TS,
};
