/**
 * Issue 13: every command, fed hostile input (FIFOs, link loops, dangling links, kustomizations
 * pointing outside their folder, oversized files and standard input, output folders that are the
 * project), ends within seconds with the expected exit code and a message, never a stack trace.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MAX_INPUT_BYTES } from '../../src/validation/input-file';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'src/cli/main.ts');
/** Each run must end by then (a hang is the failure this guards against; tsx starts in 1 to 5 s on a busy machine). */
const DEADLINE_MS = 45_000;

jest.setTimeout(120_000);

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

/** Runs the CLI in `dir`; stdin from `stdinFile` (else empty); killed at the deadline. */
function cli(dir: string, args: readonly string[], stdinFile?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const stdin = stdinFile === undefined ? 'ignore' : fs.openSync(stdinFile, 'r');
    const child = spawn(TSX, [CLI, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '', CDK8S_PATTERNS_DEBUG: '', ...env }, stdio: [stdin, 'pipe', 'pipe'] });
    if (typeof stdin === 'number') fs.closeSync(stdin);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, DEADLINE_MS);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, timedOut });
    });
  });
}

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: ns\n';

/** The parser's hostile inputs (bounded in src/validation/parse): an alias bomb, deep block and flow nesting, 4 MiB of nesting. */
const HEADER = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hostile\n  namespace: ns\ndata:\n';
function aliasBomb(): string {
  let text = `${HEADER}  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  let previous = 'a';
  for (const name of 'bcdefghi') {
    text += `  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    previous = name;
  }
  return text;
}
const HOSTILE_YAML: Record<string, () => string> = {
  bomb: aliasBomb,
  block: () => HEADER + Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i + 1)}a:\n`).join(''),
  flow: () => `${HEADER}  a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  big: () => `${HEADER}  a: ${'['.repeat(2 * 1024 * 1024)}${']'.repeat(2 * 1024 * 1024)}\n`,
};

let root: string;
let t: string;

function file(rel: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(t, rel)), { recursive: true });
  fs.writeFileSync(path.join(t, rel), content);
}
function fifo(rel: string): void {
  fs.mkdirSync(path.dirname(path.join(t, rel)), { recursive: true });
  expect(spawnSync('mkfifo', [path.join(t, rel)]).status).toBe(0);
}
function link(rel: string, to: string): void {
  fs.mkdirSync(path.dirname(path.join(t, rel)), { recursive: true });
  fs.symlinkSync(to, path.join(t, rel));
}
/** A sparse file (no disk space used) one byte over the input limit, or of `bytes`. */
function big(rel: string, bytes = MAX_INPUT_BYTES + 1): void {
  file(rel, '');
  fs.truncateSync(path.join(t, rel), bytes);
}

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-')));
  t = root;
  file('ok/a.yaml', CONFIG_MAP);
  // a FIFO among manifests, and one named on the command line
  file('fifo/a.yaml', CONFIG_MAP);
  fifo('fifo/pipe.yaml');
  fifo('pipe.yaml');
  // links: dangling, a loop, a link to the folder that holds it
  file('links/a.yaml', CONFIG_MAP);
  link('links/dangling.yaml', 'nowhere.yaml');
  link('links/self.yaml', 'self.yaml');
  link('links/up', '..');
  link('dangling-folder', 'gone');
  link('loop-folder', 'loop-folder');
  // oversized
  big('big.yaml', 600 * 1048576); // over JavaScript's 512 MiB string limit
  for (const [name, text] of Object.entries(HOSTILE_YAML)) {
    file(`y-${name}/a.yaml`, text());
    file(`gy-${name}/dev/a.k8s.yaml`, text());
  }
  big('bigdir/a.yaml');
  // graph: kustomizations naming a file outside the folder, a missing file, a folder, a FIFO, an oversized file
  file('x.yaml', CONFIG_MAP);
  for (const [name, resource] of [['outside', '../../x.yaml'], ['missing', 'missing.yaml'], ['folder', 'sub.yaml'], ['fifo', 'pipe.yaml'], ['big', 'big.yaml']]) {
    file(`g-${name}/dev/a.k8s.yaml`, CONFIG_MAP);
    file(`g-${name}/dev/kustomization.yaml`, `resources:\n  - a.k8s.yaml\n  - ${resource}\n`);
  }
  fs.mkdirSync(path.join(t, 'g-folder/dev/sub.yaml'));
  fifo('g-fifo/dev/pipe.yaml');
  big('g-big/dev/big.yaml');
  file('g-kfifo/dev/a.k8s.yaml', CONFIG_MAP);
  fifo('g-kfifo/dev/kustomization.yaml');
  // a project: synth --out . must refuse
  file('project/package.json', '{"name":"throwaway"}\n');
  file('project/.git/HEAD', 'ref: refs/heads/main\n');
  file('project/keep.txt', 'mine\n');
  file('app.cjs', `const { App, Chart, ApiObject } = require(${JSON.stringify(path.join(ROOT, 'node_modules/cdk8s'))});\n`
    + "const app = new App();\nconst chart = new Chart(app, 'c');\n"
    + "new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' } });\n"
    + 'module.exports = { app };\n');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Stands for the JavaScript app in the temporary folder (no type-check, so the cases that get as far as writing stay quick). */
const MAIN_APP = '<app.cjs>';
const LIMIT = `the ${MAX_INPUT_BYTES / 1048576} MiB limit; split it into smaller files`;

/** [name, cwd (below the temporary folder), args, exit code, lines the output must hold (`<root>`: the temporary folder), stdin file]. */
const CASES: Array<[string, string, string[], number, string[], string?]> = [
  // validate
  ['validate: a folder with a FIFO', '.', ['validate', 'fifo'], 2,
    ['  error  fifo/pipe.yaml: not a regular file (a FIFO), not read; use - for standard input']],
  ['validate: a FIFO named on the command line', '.', ['validate', 'pipe.yaml'], 2,
    ['  error  pipe.yaml: not a regular file (a FIFO), not read; use - for standard input']],
  ['validate: a character device', '.', ['validate', '/dev/null'], 2,
    ['  error  /dev/null: not a regular file (a character device), not read; use - for standard input']],
  ['validate: dangling links, link loops, a link to its own parent', '.', ['validate', 'links'], 2, [
    '  error  links/dangling.yaml: a symbolic link to nowhere.yaml, which does not exist',
    '  error  links/self.yaml: a symbolic link loop, not read',
    '  error  links/up: a symbolic link to <root>, which contains it (a loop), not read',
  ]],
  ['validate: a dangling link named on the command line', '.', ['validate', 'dangling-folder'], 2,
    ['  error  dangling-folder: a symbolic link to gone, which does not exist']],
  ['validate: a link loop named on the command line', '.', ['validate', 'loop-folder'], 2,
    ['  error  loop-folder: a symbolic link loop, not read']],
  ['validate: a file over the size limit', '.', ['validate', 'big.yaml'], 2, [`  error  big.yaml: the file is 600 MiB, over ${LIMIT}`]],
  ['validate: standard input over the size limit', '.', ['validate', '-'], 2, [`  error  -: standard input is over ${LIMIT}`], 'big.yaml'],
  ['validate: a FIFO as --config', '.', ['validate', '--config', 'pipe.yaml', 'ok'], 2,
    ['error: --config pipe.yaml: cannot read the file (a FIFO, not a regular file)']],
  // diff
  ['diff: a folder with a FIFO', '.', ['diff', 'fifo', 'ok'], 2,
    ['error: cannot diff: fifo/pipe.yaml: not a regular file (a FIFO), not read; use - for standard input']],
  ['diff: dangling links and loops in a folder', '.', ['diff', 'links', 'ok'], 2, [
    'error: cannot diff: 3 input problems:',
    '  - links/dangling.yaml: a symbolic link to nowhere.yaml, which does not exist',
    '  - links/self.yaml: a symbolic link loop, not read',
    '  - links/up: a symbolic link to <root>, which contains it (a loop), not read',
  ]],
  ['diff: a dangling link as a folder', '.', ['diff', 'dangling-folder', 'ok'], 2,
    ['error: cannot diff: dangling-folder: a symbolic link to gone, which does not exist']],
  ['diff: a link loop as a folder', '.', ['diff', 'ok', 'loop-folder'], 2, ['error: cannot diff: loop-folder: a symbolic link loop, not read']],
  ['diff: a file over the size limit', '.', ['diff', 'bigdir', 'ok'], 2, [`error: cannot diff: bigdir/a.yaml: the file is 256 MiB, over ${LIMIT}`]],
  // graph
  ['graph: a kustomization resource outside the folder', '.', ['graph', '--dir', 'g-outside', '--out', 'out-graph'], 2,
    ['error: g-outside/dev/kustomization.yaml: resource ../../x.yaml is outside the environment folder g-outside/dev; graph reads only the files in it']],
  ['graph: a kustomization resource that does not exist', '.', ['graph', '--dir', 'g-missing', '--out', 'out-graph'], 2,
    ['error: g-missing/dev/kustomization.yaml: resource missing.yaml: no such file or folder']],
  ['graph: a kustomization resource that is a folder', '.', ['graph', '--dir', 'g-folder', '--out', 'out-graph'], 2,
    ['error: g-folder/dev/kustomization.yaml: resource sub.yaml is a folder; graph reads the files a kustomization lists, not other kustomizations']],
  ['graph: a kustomization resource that is a FIFO', '.', ['graph', '--dir', 'g-fifo', '--out', 'out-graph'], 2,
    ['error: environment "dev" does not parse:', '  - g-fifo/dev/pipe.yaml: not a regular file (a FIFO), not read; use - for standard input']],
  ['graph: a kustomization resource over the size limit', '.', ['graph', '--dir', 'g-big', '--out', 'out-graph'], 2,
    ['error: environment "dev" does not parse:', `  - g-big/dev/big.yaml: the file is 256 MiB, over ${LIMIT}`]],
  ['graph: a kustomization.yaml that is a FIFO', '.', ['graph', '--dir', 'g-kfifo', '--out', 'out-graph'], 2,
    ['error: g-kfifo/dev/kustomization.yaml: not a regular file (a FIFO), not read; use - for standard input']],
  ['graph: --dir is a file', '.', ['graph', '--dir', 'x.yaml'], 2, ['error: output folder x.yaml is not a folder; give the synth output folder with --dir']],
  // synth
  ['synth: --out . in a project', 'project', ['synth', '--app', MAIN_APP, '--out', '.'], 2,
    ['error: refusing to write to .: it is the working directory, and synth replaces the whole folder; write to a sub-folder such as dist; nothing was changed']],
  ['synth: --out .. from a sub-folder of a project', 'project/.git', ['synth', '--app', MAIN_APP, '--out', '..'], 2,
    ['error: refusing to write to ..: it contains the working directory (<root>/project/.git), and synth replaces the whole folder; write to a sub-folder such as dist; nothing was changed']],
  ['synth: --out a folder with files synth did not write', '.', ['synth', '--app', MAIN_APP, '--no-validate', '--out', 'links'], 2,
    ['error: refusing to write to links: it holds files synth did not write: a.yaml, dangling.yaml (a symbolic link), self.yaml (a symbolic link), up (a symbolic link); '
      + 'synth replaces the whole folder, so write to an empty folder or one synth wrote, or move those files away; nothing was changed']],
  ['synth: --out a FIFO', '.', ['synth', '--app', MAIN_APP, '--out', 'pipe.yaml'], 2,
    ['error: refusing to write to pipe.yaml: it exists and is not a folder; nothing was changed']],
  ['synth: --out a dangling link', '.', ['synth', '--app', MAIN_APP, '--out', 'dangling-folder'], 2,
    ['error: refusing to write to dangling-folder: it is a symbolic link to gone, which does not exist; nothing was changed']],
  // the parser's bounds, through every command that reads YAML
  ...([['bomb', 10, 'document contains excessive aliasing'], ['block', 506, 'exceeded max depth of 500'], ['flow', 7, 'exceeded max depth of 500'],
    ['big', 7, 'exceeded max depth of 500']] as const).flatMap(([name, line, message]): Array<[string, string, string[], number, string[], string?]> => [
    [`validate: ${name} YAML`, '.', ['validate', `y-${name}`], 2, [`  error  y-${name}/a.yaml:${line}: yaml: line ${line}: ${message}`]],
    [`validate: ${name} YAML on standard input`, '.', ['validate', '-'], 2, [`  error  -:${line}: yaml: line ${line}: ${message}`], `y-${name}/a.yaml`],
    [`diff: ${name} YAML`, '.', ['diff', `y-${name}`, 'ok'], 2, [`error: cannot diff: y-${name}/a.yaml:${line}: yaml: line ${line}: ${message}`]],
    [`graph: ${name} YAML`, '.', ['graph', '--dir', `gy-${name}`, '--out', 'out-graph'], 2,
      ['error: environment "dev" does not parse:', `  - gy-${name}/dev/a.k8s.yaml:${line}: yaml: line ${line}: ${message}`]],
  ]),
  // the command line
  ['an unknown command', '.', ['frobnicate'], 2, ["error: unknown command 'frobnicate'"]],
];

test.concurrent.each(CASES)('%s', async (_name, cwd, args, status, lines, stdin) => {
  const before = cwd === 'project' ? fs.readdirSync(path.join(t, 'project')).sort() : undefined;
  const result = await cli(path.join(t, cwd), args.map((a) => (a === MAIN_APP ? path.join(t, 'app.cjs') : a)), stdin === undefined ? undefined : path.join(t, stdin));
  expect(result.timedOut).toBe(false);
  const output = `${result.stdout}${result.stderr}`;
  expect(output).not.toMatch(/\n\s+at /);
  for (const line of lines) expect(output.split('\n')).toContain(line.replace('<root>', root));
  expect(result.status).toBe(status);
  if (before !== undefined) expect(fs.readdirSync(path.join(t, 'project')).sort()).toStrictEqual(before);
});

test('validate: 4 MiB of nesting named on the command line, parsed by a parse worker', async () => {
  const result = await cli(t, ['validate', 'y-big/a.yaml'], undefined, { CDK8S_PATTERNS_PARSE_WORKERS: '1' });
  expect(result.timedOut).toBe(false);
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\n\s+at /);
  expect(result.stdout.split('\n')).toContain('  error  y-big/a.yaml:7: yaml: line 7: exceeded max depth of 500');
  expect(result.status).toBe(2);
});
