/**
 * `synth(app)` at the end of a user's main.ts: run as a script (as `npx ts-node main.ts` and
 * `npx cdk8s synth` run it), and handing the app to the CLI when a capture hook is active.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { synth } from '../../src';
import { ExitCode, Reporter } from '../../src/synth';
import { captureSynth, SynthAppOptions } from '../../src/synth/synth-app';
import { addWebCharts } from './fixtures/charts';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const FIXTURE = path.join(__dirname, 'fixtures/synth-app.ts');
const ENV = { NO_COLOR: '1', CDK8S_OUTDIR: '', FIXTURE_VALIDATE: '', CDK8S_RECORD_CONSTRUCT_METADATA: '' };

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [FIXTURE, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...ENV, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The environment without CDK8S_RECORD_CONSTRUCT_METADATA, which `cdk8s synth` would pass on instead of setting it. */
function withoutRecordVariable(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ENV };
  delete env.CDK8S_RECORD_CONSTRUCT_METADATA;
  return env;
}

function messages(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), error: (m) => lines.push(`error: ${m}`) };
}

jest.setTimeout(120_000);

let root: string;
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-app-')));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('run as a script', () => {
  test('writes to --out, else $CDK8S_OUTDIR, else dist, and --check compares', () => {
    expect(run(['--out', 'out'])).toStrictEqual({
      status: 0,
      stdout: 'Synthesized 2 charts (6 objects) to out/\n  - out/web.k8s.yaml\n  - out/api.k8s.yaml\n',
      stderr: '',
    });
    expect(run([], { CDK8S_OUTDIR: 'from-env' }).status).toBe(0);
    expect(run([]).status).toBe(0);
    expect(fs.readdirSync(root).sort()).toStrictEqual(['dist', 'from-env', 'out']);
    expect(fs.readdirSync(path.join(root, 'dist')).sort()).toStrictEqual(['api.k8s.yaml', 'web.k8s.yaml']);
    expect(run(['--check'])).toStrictEqual({ status: 0, stdout: 'dist/ is up to date (2 files).\n', stderr: '' });
  });

  test('runs the validation engine by default and writes nothing when it fails', () => {
    const result = run(['--out', 'out'], { FIXTURE_VALIDATE: '1' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: Synthesis failed with 4 problems:$/m);
    expect(result.stderr).toMatch(/^ {2}- \[web\/Deployment\/Resource\] Deployment web-deployment-c8[0-9a-f]{6}: .*\[policy\/pod-security\]$/m);
    expect(fs.readdirSync(root)).toStrictEqual([]);
  });

  test('a wrong flag is a usage error (exit code 2)', () => {
    expect(run(['--outdir', 'x'])).toStrictEqual({
      status: 2,
      stdout: '',
      stderr: [
        "error: Unknown option '--outdir'",
        'usage: main.ts [--check] [--out <dir>]',
        '  --check       compare the synthesized files with the output folder instead of writing; fail if stale',
        '  --out <dir>   output folder (default: $CDK8S_OUTDIR, else dist)',
        '',
      ].join('\n'),
    });
    expect(fs.readdirSync(root)).toStrictEqual([]);
  });

  test('writes construct-metadata.json only when asked (CDK8S_RECORD_CONSTRUCT_METADATA=true), as cdk8s does', () => {
    expect(run(['--out', 'plain']).status).toBe(0);
    expect(fs.readdirSync(path.join(root, 'plain')).sort()).toStrictEqual(['api.k8s.yaml', 'web.k8s.yaml']);

    const result = run(['--out', 'recorded'], { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' });
    expect(result.stdout).toBe('Synthesized 2 charts (6 objects) to recorded/\n'
      + '  - recorded/web.k8s.yaml\n  - recorded/api.k8s.yaml\n  - recorded/construct-metadata.json\n');
    // cdk8s's own App.synth() on the same charts writes the same file
    const cdk8s = new App({ outdir: path.join(root, 'cdk8s'), recordConstructMetadata: true });
    addWebCharts(cdk8s);
    cdk8s.synth();
    const ours = fs.readFileSync(path.join(root, 'recorded/construct-metadata.json'), 'utf8');
    expect(ours).toBe(fs.readFileSync(path.join(root, 'cdk8s/construct-metadata.json'), 'utf8'));
    expect(JSON.parse(ours)).toMatchObject({ version: '1.0.0', resources: { 'web-config-c88b300b': { path: 'web/Config/Resource' } } });
  });

  test('under `cdk8s synth` with validations configured, the plugins get the construct metadata', () => {
    // GIVEN a cdk8s.yaml with a local validation plugin that records the metadata it receives
    fs.writeFileSync(path.join(root, 'plugin.js'), [
      'class Recorder {',
      '  async validate(context) {',
      "    require('fs').writeFileSync(process.env.METADATA_OUT, JSON.stringify(context.metadata));",
      "    context.report.submit('success');",
      '  }',
      '}',
      'module.exports = { Recorder };',
      '',
    ].join('\n'));
    fs.writeFileSync(path.join(root, 'cdk8s.yaml'), [
      `app: ${TSX} ${FIXTURE}`,
      'output: dist',
      'validations:',
      `  - package: ${path.join(root, 'plugin.js')}`,
      '    version: 0.0.0',
      '    class: Recorder',
      '',
    ].join('\n'));
    // WHEN
    const cli = spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth', '--no-check-upgrade'], {
      cwd: root, encoding: 'utf8', env: { ...withoutRecordVariable(), METADATA_OUT: path.join(root, 'metadata.json') },
    });
    // THEN
    expect([cli.status, cli.stderr]).toStrictEqual([0, '']);
    const metadata = JSON.parse(fs.readFileSync(path.join(root, 'metadata.json'), 'utf8')) as Record<string, { path: string }>;
    expect(Object.values(metadata).map((m) => m.path).sort()).toStrictEqual([
      'api/Config/Resource', 'api/Deployment/Resource', 'api/Deployment/Service/Resource',
      'web/Config/Resource', 'web/Deployment/Resource', 'web/Deployment/Service/Resource',
    ]);
  });
});

describe('in a process', () => {
  const exitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = exitCode;
  });

  test('hands the app and its options to an active capture hook, writing nothing', () => {
    const app = new App({ outdir: path.join(root, 'dist') });
    const captured: Array<[App, SynthAppOptions]> = [];
    const restore = captureSynth((a, o) => captured.push([a, o]));
    let code: ExitCode;
    try {
      code = synth(app, { validate: false });
    } finally {
      restore();
    }
    expect(code).toBe(ExitCode.OK);
    expect(captured).toStrictEqual([[app, { validate: false }]]);
    expect(fs.readdirSync(root)).toStrictEqual([]);
  });

  test('sets process.exitCode and returns it', () => {
    const app = new App();
    addWebCharts(app);
    const reporter = messages();
    expect(synth(app, { argv: ['--out', path.join(root, 'dist'), '--check'], validate: false, reporter })).toBe(ExitCode.PROBLEMS);
    expect(process.exitCode).toBe(ExitCode.PROBLEMS);
    expect(reporter.lines).toStrictEqual([
      `error: ${root}/dist/ is stale: api.k8s.yaml (missing), web.k8s.yaml (missing). Run \`npm run synth\` and commit the result.`,
    ]);
    expect(synth(app, { argv: ['--bogus'], reporter })).toBe(ExitCode.USAGE);
    expect(process.exitCode).toBe(ExitCode.USAGE);
  });

  test('the output folder is the app\'s outdir when neither --out nor CDK8S_OUTDIR is given', () => {
    const app = new App({ outdir: path.join(root, 'manifests') });
    addWebCharts(app);
    expect(synth(app, { argv: [], env: {}, validate: false, reporter: messages() })).toBe(ExitCode.OK);
    expect(fs.readdirSync(path.join(root, 'manifests')).sort()).toStrictEqual(['api.k8s.yaml', 'web.k8s.yaml']);
  });
});
