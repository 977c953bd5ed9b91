import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readInputs } from '../../../src/validation/engine-input';
import { isManifestFileName, parseYamlFiles } from '../../../src/validation/parse/files';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata: {}\n';
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - app.k8s.yaml\n';

describe('a kustomize layout (dist/<env>/ with kustomization.yaml)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-layout-'));
    fs.mkdirSync(path.join(dir, 'prod'));
    fs.writeFileSync(path.join(dir, 'prod', 'app.k8s.yaml'), CONFIG_MAP);
    fs.writeFileSync(path.join(dir, 'prod', 'kustomization.yaml'), KUSTOMIZATION);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['app.k8s.yaml', true], ['x.yml', true], ['x.JSON', true], ['README.md', false],
    ['kustomization.yaml', false], ['kustomization.yml', false], ['Kustomization', false],
  ])('%s is a manifest: %s', (name, expected) => {
    expect(isManifestFileName(name)).toBe(expected);
  });

  test('walking a folder skips kustomization files without a notice', () => {
    const result = parseYamlFiles([dir]);
    expect(result.files).toEqual([path.join(dir, 'prod', 'app.k8s.yaml')]);
    expect(result.skipped).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  test('the CLI input reader skips them too, but reads one named explicitly', async () => {
    const kinds: string[] = [];
    const onBatch = (objects: readonly { object: { kind?: unknown } }[]) => objects.forEach((o) => kinds.push(String(o.object.kind)));
    const stdin = async () => Buffer.from('');
    const walked = await readInputs([dir], onBatch, stdin);
    expect([walked.files, kinds]).toEqual([[path.join(dir, 'prod', 'app.k8s.yaml')], ['ConfigMap']]);
    kinds.length = 0;
    await readInputs([path.join(dir, 'prod', 'kustomization.yaml')], onBatch, stdin);
    expect(kinds).toEqual(['Kustomization']);
  });
});
