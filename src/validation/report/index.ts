/**
 * Reporters: text, JSON, SARIF 2.1.0 and JUnit XML, plus exit codes.
 */
import { ValidationReport } from '../engine';
import { ReportFormat, ReportOptions } from './format';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';
import { formatText } from './text';

export * from './format';
export { formatText, groupFindings } from './text';
export { formatJson, toJsonReport } from './json';
export type { JsonReport } from './json';
export { formatSarif, toSarif, SARIF_SCHEMA } from './sarif';
export type { SarifLog } from './sarif';
export { formatJunit } from './junit';

/** Formats a report in the given format. */
export function formatReport(report: ValidationReport, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case ReportFormat.TEXT: return formatText(report, options);
    case ReportFormat.JSON: return formatJson(report, options);
    case ReportFormat.SARIF: return formatSarif(report, options);
    case ReportFormat.JUNIT: return formatJunit(report, options);
  }
}
