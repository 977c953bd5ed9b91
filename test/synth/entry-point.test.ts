/**
 * The entry point as users run it: a child process on a temporary output folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const FIXTURES = path.join(__dirname, 'fixtures');

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(entry: string, args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(TSX, [path.join(FIXTURES, `entry-${entry}.ts`), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '', FIXTURE_VALIDATE: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

jest.setTimeout(60_000);

let root: string;
let dist: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-entry-'));
  dist = path.join(root, 'dist');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test('writes one file per chart and lists them', () => {
  const result = run('good', ['--out', dist]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toBe([
    `Synthesized 2 charts (6 objects) to ${dist}/`,
    `  - ${dist}/web.k8s.yaml`,
    `  - ${dist}/api.k8s.yaml`,
    '',
  ].join('\n'));
  expect(Object.keys(readTree(dist))).toStrictEqual(['api.k8s.yaml', 'web.k8s.yaml']);
});

test('honours CDK8S_OUTDIR (set by the cdk8s CLI) when --out is not given', () => {
  const result = run('good', [], { CDK8S_OUTDIR: dist });
  expect(result.status).toBe(0);
  expect(Object.keys(readTree(dist))).toStrictEqual(['api.k8s.yaml', 'web.k8s.yaml']);
});

test('--check passes on an up-to-date folder and lists every stale file otherwise', () => {
  // GIVEN a synthesized folder
  expect(run('good', ['--out', dist]).status).toBe(0);
  expect(run('good', ['--out', dist, '--check'])).toStrictEqual({ status: 0, stdout: `${dist}/ is up to date (2 files).\n`, stderr: '' });
  // WHEN one file is edited, one removed and one added
  fs.appendFileSync(path.join(dist, 'web.k8s.yaml'), '# edited\n');
  fs.rmSync(path.join(dist, 'api.k8s.yaml'));
  fs.writeFileSync(path.join(dist, 'old.k8s.yaml'), '');
  const before = readTree(dist);
  const result = run('good', ['--out', dist, '--check']);
  // THEN
  expect(result).toStrictEqual({
    status: 1,
    stdout: '',
    stderr: `error: ${dist}/ is stale: web.k8s.yaml (changed), api.k8s.yaml (missing), old.k8s.yaml (extra). Run \`npm run synth\` and commit the result.\n`,
  });
  expect(readTree(dist)).toStrictEqual(before);
});

test('a failing app leaves the existing folder byte-identical and lists every problem', () => {
  // GIVEN a folder from an earlier, good synth
  expect(run('good', ['--out', dist]).status).toBe(0);
  const before = readTree(dist);
  // WHEN an app with construct validation errors and hook errors is synthesized
  const result = run('invalid', ['--out', dist], { FIXTURE_VALIDATE: '1' });
  // THEN
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(new RegExp([
    '^warning: \\[web/Deployment/Service/Resource\\] Service web-deployment-service-c8[0-9a-f]{6}: no NetworkPolicy selects it',
    'error: Synthesis failed with 4 problems:',
    '  - \\[web\\] web needs an ingress: call exposeViaIngress\\(\\)',
    '  - \\[web/Deployment\\] replicas must be at least 3 in production',
    '  - \\[web/Deployment\\] image must be pinned by digest',
    '  - \\[web/Deployment/Resource\\] Deployment web-deployment-c8[0-9a-f]{6}: spec.replicas: must be at least 3',
    '$',
  ].join('\n')));
  expect(readTree(dist)).toStrictEqual(before);
  expect(fs.readdirSync(root)).toStrictEqual(['dist']);
});

test('a ValidationError thrown while building the app is reported without a stack trace', () => {
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(dist, 'keep.k8s.yaml'), 'kept\n');
  const result = run('throwing', ['--out', dist]);
  expect(result).toStrictEqual({
    status: 1,
    stdout: '',
    stderr: "error: [broken/Worker] 'concurrency' (0) must be at least 1; set 'concurrency' to 1 or more\n",
  });
  expect(readTree(dist)).toStrictEqual({ 'keep.k8s.yaml': 'kept\n' });
});

test('a wrong flag is a usage error (exit code 2)', () => {
  const result = run('good', ['--outdir', dist]);
  expect(result.status).toBe(2);
  expect(result.stderr).toBe([
    "error: Unknown option '--outdir'",
    'usage: main.ts [--check] [--out <dir>]',
    '  --check       compare the synthesized files with the output folder instead of writing; fail if stale',
    '  --out <dir>   output folder (default: $CDK8S_OUTDIR, else dist)',
    '',
  ].join('\n'));
  expect(fs.existsSync(dist)).toBe(false);
});

test('runs under the real cdk8s CLI (`cdk8s synth` passes the output folder in CDK8S_OUTDIR)', () => {
  const cli = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'),
    ['synth', '--no-check-upgrade', '--app', `${TSX} ${path.join(FIXTURES, 'entry-good.ts')}`, '--output', dist], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '' },
    });
  expect(cli.stderr).toBe('');
  expect(cli.status).toBe(0);
  const viaCli = readTree(dist);
  const direct = path.join(root, 'direct');
  expect(run('good', ['--out', direct]).status).toBe(0);
  expect(viaCli).toStrictEqual(readTree(direct));
});

describe('an output folder that is the project is refused, and the project is left intact', () => {
  /** A throwaway project: package.json, .git, sources. */
  function makeProject(): string {
    const project = fs.realpathSync(root);
    fs.writeFileSync(path.join(project, 'package.json'), '{"name":"throwaway"}\n');
    fs.mkdirSync(path.join(project, '.git', 'refs'), { recursive: true });
    fs.writeFileSync(path.join(project, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    fs.writeFileSync(path.join(project, 'main.ts'), '// the app\n');
    return project;
  }

  function listing(dir: string): string[] {
    return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
  }

  test.each([
    ['--out .', ['--out', '.'], {}],
    ['CDK8S_OUTDIR=.', [], { CDK8S_OUTDIR: '.' }],
  ])('%s', (_name, args, env) => {
    const project = makeProject();
    const before = listing(project);
    const result = spawnSync(TSX, [path.join(FIXTURES, 'entry-good.ts'), ...args], {
      cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '', FIXTURE_VALIDATE: '', ...env },
    });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toStrictEqual({
      status: 2,
      stdout: '',
      stderr: 'error: refusing to write to .: it is the working directory, and synth replaces the whole folder; write to a sub-folder such as dist; nothing was changed\n',
    });
    expect(listing(project)).toStrictEqual(before);
    expect(fs.readFileSync(path.join(project, 'package.json'), 'utf8')).toBe('{"name":"throwaway"}\n');
  });
});
