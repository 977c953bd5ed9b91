import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import type * as CliPlugins from 'cdk8s-cli/lib/plugins';
import { Cdk8sPatternsValidation, PluginContext } from '../../../src/validation/cdk8s-plugin';
import { ValidationLevel } from '../../../src/validation/config';
import { sourcedObjectsOf, synthValidator } from '../../../src/validation/engine-hooks';
import { toBeValidKubernetes } from '../../../src/validation/jest';
import '../../../src/validation/jest';
import { Severity } from '../../../src/validation/types';
import { PodSecurityLevel } from '../../../src/validation/rule';
import { deployment, fromConstructs, service, TEST_RULES } from './fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('cdk8s-cli/plugins') as typeof CliPlugins;

function chartWith(...objects: { id: string; object: Record<string, unknown> }[]): Chart {
  const chart = Testing.chart();
  for (const { id, object } of objects) {
    const { apiVersion, kind, metadata, ...rest } = object as { apiVersion: string; kind: string; metadata: { name: string } };
    new ApiObject(chart, id, { apiVersion, kind, metadata, ...rest });
  }
  return chart;
}

describe('sourcedObjectsOf', () => {
  test('a chart gives its objects with construct paths; plain objects get an index path', () => {
    const chart = chartWith({ id: 'Web', object: deployment('web') });
    expect(sourcedObjectsOf(chart).map((o) => [o.source.constructPath, o.object.kind])).toEqual([['test/Web', 'Deployment']]);
    expect(sourcedObjectsOf(App.of(chart) as App).map((o) => o.source.constructPath)).toEqual(['test/Web']);
    expect(sourcedObjectsOf([deployment('a')]).map((o) => o.source)).toEqual([{ constructPath: 'objects[0]' }]);
    const sourced = fromConstructs(deployment('a'));
    expect(sourcedObjectsOf(sourced)).toEqual(sourced);
  });

  test('anything else is a TypeError naming what was passed', () => {
    expect(() => sourcedObjectsOf(new Map() as never)).toThrow('cannot validate an object of type Map: pass a Chart, an App, or an array of Kubernetes objects');
  });
});

describe('synthValidator', () => {
  test('objects the app declares as external are known to cross-object rules', () => {
    const hook = synthValidator({ level: ValidationLevel.CROSS });
    const namespaced = [{
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' }, data: {} },
      source: { constructPath: 'app/Config' },
    }, {
      object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } },
      source: { constructPath: 'app/Other' },
    }];
    expect(hook(namespaced, { external: [] }).errors).toEqual([
      '[app/Config] ConfigMap shop/c: metadata.namespace: Not found: "shop": no Namespace "shop" in the bundle; add one or declare it as an external object [cross/namespace-exists]',
    ]);
    expect(hook(namespaced, { external: [{ kind: 'Namespace', name: 'shop' }] }).errors).toEqual([]);
  });

  test('errors fail the synth and warnings are printed, in the [path] message format', () => {
    const hook = synthValidator({ ruleSet: TEST_RULES, rules: { 'latest-tag': Severity.WARNING } });
    const result = hook(fromConstructs(deployment('web', { image: 'x:latest', replicas: 'two' })), { external: [] });
    expect(result).toEqual({
      errors: ['[app/web/Resource] Deployment prod/web: spec.replicas: Invalid value: "two": must be an integer [schema/replicas-type]'],
      warnings: ['[app/web/Resource] Deployment prod/web: spec.template.spec.containers[0].image: Invalid value: "x:latest": use a pinned tag [policy/latest-tag]'],
    });
  });

  test('carries the settings it validates with, for the config file synth writes next to the manifests', () => {
    expect(synthValidator().settings).toEqual({});
    const external = [{ kind: 'Secret', name: 'tls' }];
    expect(synthValidator({
      level: ValidationLevel.CROSS, podSecurity: PodSecurityLevel.BASELINE, strict: true,
      rules: { 'policy/latest-tag': Severity.WARNING }, external, ruleSet: TEST_RULES, recordObjects: true,
    }).settings).toEqual({
      level: ValidationLevel.CROSS, podSecurity: PodSecurityLevel.BASELINE, strict: true,
      rules: { 'policy/latest-tag': Severity.WARNING }, external,
    });
  });
});

describe('toBeValidKubernetes', () => {
  test('passes for a valid chart and fails with a readable message listing findings', () => {
    const good = chartWith({ id: 'Web', object: deployment('web') }, { id: 'Svc', object: service('web', 'web') });
    expect(good).toBeValidKubernetes({ ruleSet: TEST_RULES });
    const bad = chartWith({ id: 'Orphan', object: service('orphan', 'none') });
    expect(bad).not.toBeValidKubernetes({ ruleSet: TEST_RULES });
    const result = toBeValidKubernetes(bad, { ruleSet: TEST_RULES });
    expect(result.pass).toBe(false);
    expect(result.message()).toBe([
      'expected valid Kubernetes objects, but found 1 error:',
      '',
      'test',
      '  Service prod/orphan  test/Orphan',
      '    error    spec.selector: Not found: no Deployment has app=none  [cross/dangling-service]',
      '',
      '1 error, 0 warnings (1 object checked)',
      '',
    ].join('\n'));
  });

  test('accepts options such as the level', () => {
    expect([service('orphan', 'none')]).toBeValidKubernetes({ ruleSet: TEST_RULES, level: ValidationLevel.API });
  });

  test('a chart whose constructs fail validation fails the matcher with the synth error', () => {
    const chart = Testing.chart();
    chart.node.addValidation({ validate: () => ['replicas must be positive'] });
    const result = toBeValidKubernetes(chart, { ruleSet: TEST_RULES });
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('replicas must be positive');
  });
});

describe('Cdk8sPatternsValidation (cdk8s-cli plugin)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reports findings through cdk8s-cli\'s ValidationContext, with construct paths from the metadata', async () => {
    const manifest = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(manifest, [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', '  namespace: default', 'spec:', '  replicas: two',
      '  selector:', '    matchLabels: {app: web}', '  template:', '    metadata:', '      labels: {app: web}', '    spec:',
      '      containers:', '        - name: web', '          image: nginx:1.25', '',
    ].join('\n'));
    const context = new cli.ValidationContext([manifest], 'cdk8s-patterns', '0.1.0', { web: { path: 'app/Web/Deployment/Resource' } }, false);
    const typed: PluginContext = context; // the plugin's structural interface matches cdk8s-cli's class
    await new Cdk8sPatternsValidation({ level: 'api' }).validate(typed);
    const json = context.report.toJson();
    expect(json.summary.status).toBe('failure');
    expect(json.summary.metadata).toEqual({ errors: '1', warnings: '0', objects: '1' });
    expect(json.violations).toEqual([{
      ruleName: 'schema/strict (error)',
      recommendation: 'Strict decoding against the Kubernetes 1.28 schema: unknown fields, wrong JSON types, missing required fields.',
      fix: 'Fix the field, or add the annotation ignore-check.cdk8s-patterns.io/strict: "<reason>" to the object',
      violatingConstructs: [{
        resourceName: 'web',
        constructPath: 'app/Web/Deployment/Resource',
        manifestPath: manifest,
        locations: ['spec.replicas: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32 (line 7)'],
      }],
    }]);
  });

  test('bad properties fail at load time with the key and the allowed values', () => {
    expect(() => new Cdk8sPatternsValidation({ level: 'deep' })).toThrow(
      'cdk8s.yaml validations properties: level: unsupported value "deep"; use one of "api", "cross", "policy"');
    expect(() => new Cdk8sPatternsValidation({ levels: 'api' })).toThrow(
      'cdk8s.yaml validations properties: unknown key "levels"; supported keys: level, rules, podSecurity, external, strict, schemaDir, crds');
  });
});
