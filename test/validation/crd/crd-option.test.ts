/**
 * CRDs given with `--crd <file|dir>` (repeatable), the `crds` config key and the `crds` option of
 * `validate()`: custom resources are checked against them; bad paths and files are usage errors
 * (exit 2) that name the path (and line).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { KubeObject, validate, ValidationLevel } from '../../../src/validation';
import type * as CliPlugins from 'cdk8s-cli/lib/plugins';
import { Cdk8sPatternsValidation, PluginContext } from '../../../src/validation';
import { ValidationConfigError } from '../../../src/validation/config';
import { loadCrdFiles } from '../../../src/validation/crd/run';

const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(ROOT, 'src/cli/main.ts');

jest.setTimeout(60_000);

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
`;

const GADGET_CRD = CRD.replace(/widgets/g, 'gadgets').replace('Widget', 'Gadget');

const INPUT = `apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: shop}
spec:
  size: 2
  colour: red
---
apiVersion: example.com/v1
kind: Gadget
metadata: {name: g, namespace: shop}
spec: {}
`;

let dir: string;

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return name;
}

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [MAIN, 'validate', '--level', 'api', ...args], { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crd-option-'));
  write('input.yaml', INPUT);
  write('crds/widget.yaml', CRD);
  write('crds/more/gadget.yml', GADGET_CRD);
  write('crds/README.md', '# not a manifest');
  write('bad/not-a-crd.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
  write('bad/invalid.yaml', `${CRD}---\napiVersion: v1\nkind: [x\n`);
  write('bad/not-structural.yaml', CRD.replace('size: {type: integer}', 'size: {}'));
  write('config.yaml', 'level: api\ncrds: [crds/widget.yaml]\n');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const WIDGET_ERROR = '    error    line 6  spec.colour: strict decoding error: unknown field "spec.colour"  [schema/strict]';
const GADGET_UNKNOWN = '    warning  line 9  kind: no schema for kind "Gadget" in version "example.com/v1": its fields are not checked (pass its CRD with --crd, or its schema with --schema-dir)  [schema/unknown-kind]';
const GADGET_ERROR = '    error    line 11  spec.size: Required value  [schema/strict]';

describe('validate --crd', () => {
  test('a CRD file', () => {
    expect(run(['--crd', 'crds/widget.yaml', 'input.yaml'])).toEqual({
      code: 1,
      stderr: '',
      stdout: ['input.yaml', '  Widget shop/w', WIDGET_ERROR, '  Gadget shop/g', GADGET_UNKNOWN, '', '1 error, 1 warning (2 objects checked)', ''].join('\n'),
    });
  });

  test('a folder (read recursively, .yaml/.yml/.json only) and a repeated flag', () => {
    const expected = { code: 1, stderr: '', stdout: ['input.yaml', '  Widget shop/w', WIDGET_ERROR, '  Gadget shop/g', GADGET_ERROR, '', '2 errors, 0 warnings (2 objects checked)', ''].join('\n') };
    expect(run(['--crd', 'crds', 'input.yaml'])).toEqual(expected);
    expect(run(['--crd', 'crds/widget.yaml', '--crd', 'crds/more', 'input.yaml'])).toEqual(expected);
  });

  test('the crds key of a config file (relative to the file)', () => {
    const result = run(['--config', 'config.yaml', 'input.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(WIDGET_ERROR);
    expect(result.stdout).toContain(GADGET_UNKNOWN);
  });

  test.each<[string, string[], string]>([
    ['a missing file', ['--crd', 'nope.yaml'], 'error: --crd nope.yaml: no such file or folder\n'],
    ['a file that is not a CRD', ['--crd', 'bad/not-a-crd.yaml'],
      `error: --crd ${path.join('bad', 'not-a-crd.yaml')}:1: expected an apiextensions.k8s.io/v1 CustomResourceDefinition, found v1 ConfigMap\n`],
    ['invalid YAML (file:line)', ['--crd', 'bad/invalid.yaml'],
      'error: --crd bad/invalid.yaml:25: yaml: line 25: Flow sequence in block collection must be sufficiently indented and end with a ]\n'],
    ['a CRD whose schema is not structural', ['--crd', 'bad/not-structural.yaml'],
      `error: --crd ${path.join('bad', 'not-structural.yaml')}:1: the CRD cannot be used: spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[size].type: Required value: must not be empty for specified object fields\n`],
  ])('%s: exit 2 naming the path', (_name, args, stderr) => {
    const result = run([...args, 'input.yaml']);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
    expect(result.stderr).toBe(stderr);
  });
});

describe('validate({ crds })', () => {
  const objects = [
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop' }, spec: {} } as KubeObject,
  ];

  test('checks custom resources against the given CRD files', () => {
    const report = validate(objects, { level: ValidationLevel.API, crds: [path.join(dir, 'crds/widget.yaml')] });
    expect(report.findings.map((f) => `${f.rule} ${f.path}: ${f.message}`)).toEqual(['schema/strict spec.size: Required value']);
  });

  test('a --crd file wins over the built-in CRD of the same kind (a CRD found in the input does not)', () => {
    const own = CRD.replace(/widgets/g, 'servicemonitors').replace(/example\.com/g, 'monitoring.coreos.com').replace('Widget', 'ServiceMonitor');
    write('own-servicemonitor.yaml', own);
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm', namespace: 'shop' }, spec: { endpoints: [{ port: 'web' }], selector: {} } } as KubeObject;
    const findings = (options: object, input: KubeObject[]): string[] =>
      validate(input, { level: ValidationLevel.API, ...options }).findings.map((f) => `${f.rule} ${f.path}: ${f.message}`);
    expect(findings({ crds: [path.join(dir, 'own-servicemonitor.yaml')] }, [monitor])).toEqual([
      'schema/strict spec.endpoints: strict decoding error: unknown field "spec.endpoints"',
      'schema/strict spec.selector: strict decoding error: unknown field "spec.selector"',
      'schema/strict spec.size: Required value',
    ]);
    const parsed = YAML.parse(own) as KubeObject;
    expect(findings({}, [parsed, monitor])).toEqual([]);
  });

  test('the same unchanged files are read once per process; a changed file is read again', () => {
    const file = path.join(dir, write('cached/widget.yaml', CRD));
    const first = loadCrdFiles([file]);
    expect(loadCrdFiles([file])).toBe(first);
    fs.writeFileSync(file, `${CRD}# changed\n`);
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadCrdFiles([file])).not.toBe(first);
  });

  test('a bad path is a ValidationConfigError', () => {
    expect(() => validate(objects, { crds: ['/no/such/crd.yaml'] })).toThrow(ValidationConfigError);
    expect(() => validate(objects, { crds: ['/no/such/crd.yaml'] })).toThrow('--crd /no/such/crd.yaml: no such file or folder');
  });
});

describe('the cdk8s-cli plugin (crds property)', () => {
  test('custom resources of the manifests are checked against the CRDs of the property', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cli = require('cdk8s-cli/plugins') as typeof CliPlugins;
    const manifest = path.join(dir, 'plugin/app.k8s.yaml');
    fs.mkdirSync(path.dirname(manifest), { recursive: true });
    fs.writeFileSync(manifest, 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\nspec: {colour: red}\n');
    const context = new cli.ValidationContext([manifest], 'cdk8s-patterns', '0.1.0', {}, false);
    const typed: PluginContext = context;
    await new Cdk8sPatternsValidation({ level: 'api', crds: [path.join(dir, 'crds/widget.yaml')] }).validate(typed);
    const json = context.report.toJson();
    expect(json.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => `${v.ruleName} ${(c.locations ?? []).join(', ')}`))).toEqual([
      'schema/strict (error) spec.colour: strict decoding error: unknown field "spec.colour" (line 4)',
      'schema/strict (error) spec.size: Required value (line 4)',
    ]);
  });

  test('a crds property that is not a list of paths is a configuration error', () => {
    expect(() => new Cdk8sPatternsValidation({ crds: 'crds/' })).toThrow(
      'cdk8s.yaml validations properties: crds must be a list of CRD files or folders (got "crds/")');
  });
});
