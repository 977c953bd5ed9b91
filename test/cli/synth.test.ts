/**
 * `cdk8s-patterns synth` as users run it: a child process on a temporary output folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'src/cli/main.ts');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function fixture(name: string): string {
  return `test/cli/fixtures/${name}.ts`;
}

jest.setTimeout(60_000);

let out: string;
beforeEach(() => {
  out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-synth-')), 'dist');
});
afterEach(() => fs.rmSync(path.dirname(out), { recursive: true, force: true }));

test.each([
  ['a default-exported function', 'app-function', 'web.k8s.yaml'],
  ['an App exported as `app`', 'app-instance', 'instance.k8s.yaml'],
  ['the only plain function next to a class', 'app-only-function', 'only.k8s.yaml'],
])('synthesizes an app module that exports %s', (_name, module, file) => {
  const result = cli('synth', '--app', fixture(module), '--out', out, '--no-validate');
  expect(result).toStrictEqual({
    status: 0,
    stdout: `Synthesized 1 chart (3 objects) to ${out}/\n  - ${out}/${file}\n`,
    stderr: '',
  });
  expect(fs.readdirSync(out)).toStrictEqual([file]);
});

test('runs the validation engine by default and fails on its errors, writing nothing', () => {
  const result = cli('synth', '--app', fixture('app-function'), '--out', out);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^error: Synthesis failed with \d+ problems?:$/m);
  expect(result.stderr).toMatch(/^ {2}- \[web\/Deployment\/Resource\] Deployment web-deployment-c8[0-9a-f]{6}: .*\[policy\/pod-security\]$/m);
  expect(fs.existsSync(out)).toBe(false);
});

test('lists every construct validation error (exit code 1)', () => {
  const result = cli('synth', '--app', fixture('app-invalid'), '--out', out, '--no-validate');
  expect(result).toStrictEqual({
    status: 1,
    stdout: '',
    stderr: [
      'error: Synthesis failed with 3 problems:',
      '  - [web] web needs an ingress: call exposeViaIngress()',
      '  - [web/Deployment] replicas must be at least 3 in production',
      '  - [web/Deployment] image must be pinned by digest',
      '',
    ].join('\n'),
  });
  expect(fs.existsSync(out)).toBe(false);
});

test('--check fails on a stale folder (exit code 1)', () => {
  expect(cli('synth', '--app', fixture('app-function'), '--out', out, '--no-validate').status).toBe(0);
  fs.writeFileSync(path.join(out, 'web.k8s.yaml'), 'edited\n');
  expect(cli('synth', '--app', fixture('app-function'), '--out', out, '--no-validate', '--check')).toStrictEqual({
    status: 1,
    stdout: '',
    stderr: `error: ${out}/ is stale: web.k8s.yaml (changed). Run \`npm run synth\` and commit the result.\n`,
  });
});

test.each([
  ['an app module exporting several functions', ['synth', '--app', fixture('app-ambiguous')],
    "error: app module test/cli/fixtures/app-ambiguous.ts must call synth(app) or app.synth(), or export an App or a function (app: App) => void "
    + "as module.exports, the default export, 'app', or its only such export (found: first, second)\n"],
  ['a missing app module', ['synth', '--app', 'nope.ts'],
    `error: app module nope.ts not found (resolved to ${path.join(ROOT, 'nope.ts')})\n`],
])('%s is a usage error (exit code 2)', (_name, args, stderr) => {
  expect(cli(...args, '--out', out)).toStrictEqual({ status: 2, stdout: '', stderr });
});

test('an unknown flag is a usage error (exit code 2) and shows the command help', () => {
  const result = cli('synth', '--bogus');
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/^error: unknown option '--bogus'\n\nUsage: cdk8s-patterns synth \[options\]\n/);
});

test('without a command, prints the help (exit code 2)', () => {
  const result = cli();
  expect(result.status).toBe(2);
  expect(result.stdout).toMatch(/^Usage: cdk8s-patterns \[options\] \[command\]\n/);
  expect(result.stdout).toMatch(/^ {2}synth \[options\] +synthesize an app/m);
});
