import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, DependencyGraph, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { k8s, plus } from '../../src/constructs/core/plus';
import { SynthError, synthesizeApp, synthesizeChartObjects } from '../../src/synth';
import {
  addDependentCharts,
  addInvalidCharts,
  addUnrenderableChart,
  addWebCharts,
  replicaValidator,
  WebChart,
} from './fixtures/charts';

/** What cdk8s itself writes for an app: file name → content. */
function cdk8sOutput(build: (app: App) => void): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-reference-'));
  try {
    const app = new App({ outdir });
    build(app);
    app.synth();
    return Object.fromEntries(fs.readdirSync(outdir).sort().map((f) => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function ourOutput(build: (app: App) => void): Record<string, string> {
  const app = new App();
  build(app);
  return Object.fromEntries(synthesizeApp(app).files.map((f) => [f.name, f.content]));
}

function nestedCharts(app: App): void {
  const parent = new WebChart(app, 'parent');
  new WebChart(parent, 'child');
}

describe('synthesizeApp', () => {
  test.each([
    ['independent charts', addWebCharts],
    ['charts that depend on each other', addDependentCharts],
    ['nested charts', nestedCharts],
  ])('writes the same files, names and object order as cdk8s for %s', (_name, build) => {
    expect(ourOutput(build)).toStrictEqual(cdk8sOutput(build));
  });

  test('names files like cdk8s: chart label, with an index when charts depend on each other', () => {
    expect(Object.keys(ourOutput(addWebCharts))).toStrictEqual(['web.k8s.yaml', 'api.k8s.yaml']);
    expect(Object.keys(ourOutput(addDependentCharts))).toStrictEqual(['0000-backend.k8s.yaml', '0001-frontend.k8s.yaml']);
  });

  test('output of two separate runs is byte-identical', () => {
    // GIVEN two apps built the same way, WHEN synthesized twice each
    const first = ourOutput(addDependentCharts);
    const second = ourOutput(addDependentCharts);
    const app = new App();
    addDependentCharts(app);
    const again = [synthesizeApp(app), synthesizeApp(app)].map((r) => r.files.map((f) => f.content).join('\0'));
    // THEN
    expect(second).toStrictEqual(first);
    expect(again[1]).toBe(again[0]);
  });

  test('returns every object with the construct path it came from', () => {
    const app = new App();
    addWebCharts(app);
    const result = synthesizeApp(app);
    expect(result.objects.map((o) => [o.object.kind, o.source.constructPath])).toStrictEqual([
      ['Deployment', 'web/Deployment/Resource'],
      ['Service', 'web/Deployment/Service/Resource'],
      ['ConfigMap', 'web/Config/Resource'],
      ['Deployment', 'api/Deployment/Resource'],
      ['Service', 'api/Deployment/Service/Resource'],
      ['ConfigMap', 'api/Config/Resource'],
    ]);
    expect(result.charts.map((c) => [c.chart.node.id, c.file.name, c.objects.length])).toStrictEqual([
      ['web', 'web.k8s.yaml', 3],
      ['api', 'api.k8s.yaml', 3],
    ]);
  });

  test('the web fixture chart file', () => {
    const app = new App();
    new WebChart(app, 'web');
    expect(synthesizeApp(app).files[0].content).toMatchSnapshot();
  });

  describe('is linear in the number of charts', () => {
    const CHARTS = 25;

    function countingApp(counts: Map<string, number>): App {
      const app = new App();
      for (let i = 0; i < CHARTS; i++) {
        const chart = new Chart(app, `chart${i}`);
        new plus.ConfigMap(chart, 'Config', { data: { index: String(i) } });
        chart.node.addValidation({ validate: () => { counts.set(chart.node.path, (counts.get(chart.node.path) ?? 0) + 1); return []; } });
      }
      return app;
    }

    afterEach(() => jest.restoreAllMocks());

    test('runs each construct validation once, renders each object once and builds at most one graph per chart', () => {
      // GIVEN
      const counts = new Map<string, number>();
      const app = countingApp(counts);
      // the L1 class: synthesis swaps in its own ApiObject.prototype.toJson while it renders
      const toJson = jest.spyOn(k8s.KubeConfigMap.prototype, 'toJson');
      const topology = jest.spyOn(DependencyGraph.prototype, 'topology');
      // WHEN
      synthesizeApp(app);
      // THEN
      expect([...counts.values()]).toStrictEqual(Array(CHARTS).fill(1));
      expect(toJson).toHaveBeenCalledTimes(CHARTS);
      // one per chart plus the chart order; none at all when nothing has dependencies
      expect(topology.mock.calls.length).toBeLessThanOrEqual(CHARTS + 1);
    });

    test('the counters catch the per-chart re-validation of cdk8s itself', () => {
      const counts = new Map<string, number>();
      const app = countingApp(counts);
      app.synthYaml();
      expect([...counts.values()]).toStrictEqual(Array(CHARTS).fill(CHARTS + 1)); // once for the app, once per chart
    });
  });

  describe('lists every problem together', () => {
    test('construct validation errors, each with its construct path, and validation hook errors', () => {
      // GIVEN an app with three construct validation errors and a hook that fails both Deployments
      const app = new App();
      addInvalidCharts(app);
      new WebChart(app, 'other');
      const [web, other] = ['web', 'other'].map((id) => (app.node.findChild(id) as WebChart).deployment);
      // WHEN
      const error = catchSynthError(() => synthesizeApp(app, { validate: replicaValidator }));
      // THEN
      expect(error.message).toBe([
        'Synthesis failed with 5 problems:',
        '  - [web] web needs an ingress: call exposeViaIngress()',
        '  - [web/Deployment] replicas must be at least 3 in production',
        '  - [web/Deployment] image must be pinned by digest',
        `  - [web/Deployment/Resource] Deployment ${web.name}: spec.replicas: must be at least 3`,
        `  - [other/Deployment/Resource] Deployment ${other.name}: spec.replicas: must be at least 3`,
      ].join('\n'));
      expect(error.problems).toHaveLength(5);
      expect(error.warnings).toStrictEqual([
        expect.stringMatching(/^\[web\/Deployment\/Service\/Resource\] Service web-deployment-service-c8[0-9a-f]{6}: no NetworkPolicy selects it$/),
        expect.stringMatching(/^\[other\/Deployment\/Service\/Resource\] Service other-deployment-service-c8[0-9a-f]{6}: no NetworkPolicy selects it$/),
      ]);
    });

    test('objects that cannot be rendered, without running the hook on a partial set', () => {
      const app = new App();
      addUnrenderableChart(app);
      addInvalidCharts(app);
      const validate = jest.fn(replicaValidator);
      const error = catchSynthError(() => synthesizeApp(app, { validate }));
      expect(error.problems).toStrictEqual([
        '[web] web needs an ingress: call exposeViaIngress()',
        '[web/Deployment] replicas must be at least 3 in production',
        '[web/Deployment] image must be pinned by digest',
        "[bad/Thing] cannot render object 'thing': no data yet",
      ]);
      expect(validate).not.toHaveBeenCalled();
    });

    test('a validation hook that throws', () => {
      const app = new App();
      addWebCharts(app);
      const error = catchSynthError(() => synthesizeApp(app, { validate: () => { throw new Error('rules failed to load'); } }));
      expect(error.problems).toStrictEqual(['validation failed to run: rules failed to load']);
    });

    test('a dependency cycle', () => {
      const app = new App();
      const a = new Chart(app, 'a');
      const b = new Chart(app, 'b');
      const x = new plus.ConfigMap(a, 'X');
      const y = new plus.ConfigMap(b, 'Y');
      x.node.addDependency(y);
      y.node.addDependency(x);
      const error = catchSynthError(() => synthesizeApp(app));
      expect(error.problems).toStrictEqual(['Dependency cycle detected: a => b => a']);
    });
  });

  test('returns the hook warnings when there is no error', () => {
    const app = new App();
    new WebChart(app, 'web');
    const result = synthesizeApp(app, { validate: (objects) => ({ errors: [], warnings: [`${objects.length} objects`] }) });
    expect(result.warnings).toStrictEqual(['3 objects']);
  });

  test('refuses output types other than one file per chart', () => {
    const app = new App({ yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    expect(() => synthesizeApp(app)).toThrow(
      'Synthesis failed with 1 problem:\n  - App yamlOutputType FILE_PER_RESOURCE is not supported: cdk8s-patterns writes one file per chart (YamlOutputType.FILE_PER_CHART)',
    );
  });

  test('an empty chart gives an empty file, like cdk8s', () => {
    const build = (app: App) => { new Chart(app, 'empty'); new Construct(app, 'NotAChart'); };
    expect(ourOutput(build)).toStrictEqual({ 'empty.k8s.yaml': '' });
    expect(ourOutput(build)).toStrictEqual(cdk8sOutput(build));
  });
});

describe('synthesizeChartObjects', () => {
  test('returns the objects of one chart, as chart.toJson() does', () => {
    const app = new App();
    addWebCharts(app);
    const api = app.node.findChild('api') as Chart;
    expect(synthesizeChartObjects(api)).toStrictEqual(api.toJson());
  });
});

function catchSynthError(fn: () => unknown): SynthError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SynthError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a SynthError');
}
