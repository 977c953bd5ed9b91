/**
 * `validate PATH...` without options runs without commander (issue #14: start-up); it must get
 * exactly the paths and flags commander would give the command's action.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createProgram, plainValidatePaths } from '../../src/cli/main';
import { DEFAULT_FLAGS, ValidateFlags } from '../../src/cli/commands/validate';

const ROOT = path.resolve(__dirname, '../..');

/** What commander hands the validate action for a command line. */
async function commanderParse(args: readonly string[]): Promise<{ paths: string[]; flags: ValidateFlags }> {
  const program = createProgram('validate');
  let parsed: { paths: string[]; flags: ValidateFlags } | undefined;
  program.commands.find((c) => c.name() === 'validate')!.action((paths: string[], flags: ValidateFlags) => {
    parsed = { paths, flags: { ...flags } };
  });
  await program.parseAsync(['node', 'cdk8s-patterns', ...args]);
  return parsed!;
}

describe('plainValidatePaths', () => {
  test.each([
    [['a.yaml']],
    [['-']],
    [['dist', 'b dir/x.yaml', 'help', 'x=y.yml', 'ünïcode.yaml']],
    [['validate']],
  ])('validate %j: the paths and flags commander gives', async (paths) => {
    const argv = ['node', 'cdk8s-patterns', 'validate', ...paths];
    expect(plainValidatePaths(argv)).toEqual(paths);
    expect(await commanderParse(argv.slice(2))).toEqual({ paths, flags: DEFAULT_FLAGS });
  });

  test.each([
    [['validate']],
    [['validate', '--level', 'api', 'a.yaml']],
    [['validate', 'a.yaml', '-o', 'report.txt']],
    [['validate', 'a.yaml', '--strict']],
    [['validate', '--', 'a.yaml']],
    [['validate', '--list-rules']],
    [['validate', '-h']],
    [['synth', 'app.ts']],
    [['graph', 'dist']],
  ])('%j goes through commander', (args) => {
    expect(plainValidatePaths(['node', 'cdk8s-patterns', ...args])).toBeUndefined();
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
    const script = `require(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))}).main(['node', 'cdk8s-patterns', 'validate', 'deploy.yaml'])
      .then(() => process.stderr.write(String(Object.keys(require.cache).some((f) => f.includes('/node_modules/commander/')))));`;
    const loaded = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], { cwd: dir, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
    expect({ stdout: loaded.stdout, stderr: loaded.stderr }).toEqual({ stdout: plain.stdout, stderr: 'false' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
