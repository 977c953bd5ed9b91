/**
 * The rule catalog (issue #14): every built-in rule's metadata without its code, generated from the
 * rules (`npm run gen:rules`), and the plan that loads a rule's module only when the rule runs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG_FILE, ruleCatalogSource } from '../../scripts/gen-rule-catalog';
import { ValidationLevel } from '../../src/validation/config';
import { ValidationPlan } from '../../src/validation/engine-plan';
import { builtinRules } from '../../src/validation/engine-rules';
import { ObjectRule, Rule } from '../../src/validation/rule';
import * as catalog from '../../src/validation/rules/catalog';
import { API_RULES } from '../../src/validation/rules/api';
import { CROSS_RULES } from '../../src/validation/rules/cross';
import { POLICY_RULES } from '../../src/validation/rules/policy';
import { SCHEMA_RULES } from '../../src/validation/schema/rules';
import { Layer, Severity } from '../../src/validation/types';

const ROOT = path.resolve(__dirname, '../..');
const EVERY_RULE: readonly Rule[] = [...SCHEMA_RULES, ...API_RULES, ...CROSS_RULES, ...POLICY_RULES];

describe('the generated rule catalog', () => {
  test('regenerating it from the rules changes nothing (run `npm run gen:rules`)', () => {
    expect(fs.readFileSync(CATALOG_FILE, 'utf8') === ruleCatalogSource()).toBe(true);
  }, 60_000);

  test('lists every rule of the layer lists, in their order, with the same metadata', () => {
    expect(catalog.ruleCatalog().map((e) => e.id)).toEqual(EVERY_RULE.map((r) => r.id));
    for (const [i, entry] of catalog.ruleCatalog().entries()) {
      const rule = EVERY_RULE[i];
      expect({ ...entry, module: undefined, exportName: undefined, index: undefined }).toEqual({
        id: rule.id, layer: rule.layer, defaultSeverity: rule.defaultSeverity, description: rule.description, example: rule.example,
        scope: rule.scope, kinds: rule.scope === 'object' ? rule.kinds : undefined, module: undefined, exportName: undefined, index: undefined,
      });
    }
  });

  test('each entry loads the very rule object the layer lists hold; builtinRules() is that list', () => {
    const loaded = catalog.ruleCatalog().map(catalog.loadCatalogRule);
    loaded.forEach((rule, i) => expect(rule).toBe(EVERY_RULE[i]));
    builtinRules().forEach((rule, i) => expect(rule).toBe(EVERY_RULE[i]));
  });

  test('a stale entry is a clear error', () => {
    const entry = catalog.ruleCatalog().find((e) => e.id === 'api/deployment')!;
    expect(() => catalog.loadCatalogRule({ ...entry, exportName: 'SERVICE_RULE' })).toThrow(
      'the rule catalog is stale: api/workloads.SERVICE_RULE is not rule "api/deployment" (run `npm run gen:rules`)');
    expect(() => catalog.loadCatalogRule({ ...entry, module: 'api/gone' })).toThrow('the rule catalog is stale: api/gone.');
  });
});

describe('ValidationPlan loads only the rules that run', () => {
  let loadedIds: string[];
  beforeEach(() => {
    loadedIds = [];
    const real = catalog.loadCatalogRule;
    jest.spyOn(catalog, 'loadCatalogRule').mockImplementation((entry) => {
      loadedIds.push(entry.id);
      return real(entry);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  test('--level api: no cross or policy rule; the API rules of a kind on its first object', () => {
    const plan = new ValidationPlan({ level: ValidationLevel.API });
    expect(loadedIds).toEqual([]);
    // the report still lists every active rule, from the catalog
    expect(plan.activeRules.map((r) => r.id)).toEqual(['engine/type-meta', 'engine/suppression-reason', 'engine/unknown-suppression', 'engine/rule-failure',
      ...EVERY_RULE.filter((r) => r.layer === Layer.SCHEMA || r.layer === Layer.API).map((r) => r.id)]);
    const rules = plan.objectRulesFor('ConfigMap', 'v1');
    expect(rules.map((p) => p.rule.id)).toEqual([...SCHEMA_RULES.filter((r) => r.kinds === undefined).map((r) => r.id), 'api/metadata', 'api/configmap']);
    expect(loadedIds.filter((id) => !id.startsWith('schema/'))).toEqual(['api/metadata', 'api/configmap']);
    expect(plan.objectRulesFor('ConfigMap', 'v1')).toBe(rules);
    // a kind without kind-specific rules, and a kind name served by another apiVersion: the rules of any kind
    const anyKind = plan.objectRulesFor('Widget', 'example.com/v1');
    expect(anyKind.map((p) => p.rule.id)).toEqual([...SCHEMA_RULES.filter((r) => r.kinds === undefined).map((r) => r.id), 'api/metadata']);
    expect(plan.objectRulesFor('Deployment', 'extensions/v1beta1')).toBe(anyKind);
    expect(loadedIds.some((id) => id.startsWith('cross/') || id.startsWith('policy/') || id === 'api/deployment')).toBe(false);
  });

  test('policy level: every bundle rule when the plan is made, object rules per kind', () => {
    const plan = new ValidationPlan({});
    const bundle = EVERY_RULE.filter((r) => r.scope === 'bundle');
    expect(plan.bundleRules.map((p) => p.rule)).toEqual(bundle);
    plan.bundleRules.forEach((p, i) => expect(p.rule).toBe(bundle[i]));
    expect(loadedIds).toEqual(bundle.map((r) => r.id));
    const deployment = plan.objectRulesFor('Deployment', 'apps/v1');
    const expected = EVERY_RULE.filter((r): r is ObjectRule => r.scope === 'object' && (r.kinds === undefined || r.kinds.includes('Deployment')));
    deployment.forEach((p, i) => expect(p.rule).toBe(expected[i]));
    expect(deployment).toHaveLength(expected.length);
    expect(loadedIds).not.toContain('api/service');
    expect(loadedIds).not.toContain('policy/node-port');
  });

  test('severity overrides, suppression names and strict mode come from the catalog without loading a rule', () => {
    const plan = new ValidationPlan({ level: ValidationLevel.API, strict: true, rules: { 'latest-tag': Severity.OFF, 'api/deployment': Severity.WARNING } });
    expect(plan.knownNames.has('latest-tag')).toBe(true);
    expect(plan.knownNames.has('pdb-missing')).toBe(true);
    expect(plan.activeRules.find((r) => r.id === 'api/deployment')).toEqual({ ...metaOf(API_RULES.find((r) => r.id === 'api/deployment')!), severity: Severity.WARNING });
    expect(plan.activeRules.find((r) => r.id === 'schema/unknown-kind')!.severity).toBe(Severity.ERROR);
    expect(loadedIds).toEqual([]);
    expect(() => new ValidationPlan({ rules: { 'latest-tagz': Severity.OFF } })).toThrow('unknown rule "latest-tagz" in severity overrides');
  });

  test('a custom rule set is used as given, nothing loaded from the catalog', () => {
    const rule = API_RULES.find((r) => r.id === 'api/service')!;
    const plan = new ValidationPlan({ ruleSet: [rule] });
    expect(plan.objectRulesFor('Service', 'v1').map((p) => p.rule)).toEqual([rule]);
    expect(plan.objectRulesFor('Deployment', 'apps/v1')).toEqual([]);
    expect(loadedIds).toEqual([]);
  });
});

/** Runs a script under tsx in the project root; what it prints to stdout, parsed as JSON. */
function runScript(script: string): unknown {
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['-e', script], { cwd: ROOT, encoding: 'utf-8' });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout);
}

// What a small run loads besides its rules: the cross rules' helpers (`rules/cross/_support`), the
// CRD catalog and structural check (issue #14: start-up of `validate`).
const LOADED_SUPPORT = `
  const relative = (dir) => Object.keys(require.cache).map((f) => require('path').relative(dir, f)).filter((f) => !f.startsWith('..'));
  const support = [...relative('src/validation/rules/cross/_support').map((f) => 'cross/_support/' + f),
    ...relative('src/validation/crd').map((f) => 'crd/' + f)].sort();
`;

test('validate of one ConfigMap at --level api loads no cross or policy rule module and only the ConfigMap API modules', () => {
  const script = `
    const { validate, ValidationLevel } = require('./src/validation');
    const report = validate([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } }], { level: ValidationLevel.API });
    const rules = Object.keys(require.cache).map((f) => require('path').relative('src/validation/rules', f)).filter((f) => !f.startsWith('..'));
    ${LOADED_SUPPORT}
    console.log(JSON.stringify({ findings: report.findings.length, rules: rules.filter((f) => !f.startsWith('common/') && !f.includes('_support')).sort(), support }));
  `;
  expect(runScript(script)).toEqual({
    findings: 0,
    rules: ['api/config.ts', 'api/metadata.ts', 'catalog.generated.ts', 'catalog.ts'],
    // the engine's CRD run (crd/run) and the CRD test (crd/manifest) only: no catalog until a CRD or custom resource comes
    support: ['crd/manifest.ts', 'crd/run.ts'],
  });
}, 60_000);

test('validate loads the cross helpers with the bundle rules, the CRD catalog with the first CRD or custom resource, the messages with the first schema error', () => {
  // the engine as the CLI loads it (the library's barrel exports a function of schema/messages)
  const script = `
    const { validate } = require('./src/validation/engine');
    const { ValidationLevel } = require('./src/validation/config');
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } } };
    const steps = [];
    const step = (name, objects, level) => {
      const report = validate(objects, { level });
      ${LOADED_SUPPORT}
      const messages = Object.keys(require.cache).some((f) => f.endsWith('/src/validation/schema/messages.ts'));
      steps.push({ name, findings: report.findings.map((f) => f.rule), support, messages });
    };
    step('valid Deployment, api', [deployment], ValidationLevel.API);
    step('invalid Deployment, api', [{ ...deployment, spec: { ...deployment.spec, replicas: 'two' } }], ValidationLevel.API);
    step('unknown kind, api', [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }], ValidationLevel.API);
    step('valid Deployment, policy', [deployment], ValidationLevel.POLICY);
    step('a CRD, api', [{ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }] } }], ValidationLevel.API);
    console.log(JSON.stringify(steps));
  `;
  // one process: each step adds to what the steps before it loaded
  const base = ['crd/manifest.ts', 'crd/run.ts'];
  const catalog = ['crd/catalog.ts', 'crd/compact.ts', ...base];
  const cross = ['cross/_support/bundle-index.ts', 'cross/_support/pod.ts', 'cross/_support/scope.ts', 'cross/_support/selector.ts'];
  expect(runScript(script)).toEqual([
    { name: 'valid Deployment, api', findings: [], support: base, messages: false },
    { name: 'invalid Deployment, api', findings: ['schema/strict'], support: base, messages: true },
    { name: 'unknown kind, api', findings: ['schema/unknown-kind'], support: catalog, messages: true },
    { name: 'valid Deployment, policy', findings: expect.arrayContaining(['policy/pod-security']), support: [...catalog, ...cross], messages: true },
    { name: 'a CRD, api', findings: [], support: [...catalog, 'crd/structural-check.ts', ...cross], messages: true },
  ]);
}, 60_000);

test('schema and API rules do not use the cross rules\' helpers (the engine forgets pod templates only for cross and policy rules)', () => {
  const script = `
    const catalog = require('./src/validation/rules/catalog');
    for (const entry of catalog.ruleCatalog()) if (entry.layer === 'schema' || entry.layer === 'api') catalog.loadCatalogRule(entry);
    ${LOADED_SUPPORT}
    console.log(JSON.stringify(support.filter((f) => f.startsWith('cross/'))));
  `;
  expect(runScript(script)).toEqual([]);
}, 60_000);

function metaOf(rule: Rule): object {
  return { id: rule.id, layer: rule.layer, defaultSeverity: rule.defaultSeverity, description: rule.description, example: rule.example };
}
