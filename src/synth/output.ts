/**
 * Writing synthesized files to the output folder atomically, and checking that it is up to date.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SynthFile } from './synthesize';

/** Prefix of the temporary folders created next to the output folder (ignored by git). */
export const TEMP_PREFIX = '.cdk8s-patterns-tmp';

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
 * Replaces the content of `outdir` with `files`, all or nothing.
 *
 * The files are written into a temporary folder next to `outdir` (same file system), which then
 * takes the place of `outdir` by rename: readers see either the previous content or the complete
 * new content, files no longer produced disappear, and on any failure `outdir` keeps its previous
 * content and the temporary folders are removed.
 *
 * Folders and files get the modes the umask gives (0755 and 0644 under umask 022), as with any
 * other tool that writes them: the output is meant to be read by others (CI, GitOps agents).
 */
export function writeOutputAtomically(outdir: string, files: readonly SynthFile[]): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = makeTempFolder(path.join(parent, `${TEMP_PREFIX}-new-`));
  let backup: string | undefined;
  try {
    for (const file of files) {
      assertSafeName(file.name);
      const destination = path.join(staging, file.name);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.writeFileSync(destination, file.content, 'utf8');
    }
    if (fs.existsSync(target)) {
      if (!fs.statSync(target).isDirectory()) {
        throw new Error(`output path ${outdir} exists and is not a folder`);
      }
      backup = `${makeTempFolder(path.join(parent, `${TEMP_PREFIX}-old-`))}/previous`;
      fs.renameSync(target, backup);
    }
    try {
      fs.renameSync(staging, target);
    } catch (e) {
      if (backup) {
        fs.renameSync(backup, target);
        backup = undefined;
      }
      throw e;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    if (backup) {
      fs.rmSync(path.dirname(backup), { recursive: true, force: true });
    }
  }
}

/**
 * Compares `files` with the content of `outdir` (a missing folder counts as empty).
 *
 * @returns the differences, each list sorted by file name
 */
export function findStaleFiles(outdir: string, files: readonly SynthFile[]): StaleReport {
  const existing = new Set(listFiles(outdir));
  const changed: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    if (!existing.has(file.name)) {
      missing.push(file.name);
    } else if (fs.readFileSync(path.join(outdir, file.name), 'utf8') !== file.content) {
      changed.push(file.name);
    }
    existing.delete(file.name);
  }
  return { changed: changed.sort(), missing: missing.sort(), extra: [...existing].sort() };
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
  const folder = `${outdir.replace(/[\\/]+$/, '')}/`;
  return `${folder} is stale: ${entries.join(', ')}. Run \`npm run synth\` and commit the result.`;
}

/** Every file under `dir`, as `/`-separated paths relative to it; empty when `dir` does not exist. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const names: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix + entry.name;
    if (entry.isDirectory()) {
      names.push(...listFiles(path.join(dir, entry.name), `${relative}/`));
    } else {
      names.push(relative);
    }
  }
  return names;
}

/**
 * Creates a new folder named `<prefix><random>` with the umask's mode (`fs.mkdtempSync` would
 * create it 0700, and the output folder would keep that mode after the rename).
 */
function makeTempFolder(prefix: string): string {
  for (let attempt = 0; ; attempt++) {
    const folder = `${prefix}${randomBytes(6).toString('hex')}`;
    try {
      fs.mkdirSync(folder);
      return folder;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 99) throw e;
    }
  }
}

function assertSafeName(name: string): void {
  if (name === '' || path.isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
    throw new Error(`refusing to write file '${name}' outside the output folder`);
  }
}
