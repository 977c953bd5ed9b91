/**
 * Output a user can apply: every file synth writes into a manifests folder is Kubernetes objects
 * (each YAML document has apiVersion and kind), a `kustomization.yaml`, or the hidden validation
 * record, which no folder walk takes for a manifest; kubectl reads every folder (`-f`, `-R`)
 * without a problem; folders and files get the modes the umask gives.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments, parse } from 'yaml';
import { addExampleCharts } from '../../src/apps';
import { GENERATED_CONFIG_FILE, parseValidationConfig } from '../../src/validation/config';
import { runSynth, writeOutputAtomically } from '../../src/synth';
import { synthValidator } from '../../src/validation';
import addExternalsApp from './fixtures/externals-app';

const ROOT = path.resolve(__dirname, '../..');
jest.setTimeout(60_000);

const HAS_KUBECTL = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
if (!HAS_KUBECTL) {
  // eslint-disable-next-line no-console
  console.warn('kubectl is not on PATH: skipping the kubectl checks of the synth output');
}
const testKubectl = HAS_KUBECTL ? test : test.skip;

let tmp: string;
/** Output folders by layout: the committed dist/, a fresh synth of the example apps, one with charts at the root and in environments. */
const layouts: Record<string, string> = {};

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'applyable-output-'));
  const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => { throw new Error(m); } };
  layouts.committed = path.join(ROOT, 'dist');
  layouts.examples = path.join(tmp, 'examples');
  expect(runSynth(() => { const app = new App(); addExampleCharts(app); return app; }, { outdir: layouts.examples, validate: synthValidator(), reporter: quiet })).toBe(0);
  layouts.mixed = path.join(tmp, 'mixed');
  expect(runSynth(() => { const app = new App(); addExternalsApp(app); return app; }, { outdir: layouts.mixed, validate: synthValidator(), reporter: quiet })).toBe(0);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every file below `dir`, relative to it. */
function filesBelow(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory()
    ? filesBelow(path.join(dir, e.name), `${prefix}${e.name}/`)
    : [`${prefix}${e.name}`]);
}

/** What a file of a manifests folder is, or why it is not allowed there. */
function classify(file: string): string {
  const name = path.basename(file);
  const text = fs.readFileSync(file, 'utf8');
  if (name === GENERATED_CONFIG_FILE) {
    parseValidationConfig(parse(text), file);
    return 'record';
  }
  if (name === 'kustomization.yaml') return parse(text).kind === 'Kustomization' ? 'kustomization' : `${file}: not a Kustomization`;
  if (!name.endsWith('.k8s.yaml')) return `${file}: unexpected file`;
  const problems = parseAllDocuments(text).flatMap((doc, i) => {
    const object = doc.toJS() as { apiVersion?: unknown; kind?: unknown } | null;
    return object === null || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' ? [`${file}: document ${i} has no apiVersion or kind`] : [];
  });
  return problems.length === 0 ? 'manifest' : problems.join('\n');
}

test.each(['committed', 'examples', 'mixed'])('%s: every file is Kubernetes objects, a kustomization.yaml or the hidden record', (layout) => {
  const dir = layouts[layout];
  const kinds = filesBelow(dir).map((f) => classify(path.join(dir, f)));
  expect(kinds.filter((k) => !['manifest', 'kustomization', 'record'].includes(k))).toStrictEqual([]);
  expect(kinds).toContain('record');
});

test('the record is hidden and has no extension kubectl, kustomize, Argo CD or Flux read', () => {
  expect(GENERATED_CONFIG_FILE.startsWith('.')).toBe(true);
  expect(path.extname(GENERATED_CONFIG_FILE)).toBe('');
  expect(filesBelow(layouts.mixed).filter((f) => path.basename(f) === GENERATED_CONFIG_FILE).sort())
    .toStrictEqual([GENERATED_CONFIG_FILE, `dev/${GENERATED_CONFIG_FILE}`, `prod/${GENERATED_CONFIG_FILE}`]);
});

/**
 * kubectl reads the folder like `kubectl apply -f <folder> [-R]` does (same file walk and decoder),
 * but offline: `annotate --local` needs no cluster, where `apply`/`create --dry-run=client` ask the
 * API server for its resource types. One name per object; kustomization.yaml is read as a
 * Kustomization object (use `kubectl apply -k <env folder>` for the environment folders).
 */
function kubectlRead(args: string[]): { status: number | null; names: string[]; stderr: string } {
  const result = spawnSync('kubectl', ['annotate', '--local', '--dry-run=client', '-o', 'name', ...args, 'cdk8s-patterns.io/check=ok'], { encoding: 'utf8' });
  return { status: result.status, names: result.stdout.split('\n').filter((l) => l !== ''), stderr: result.stderr };
}

function objectCount(dir: string, recursive: boolean): number {
  return (recursive ? filesBelow(dir) : fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile()))
    .filter((f) => f.endsWith('.yaml'))
    .reduce((n, f) => n + parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).filter((d) => d.toJS() !== null).length, 0);
}

testKubectl.each(['committed', 'examples', 'mixed'])('%s: kubectl reads every environment folder and the whole output with -R', (layout) => {
  const dir = layouts[layout];
  const folders = [dir, ...fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name))];
  for (const folder of folders) {
    if (objectCount(folder, false) === 0) continue; // kubectl refuses a folder without manifests
    const read = kubectlRead(['-f', folder]);
    expect([folder, read.status, read.stderr, read.names.length]).toStrictEqual([folder, 0, '', objectCount(folder, false)]);
  }
  const all = kubectlRead(['-R', '-f', dir]);
  expect([all.status, all.stderr, all.names.length]).toStrictEqual([0, '', objectCount(dir, true)]);
});

testKubectl('kubectl rejects the former record name, which is why it changed', () => {
  const dir = path.join(tmp, 'former');
  fs.cpSync(path.join(layouts.mixed, 'prod'), dir, { recursive: true });
  fs.renameSync(path.join(dir, GENERATED_CONFIG_FILE), path.join(dir, 'validation.cdk8s-patterns.yaml'));
  const read = kubectlRead(['-f', dir]);
  expect(read.status).not.toBe(0);
  expect(read.stderr).toContain('validation.cdk8s-patterns.yaml": Object \'Kind\' is missing');
});

describe('folders and files get the modes the umask gives', () => {
  let previous: number;
  beforeEach(() => { previous = process.umask(0o022); });
  afterEach(() => { process.umask(previous); });

  function modes(dir: string): Record<string, string> {
    const out: Record<string, string> = { '.': (fs.statSync(dir).mode & 0o777).toString(8) };
    for (const f of filesBelow(dir)) {
      out[f] = (fs.statSync(path.join(dir, f)).mode & 0o777).toString(8);
      out[path.dirname(f)] = (fs.statSync(path.join(dir, path.dirname(f))).mode & 0o777).toString(8);
    }
    return out;
  }

  const files = [{ name: 'web.k8s.yaml', content: 'a: 1\n' }, { name: 'prod/web.k8s.yaml', content: 'a: 1\n' }, { name: `prod/${GENERATED_CONFIG_FILE}`, content: 'external: []\n' }];

  test.each([['022', '755', '644'], ['027', '750', '640'], ['002', '775', '664']])('umask %s: folders %s, files %s, also when replacing', (umask, folder, file) => {
    process.umask(parseInt(umask, 8));
    const dist = path.join(tmp, `umask-${umask}`);
    writeOutputAtomically(dist, files);
    const expected = { '.': folder, prod: folder, 'web.k8s.yaml': file, 'prod/web.k8s.yaml': file, [`prod/${GENERATED_CONFIG_FILE}`]: file };
    expect(modes(dist)).toStrictEqual(expected);
    writeOutputAtomically(dist, files);
    expect(modes(dist)).toStrictEqual(expected);
  });

  test('a synth of the example apps under umask 022: 0755 folders, 0644 files', () => {
    const dir = path.join(tmp, 'umask-synth');
    const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => { throw new Error(m); } };
    expect(runSynth(() => { const app = new App(); addExampleCharts(app); return app; }, { outdir: dir, validate: synthValidator(), reporter: quiet })).toBe(0);
    expect(new Set(Object.entries(modes(dir)).map(([f, m]) => `${fs.statSync(path.join(dir, f)).isDirectory() ? 'folder' : 'file'} ${m}`)))
      .toStrictEqual(new Set(['folder 755', 'file 644']));
  });
});
