import * as fc from 'fast-check';
import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { canonicalJson, contentHash } from '../../src/constructs/workload/config-hash';
import { ConstructIndex } from '../../src/synth/app-steps';
import { withFastRender } from '../../src/synth/fast-render';
import { toYaml, toYamlDocuments } from '../../src/synth/yaml-emitter';
import { addWebCharts } from './fixtures/charts';

/** The straightforward canonical JSON the optimized one must match (entries, filter, sort, join). */
function referenceCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(referenceCanonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceCanonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** JSON-like values with `undefined`, odd keys and sparse arrays. */
const looseValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(), fc.integer(), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.sparseArray(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('10', '2', 'é', 'Z', '\uffff', '\u{1f600}')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('canonicalJson (config hash)', () => {
  test('matches the entries/filter/sort serialization on random values', () => {
    fc.assert(fc.property(looseValue, (value) => {
      expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    }), { numRuns: 500 });
  });

  test('sorts keys at every level, drops undefined members, keeps array holes empty', () => {
    // eslint-disable-next-line no-sparse-arrays
    const value = { b: 1, a: [1, , undefined, { d: undefined, c: 'x' }], '10': true, '2': null };
    expect(canonicalJson(value)).toBe('{"10":true,"2":null,"a":[1,,null,{"c":"x"}],"b":1}');
    expect(contentHash({ config: { B: '2', A: '1' } })).toBe(contentHash({ config: { A: '1', B: '2' } }));
  });
});

describe('ConstructIndex', () => {
  function tree(): App {
    const app = new App();
    addWebCharts(app);
    const outer = new Chart(app, 'outer');
    new ApiObject(outer, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    const inner = new Chart(outer, 'inner');
    new ApiObject(new Construct(inner, 'Group'), 'Cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    new Chart(app, '7');
    return app;
  }

  test('findAll of the app, of every chart and of other constructs equals node.findAll()', () => {
    const app = tree();
    const index = new ConstructIndex(app);
    const all = app.node.findAll();
    expect(index.findAll(app)).toEqual(all);
    const charts = all.filter((c) => Chart.isChart(c));
    expect(charts.map((c) => c.node.path)).toEqual(expect.arrayContaining(['outer', 'outer/inner', '7']));
    for (const scope of [...charts, ...all.filter((c) => !Chart.isChart(c))]) {
      const found = index.findAll(scope);
      expect(found).toHaveLength(scope.node.findAll().length);
      found.forEach((c, i) => expect(c).toBe(scope.node.findAll()[i]));
    }
  });

  test('returns the same list for repeated calls (computed once)', () => {
    const app = tree();
    const index = new ConstructIndex(app);
    const chart = app.node.findChild('outer');
    expect(index.findAll(chart)).toBe(index.findAll(chart));
    expect(index.findAll(app)).toBe(index.findAll(app));
  });
});

describe('toYamlDocuments', () => {
  const jsonValue = fc.jsonValue({ maxDepth: 3 });

  test('equals each document written alone, joined with ---', () => {
    fc.assert(fc.property(fc.array(jsonValue, { maxLength: 5 }), (documents) => {
      expect(toYamlDocuments(documents)).toBe(documents.map((d) => toYaml(d)).join('---\n'));
    }), { numRuns: 300 });
  });

  test('keys that need quotes are quoted in every document (per-output key memo)', () => {
    const doc = { 'yes': 1, 'a: b': { 'yes': 'yes' }, 'plain': ['x'] };
    expect(toYamlDocuments([doc, doc])).toBe(
      '"yes": 1\n"a: b":\n  "yes": "yes"\nplain:\n  - x\n---\n"yes": 1\n"a: b":\n  "yes": "yes"\nplain:\n  - x\n');
  });
});

describe('metadata render', () => {
  /** An object whose metadata values are all lazy, recording the order producers run in. */
  function lazyObject(log: string[]): ApiObject {
    const app = new App();
    const chart = new Chart(app, 'c');
    const lazy = (label: string, value: unknown): string => Lazy.any({
      produce: () => {
        log.push(label);
        return value;
      },
    }) as unknown as string;
    return new ApiObject(chart, 'Obj', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: lazy('name', 'the-name'),
        namespace: lazy('namespace', 'ns'),
        annotations: { z: lazy('annotation', 'v'), empty: lazy('empty', undefined) },
        labels: { b: lazy('label', 'x'), a: 'y' },
        finalizers: [lazy('finalizer', 'f')],
        ownerReferences: [],
      },
    });
  }

  test('renders like cdk8s and runs producers in cdk8s order', () => {
    const cdk8sLog: string[] = [];
    const fastLog: string[] = [];
    const expected = JSON.stringify(lazyObject(cdk8sLog).toJson());
    const fast = JSON.stringify(withFastRender(() => lazyObject(fastLog).toJson()));
    expect(fast).toBe(expected);
    expect(fast).toBe('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"z":"v"},"finalizers":["f"],'
      + '"labels":{"a":"y","b":"x"},"name":"the-name","namespace":"ns"}}');
    // cdk8s resolves the metadata options in their own key order (name, namespace, annotations,
    // labels, finalizers here), then the fields it adds
    expect(cdk8sLog).toEqual(['name', 'namespace', 'annotation', 'empty', 'label', 'finalizer']);
    expect(fastLog).toEqual(cdk8sLog);
  });

  test('pod template metadata (podMetadata.toJson) renders like cdk8s', () => {
    const app = new App();
    addWebCharts(app);
    const objects = app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    const expected = objects.map((o) => JSON.stringify(o.toJson()));
    expect(withFastRender(() => objects.map((o) => JSON.stringify(o.toJson())))).toEqual(expected);
  });
});
