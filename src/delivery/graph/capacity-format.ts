/**
 * The capacity report as a Markdown table or as aligned plain text.
 */
import { CapacityReport, Range, ReplicaMode, ReplicaRange } from './capacity';
import { CapacityFormat } from './values';

export { CapacityFormat };

/** Options of {@link formatCapacity}. */
export interface FormatCapacityOptions {
  /**
   * The table format.
   * @default CapacityFormat.TEXT
   */
  readonly format?: CapacityFormat;
  /**
   * A title line (e.g. `Capacity of prod`).
   * @default - no title
   */
  readonly title?: string;
}

const HEADER = ['Namespace', 'Workload', 'Kind', 'Replicas', 'CPU requests', 'CPU limits', 'Memory requests', 'Memory limits', 'Storage'];

/** Formats the report; ranges print as `min–max`, the last row holds the totals. */
export function formatCapacity(report: CapacityReport, options: FormatCapacityOptions = {}): string {
  const format = options.format ?? CapacityFormat.TEXT;
  const rows: string[][] = report.workloads.map(w => [
    w.namespace,
    w.name,
    w.kind,
    formatReplicas(w.replicas),
    range(w.requests.cpuMillis, formatCpu),
    range(w.limits.cpuMillis, formatCpu, w.cpuUnlimited),
    range(w.requests.memoryBytes, formatBytes),
    range(w.limits.memoryBytes, formatBytes, w.memoryUnlimited),
    w.storageBytes.max === 0 ? '-' : range(w.storageBytes, formatBytes),
  ]);
  for (const claim of report.claims) {
    rows.push([claim.namespace, claim.name, 'PersistentVolumeClaim', '-', '-', '-', '-', '-', formatBytes(claim.storageBytes)]);
  }
  const t = report.total;
  rows.push(['', 'Total', '', '',
    range(t.requests.cpuMillis, formatCpu), range(t.limits.cpuMillis, formatCpu, t.cpuUnlimited),
    range(t.requests.memoryBytes, formatBytes), range(t.limits.memoryBytes, formatBytes, t.memoryUnlimited),
    range(t.storageBytes, formatBytes)]);
  const notes = footnotes(report);
  const lines: string[] = [];
  if (format === CapacityFormat.MARKDOWN) {
    if (options.title) lines.push(`### ${options.title}`, '');
    const escape = (cell: string) => cell.replace(/\|/g, '\\|');
    lines.push(`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i >= 3 ? ' ---: ' : ' --- ')).join('|')}|`);
    for (const [i, row] of rows.entries()) {
      const cells = row.map(escape);
      if (i === rows.length - 1) cells[1] = '**Total**';
      lines.push(`| ${cells.join(' | ')} |`);
    }
    if (notes.length > 0) lines.push('', ...notes.map(n => `- ${n}`));
  } else {
    if (options.title) lines.push(options.title, '');
    const all = [HEADER, ...rows];
    const widths = HEADER.map((_, c) => Math.max(...all.map(r => r[c].length)));
    const line = (row: string[]) => row.map((cell, c) => (c >= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
    lines.push(line(HEADER), widths.map(w => '-'.repeat(w)).join('  '));
    rows.slice(0, -1).forEach(r => lines.push(line(r)));
    lines.push(widths.map(w => '-'.repeat(w)).join('  '), line(rows[rows.length - 1]));
    if (notes.length > 0) lines.push('', ...notes);
  }
  return `${lines.join('\n')}\n`;
}

/** `2`, `2–6 (HPA)`, `1/node`, `1/run`. */
export function formatReplicas(replicas: ReplicaRange): string {
  switch (replicas.mode) {
    case ReplicaMode.AUTOSCALED:
      return `${replicas.min}–${replicas.max} (HPA)`;
    case ReplicaMode.PER_NODE:
      return '1/node';
    case ReplicaMode.PER_RUN:
      return `${replicas.min}/run`;
    default:
      return String(replicas.min);
  }
}

/** Millicores as Kubernetes writes them: `250m`, `1`, `1.5`. */
export function formatCpu(millis: number): string {
  if (millis === 0) return '0';
  return millis < 1000 ? `${millis}m` : trim(millis / 1000);
}

/** Bytes in binary units: `512Mi`, `1.5Gi`, `5Gi`. */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0';
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${trim(value)}${units[unit]}`;
}

function trim(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function range(r: Range, format: (n: number) => string, unbounded = false): string {
  if (unbounded && r.max === 0) return 'none';
  const text = r.min === r.max ? format(r.min) : `${format(r.min)}–${format(r.max)}`;
  return unbounded ? `${text}+` : text;
}

function footnotes(report: CapacityReport): string[] {
  const notes: string[] = [];
  const modes = new Set(report.workloads.map(w => w.replicas.mode));
  if (modes.has(ReplicaMode.AUTOSCALED)) notes.push('Ranges are min–max over the HorizontalPodAutoscaler replica range.');
  if (modes.has(ReplicaMode.PER_NODE)) notes.push('1/node: a DaemonSet runs one pod per node; totals count one node.');
  if (modes.has(ReplicaMode.PER_RUN)) notes.push('n/run: pods of one Job or CronJob run, counted as if running.');
  if (report.total.cpuUnlimited || report.total.memoryUnlimited) notes.push('+: some container sets no limit; the figure is a lower bound.');
  return notes;
}
