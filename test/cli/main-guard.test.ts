/**
 * The top-level guard of the CLI: an error no command handles ends as a one-line message and exit
 * code 2; `--debug` (or CDK8S_PATTERNS_DEBUG=1) adds the stack trace.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'src/cli/main.ts');
const PRELOAD = path.join(__dirname, 'fixtures/throw-preload.cjs');

jest.setTimeout(60_000);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-guard-'));
  fs.mkdirSync(path.join(dir, 'boom'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(throwAt: string, args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--require', PRELOAD, CLI, ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CDK8S_PATTERNS_DEBUG: '', THROW_AT: throwAt, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('an unexpected error in a command is one line and exit code 2', () => {
  expect(run('readdir', ['graph', '--dir', path.join(dir, 'boom')])).toStrictEqual({
    status: 2,
    stdout: '',
    stderr: 'error: unexpected RangeError: Maximum call stack size exceeded (run with --debug for the stack trace)\n',
  });
});

test.each([
  ['--debug', ['graph', '--debug', '--dir'], {}],
  ['CDK8S_PATTERNS_DEBUG=1', ['graph', '--dir'], { CDK8S_PATTERNS_DEBUG: '1' }],
])('%s shows the stack trace', (_name, args, env) => {
  const result = run('readdir', [...args, path.join(dir, 'boom')], env);
  expect(result.status).toBe(2);
  const lines = result.stderr.split('\n');
  expect(lines.slice(0, 3)).toStrictEqual([
    'error: unexpected RangeError: Maximum call stack size exceeded',
    'RangeError: Maximum call stack size exceeded',
    'second line',
  ]);
  expect(lines[3]).toMatch(/^ {4}at /);
});

test('an error thrown outside the command\'s flow is one line and exit code 2', () => {
  const result = run('tick', ['graph', '--dir', path.join(dir, 'boom'), '--out', path.join(dir, 'graph')]);
  expect(result.status).toBe(2);
  expect(result.stderr).toBe('error: unexpected TypeError: thrown from a callback (run with --debug for the stack trace)\n');
});
