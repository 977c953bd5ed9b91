/**
 * `validate` with paths and plain options runs without commander (issue #14: start-up); it must get
 * exactly the paths and flags commander would give the command's action, and leave everything else
 * to commander.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createProgram } from '../../src/cli/main';
import { parseValidateArgs, ValidateFlags } from '../../src/cli/commands/validate';

const ROOT = path.resolve(__dirname, '../..');

/** What commander hands the validate action for the arguments after `validate`. */
async function commanderParse(args: readonly string[]): Promise<{ paths: string[]; flags: ValidateFlags }> {
  const program = createProgram('validate');
  let parsed: { paths: string[]; flags: ValidateFlags } | undefined;
  program.commands.find((c) => c.name() === 'validate')!.action((paths: string[], flags: ValidateFlags) => {
    parsed = { paths, flags: { ...flags } };
  });
  await program.parseAsync(['node', 'cdk8s-patterns', 'validate', ...args]);
  return parsed!;
}

describe('parseValidateArgs', () => {
  test.each([
    [[]],
    [['a.yaml']],
    [['-']],
    [['dist', 'b dir/x.yaml', 'help', 'validate', 'x=y.yml', 'ünïcode.yaml']],
    [['a.yaml', '--format', 'json', '--output', '/dev/null']],
    [['a.yaml', '--level', 'api', '--format', 'json', '-o', 'report.json']],
    [['--level', 'cross', 'a.yaml', '--pss', 'baseline', '--strict', 'b.yaml']],
    [['--severity', 'latest-tag=off', '--severity', 'api/pvc=warning', '--external', 'Secret/ns/tls', 'a.yaml']],
    [['--config', 'c.yaml', '--no-auto-config', '--schema-dir', 'schemas', '--crd', 'crds', '--crd', 'more.yaml', 'dist']],
    [['--list-rules']],
    [['--list-rules', '--level', 'policy', '--format', 'sarif']],
    [['--format', 'junit', '--output', 'x y.xml', '-']],
  ])('validate %j: the paths and flags commander gives', async (args) => {
    const parsed = parseValidateArgs(args);
    expect(parsed).toBeDefined();
    expect(parsed).toEqual(await commanderParse(args));
  });

  test.each([
    [['--help']],
    [['-h']],
    [['a.yaml', '-V']],
    [['--', 'a.yaml']],
    [['--level=api', 'a.yaml']],
    [['-oreport.txt', 'a.yaml']],
    [['--level', 'deep', 'a.yaml']],
    [['--format', 'yaml', 'a.yaml']],
    [['a.yaml', '--output']],
    [['a.yaml', '--output', '-']],
    [['a.yaml', '--level', 'api', '--level', 'cross']],
    [['a.yaml', '--strict', '--strict']],
    [['a.yaml', '--unknown']],
    [['a.yaml', '--no-strict']],
  ])('validate %j is left to commander', (args) => {
    expect(parseValidateArgs(args)).toBeUndefined();
  });
});

test('the plain command line prints what the same command with options at their defaults prints', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-plain-'));
  try {
    fs.writeFileSync(path.join(dir, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: two\n');
    const run = (args: string[]): { status: number | null; stdout: string; stderr: string } => {
      const { status, stdout, stderr } = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/cli/main.ts'), 'validate', ...args],
        { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
      return { status, stdout, stderr };
    };
    const plain = run(['deploy.yaml']);
    const explicit = run(['deploy.yaml', '--format', 'text']);
    expect(plain.stderr).toBe('');
    expect(plain.stdout).toContain('deploy.yaml');
    expect(plain).toEqual(explicit);
    expect(plain.status).toBe(1);
    const missing = run(['nope.yaml']);
    expect(missing).toEqual(run(['nope.yaml', '--level', 'policy']));
    expect(missing.status).toBe(2);
    // and commander is not loaded for it
    const script = `require(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))}).main(['node', 'cdk8s-patterns', 'validate', 'deploy.yaml', '--format', 'text'])
      .then(() => process.stderr.write(String(Object.keys(require.cache).some((f) => f.includes('/node_modules/commander/')))));`;
    const loaded = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
    expect({ stdout: loaded.stdout, stderr: loaded.stderr }).toEqual({ stdout: plain.stdout, stderr: 'false' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

test('validate --level api of valid built-in objects loads neither the cross rules\' helpers, the CRD catalog nor the schema messages', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-plain-'));
  try {
    fs.writeFileSync(path.join(dir, 'one.yaml'), [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n'
        + '    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: same-namespace\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}\n',
    ].join('---\n'));
    // the modules a small run loads only when it needs them (issue #14: start-up of `validate`)
    const lazy = ['node_modules/commander/', 'src/validation/rules/cross/', 'src/validation/rules/policy/', 'src/validation/crd/catalog.ts',
      'src/validation/crd/structural-check.ts', 'src/validation/schema/messages.ts', 'src/validation/schema/custom-resources.ts'];
    const script = `require(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))}).main(['node', 'cdk8s-patterns', 'validate', 'one.yaml', '--level', 'api'])
      .then(() => process.stderr.write(JSON.stringify(Object.keys(require.cache).filter((f) => ${JSON.stringify(lazy)}.some((l) => f.includes('/' + l))))));`;
    const loaded = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
    expect({ stdout: loaded.stdout, loaded: JSON.parse(loaded.stderr) as unknown }).toEqual({ stdout: expect.stringContaining('0 errors, 0 warnings'), loaded: [] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
