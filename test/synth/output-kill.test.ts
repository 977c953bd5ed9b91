/**
 * Real kills at each step of the output write (CDK8S_PATTERNS_TEST_KILL_AT): the output folder is
 * never missing, every file is the old or the new one, and the next run finishes or cleans up.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { recoverOutputFolder } from '../../src/synth/output';

const ROOT = path.resolve(__dirname, '../..');
const WRITER = path.join(__dirname, 'fixtures/write-output.ts');

jest.setTimeout(60_000);

function write(dist: string, label: string, killAt = ''): ReturnType<typeof spawnSync> {
  // node itself (not the tsx wrapper, which would report the kill as an exit code)
  return spawnSync(process.execPath, ['--import', 'tsx', WRITER, dist, label], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_PATTERNS_TEST_KILL_AT: killAt },
  });
}

/** Every file under `dir` (relative, `/`-separated) with its content. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, tree(full, `${prefix}${entry.name}/`));
    else out[prefix + entry.name] = fs.readFileSync(full, 'utf8');
  }
  return out;
}

const V1 = { 'a.k8s.yaml': 'v1\n', 'b.k8s.yaml': 'v1\n', 'old.k8s.yaml': 'v1\n' };
const V2 = { 'a.k8s.yaml': 'v2\n', 'b.k8s.yaml': 'v2\n', 'prod/c.k8s.yaml': 'v2\n' };

/** The entry point (as `npm run synth` runs it) writing to dist with one file-system call failing (see fixtures/fail-fs.cjs). */
function synthFailing(failFs: string): ReturnType<typeof spawnSync> {
  return spawnSync(process.execPath, ['--import', 'tsx', '--require', path.join(__dirname, 'fixtures/fail-fs.cjs'),
    path.join(__dirname, 'fixtures/entry-good.ts'), '--out', dist], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CDK8S_OUTDIR: '', FAIL_FS: failFs } });
}

let root: string;
let dist: string;
beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-kill-')));
  dist = path.join(root, 'dist');
  expect(write(dist, 'v1').status).toBe(0);
  expect(tree(dist)).toStrictEqual(V1);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test.each([
  ['staged', 'old'],
  ['commit-started', 'new'],
  ['moved-one', 'new'],
  ['moved', 'new'],
  ['cleaned', 'new'],
])('killed at %s: the folder is never missing, and the next run leaves the %s output complete', (point, outcome) => {
  // WHEN the write of v2 is killed
  const killed = write(dist, 'v2', point);
  expect(killed.signal).toBe('SIGKILL');
  // THEN the output folder is there, each file is the old or the new one
  const after = tree(dist);
  for (const [name, content] of Object.entries(after)) {
    expect([(V1 as Record<string, string>)[name], (V2 as Record<string, string>)[name]]).toContain(content);
  }
  if (point === 'staged') expect(after).toStrictEqual(V1);
  // WHEN the next run looks at the folder
  const notices = recoverOutputFolder(dist);
  // THEN the interrupted run is finished (it had begun moving files) or its temporary folder removed
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatch(outcome === 'old'
    ? /^removed .*\.cdk8s-patterns-tmp-\d+-[0-9a-f]+, left by an interrupted synth \(process \d+\) before it changed anything$/
    : new RegExp(`^finished writing ${dist}, which an interrupted synth \\(process \\d+\\) had begun to update$`));
  expect(tree(dist)).toStrictEqual(outcome === 'old' ? V1 : V2);
  expect(fs.readdirSync(root)).toStrictEqual(['dist']);
});

test('a killed run is finished by the next write, which then writes its own output', () => {
  expect(write(dist, 'v2', 'moved-one').signal).toBe('SIGKILL');
  const next = write(dist, 'v1');
  expect(next.status).toBe(0);
  expect(next.stderr).toMatch(new RegExp(`^finished writing ${dist}, which an interrupted synth \\(process \\d+\\) had begun to update\\n$`));
  expect(tree(dist)).toStrictEqual(V1);
  expect(fs.readdirSync(root)).toStrictEqual(['dist']);
});

test('an old sub-folder that cannot be removed: a message with the path, exit 1, the new files in place, finished by the next run', () => {
  // GIVEN old output in a sub-folder whose removal fails
  fs.mkdirSync(path.join(dist, 'stuck'));
  fs.writeFileSync(path.join(dist, 'stuck', 'x.k8s.yaml'), 'v1\n');
  // WHEN the entry point (as `npm run synth` runs it) writes the output without it
  const result = synthFailing('rmdirSync:ENOTDIR:stuck');
  // THEN
  expect({ status: result.status, stderr: result.stderr }).toStrictEqual({
    status: 1,
    stderr: `error: cannot remove ${dist}/stuck, which synth no longer writes: a part of the path is a file, not a folder (ENOTDIR); `
      + 'the new files are in place, remove it by hand or fix the cause and run synth again\n',
  });
  expect(Object.keys(tree(dist)).sort()).toStrictEqual(['api.k8s.yaml', 'web.k8s.yaml']);
  // WHEN the next run can remove it
  expect(recoverOutputFolder(dist)).toHaveLength(1);
  expect(fs.readdirSync(dist).sort()).toStrictEqual(['api.k8s.yaml', 'web.k8s.yaml']);
  expect(fs.readdirSync(root)).toStrictEqual(['dist']);
});

test.each([
  ['a full disk', 'writeFileSync:ENOSPC:web.k8s.yaml', 'web.k8s.yaml: no space left on the device (ENOSPC)'],
  ['a missing permission', 'mkdirSync:EACCES:tree', 'web.k8s.yaml: permission denied (EACCES)'],
])('%s while staging: a message with the path, exit 1, the output folder unchanged, no temporary folder', (_name, failFs, why) => {
  const result = synthFailing(failFs);
  expect({ status: result.status, stderr: result.stderr }).toStrictEqual({ status: 1, stderr: `error: cannot write ${dist}/${why}\n` });
  expect(tree(dist)).toStrictEqual(V1);
  expect(fs.readdirSync(root)).toStrictEqual(['dist']);
});
