/**
 * `kubectl kustomize dist/<env>` reproduces the synthesized objects, for every environment of the
 * example app (synthesized and written to a temp folder exactly as `npm run synth` does).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { addExampleCharts, EXAMPLE_ENVIRONMENTS } from '../../src/apps';
import { environmentNames, runSynth, synthesizeApp } from '../../src/synth';
import { synthValidator } from '../../src/validation';

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

function key(o: Obj): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** Objects by key, with keys sorted recursively (content equal modulo key order). */
function byKey(objects: readonly Obj[]): Map<string, unknown> {
  const sortKeys = (v: unknown): unknown => Array.isArray(v) ? v.map(sortKeys)
    : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as any)[k])])) : v;
  return new Map(objects.map((o) => [key(o), sortKeys(o)]));
}

const HAS_KUBECTL = kubectlAvailable();
if (!HAS_KUBECTL) {
  // eslint-disable-next-line no-console
  console.warn('kubectl is not on PATH: skipping the kubectl kustomize comparison');
}
const describeKubectl = HAS_KUBECTL ? describe : describe.skip;

describeKubectl('kubectl kustomize dist/<env> reproduces the synthesized objects', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-kustomize-'));
  const build = () => {
    const app = new App({ outdir });
    addExampleCharts(app);
    return app;
  };
  const result = synthesizeApp(build(), { validate: synthValidator() });

  beforeAll(() => {
    const code = runSynth(build, { outdir, validate: synthValidator(), reporter: { info: () => undefined, warn: () => undefined, error: (m) => { throw new Error(m); } } });
    expect(code).toBe(0);
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('one folder per environment', () => {
    expect(environmentNames(result.files)).toEqual(EXAMPLE_ENVIRONMENTS.map((e) => e.folder));
    expect(fs.readdirSync(outdir).sort()).toEqual(['dev', 'prod', 'staging']);
  });

  test.each(EXAMPLE_ENVIRONMENTS.map((e) => [e.folder, e.namespace]))('%s', (folder, namespace) => {
    const text = execFileSync('kubectl', ['kustomize', path.join(outdir, folder)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const built = parseAllDocuments(text).map((d) => d.toJS() as Obj);
    const synthesized = result.charts.filter((c) => c.file.name.startsWith(`${folder}/`)).flatMap((c) => c.objects.map((o) => o.object as unknown as Obj));
    expect(synthesized.length).toBeGreaterThan(40);
    expect(built).toHaveLength(synthesized.length);
    const expected = byKey(synthesized);
    const actual = byKey(built);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, object] of expected) {
      expect(actual.get(k)).toEqual(object);
    }
    // Every object is in the environment's namespace, except the Namespace itself.
    expect(built.filter((o) => o.metadata.namespace !== namespace).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([`Namespace/${namespace}`]);
  });
});
