/**
 * `cdk8s-patterns validate` on a synthesized output folder agrees with synth: it applies the
 * validation record synth writes next to the manifests (`.cdk8s-patterns-validation`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { runValidate, ValidateFlags } from '../../src/cli/commands/validate';
import { isManifestFileName, parseYamlFiles } from '../../src/validation/parse/files';
import { GENERATED_CONFIG_FILE, runSynth } from '../../src/synth';
import { synthValidator } from '../../src/validation';
import addExternalsApp from '../synth/fixtures/externals-app';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(ROOT, 'src/cli/main.ts');
jest.setTimeout(60_000);

/** The finding for the cert-manager TLS Secret of prod's Ingress when nobody declares it. */
const MISSING_TLS = '    error    line 229  spec.tls[0].secretName: Not found: "prod-podinfo-ingress-c8de1a4b-tls": '
  + 'no Secret "prod-podinfo-ingress-c8de1a4b-tls" in namespace "shop-prod"; add it or declare it as an external object  [cross/ingress-tls-secret]';
const CONFIGS = `dist/${GENERATED_CONFIG_FILE}, dist/dev/${GENERATED_CONFIG_FILE}, dist/prod/${GENERATED_CONFIG_FILE}`;

let dir: string;
let cwd: string;

interface Result { code: number; stdout: string; stderr: string }

/** Runs the command in this process, from `dir`. */
async function validate(paths: string[], flags: ValidateFlags = {}): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => { stdout += t; }, stderr: (t: string) => { stderr += t; }, stdin: async () => Buffer.from(''), color: false };
  const code = await runValidate(paths, flags, io);
  return { code, stdout, stderr };
}

/** Runs the command as a user does, from `dir`. */
function cli(args: string[]): Result {
  const result = spawnSync(TSX, [MAIN, 'validate', ...args], { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Copies `dist/` to `name/` and returns the copy's path relative to `dir`. */
function copyDist(name: string): string {
  fs.cpSync(path.join(dir, 'dist'), path.join(dir, name), { recursive: true });
  return name;
}

/** The non-empty lines of standard error. */
function notes(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l !== '');
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-auto-config-'));
  cwd = process.cwd();
  process.chdir(dir);
  // GIVEN the fixture app synthesized (and validated, error-free) the way `npm run synth` does
  const code = runSynth(() => {
    const app = new App();
    addExternalsApp(app);
    return app;
  }, { outdir: 'dist', validate: synthValidator(), reporter: { info: () => undefined, warn: () => undefined, error: (m) => { throw new Error(m); } } });
  expect(code).toBe(0);
});

afterAll(() => {
  process.chdir(cwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('validate dist/ applies the generated configs of every folder, says so, and is clean like synth', () => {
  const { code, stdout, stderr } = cli(['dist']);
  expect(code).toBe(0);
  expect(notes(stderr)).toStrictEqual([`note: applied the validation config written by synth: ${CONFIGS} (--no-auto-config to ignore)`]);
  expect(stdout).toBe('0 errors, 0 warnings (17 objects checked)\n');
});

test('each environment folder validates alone with its own file, which lists only its own declarations', () => {
  for (const env of ['dev', 'prod']) {
    const { code, stderr } = cli([`dist/${env}`]);
    expect([env, code, notes(stderr)]).toStrictEqual([env, 0, [`note: applied the validation config written by synth: dist/${env}/${GENERATED_CONFIG_FILE} (--no-auto-config to ignore)`]]);
  }
  const prod = fs.readFileSync(path.join('dist', 'prod', GENERATED_CONFIG_FILE), 'utf8');
  expect(prod).toContain('name: prod-podinfo-ingress-c8de1a4b-tls');
  expect(prod).not.toContain('dev-podinfo-ingress');
});

test('--no-auto-config ignores them: the cert-manager TLS Secret is reported missing', () => {
  const { code, stdout, stderr } = cli(['--no-auto-config', 'dist/prod']);
  expect(code).toBe(1);
  expect(notes(stderr)).toStrictEqual([`note: ignored the validation config written by synth (--no-auto-config): dist/prod/${GENERATED_CONFIG_FILE}`]);
  expect(stdout.split('\n')).toContain(MISSING_TLS);
});

test('without the files, the same finding', async () => {
  const bare = copyDist('bare');
  for (const folder of ['', 'dev', 'prod']) fs.rmSync(path.join(bare, folder, GENERATED_CONFIG_FILE));
  const { code, stdout, stderr } = await validate([`${bare}/prod`]);
  expect(code).toBe(1);
  expect(notes(stderr)).toStrictEqual([]);
  expect(stdout.split('\n')).toContain(MISSING_TLS);
});

test('an explicit --config wins: the generated files are ignored, and said to be', async () => {
  fs.writeFileSync('level-api.yaml', 'level: api\n');
  const { code, stdout, stderr } = await validate(['dist/prod'], { config: 'level-api.yaml' });
  expect(code).toBe(0);
  expect(notes(stderr)).toStrictEqual([`note: ignored the validation config written by synth (--config given): dist/prod/${GENERATED_CONFIG_FILE}`]);
  expect(stdout).toBe('0 errors, 0 warnings (8 objects checked)\n');
});

test('named explicitly (a shell glob dist/prod/*.yaml), the file is applied, not read as manifests', async () => {
  const files = fs.readdirSync('dist/prod').filter((f) => f !== 'kustomization.yaml').map((f) => `dist/prod/${f}`);
  expect(files).toContain(`dist/prod/${GENERATED_CONFIG_FILE}`);
  const { code, stdout, stderr } = await validate(files, { level: 'cross' });
  expect(code).toBe(0);
  expect(notes(stderr)).toStrictEqual([`note: applied the validation config written by synth: dist/prod/${GENERATED_CONFIG_FILE} (--no-auto-config to ignore)`]);
  expect(stdout).toBe('0 errors, 0 warnings (8 objects checked)\n');
});

test('flags still win over the generated settings', async () => {
  const strict = copyDist('strict');
  fs.appendFileSync(path.join(strict, 'prod', GENERATED_CONFIG_FILE), 'level: api\n');
  // podinfo's inbound NetworkPolicy removed, so that the policy level has a finding (policy/network-policy-missing) the others lack
  const podinfo = path.join(strict, 'prod', 'podinfo.k8s.yaml');
  fs.writeFileSync(podinfo, fs.readFileSync(podinfo, 'utf8').split('\n---\n').filter((doc) => !/^kind: NetworkPolicy$/m.test(doc)).join('\n---\n'));
  expect((await validate([`${strict}/prod`])).stdout).toBe('0 errors, 0 warnings (7 objects checked)\n');
  expect((await validate([`${strict}/prod`], { level: 'cross' })).stdout).toBe('0 errors, 0 warnings (7 objects checked)\n');
  const cross = await validate([`${strict}/prod`], { level: 'policy' });
  expect(cross.stdout).toMatch(/\n0 errors, 1 warning \(7 objects checked\)\n$/);
});

test.each([
  ['bad-level', 'level: deep\n',
    `error: bad-level/prod/${GENERATED_CONFIG_FILE}: level: unsupported value "deep"; use one of "api", "cross", "policy"\n`],
  ['bad-yaml', 'external: [Secret/x\n',
    `error: bad-yaml/prod/${GENERATED_CONFIG_FILE}: not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:\n`],
])('a malformed generated file (%s) is a usage error naming the file (exit 2)', async (name, content, message) => {
  const bad = copyDist(name);
  fs.writeFileSync(path.join(bad, 'prod', GENERATED_CONFIG_FILE), content);
  expect(await validate([bad])).toStrictEqual({ code: 2, stdout: '', stderr: message });
});

test('folders whose generated files disagree on a setting are a usage error (exit 2)', async () => {
  const mixed = copyDist('mixed');
  fs.appendFileSync(path.join(mixed, 'prod', GENERATED_CONFIG_FILE), 'level: cross\n');
  expect(await validate([mixed])).toStrictEqual({
    code: 2,
    stdout: '',
    stderr: `error: mixed/prod/${GENERATED_CONFIG_FILE}: level is "cross" but the default in mixed/${GENERATED_CONFIG_FILE}; `
      + 'validate the folders separately, or pass --config (or --no-auto-config with flags) to choose the settings\n',
  });
});

test('walking a folder neither reads the file as manifests nor lists it as skipped', () => {
  expect(isManifestFileName(GENERATED_CONFIG_FILE)).toBe(false);
  const result = parseYamlFiles(['dist/prod']);
  expect([result.files, result.skipped, result.problems]).toStrictEqual([
    ['dist/prod/namespace.k8s.yaml', 'dist/prod/podinfo.k8s.yaml'], [], [],
  ]);
});
