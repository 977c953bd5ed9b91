/**
 * `cdk8s-patterns graph` on output folders: per-environment folders with a kustomization.yaml,
 * and the example apps' flat `dist/` (one unnamed environment).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOMParser } from '@xmldom/xmldom';
import { runGraph } from '../../src/cli/commands/graph';
import { listEnvironments } from '../../src/delivery/graph';
import { toYamlDocuments } from '../../src/synth';
import { FIXTURE } from '../delivery/graph/fixture';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

jest.setTimeout(120_000);

let tmp: string;
beforeEach(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-graph-')); });
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes `dist/<env>/app.k8s.yaml` + kustomization.yaml for each environment. */
function envLayout(envs: Record<string, string>): string {
  const dist = path.join(tmp, 'dist');
  for (const [env, yaml] of Object.entries(envs)) {
    fs.mkdirSync(path.join(dist, env), { recursive: true });
    fs.writeFileSync(path.join(dist, env, 'app.k8s.yaml'), yaml);
    fs.writeFileSync(path.join(dist, env, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - app.k8s.yaml\n');
  }
  return dist;
}

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => { out.stdout += t; }, stderr: (t: string) => { out.stderr += t; } } };
}

function svgNodeIds(file: string): string[] {
  const doc = new DOMParser().parseFromString(fs.readFileSync(file, 'utf8'), 'image/svg+xml');
  return Array.from(doc.getElementsByTagName('g')).filter(g => (g.getAttribute('class') ?? '').startsWith('node ')).map(g => g.getAttribute('id')!);
}

test('writes <env>.mmd and <env>.svg for every environment and prints the capacity tables', () => {
  const yaml = toYamlDocuments(FIXTURE as Array<Record<string, unknown>>);
  const dist = envLayout({ prod: yaml, dev: yaml });
  const out = path.join(tmp, 'graph');
  const { out: printed, io } = capture();
  expect(runGraph({ dir: dist, out, capacity: true }, io)).toBe(0);
  expect(fs.readdirSync(out).sort()).toStrictEqual(['dev.mmd', 'dev.svg', 'prod.mmd', 'prod.svg']);
  expect(printed.stderr).toBe('');
  expect(printed.stdout).toContain(`Wrote 4 files to ${out}/\n  - ${out}/dev.mmd\n  - ${out}/dev.svg\n  - ${out}/prod.mmd\n  - ${out}/prod.svg\n`);
  expect(printed.stdout).toContain('Capacity of dev\n');
  expect(printed.stdout).toMatch(/^ +Total +3\.81–4\.71 +8\.45–11\.45\+ +3\.91Gi–4\.84Gi +7\.56Gi–9\.06Gi\+ +50Gi$/m);
  expect(svgNodeIds(path.join(out, 'prod.svg'))).toContain('node-sts_shop__db');
  expect(fs.readFileSync(path.join(out, 'prod.mmd'), 'utf8')).toMatch(/^flowchart LR$/m);
});

test('--env picks one environment and --format one file type', () => {
  const yaml = toYamlDocuments(FIXTURE as Array<Record<string, unknown>>);
  const dist = envLayout({ prod: yaml, dev: yaml });
  const out = path.join(tmp, 'graph');
  expect(runGraph({ dir: dist, out, env: 'prod', format: 'svg' }, capture().io)).toBe(0);
  expect(fs.readdirSync(out)).toStrictEqual(['prod.svg']);
});

test('an unknown environment is a usage error listing the known ones, and nothing is written', () => {
  const dist = envLayout({ prod: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', dev: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' });
  const out = path.join(tmp, 'graph');
  const result = spawnSync(TSX, [path.join(ROOT, 'src/cli/main.ts'), 'graph', '--dir', dist, '--env', 'staging', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toStrictEqual({
    status: 2,
    stdout: '',
    stderr: 'error: unknown environment "staging"; known environments: dev, prod\n',
  });
  expect(fs.existsSync(out)).toBe(false);
});

test('an environment that does not parse is an error, and nothing is written', () => {
  const dist = envLayout({ prod: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', dev: 'kind: [unclosed\n' });
  const out = path.join(tmp, 'graph');
  const { out: printed, io } = capture();
  expect(runGraph({ dir: dist, out }, io)).toBe(2);
  expect(printed.stderr).toMatch(/^error: environment "dev" does not parse:\n {2}- .*dev\/app\.k8s\.yaml:\d+: yaml: /);
  expect(fs.existsSync(out)).toBe(false);
});

test('draws the example apps\' dist (every environment E1 writes, or the flat folder as one)', () => {
  const dist = path.join(tmp, 'dist');
  const synth = spawnSync(TSX, [path.join(ROOT, 'src/apps/main.ts'), '--out', dist], { cwd: ROOT, encoding: 'utf8' });
  expect(synth.status).toBe(0);
  const envs = listEnvironments(dist).map(e => e.name);
  const out = path.join(tmp, 'graph');
  const { out: printed, io } = capture();
  expect(runGraph({ dir: dist, out, capacity: true }, io)).toBe(0);
  expect(fs.readdirSync(out).sort()).toStrictEqual(envs.flatMap(e => [`${e}.mmd`, `${e}.svg`]).sort());
  const env = envs.includes('prod') ? 'prod' : envs[0];
  const ids = svgNodeIds(path.join(out, `${env}.svg`));
  const H = 'c8[0-9a-f]{6}';
  for (const pattern of [
    `ing_\\w+__\\w*miniflux_web_ingress_${H}`, `svc_\\w+__\\w*miniflux_web_service_${H}`, `deploy_\\w+__\\w*miniflux_web_${H}`,
    `sts_\\w+__\\w*miniflux_db_${H}`, `cj_\\w+__\\w*miniflux_cleanup_${H}`, 'secret_\\w+__miniflux_db', `pvc_\\w+__data_\\w*miniflux_db_${H}__`,
    `deploy_\\w+__\\w*podinfo_${H}`,
  ]) {
    expect([pattern, ids.filter(id => new RegExp(`^node-${pattern}$`).test(id)).length]).toStrictEqual([pattern, 1]);
  }
  const svg = fs.readFileSync(path.join(out, `${env}.svg`), 'utf8');
  expect(svg).toMatch(new RegExp(`<g class="edge edge-connects" data-from="deploy_\\w+__\\w*miniflux_web_${H}" data-to="svc_\\w+__\\w*miniflux_db_service_${H}">`));
  expect(printed.stdout).toMatch(/^\S+ +\S*podinfo-c8[0-9a-f]{6} +Deployment +\d+(–\d+ \(HPA\))? /m);
});
