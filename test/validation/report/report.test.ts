import { DOMParser } from '@xmldom/xmldom';
import { validate, ValidationReport } from '../../../src/validation/engine';
import {
  exitCodeOf, ExitCode, formatJson, formatJunit, formatReport, formatSarif, formatText, InputProblem, ReportFormat, toSarif,
} from '../../../src/validation/report';
import { xml } from '../../../src/validation/report/junit';
import { fileUri } from '../../../src/validation/report/sarif';
import { Severity } from '../../../src/validation/types';
import { deployment, fromConstructs, fromFile, service, TEST_RULES } from '../engine/fixtures';

const TOOL = { toolVersion: '9.9.9' };

/** Files with a bad Deployment and a dangling Service, a chart with a suppressed finding, one clean object. */
function sampleReport(): ValidationReport {
  return validate([
    ...fromFile('manifests/web.yaml', deployment('web', { image: 'nginx:latest', replicas: 'two' }), service('orphan', 'none')),
    ...fromFile('manifests/ok.yaml', deployment('ok')),
    ...fromConstructs(deployment('chart-web', {
      image: 'x:latest', annotations: { 'ignore-check.cdk8s-patterns.io/latest-tag': 'digest pinned by <Argo> & "Flux"' },
    })),
  ], { ruleSet: TEST_RULES, rules: { 'latest-tag': Severity.WARNING }, recordObjects: true });
}

const PROBLEMS: InputProblem[] = [{ file: 'manifests/broken.yaml', line: 3, message: 'Malformed YAML: unexpected end of flow sequence' }];

describe('text', () => {
  test('groups by file/chart and object, with a summary line', () => {
    const text = formatText(sampleReport(), TOOL);
    expect(text).toMatchSnapshot();
    expect(text.split('\n').slice(-2)).toEqual(['2 errors, 1 warning (4 objects checked, 3 info, 1 suppressed)', '']);
    expect(text).not.toContain('\u001b[');
  });

  test('lists input problems first and colours only when asked', () => {
    const text = formatText(sampleReport(), { inputProblems: PROBLEMS, color: true });
    expect(text.startsWith('\u001b[1minput problems\u001b[22m\n  \u001b[31merror\u001b[39m  manifests/broken.yaml:3: Malformed YAML')).toBe(true);
    expect(text).toContain('\u001b[31m2 errors, 1 warning\u001b[39m');
  });

  test('a clean report is a single summary line', () => {
    expect(formatText(validate(fromConstructs(service('web', 'web'), deployment('web')), { ruleSet: TEST_RULES, rules: { 'pss-echo': Severity.OFF } })))
      .toBe('0 errors, 0 warnings (2 objects checked)\n');
  });
});

describe('json', () => {
  test('has a stable shape with summary, findings, suppressed and input problems', () => {
    const json = JSON.parse(formatJson(sampleReport(), { ...TOOL, inputProblems: PROBLEMS }));
    expect(json).toMatchSnapshot();
    expect(json.ok).toBe(false);
    expect(json.summary).toEqual({ errors: 2, warnings: 1, infos: 3, objects: 4, suppressed: 1, inputProblems: 1 });
  });
});

describe('sarif', () => {
  test('has the required SARIF 2.1.0 structure', () => {
    const log = JSON.parse(formatSarif(sampleReport(), { ...TOOL, inputProblems: PROBLEMS }));
    expect(log).toMatchSnapshot();
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdk8s-patterns');
    const ruleIds: string[] = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toEqual(expect.any(String));
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toEqual(expect.any(String));
      expect(result.locations).toHaveLength(1);
    }
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation)
      .toEqual({ artifactLocation: { uri: 'manifests/broken.yaml' }, region: { startLine: 3 } });
  });

  test('file findings have a physical location, construct findings a logical one, suppressions a justification', () => {
    const results = (toSarif(sampleReport(), TOOL).runs[0].results as Array<Record<string, any>>);
    const replicas = results.find((r) => r.ruleId === 'schema/replicas-type')!;
    expect(replicas.locations[0]).toEqual({
      physicalLocation: { artifactLocation: { uri: 'manifests/web.yaml' }, region: { startLine: 3 } },
      logicalLocations: [{ fullyQualifiedName: 'Deployment prod/web', kind: 'resource' }],
    });
    const suppressed = results.find((r) => r.suppressions !== undefined)!;
    expect(suppressed.locations[0]).toEqual({ logicalLocations: [{ fullyQualifiedName: 'app/chart-web/Resource', kind: 'resource' }] });
    expect(suppressed.suppressions).toEqual([{ kind: 'inSource', justification: 'digest pinned by <Argo> & "Flux"' }]);
  });

  test('file URIs are relative with forward slashes and percent-encoding, or file: URLs when absolute', () => {
    expect(fileUri('dir/my file#1.yaml')).toBe('dir/my%20file%231.yaml');
    expect(fileUri('/tmp/a b.yaml')).toBe('file:///tmp/a%20b.yaml');
  });
});

describe('junit', () => {
  test('one test case per object, one failure per error finding, and it parses back', () => {
    const text = formatJunit(sampleReport(), { inputProblems: PROBLEMS });
    expect(text).toMatchSnapshot();
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => { errors.push(`${level}: ${message}`); } }).parseFromString(text, 'text/xml');
    expect(errors).toEqual([]);
    const root = doc.documentElement!;
    expect(root.tagName).toBe('testsuites');
    expect([root.getAttribute('tests'), root.getAttribute('failures'), root.getAttribute('errors')]).toEqual(['5', '2', '1']);
    const cases = Array.from(doc.getElementsByTagName('testcase')).map((c) => `${c.getAttribute('classname')} | ${c.getAttribute('name')}`);
    expect(cases).toEqual([
      'manifests/web.yaml | Deployment prod/web',
      'manifests/web.yaml | Service prod/orphan',
      'manifests/ok.yaml | Deployment prod/ok',
      'app/chart-web/Resource | Deployment prod/chart-web',
      'manifests/broken.yaml | (input)',
    ]);
    const failures = Array.from(doc.getElementsByTagName('failure')).map((f) => `${f.getAttribute('type')}: ${f.getAttribute('message')}`);
    expect(failures).toEqual([
      'schema/replicas-type: spec.replicas: Invalid value: "two": must be an integer',
      'cross/dangling-service: spec.selector: Not found: no Deployment has app=none',
    ]);
  });

  test('escapes markup and strips characters XML cannot carry', () => {
    const nasty = 'a<b>&"c\'\u0000\u001b\ud800 ]]> line\nbreak';
    expect(xml(nasty)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\ufffd\ufffd\ufffd ]]&gt; line&#10;break');
    const report = validate([{
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `X${nasty}` } },
      source: { file: 'x<y>\u0001.yaml', line: 1 },
    }], { ruleSet: TEST_RULES });
    const errors: string[] = [];
    // (xmldom warns about U+FFFD itself; only errors matter for well-formedness)
    const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(`${level}: ${message}`); } })
      .parseFromString(formatJunit(report), 'text/xml');
    expect(errors).toEqual([]);
    const failure = doc.getElementsByTagName('failure')[0];
    expect(failure.getAttribute('message')).toBe(`metadata.name: Invalid value: ${JSON.stringify(`X${nasty}`)}: must be lower case`);
    expect(doc.getElementsByTagName('testsuite')[0].getAttribute('name')).toBe('x<y>\ufffd.yaml');
  });
});

describe('formatReport and exit codes', () => {
  test('dispatches on the format', () => {
    const report = sampleReport();
    expect(formatReport(report, ReportFormat.TEXT, TOOL)).toBe(formatText(report, TOOL));
    expect(formatReport(report, ReportFormat.JSON, TOOL)).toBe(formatJson(report, TOOL));
    expect(formatReport(report, ReportFormat.SARIF, TOOL)).toBe(formatSarif(report, TOOL));
    expect(formatReport(report, ReportFormat.JUNIT, TOOL)).toBe(formatJunit(report, TOOL));
  });

  test('0 when clean, 1 for error findings, 2 for input problems (even with error findings)', () => {
    const clean = validate(fromConstructs(deployment('web'), service('web', 'web')), { ruleSet: TEST_RULES });
    expect(exitCodeOf(clean)).toBe(ExitCode.OK);
    expect(exitCodeOf(sampleReport())).toBe(ExitCode.FINDINGS);
    expect(exitCodeOf(sampleReport(), PROBLEMS)).toBe(ExitCode.USAGE);
    expect(exitCodeOf(clean, PROBLEMS)).toBe(2);
  });
});
