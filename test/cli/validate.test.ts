/**
 * Acceptance tests of `cdk8s-patterns validate`, run as a child process like a user would.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DOMParser } from '@xmldom/xmldom';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(ROOT, 'src/cli/main.ts');
jest.setTimeout(60_000);

let dir: string;

/** A Deployment that passes the schema and API layers. */
const VALID_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

/** Schema errors on lines 7 and 17. */
const BAD_DEPLOYMENT = VALID_DEPLOYMENT.replace('replicas: 2', 'replicas: two').replace('image: nginx:1.25', 'image: nginx:1.25\n          imagePulPolicy: Always');

function run(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [MAIN, 'validate', ...args], { cwd: dir, input, encoding: 'utf-8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return name;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-cli-'));
  write('valid.yaml', VALID_DEPLOYMENT);
  write('bad.yaml', BAD_DEPLOYMENT);
  write('input/malformed.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n');
  write('input/list-doc.yaml', '- a\n- b\n');
  write('input/no-kind.yaml', 'apiVersion: v1\nmetadata:\n  name: x\n');
  write('input/empty.yaml', '');
  write('input/binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  write('input/README.md', '# not a manifest');
  write('input/zz-valid.yaml', VALID_DEPLOYMENT);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('exit 0 and a summary line for a valid file at level api', () => {
  const { code, stdout, stderr } = run(['--level', 'api', 'valid.yaml']);
  expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '0 errors, 0 warnings (1 object checked)\n', stderr: '' });
});

test('exit 1 with text findings that name file, line, field and rule', () => {
  const { code, stdout } = run(['--level', 'api', 'bad.yaml']);
  expect(code).toBe(1);
  expect(stdout).toBe([
    'bad.yaml',
    '  Deployment default/web',
    '    error    line 7  spec.replicas: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32  [schema/strict]',
    '    error    line 17  spec.template.spec.containers[0].imagePulPolicy: strict decoding error: unknown field "spec.template.spec.containers[0].imagePulPolicy"  [schema/strict]',
    '',
    '2 errors, 0 warnings (1 object checked)',
    '',
  ].join('\n'));
});

test('exit 2 for bad input: every problem has a file and line, no stack trace, and the other files are still checked', () => {
  const { code, stdout, stderr } = run(['--level', 'api', '--format', 'json', 'input', 'missing.yaml']);
  expect(code).toBe(2);
  const report = JSON.parse(stdout);
  expect(report.summary.objects).toBe(1);
  expect(report.ok).toBe(false);
  const problems: { file: string; line?: number; message: string }[] = report.inputProblems;
  expect([...new Set(problems.map((p) => p.file))]).toEqual([
    'input/binary.yaml', 'input/empty.yaml', 'input/list-doc.yaml', 'input/malformed.yaml', 'input/no-kind.yaml', 'missing.yaml',
  ]);
  expect(problems.find((p) => p.file === 'missing.yaml')).toEqual({ file: 'missing.yaml', message: 'no such file or folder' });
  for (const problem of problems.filter((p) => p.file !== 'missing.yaml')) {
    expect(problem.line).toEqual(expect.any(Number));
    expect(problem.message.length).toBeGreaterThan(10);
  }
  expect(stderr).toBe('note: input: skipped 1 file without a .yaml, .yml or .json extension (input/README.md)\n');
  expect(`${stdout}${stderr}`).not.toMatch(/\n\s+at /);
});

test('reads standard input for -', () => {
  const { code, stdout } = run(['--level', 'api', '--format', 'json', '-'], BAD_DEPLOYMENT);
  expect(code).toBe(1);
  const report = JSON.parse(stdout);
  expect(report.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['-:7', '-:17']);
});

test('SARIF output has the required structure', () => {
  const { code, stdout } = run(['--level', 'api', '--format', 'sarif', 'bad.yaml']);
  expect(code).toBe(1);
  const log = JSON.parse(stdout);
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toContain('sarif-2.1.0');
  const run0 = log.runs[0];
  expect(run0.tool.driver.name).toBe('cdk8s-patterns');
  const ruleIds = run0.tool.driver.rules.map((r: { id: string }) => r.id);
  expect(ruleIds).toContain('schema/strict');
  expect(run0.results).toHaveLength(2);
  for (const result of run0.results) {
    expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('bad.yaml');
    expect(result.locations[0].physicalLocation.region.startLine).toEqual(expect.any(Number));
  }
});

test('JUnit output parses back with one test case per object, written with --output', () => {
  const { code, stdout, stderr } = run(['--level', 'api', '--format', 'junit', '--output', 'report.xml', 'bad.yaml', 'valid.yaml']);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toBe('2 errors, 0 warnings; report written to report.xml\n');
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } })
    .parseFromString(fs.readFileSync(path.join(dir, 'report.xml'), 'utf-8'), 'text/xml');
  expect(errors).toEqual([]);
  const cases = Array.from(doc.getElementsByTagName('testcase'));
  expect(cases.map((c) => `${c.getAttribute('classname')}: ${c.getAttribute('name')} (${c.getElementsByTagName('failure').length})`))
    .toEqual(['bad.yaml: Deployment default/web (2)', 'valid.yaml: Deployment default/web (0)']);
});

test('config file, --severity, --external and suppressions work together', () => {
  write('cfg/validate.yaml', 'level: cross\nrules:\n  schema/strict: warning\nexternal:\n  - Namespace/default\n');
  write('cfg/svc.yaml', [
    'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  namespace: default', '  annotations:',
    '    ignore-check.cdk8s-patterns.io/service-selector: "pods come from the operator"',
    'spec:', '  selector: {app: operator}', '  ports: [{port: 80}]', '',
  ].join('\n'));
  const { code, stdout } = run(['--config', 'cfg/validate.yaml', '--severity', 'strict=info', '--format', 'json', 'bad.yaml', 'cfg/svc.yaml']);
  expect(code).toBe(0);
  const report = JSON.parse(stdout);
  expect(report.level).toBe('cross');
  expect(report.findings.map((f: { rule: string; severity: string }) => `${f.rule} ${f.severity}`)).toEqual(['schema/strict info', 'schema/strict info']);
  expect(report.suppressed.map((f: { rule: string; reason: string }) => `${f.rule}: ${f.reason}`))
    .toEqual(['cross/service-selector: pods come from the operator']);
});

test.each([
  [['--severity', 'latest-tagz=off', 'valid.yaml'], 'error: unknown rule "latest-tagz" in severity overrides; use a rule id such as "policy/latest-tag" (list them with: cdk8s-patterns validate --list-rules)\n'],
  [['--severity', 'latest-tag', 'valid.yaml'], 'error: --severity "latest-tag": expected <rule>=<severity>, e.g. policy/latest-tag=warning\n'],
  [['--external', 'Secret', 'valid.yaml'], 'error: --external "Secret": expected Kind/namespace/name or Kind/name (optionally :key1,key2), e.g. Secret/prod/db-credentials\n'],
  [['--config', 'nope.yaml', 'valid.yaml'], 'error: --config nope.yaml: cannot read the file (ENOENT)\n'],
  [[], 'error: no input; give files, folders, or - for standard input (see validate --help)\n'],
])('usage error %j exits 2 with a clear message', (args, message) => {
  expect(run(args)).toEqual({ code: 2, stdout: '', stderr: message });
});

test('an unknown option or level value is a usage error (exit 2)', () => {
  const { code, stderr } = run(['--level', 'deep', 'valid.yaml']);
  expect(code).toBe(2);
  expect(stderr).toContain('error: option \'--level <level>\' argument \'deep\' is invalid. Allowed choices are api, cross, policy.');
});

test('--list-rules lists every layer with its effective severity', () => {
  const { code, stdout } = run(['--list-rules', '--level', 'api', '--format', 'json']);
  expect(code).toBe(0);
  const rules: { id: string; severity: string; layer: string }[] = JSON.parse(stdout);
  expect(new Set(rules.map((r) => r.layer))).toEqual(new Set(['schema', 'api', 'cross', 'policy']));
  expect(rules.find((r) => r.id === 'schema/strict')?.severity).toBe('error');
  expect(rules.find((r) => r.id === 'policy/latest-tag')?.severity).toBe('off');
});

describe('the custom resources the library emits are known without registration', () => {
  const SERVICE_MONITOR = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  namespace: default
spec:
  selector:
    matchLabels: {app: web}
  endpoints:
    - port: metrics
      intervall: 30s
`;
  const CUSTOM_RESOURCES = `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: db
  namespace: default
spec:
  refreshInterval: 1h
  secretStoreRef: {kind: ClusterSecretStore, name: vault}
  target: {name: db, creationPolicy: Owner}
  data:
    - secretKey: password
      remoteRef: {key: db, property: password}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata:
  name: db-sealed
  namespace: default
spec:
  encryptedData:
    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq
  template:
    type: Opaque
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
  namespace: default
spec:
  project: default
  destination: {server: 'https://kubernetes.default.svc', namespace: default}
  source: {repoURL: 'https://github.com/acme/shop.git', path: dist/prod, targetRevision: main}
  syncPolicy:
    automated: {prune: true, selfHeal: true}
`;

  test('a ServiceMonitor with an unknown field is a schema/strict error, not an unknown kind', () => {
    write('crds/service-monitor.yaml', SERVICE_MONITOR);
    const { code, stdout, stderr } = run(['--level', 'api', 'crds/service-monitor.yaml']);
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
    expect(stdout).toBe([
      'crds/service-monitor.yaml',
      '  ServiceMonitor default/web',
      '    error    line 11  spec.endpoints[0].intervall: strict decoding error: unknown field "spec.endpoints[0].intervall"  [schema/strict]',
      '',
      '1 error, 0 warnings (1 object checked)',
      '',
    ].join('\n'));
    expect(stdout).not.toContain('schema/unknown-kind');
  });

  test('a valid ExternalSecret, SealedSecret and Application give no finding', () => {
    write('crds/custom-resources.yaml', CUSTOM_RESOURCES);
    expect(run(['--level', 'api', 'crds/custom-resources.yaml']))
      .toEqual({ code: 0, stdout: '0 errors, 0 warnings (3 objects checked)\n', stderr: '' });
    const json = run(['--level', 'api', '--format', 'json', 'crds/custom-resources.yaml']);
    const report = JSON.parse(json.stdout);
    expect([report.summary.objects, report.findings]).toEqual([3, []]);
  });
});
