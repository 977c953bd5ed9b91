/**
 * Fixture of the same-verdict tests: the README's WebApp (an existing Secret read with
 * `SecretEnvValue.fromSecretName()`, an Ingress with a cert-manager TLS Secret) and a Database that
 * two workloads connect to. Both Secrets are declared as external objects by the constructs.
 *
 * `undeclared: true` adds one reference to a Secret nobody creates or declares, which every path
 * must report. Run directly (as a cdk8s app, `CDK8S_OUTDIR` set by `cdk8s synth`), it synthesizes
 * with validation like `cdk8s-patterns synth`; `SAME_VERDICT_UNDECLARED=1` selects the variant.
 */
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  Database, DatabaseCredentials, DatabaseEngine, HealthCheck, Image, IngressTls, SecretEnvValue, WebApp, Worker,
} from '../../../src';
import { runSynth } from '../../../src/synth/run';
import { synthValidator } from '../../../src/validation/engine-hooks';

/** The app and its one chart. */
export interface SameVerdictApp {
  readonly app: App;
  readonly chart: Chart;
}

/** Builds the fixture app; `undeclared` adds an env var read from the Secret `undeclared-secret`. */
export function buildSameVerdictApp(options: { readonly undeclared?: boolean } = {}): SameVerdictApp {
  const app = Testing.app();
  const chart = new Chart(app, 'my-app');
  const web = new WebApp(chart, 'Podinfo', {
    image: Image.of('ghcr.io/stefanprodan/podinfo:6.7.1'),
    ports: [{ name: 'http', number: 9898 }],
    health: HealthCheck.http('/healthz', { readiness: { path: '/readyz' } }),
    config: { PODINFO_UI_MESSAGE: 'Hello' },
    secretEnv: { PODINFO_UI_TOKEN: SecretEnvValue.fromSecretName('podinfo-secrets', 'ui-token') },
    ingress: { hosts: ['podinfo.example.com'], className: 'nginx', tls: IngressTls.certManagerClusterIssuer('letsencrypt') },
    autoscaling: { maxReplicas: 6 },
  });
  const db = new Database(chart, 'Db', {
    engine: DatabaseEngine.postgres('16.4'),
    credentials: DatabaseCredentials.fromExistingSecret('orders-db', { userKey: 'username', passwordKey: 'password' }),
  });
  const mailer = new Worker(chart, 'Mailer', {
    image: Image.of('ghcr.io/acme/mailer:1.0.3'),
    command: ['./mailer', 'consume'],
    health: HealthCheck.exec(['./mailer', 'healthcheck']),
    autoscaling: { minReplicas: 2, maxReplicas: 8 },
  });
  web.connectTo(db, { waitForDatabase: true });
  mailer.connectTo(db);
  if (options.undeclared) {
    ApiObject.of(mailer.deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/env/-', {
      name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'undeclared-secret', key: 'token' } },
    }));
  }
  return { app, chart };
}

if (require.main === module) {
  process.exitCode = runSynth(() => buildSameVerdictApp({ undeclared: process.env.SAME_VERDICT_UNDECLARED === '1' }).app, {
    outdir: process.env.CDK8S_OUTDIR || 'dist',
    validate: synthValidator(),
  });
}
