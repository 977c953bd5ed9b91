/**
 * `cdk8s-patterns diff` as users run it: child processes on temporary folders, one per exit code
 * and format.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GENERATED_CONFIG_FILE } from '../../src/validation/config';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'src/cli/main.ts');
const APP = 'test/cli/fixtures/app-function.ts';

interface Run { status: number | null; stdout: string; stderr: string }

function cli(...args: string[]): Run {
  const result = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

jest.setTimeout(60_000);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: NS
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - web.k8s.yaml\n';

let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-diff-')); });
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, content: string): string {
  const file = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('two folders', () => {
  beforeEach(() => {
    write('before/web.k8s.yaml', DEPLOYMENT.replace('NS', 'prod'));
    write('replicas/web.k8s.yaml', DEPLOYMENT.replace('NS', 'prod').replace('replicas: 2', 'replicas: 3'));
    write('selector/web.k8s.yaml', DEPLOYMENT.replace('NS', 'prod').replace(/app: web/g, 'app: web2'));
  });

  test('no differences: exit 0 even with --fail-on-change', () => {
    expect(cli('diff', path.join(tmp, 'before'), path.join(tmp, 'before'), '--fail-on-change'))
      .toStrictEqual({ status: 0, stdout: 'No differences (1 object compared).\n', stderr: '' });
  });

  test('a changed replica count is safe: exit 0 with --fail-on-risk, 1 with --fail-on-change', () => {
    const expected = '~ Deployment.apps prod/web\n    ~ spec.replicas: 2 → 3\n\n0 added, 0 removed, 1 changed (0 risky)\n';
    expect(cli('diff', path.join(tmp, 'before'), path.join(tmp, 'replicas'), '--fail-on-risk')).toStrictEqual({ status: 0, stdout: expected, stderr: '' });
    expect(cli('diff', path.join(tmp, 'before'), path.join(tmp, 'replicas'), '--fail-on-change')).toStrictEqual({ status: 1, stdout: expected, stderr: '' });
  });

  test('a changed selector is risky: exit 1 with --fail-on-risk, 0 without', () => {
    const expected = [
      '~ Deployment.apps prod/web',
      '    ~ spec.selector.matchLabels.app: "web" → "web2"',
      '    ~ spec.template.metadata.labels.app: "web" → "web2"',
      '    ! immutable-selector spec.selector: the selector of a Deployment is immutable: apply fails; delete and re-create the object to change it',
      '',
      '0 added, 0 removed, 1 changed (1 risky)',
      '',
    ].join('\n');
    expect(cli('diff', path.join(tmp, 'before'), path.join(tmp, 'selector'), '--fail-on-risk')).toStrictEqual({ status: 1, stdout: expected, stderr: '' });
    expect(cli('diff', path.join(tmp, 'before'), path.join(tmp, 'selector')).status).toBe(0);
  });

  test('--format json and --format markdown', () => {
    const json = cli('diff', path.join(tmp, 'before'), path.join(tmp, 'selector'), '--format', 'json', '--fail-on-risk');
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).summary).toStrictEqual({ added: 0, removed: 0, changed: 1, renamed: 0, risky: 1, unchanged: 0 });
    const markdown = cli('diff', path.join(tmp, 'before'), path.join(tmp, 'selector'), '--format', 'markdown');
    expect(markdown.status).toBe(0);
    expect(markdown.stdout.split('\n').slice(0, 7)).toStrictEqual([
      '### Manifest diff',
      '',
      '**0 added, 0 removed, 1 changed (1 risky)**',
      '',
      '#### :warning: Risky changes',
      '',
      '- `Deployment.apps prod/web`: **immutable-selector** `spec.selector`: the selector of a Deployment is immutable: apply fails; delete and re-create the object to change it',
    ]);
  });
});

test('--envs compares two environment folders with the namespace ignored, skipping kustomization.yaml', () => {
  write('dist/dev/web.k8s.yaml', DEPLOYMENT.replace('NS', 'shop-dev').replace('replicas: 2', 'replicas: 1'));
  write('dist/dev/kustomization.yaml', KUSTOMIZATION);
  write('dist/prod/web.k8s.yaml', DEPLOYMENT.replace('NS', 'shop-prod').replace('replicas: 2', 'replicas: 3'));
  write('dist/prod/kustomization.yaml', KUSTOMIZATION);
  expect(cli('diff', '--envs', 'dev,prod', '--against', path.join(tmp, 'dist'))).toStrictEqual({
    status: 0,
    stdout: '~ Deployment.apps shop-prod/web\n    ~ spec.replicas: 1 → 3\n\n0 added, 0 removed, 1 changed (0 risky)\n',
    stderr: '',
  });
});

test('the validation records synth writes are not objects: no differences, and --envs works', () => {
  const dist = path.join(tmp, 'dist-externals');
  const app = 'test/synth/fixtures/externals-app.ts';
  expect(cli('synth', '--app', app, '--out', dist, '--no-validate').status).toBe(0);
  expect(fs.existsSync(path.join(dist, 'prod', GENERATED_CONFIG_FILE))).toBe(true);
  expect(cli('diff', '--app', app, '--against', dist, '--fail-on-change'))
    .toStrictEqual({ status: 0, stdout: 'No differences (17 objects compared).\n', stderr: '' });
  const envs = cli('diff', '--envs', 'dev,prod', '--against', dist);
  expect([envs.status, envs.stderr]).toStrictEqual([0, '']);
  expect(envs.stdout).toMatch(/\n0 added, 0 removed, \d+ changed \(\d+ risky\)\n$/);
});

test('a fresh synth against the committed folder (sub-folders compared by relative path)', () => {
  const dist = path.join(tmp, 'dist');
  expect(cli('synth', '--app', APP, '--out', dist, '--no-validate').status).toBe(0);
  expect(cli('diff', '--app', APP, '--against', dist, '--fail-on-change'))
    .toStrictEqual({ status: 0, stdout: 'No differences (3 objects compared).\n', stderr: '' });
  const file = path.join(dist, 'web.k8s.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('replicas: 2', 'replicas: 5'));
  write('dist/old/gone.k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\ndata:\n  a: "1"\n');
  expect(cli('diff', '--app', APP, '--against', dist, '--fail-on-risk')).toStrictEqual({
    status: 0,
    stdout: [
      '~ Deployment.apps web-deployment-c847e126',
      '    ~ spec.replicas: 5 → 2',
      '- ConfigMap gone [old/]',
      '',
      '0 added, 1 removed, 1 changed (0 risky)',
      '',
    ].join('\n'),
    stderr: '',
  });
});

describe('exit code 2, nothing on stdout', () => {
  test('a committed folder that does not parse names file and line', () => {
    write('dist/web.k8s.yaml', `${DEPLOYMENT.replace('NS', 'prod')}---\nkind: Service\nmetadata: {name: x\n`);
    const file = path.join(tmp, 'dist/web.k8s.yaml');
    expect(cli('diff', path.join(tmp, 'dist'), path.join(tmp, 'dist'))).toStrictEqual({
      status: 2,
      stdout: '',
      stderr: `error: cannot diff: ${file}:22: yaml: line 22: Flow map in block collection must be sufficiently indented and end with a }\n`,
    });
  });

  test.each<[string, string[], string]>([
    ['one folder', ['diff', 'dist'], 'error: give two folders to compare (BEFORE AFTER), or none to compare a synth with --against; got 1 (see diff --help)\n'],
    ['folders and --envs', ['diff', 'a', 'b', '--envs', 'dev,prod'], 'error: two folders cannot be combined with --envs, --app or --against (see diff --help)\n'],
    ['one environment', ['diff', '--envs', 'dev'], "error: --envs needs two environment names separated by a comma, e.g. dev,prod; got 'dev' (see diff --help)\n"],
    ['the same environment twice', ['diff', '--envs', 'dev,dev'], "error: --envs needs two different environments; got 'dev,dev' (see diff --help)\n"],
  ])('usage: %s', (_name, args, stderr) => {
    expect(cli(...args)).toStrictEqual({ status: 2, stdout: '', stderr });
  });

  test('a missing folder and an unknown format', () => {
    expect(cli('diff', path.join(tmp, 'nope'), tmp)).toStrictEqual({ status: 2, stdout: '', stderr: `error: cannot diff: ${path.join(tmp, 'nope')}: folder not found\n` });
    const format = cli('diff', tmp, tmp, '--format', 'html');
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/^error: option '--format <format>' argument 'html' is invalid\. Allowed choices are text, json, markdown\./);
  });

  test('an app that fails to synthesize', () => {
    write('dist/web.k8s.yaml', DEPLOYMENT.replace('NS', 'prod'));
    const result = cli('diff', '--app', 'test/cli/fixtures/app-invalid.ts', '--against', path.join(tmp, 'dist'));
    expect(result).toStrictEqual({
      status: 2,
      stdout: '',
      stderr: [
        'error: Synthesis failed with 3 problems:',
        '  - [web] web needs an ingress: call exposeViaIngress()',
        '  - [web/Deployment] replicas must be at least 3 in production',
        '  - [web/Deployment] image must be pinned by digest',
        '',
      ].join('\n'),
    });
  });
});
