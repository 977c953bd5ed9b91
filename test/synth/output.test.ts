import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findStaleFiles, formatStaleMessage, isStale, writeOutputAtomically } from '../../src/synth';

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
      /ENOTDIR|EEXIST/],
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
    expect(() => writeOutputAtomically(dist, [])).toThrow(`output path ${dist} exists and is not a folder`);
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

  test('a missing folder counts as empty', () => {
    const report = findStaleFiles(path.join(dist, 'nope'), [{ name: 'a.k8s.yaml', content: '' }]);
    expect(report).toStrictEqual({ changed: [], missing: ['a.k8s.yaml'], extra: [] });
  });
});
