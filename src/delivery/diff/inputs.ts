/**
 * The two sides of a diff: objects, YAML files (as synthesized or read from an output folder).
 */
import * as fs from 'fs';
import * as path from 'path';
import { decodeYaml, parseYaml } from '../../validation/parse';
import { SourcedObject } from '../../validation/types';
import { readInputFile } from '../../validation/input-file';
import { listManifestFiles } from '../../validation/parse/files';
import { DiffInputError } from './values';

export { DiffInputError };

/** A manifest file: a name relative to its output folder and its YAML text. */
export interface ManifestFile {
  /**
   * The file name relative to the output folder, `/`-separated (`prod/web.k8s.yaml`). Its folder
   * part is the scope objects are matched in.
   */
  readonly name: string;
  /** The YAML (or JSON) text. */
  readonly content: string;
  /**
   * The path shown in messages.
   *
   * @default - the name
   */
  readonly path?: string;
}

/** One side of a diff: objects as they are (scope ''), or manifest files to parse. */
export type ManifestInput = readonly SourcedObject[] | readonly ManifestFile[];

/** An object of one side with the folder scope it was found in. */
export interface ScopedObject extends SourcedObject {
  readonly scope: string;
}

/**
 * Reads every manifest under `dir` (recursively; `*.yaml`, `*.yml`, `*.json`), named relative to
 * `dir`. Kustomize files (`kustomization.yaml`) and validation records are left out: they are not
 * Kubernetes objects. Links are followed; special files (FIFOs), dangling links, link loops and
 * files over the input size limit are problems, never opened.
 *
 * @throws DiffInputError when `dir` is not a readable folder, listing every file that cannot be read
 */
export function readManifestFolder(dir: string): ManifestFile[] {
  let isDir: boolean;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch (e) {
    const read = readInputFile(dir);
    throw new DiffInputError([`${dir}: ${'problem' in read && read.problem !== 'no such file or folder' ? read.problem : 'folder not found'}`]);
  }
  if (!isDir) throw new DiffInputError([`${dir}: not a folder`]);
  const problems: string[] = [];
  const found = listManifestFiles(dir, (folder, e) => problems.push(`${folder}: cannot read the folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
  for (const p of found.problems) problems.push(`${p.file}: ${p.message}`);
  const files: ManifestFile[] = [];
  for (const full of found.files) {
    const read = readInputFile(full);
    if ('problem' in read) {
      problems.push(`${full}: ${read.problem}`);
      continue;
    }
    const decoded = decodeYaml(read.data, full);
    if (decoded.problem !== undefined) {
      problems.push(`${decoded.problem.file}:${decoded.problem.line}: ${decoded.problem.message}`);
      continue;
    }
    files.push({ name: path.relative(dir, full).split(path.sep).join('/'), content: decoded.text, path: full });
  }
  if (problems.length > 0) throw new DiffInputError(problems);
  return files;
}

/**
 * Turns one side of a diff into scoped objects; objects of `kind: Kustomization` are dropped.
 *
 * @throws DiffInputError listing every file that does not parse, with file and line
 */
export function scopedObjects(input: ManifestInput): ScopedObject[] {
  const out: ScopedObject[] = [];
  const problems: string[] = [];
  for (const item of input as ReadonlyArray<SourcedObject | ManifestFile>) {
    if ('object' in item) {
      out.push({ ...item, scope: '' });
      continue;
    }
    const display = item.path ?? item.name;
    const slash = item.name.lastIndexOf('/');
    const scope = slash >= 0 ? item.name.slice(0, slash) : '';
    const parsed = parseYaml(item.content, display);
    for (const p of parsed.problems) {
      if (p.message === 'no objects found (empty file)') continue; // an empty chart writes an empty file
      problems.push(`${p.file}:${p.line}: ${p.message}`);
    }
    for (const o of parsed.objects) {
      if (o.object.kind !== 'Kustomization') out.push({ ...o, scope });
    }
  }
  if (problems.length > 0) throw new DiffInputError(problems);
  return out;
}
