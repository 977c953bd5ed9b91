/**
 * `synth --check`: how the output folder differs from a fresh synth, and the message for it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { displayDir, fsStep, listFiles, OutputFolderError } from './output';
import type { SynthFile } from './synthesize';

/** How the files in the output folder differ from the synthesized files. */
export interface StaleReport {
  /** Files whose content differs. */
  readonly changed: readonly string[];
  /** Files that are synthesized but not in the folder. */
  readonly missing: readonly string[];
  /** Files in the folder that are no longer synthesized. */
  readonly extra: readonly string[];
}

/**
 * Compares `files` with the content of `outdir` (a missing folder counts as empty). Only regular
 * files are read: anything else (a FIFO, a link) counts as changed.
 *
 * @returns the differences, each list sorted by file name
 */
export function findStaleFiles(outdir: string, files: readonly SynthFile[]): StaleReport {
  if (fs.existsSync(outdir) && !fs.statSync(outdir).isDirectory()) {
    throw new OutputFolderError(`cannot compare with ${outdir}: it exists and is not a folder`);
  }
  const existing = new Map(listFiles(outdir).map((f) => [f.name, f.regular]));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const regular = existing.get(file.name);
    if (regular === undefined) {
      missing.push(file.name);
    } else if (!regular || fsStep(path.join(outdir, file.name), () => fs.readFileSync(path.join(outdir, file.name), 'utf8'), 'read') !== file.content) {
      changed.push(file.name);
    }
    existing.delete(file.name);
  }
  return { changed: changed.sort(), missing: missing.sort(), extra: [...existing.keys()].sort() };
}

/** Whether a stale report has any difference. */
export function isStale(report: StaleReport): boolean {
  return report.changed.length + report.missing.length + report.extra.length > 0;
}

/**
 * The message for a stale output folder, e.g.
 * ``dist/ is stale: web.k8s.yaml (changed), db.k8s.yaml (missing). Run `npm run synth` and commit the result.``
 */
export function formatStaleMessage(outdir: string, report: StaleReport): string {
  const entries = [
    ...report.changed.map((f) => `${f} (changed)`),
    ...report.missing.map((f) => `${f} (missing)`),
    ...report.extra.map((f) => `${f} (extra)`),
  ];
  return `${displayDir(outdir)} is stale: ${entries.join(', ')}. Run \`npm run synth\` and commit the result.`;
}
