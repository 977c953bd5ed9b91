import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  DatabaseCredentials, DatabaseEngine, ExternalDatabase, ExternalDatabaseAddress, ExternalDatabaseProps, isDatabase,
  SecretStoreRef,
} from '../../src';
import { validate, sourcedObjectsOf, Severity } from '../../src/validation';

const CREDENTIALS = DatabaseCredentials.fromExistingSecret('billing-db', { userKey: 'username' });

function synthExt(props: Partial<ExternalDatabaseProps> = {}): { chart: Chart; db: ExternalDatabase; manifests: any[] } {
  const chart = Testing.chart();
  const db = new ExternalDatabase(chart, 'Billing', {
    engine: DatabaseEngine.postgres(),
    address: ExternalDatabaseAddress.hostname('billing.abc123.eu-west-1.rds.amazonaws.com'),
    credentials: CREDENTIALS,
    ...props,
  });
  return { chart, db, manifests: Testing.synth(chart) };
}

describe('ExternalDatabase snapshots', () => {
  test('by DNS host', () => {
    expect(synthExt().manifests).toMatchSnapshot();
  });

  test('by IP addresses with an external secret', () => {
    expect(synthExt({
      engine: DatabaseEngine.mysql(),
      address: ExternalDatabaseAddress.ipAddresses(['10.20.0.5', '10.20.0.6']),
      port: 3307,
      credentials: DatabaseCredentials.fromExternalSecret({ secretStore: SecretStoreRef.clusterSecretStore('vault'), remoteKey: 'billing' }),
      metadata: { namespace: 'billing' },
    }).manifests).toMatchSnapshot();
  });
});

describe('ExternalDatabase by DNS host', () => {
  test('an ExternalName Service; no network blocks', () => {
    const { db, manifests } = synthExt();
    expect(manifests.map(m => m.kind)).toEqual(['Service']);
    expect(manifests[0].spec).toEqual({
      type: 'ExternalName', externalName: 'billing.abc123.eu-west-1.rds.amazonaws.com', ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }],
    });
    expect(ApiObject.of(db).kind).toBe('Service');
    expect(db.network).toEqual({});
    expect(isDatabase(db)).toBe(true);
  });

  test('connection through the Service name; the wait command uses it', () => {
    const { db, manifests } = synthExt({ databaseName: 'billing' });
    const name = manifests[0].metadata.name;
    expect(db.connection).toEqual({
      scheme: 'postgresql', host: name, port: 5432, databaseName: 'billing',
      user: { secretKeyRef: { secretName: 'billing-db', key: 'username' } },
      password: { secretName: 'billing-db', key: 'password' },
    });
    expect(db.waitFor).toEqual({
      image: 'postgres:16.4',
      command: ['sh', '-c', `until pg_isready --host=${name} --port=5432 --username=postgres --timeout=2; do sleep 2; done`],
    });
  });

  test('acceptClient does nothing', () => {
    const { chart, db } = synthExt();
    db.acceptClient({ name: 'web', podSelector: { app: 'web' } });
    expect(Testing.synth(chart).map(m => m.kind)).toEqual(['Service']);
  });
});

describe('ExternalDatabase by IP addresses', () => {
  test('a Service without selector and an EndpointSlice with the addresses; ipBlocks', () => {
    const { db, manifests } = synthExt({ address: ExternalDatabaseAddress.ipAddresses(['192.0.2.10', '192.0.2.11']) });
    const [service, slice] = manifests;
    expect(service.spec).toEqual({ type: 'ClusterIP', ports: [{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 5432 }] });
    expect(slice.apiVersion).toBe('discovery.k8s.io/v1');
    expect(slice.metadata.labels['kubernetes.io/service-name']).toBe(service.metadata.name);
    expect(slice.metadata.labels['endpointslice.kubernetes.io/managed-by']).toBe('cdk8s-patterns.io');
    expect(slice.addressType).toBe('IPv4');
    expect(slice.endpoints).toEqual([
      { addresses: ['192.0.2.10'], conditions: { ready: true } },
      { addresses: ['192.0.2.11'], conditions: { ready: true } },
    ]);
    expect(slice.ports).toEqual([{ name: 'postgres', port: 5432, protocol: 'TCP' }]);
    expect(db.network).toEqual({ ipBlocks: ['192.0.2.10/32', '192.0.2.11/32'] });
  });

  test('IPv6', () => {
    const { db, manifests } = synthExt({ engine: DatabaseEngine.redis(), address: ExternalDatabaseAddress.ipAddresses(['2001:db8::5']), credentials: DatabaseCredentials.fromExistingSecret('cache') });
    expect(manifests[1].addressType).toBe('IPv6');
    expect(db.network).toEqual({ ipBlocks: ['2001:db8::5/128'] });
    expect(db.connection.user).toBeUndefined();
    expect(db.connection.databaseName).toBeUndefined();
  });

  test('validates without errors or warnings', () => {
    const { chart } = synthExt({ address: ExternalDatabaseAddress.ipAddresses(['10.0.0.5']), metadata: { namespace: 'billing' } });
    const report = validate(sourcedObjectsOf(chart), { external: [{ kind: 'Namespace', name: 'billing' }] });
    expect(report.findings.filter(f => f.severity !== Severity.INFO).map(f => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});

describe('ExternalDatabase bad input', () => {
  test.each([
    [{ address: ExternalDatabaseAddress.hostname('10.0.0.5') }, '[test/Billing] \'address\' ("10.0.0.5") is an IP address: use ExternalDatabaseAddress.ipAddresses([...])'],
    [{ address: ExternalDatabaseAddress.hostname('DB.example.com') }, '[test/Billing] \'address.hostname\' ("DB.example.com") must be a DNS-1123 subdomain'],
    [{ address: ExternalDatabaseAddress.ipAddresses([]) }, '[test/Billing] \'address\' must have at least one IP address'],
    [{ address: ExternalDatabaseAddress.ipAddresses(['10.0.0.300']) }, '[test/Billing] \'address\' IP address "10.0.0.300" is not a valid IPv4 or IPv6 address; use ExternalDatabaseAddress.hostname() for DNS names'],
    [{ address: ExternalDatabaseAddress.ipAddresses(['10.0.0.1', '2001:db8::1']) }, '[test/Billing] \'address\' (10.0.0.1, 2001:db8::1) mixes IPv4 and IPv6 addresses: an EndpointSlice holds one family; use one family'],
    [{ address: ExternalDatabaseAddress.ipAddresses(['10.0.0.1', '10.0.0.1']) }, '[test/Billing] \'address\' (10.0.0.1, 10.0.0.1) lists an address twice'],
    [{ address: 'db.example.com' as unknown as ExternalDatabaseAddress }, '[test/Billing] \'address\' must be an ExternalDatabaseAddress: use ExternalDatabaseAddress.hostname() or ExternalDatabaseAddress.ipAddresses()'],
    [{ port: 70000 }, '[test/Billing] \'port\' (70000) must be a port number between 1 and 65535, inclusive'],
    [{ engine: DatabaseEngine.mongodb(), credentials: DatabaseCredentials.fromExistingSecret('m') }, '[test/Billing] \'credentials\' (existing Secret "m") has no user: MongoDB needs a user and a password; set \'credentials.userKey\''],
  ])('%# rejects bad input with an exact message', (props, message) => {
    expect(() => synthExt(props as Partial<ExternalDatabaseProps>)).toThrow(message);
  });
});
