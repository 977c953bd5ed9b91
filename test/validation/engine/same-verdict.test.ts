/**
 * The same verdict everywhere: `cdk8s-patterns synth`, `validate()` (chart, app, the arrays of the
 * testing helpers), the jest matcher and the cdk8s-cli plugin (in-process and through a real
 * `cdk8s synth`) apply the external objects the constructs declare, and all report a Secret that
 * nobody creates or declares with the same message.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import type * as CliPlugins from 'cdk8s-cli/lib/plugins';
import { testing } from '../../../src';
import { Reporter, runSynth } from '../../../src/synth/run';
import { GENERATED_CONFIG_FILE } from '../../../src/validation/config';
import { Cdk8sPatternsValidation } from '../../../src/validation/cdk8s-plugin';
import { validate, ValidationReport } from '../../../src/validation/engine';
import { sourcedObjectsOf, synthMessage, synthValidator } from '../../../src/validation/engine-hooks';
import { ValidationTargetError } from '../../../src/validation/engine-target';
import { toBeValidKubernetes } from '../../../src/validation/jest';
import '../../../src/validation/jest';
import { Severity } from '../../../src/validation/types';
import addExternalsApp from '../../synth/fixtures/externals-app';
import { buildSameVerdictApp } from './same-verdict-app';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('cdk8s-cli/plugins') as typeof CliPlugins;

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURE = path.join(__dirname, 'same-verdict-app.ts');
jest.setTimeout(120_000);

/** The one problem of the `undeclared` variant, as synth prints it. */
const UNDECLARED = '[my-app/Mailer/Resource/Resource] Deployment my-app-mailer-c8d2fe08: '
  + 'spec.template.spec.containers[0].env[6].valueFrom.secretKeyRef.name: Not found: "undeclared-secret": '
  + 'no Secret "undeclared-secret" in the default namespace; add it, declare it as an external object or set optional: true [cross/config-ref]';

let tmp: string;
beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'same-verdict-')); });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function errorsOf(report: ValidationReport): string[] {
  return report.findings.filter((f) => f.severity === Severity.ERROR).map(synthMessage);
}

/** Runs the synth pipeline into `outdir`; returns the exit code and the error messages. */
function synthInto(outdir: string, undeclared: boolean): { code: number; errors: string[] } {
  const errors: string[] = [];
  const reporter: Reporter = { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
  const code = runSynth(() => buildSameVerdictApp({ undeclared }).app, { outdir, validate: synthValidator(), reporter });
  return { code, errors };
}

/** Runs the plugin in-process on the manifests of `outdir`, listed as cdk8s-cli lists them (every *.yaml file). */
async function pluginReport(outdir: string, properties: Record<string, unknown> = {}) {
  const manifests: string[] = [];
  const walk = (dir: string): void => { // as cdk8s-cli's findManifests: the folder's *.yaml files, then its sub-folders
    const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    manifests.push(...entries.filter((e) => !e.isDirectory() && e.name.endsWith('.yaml')).map((e) => path.join(dir, e.name)));
    entries.filter((e) => e.isDirectory()).forEach((e) => walk(path.join(dir, e.name)));
  };
  walk(outdir);
  const context = new cli.ValidationContext(manifests, 'cdk8s-patterns', '0.1.0', {}, false);
  const logged: string[] = [];
  await new Cdk8sPatternsValidation(properties).validate({ ...context, report: context.report, logger: { log: (m: string) => logged.push(m) } });
  return { json: context.report.toJson(), logged };
}

describe('constructs declare their external objects: every path passes', () => {
  test('synth', () => {
    expect(synthInto(path.join(tmp, 'ok'), false)).toStrictEqual({ code: 0, errors: [] });
  });

  test('validate() on the chart, the app, and the arrays of testing.synthChart() and testing.synthApp()', () => {
    const { app, chart } = buildSameVerdictApp();
    for (const target of [chart, app, testing.synthChart(chart), testing.synthApp(app)]) {
      const report = validate(target);
      expect(report.findings).toStrictEqual([]);
      expect(report.objectCount).toBe(21);
    }
  });

  test('the jest matcher', () => {
    const { app, chart } = buildSameVerdictApp();
    expect(chart).toBeValidKubernetes();
    expect(app).toBeValidKubernetes();
    expect(testing.synthChart(chart)).toBeValidKubernetes();
    expect(toBeValidKubernetes(chart).message()).toBe('expected Kubernetes objects with error findings, but all 21 objects are valid');
  });

  test('the cdk8s-cli plugin applies the record synth wrote next to the manifests', async () => {
    const outdir = path.join(tmp, 'plugin-ok');
    expect(synthInto(outdir, false).code).toBe(0);
    const { json, logged } = await pluginReport(outdir);
    expect([json.summary.status, json.summary.metadata, json.violations]).toStrictEqual(['success', { errors: '0', warnings: '0', objects: '21' }, []]);
    expect(logged).toStrictEqual([`applied the validation record written by synth: ${path.join(outdir, GENERATED_CONFIG_FILE)} (autoConfig: false to ignore)`]);
    // without the record, the Secrets the constructs declared are reported missing
    const ignored = await pluginReport(outdir, { autoConfig: false });
    expect([ignored.json.summary.status, ignored.logged]).toStrictEqual(['failure', []]);
    const missing = ignored.json.violations.map((v) => [v.ruleName, [...new Set(v.violatingConstructs.map((c) => /Not found: "(.*?)"/.exec(c.locations[0])?.[1]))]]);
    expect(missing).toStrictEqual([
      ['cross/config-ref (error)', ['podinfo-secrets', 'orders-db']],
      ['cross/ingress-tls-secret (error)', ['my-app-podinfo-ingress-c88e4640-tls']],
    ]);
  });
});

test('the cdk8s-cli plugin on environment folders: the record of each folder applies, kustomization files are not validated', async () => {
  const outdir = path.join(tmp, 'plugin-environments');
  const quiet: Reporter = { info: () => undefined, warn: () => undefined, error: (m) => { throw new Error(m); } };
  expect(runSynth(() => { const app = Testing.app(); addExternalsApp(app); return app; }, { outdir, validate: synthValidator(), reporter: quiet })).toBe(0);
  const { json, logged } = await pluginReport(outdir);
  expect([json.summary.status, json.summary.metadata]).toStrictEqual(['success', { errors: '0', warnings: '0', objects: '17' }]);
  expect(logged).toStrictEqual([`applied the validation record written by synth: ${['', 'dev', 'prod'].map((f) => path.join(outdir, f, GENERATED_CONFIG_FILE)).join(', ')} `
    + '(autoConfig: false to ignore)']);
});

describe('a Secret nobody creates or declares fails every path with the same message', () => {
  test('synth', () => {
    expect(synthInto(path.join(tmp, 'bad'), true)).toStrictEqual({ code: 1, errors: [`Synthesis failed with 1 problem:\n  - ${UNDECLARED}`] });
  });

  test('validate() on the chart, the app, and the arrays of the testing helpers', () => {
    const { app, chart } = buildSameVerdictApp({ undeclared: true });
    for (const target of [chart, app, testing.synthChart(chart), testing.synthApp(app)]) {
      expect(errorsOf(validate(target))).toStrictEqual([UNDECLARED]);
    }
  });

  test('the jest matcher', () => {
    const { chart } = buildSameVerdictApp({ undeclared: true });
    expect(chart).not.toBeValidKubernetes();
    expect(testing.synthChart(chart)).not.toBeValidKubernetes();
    const message = toBeValidKubernetes(chart).message();
    expect(message.split('\n').slice(0, 5)).toStrictEqual([
      'expected valid Kubernetes objects, but found 1 error:',
      '',
      'my-app',
      '  Deployment my-app-mailer-c8d2fe08  my-app/Mailer/Resource/Resource',
      '    error    spec.template.spec.containers[0].env[6].valueFrom.secretKeyRef.name: Not found: "undeclared-secret": no Secret "undeclared-secret" '
        + 'in the default namespace; add it, declare it as an external object or set optional: true  [cross/config-ref]',
    ]);
  });

  test('the cdk8s-cli plugin', async () => {
    // synth refuses to write the variant, so write its files without the validation hook: the record is the same
    const outdir = path.join(tmp, 'plugin-bad');
    runSynth(() => buildSameVerdictApp({ undeclared: true }).app, { outdir, reporter: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    const { json } = await pluginReport(outdir);
    expect([json.summary.status, json.summary.metadata]).toStrictEqual(['failure', { errors: '1', warnings: '0', objects: '21' }]);
    expect(json.violations.map((v) => [v.ruleName, v.violatingConstructs.map((c) => [c.resourceName, c.locations])])).toStrictEqual([
      ['cross/config-ref (error)', [['my-app-mailer-c8d2fe08', [
        'spec.template.spec.containers[0].env[6].valueFrom.secretKeyRef.name: Not found: "undeclared-secret": no Secret "undeclared-secret" '
          + 'in the default namespace; add it, declare it as an external object or set optional: true (line 755)',
      ]]]],
    ]);
  });
});

describe('npx cdk8s synth with the plugin agrees with synth', () => {
  /** Runs the real cdk8s-cli in a project folder whose app is the fixture and whose plugin is loaded from src/ by tsx. */
  function cdk8sSynth(name: string, undeclared: boolean) {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir);
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    fs.writeFileSync(path.join(dir, 'plugin.js'), `require(${JSON.stringify(require.resolve('tsx/cjs', { paths: [ROOT] }))});\n`
      + `module.exports = require(${JSON.stringify(path.join(ROOT, 'src/validation/cdk8s-plugin.ts'))});\n`);
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
      'language: typescript',
      `app: ${tsx} ${FIXTURE}`,
      'output: dist',
      'validations:',
      `  - package: ${path.join(dir, 'plugin.js')}`,
      '    version: 0.1.0',
      '    class: Cdk8sPatternsValidation',
      '',
    ].join('\n'));
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', SAME_VERDICT_UNDECLARED: undeclared ? '1' : '0' },
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}`, dir };
  }

  test('the README app passes: the record of the constructs\' external objects is applied', () => {
    const { status, output, dir } = cdk8sSynth('cdk8s-ok', false);
    expect([status, output]).toStrictEqual([0, expect.stringContaining('Validations ended succesfully')]);
    expect(output).toContain(`applied the validation record written by synth: dist/${GENERATED_CONFIG_FILE}`);
    expect(fs.existsSync(path.join(dir, 'dist', GENERATED_CONFIG_FILE))).toBe(true);
  });

  test('an undeclared Secret fails the app itself (synth validates before writing), as cdk8s-patterns synth does', () => {
    const { status, output } = cdk8sSynth('cdk8s-bad', true);
    expect(status).not.toBe(0);
    expect(output).toContain(UNDECLARED);
  });
});

describe('plain objects and junk', () => {
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { x: '1' } };

  test('elements that are not objects are findings at their position, nothing throws', () => {
    const report = validate([configMap, null, 42, [configMap], 'text', undefined] as never, { level: 'api' as never });
    expect(report.findings.map((f) => `${f.constructPath} ${f.rule} ${f.message}`)).toStrictEqual([
      'objects[1] engine/type-meta Invalid value: null: a Kubernetes object must be a mapping',
      'objects[2] engine/type-meta Invalid value: 42: a Kubernetes object must be a mapping',
      'objects[3] engine/type-meta Invalid value: a list: a Kubernetes object must be a mapping',
      'objects[4] engine/type-meta Invalid value: "text": a Kubernetes object must be a mapping',
      'objects[5] engine/type-meta Invalid value: undefined: a Kubernetes object must be a mapping',
    ]);
    expect(report.objectCount).toBe(6);
  });

  test('sourced and plain objects mix; a plain object without apiVersion is reported at its position', () => {
    const report = validate([{ object: configMap, source: { file: 'a.yaml', line: 1 } }, { metadata: { name: 'b' } }] as never, { level: 'api' as never });
    expect(report.findings.map((f) => [f.constructPath, f.file, f.path, f.message])).toStrictEqual([
      ['objects[1]', undefined, 'apiVersion', 'Required value: apiVersion is required'],
      ['objects[1]', undefined, 'kind', 'Required value: kind is required'],
    ]);
  });

  test('a sourced pair whose source says nowhere gets its position; one with a file keeps it', () => {
    const report = validate([{ object: null, source: {} }, { object: 5, source: { file: 'x.yaml', line: 3 } }] as never);
    expect(report.findings.map((f) => [f.constructPath, f.file, f.line, f.message])).toStrictEqual([
      ['objects[0]', undefined, undefined, 'Invalid value: null: a Kubernetes object must be a mapping'],
      [undefined, 'x.yaml', 3, 'Invalid value: 5: a Kubernetes object must be a mapping'],
    ]);
  });

  test('a target that is neither a chart, an app nor an array is a ValidationTargetError naming it', () => {
    for (const [target, name] of [[null, 'null'], [42, 'a number'], [undefined, 'undefined'], ['x', 'a string'],
      [{ kind: 'ConfigMap' }, 'an object of type Object'], [new Map(), 'an object of type Map']] as const) {
      expect(() => validate(target as never)).toThrow(new ValidationTargetError(`cannot validate ${name}: pass a Chart, an App, or an array of Kubernetes objects`));
      expect(toBeValidKubernetes(target).pass).toBe(false);
    }
    const chart = Testing.chart();
    const inner = new Construct(chart, 'Inner');
    expect(() => validate(inner as never)).toThrow('cannot validate the construct test/Inner (Construct): pass its Chart or its App');
  });

  test('a chart yields only its own objects, an app every chart\'s; sourcedObjectsOf gives them with construct paths', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    new ApiObject(a, 'Config', configMap);
    new ApiObject(new Chart(app, 'b'), 'Config', { ...configMap, metadata: { name: 'b' } });
    expect(sourcedObjectsOf(a).map((o) => o.source.constructPath)).toStrictEqual(['a/Config']);
    expect(sourcedObjectsOf(app).map((o) => o.source.constructPath)).toStrictEqual(['a/Config', 'b/Config']);
    expect([validate(a).objectCount, validate(app).objectCount]).toStrictEqual([1, 2]);
  });

  test('the arrays of the testing helpers hide what they carry from snapshots, equality and JSON', () => {
    const { chart } = buildSameVerdictApp();
    const objects = testing.synthChart(chart);
    expect(Object.keys(objects)).toHaveLength(21);
    expect(objects).toStrictEqual(JSON.parse(JSON.stringify(objects)));
    // a copy does not carry the external objects: the Secrets are reported missing
    expect(validate([...objects]).ok).toBe(false);
  });
});
