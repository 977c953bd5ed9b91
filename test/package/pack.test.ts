import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * What `npm pack` puts in the package. The package is staged like `prepack` makes it (a fresh
 * build, nothing left from earlier builds) in a temporary folder, so this test neither reads nor
 * writes the shared lib/: package.json, README.md and LICENSE are copied, lib/ is built there.
 */
const ROOT = path.resolve(__dirname, '../..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string; types: string; bin: Record<string, string>; files: string[];
  exports: Record<string, string | Record<string, string>>;
  typesVersions: Record<string, Record<string, string[]>>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>; peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>; devDependencies: Record<string, string>;
};

let stage: string;
let files: string[];

/** Runs a command; a failure throws with its output (tsc prints its errors on stdout). */
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

beforeAll(() => {
  stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-patterns-pack-'));
  for (const file of ['package.json', 'README.md', 'LICENSE']) fs.copyFileSync(path.join(ROOT, file), path.join(stage, file));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(stage, 'lib')], ROOT);
  const packed = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], stage)) as Array<{ files: Array<{ path: string }> }>;
  files = packed[0].files.map(f => f.path.split(path.sep).join('/')).sort();
}, 120_000);

afterAll(() => {
  if (stage) fs.rmSync(stage, { recursive: true, force: true });
});

/** The `.ts` sources under `dir` (relative, `/`-separated), without declaration files. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map(f => `${dir}/${f.split(path.sep).join('/')}`)
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'));
}

/** A package-relative target (`./lib/x.js` or `lib/x.js`) as it appears in the file list. */
function target(p: string): string {
  return p.replace(/^\.\//, '');
}

describe('npm pack', () => {
  test('the file list is package.json, README.md, LICENSE and the .js and .d.ts of every source of src/ (not src/apps) and imports/', () => {
    const built = [...sources('src').filter(f => !f.startsWith('src/apps/')), ...sources('imports')]
      .flatMap(f => [`lib/${f.replace(/\.ts$/, '.js')}`, `lib/${f.replace(/\.ts$/, '.d.ts')}`]);
    expect(files).toEqual(['LICENSE', 'README.md', 'package.json', ...built].sort());
  });

  test('no source maps, TypeScript sources, tests, bench, apps or scripts', () => {
    expect(files.filter(f => f.endsWith('.map') || (f.endsWith('.ts') && !f.endsWith('.d.ts'))
      || /^(lib\/)?(test|bench|scripts|src\/apps|lib\/src\/apps)\//.test(f))).toEqual([]);
  });

  test('main, types, the bin and every exports and typesVersions target are in the package', () => {
    const targets = [
      PKG.main, PKG.types, ...Object.values(PKG.bin),
      ...Object.values(PKG.exports).flatMap(e => (typeof e === 'string' ? [e] : Object.values(e))),
      ...Object.values(PKG.typesVersions).flatMap(m => Object.values(m).flat()),
    ].map(target);
    expect(targets.filter(t => !files.includes(t))).toEqual([]);
    const bin = fs.readFileSync(path.join(stage, target(Object.values(PKG.bin)[0])), 'utf8');
    expect(bin.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test('every subpath export has a typesVersions entry (moduleResolution node10) with the same declaration file', () => {
    const subpaths = Object.entries(PKG.exports).filter(([k, v]) => k !== '.' && typeof v !== 'string') as Array<[string, Record<string, string>]>;
    expect(subpaths.length).toBeGreaterThan(0);
    for (const [subpath, conditions] of subpaths) {
      expect(PKG.typesVersions['*'][subpath.replace(/^\.\//, '')]).toEqual([target(conditions.types)]);
    }
  });

  test('cdk8s, constructs and cdk8s-plus-28 are peer dependencies (and dev dependencies for our build), typescript an optional peer', () => {
    for (const name of ['cdk8s', 'constructs', 'cdk8s-plus-28']) {
      expect(PKG.dependencies[name]).toBeUndefined();
      expect(PKG.peerDependencies[name]).toBeDefined();
      expect(PKG.devDependencies[name]).toBe(PKG.peerDependencies[name]);
    }
    expect(PKG.peerDependencies.typescript).toBeDefined();
    expect(PKG.peerDependenciesMeta.typescript).toEqual({ optional: true });
    expect(Object.keys(PKG.dependencies).sort()).toEqual(['@bufbuild/cel', 'ajv', 'commander', 'picocolors', 'yaml']);
    expect(PKG.files.sort()).toEqual(['LICENSE', 'README.md', 'lib']);
    expect(PKG.scripts.prepack).toBeDefined();
  });

  test('the declarations of the entry points compile with the cdk8s typescript-app template tsconfig (no skipLibCheck, lib es2016, stripInternal)', () => {
    const template = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json'), 'utf8')) as
      { compilerOptions: Record<string, unknown> };
    // what users reach: the root and the subpaths, and everything their declarations import
    const declarations = [...new Set([PKG.types, ...Object.values(PKG.typesVersions).flatMap(m => Object.values(m).flat())].map(target))];
    fs.writeFileSync(path.join(stage, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { ...template.compilerOptions, noEmit: true, types: ['node'] },
      files: declarations,
    }));
    expect(() => run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(stage, 'tsconfig.json')], stage)).not.toThrow();
  });
});

/**
 * Runs `script` with plain node in the staged package (its `lib/` and this repository's
 * node_modules, as an installed package sees them) in an empty folder below it, and returns the JSON its
 * last output line holds. In the script, `ROOT` is the package's `lib/src/index.js` and
 * `loaded()` the package files `require.cache` holds (`lib/...`, `/`-separated).
 */
function runInPackage(script: string): unknown {
  const cwd = fs.mkdtempSync(path.join(stage, 'app-')); // a project folder: cdk8s resolves from the package's node_modules
  try {
    const prelude = [
      `const ROOT = ${JSON.stringify(path.join(stage, 'lib/src/index.js'))};`,
      `const loaded = () => Object.keys(require.cache).filter(f => f.startsWith(${JSON.stringify(path.join(stage, 'lib') + path.sep)}))`,
      `  .map(f => require('path').relative(${JSON.stringify(stage)}, f).split(require('path').sep).join('/'));`,
    ].join('\n');
    const lines = run(process.execPath, ['-e', `${prelude}\n${script}`], cwd).trim().split('\n');
    return JSON.parse(lines[lines.length - 1]);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/**
 * The diff, graph and GitOps code (all of delivery/ but the lazy loader, the barrels and the small
 * modules they export values from), the generated Gateway API, Argo CD, external-secrets.io,
 * bitnami.com and prometheus-operator classes, and the streaming parser (the `validation/parse`
 * barrel, stream, chunks, worker hand-off).
 */
const LOADED_ON_FIRST_USE = new RegExp([
  /^lib\/src\/delivery\/(?!lazy\.js$)[a-z-]+\/(?!(index|values|model|sync-policy)\.js$)/.source,
  /^lib\/imports\/(gateway\.networking\.k8s\.io|argoproj\.io|external-secrets\.io|bitnami\.com|monitoring\.coreos\.com)\.js$/.source,
  /^lib\/src\/validation\/parse\/(index|stream|chunk-parse|chunks|early-parse)\.js$/.source,
].join('|'));

describe('what the package loads (issue #14: load only what a command needs)', () => {
  test('require() and a one-WebApp app with synth(app) load no diff, graph or GitOps code, no Gateway API, Argo CD, external-secrets, sealed-secrets or prometheus-operator classes and no streaming parser', () => {
    const loaded = runInPackage(`
      const { App, Chart } = require('cdk8s');
      const { HealthCheck, Image, WebApp, synth } = require(ROOT);
      const app = new App();
      new WebApp(new Chart(app, 'shop'), 'Web', {
        image: Image.of('ghcr.io/acme/shop:1.4.2'), ports: [{ name: 'http', number: 8080 }],
        health: HealthCheck.http('/healthz'), ingress: { hosts: ['shop.example.com'] },
      });
      synth(app);
      console.log(JSON.stringify(loaded()));`) as string[];
    expect(loaded).toContain('lib/src/synth/synth-app.js'); // the listing works
    expect(loaded.filter(f => LOADED_ON_FIRST_USE.test(f))).toEqual([]);
  });

  test('the first ExternalSecret, SealedSecret or ServiceMonitor loads its generated classes; the written-out ServiceMonitor apiVersion and kind are the generated ones', () => {
    const result = runInPackage(`
      const path = require('path');
      const { App, Chart } = require('cdk8s');
      const { Construct } = require('constructs');
      const p = require(ROOT);
      const lib = path.join(path.dirname(ROOT), '..');
      const objects = require(path.join(lib, 'src/constructs/credentials/credential-objects.js'));
      const chart = new Chart(new App(), 'apps');
      const owner = { labels: { app: 'db' } };
      new p.Worker(chart, 'Worker', { image: p.Image.of('ghcr.io/acme/worker:1.0.0'), ports: [{ name: 'metrics', number: 9090 }], sidecars: [p.MetricsExporter.fromApp()] });
      const before = loaded();
      objects.renderExternalSecret(new Construct(chart, 'Es'), owner, { store: { name: 'vault', kind: 'ClusterSecretStore' }, remoteKey: 'db', passwordProperty: 'password', refreshSeconds: 3600 });
      objects.renderSealedSecret(new Construct(chart, 'Ss'), owner, { name: 'db', encryptedData: { password: 'AgB' }, scope: 'strict' });
      const kinds = chart.toJson().map(o => o.apiVersion + ' ' + o.kind).sort();
      const { ServiceMonitor } = require(path.join(lib, 'imports/monitoring.coreos.com.js'));
      console.log(JSON.stringify({
        before, after: loaded(), kinds,
        gvk: [p.SERVICE_MONITOR_API_VERSION, p.SERVICE_MONITOR_KIND], generated: [ServiceMonitor.GVK.apiVersion, ServiceMonitor.GVK.kind],
      }));`) as { before: string[]; after: string[]; kinds: string[]; gvk: string[]; generated: string[] };
    expect(result.before).toContain('lib/imports/monitoring.coreos.com.js');
    expect(result.before).not.toContain('lib/imports/external-secrets.io.js');
    expect(result.after).toEqual(expect.arrayContaining(['lib/imports/external-secrets.io.js', 'lib/imports/bitnami.com.js']));
    expect(result.kinds).toEqual(expect.arrayContaining([
      'bitnami.com/v1alpha1 SealedSecret', 'external-secrets.io/v1 ExternalSecret', 'monitoring.coreos.com/v1 ServiceMonitor',
    ]));
    expect(result.gvk).toEqual(result.generated);
  });

  test('the first Gateway, HttpRoute or Argo CD manifest loads its generated classes', () => {
    const loaded = runInPackage(`
      const { App, Chart } = require('cdk8s');
      const p = require(ROOT);
      const chart = new Chart(new App(), 'edge');
      const gateway = new p.Gateway(chart, 'Gw', { gatewayClassName: 'eg', listeners: [{ name: 'http', protocol: p.ListenerProtocol.HTTP, port: 80 }] });
      new p.HttpRoute(chart, 'Route', { parents: [p.RouteParent.gateway(gateway)], rules: [{ backends: [p.RouteBackend.serviceName('web', 80)] }] });
      chart.toJson();
      p.argoCdManifests([{ name: 'dev', namespace: 'shop-dev', folder: 'dev' }], { repoURL: 'https://git.example.com/shop.git' });
      console.log(JSON.stringify(loaded()));`) as string[];
    expect(loaded).toEqual(expect.arrayContaining([
      'lib/imports/gateway.networking.k8s.io.js', 'lib/imports/argoproj.io.js', 'lib/src/delivery/gitops/argo-cd.js',
    ]));
  });

  test('the lazily loaded functions of the package root are the functions of their modules: same name and results', () => {
    const results = runInPackage(`
      const p = require(ROOT);
      const lib = require('path').dirname(ROOT);
      const mod = m => require(require('path').join(lib, m));
      const deployment = (image) => ({ object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '250m', memory: '128Mi' } } }] } } } }, source: { file: 'web.yaml', line: 1 } });
      const before = [deployment('web:1')], after = [deployment('web:2')];
      const objects = after.map(o => o.object);
      const envs = [{ name: 'dev', namespace: 'shop-dev', folder: 'dev' }];
      const calls = {
        diffManifests: [mod('delivery/diff/diff-manifests'), [before, after]],
        hasChanges: [mod('delivery/diff/diff-manifests'), [p.diffManifests(before, after)]],
        hasRisk: [mod('delivery/diff/diff-manifests'), [p.diffManifests(before, after)]],
        diffFields: [mod('delivery/diff/field-diff'), [before[0].object, after[0].object]],
        deepEqual: [mod('delivery/diff/field-diff'), [{ a: 1, b: null }, { a: 1 }]],
        formatIdentity: [mod('delivery/diff/identity'), [p.identityOf(objects[0], '')]],
        identityOf: [mod('delivery/diff/identity'), [objects[0], 'prod']],
        qualifiedKind: [mod('delivery/diff/identity'), [{ group: 'apps', kind: 'Deployment' }]],
        environmentRewriter: [mod('delivery/diff/environments'), ['dev', 'shop-dev']],
        formatDiff: [mod('delivery/diff/format'), [p.diffManifests(before, after), p.DiffFormat.MARKDOWN]],
        formatDiffJson: [mod('delivery/diff/format'), [p.diffManifests(before, after)]],
        formatDiffMarkdown: [mod('delivery/diff/format'), [p.diffManifests(before, after)]],
        formatDiffText: [mod('delivery/diff/format-text'), [p.diffManifests(before, after)]],
        summaryLine: [mod('delivery/diff/format-text'), [p.diffManifests(before, after).summary]],
        buildGraph: [mod('delivery/graph/build-graph'), [objects]],
        toMermaid: [mod('delivery/graph/mermaid'), [p.buildGraph(objects)]],
        renderSvg: [mod('delivery/graph/svg'), [p.buildGraph(objects)]],
        capacityOf: [mod('delivery/graph/capacity'), [objects]],
        formatCapacity: [mod('delivery/graph/capacity-format'), [p.capacityOf(objects)]],
        formatCpu: [mod('delivery/graph/capacity-format'), [1500]],
        formatBytes: [mod('delivery/graph/capacity-format'), [134217728]],
        formatReplicas: [mod('delivery/graph/capacity-format'), [{ min: 2, max: 6, mode: p.ReplicaMode.AUTOSCALED }]],
        selectEnvironment: [mod('delivery/graph/environments'), [[{ name: 'dev', dir: 'dist/dev' }], 'dev']],
        argoCdManifests: [mod('delivery/gitops/argo-cd'), [envs, { repoURL: 'https://git.example.com/shop.git' }]],
        phaseOf: [mod('delivery/gitops/object-dependencies'), ['Namespace']],
        layoutGraph: [mod('delivery/graph/layout'), [p.buildGraph(objects), () => ({ width: 80, height: 20 })]],
      };
      const out = {};
      for (const [name, [module, args]] of Object.entries(calls)) {
        const json = v => JSON.stringify(v instanceof Map ? [...v] : typeof v === 'function' ? v('dev shop-dev') : v);
        out[name] = { name: p[name].name, same: json(p[name](...args)) === json(module[name](...args)) };
      }
      out.replicaRanges = { name: p.replicaRanges.name, same: JSON.stringify([...p.replicaRanges(objects)]) === JSON.stringify([...mod('delivery/graph/capacity').replicaRanges(objects)]) };
      const { App, Chart } = require('cdk8s');
      const app = new App();
      new p.WebApp(new Chart(app, 'shop'), 'Web', { image: p.Image.of('ghcr.io/acme/shop:1.4.2'), ports: [{ name: 'http', number: 8080 }] });
      out.computeSyncWaves = { name: p.computeSyncWaves.name, same: JSON.stringify([...p.computeSyncWaves(app).values()]) === JSON.stringify([...mod('delivery/gitops/sync-waves').computeSyncWaves(app).values()]) };
      // every function the barrels export is a forwarder with its function's name (classes are exported as they are)
      out.barrels = { name: 'barrels', same: ['diff', 'graph', 'gitops'].every(b => Object.entries(mod('delivery/' + b)).every(([k, v]) =>
        p[k] === v && (typeof v !== 'function' || v.name === k))) };
      console.log(JSON.stringify(out));`) as Record<string, { name: string; same: boolean }>;
    expect(Object.keys(results).length).toBe(29);
    for (const [name, result] of Object.entries(results)) {
      expect([name, result]).toEqual([name, { name, same: true }]);
    }
  });

  test('an ES module importing the package sees every export of require() by name (Node finds the lazy exports statically)', () => {
    const cjs = runInPackage('console.log(JSON.stringify(Object.keys(require(ROOT)).sort()));') as string[];
    const cwd = fs.mkdtempSync(path.join(stage, 'esm-'));
    try {
      const url = `file://${path.join(stage, 'lib/src/index.js')}`;
      const esm = run(process.execPath, ['--input-type=module', '-e',
        `import * as p from ${JSON.stringify(url)}; console.log(JSON.stringify(Object.keys(p).filter(k => k !== 'default' && k !== '__esModule').sort()));`], cwd);
      expect(cjs).toEqual(expect.arrayContaining(['diffManifests', 'renderSvg', 'argoCdManifests', 'ChangeType', 'WebApp', 'Gateway']));
      expect(JSON.parse(esm)).toEqual(cjs);
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  test('the enums, constants and error classes are the ones the modules use (no second copy)', () => {
    const out = runInPackage(`
      const p = require(ROOT);
      const lib = require('path').dirname(ROOT);
      const mod = m => require(require('path').join(lib, m));
      const pairs = [
        [p.ChangeType, mod('delivery/diff/diff-manifests').ChangeType], [p.FieldOp, mod('delivery/diff/field-diff').FieldOp],
        [p.RiskRule, mod('delivery/diff/risk').RiskRule], [p.DiffFormat, mod('delivery/diff/format').DiffFormat],
        [p.DiffInputError, mod('delivery/diff/inputs').DiffInputError], [p.NAMED_LISTS, mod('delivery/diff/field-diff').NAMED_LISTS],
        [p.ReplicaMode, mod('delivery/graph/capacity').ReplicaMode], [p.CapacityFormat, mod('delivery/graph/capacity-format').CapacityFormat],
        [p.EnvironmentError, mod('delivery/graph/environments').EnvironmentError], [p.SyncPhase, mod('delivery/gitops/object-dependencies').SyncPhase],
        [p.SYNC_WAVE_ANNOTATION, mod('delivery/gitops/sync-waves').SYNC_WAVE_ANNOTATION],
      ];
      let thrown;
      try { p.selectEnvironment([], 'prod'); } catch (e) { thrown = e; }
      console.log(JSON.stringify([pairs.every(([a, b]) => a === b), thrown instanceof p.EnvironmentError]));`);
    expect(out).toEqual([true, true]);
  });
});
