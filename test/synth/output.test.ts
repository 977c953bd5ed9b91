import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findStaleFiles, formatStaleMessage, isStale, writeOutputAtomically } from '../../src/synth';
import { recoverOutputFolder, TEMP_PREFIX } from '../../src/synth/output';

/** Reads a folder as file name → content. */
function readTree(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('writeOutputAtomically', () => {
  let root: string;
  let dist: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-output-'));
    dist = path.join(root, 'dist');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('creates the folder with the files', () => {
    writeOutputAtomically(dist, [{ name: 'a.k8s.yaml', content: 'a: 1\n' }, { name: 'b.k8s.yaml', content: '' }]);
    expect(readTree(dist)).toStrictEqual({ 'a.k8s.yaml': 'a: 1\n', 'b.k8s.yaml': '' });
    expect(fs.readdirSync(root)).toStrictEqual(['dist']);
  });

  test('replaces the previous content and removes files no longer produced', () => {
    // GIVEN a folder from an earlier synth
    writeOutputAtomically(dist, [{ name: 'old.k8s.yaml', content: 'old\n' }, { name: 'kept.k8s.yaml', content: 'v1\n' }]);
    // WHEN
    writeOutputAtomically(dist, [{ name: 'kept.k8s.yaml', content: 'v2\n' }]);
    // THEN
    expect(readTree(dist)).toStrictEqual({ 'kept.k8s.yaml': 'v2\n' });
    expect(fs.readdirSync(root)).toStrictEqual(['dist']);
  });

  test.each([
    ['a file name leaving the folder', [{ name: 'ok.k8s.yaml', content: 'new\n' }, { name: '../escape.k8s.yaml', content: 'x' }],
      "refusing to write file '../escape.k8s.yaml' outside the output folder"],
    ['a file that cannot be created', [{ name: 'ok.k8s.yaml', content: 'new\n' }, { name: 'ok.k8s.yaml/inner', content: 'x' }],
      /^cannot write .*ok\.k8s\.yaml\/inner: (a part of the path is a file, not a folder \(ENOTDIR\)|it already exists \(EEXIST\))$/],
  ])('leaves the previous content byte-identical on failure: %s', (_name, files, error) => {
    // GIVEN
    writeOutputAtomically(dist, [{ name: 'ok.k8s.yaml', content: 'previous\n' }]);
    // WHEN / THEN
    expect(() => writeOutputAtomically(dist, files)).toThrow(error);
    expect(readTree(dist)).toStrictEqual({ 'ok.k8s.yaml': 'previous\n' });
    expect(fs.readdirSync(root)).toStrictEqual(['dist']);
  });

  test('refuses to replace a file with a folder', () => {
    fs.writeFileSync(dist, 'not a folder');
    expect(() => writeOutputAtomically(dist, [])).toThrow(`refusing to write to ${dist}: it exists and is not a folder; nothing was changed`);
    expect(fs.readFileSync(dist, 'utf8')).toBe('not a folder');
    expect(fs.readdirSync(root)).toStrictEqual(['dist']);
  });
});

describe('findStaleFiles', () => {
  let dist: string;
  beforeEach(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-stale-'));
    fs.writeFileSync(path.join(dist, 'same.k8s.yaml'), 'same\n');
    fs.writeFileSync(path.join(dist, 'changed.k8s.yaml'), 'before\n');
    fs.writeFileSync(path.join(dist, 'extra.k8s.yaml'), 'gone\n');
  });
  afterEach(() => fs.rmSync(dist, { recursive: true, force: true }));

  test('reports changed, missing and extra files', () => {
    const report = findStaleFiles(dist, [
      { name: 'same.k8s.yaml', content: 'same\n' },
      { name: 'changed.k8s.yaml', content: 'after\n' },
      { name: 'new.k8s.yaml', content: 'new\n' },
    ]);
    expect(report).toStrictEqual({ changed: ['changed.k8s.yaml'], missing: ['new.k8s.yaml'], extra: ['extra.k8s.yaml'] });
    expect(isStale(report)).toBe(true);
    expect(formatStaleMessage('dist', report)).toBe(
      'dist/ is stale: changed.k8s.yaml (changed), new.k8s.yaml (missing), extra.k8s.yaml (extra). Run `npm run synth` and commit the result.',
    );
  });

  test('an identical folder is not stale', () => {
    const report = findStaleFiles(dist, [
      { name: 'same.k8s.yaml', content: 'same\n' },
      { name: 'changed.k8s.yaml', content: 'before\n' },
      { name: 'extra.k8s.yaml', content: 'gone\n' },
    ]);
    expect(isStale(report)).toBe(false);
  });

  test('a FIFO where a file is expected counts as changed, and is never opened', () => {
    fs.rmSync(path.join(dist, 'same.k8s.yaml'));
    expect(spawnSync('mkfifo', [path.join(dist, 'same.k8s.yaml')]).status).toBe(0);
    const report = findStaleFiles(dist, [
      { name: 'same.k8s.yaml', content: 'same\n' },
      { name: 'changed.k8s.yaml', content: 'before\n' },
      { name: 'extra.k8s.yaml', content: 'gone\n' },
    ]);
    expect(report).toStrictEqual({ changed: ['same.k8s.yaml'], missing: [], extra: [] });
  });

  test('an output path that is a file cannot be compared with', () => {
    const notFolder = path.join(dist, 'same.k8s.yaml');
    expect(() => findStaleFiles(notFolder, [])).toThrow(`cannot compare with ${notFolder}: it exists and is not a folder`);
  });

  test('a missing folder counts as empty', () => {
    const report = findStaleFiles(path.join(dist, 'nope'), [{ name: 'a.k8s.yaml', content: '' }]);
    expect(report).toStrictEqual({ changed: [], missing: ['a.k8s.yaml'], extra: [] });
  });
});

describe('writeOutputAtomically refuses folders it would damage', () => {
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-refuse-')));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const FILES = [{ name: 'web.k8s.yaml', content: 'new\n' }];

  /** Every path under `dir` with its content ('<dir>' for folders), to show nothing changed. */
  function snapshot(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        out[entry.name] = '<dir>';
        for (const [k, v] of Object.entries(snapshot(full))) out[`${entry.name}/${k}`] = v;
      } else {
        out[entry.name] = entry.isFile() ? fs.readFileSync(full, 'utf8') : '<special>';
      }
    }
    return out;
  }

  function project(): void {
    fs.writeFileSync(path.join(root, 'package.json'), '{"name":"p"}\n');
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'main.ts'), '// app\n');
  }

  test('the working directory (--out . or CDK8S_OUTDIR=.)', () => {
    project();
    const before = snapshot(root);
    expect(() => writeOutputAtomically('.', FILES, { cwd: root })).toThrow(
      'refusing to write to .: it is the working directory, and synth replaces the whole folder; write to a sub-folder such as dist; nothing was changed');
    expect(snapshot(root)).toStrictEqual(before);
  });

  test('a folder that contains the working directory', () => {
    project();
    const before = snapshot(root);
    expect(() => writeOutputAtomically('..', FILES, { cwd: path.join(root, 'src') })).toThrow(
      `refusing to write to ..: it contains the working directory (${root}/src), and synth replaces the whole folder; write to a sub-folder such as dist; nothing was changed`);
    expect(snapshot(root)).toStrictEqual(before);
  });

  test('a project folder (package.json, .git)', () => {
    const other = path.join(root, 'other');
    fs.mkdirSync(path.join(other, '.git'), { recursive: true });
    fs.writeFileSync(path.join(other, 'package.json'), '{}');
    const before = snapshot(root);
    expect(() => writeOutputAtomically(other, FILES, { cwd: root })).toThrow(
      `refusing to write to ${other}: it holds package.json and .git, so it is a project folder, and synth replaces the whole folder; nothing was changed`);
    expect(snapshot(root)).toStrictEqual(before);
  });

  test('a folder with files synth did not write', () => {
    const out = path.join(root, 'out');
    fs.mkdirSync(path.join(out, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(out, 'web.k8s.yaml'), 'old\n');
    fs.writeFileSync(path.join(out, 'README.md'), '# mine\n');
    fs.writeFileSync(path.join(out, 'docs', 'notes.txt'), 'notes\n');
    fs.symlinkSync('/etc/hostname', path.join(out, 'link.k8s.yaml'));
    const before = snapshot(root);
    expect(() => writeOutputAtomically(out, FILES, { cwd: root })).toThrow(
      `refusing to write to ${out}: it holds files synth did not write: README.md, link.k8s.yaml (a symbolic link), docs/notes.txt; `
      + 'synth replaces the whole folder, so write to an empty folder or one synth wrote, or move those files away; nothing was changed');
    expect(snapshot(root)).toStrictEqual(before);
  });

  test('a dangling symbolic link', () => {
    const dist = path.join(root, 'dist');
    fs.symlinkSync(path.join(root, 'gone'), dist);
    expect(() => writeOutputAtomically(dist, FILES, { cwd: root })).toThrow(
      `refusing to write to ${dist}: it is a symbolic link to ${root}/gone, which does not exist; nothing was changed`);
    expect(fs.readlinkSync(dist)).toBe(path.join(root, 'gone'));
    expect(fs.readdirSync(root)).toStrictEqual(['dist']);
  });

  test('a symbolic link loop', () => {
    const dist = path.join(root, 'dist');
    fs.symlinkSync(dist, dist);
    expect(() => writeOutputAtomically(dist, FILES, { cwd: root })).toThrow(
      `refusing to write to ${dist}: it is a symbolic link that loops; nothing was changed`);
  });
});

describe('writeOutputAtomically writes what synth owns', () => {
  let root: string;
  let dist: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-owned-')));
    dist = path.join(root, 'dist');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('an empty folder, chart files, kustomization files, records and construct metadata', () => {
    fs.mkdirSync(path.join(dist, 'prod'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'prod', 'kustomization.yaml'), 'resources: []\n');
    fs.writeFileSync(path.join(dist, 'prod', 'web.k8s.yaml'), 'old\n');
    fs.writeFileSync(path.join(dist, 'prod', '.cdk8s-patterns-validation'), '# record\n');
    fs.writeFileSync(path.join(dist, 'construct-metadata.json'), '{}');
    fs.mkdirSync(path.join(dist, 'empty'));
    writeOutputAtomically(dist, [{ name: 'web.k8s.yaml', content: 'new\n' }], { cwd: root });
    expect(readTree(dist)).toStrictEqual({ 'web.k8s.yaml': 'new\n' });
    expect(fs.readdirSync(root)).toStrictEqual(['dist']);
  });

  test('a folder with the validation record at its root is synth output, whatever else it holds', () => {
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, '.cdk8s-patterns-validation'), '# record\n');
    fs.writeFileSync(path.join(dist, 'notes.txt'), 'left over\n');
    writeOutputAtomically(dist, FILES_V2, { cwd: root });
    expect(readTree(dist)).toStrictEqual({ 'web.k8s.yaml': 'v2\n' });
  });

  test('the files it is about to write, under any name', () => {
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'web.yaml'), 'old\n');
    writeOutputAtomically(dist, [{ name: 'web.yaml', content: 'new\n' }], { cwd: root });
    expect(readTree(dist)).toStrictEqual({ 'web.yaml': 'new\n' });
  });

  test('a folder of old output where a file now goes, and a file where a folder now goes', () => {
    fs.mkdirSync(path.join(dist, 'web.k8s.yaml'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'web.k8s.yaml', 'a.k8s.yaml'), 'old\n');
    fs.writeFileSync(path.join(dist, 'prod.k8s.yaml'), 'old\n');
    writeOutputAtomically(dist, [{ name: 'web.k8s.yaml', content: 'new\n' }, { name: 'prod.k8s.yaml/api.k8s.yaml', content: 'api\n' }], { cwd: root });
    expect(fs.readFileSync(path.join(dist, 'web.k8s.yaml'), 'utf8')).toBe('new\n');
    expect(readTree(path.join(dist, 'prod.k8s.yaml'))).toStrictEqual({ 'api.k8s.yaml': 'api\n' });
    expect(fs.readdirSync(dist).sort()).toStrictEqual(['prod.k8s.yaml', 'web.k8s.yaml']);
  });

  test('through a symbolic link: the link stays, its target folder is updated', () => {
    const real = path.join(root, 'real');
    fs.mkdirSync(real);
    fs.writeFileSync(path.join(real, 'old.k8s.yaml'), 'old\n');
    fs.symlinkSync('real', dist);
    writeOutputAtomically(dist, FILES_V2, { cwd: root });
    expect(fs.lstatSync(dist).isSymbolicLink()).toBe(true);
    expect(readTree(real)).toStrictEqual({ 'web.k8s.yaml': 'v2\n' });
    expect(fs.readdirSync(root).sort()).toStrictEqual(['dist', 'real']);
  });
});

const FILES_V2 = [{ name: 'web.k8s.yaml', content: 'v2\n' }];

describe('temporary folders of interrupted runs', () => {
  let root: string;
  let dist: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'synth-recover-')));
    dist = path.join(root, 'dist');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A pid that is not running: a child that has exited. */
  function deadPid(): number {
    return spawnSync(process.execPath, ['-e', '0']).pid;
  }

  test('one that changed nothing is removed, with a notice', () => {
    writeOutputAtomically(dist, FILES_V2, { cwd: root });
    const pid = deadPid();
    const temp = path.join(root, `${TEMP_PREFIX}-${pid}-0a1b2c`);
    fs.mkdirSync(path.join(temp, 'tree'), { recursive: true });
    fs.writeFileSync(path.join(temp, 'tree', 'half.k8s.yaml'), 'half');
    const notices: string[] = [];
    writeOutputAtomically(dist, [{ name: 'web.k8s.yaml', content: 'v3\n' }], { cwd: root, notice: (m) => notices.push(m) });
    expect(notices).toStrictEqual([`removed ${temp}, left by an interrupted synth (process ${pid}) before it changed anything`]);
    expect(fs.readdirSync(root)).toStrictEqual(['dist']);
    expect(readTree(dist)).toStrictEqual({ 'web.k8s.yaml': 'v3\n' });
  });

  test('one of a run still alive is left alone', () => {
    const temp = path.join(root, `${TEMP_PREFIX}-1-0a1b2c`); // pid 1 is always alive
    fs.mkdirSync(temp);
    writeOutputAtomically(dist, FILES_V2, { cwd: root });
    expect(fs.readdirSync(root).sort()).toStrictEqual([`${TEMP_PREFIX}-1-0a1b2c`, 'dist']);
  });

  test('the previous version\'s swap killed between its renames: the output folder is restored', () => {
    const previous = path.join(root, `${TEMP_PREFIX}-old-abc123`, 'previous');
    fs.mkdirSync(previous, { recursive: true });
    fs.writeFileSync(path.join(previous, 'web.k8s.yaml'), 'v1\n');
    fs.mkdirSync(path.join(root, `${TEMP_PREFIX}-new-def456`));
    expect(recoverOutputFolder(dist)).toStrictEqual([`restored ${dist} from ${previous}, left by an interrupted synth`]);
    expect(fs.readdirSync(root)).toStrictEqual(['dist']);
    expect(readTree(dist)).toStrictEqual({ 'web.k8s.yaml': 'v1\n' });
  });
});
