/**
 * Reads manifests from files, folders and standard input for the CLI.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isValidationRecordName } from '../config';
import { brokenLinkMessage, InputTooLargeError, readInputFile, readStdinSync, specialKind } from '../input-file';
import { SourcedObject } from '../types';
import { ParseProblem, parseYaml } from './parse-yaml';

/** What {@link parseYamlFiles} returns. */
export interface ParseFilesResult {
  readonly objects: SourcedObject[];
  readonly problems: ParseProblem[];
  /**
   * Files inside the given folders that were not read: not *.yaml, *.yml or *.json, or kustomization
   * files (hidden files and the generated validation config are left out silently).
   */
  readonly skipped: string[];
  /** Files that were read. */
  readonly files: string[];
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** The names kustomize reads its configuration from: build inputs, not Kubernetes objects. */
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Whether a file found while walking a folder is a manifest to validate: *.yaml, *.yml or *.json,
 * but not a kustomization file nor the validation record synth writes (`GENERATED_CONFIG_FILE`, or its former name),
 * so `validate dist/` works on a kustomize layout. A file named explicitly is always read.
 */
export function isManifestFileName(name: string): boolean {
  return EXTENSIONS.has(path.extname(name).toLowerCase()) && !KUSTOMIZATION_FILES.has(name) && !isValidationRecordName(name);
}

/** Options of {@link parseYamlFiles}. */
export interface ParseFilesOptions {
  /**
   * Reads standard input when a path is `-`.
   *
   * @default - reads file descriptor 0
   */
  readonly readStdin?: () => string;
}

function decode(buffer: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return undefined;
  }
}

/** What a folder holds, for validation: the manifests to read and the other files. */
export interface FolderManifests {
  /** Manifest files (see {@link isManifestFileName}), in code-point order, sub-folders included. */
  readonly files: string[];
  /** Other files (hidden files, kustomization files and the generated validation config are left out silently). */
  readonly skipped: string[];
  /**
   * Entries named like manifests that are not read: special files (FIFOs, sockets, devices),
   * dangling symbolic links, symbolic link loops and links back to a folder already walked.
   */
  readonly problems: Array<{ readonly file: string; readonly message: string }>;
}

/**
 * Lists the manifests below `dir`, recursively and sorted. A folder that cannot be read is
 * reported to `onError` and treated as empty. Symbolic links are followed (each folder is walked
 * once); special files, dangling links and link loops are listed as problems and never opened.
 */
export function listManifestFiles(dir: string, onError: (folder: string, error: unknown) => void): FolderManifests {
  const files: string[] = [];
  const skipped: string[] = [];
  const problems: Array<{ file: string; message: string }> = [];
  const walked = new Set<string>();
  const visit = (folder: string): void => {
    let entries: fs.Dirent[];
    let real: string;
    try {
      real = fs.realpathSync(folder);
      if (walked.has(real)) return; // reached again through a link: read once
      walked.add(real);
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      onError(folder, e);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      const kind = entry.isSymbolicLink() ? linkKind(full) : entry;
      if ('problem' in kind) {
        problems.push({ file: full, message: kind.problem });
      } else if (kind.isDirectory()) {
        const to = entry.isSymbolicLink() ? fs.realpathSync(full) : undefined;
        if (to !== undefined && (real === to || real.startsWith(to.endsWith(path.sep) ? to : to + path.sep))) {
          problems.push({ file: full, message: `a symbolic link to ${to}, which contains it (a loop), not read` });
        } else {
          visit(full);
        }
      } else if (isManifestFileName(entry.name)) {
        if (kind.isFile()) files.push(full);
        else problems.push({ file: full, message: `not a regular file (${specialKind(kind)}), not read; use - for standard input` });
        // Hidden files, kustomization files and the config synth writes are known not to be manifests: not worth a notice.
      } else if (!entry.name.startsWith('.') && !isValidationRecordName(entry.name) && !KUSTOMIZATION_FILES.has(entry.name)) {
        skipped.push(full);
      }
    }
  };
  visit(dir);
  return { files, skipped, problems };
}

/** What a symbolic link leads to, or why it leads nowhere. */
function linkKind(link: string): fs.Stats | { problem: string } {
  try {
    return fs.statSync(link);
  } catch (e) {
    return { problem: brokenLinkMessage(link, e) };
  }
}

/**
 * Parses every manifest named by `paths`: files (any name), folders (walked recursively, only
 * *.yaml, *.yml and *.json; other files are listed as skipped) and `-` for standard input.
 * Unreadable, missing and binary files become problems; nothing throws for bad input.
 */
export function parseYamlFiles(paths: readonly string[], options: ParseFilesOptions = {}): ParseFilesResult {
  const readStdin = options.readStdin ?? (() => readStdinSync());
  const objects: SourcedObject[] = [];
  const problems: ParseProblem[] = [];
  const skipped: string[] = [];
  const files: string[] = [];
  const add = (text: string, file: string): void => {
    const result = parseYaml(text, file);
    for (const o of result.objects) objects.push(o);
    for (const p of result.problems) problems.push(p);
  };
  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      let text: string;
      try {
        text = readStdin();
      } catch (e) {
        problems.push({ file: '-', line: 0, message: e instanceof InputTooLargeError ? e.message : `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        continue;
      }
      add(text, '-');
      continue;
    }
    let targets: string[];
    try {
      if (fs.statSync(p).isDirectory()) {
        const found = listManifestFiles(p, (folder, e) => problems.push({ file: folder, line: 0, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }));
        targets = found.files;
        skipped.push(...found.skipped);
        for (const problem of found.problems) problems.push({ ...problem, line: 0 });
      } else {
        targets = [p];
      }
    } catch (e) {
      problems.push({ file: p, line: 0, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    for (const file of targets) {
      const read = readInputFile(file);
      if ('problem' in read) {
        problems.push({ file, line: 0, message: read.problem });
        continue;
      }
      const buffer = read.data;
      files.push(file);
      const text = buffer.indexOf(0) >= 0 ? undefined : decode(buffer);
      if (text === undefined) {
        problems.push({ file, line: 1, message: 'binary content: not a YAML or JSON file' });
        continue;
      }
      add(text, file);
    }
  }
  return { objects, problems, skipped, files };
}
