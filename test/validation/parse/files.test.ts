import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseYamlFiles } from '../../../src/validation/parse';

describe('parseYamlFiles', () => {
  let dir: string;

  beforeEach(() => {
    // GIVEN a folder with YAML, JSON, a README, a binary file and a sub-folder
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifests-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    fs.writeFileSync(path.join(dir, 'b.json'), '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "b"}}');
    fs.writeFileSync(path.join(dir, 'README.md'), '# docs');
    fs.writeFileSync(path.join(dir, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    fs.writeFileSync(path.join(dir, 'latin1.yml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'c.yml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: c\n');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('walks folders, reads only *.yaml/*.yml/*.json and reports the rest', () => {
    const result = parseYamlFiles([dir, path.join(dir, 'missing.yaml')]);
    const rel = (f: string) => path.relative(dir, f);
    expect(result.objects.map((o) => [o.object.kind, rel(o.source.file!), o.source.line])).toEqual([
      ['ConfigMap', 'a.yaml', 1],
      ['Secret', 'b.json', 1],
      ['Service', 'sub/c.yml', 1],
    ]);
    expect(result.skipped.map(rel)).toEqual(['README.md']);
    expect(result.files.map(rel)).toEqual(['a.yaml', 'b.json', 'image.yaml', 'latin1.yml', 'sub/c.yml']);
    expect(result.problems.map((p) => [rel(p.file), p.line, p.message])).toEqual([
      ['image.yaml', 1, 'binary content: not a YAML or JSON file'],
      ['latin1.yml', 1, 'binary content: not a YAML or JSON file'],
      ['missing.yaml', 0, 'cannot read: ENOENT'],
    ]);
  });

  test('a file named explicitly is read whatever its extension', () => {
    fs.writeFileSync(path.join(dir, 'manifest.txt'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n');
    expect(parseYamlFiles([path.join(dir, 'manifest.txt')]).objects.map((o) => o.object.kind)).toEqual(['Namespace']);
  });

  test('- reads standard input', () => {
    const result = parseYamlFiles(['-'], { readStdin: () => 'apiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: Pod\n' });
    expect(result.objects.map((o) => [o.source.file, o.source.line])).toEqual([
      ['-', 1],
      ['-', 4],
    ]);
    expect(result.files).toEqual(['-']);
  });
});
