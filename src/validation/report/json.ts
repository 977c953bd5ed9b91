/**
 * JSON report: the engine report plus input problems, in a stable documented shape.
 */
import { SuppressedFinding, ValidationReport } from '../engine';
import { Finding } from '../types';
import { InputProblem, packageVersion, ReportOptions } from './format';

/** The JSON document written by `--format json`. */
export interface JsonReport {
  /** Shape version; bumped on breaking changes. */
  readonly version: 1;
  readonly tool: { readonly name: 'cdk8s-patterns'; readonly version: string };
  /** True when there is no error finding and no input problem. */
  readonly ok: boolean;
  readonly level: string;
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly infos: number;
    readonly objects: number;
    readonly suppressed: number;
    readonly inputProblems: number;
  };
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly inputProblems: readonly InputProblem[];
}

/** Builds the JSON document of a report. */
export function toJsonReport(report: ValidationReport, options: ReportOptions = {}): JsonReport {
  const inputProblems = options.inputProblems ?? [];
  return {
    version: 1,
    tool: { name: 'cdk8s-patterns', version: options.toolVersion ?? packageVersion() },
    ok: report.ok && inputProblems.length === 0,
    level: report.level,
    summary: {
      errors: report.counts.error,
      warnings: report.counts.warning,
      infos: report.counts.info,
      objects: report.objectCount,
      suppressed: report.suppressed.length,
      inputProblems: inputProblems.length,
    },
    findings: report.findings,
    suppressed: report.suppressed,
    inputProblems,
  };
}

/** Formats a report as indented JSON text. */
export function formatJson(report: ValidationReport, options: ReportOptions = {}): string {
  return `${JSON.stringify(toJsonReport(report, options), undefined, 2)}\n`;
}
