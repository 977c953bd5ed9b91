/**
 * Human-readable report: findings grouped by file (or chart) and object, then a summary line.
 */
import { createColors } from 'picocolors';
import { ValidationReport } from '../engine';
import { Finding, Severity } from '../types';
import { findingText, groupOf, objectLabel, plural, ReportOptions } from './format';

/**
 * Formats a report as text.
 *
 * @example
 * deploy/web.yaml
 *   Deployment prod/web
 *     error    line 12  spec.replicas: Invalid value: "two": must be an integer  [schema/replicas-type]
 *
 * 1 error, 0 warnings (2 objects checked)
 */
export function formatText(report: ValidationReport, options: ReportOptions = {}): string {
  const c = createColors(options.color ?? false);
  const lines: string[] = [];
  const problems = options.inputProblems ?? [];
  if (problems.length > 0) {
    lines.push(c.bold('input problems'));
    for (const problem of problems) {
      const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
      lines.push(`  ${c.red('error')}  ${where}: ${problem.message}`);
    }
    lines.push('');
  }
  const severityLabel: Record<string, string> = {
    [Severity.ERROR]: c.red('error  '),
    [Severity.WARNING]: c.yellow('warning'),
    [Severity.INFO]: c.blue('info   '),
  };
  for (const [group, objects] of groupFindings(report.findings)) {
    lines.push(c.bold(c.underline(group)));
    for (const findings of objects.values()) {
      const first = findings[0];
      const where = first.file === undefined && first.constructPath !== undefined ? `  ${c.dim(first.constructPath)}` : '';
      lines.push(`  ${c.bold(objectLabel(first.object))}${where}`);
      for (const finding of findings) {
        const line = finding.line === undefined ? '' : `${c.dim(`line ${finding.line}`)}  `;
        lines.push(`    ${severityLabel[finding.severity]}  ${line}${findingText(finding)}  ${c.dim(`[${finding.rule}]`)}`);
      }
    }
    lines.push('');
  }
  lines.push(summaryLine(report, problems.length, c));
  return `${lines.join('\n')}\n`;
}

/** Groups sorted findings by file/chart, then by object, keeping the order of first appearance. */
export function groupFindings(findings: readonly Finding[]): Map<string, Map<string, Finding[]>> {
  const groups = new Map<string, Map<string, Finding[]>>();
  for (const finding of findings) {
    const group = groupOf(finding);
    let objects = groups.get(group);
    if (objects === undefined) groups.set(group, objects = new Map());
    const o = finding.object;
    const key = `${o.apiVersion}|${o.kind}|${o.namespace}|${o.name}|${finding.constructPath}`;
    const list = objects.get(key);
    if (list === undefined) objects.set(key, [finding]);
    else list.push(finding);
  }
  return groups;
}

function summaryLine(report: ValidationReport, inputProblems: number, c: ReturnType<typeof createColors>): string {
  const { error, warning, info } = report.counts;
  const main = `${plural(error, 'error')}, ${plural(warning, 'warning')}`;
  const details = [plural(report.objectCount, 'object') + ' checked'];
  if (info > 0) details.push(`${info} info`);
  if (report.suppressed.length > 0) details.push(`${report.suppressed.length} suppressed`);
  if (inputProblems > 0) details.push(plural(inputProblems, 'input problem'));
  const colored = error > 0 || inputProblems > 0 ? c.red(main) : warning > 0 ? c.yellow(main) : c.green(main);
  return `${colored} ${c.dim(`(${details.join(', ')})`)}`;
}
