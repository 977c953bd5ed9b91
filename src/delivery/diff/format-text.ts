/**
 * The human-readable diff report (coloured on a terminal).
 */
import { createColors } from 'picocolors';
import { ChangeType, DiffReport, DiffSummary, ObjectDiff } from './diff-manifests';
import { FieldChange, FieldOp } from './field-diff';
import { formatIdentity } from './identity';
import { MAX_VALUE_LENGTH } from './values';

export { MAX_VALUE_LENGTH };

/** Options of the text and markdown reports. */
export interface TextFormatOptions {
  /**
   * Colour the output with ANSI escapes.
   *
   * @default false
   */
  readonly color?: boolean;
  /**
   * Cut values longer than this many characters.
   *
   * @default 60
   */
  readonly maxValueLength?: number;
}

type Colors = ReturnType<typeof createColors>;

/**
 * The report as text: one header line per object (`+` added, `-` removed, `~` changed,
 * `>` renamed), its fields and risk flags indented below, then the summary line.
 */
export function formatDiffText(report: DiffReport, options: TextFormatOptions = {}): string {
  const c = createColors(options.color ?? false);
  const max = options.maxValueLength ?? MAX_VALUE_LENGTH;
  if (report.objects.length === 0) {
    return `No differences (${report.summary.unchanged} object${report.summary.unchanged === 1 ? '' : 's'} compared).\n`;
  }
  const lines: string[] = [];
  for (const o of report.objects) {
    lines.push(headerLine(o, c));
    for (const f of o.fields) lines.push(`    ${fieldLine(f, max, c)}`);
    for (const r of o.risks) lines.push(`    ${c.red(c.bold(`! ${r.rule}`))}${r.path !== undefined ? ` ${r.path}` : ''}: ${r.reason}`);
  }
  lines.push('', summaryLine(report.summary, c));
  return `${lines.join('\n')}\n`;
}

/** `N added, N removed, N changed (N risky)`, with `, N renamed` before the parenthesis when there are renames. */
export function summaryLine(summary: DiffSummary, c: Colors = createColors(false)): string {
  const renamed = summary.renamed > 0 ? `, ${summary.renamed} renamed` : '';
  const risky = `${summary.risky} risky`;
  return `${summary.added} added, ${summary.removed} removed, ${summary.changed} changed${renamed} (${summary.risky > 0 ? c.red(c.bold(risky)) : risky})`;
}

/** A value for display: JSON-like, cut after `max` characters. */
export function formatValue(value: unknown, max: number = MAX_VALUE_LENGTH): string {
  const text = typeof value === 'string' && value === '(redacted)' ? value : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** One field as `~ path: old → new`, `+ path: new` or `- path: old`. */
export function fieldText(f: FieldChange, max: number = MAX_VALUE_LENGTH): string {
  switch (f.op) {
    case FieldOp.ADDED: return `+ ${f.path}: ${formatValue(f.after, max)}`;
    case FieldOp.REMOVED: return `- ${f.path}: ${formatValue(f.before, max)}`;
    default: return `~ ${f.path}: ${formatValue(f.before, max)} → ${formatValue(f.after, max)}`;
  }
}

/** The header of an object: `~ Deployment.apps web`, `> Service old → new (renamed)`. */
export function headerText(o: ObjectDiff): string {
  switch (o.change) {
    case ChangeType.ADDED: return `+ ${formatIdentity(o.id)}`;
    case ChangeType.REMOVED: return `- ${formatIdentity(o.id)}`;
    case ChangeType.RENAMED: return `> ${formatIdentity(o.previousId!)} → ${o.id.namespace !== undefined ? `${o.id.namespace}/` : ''}${o.id.name} (renamed)`;
    default: return `~ ${formatIdentity(o.id)}`;
  }
}

function headerLine(o: ObjectDiff, c: Colors): string {
  const text = headerText(o);
  switch (o.change) {
    case ChangeType.ADDED: return c.green(text);
    case ChangeType.REMOVED: return c.red(text);
    default: return c.yellow(text);
  }
}

function fieldLine(f: FieldChange, max: number, c: Colors): string {
  const text = fieldText(f, max);
  return f.op === FieldOp.ADDED ? c.green(text) : f.op === FieldOp.REMOVED ? c.red(text) : text;
}
