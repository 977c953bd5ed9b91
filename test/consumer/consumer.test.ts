import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ConsumerProject, consumerProject, removeConsumerProject, RunResult, TSCONFIG_VARIANTS } from './project';

/*
 * cdk8s-patterns used as a dependency: `npm pack` (prepack builds), installed into a project made
 * like `cdk8s init typescript-app` (project.ts), then used the way a user uses it. Add tests here
 * so they share the one prepared project (`project.dir`, `project.run(...)`).
 */
jest.setTimeout(300_000);

let project: ConsumerProject;

beforeAll(() => {
  project = consumerProject();
  // eslint-disable-next-line no-console
  console.log(`consumer project prepared in ${project.preparedInSeconds.toFixed(1)} s: ${project.dir}`);
});

afterAll(() => {
  removeConsumerProject();
});

describe('declarations', () => {
  // the three compilations are independent: start them together, each test awaits its own
  const compiled: Record<string, Promise<RunResult>> = {};
  beforeAll(() => {
    for (const tsconfig of ['tsconfig.json', ...Object.keys(TSCONFIG_VARIANTS)]) {
      compiled[tsconfig] = project.runAsync(project.bin('tsc'), ['--noEmit', '-p', tsconfig], { allowFailure: true });
    }
  });

  test('the project compiles with the template tsconfig (CommonJS, moduleResolution node10, lib es2016, no skipLibCheck)', async () => {
    expect(await compiled['tsconfig.json']).toMatchObject({ status: 0, stdout: '' });
  });

  test.each(Object.keys(TSCONFIG_VARIANTS))('the project compiles with %s', async tsconfig => {
    expect(await compiled[tsconfig]).toMatchObject({ status: 0, stdout: '' });
  });
});

describe('runtime', () => {
  test('the package root and its subpaths load with plain node (no tsx), and report their version', () => {
    const script = [
      "const p = require('cdk8s-patterns');",
      "require('cdk8s-patterns/validation/jest');",
      "require('cdk8s-patterns/validation/cdk8s-plugin');",
      "require('cdk8s-patterns/testing/snapshot-serializer');",
      "console.log(p.toJsonReport(p.validate([])).tool.version, require('cdk8s-patterns/package.json').version);",
    ].join('\n');
    const [reported, packaged] = project.run('node', ['-e', script]).stdout.trim().split(' ');
    expect(reported).toBe(packaged);
  });
});

describe('runtime: what loads on first use (issue #14)', () => {
  test('the diff, graph and GitOps functions of the package root work with plain node, their code loaded by the first call', () => {
    const script = [
      "const p = require('cdk8s-patterns');",
      "const delivery = () => Object.keys(require.cache).filter(f => /[\\\\/]delivery[\\\\/]/.test(f) && !/(index|values|model|sync-policy|lazy)\\.js$/.test(f)).length;",
      'const before = delivery();',
      "const web = (image) => [{ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web' }, data: { image } }, source: { file: 'web.yaml', line: 1 } }];",
      "const report = p.diffManifests(web('web:1'), web('web:2'));",
      'const graph = p.buildGraph(web(\'web:1\').map(o => o.object));',
      "const apps = p.argoCdManifests([{ name: 'dev', namespace: 'shop-dev', folder: 'dev' }], { repoURL: 'https://git.example.com/shop.git' });",
      "console.log(JSON.stringify([before, delivery() > 0, p.summaryLine(report.summary), p.renderSvg(graph).startsWith('<svg'), apps[0].kind, p.formatCpu(1500)]));",
    ].join('\n');
    expect(JSON.parse(project.run('node', ['-e', script]).stdout)).toEqual([0, true, '0 added, 0 removed, 1 changed (0 risky)', true, 'Application', '1.5']);
  });
});

/** Every file below `dir` (relative paths, sorted), hidden ones included. */
function filesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * What `kubectl apply -f <dir>` would read: every .yaml/.yml/.json file of the folder (kubectl's
 * extensions), each document a Kubernetes object with apiVersion and kind.
 */
function manifestsOf(dir: string): { file: string; kinds: string[] }[] {
  return filesBelow(dir).filter(f => /\.(ya?ml|json)$/.test(f)).map(file => ({
    file,
    kinds: parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))
      .map(d => d.toJS() as { apiVersion?: unknown; kind?: unknown } | null)
      .filter(o => o !== null)
      .map(o => (typeof o.apiVersion === 'string' && typeof o.kind === 'string' ? o.kind : `not an object: ${JSON.stringify(o).slice(0, 80)}`)),
  }));
}

const SHOP_KINDS = [
  'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget',
  'Service', 'ServiceAccount', 'StatefulSet',
];

describe('the user path: synth, test, validate', () => {
  const dist = (): string => path.join(project.dir, 'dist');

  test('`npx cdk8s synth` (ts-node main.ts, synth(app)) writes Kubernetes objects and the validation record only', () => {
    const run = project.run(project.bin('cdk8s'), ['synth', '--no-check-upgrade']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(filesBelow(dist())).toStrictEqual(['.cdk8s-patterns-validation', 'shop.k8s.yaml']);
    const [manifest] = manifestsOf(dist());
    expect(manifest.file).toBe('shop.k8s.yaml');
    expect([...new Set(manifest.kinds)].sort()).toStrictEqual(SHOP_KINDS);
    // the record names what the app uses but does not create: the existing Secrets and the TLS Secret cert-manager makes
    const record = fs.readFileSync(path.join(dist(), '.cdk8s-patterns-validation'), 'utf8');
    for (const secret of ['shop-db', 'orders-db', 'shop-secrets']) expect(record).toContain(`name: ${secret}`);
  });

  test('`npx cdk8s-patterns synth` finds main.ts through cdk8s.yaml and writes the same files', () => {
    const out = path.join(project.dir, 'dist-cli');
    const run = project.run(project.bin('cdk8s-patterns'), ['synth', '--out', 'dist-cli']);
    expect(run.stdout).toContain('dist-cli/shop.k8s.yaml');
    expect(filesBelow(out)).toStrictEqual(filesBelow(dist()));
    for (const file of filesBelow(out)) {
      expect([file, fs.readFileSync(path.join(out, file), 'utf8')]).toStrictEqual([file, fs.readFileSync(path.join(dist(), file), 'utf8')]);
    }
    fs.rmSync(out, { recursive: true });
  });

  test('jest in the project: toBeValidKubernetes() and the snapshot serializer', () => {
    const run = project.run(project.bin('jest'), ['--ci=false', 'main.test.ts'], { allowFailure: true, timeout: 240_000 });
    expect([run.status, run.stderr]).toStrictEqual([0, expect.stringContaining('1 passed')]);
    const snapshot = fs.readFileSync(path.join(project.dir, '__snapshots__/main.test.ts.snap'), 'utf8');
    expect(snapshot).toContain('kind: Deployment'); // YAML, as in dist/
    expect(snapshot).toContain('name: SESSION_KEY');
  });

  test('`cdk8s-patterns validate dist/` gives the verdict synth gave (the record applies)', () => {
    const run = project.run(project.bin('cdk8s-patterns'), ['validate', 'dist']);
    expect(run.stdout).toMatch(/0 errors/);
  });

  test('`cdk8s-patterns --version` prints the installed version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(project.dir, 'node_modules/cdk8s-patterns/package.json'), 'utf8')) as { version: string };
    expect(project.run(project.bin('cdk8s-patterns'), ['--version']).stdout.trim()).toBe(version);
  });

  test('kubectl reads every file of dist/ as objects (skipped when kubectl is absent)', () => {
    const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
    if (kubectl.status !== 0) {
      // eslint-disable-next-line no-console
      console.log('skipped: kubectl is not on this machine');
      return;
    }
    // `annotate --local` reads a folder with the file walk and decoder of `apply -f`, without a cluster
    const read = project.run('kubectl', ['annotate', '--local', '--dry-run=client', '-o', 'name', '-R', '-f', 'dist', 'example.com/check=ok']);
    expect(read.stdout.trim().split('\n').length).toBe(manifestsOf(dist())[0].kinds.length);
  });
});

describe('bad input from the user project', () => {
  test('a misspelt prop fails `cdk8s-patterns synth` with the compiler message, exit 2, nothing written', () => {
    fs.writeFileSync(path.join(project.dir, 'bad.ts'), [
      "import { App, Chart } from 'cdk8s';",
      "import { Image, WebApp, synth } from 'cdk8s-patterns';",
      'const app = new App();',
      "new WebApp(new Chart(app, 'bad'), 'Web', { imagee: Image.of('nginx:1.27.0') });",
      'synth(app);',
      '',
    ].join('\n'));
    try {
      const run = project.run(project.bin('cdk8s-patterns'), ['synth', '--app', 'bad.ts', '--out', 'dist-bad'], { allowFailure: true });
      expect(run.status).toBe(2);
      expect(run.stdout + run.stderr).toContain("bad.ts:4:44 - error TS2561: Object literal may only specify known properties, but 'imagee' does not exist in type 'WebAppProps'. Did you mean to write 'image'?");
      expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(path.join(project.dir, 'dist-bad'))).toBe(false);
    } finally {
      fs.rmSync(path.join(project.dir, 'bad.ts'));
    }
  });

  test('a construct error fails the synth with the construct path, exit 1, the previous dist/ untouched', () => {
    const before = fs.readFileSync(path.join(project.dir, 'dist/shop.k8s.yaml'), 'utf8');
    fs.writeFileSync(path.join(project.dir, 'latest.ts'), [
      "import { App, Chart } from 'cdk8s';",
      "import { Image, WebApp, synth } from 'cdk8s-patterns';",
      'const app = new App();',
      "new WebApp(new Chart(app, 'shop'), 'Web', { image: Image.of('nginx:latest') });",
      'synth(app);',
      '',
    ].join('\n'));
    try {
      const run = project.run(project.bin('cdk8s-patterns'), ['synth', '--app', 'latest.ts'], { allowFailure: true });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`[shop/Web] 'image' ("nginx:latest") must be pinned to a tag other than 'latest' or to a digest`);
      expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
      expect(fs.readFileSync(path.join(project.dir, 'dist/shop.k8s.yaml'), 'utf8')).toBe(before);
    } finally {
      fs.rmSync(path.join(project.dir, 'latest.ts'));
    }
  });
});
