import { ValidationOptions } from '../../../src/validation/config';
import { createValidator, validate } from '../../../src/validation/engine';
import { dropSchemaDuplicatesOfApiFindings, sameField } from '../../../src/validation/engine-duplicates';
import { bundleSideOptions, mergeReports, PartialReport, validateChunk } from '../../../src/validation/parse/chunk-validate';
import { parseYamlStream } from '../../../src/validation/parse/stream';
import { PodSecurityLevel } from '../../../src/validation/rule';
import { Finding, KubeObject, Layer, Severity, SourcedObject } from '../../../src/validation/types';

/** A Deployment that breaks Pod Security and most security best practices at once (its other best practices are met). */
function riskyWorkload(annotations: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', annotations },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          hostNetwork: true,
          securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '65536' }] },
          volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }],
          containers: [
            {
              name: 'app',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, hostPort: 80 }],
              resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
              readinessProbe: { httpGet: { path: '/', port: 80 } },
              livenessProbe: { httpGet: { path: '/', port: 80 } },
              volumeMounts: [{ name: 'docker', mountPath: '/var/run/docker.sock', readOnly: true }],
              securityContext: {
                privileged: true,
                allowPrivilegeEscalation: true,
                runAsUser: 0,
                readOnlyRootFilesystem: true,
                capabilities: { add: ['SYS_ADMIN'] },
              },
            },
          ],
        },
      },
    },
  };
}

/** Bundle-level best practices that do not concern the pod's fields (and the note on a level below restricted). */
const QUIET = {
  'pdb-missing': Severity.OFF, 'network-policy-missing': Severity.OFF, 'default-service-account': Severity.OFF, 'pod-security-relaxed': Severity.OFF,
};
const C = 'spec.template.spec.containers[0]';
const S = 'spec.template.spec';

function summary(findings: readonly { rule: string; severity: Severity; path: string }[]): string[] {
  return findings.map((f) => `${f.rule} ${f.severity} ${f.path}`);
}

describe('one finding per field: Pod Security and the best-practice rules', () => {
  test('restricted (the default) speaks for every field it fails; the best-practice duplicates are dropped', () => {
    const report = validate([riskyWorkload()], { rules: QUIET });
    expect(summary(report.findings)).toEqual([
      `policy/pod-security error ${C}.ports[0].hostPort`,
      `policy/pod-security error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/pod-security error ${C}.securityContext.capabilities.add[0]`,
      `policy/pod-security error ${C}.securityContext.capabilities.drop`,
      `policy/pod-security error ${C}.securityContext.privileged`,
      `policy/pod-security error ${C}.securityContext.runAsNonRoot`,
      `policy/pod-security error ${C}.securityContext.runAsUser`,
      `policy/pod-security error ${C}.securityContext.seccompProfile.type`,
      `policy/pod-security error ${S}.hostNetwork`,
      `policy/pod-security error ${S}.securityContext.sysctls[0].name`,
      `policy/pod-security error ${S}.volumes[0].hostPath`,
    ]);
    expect(report.findings.find((f) => f.path === `${C}.securityContext.privileged`)?.message).toBe(
      'Forbidden: violates PodSecurity "restricted:v1.28": privileged (container "app" must not set securityContext.privileged=true)',
    );
  });

  test('with baseline, the best-practice rules speak for the fields baseline does not check', () => {
    const report = validate([riskyWorkload()], { rules: QUIET, podSecurity: PodSecurityLevel.BASELINE });
    expect(summary(report.findings)).toEqual([
      `policy/pod-security error ${C}.ports[0].hostPort`,
      `policy/privilege-escalation error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/pod-security error ${C}.securityContext.capabilities.add[0]`,
      `policy/drop-capabilities warning ${C}.securityContext.capabilities.drop`,
      `policy/pod-security error ${C}.securityContext.privileged`,
      `policy/run-as-non-root warning ${C}.securityContext.runAsNonRoot`,
      `policy/pod-security error ${S}.hostNetwork`,
      `policy/pod-security error ${S}.securityContext.sysctls[0].name`,
      `policy/pod-security error ${S}.volumes[0].hostPath`,
    ]);
  });

  test('the stronger severity stays: Pod Security lowered to a warning leaves the best-practice errors', () => {
    const report = validate([riskyWorkload()], { rules: { ...QUIET, 'pod-security': Severity.WARNING } });
    expect(summary(report.findings)).toEqual([
      `policy/pod-security warning ${C}.ports[0].hostPort`,
      `policy/privilege-escalation error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/dangerous-capabilities error ${C}.securityContext.capabilities.add[0]`,
      `policy/pod-security warning ${C}.securityContext.capabilities.drop`,
      `policy/privileged-container error ${C}.securityContext.privileged`,
      `policy/pod-security warning ${C}.securityContext.runAsNonRoot`,
      `policy/pod-security warning ${C}.securityContext.runAsUser`,
      `policy/pod-security warning ${C}.securityContext.seccompProfile.type`,
      `policy/host-namespaces error ${S}.hostNetwork`,
      `policy/pod-security warning ${S}.securityContext.sysctls[0].name`,
      `policy/sensitive-host-mounts error ${S}.volumes[0].hostPath.path`,
    ]);
  });

  test('a suppressed Pod Security finding leaves the field to the best-practice rules', () => {
    const report = validate([riskyWorkload({ 'ignore-check.cdk8s-patterns.io/pod-security': 'node agent, reviewed' })], { rules: QUIET });
    expect(summary(report.findings)).toEqual([
      `policy/host-port warning ${C}.ports[0].hostPort`,
      `policy/privilege-escalation error ${C}.securityContext.allowPrivilegeEscalation`,
      `policy/dangerous-capabilities error ${C}.securityContext.capabilities.add[0]`,
      `policy/drop-capabilities warning ${C}.securityContext.capabilities.drop`,
      `policy/privileged-container error ${C}.securityContext.privileged`,
      `policy/run-as-non-root warning ${C}.securityContext.runAsNonRoot`,
      `policy/host-namespaces error ${S}.hostNetwork`,
      `policy/unsafe-sysctls warning ${S}.securityContext.sysctls[0].name`,
      `policy/sensitive-host-mounts error ${S}.volumes[0].hostPath.path`,
    ]);
    expect(report.suppressed).toHaveLength(11);
  });

  test('findings of other layers on the same field are kept', () => {
    const object = riskyWorkload();
    const report = validate([{ ...object, spec: { ...(object.spec as object), replicas: -1 } }], { rules: QUIET });
    expect(summary(report.findings).filter((f) => f.endsWith(' spec.replicas'))).toEqual([
      'api/deployment error spec.replicas',
      'policy/min-replicas warning spec.replicas',
    ]);
  });
});

describe('sameField', () => {
  test.each([
    ['a.b', 'a.b', true],
    ['a.b', 'a.b.c', true],
    ['a.b.c', 'a.b', true],
    ['a.b', 'a.b[0]', true],
    ['a.b', 'a.bc', false],
    ['a.b', 'a.c', false],
    ['', 'a', false],
    ['', '', true],
    ['a[1]', 'a[10]', false],
  ])('%j and %j: %s', (a, b, expected) => {
    expect(sameField(a, b)).toBe(expected);
  });
});

/** A Deployment without `spec.selector` and a Pod without containers: both strict decoding and an API rule see the missing field. */
function missingRequired(): KubeObject[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
    },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'task' }, spec: {} },
  ];
}

function sourced(objects: readonly KubeObject[]): SourcedObject[] {
  return objects.map((object, i) => ({ object, source: { file: 'app.yaml', line: 1 + i * 10 } }));
}

/** The findings on the two missing fields (other rules are about the pods' hardening). */
function requiredFindings(findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => f.path === 'spec.selector' || f.path === 'spec.containers')
    .map((f) => `${f.object.kind} ${f.rule} ${f.path}: ${f.message}`);
}

/** The same run split as with parse workers: per-object rules in validateChunk (the worker side), bundle rules on the main side. */
function splitRun(objects: readonly KubeObject[], options: ValidationOptions): Finding[] {
  const partial = validateChunk(sourced(objects), { options, schemaDirs: [], returnObjects: true });
  const main = createValidator(bundleSideOptions(options));
  main.add(sourced(objects));
  return [...mergeReports(options, main.finish(), [partial]).findings];
}

describe('one finding per missing required field: schema/strict and the api/* rules', () => {
  const both = [
    'Deployment api/deployment spec.selector: Required value',
    'Pod api/pod-spec spec.containers: Required value',
  ];
  test.each<[string, ValidationOptions, string[]]>([
    ['both rules on: the API rule reports it, as the API server does', {}, both],
    ['api/deployment off: schema/strict reports the selector', { rules: { 'api/deployment': Severity.OFF } }, [
      'Deployment schema/strict spec.selector: Required value',
      'Pod api/pod-spec spec.containers: Required value',
    ]],
    ['api/pod-spec off: schema/strict reports the containers', { rules: { 'api/pod-spec': Severity.OFF } }, [
      'Deployment api/deployment spec.selector: Required value',
      'Pod schema/strict spec.containers: Required value',
    ]],
    ['schema/strict off: the API rules report', { rules: { 'schema/strict': Severity.OFF } }, both],
  ])('%s', (_name, options, expected) => {
    const single = validate(sourced(missingRequired()), options);
    expect(requiredFindings(single.findings)).toStrictEqual(expected);
    const split = splitRun(missingRequired(), options);
    expect(requiredFindings(split)).toStrictEqual(expected);
    expect(split).toStrictEqual(single.findings);
  });

  test('parse workers report it once too (real worker threads, several chunks)', async () => {
    const text = Array.from({ length: 12 }, (_, i) => (
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels: {app: web-${i}}\n`
      + `    spec:\n      containers: [{name: app, image: "nginx:1.25"}]\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: task-${i}\nspec: {}\n`
    )).join('---\n');
    const options: ValidationOptions = {};
    const partials: PartialReport[] = [];
    const main = createValidator(bundleSideOptions(options));
    await parseYamlStream(text, 'app.yaml', (batch, partial) => {
      if (partial !== undefined) partials.push(partial);
      main.add(batch);
    }, { workers: 2, chunkChars: 600, parseHere: false, validation: { options, schemaDirs: [], returnObjects: false } });
    expect(partials.length).toBeGreaterThan(1);
    const findings = mergeReports(options, main.finish(), partials).findings;
    const required = findings.filter((f) => f.message === 'Required value').map((f) => `${f.object.name} ${f.rule} ${f.path}`);
    expect(required).toHaveLength(24);
    expect(required.filter((r) => r.includes('schema/strict'))).toEqual([]);
    expect(required).toContain('web-0 api/deployment spec.selector');
    expect(required).toContain('task-11 api/pod-spec spec.containers');
  }, 60000);

  test('a suppressed API finding leaves the field to schema/strict', () => {
    const [deployment] = missingRequired();
    const annotated = { ...deployment, metadata: { name: 'web', annotations: { 'ignore-check.cdk8s-patterns.io/deployment': 'selector added by the operator' } } };
    const report = validate(sourced([annotated]), {});
    expect(requiredFindings(report.findings)).toStrictEqual(['Deployment schema/strict spec.selector: Required value']);
    expect(report.suppressed.map((s) => `${s.rule} ${s.path}`)).toContain('api/deployment spec.selector');
  });
});

describe('dropSchemaDuplicatesOfApiFindings', () => {
  const object = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
  function finding(rule: string, path: string, message: string): Finding {
    const layer = rule.startsWith('api/') ? Layer.API : rule.startsWith('schema/') ? Layer.SCHEMA : Layer.POLICY;
    return { rule, layer, severity: Severity.ERROR, object, path, message };
  }
  const strict = finding('schema/strict', 'spec.selector', 'Required value');
  test.each<[string, Finding[], string[]]>([
    ['same path and message: dropped', [strict, finding('api/deployment', 'spec.selector', 'Required value')], ['api/deployment']],
    ['the API finding first: dropped', [finding('api/deployment', 'spec.selector', 'Required value'), strict], ['api/deployment']],
    ['another message on the path: kept', [strict, finding('api/deployment', 'spec.selector', 'Invalid value: "null": empty selector is invalid for deployment')],
      ['schema/strict', 'api/deployment']],
    ['another path with the message: kept', [strict, finding('api/deployment', 'spec.template', 'Required value')], ['schema/strict', 'api/deployment']],
    ['a field below the path: kept', [strict, finding('api/deployment', 'spec.selector.matchLabels', 'Required value')], ['schema/strict', 'api/deployment']],
    ['another schema rule repeating the API rule: kept', [finding('schema/quantity', 'spec.selector', 'Required value'), finding('api/deployment', 'spec.selector', 'Required value')],
      ['schema/quantity', 'api/deployment']],
    ['a policy finding with the same message: kept', [strict, finding('policy/x', 'spec.selector', 'Required value')], ['schema/strict', 'policy/x']],
    ['no API finding: kept', [strict], ['schema/strict']],
  ])('%s', (_name, findings, expected) => {
    const all = [finding('policy/before', 'metadata', 'other object'), ...findings];
    dropSchemaDuplicatesOfApiFindings(all, 1);
    expect(all.map((f) => f.rule)).toStrictEqual(['policy/before', ...expected]);
  });
});
