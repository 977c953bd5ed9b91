/**
 * Output formats of the diff report: text, JSON and markdown (for a pull request comment).
 */
import { DiffReport, ObjectDiff } from './diff-manifests';
import { FieldChange, FieldOp } from './field-diff';
import { formatIdentity } from './identity';
import { fieldText, formatDiffText, formatValue, headerText, MAX_VALUE_LENGTH, summaryLine, TextFormatOptions } from './format-text';
import { DiffFormat } from './values';

export { DiffFormat };

/** Renders `report` in `format`. */
export function formatDiff(report: DiffReport, format: DiffFormat, options: TextFormatOptions = {}): string {
  switch (format) {
    case DiffFormat.JSON: return formatDiffJson(report);
    case DiffFormat.MARKDOWN: return formatDiffMarkdown(report, options);
    default: return formatDiffText(report, options);
  }
}

/** The report as JSON: `{ version: 1, summary, objects }`. */
export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify({ version: 1, summary: report.summary, objects: report.objects }, undefined, 2)}\n`;
}

/** The report as markdown for a pull request comment. */
export function formatDiffMarkdown(report: DiffReport, options: TextFormatOptions = {}): string {
  const max = options.maxValueLength ?? MAX_VALUE_LENGTH;
  const out: string[] = ['### Manifest diff', ''];
  if (report.objects.length === 0) {
    out.push(`No differences (${report.summary.unchanged} object${report.summary.unchanged === 1 ? '' : 's'} compared).`);
    return `${out.join('\n')}\n`;
  }
  out.push(`**${summaryLine(report.summary)}**`, '');
  const risky = report.objects.filter((o) => o.risks.length > 0);
  if (risky.length > 0) {
    out.push('#### :warning: Risky changes', '');
    for (const o of risky) {
      for (const r of o.risks) {
        out.push(`- \`${title(o)}\`: **${r.rule}**${r.path !== undefined ? ` \`${r.path}\`` : ''}: ${escapeMarkdown(r.reason)}`);
      }
    }
    out.push('');
  }
  out.push('#### Changes', '');
  for (const o of report.objects) {
    const body = diffBlock(o, max);
    if (body.length === 0) {
      out.push(`- <code>${escapeHtml(headerText(o))}</code>`, '');
      continue;
    }
    out.push(`<details${o.risks.length > 0 ? ' open' : ''}><summary><code>${escapeHtml(headerText(o))}</code></summary>`, '');
    const fence = fenceFor(body);
    out.push(`${fence}diff`, ...body, fence, '');
    out.push('</details>', '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** The lines of a markdown `diff` block: a changed field as a `-` and a `+` line. */
function diffBlock(o: ObjectDiff, max: number): string[] {
  return o.fields.flatMap((f: FieldChange) => (f.op === FieldOp.CHANGED
    ? [`- ${f.path}: ${formatValue(f.before, max)}`, `+ ${f.path}: ${formatValue(f.after, max)}`]
    : [fieldText(f, max)]));
}

function title(o: ObjectDiff): string {
  return formatIdentity(o.id).replace(/`/g, "'");
}

function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((m) => m.length))));
  return '`'.repeat(longest + 1);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
