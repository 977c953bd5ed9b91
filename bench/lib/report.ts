/**
 * Renders the results as plain-text tables (the console output of `npm run bench`).
 */
import { CaseResult, ComparisonResult, TargetStatus } from './results';

/**
 * Lays out rows in columns: numbers right-aligned, the columns listed in `leftAligned` left-aligned.
 *
 * @param leftAligned column indexes aligned left (default: the first)
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  leftAligned: readonly number[] = [0],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (leftAligned.includes(i) ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Formats seconds with three decimals (`1.234`), or milliseconds-level detail under 10 ms. */
export function formatSeconds(seconds: number): string {
  return seconds < 0.01 ? seconds.toFixed(4) : seconds.toFixed(3);
}

/** Formats a rate with thousands separators and no decimals (`12,345`). */
export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}

/** Formats KiB as MiB with one decimal, or `n/a`. */
export function formatMemory(kib: number | null): string {
  return kib === null ? 'n/a' : (kib / 1024).toFixed(1);
}

/** Formats bytes per second as MB/s (10^6 bytes) with one decimal. */
export function formatMegabytes(bytesPerSecond: number): string {
  return (bytesPerSecond / 1e6).toFixed(1);
}

/** The results table of one group of cases; skipped cases are listed with their reason. */
export function formatCaseTable(results: readonly CaseResult[]): string {
  const unit = results[0]?.unit ?? 'n';
  const rows: string[][] = [];
  const skipped: string[] = [];
  // the MB/s column only for tables whose cases read input files
  const withBytes = results.some((r) => r.sizes.some((s) => s.bytesPerSecond !== undefined));
  for (const r of results) {
    if (r.skipped) {
      skipped.push(`  skipped ${r.id}: ${r.skipped}`);
      continue;
    }
    for (const s of r.sizes) {
      rows.push([
        r.id,
        String(s.size),
        String(s.objects),
        formatSeconds(s.medianSeconds),
        formatSeconds(s.bestSeconds),
        formatRate(s.objectsPerSecond),
        (s.medianSeconds / s.objects * 1e6).toFixed(1),
        formatMemory(s.maxRssKb),
        ...(withBytes ? [s.bytesPerSecond === undefined ? '-' : formatMegabytes(s.bytesPerSecond)] : []),
      ]);
    }
  }
  const header = ['case', `n (${unit})`, 'objects', 'median s', 'best s', 'objects/s', 'us/object', 'peak MiB', ...(withBytes ? ['MB/s'] : [])];
  return [formatTable(header, rows), ...skipped].join('\n');
}

/** The comparisons table. */
export function formatComparisons(comparisons: readonly ComparisonResult[]): string {
  const rows = comparisons.map((c) => [
    c.title,
    c.value === null ? 'n/a' : c.display ?? `${c.value.toFixed(2)}x`,
    c.at,
    c.target,
    c.shortfall === undefined ? statusLabel(c.status) : `${statusLabel(c.status)} (${c.shortfall})`,
    c.note,
  ]);
  return formatTable(['comparison', 'value', 'at', 'target', 'status', 'note'], rows, [0, 5]);
}

function statusLabel(status: TargetStatus): string {
  switch (status) {
    case TargetStatus.MET: return 'MET';
    case TargetStatus.MISSED: return 'MISSED';
    case TargetStatus.NOT_MEASURED: return 'n/a';
    case TargetStatus.NONE: return '-';
  }
}
