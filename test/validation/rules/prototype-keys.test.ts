/**
 * Keys named like `Object.prototype` members are ordinary keys to every rule family: a bundle whose
 * labels, annotations, selectors, data keys, kinds and names use such a key gets exactly the
 * findings it gets with an ordinary key in the same places (issue 13, item 3).
 */
import { Testing } from 'cdk8s';
import {
  CronTask, Database, DatabaseCredentials, DatabaseEngine, Image, Schedule, WebApp, Worker,
} from '../../../src';
import { ValidationLevel } from '../../../src/validation/config';
import { validate } from '../../../src/validation/engine';
import { PodSecurityLevel } from '../../../src/validation/rule';
import { KubeObject } from '../../../src/validation/types';
import { PROTOTYPE_NAMES } from '../../prototype-names';
import { runApiRules } from './api/fixtures';


/** The ordinary key used in the same places: the same shape (`__proto__` → `__qqqqq__`), so the same key rules apply. */
function ordinary(key: string): string {
  return key.replace(/[a-z]/g, 'q');
}

type Json = Record<string, unknown>;

/** A realistic bundle: what the constructs synthesize. */
function bundle(): KubeObject[] {
  const chart = Testing.chart();
  const web = new WebApp(chart, 'Web', {
    image: Image.of('ghcr.io/acme/web:1.0.0'), config: { LEVEL: 'info' }, ingress: { hosts: ['web.example.com'] },
    autoscaling: { maxReplicas: 4 },
  });
  new Worker(chart, 'Jobs', { image: Image.of('ghcr.io/acme/jobs:1.0.0') });
  new CronTask(chart, 'Nightly', { image: Image.of('ghcr.io/acme/jobs:1.0.0'), schedule: Schedule.cron({ minute: '0', hour: '3' }) });
  const db = new Database(chart, 'Db', { engine: DatabaseEngine.postgres(), credentials: DatabaseCredentials.fromExistingSecret('db-credentials') });
  web.connectTo(db);
  return Testing.synth(chart) as KubeObject[];
}

/** Sets own property `key` (also `__proto__`, which a plain assignment would not create). */
function put(map: Json, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

function asMap(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * `everywhere`: adds `key` to every map of user data in the bundle: labels and annotations (object
 * and pod template), selectors, node selectors, ConfigMap and Secret data; plus a ConfigMap, a
 * Secret and an object of an unknown kind named after the key.
 * `references`: adds `key` only where it is looked up (selectors, key references), so every lookup
 * must miss: the key is in no pod label and no data map.
 */
function withKey(objects: KubeObject[], key: string, mode: 'everywhere' | 'references' = 'everywhere'): KubeObject[] {
  const out = JSON.parse(JSON.stringify(objects)) as KubeObject[];
  if (mode === 'references') {
    for (const object of out) {
      const spec = asMap(object.spec);
      const selector = asMap(spec?.selector);
      if (object.kind === 'Service' && selector) put(selector, key, 'v');
      const matchLabels = asMap(selector?.matchLabels) ?? asMap(asMap(spec?.podSelector)?.matchLabels);
      if (matchLabels) put(matchLabels, key, 'v');
      const template = asMap(asMap(asMap(spec?.jobTemplate)?.spec)?.template ?? spec?.template);
      const containers = asMap(template?.spec)?.containers as Json[] | undefined;
      if (containers?.[0]) {
        containers[0].env = [...((containers[0].env as unknown[]) ?? []),
          { name: 'FROM_CONFIG', valueFrom: { configMapKeyRef: { name: 'extra', key } } },
          { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'extra', key } } }];
      }
    }
    out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' }, data: { other: 'v' } });
    out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'extra' }, type: 'Opaque', data: { other: 'dg==' } });
    return out;
  }
  for (const object of out) {
    const metadata = asMap(object.metadata) ?? {};
    for (const field of ['labels', 'annotations']) {
      const map = asMap(metadata[field]) ?? {};
      put(map, key, 'v');
      metadata[field] = map;
    }
    for (const field of ['data', 'stringData']) {
      const map = asMap(object[field]);
      if (map) put(map, key, object.kind === 'Secret' && field === 'data' ? 'dg==' : 'v');
    }
    const spec = asMap(object.spec);
    const selector = asMap(spec?.selector);
    if (object.kind === 'Service' && selector) put(selector, key, 'v');
    const template = asMap(asMap(spec?.jobTemplate)?.spec)?.template ?? spec?.template;
    const templateMeta = asMap(asMap(template)?.metadata);
    if (templateMeta) {
      for (const field of ['labels', 'annotations']) {
        const map = asMap(templateMeta[field]) ?? {};
        put(map, key, 'v');
        templateMeta[field] = map;
      }
      const matchLabels = asMap(selector?.matchLabels);
      if (matchLabels) put(matchLabels, key, 'v');
    }
    const podSpec = asMap(asMap(template)?.spec);
    if (podSpec) {
      const nodeSelector = asMap(podSpec.nodeSelector) ?? {};
      put(nodeSelector, key, 'v');
      podSpec.nodeSelector = nodeSelector;
    }
  }
  const data: Json = {};
  put(data, key, 'v');
  const binaryData: Json = {};
  put(binaryData, `${key}-bin`, 'dg==');
  out.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra' }, data, binaryData });
  const secretData: Json = {};
  put(secretData, key, 'dg==');
  out.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'extra' }, type: 'Opaque', data: secretData });
  out.push({ apiVersion: 'example.com/v1', kind: key, metadata: { name: key.toLowerCase().replace(/[^a-z]/g, '') || 'x' } });
  return out;
}

/** The findings as comparable lines, with the key replaced by a placeholder. */
function findingLines(objects: KubeObject[], key: string, level: ValidationLevel): string[] {
  expect(objects.length).toBeGreaterThan(0);
  const report = validate(objects, { level, podSecurity: PodSecurityLevel.RESTRICTED });
  const lines = [...report.findings, ...report.suppressed]
    .map((f) => `${f.rule} ${f.severity} ${f.object?.kind ?? ''} ${f.path} ${f.message}`);
  const simple = key.toLowerCase().replace(/[^a-z]/g, '') || 'x';
  return lines.map((l) => l.split(key).join('<KEY>').split(simple).join('<key>')).sort();
}

describe('keys named like Object.prototype members are ordinary keys', () => {
  const base = bundle();

  test.each(PROTOTYPE_NAMES)('every rule family (schema, api, cross, policy) treats %j like an ordinary key', (key) => {
    for (const level of [ValidationLevel.API, ValidationLevel.POLICY]) {
      expect(findingLines(withKey(base, key), key, level)).toEqual(findingLines(withKey(base, ordinary(key)), ordinary(key), level));
    }
  });

  test.each(PROTOTYPE_NAMES)('a selector or key reference naming %j matches no label and finds no key', (key) => {
    const lines = findingLines(withKey(base, key, 'references'), key, ValidationLevel.POLICY);
    expect(lines).toEqual(findingLines(withKey(base, ordinary(key), 'references'), ordinary(key), ValidationLevel.POLICY));
    // two references in each of the four pod templates (web, jobs, nightly, db)
    expect(lines.filter((l) => l.startsWith('cross/config-key'))).toHaveLength(8);
    expect(lines.filter((l) => l.startsWith('cross/service-selector')).length).toBeGreaterThan(0);
  });

  test('a ConfigMap key "constructor" is no "duplicate of key present in binaryData"', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { constructor: 'x' }, binaryData: { other: 'dg==' } };
    expect(runApiRules(configMap)).toEqual([]);
    const binary = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { other: 'x' }, binaryData: { toString: 'dg==' } };
    expect(runApiRules(binary)).toEqual([]);
  });

  test('a 2 MiB Secret value under the key "constructor" fails the size check', () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 'a').toString('base64');
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { constructor: big } };
    expect(runApiRules(secret)).toEqual([{ rule: 'api/secret', path: 'data', message: 'Too long: must have at most 1048576 bytes' }]);
  });
});
