import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Database, DatabaseCredentials, DatabaseEngine, Image, ValidationError, WebApp, Worker } from '../../../src';
import { assignSyncWaves, computeSyncWaves, SYNC_WAVE_ANNOTATION } from '../../../src/delivery/gitops';
import { synthesizeApp } from '../../../src/synth';
import { KubeObject } from '../../../src/validation';

const IMAGE = Image.of('ghcr.io/acme/shop:1.4.2');
const CREDENTIALS = DatabaseCredentials.fromExistingSecret('orders-db', { userKey: 'username' });

/** `Kind/name: wave` for every object, in output order. */
function waveTable(objects: readonly KubeObject[]): string[] {
  return objects.map(o => {
    const meta = o.metadata as { name: string; annotations?: Record<string, string> };
    return `${o.kind}/${meta.name}: ${meta.annotations?.[SYNC_WAVE_ANNOTATION]}`;
  });
}

function wave(objects: readonly KubeObject[], kind: string, nameIncludes: string): number {
  const found = objects.filter(o => o.kind === kind && (o.metadata as { name: string }).name.includes(nameIncludes));
  expect(found).toHaveLength(1);
  return Number((found[0].metadata as { annotations: Record<string, string> }).annotations[SYNC_WAVE_ANNOTATION]);
}

function namespace(chart: Chart, name: string): ApiObject {
  return new ApiObject(chart, 'Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

function shop(): { app: App; chart: Chart; db: Database; web: WebApp } {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  namespace(chart, 'shop');
  const db = new Database(chart, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
  const web = new WebApp(chart, 'Web', { image: IMAGE, config: { LOG_LEVEL: 'info' } });
  web.connectTo(db);
  return { app, chart, db, web };
}

describe('assignSyncWaves', () => {
  test('a web app connected to a database: the database comes first, configuration and the Namespace early', () => {
    // GIVEN a Namespace, a database and a web app connected to it
    const { app } = shop();
    // WHEN
    assignSyncWaves(app);
    const objects = synthesizeApp(app).objects.map(o => o.object);
    // THEN
    expect(waveTable(objects)).toMatchSnapshot();
    expect(wave(objects, 'Namespace', 'shop')).toBe(0);
    expect(wave(objects, 'ServiceAccount', 'web')).toBe(1);
    expect(wave(objects, 'ConfigMap', 'web')).toBe(1);
    expect(wave(objects, 'StatefulSet', 'orders')).toBe(2);
    expect(wave(objects, 'Deployment', 'web')).toBe(3);
    expect(wave(objects, 'Deployment', 'web')).toBeGreaterThan(wave(objects, 'StatefulSet', 'orders'));
    // every Service of the database is in place before the app starts
    for (const service of objects.filter(o => o.kind === 'Service' && (o.metadata as { name: string }).name.includes('orders'))) {
      expect(Number((service.metadata as any).annotations[SYNC_WAVE_ANNOTATION])).toBeLessThan(3);
    }
  });

  test('two apps connected to one database share the wave after it', () => {
    const { app, chart, db } = shop();
    const worker = new Worker(chart, 'Mailer', { image: IMAGE });
    worker.connectTo(db);
    assignSyncWaves(app);
    const objects = synthesizeApp(app).objects.map(o => o.object);
    expect(wave(objects, 'Deployment', 'web')).toBe(3);
    expect(wave(objects, 'Deployment', 'mailer')).toBe(3);
    expect(wave(objects, 'StatefulSet', 'orders')).toBe(2);
  });

  test('a migration Job declared with node.addDependency runs after the database and before the app', () => {
    // GIVEN a migration that needs the database, and an app that needs the migration
    const { app, chart, db, web } = shop();
    const migration = new Construct(chart, 'Migrate');
    new ApiObject(migration, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: IMAGE }] } } },
    });
    migration.node.addDependency(db);
    web.node.addDependency(migration);
    // WHEN
    const waves = computeSyncWaves(app);
    // THEN
    const byPath = new Map([...waves].map(([o, w]) => [o.node.path, w]));
    expect(byPath.get('shop/Migrate/Job')).toBe(3);
    expect(byPath.get('shop/Web/Resource/Resource')).toBe(4);
    expect(byPath.get('shop/Web/Config/Resource')).toBe(1);
    expect(byPath.get('shop/Orders/Resource/Resource')).toBe(2);
  });

  test('the databases in another chart are ordered too, and the chart files keep their names', () => {
    const app = Testing.app();
    const data = new Chart(app, 'data');
    const db = new Database(data, 'Orders', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
    const apps = new Chart(app, 'apps');
    new WebApp(apps, 'Web', { image: IMAGE }).connectTo(db);
    assignSyncWaves(app);
    const result = synthesizeApp(app);
    expect(result.files.map(f => f.name)).toEqual(['data.k8s.yaml', 'apps.k8s.yaml']);
    const objects = result.objects.map(o => o.object);
    expect(wave(objects, 'Deployment', 'web')).toBe(3);
  });

  test('without assignSyncWaves the output is unchanged: no annotation, same objects in the same order', () => {
    const plain = synthesizeApp(shop().app).objects.map(o => o.object);
    const withWaves = shop().app;
    assignSyncWaves(withWaves);
    const annotated = synthesizeApp(withWaves).objects.map(o => o.object);
    expect(plain.every(o => (o.metadata as any).annotations?.[SYNC_WAVE_ANNOTATION] === undefined)).toBe(true);
    expect(annotated.map(o => `${o.kind}/${(o.metadata as any).name}`)).toEqual(plain.map(o => `${o.kind}/${(o.metadata as any).name}`));
    const stripped = structuredClone(annotated).map(o => {
      const annotations = (o.metadata as any).annotations;
      delete annotations[SYNC_WAVE_ANNOTATION];
      if (Object.keys(annotations).length === 0) delete (o.metadata as any).annotations;
      return o;
    });
    expect(stripped).toEqual(plain);
  });

  test('a wave set by the user is kept and the dependents are placed after it', () => {
    const { app, db } = shop();
    ApiObject.of(db.statefulSet).metadata.addAnnotation(SYNC_WAVE_ANNOTATION, '5');
    assignSyncWaves(app);
    const objects = synthesizeApp(app).objects.map(o => o.object);
    expect(wave(objects, 'StatefulSet', 'orders')).toBe(5);
    expect(wave(objects, 'Deployment', 'web')).toBe(6);
  });

  test('calling it twice gives the same waves', () => {
    const { app } = shop();
    assignSyncWaves(app);
    const first = waveTable(synthesizeApp(app).objects.map(o => o.object));
    assignSyncWaves(app);
    expect(waveTable(synthesizeApp(app).objects.map(o => o.object))).toEqual(first);
  });

  describe('errors', () => {
    test('a dependency cycle names the constructs', () => {
      const app = Testing.app();
      const chart = new Chart(app, 'c');
      const a = new Database(chart, 'A', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
      const b = new Database(chart, 'B', { engine: DatabaseEngine.postgres(), credentials: CREDENTIALS });
      a.connectTo(b);
      b.connectTo(a);
      expect(() => assignSyncWaves(app)).toThrow(ValidationError);
      expect(() => assignSyncWaves(app)).toThrow('[c/A] sync waves: dependency cycle "c/A" -> "c/B" (connectTo) -> "c/A" (connectTo); '
        + 'remove one of these dependencies (connectTo or node.addDependency)');
    });

    test('a pinned wave that is not after its dependency', () => {
      const { app, web } = shop();
      (web.node.defaultChild as Construct).node.children
        .filter((c): c is ApiObject => ApiObject.isApiObject(c))[0].metadata.addAnnotation(SYNC_WAVE_ANNOTATION, '1');
      expect(() => assignSyncWaves(app)).toThrow('[shop/Web/Resource/Resource] \'argocd.argoproj.io/sync-wave\' annotation (1) must be '
        + 'greater than the wave of its dependency "shop/Orders" (2, connectTo); raise it or remove the annotation');
    });

    test('a pinned wave that is not an integer', () => {
      const { app, chart } = shop();
      new ApiObject(chart, 'Extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: { [SYNC_WAVE_ANNOTATION]: 'early' } } });
      expect(() => assignSyncWaves(app)).toThrow('[shop/Extra] \'argocd.argoproj.io/sync-wave\' annotation ("early") must be an integer '
        + 'such as "-1" or "3"; fix it or remove it to get a derived wave');
    });
  });
});
