/**
 * `graph`, `diff` and `validate` work alike on the layouts synth writes: flat (every chart at the
 * root of the output folder), per environment (`dist/<env>/` with a kustomization.yaml), and both
 * (charts outside any environment at the root, next to the environment folders); and on folders
 * written before the validation record was renamed (`validation.cdk8s-patterns.yaml`).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { PodinfoChart, addExampleCharts } from '../../src/apps';
import { runGraph } from '../../src/cli/commands/graph';
import { runValidate } from '../../src/cli/commands/validate';
import { listEnvironments } from '../../src/delivery/graph';
import { runSynth } from '../../src/synth';
import { synthValidator } from '../../src/validation';
import { GENERATED_CONFIG_FILE, LEGACY_GENERATED_CONFIG_FILE } from '../../src/validation/config';
import addExternalsApp from '../synth/fixtures/externals-app';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'src/cli/main.ts');
jest.setTimeout(120_000);

let tmp: string;
const dirs: Record<string, string> = {};
const BUILDERS: Record<string, (app: App) => void> = {
  flat: (app) => { new PodinfoChart(app, 'podinfo', { host: 'podinfo.example.com', autoscaling: false }); },
  environments: (app) => addExampleCharts(app),
  mixed: (app) => addExternalsApp(app),
};
const ENVIRONMENTS: Record<string, string[]> = { flat: ['default'], environments: ['dev', 'prod', 'staging'], mixed: ['default', 'dev', 'prod'] };
const LAYOUTS = Object.keys(BUILDERS);

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'output-layouts-'));
  for (const [layout, build] of Object.entries(BUILDERS)) {
    dirs[layout] = path.join(tmp, layout);
    const code = runSynth(() => { const app = new App(); build(app); return app; }, {
      outdir: dirs[layout], validate: synthValidator(), reporter: { info: () => undefined, warn: () => undefined, error: (m) => { throw new Error(m); } },
    });
    expect(code).toBe(0);
  }
  // the mixed layout as an older version wrote it: the records under their former name
  dirs.former = path.join(tmp, 'former');
  fs.cpSync(dirs.mixed, dirs.former, { recursive: true });
  for (const folder of ['', 'dev', 'prod']) {
    fs.renameSync(path.join(dirs.former, folder, GENERATED_CONFIG_FILE), path.join(dirs.former, folder, LEGACY_GENERATED_CONFIG_FILE));
  }
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => { out.stdout += t; }, stderr: (t: string) => { out.stderr += t; } } };
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [CLI, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test.each([...LAYOUTS, 'former'])('graph draws every environment of the %s layout', (layout) => {
  const envs = ENVIRONMENTS[layout === 'former' ? 'mixed' : layout];
  expect(listEnvironments(dirs[layout]).map((e) => e.name)).toStrictEqual(envs);
  const out = path.join(tmp, `graph-${layout}`);
  const { out: printed, io } = capture();
  expect([runGraph({ dir: dirs[layout], out }, io), printed.stderr]).toStrictEqual([0, '']);
  expect(fs.readdirSync(out).sort()).toStrictEqual(envs.flatMap((e) => [`${e}.mmd`, `${e}.svg`]));
});

test('graph: the root\'s charts of a mixed layout are the environment "default", made of the root files only', () => {
  const out = path.join(tmp, 'graph-mixed-default');
  expect(runGraph({ dir: dirs.mixed, out, env: 'default', format: 'mermaid' }, capture().io)).toBe(0);
  const mermaid = fs.readFileSync(path.join(out, 'default.mmd'), 'utf8');
  expect(mermaid).toContain('shared-config');
  expect(mermaid).not.toContain('podinfo');
});

test('graph: an environment folder named like the root\'s environment is a clear error', () => {
  const dir = path.join(tmp, 'clash');
  fs.cpSync(dirs.mixed, dir, { recursive: true });
  fs.renameSync(path.join(dir, 'dev'), path.join(dir, 'default'));
  const { out, io } = capture();
  expect(runGraph({ dir, out: path.join(tmp, 'graph-clash') }, io)).toBe(2);
  expect(out.stderr).toBe(`error: ${dir} has chart files at its root and an environment folder named "default", the name of the root's charts; rename the environment\n`);
});

test.each([...LAYOUTS, 'former'])('validate applies the records of the %s layout and agrees with synth', async (layout) => {
  const { out, io } = capture();
  const code = await runValidate([dirs[layout]], {}, { ...io, stdin: async () => Buffer.from(''), color: false });
  expect([code, out.stdout.split('\n').slice(-2)]).toStrictEqual([0, [expect.stringMatching(/^0 errors, \d+ warnings? \(\d+ objects checked(, \d+ info)?(, \d+ suppressed)?\)$/), '']]);
  const name = layout === 'former' ? LEGACY_GENERATED_CONFIG_FILE : GENERATED_CONFIG_FILE;
  // in the order of the folder walk (sorted names: the hidden record comes first, the former name last)
  const folders: Record<string, string[]> = { flat: [''], environments: ['dev', 'prod', 'staging'], mixed: ['', 'dev', 'prod'], former: ['dev', 'prod', ''] };
  const records = folders[layout].map((f) => path.join(dirs[layout], f, name));
  expect(out.stderr).toBe(`note: applied the validation config written by synth: ${records.join(', ')} (--no-auto-config to ignore)\n`);
});

test.each([...LAYOUTS, 'former'])('diff compares two copies of the %s layout object by object', (layout) => {
  const copy = path.join(tmp, `${layout}-copy`);
  fs.cpSync(dirs[layout], copy, { recursive: true });
  const result = cli('diff', dirs[layout], copy);
  expect([result.status, result.stderr, result.stdout]).toStrictEqual([0, '', expect.stringMatching(/^No differences \(\d+ objects compared\)\.\n$/)]);
});

test('diff --envs: two environment folders; a missing one names those there are, or says the output is flat', () => {
  const envs = cli('diff', '--envs', 'dev,prod', '--against', dirs.mixed);
  expect([envs.status, envs.stderr]).toStrictEqual([0, '']);
  expect(cli('diff', '--envs', 'dev,qa', '--against', dirs.mixed)).toStrictEqual({
    status: 2, stdout: '', stderr: `error: cannot diff: ${path.join(dirs.mixed, 'qa')}: folder not found; the environments in ${dirs.mixed} are dev, prod\n`,
  });
  expect(cli('diff', '--envs', 'dev,prod', '--against', dirs.flat)).toStrictEqual({
    status: 2, stdout: '',
    stderr: `error: cannot diff: ${path.join(dirs.flat, 'dev')}: folder not found; ${dirs.flat} has no environment folders (its charts are written to its root)\n`,
  });
});
