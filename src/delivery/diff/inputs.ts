/**
 * The two sides of a diff: objects, YAML files (as synthesized or read from an output folder).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseYaml } from '../../validation/parse';
import { SourcedObject } from '../../validation/types';
import { isValidationRecordName } from '../../validation/config';

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
 * Input that cannot be diffed: a folder that does not exist, a file that does not parse.
 * `problems` are `file:line: message` lines.
 */
export class DiffInputError extends Error {
  /** Every problem, one line each. */
  public readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} input problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DiffInputError';
    this.problems = problems;
    Object.setPrototypeOf(this, DiffInputError.prototype);
  }
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Reads every manifest under `dir` (recursively; `*.yaml`, `*.yml`, `*.json`), named relative to
 * `dir`. Kustomize files (`kustomization.yaml`) are left out: they are not Kubernetes objects.
 *
 * @throws DiffInputError when `dir` is not a readable folder
 */
export function readManifestFolder(dir: string): ManifestFile[] {
  let isDir: boolean;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    throw new DiffInputError([`${dir}: folder not found`]);
  }
  if (!isDir) throw new DiffInputError([`${dir}: not a folder`]);
  const files: ManifestFile[] = [];
  const walk = (rel: string): void => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(name);
      else if (EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !KUSTOMIZATION_FILES.has(entry.name) && !isValidationRecordName(entry.name)) {
        const full = path.join(dir, name);
        files.push({ name, content: fs.readFileSync(full, 'utf8'), path: full });
      }
    }
  };
  walk('');
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
