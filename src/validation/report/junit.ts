/**
 * JUnit XML report: one test suite per file (or chart), one test case per object, one `<failure>`
 * per error finding; warnings and infos go to the test case's `<system-out>`; input problems are
 * `<error>`s of a test case named after the file.
 */
import { CheckedObject, ValidationReport } from '../engine';
import { Finding, Severity } from '../types';
import { findingText, groupOf, InputProblem, objectLabel, ReportOptions } from './format';

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly file?: string;
  readonly line?: number;
  readonly findings: Finding[];
  readonly problems: InputProblem[];
}

/** Formats a report as JUnit XML. Objects without findings are listed only when the report has `objects`. */
export function formatJunit(report: ValidationReport, options: ReportOptions = {}): string {
  const suites = new Map<string, Map<string, TestCase>>();
  const caseFor = (source: CheckedObject | Finding): TestCase => {
    const group = groupOf(source);
    let cases = suites.get(group);
    if (cases === undefined) suites.set(group, cases = new Map());
    const name = objectLabel(source.object);
    const key = `${source.object.apiVersion}|${name}|${source.constructPath}`;
    let testCase = cases.get(key);
    if (testCase === undefined) {
      testCase = { name, classname: source.constructPath ?? group, file: source.file, line: source.line, findings: [], problems: [] };
      cases.set(key, testCase);
    }
    return testCase;
  };
  for (const object of report.objects ?? []) caseFor(object);
  for (const finding of report.findings) caseFor(finding).findings.push(finding);
  for (const problem of options.inputProblems ?? []) {
    const group = problem.file === '-' ? '(stdin)' : problem.file;
    let cases = suites.get(group);
    if (cases === undefined) suites.set(group, cases = new Map());
    const key = '(input)';
    let testCase = cases.get(key);
    if (testCase === undefined) cases.set(key, testCase = { name: '(input)', classname: group, file: problem.file, findings: [], problems: [] });
    testCase.problems.push(problem);
  }

  const out: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const [group, cases] of suites) {
    const suiteFailures = [...cases.values()].filter((t) => t.findings.some(isError)).length;
    const suiteErrors = [...cases.values()].filter((t) => t.problems.length > 0).length;
    tests += cases.size;
    failures += suiteFailures;
    errors += suiteErrors;
    out.push(`  <testsuite name="${xml(group)}" tests="${cases.size}" failures="${suiteFailures}" errors="${suiteErrors}" skipped="0">`);
    for (const testCase of cases.values()) out.push(...renderCase(testCase));
    out.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cdk8s-patterns validate" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...out,
    '</testsuites>',
    '',
  ].join('\n');
}

function renderCase(testCase: TestCase): string[] {
  const attrs = [`name="${xml(testCase.name)}"`, `classname="${xml(testCase.classname)}"`];
  if (testCase.file !== undefined) attrs.push(`file="${xml(testCase.file)}"`);
  if (testCase.line !== undefined) attrs.push(`line="${testCase.line}"`);
  const body: string[] = [];
  for (const problem of testCase.problems) {
    const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
    body.push(`      <error type="input" message="${xml(problem.message)}">${xmlText(`${where}: ${problem.message}`)}</error>`);
  }
  for (const finding of testCase.findings.filter(isError)) {
    body.push(`      <failure type="${xml(finding.rule)}" message="${xml(findingText(finding))}">${xmlText(describe(finding))}</failure>`);
  }
  const other = testCase.findings.filter((f) => !isError(f));
  if (other.length > 0) body.push(`      <system-out>${xmlText(other.map(describe).join('\n'))}</system-out>`);
  if (body.length === 0) return [`    <testcase ${attrs.join(' ')}/>`];
  return [`    <testcase ${attrs.join(' ')}>`, ...body, '    </testcase>'];
}

function isError(finding: Finding): boolean {
  return finding.severity === Severity.ERROR;
}

function describe(finding: Finding): string {
  const where = finding.file !== undefined ? `${finding.file}${finding.line === undefined ? '' : `:${finding.line}`}` : finding.constructPath ?? '';
  return `${finding.severity} ${finding.rule} ${where}\n${objectLabel(finding.object)}: ${findingText(finding)}`;
}

/** Escapes text for XML content, replacing characters XML 1.0 does not allow with U+FFFD. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Escapes text for a double-quoted XML attribute (line breaks and tabs kept as character references). */
export function xml(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
