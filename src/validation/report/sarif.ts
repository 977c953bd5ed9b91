/**
 * SARIF 2.1.0 report for GitHub code scanning and other SARIF viewers.
 *
 * Findings from YAML files get a physical location (file + line); findings from synthesized
 * objects get a logical location (the construct path). Suppressed findings are included with an
 * `inSource` suppression carrying the annotation's reason; input problems are tool notifications.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import { SuppressedFinding, ValidationReport } from '../engine';
import { Finding, Severity } from '../types';
import { findingText, InputProblem, objectLabel, packageVersion, ReportOptions } from './format';

/** The SARIF schema URL written into `$schema`. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<string, 'error' | 'warning' | 'note'> = {
  [Severity.ERROR]: 'error',
  [Severity.WARNING]: 'warning',
  [Severity.INFO]: 'note',
};

/** A SARIF log (only the members this reporter writes). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly Record<string, unknown>[];
}

/** Builds the SARIF log of a report. */
export function toSarif(report: ValidationReport, options: ReportOptions = {}): SarifLog {
  const rules = [...report.rules];
  const known = new Set(rules.map((r) => r.id));
  // A finding can come from a rule that is not in the active list only for synthetic findings; list them too.
  for (const finding of [...report.findings, ...report.suppressed]) {
    if (!known.has(finding.rule)) {
      known.add(finding.rule);
      rules.push({ id: finding.rule, layer: finding.layer, defaultSeverity: finding.severity, severity: finding.severity, description: finding.rule, example: '' });
    }
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const problems = options.inputProblems ?? [];
  const results = [
    ...report.findings.map((f) => result(f, ruleIndex)),
    ...report.suppressed.map((f) => result(f, ruleIndex)),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-patterns',
          informationUri: 'https://github.com/cdk8s-patterns/cdk8s-patterns',
          version: options.toolVersion ?? packageVersion(),
          rules: rules.map((rule) => ({
            id: rule.id,
            name: pascal(rule.id),
            shortDescription: { text: rule.description },
            fullDescription: { text: rule.example === '' ? rule.description : `${rule.description} Example: ${rule.example}` },
            defaultConfiguration: { level: LEVEL[rule.severity] ?? 'none' },
            properties: { layer: rule.layer, tags: [rule.layer, 'kubernetes'] },
          })),
        },
      },
      invocations: [{
        executionSuccessful: problems.length === 0,
        toolExecutionNotifications: problems.map(notification),
      }],
      results,
      properties: { level: report.level, objects: report.objectCount },
    }],
  };
}

/** Formats a report as SARIF 2.1.0 JSON text. */
export function formatSarif(report: ValidationReport, options: ReportOptions = {}): string {
  return `${JSON.stringify(toSarif(report, options), undefined, 2)}\n`;
}

function result(finding: Finding | SuppressedFinding, ruleIndex: Map<string, number>): Record<string, unknown> {
  const logical = { fullyQualifiedName: finding.constructPath ?? objectLabel(finding.object), kind: 'resource' };
  const physical = finding.file === undefined || finding.file === '-' ? undefined : {
    artifactLocation: { uri: fileUri(finding.file) },
    region: { startLine: finding.line ?? 1 },
  };
  return {
    ruleId: finding.rule,
    ruleIndex: ruleIndex.get(finding.rule),
    level: LEVEL[finding.severity],
    message: { text: `${objectLabel(finding.object)}: ${findingText(finding)}` },
    locations: [{ ...(physical === undefined ? {} : { physicalLocation: physical }), logicalLocations: [logical] }],
    properties: { layer: finding.layer, object: finding.object, path: finding.path },
    ...('reason' in finding ? { suppressions: [{ kind: 'inSource', justification: finding.reason }] } : {}),
  };
}

function notification(problem: InputProblem): Record<string, unknown> {
  return {
    level: 'error',
    message: { text: problem.message },
    ...(problem.file === '-' ? {} : {
      locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(problem.file) }, region: { startLine: problem.line ?? 1 } } }],
    }),
  };
}

/** A relative path stays relative (forward slashes, percent-encoded); an absolute path becomes a file: URL. */
export function fileUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).join('/').split('/').map(encodeURIComponent).join('/');
}

function pascal(id: string): string {
  return id.split(/[/-]/).filter((p) => p !== '').map((p) => p[0].toUpperCase() + p.slice(1)).join('');
}
