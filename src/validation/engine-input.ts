/**
 * Reading validation input from outside the app: files, folders and standard input, turned into
 * batches of {@link SourcedObject}s (one batch per file) and {@link InputProblem}s.
 *
 * Content problems (malformed YAML, non-mapping documents, missing apiVersion/kind, binary or
 * empty files) come from the parse module; this module adds the file-system ones (missing or
 * unreadable paths, oversized files, folders without manifests).
 */
import * as fs from 'fs';
import { InputTooLargeError, MAX_INPUT_BYTES, readInputFile, tooLargeMessage } from './input-file';
import { decodeYaml } from './parse/decode';
import { listManifestFiles } from './parse/files';
import { parseYaml } from './parse/parse-yaml';
import { InputProblem } from './report/format';
import { SourcedObject } from './types';

export { MAX_INPUT_BYTES };

/** File extensions read from folders. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** What reading the input produced besides the objects. */
export interface InputResult {
  /** Problems that make the check incomplete (exit code 2). */
  readonly problems: readonly InputProblem[];
  /** Informational messages (e.g. files skipped in folders). */
  readonly notices: readonly string[];
  /** The files read, in order. */
  readonly files: readonly string[];
}

/** The objects and problems of one manifest text. */
export interface ParsedManifest {
  readonly objects: readonly SourcedObject[];
  readonly problems: readonly InputProblem[];
}

/** Parses one manifest text (YAML or JSON, multi-document). */
export function parseManifestText(text: string, file: string): ParsedManifest {
  const parsed = parseYaml(text, file);
  return {
    objects: parsed.objects,
    problems: parsed.problems.map((p) => ({ file: p.file, line: p.line, message: p.message })),
  };
}

/**
 * Reads paths in order (folders recursively, sorted; `-` is standard input) and hands the objects
 * of each file to `onBatch` as soon as the file is parsed, so memory does not hold every file.
 */
export async function readInputs(paths: readonly string[], onBatch: (objects: readonly SourcedObject[]) => void,
  stdin: () => Promise<Buffer>): Promise<InputResult> {
  const problems: InputProblem[] = [];
  const notices: string[] = [];
  const files: string[] = [];
  const handle = (file: string, data: Buffer): void => {
    files.push(file);
    const decoded = decodeYaml(data, file);
    if (decoded.problem !== undefined) {
      problems.push(decoded.problem);
      return;
    }
    const parsed = parseManifestText(decoded.text, file);
    problems.push(...parsed.problems);
    if (parsed.objects.length > 0) onBatch(parsed.objects);
  };
  for (const input of paths) {
    if (input === '-') {
      let data: Buffer;
      try {
        data = await stdin();
      } catch (e) {
        problems.push({ file: '-', message: e instanceof InputTooLargeError ? e.message : fsMessage(e, 'cannot read standard input') });
        continue;
      }
      if (data.length > MAX_INPUT_BYTES) {
        problems.push({ file: '-', message: tooLargeMessage(undefined) });
        continue;
      }
      handle('-', data);
      continue;
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(input);
    } catch {
      stat = undefined; // missing, a dangling link, a loop: readFile says which
    }
    if (stat?.isDirectory()) {
      const found = listManifestFiles(input, (folder, e) => problems.push({ file: folder, message: fsMessage(e, 'cannot read the folder') }));
      problems.push(...found.problems);
      if (found.skipped.length > 0) {
        notices.push(`${input}: skipped ${found.skipped.length} file${found.skipped.length === 1 ? '' : 's'} without a .yaml, .yml or .json extension (${found.skipped.slice(0, 5).join(', ')}${found.skipped.length > 5 ? ', ...' : ''})`);
      }
      if (found.files.length === 0) {
        problems.push({ file: input, message: 'the folder has no .yaml, .yml or .json files' });
      }
      for (const file of found.files) readFile(file, problems, handle);
    } else {
      readFile(input, problems, handle);
    }
  }
  return { problems, notices, files };
}

function readFile(file: string, problems: InputProblem[], handle: (file: string, data: Buffer) => void): void {
  const read = readInputFile(file);
  if ('problem' in read) {
    problems.push({ file, message: read.problem });
    return;
  }
  handle(file, read.data);
}

function fsMessage(e: unknown, what: string): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return `${what}: permission denied`;
  return `${what}: ${code ?? (e as Error).message}`;
}
