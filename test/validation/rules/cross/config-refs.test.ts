import { configKeyRule, configRefRule } from '../../../../src/validation/rules/cross/config-refs';
import { Case, configMap, container, context, deployment, run, secret } from './fixtures';

const envApp = (env: Record<string, unknown>[], envFrom: Record<string, unknown>[] = []) =>
  deployment({ containers: [container({ extra: { env, ...(envFrom.length ? { envFrom } : {}) } })] });
const volumeApp = (volumes: Record<string, unknown>[]) => deployment({ podSpec: { volumes } });
const keyRef = (field: string, name: string, key: string, optional?: boolean) => ({
  name: 'X',
  valueFrom: { [field]: { name, key, ...(optional !== undefined ? { optional } : {}) } },
});

describe('cross/config-ref', () => {
  const cases: Case[] = [
    {
      name: 'existing ConfigMap and Secret references are fine',
      objects: [configMap('cfg', { a: '1' }), secret('db', ['password']), envApp([keyRef('configMapKeyRef', 'cfg', 'a')], [{ secretRef: { name: 'db' } }])],
      expected: [],
    },
    {
      name: 'a missing Secret in envFrom is reported',
      objects: [envApp([], [{ secretRef: { name: 'db' } }])],
      expected: [
        {
          index: 0,
          path: 'spec.template.spec.containers[0].envFrom[0].secretRef.name',
          message: 'Not found: "db": no Secret "db" in the default namespace; add it, declare it as an external object or set optional: true',
        },
      ],
    },
    { name: 'optional references are not reported', objects: [envApp([keyRef('secretKeyRef', 'db', 'p', true)], [{ configMapRef: { name: 'cfg', optional: true } }])], expected: [] },
    {
      name: 'a missing ConfigMap volume and projected Secret are reported',
      objects: [volumeApp([{ name: 'c', configMap: { name: 'cfg' } }, { name: 'p', projected: { sources: [{ secret: { name: 'creds' } }] } }])],
      expected: [
        {
          index: 0,
          path: 'spec.template.spec.volumes[0].configMap.name',
          message: 'Not found: "cfg": no ConfigMap "cfg" in the default namespace; add it, declare it as an external object or set optional: true',
        },
        {
          index: 0,
          path: 'spec.template.spec.volumes[1].projected.sources[0].secret.name',
          message: 'Not found: "creds": no Secret "creds" in the default namespace; add it, declare it as an external object or set optional: true',
        },
      ],
    },
    {
      name: 'an external Secret declared for the namespace is accepted',
      objects: [volumeApp([{ name: 's', secret: { secretName: 'db' } }])],
      context: context({ external: [{ kind: 'Secret', name: 'db' }] }),
      expected: [],
    },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(configRefRule, objects, ctx)).toEqual(expected);
  });
});

describe('cross/config-key', () => {
  const cases: Case[] = [
    {
      name: 'a missing secretKeyRef key is reported',
      objects: [secret('db', ['username']), envApp([keyRef('secretKeyRef', 'db', 'password')])],
      expected: [
        {
          index: 1,
          path: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key',
          message: 'Not found: "password": Secret "db" has no key "password"',
        },
      ],
    },
    {
      name: 'Secret stringData keys count',
      objects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'x' } }, envApp([keyRef('secretKeyRef', 'db', 'password')])],
      expected: [],
    },
    {
      name: 'ConfigMap binaryData keys count, missing volume items are reported',
      objects: [
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.yaml': 'a: 1' }, binaryData: { logo: 'eA==' } },
        volumeApp([{ name: 'c', configMap: { name: 'cfg', items: [{ key: 'logo', path: 'logo.png' }, { key: 'app.yml', path: 'app.yaml' }] } }]),
      ],
      expected: [
        {
          index: 1,
          path: 'spec.template.spec.volumes[0].configMap.items[1].key',
          message: 'Not found: "app.yml": ConfigMap "cfg" has no key "app.yml"',
        },
      ],
    },
    {
      name: 'an optional keyRef is not reported',
      objects: [configMap('cfg', {}), envApp([keyRef('configMapKeyRef', 'cfg', 'a', true)])],
      expected: [],
    },
    {
      name: 'an external object with declared keys is checked',
      objects: [envApp([keyRef('secretKeyRef', 'db', 'password'), keyRef('secretKeyRef', 'db', 'username')])],
      context: context({ external: [{ kind: 'Secret', name: 'db', keys: ['username'] }] }),
      expected: [
        {
          index: 0,
          path: 'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key',
          message: 'Not found: "password": Secret "db" has no key "password"',
        },
      ],
    },
    {
      name: 'an external object without keys is not key-checked',
      objects: [envApp([keyRef('secretKeyRef', 'db', 'password')])],
      context: context({ external: [{ kind: 'Secret', name: 'db' }] }),
      expected: [],
    },
    { name: 'a missing object is left to cross/config-ref', objects: [envApp([keyRef('secretKeyRef', 'db', 'password')])], expected: [] },
  ];
  test.each(cases)('$name', ({ objects, context: ctx, expected }) => {
    expect(run(configKeyRule, objects, ctx)).toEqual(expected);
  });
});
