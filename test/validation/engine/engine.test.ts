import { BundleScope, ValidationLevel } from '../../../src/validation/config';
import { createValidator, validate } from '../../../src/validation/engine';
import { PodSecurityLevel } from '../../../src/validation/rule';
import { Severity, SourcedObject } from '../../../src/validation/types';
import { broken, danglingService, deployment, fromConstructs, fromFile, service, TEST_RULES } from './fixtures';

const SUPPRESS = 'ignore-check.cdk8s-patterns.io/';

describe('validate', () => {
  test('a bundle with problems in every layer gives a sorted report with counts', () => {
    // GIVEN a bad Deployment, a Service selecting nothing, a Service with an upper-case name
    const objects = fromConstructs(
      deployment('web', { image: 'nginx:latest', replicas: 'two' }),
      service('Web', 'web'),
      service('orphan', 'nothing'),
    );
    // WHEN
    const report = validate(objects, { ruleSet: TEST_RULES });
    // THEN
    expect(report).toMatchSnapshot();
    expect(report.ok).toBe(false);
    expect(report.counts).toEqual({ error: 4, warning: 0, info: 1 });
    expect(report.objectCount).toBe(3);
    expect(report.findings.map((f) => `${f.constructPath} ${f.rule} ${f.path}`)).toEqual([
      'app/Web/Resource api/lower-name metadata.name',
      'app/orphan/Resource cross/dangling-service spec.selector',
      'app/web/Resource policy/pss-echo ',
      'app/web/Resource schema/replicas-type spec.replicas',
      'app/web/Resource policy/latest-tag spec.template.spec.containers[0].image',
    ]);
  });

  test('an object changed between two runs is read afresh (nothing derived from it is kept across runs)', () => {
    const web = deployment('web');
    const latestTag = (objects: SourcedObject[]): string[] =>
      validate(objects).findings.filter((f) => f.rule === 'policy/latest-tag').map((f) => f.path);
    expect(latestTag(fromConstructs(web))).toEqual([]);
    const podSpec = (web.spec as { template: { spec: { containers: unknown[] } } }).template.spec;
    podSpec.containers.push({ name: 'sidecar', image: 'busybox:latest' });
    expect(latestTag(fromConstructs(web))).toEqual(['spec.template.spec.containers[1].image']);
    // the schema result too
    (web.spec as Record<string, unknown>).replicas = 'two';
    expect(validate(fromConstructs(web)).findings.filter((f) => f.rule === 'schema/strict').map((f) => f.path)).toEqual(['spec.replicas']);
  });

  test('a clean bundle is ok and only has the info finding', () => {
    const report = validate(fromConstructs(deployment('web'), service('web', 'web')), { ruleSet: TEST_RULES });
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([{
      rule: 'policy/pss-echo', layer: 'policy', severity: 'info', path: '', message: 'Forbidden: restricted',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' }, constructPath: 'app/web/Resource',
    }]);
  });

  test.each([
    [ValidationLevel.API, ['api/lower-name', 'schema/replicas-type']],
    [ValidationLevel.CROSS, ['api/lower-name', 'cross/dangling-service', 'schema/replicas-type']],
    [ValidationLevel.POLICY, ['api/lower-name', 'cross/dangling-service', 'policy/latest-tag', 'policy/pss-echo', 'schema/replicas-type']],
  ])('level %s runs only its layers', (level, rules) => {
    const objects = fromConstructs(deployment('web', { image: 'x:latest', replicas: 'x' }), service('Web', 'none'));
    const report = validate(objects, { ruleSet: TEST_RULES, level });
    expect([...new Set(report.findings.map((f) => f.rule))].sort()).toEqual(rules);
    expect(report.level).toBe(level);
  });

  test('severity overrides by id and by name; off disables a rule', () => {
    const objects = fromConstructs(deployment('web', { image: 'x:latest' }), service('orphan', 'none'));
    const report = validate(objects, {
      ruleSet: TEST_RULES,
      rules: { 'policy/latest-tag': Severity.WARNING, 'dangling-service': Severity.OFF, 'pss-echo': Severity.ERROR },
    });
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['policy/pss-echo', 'error'],
      ['policy/latest-tag', 'warning'],
    ]);
    expect(report.rules.find((r) => r.id === 'cross/dangling-service')).toBeUndefined();
    expect(report.rules.find((r) => r.id === 'policy/latest-tag')?.severity).toBe(Severity.WARNING);
  });

  test('an override naming an unknown rule is a configuration error', () => {
    expect(() => validate([], { ruleSet: TEST_RULES, rules: { 'policy/latst-tag': Severity.OFF } })).toThrow(
      'unknown rule "policy/latst-tag" in severity overrides; use a rule id such as "policy/latest-tag" (list them with: cdk8s-patterns validate --list-rules)');
  });

  test('the rule context carries the PSS level and the external objects', () => {
    const report = validate(fromConstructs(deployment('web')), {
      ruleSet: TEST_RULES, podSecurity: PodSecurityLevel.BASELINE, external: [{ kind: 'Secret', name: 'tls' }],
    });
    expect(report.findings.map((f) => f.message)).toEqual(['Forbidden: baseline Secret/tls']);
  });

  test('file sources give the line of the field path, looked up only for findings', () => {
    const lookups: string[] = [];
    const objects: SourcedObject[] = fromFile('deploy.yaml', deployment('web'), deployment('api', { replicas: 'x' }))
      .map(({ object, source }) => ({ object, source: { ...source, lineOf: (p: string) => { lookups.push(p); return source.lineOf!(p); } } }));
    const report = validate(objects, { ruleSet: TEST_RULES, level: ValidationLevel.API });
    expect(report.findings).toEqual([expect.objectContaining({ file: 'deploy.yaml', line: 23, path: 'spec.replicas', rule: 'schema/replicas-type' })]);
    expect(lookups).toEqual(['spec.replicas']);
  });
});

describe('object shape and unknown kinds', () => {
  test('objects without apiVersion/kind or that are not mappings are reported and skipped', () => {
    const objects: SourcedObject[] = [
      { object: { kind: 'Deployment', metadata: { name: 'a' } }, source: { file: 'a.yaml', line: 1 } },
      { object: { metadata: { name: 'b' } }, source: { file: 'a.yaml', line: 5 } },
      { object: ['x'] as never, source: { file: 'a.yaml', line: 9 } },
    ];
    const report = validate(objects, { ruleSet: TEST_RULES });
    expect(report.findings.map((f) => `${f.line} ${f.rule} ${f.path}: ${f.message}`)).toEqual([
      '1 engine/type-meta apiVersion: Required value: apiVersion is required',
      '5 engine/type-meta apiVersion: Required value: apiVersion is required',
      '5 engine/type-meta kind: Required value: kind is required',
      '9 engine/type-meta : Invalid value: a list: a Kubernetes object must be a mapping',
    ]);
  });

  test('an unknown kind is a warning, and an error in strict mode', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const lax = validate(fromConstructs(widget), { ruleSet: TEST_RULES });
    expect(lax.findings).toEqual([expect.objectContaining({
      rule: 'schema/unknown-kind', severity: 'warning', path: 'kind', message: 'no schema for kind "Widget" in version "example.com/v1"',
    })]);
    expect(lax.ok).toBe(true);
    const strict = validate(fromConstructs(widget), { ruleSet: TEST_RULES, strict: true });
    expect(strict.findings.map((f) => f.severity)).toEqual(['error']);
    expect(strict.ok).toBe(false);
    // an explicit severity wins over strict mode
    expect(validate(fromConstructs(widget), { ruleSet: TEST_RULES, strict: true, rules: { 'unknown-kind': Severity.INFO } }).ok).toBe(true);
  });

  test('a rule that throws becomes an engine/rule-failure finding and the other rules still run', () => {
    const report = validate(fromConstructs({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Cfg' } }), {
      ruleSet: [...TEST_RULES, broken],
    });
    expect(report.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      'engine/rule-failure: Internal error: rule "api/broken" failed: boom',
      'api/lower-name: Invalid value: "Cfg": must be lower case',
    ]);
  });
});

describe('suppressions', () => {
  test('an annotation with a reason moves the finding to suppressed', () => {
    const objects = fromConstructs(deployment('web', { image: 'x:latest', annotations: { [`${SUPPRESS}latest-tag`]: ' pinned by digest at deploy time ' } }));
    const report = validate(objects, { ruleSet: TEST_RULES });
    expect(report.findings.map((f) => f.rule)).toEqual(['policy/pss-echo']);
    expect(report.suppressed).toEqual([expect.objectContaining({ rule: 'policy/latest-tag', reason: 'pinned by digest at deploy time' })]);
  });

  test('suppressions apply to bundle findings on the annotated object', () => {
    const objects = fromConstructs(service('orphan', 'none', { [`${SUPPRESS}dangling-service`]: 'selects pods of the operator' }));
    const report = validate(objects, { ruleSet: TEST_RULES });
    expect(report.findings).toEqual([]);
    expect(report.suppressed.map((f) => f.rule)).toEqual(['cross/dangling-service']);
  });

  test('an empty reason is an error and the suppression is ignored; an unknown rule name is a warning', () => {
    const objects = fromConstructs(deployment('web', {
      image: 'x:latest',
      annotations: { [`${SUPPRESS}latest-tag`]: '  ', [`${SUPPRESS}latest-tags`]: 'typo', 'example.com/other': '' },
    }));
    const report = validate(objects, { ruleSet: TEST_RULES, rules: { 'pss-echo': Severity.OFF } });
    expect(report.findings.map((f) => `${f.severity} ${f.rule} ${f.path}: ${f.message}`)).toEqual([
      'error engine/suppression-reason metadata.annotations[ignore-check.cdk8s-patterns.io/latest-tag]: Required value: a reason is required to suppress "latest-tag"; the suppression is ignored until the annotation value explains why',
      'warning engine/unknown-suppression metadata.annotations[ignore-check.cdk8s-patterns.io/latest-tags]: Not found: "latest-tags": no rule has this name; use the name part of a rule id (see validate --list-rules)',
      'error policy/latest-tag spec.template.spec.containers[0].image: Invalid value: "x:latest": use a pinned tag',
    ]);
    expect(report.suppressed).toEqual([]);
  });

  test('a rule of a layer that does not run can still be suppressed without a warning', () => {
    const objects = fromConstructs(deployment('web', { annotations: { [`${SUPPRESS}latest-tag`]: 'reviewed' } }));
    expect(validate(objects, { ruleSet: TEST_RULES, level: ValidationLevel.API }).findings).toEqual([]);
  });
});

describe('createValidator (streaming)', () => {
  const bundle = () => [
    fromFile('a.yaml', deployment('web'), service('orphan', 'none')),
    fromFile('b.yaml', service('web', 'web'), deployment('api', { replicas: 'x' })),
  ];

  test('gives the same report as validate() with BundleScope.ALL', () => {
    const validator = createValidator({ ruleSet: TEST_RULES, recordObjects: true });
    for (const batch of bundle()) validator.add(batch);
    const streamed = validator.finish();
    const whole = validate(bundle().flat(), { ruleSet: TEST_RULES, recordObjects: true });
    expect(streamed).toEqual(whole);
    expect(streamed.objects?.map((o) => `${o.file}:${o.line} ${o.object.kind}/${o.object.name}`)).toEqual([
      'a.yaml:1 Deployment/web', 'a.yaml:21 Service/orphan', 'b.yaml:1 Service/web', 'b.yaml:21 Deployment/api',
    ]);
  });

  test('BundleScope.BATCH runs bundle rules per add() call', () => {
    const validator = createValidator({ ruleSet: [danglingService], bundleScope: BundleScope.BATCH });
    // b.yaml's Service selects app=web, which only a.yaml declares: dangling within its own batch
    for (const batch of bundle()) validator.add(batch);
    expect(validator.finish().findings.map((f) => `${f.file} ${f.object.name}`)).toEqual(['a.yaml orphan', 'b.yaml web']);
  });

  test('a finished validator cannot be reused', () => {
    const validator = createValidator({ ruleSet: TEST_RULES });
    validator.finish();
    expect(() => validator.add([])).toThrow('Validator.add() called after finish()');
    expect(() => validator.finish()).toThrow('Validator.finish() called twice');
  });
});
