import { Chart, Testing } from 'cdk8s';
import {
  Database, DatabaseCredentials, DatabaseEngine, DatabaseProps, Image, testing, validate, WebApp,
} from '../../src';

/*
 * A database and a named application user that are plain names (the WordPress tutorial's
 * `MYSQL_USER: wordpress`): the password stays a Secret reference, each engine creates the user
 * with its own mechanism, and `connectTo` hands the user to the client.
 */

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } };

function build(props: Partial<DatabaseProps>): { chart: Chart; db: Database; web: WebApp } {
  const chart = Testing.chart();
  const db = new Database(chart, 'Db', {
    engine: DatabaseEngine.mysql('8.4.3'),
    credentials: DatabaseCredentials.fromExistingSecret('wordpress-db'),
    databaseName: 'wordpress',
    user: 'wordpress',
    ...props,
  });
  const web = new WebApp(chart, 'Web', { image: Image.of('wordpress:6.7.1-apache') });
  web.connectTo(db);
  return { chart, db, web };
}

function envOf(objects: readonly Record<string, any>[], kind: string, container = 0): Env[] {
  const object = objects.find(o => o.kind === kind)!;
  const pod = kind === 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec;
  return pod.containers[container].env as Env[];
}

function byName(env: Env[]): Record<string, Env> {
  return Object.fromEntries(env.map(e => [e.name, e]));
}

const secret = (key: string, name = 'wordpress-db'): Env['valueFrom'] => ({ secretKeyRef: { name, key } });

describe('Database user: a plain name created by the engine', () => {
  test('MySQL: MYSQL_USER and MYSQL_DATABASE are names, the passwords are Secret references', () => {
    const { chart, db } = build({});
    const env = byName(envOf(testing.synthChart(chart), 'StatefulSet'));
    expect(db.user).toBe('wordpress');
    expect(env.MYSQL_USER).toStrictEqual({ name: 'MYSQL_USER', value: 'wordpress' });
    expect(env.MYSQL_DATABASE).toStrictEqual({ name: 'MYSQL_DATABASE', value: 'wordpress' });
    expect(env.MYSQL_PASSWORD.valueFrom).toMatchObject(secret('password')!);
    expect(env.MYSQL_ROOT_PASSWORD.valueFrom).toMatchObject(secret('password')!);
  });

  test('connectTo hands the user to the client as a plain value, and the URL uses it', () => {
    const { chart } = build({});
    const env = byName(envOf(testing.synthChart(chart), 'Deployment'));
    expect(env.DB_USER).toStrictEqual({ name: 'DB_USER', value: 'wordpress' });
    expect(env.DB_PASSWORD.valueFrom).toStrictEqual(secret('password'));
    expect(env.DB_NAME).toStrictEqual({ name: 'DB_NAME', value: 'wordpress' });
    expect(env.DATABASE_URL.value).toBe('mysql://$(DB_USER):$(DB_PASSWORD)@$(DB_HOST):$(DB_PORT)/$(DB_NAME)');
  });

  test('PostgreSQL: POSTGRES_USER, and the backup dumps as that user', () => {
    const { chart } = build({
      engine: DatabaseEngine.postgres('16.4'), databaseName: 'orders', user: 'orders_app', backup: {},
    });
    const objects = testing.synthChart(chart);
    const env = byName(envOf(objects, 'StatefulSet'));
    expect(env.POSTGRES_USER).toStrictEqual({ name: 'POSTGRES_USER', value: 'orders_app' });
    expect(env.POSTGRES_DB).toStrictEqual({ name: 'POSTGRES_DB', value: 'orders' });
    expect(env.POSTGRES_PASSWORD.valueFrom).toMatchObject(secret('password')!);
    expect(byName(envOf(objects, 'CronJob')).PGUSER).toStrictEqual({ name: 'PGUSER', value: 'orders_app' });
  });

  test('MongoDB: the init user needs no user key in the Secret', () => {
    const { chart } = build({ engine: DatabaseEngine.mongodb('7.0.14'), databaseName: 'shop', user: 'shop' });
    const env = byName(envOf(testing.synthChart(chart), 'StatefulSet'));
    expect(env.MONGO_INITDB_ROOT_USERNAME).toStrictEqual({ name: 'MONGO_INITDB_ROOT_USERNAME', value: 'shop' });
    expect(env.MONGO_INITDB_ROOT_PASSWORD.valueFrom).toMatchObject(secret('password')!);
  });

  test.each([
    ['MySQL', DatabaseEngine.mysql('8.4.3')],
    ['PostgreSQL', DatabaseEngine.postgres('16.4')],
    ['MongoDB', DatabaseEngine.mongodb('7.0.14')],
  ])('%s with a user and a client passes validation', (_name, engine) => {
    const { chart } = build({ engine, databaseName: 'app', user: 'app' });
    const report = validate(chart);
    expect(report.findings.filter(f => f.severity === 'error')).toStrictEqual([]);
  });
});

describe('Database user: bad input', () => {
  test.each<[string, Partial<DatabaseProps>, string]>([
    ['Redis has no users', { engine: DatabaseEngine.redis('7.4.1'), databaseName: undefined, user: 'app' },
      '[test/Db] \'user\' ("app") is not supported: Redis authenticates with a password only; leave it out'],
    ['MySQL refuses MYSQL_USER=root', { user: 'root' },
      '[test/Db] \'user\' ("root") is the root user: MYSQL_USER creates a regular user; leave \'user\' out to connect as root'],
    ['MySQL user names have at most 32 characters', { user: 'a'.repeat(33) },
      `[test/Db] 'user' ("${'a'.repeat(33)}") must be 1-32 letters, digits, '_', '.' or '-'`],
    ['MySQL user names are quoted by the entrypoint', { user: "word'press" },
      '[test/Db] \'user\' ("word\'press") must be 1-32 letters, digits, \'_\', \'.\' or \'-\''],
    ['PostgreSQL identifiers', { engine: DatabaseEngine.postgres('16.4'), user: '1app' },
      '[test/Db] \'user\' ("1app") must be 1-63 letters, digits or \'_\', not starting with a digit'],
    ['MongoDB names go into the URL', { engine: DatabaseEngine.mongodb('7.0.14'), user: 'a@b' },
      '[test/Db] \'user\' ("a@b") must be 1-64 letters, digits, \'_\', \'.\' or \'-\''],
    ['a user name in the Secret too', { credentials: DatabaseCredentials.fromExistingSecret('wordpress-db', { userKey: 'username' }) },
      '[test/Db] \'user\' ("wordpress") and the user name in \'credentials\' (key "username") both name the database user: keep one'],
    ['not a string (JavaScript)', { user: 42 as unknown as string },
      '[test/Db] \'user\' (42) must be a string: the user name, e.g. \'app\''],
  ])('%s', (_case, props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});
