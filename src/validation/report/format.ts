/**
 * Output formats, exit codes and helpers shared by the reporters.
 */
import { ValidationReport } from '../engine';
import { Finding, ObjectRef } from '../types';

/** Output format of a report. */
export enum ReportFormat {
  /** Human-readable text grouped by file (or chart) and object. */
  TEXT = 'text',
  /** The report as JSON (stable shape, `version: 1`). */
  JSON = 'json',
  /** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
  SARIF = 'sarif',
  /** JUnit XML: one test case per object, one failure per error finding. */
  JUNIT = 'junit',
}

/** Process exit codes of `cdk8s-patterns validate`. */
export enum ExitCode {
  /** No finding at error level and no input problem. */
  OK = 0,
  /** At least one finding at error level. */
  FINDINGS = 1,
  /** Bad usage or input that could not be read or parsed (takes precedence over `FINDINGS`). */
  USAGE = 2,
}

/** Input that could not be turned into objects (unreadable file, malformed YAML, binary data...). */
export interface InputProblem {
  /** The file (or `-` for standard input). */
  readonly file: string;
  /** The 1-based line, when known. */
  readonly line?: number;
  /** What is wrong and how to fix it. */
  readonly message: string;
}

/** Options of the reporters. */
export interface ReportOptions {
  /**
   * Problems reading the input, reported next to the findings.
   * @default - none
   */
  readonly inputProblems?: readonly InputProblem[];
  /**
   * Colour the text output (ANSI escapes via picocolors).
   * @default false
   */
  readonly color?: boolean;
  /**
   * The tool version written into SARIF and JSON.
   * @default - the version of this package
   */
  readonly toolVersion?: string;
}

/** The exit code for a report: 2 when the input had problems, 1 for error findings, else 0. */
export function exitCodeOf(report: ValidationReport, inputProblems: readonly InputProblem[] = []): ExitCode {
  if (inputProblems.length > 0) return ExitCode.USAGE;
  return report.ok ? ExitCode.OK : ExitCode.FINDINGS;
}

/** `Kind namespace/name` (or `Kind name`, or `(unnamed Kind)`), how reporters name an object. */
export function objectLabel(object: ObjectRef): string {
  const kind = object.kind ?? '(no kind)';
  if (object.name === undefined) return `${kind} (unnamed)`;
  return object.namespace === undefined ? `${kind} ${object.name}` : `${kind} ${object.namespace}/${object.name}`;
}

/** `path: message`, or the message alone for findings on the whole object. */
export function findingText(finding: Finding): string {
  return finding.path === '' ? finding.message : `${finding.path}: ${finding.message}`;
}

/** `n thing` / `n things`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The group a finding or object belongs to: its file, else the chart (first construct path segment). */
export function groupOf(source: { readonly file?: string; readonly constructPath?: string }): string {
  if (source.file !== undefined) return source.file === '-' ? '(stdin)' : source.file;
  if (source.constructPath !== undefined) {
    const slash = source.constructPath.indexOf('/');
    return slash < 0 ? source.constructPath : source.constructPath.slice(0, slash);
  }
  return '(objects)';
}

/**
 * The version of this package, from its package.json: three folders up from src/validation/report
 * (tsx, jest), four from lib/src/validation/report (the built package).
 */
export function packageVersion(): string {
  for (const file of ['../../../package.json', '../../../../package.json']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pkg = require(file) as { name?: string; version?: string };
      if (pkg.name === 'cdk8s-patterns' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: try the next candidate
    }
  }
  return '0.0.0';
}
