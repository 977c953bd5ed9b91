import { ApiObject, App, Chart, IResolver, JsonPatch, Lazy, ResolutionContext } from 'cdk8s';
import { k8s, plus } from '../../src/constructs/core/plus';
import { withFastRender } from '../../src/synth/fast-render';
import { synthesizeApp, toYaml } from '../../src/synth';
import { addWebCharts } from './fixtures/charts';

/** A value with an implicit `resolve()` (what cdk8s's ImplicitTokenResolver replaces). */
class Token {
  constructor(private readonly v: unknown) {}
  public resolve(): unknown {
    return this.v;
  }
}

/** A class instance no resolver replaces: cdk8s refuses to render it. */
class Opaque {
  public readonly x = 1;
}

/** Every object rendered by cdk8s and by the fast path, as JSON text (key order included). */
function renderBoth(app: App): Array<{ path: string; cdk8s: string; fast: string }> {
  const objects = app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const cdk8s = objects.map((o) => JSON.stringify(o.toJson()));
  const fast = withFastRender(() => objects.map((o) => JSON.stringify(o.toJson())));
  return objects.map((o, i) => ({ path: o.node.path, cdk8s: cdk8s[i], fast: fast[i] }));
}

function edgeCaseChart(app: App): Chart {
  const chart = new Chart(app, 'edge', { labels: { team: 'a' }, namespace: 'ns' });
  const obj = new ApiObject(chart, 'Raw', {
    apiVersion: 'example.com/v1',
    kind: 'Thing',
    metadata: { annotations: {}, finalizers: [], labels: { Zeta: 'z', alpha: 'a' } },
    spec: {
      lazy: Lazy.any({ produce: () => ({ b: 1, a: [Lazy.any({ produce: () => 'x' }), null, undefined, 3] }) }),
      token: new Token({ nested: new Token(7) }),
      port: k8s.IntOrString.fromNumber(8080),
      quantity: k8s.Quantity.fromString('1Gi'),
      empty: {},
      emptyList: [],
      dropped: undefined,
      nulled: null,
      '10': 'ten',
      '2': 'two',
      B: true,
      a: 0,
      'é': 'accent',
      __nested: { z: { y: { x: [] } } },
    },
  });
  obj.metadata.add('extra', { keep: 'yes', gone: {} });
  obj.metadata.add('emptyExtra', {});
  obj.metadata.addAnnotation('note', 'n');
  const patched = new plus.ConfigMap(chart, 'Patched', { data: { k: 'v' } });
  ApiObject.of(patched).addJsonPatch(JsonPatch.add('/data/added', 'yes'), JsonPatch.remove('/data/k'));
  return chart;
}

describe('withFastRender', () => {
  test('renders every object of the fixture charts exactly like cdk8s', () => {
    const app = new App();
    addWebCharts(app);
    const rows = renderBoth(app);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(row.fast).toBe(row.cdk8s);
    }
  });

  test('renders Lazy, implicit tokens, IntOrString, patches, empty and integer-like keys like cdk8s', () => {
    const app = new App();
    edgeCaseChart(app);
    const rows = renderBoth(app);
    for (const row of rows) {
      expect(row.fast).toBe(row.cdk8s);
    }
    const raw = JSON.parse(rows[0].fast);
    expect(Object.keys(raw.spec)).toStrictEqual(['2', '10', 'B', '__nested', 'a', 'empty', 'emptyList', 'lazy', 'port', 'quantity', 'token', 'é']);
    expect(raw.spec.lazy).toStrictEqual({ a: ['x', null, null, 3], b: 1 });
    expect(raw.metadata).toStrictEqual({
      annotations: { note: 'n' },
      extra: { keep: 'yes' },
      labels: { Zeta: 'z', alpha: 'a', team: 'a' },
      name: 'edge-raw-c8a07ddf',
      namespace: 'ns',
    });
  });

  test('L1 objects whose metadata holds keys that change how values are read render (or fail) like cdk8s', () => {
    // the L1 conversion takes the rendered metadata as it is instead of resolving it a second time
    const outcome = (render: () => unknown): string => {
      try {
        return JSON.stringify(render());
      } catch (e) {
        return `throws ${(e as Error).message}`;
      }
    };
    const cases: Array<Record<string, unknown>> = [
      { labels: { constructor: 'x' } },
      { labels: { constructor: 'x', value: 'v' } },
      { annotations: { resolve: 'r', value: '1' } },
      { labels: { a: 'b' }, annotations: { 'note/x': 'y' } },
    ];
    cases.forEach((metadata, i) => {
      const app = new App();
      const chart = new Chart(app, `c${i}`);
      const configMap = new k8s.KubeConfigMap(chart, 'Config', { metadata: metadata as never, data: { k: 'v' } });
      configMap.metadata.add('extra', { constructor: 'c', value: 2 });
      const cdk8s = outcome(() => configMap.toJson());
      expect(outcome(() => withFastRender(() => configMap.toJson()))).toBe(cdk8s);
    });
  });

  test('keeps insertion order when CDK8S_DISABLE_SORT is set', () => {
    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      const app = new App();
      edgeCaseChart(app);
      for (const row of renderBoth(app)) {
        expect(row.fast).toBe(row.cdk8s);
      }
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });

  test('apps with custom resolvers are rendered by cdk8s, resolvers included', () => {
    const upper: IResolver = {
      resolve(context: ResolutionContext) {
        if (typeof context.value === 'string' && context.key.at(-1) === 'k' && context.value !== context.value.toUpperCase()) {
          context.replaceValue(context.value.toUpperCase());
        }
      },
    };
    const app = new App({ resolvers: [upper] });
    new plus.ConfigMap(new Chart(app, 'c'), 'Config', { data: { k: 'value' } });
    const [row] = renderBoth(app);
    expect(row.fast).toBe(row.cdk8s);
    expect(JSON.parse(row.fast).data).toStrictEqual({ k: 'VALUE' });
  });

  test('values cdk8s refuses fail with cdk8s\'s own message', () => {
    const app = new App();
    const obj = new ApiObject(new Chart(app, 'c'), 'Bad', { apiVersion: 'v1', kind: 'Thing', spec: { x: new Opaque() } });
    expect(() => obj.toJson()).toThrow("Failed serializing construct at path 'c/Bad' with name 'c-bad-c86d62bd': Error: can't render non-simple object of type 'Opaque'");
    expect(() => withFastRender(() => obj.toJson()))
      .toThrow("Failed serializing construct at path 'c/Bad' with name 'c-bad-c86d62bd': Error: can't render non-simple object of type 'Opaque'");
  });

  test('restores cdk8s\'s toJson afterwards, also after an error', () => {
    const original = ApiObject.prototype.toJson;
    expect(() => withFastRender(() => {
      expect(ApiObject.prototype.toJson).not.toBe(original);
      throw new Error('boom');
    })).toThrow('boom');
    expect(ApiObject.prototype.toJson).toBe(original);
  });
});

describe('object and chart order without a dependency graph', () => {
  test('charts with integer-like ids come first, as in cdk8s\'s graph', () => {
    const app = new App();
    for (const id of ['b', '10', 'a', '2']) {
      new plus.ConfigMap(new Chart(app, id), 'Config');
    }
    const ours = synthesizeApp(app).charts.map((c) => c.chart.node.id);
    expect(ours).toStrictEqual(['2', '10', 'b', 'a']);
    expect(ours).toStrictEqual(app.charts.map((c) => c.node.id));
  });
});

describe('toYaml error paths', () => {
  test('name nested values by their full path', () => {
    expect(() => toYaml({ a: [{ b: [1, Infinity] }] })).toThrow("cannot write Infinity as YAML: JSON numbers must be finite (at 'a[0].b[1]')");
    expect(() => toYaml([{ 'x.y': { z: Symbol('s') } }])).toThrow("cannot write a symbol at '[0].x.y.z' as YAML: only JSON data is supported");
  });
});
