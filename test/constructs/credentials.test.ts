import * as fs from 'fs';
import * as path from 'path';
import { Duration, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import {
  Database, DatabaseCredentials, DatabaseEngine, DEVELOPMENT_SECRET_ANNOTATION, SealedSecretScope, SecretStoreRef,
} from '../../src';
import { validate, sourcedObjectsOf, Severity } from '../../src/validation';

const VAULT = SecretStoreRef.clusterSecretStore('vault');
const CIPHER = 'AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq';

function synth(engine: DatabaseEngine, credentials: DatabaseCredentials, namespace?: string): { db: Database; manifests: any[]; yaml: string } {
  const chart = Testing.chart();
  const db = new Database(chart, 'Db', { engine, credentials, ...(namespace ? { metadata: { namespace } } : {}) });
  const manifests = Testing.synth(chart);
  return { db, manifests, yaml: YAML.stringify(manifests) };
}

function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

function secretEnvOf(manifests: any[]): Record<string, unknown> {
  const env = ofKind(manifests, 'StatefulSet')[0].spec.template.spec.containers[0].env;
  return Object.fromEntries(env.filter((e: any) => e.valueFrom).map((e: any) => [e.name, e.valueFrom.secretKeyRef]));
}

describe('DatabaseCredentials.fromExternalSecret', () => {
  test('snapshot', () => {
    expect(synth(DatabaseEngine.postgres(), DatabaseCredentials.fromExternalSecret({
      secretStore: VAULT, remoteKey: 'prod/orders-db', userProperty: 'user', refreshInterval: Duration.minutes(15),
    })).manifests).toMatchSnapshot();
  });

  test('renders an ExternalSecret whose target Secret the pods reference', () => {
    const { db, manifests } = synth(DatabaseEngine.mongodb(), DatabaseCredentials.fromExternalSecret({
      secretStore: SecretStoreRef.secretStore('aws'), remoteKey: 'mongo', passwordProperty: 'pw', userProperty: 'login',
    }), 'shop');
    const es = ofKind(manifests, 'ExternalSecret')[0];
    expect(es.apiVersion).toBe('external-secrets.io/v1');
    expect(es.metadata.namespace).toBe('shop');
    expect(es.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { name: 'aws', kind: 'SecretStore' },
      target: { name: es.metadata.name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      data: [
        { secretKey: 'password', remoteRef: { key: 'mongo', property: 'pw' } },
        { secretKey: 'username', remoteRef: { key: 'mongo', property: 'login' } },
      ],
    });
    expect(secretEnvOf(manifests)).toEqual({
      MONGO_INITDB_ROOT_USERNAME: { name: es.metadata.name, key: 'username', optional: false },
      MONGO_INITDB_ROOT_PASSWORD: { name: es.metadata.name, key: 'password', optional: false },
    });
    expect(db.credentialsSecret).toEqual({ secretName: es.metadata.name, passwordKey: 'password', userKey: 'username' });
  });

  test('refresh interval as a Go duration', () => {
    const refresh = (d: Duration) => ofKind(synth(DatabaseEngine.redis(), DatabaseCredentials.fromExternalSecret({
      secretStore: VAULT, remoteKey: 'k', refreshInterval: d,
    })).manifests, 'ExternalSecret')[0].spec.refreshInterval;
    expect(refresh(Duration.hours(2))).toBe('2h');
    expect(refresh(Duration.seconds(90))).toBe('90s');
    expect(refresh(Duration.seconds(0))).toBe('0s');
  });

  test('errors', () => {
    expect(() => synth(DatabaseEngine.postgres(), DatabaseCredentials.fromExternalSecret({ secretStore: VAULT, remoteKey: ' ' })))
      .toThrow('[test/Db] \'credentials.remoteKey\' (" ") must be a non-empty key of the external store');
    expect(() => synth(DatabaseEngine.postgres(), DatabaseCredentials.fromExternalSecret({ secretStore: 'vault' as unknown as SecretStoreRef, remoteKey: 'k' })))
      .toThrow('[test/Db] \'credentials.secretStore\' must be a SecretStoreRef: use SecretStoreRef.secretStore(name) or SecretStoreRef.clusterSecretStore(name)');
    expect(() => synth(DatabaseEngine.mongodb(), DatabaseCredentials.fromExternalSecret({ secretStore: VAULT, remoteKey: 'k' })))
      .toThrow('[test/Db] \'credentials\' (ExternalSecret of "k") has no user: MongoDB needs a user and a password; set \'credentials.userProperty\'');
  });
});

describe('DatabaseCredentials.fromSealedSecret', () => {
  test('snapshot', () => {
    expect(synth(DatabaseEngine.mysql(), DatabaseCredentials.fromSealedSecret({
      secretName: 'orders-db', encryptedData: { password: CIPHER, username: CIPHER }, userKey: 'username',
    }), 'shop').manifests).toMatchSnapshot();
  });

  test('renders a SealedSecret with the scope annotation', () => {
    const { manifests } = synth(DatabaseEngine.redis(), DatabaseCredentials.fromSealedSecret({
      secretName: 'cache', encryptedData: { pw: CIPHER }, passwordKey: 'pw', scope: SealedSecretScope.CLUSTER_WIDE,
    }));
    const sealed = ofKind(manifests, 'SealedSecret')[0];
    expect(sealed.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(sealed.metadata.name).toBe('cache');
    expect(sealed.metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'true' });
    expect(sealed.spec.encryptedData).toEqual({ pw: CIPHER });
    expect(sealed.spec.template.metadata.name).toBe('cache');
    expect(secretEnvOf(manifests)).toEqual({
      REDIS_PASSWORD: { name: 'cache', key: 'pw', optional: false },
      REDISCLI_AUTH: { name: 'cache', key: 'pw', optional: false },
    });
  });

  test('errors', () => {
    expect(() => synth(DatabaseEngine.postgres(), DatabaseCredentials.fromSealedSecret({ secretName: 'db', encryptedData: { pass: CIPHER } })))
      .toThrow('[test/Db] \'credentials.encryptedData\' has no key "password" (\'credentials.passwordKey\'): seal the password under that key or change \'credentials.passwordKey\'');
    expect(() => synth(DatabaseEngine.postgres(), DatabaseCredentials.fromSealedSecret({ secretName: 'db', encryptedData: { password: 'plain text!' } })))
      .toThrow('[test/Db] \'credentials.encryptedData.password\' must be the base64 ciphertext printed by kubeseal');
    expect(() => synth(DatabaseEngine.postgres(), DatabaseCredentials.fromSealedSecret({ secretName: 'Db_Creds', encryptedData: { password: CIPHER } })))
      .toThrow('[test/Db] \'credentials.secretName\' ("Db_Creds") must be a DNS-1123 subdomain');
  });
});

describe('DatabaseCredentials.fromExistingSecret', () => {
  test('references the keys; no object rendered', () => {
    const { manifests } = synth(DatabaseEngine.postgres(), DatabaseCredentials.fromExistingSecret('pg', { passwordKey: 'pw', userKey: 'user' }));
    expect(ofKind(manifests, 'Secret')).toEqual([]);
    expect(secretEnvOf(manifests)).toEqual({
      POSTGRES_PASSWORD: { name: 'pg', key: 'pw', optional: false },
      POSTGRES_USER: { name: 'pg', key: 'user', optional: false },
    });
  });

  test('a reference without the keys the engine needs is an error', () => {
    expect(() => synth(DatabaseEngine.mongodb(), DatabaseCredentials.fromExistingSecret('mongo')))
      .toThrow('[test/Db] \'credentials\' (existing Secret "mongo") has no user: MongoDB needs a user and a password; set \'credentials.userKey\'');
    expect(() => synth(DatabaseEngine.redis(), DatabaseCredentials.fromExistingSecret('cache', { userKey: 'user' })))
      .toThrow('[test/Db] \'credentials.userKey\' ("user") is not supported: Redis authenticates with a password only; leave \'credentials.userKey\' out');
    expect(() => synth(DatabaseEngine.postgres(), DatabaseCredentials.fromExistingSecret('pg', { userKey: 'password' })))
      .toThrow('[test/Db] \'credentials.userKey\' ("password") must differ from the password key');
    expect(() => synth(DatabaseEngine.postgres(), DatabaseCredentials.fromExistingSecret('pg', { passwordKey: 'pass word' })))
      .toThrow('[test/Db] \'credentials.passwordKey\' key ("pass word") must be a valid config key');
  });
});

describe('DatabaseCredentials.fromEnvironmentForDevelopment', () => {
  afterEach(() => {
    delete process.env.TEST_DB_PASSWORD;
    delete process.env.TEST_DB_USER;
  });

  test('writes a Secret marked as development-only', () => {
    process.env.TEST_DB_PASSWORD = 'dev-only-pw';
    process.env.TEST_DB_USER = 'dev';
    const credentials = DatabaseCredentials.fromEnvironmentForDevelopment('TEST_DB_PASSWORD', { userVariable: 'TEST_DB_USER' });
    expect(credentials.writesSecretValue).toBe(true);
    const { manifests, yaml } = synth(DatabaseEngine.postgres(), credentials);
    const secret = ofKind(manifests, 'Secret')[0];
    expect(secret.metadata.annotations).toEqual({ [DEVELOPMENT_SECRET_ANNOTATION]: 'true' });
    expect(DEVELOPMENT_SECRET_ANNOTATION).toBe('patterns.cdk8s.io/development-secret');
    expect(secret.stringData).toEqual({ password: 'dev-only-pw', username: 'dev' });
    expect(yaml).toContain('dev-only-pw');
    expect(secretEnvOf(manifests).POSTGRES_PASSWORD).toEqual({ name: secret.metadata.name, key: 'password', optional: false });
  });

  test('a missing variable is an error', () => {
    expect(() => synth(DatabaseEngine.postgres(), DatabaseCredentials.fromEnvironmentForDevelopment('TEST_DB_PASSWORD')))
      .toThrow('[test/Db] \'credentials.passwordVariable\' reads environment variable "TEST_DB_PASSWORD", which is missing or empty; '
        + 'set it before synthesizing, or use DatabaseCredentials.fromExistingSecret() outside development');
  });
});

describe('no secret value in the output', () => {
  const SENTINEL = 'S3ntinel-Value-9f2c';
  beforeAll(() => { process.env.TEST_SENTINEL = SENTINEL; });
  afterAll(() => { delete process.env.TEST_SENTINEL; });

  test.each([
    ['existing', DatabaseCredentials.fromExistingSecret('db', { userKey: 'username' })],
    ['external', DatabaseCredentials.fromExternalSecret({ secretStore: VAULT, remoteKey: 'db', userProperty: 'username' })],
    ['sealed', DatabaseCredentials.fromSealedSecret({ secretName: 'db', encryptedData: { password: CIPHER, username: CIPHER }, userKey: 'username' })],
  ])('%s: no Secret with data and no password-like literal anywhere', (_name, credentials) => {
    for (const engine of [DatabaseEngine.postgres(), DatabaseEngine.mysql(), DatabaseEngine.mongodb()]) {
      const { manifests, yaml } = synth(engine, credentials);
      expect(ofKind(manifests, 'Secret')).toEqual([]);
      expect(yaml).not.toContain(SENTINEL);
      expect(manifests.filter(m => m.kind !== 'ConfigMap' && (m.data !== undefined || m.stringData !== undefined))).toEqual([]);
      for (const m of manifests) {
        for (const c of m.spec?.template?.spec?.containers ?? []) {
          for (const e of c.env ?? []) {
            if (/PASSWORD|PWD|AUTH/.test(e.name)) {
              expect(e.value).toBeUndefined();
            }
          }
        }
      }
    }
  });

  test('only the development opt-in writes the value', () => {
    const { yaml } = synth(DatabaseEngine.redis(), DatabaseCredentials.fromEnvironmentForDevelopment('TEST_SENTINEL'));
    expect(yaml).toContain(SENTINEL);
    expect(yaml).toContain(DEVELOPMENT_SECRET_ANNOTATION);
  });
});

describe('CRD types and schemas', () => {
  test('cdk8s.yaml imports the CRDs kept in crds/', () => {
    const config = YAML.parse(fs.readFileSync(path.join(__dirname, '../../cdk8s.yaml'), 'utf8'));
    expect(config.imports).toEqual(expect.arrayContaining(['crds/external-secrets.io_externalsecrets.yaml', 'crds/bitnami.com_sealedsecrets.yaml']));
  });

  test('the validator knows the CRD kinds without registration and rejects an unknown field', () => {
    const chart = Testing.chart();
    new Database(chart, 'Db', {
      engine: DatabaseEngine.postgres(),
      credentials: DatabaseCredentials.fromExternalSecret({ secretStore: VAULT, remoteKey: 'db' }),
    });
    new Database(chart, 'Db2', {
      engine: DatabaseEngine.postgres(),
      credentials: DatabaseCredentials.fromSealedSecret({ secretName: 'db2', encryptedData: { password: CIPHER } }),
    });
    const objects = sourcedObjectsOf(chart);
    const clean = validate(objects, {});
    expect(clean.findings.filter(f => f.severity !== Severity.INFO).map(f => `${f.rule} ${f.message}`)).toEqual([]);
    const copies = structuredClone(objects);
    const es = copies.find(o => o.object.kind === 'ExternalSecret')!.object as any;
    es.spec.target.creationPolicy = 'Sometimes';
    es.spec.refreshIntervall = '1h';
    const broken = validate(copies, {});
    expect(broken.findings.filter(f => f.severity === Severity.ERROR).map(f => f.path).sort())
      .toEqual(['spec.refreshIntervall', 'spec.target.creationPolicy']);
  });
});
