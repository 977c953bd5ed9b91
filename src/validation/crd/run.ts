/**
 * The CRDs of one validation run: the built-in ones (`crds/`), those given with `--crd <file|dir>`
 * (the `crds` option), and those found in the input.
 *
 * The engine keeps one {@link CustomResourceRun} per validator. Custom resources of a kind no CRD
 * defines yet are held back until the input ends (`finish`), because a CR may come before its CRD
 * in the stream; every other object is checked as it arrives and not kept.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidationConfigError } from '../config';
import { parseManifestText } from '../engine-input';
import { readInputFile } from '../input-file';
import { decodeYaml } from '../parse/decode';
import { listManifestFiles } from '../parse/files';
import { isBuiltinKind, kindRulesApply } from '../schema/registry';
import { isBuiltinGroup } from '../schema/removed-apis';
import { KubeObject, ObjectSource } from '../types';
import type { CrdCatalog } from './catalog';
import { isCrd, readCrd } from './manifest';

// The CRD catalog and the structural checks load on the first CRD, `--crd` path or custom resource
// of a run, not for inputs of built-in kinds only (start-up of `validate`, issue #14).
/* eslint-disable @typescript-eslint/no-require-imports */
let catalogModule: typeof import('./catalog') | undefined;
let checkModule: typeof import('./structural-check') | undefined;
const catalogCode = (): typeof import('./catalog') => (catalogModule ??= require('./catalog') as typeof import('./catalog'));
const checkCode = (): typeof import('./structural-check') => (checkModule ??= require('./structural-check') as typeof import('./structural-check'));
/* eslint-enable @typescript-eslint/no-require-imports */

/** The apiVersion's group (`''` for the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Where a CRD object was read from, for messages: `file:line`, the construct path, or `input`. */
function where(source: ObjectSource | undefined): string {
  if (source?.file !== undefined) return source.line !== undefined ? `${source.file}:${source.line}` : source.file;
  return source?.constructPath ?? 'input';
}

/**
 * Reads `--crd` paths (files or folders of `.yaml`/`.yml`/`.json`) into a catalog over the built-in
 * CRDs. Throws ValidationConfigError naming the path (and line) when a path is missing or unreadable,
 * a file is not valid YAML, a document is not a CRD, or a CRD is not usable.
 */
export function loadCrdFiles(paths: readonly string[]): CrdCatalog {
  const files = crdFilesOf(paths);
  // The same files, unchanged, give the same catalog: parse workers and repeated validate() calls
  // (test matchers, one validator per chunk) read them once per process.
  const key = files.map((file) => {
    try {
      const stat = fs.statSync(file);
      return `${file}\u0000${stat.size}\u0000${stat.mtimeMs}`;
    } catch {
      return `${file}\u0000unreadable`; // reported by readCrdFiles with its path
    }
  }).join('\u0001');
  let catalog = loaded.get(key);
  if (!catalog) {
    catalog = readCrdFiles(files);
    if (loaded.size >= 16) loaded.clear();
    loaded.set(key, catalog);
  }
  return catalog;
}

const loaded = new Map<string, CrdCatalog>();

/** The files of `--crd` paths (folders listed recursively); throws ValidationConfigError for a bad path. */
function crdFilesOf(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new ValidationConfigError(`--crd ${p}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      const listed = listManifestFiles(p, (folder, e) => {
        throw new ValidationConfigError(`--crd ${folder}: ${(e as Error).message}`);
      });
      if (listed.files.length === 0) throw new ValidationConfigError(`--crd ${p}: the folder has no .yaml, .yml or .json file`);
      files.push(...listed.files);
    } else {
      files.push(p);
    }
  }
  return files;
}

function readCrdFiles(files: readonly string[]): CrdCatalog {
  const { CrdCatalog, knownCrdCatalog } = catalogCode();
  const catalog = new CrdCatalog(knownCrdCatalog());
  for (const file of files) {
    const read = readInputFile(file);
    if ('problem' in read) throw new ValidationConfigError(`--crd ${file}: ${read.problem}`);
    const decoded = decodeYaml(read.data, file);
    if (decoded.problem !== undefined) {
      const at = decoded.problem.line !== undefined ? `${file}:${decoded.problem.line}` : file;
      throw new ValidationConfigError(`--crd ${at}: ${decoded.problem.message}`);
    }
    const parsed = parseManifestText(decoded.text, file);
    if (parsed.problems.length > 0) {
      const problem = parsed.problems[0];
      const at = problem.line !== undefined ? `${problem.file}:${problem.line}` : problem.file;
      throw new ValidationConfigError(`--crd ${at}: ${problem.message}`);
    }
    for (const { object, source } of parsed.objects) {
      const at = where(source);
      if (!isCrd(object)) {
        const o = object as { apiVersion?: unknown; kind?: unknown };
        throw new ValidationConfigError(
          `--crd ${at}: expected an apiextensions.k8s.io/v1 CustomResourceDefinition, found ${String(o.apiVersion)} ${String(o.kind)}`);
      }
      const problems = checkCode().crdProblems(object);
      if (problems.length > 0) throw new ValidationConfigError(`--crd ${at}: the CRD cannot be used: ${problems[0]}`);
      const crd = readCrd(object);
      if ('problem' in crd) continue; // checked above
      catalog.add(crd, at, undefined, true); // --crd wins over the built-in CRDs (crds/)
    }
  }
  return catalog;
}

/** A custom resource held back until the input ends. */
export interface HeldObject<T> {
  readonly object: KubeObject;
  readonly source: ObjectSource;
  readonly extra: T;
}

/** The CRD side of one streaming validation. */
export class CustomResourceRun<T> {
  private runCatalog: CrdCatalog | undefined;
  private held: HeldObject<T>[] = [];

  constructor(private readonly context: object, crdPaths: readonly string[] | undefined) {
    // --crd files (which win over the built-in CRDs), then the CRDs of the input on top
    if (crdPaths !== undefined && crdPaths.length > 0) this.bind(loadCrdFiles(crdPaths));
  }

  /**
   * The run's catalog, made on first use: until then the rules see the built-in CRDs
   * (`crdCatalogFor` of an unbound context), which is what an empty catalog on top of them answers.
   */
  public get catalog(): CrdCatalog {
    return this.runCatalog ?? this.bind(catalogCode().knownCrdCatalog());
  }

  private bind(parent: CrdCatalog): CrdCatalog {
    const { CrdCatalog, bindCrdCatalog } = catalogCode();
    this.runCatalog = new CrdCatalog(parent);
    bindCrdCatalog(this.context, this.runCatalog);
    return this.runCatalog;
  }

  /**
   * Looks at one object of the input: a usable CRD is added to the catalog unless a `--crd` file, a
   * built-in CRD or an earlier CRD of the input defines its group and kind. Returns true when the object
   * is a custom resource of a kind no CRD defines yet: the caller hands it back with
   * {@link hold} and validates it at the end.
   */
  public observe(object: KubeObject, source: ObjectSource, hasOwnSchema: (apiVersion: string, kind: string) => boolean): boolean {
    const { apiVersion, kind } = object as { apiVersion: string; kind: string };
    if (isCrd(object)) {
      // the schema/crd rule, which runs next on this object, reuses the answer
      if (checkCode().checkCrd(object).length === 0) {
        const crd = readCrd(object);
        if (!('problem' in crd)) this.catalog.add(crd, where(source));
      }
      return false;
    }
    if (isBuiltinKind(apiVersion, kind) || !kindRulesApply(apiVersion, kind)) return false;
    const group = groupOf(apiVersion);
    if (!group.includes('.') || isBuiltinGroup(group)) return false;
    if (this.catalog.defines(group, kind) || hasOwnSchema(apiVersion, kind)) return false;
    return true;
  }

  /** Keeps a custom resource until {@link finish}. */
  public hold(object: KubeObject, source: ObjectSource, extra: T): void {
    this.held.push({ object, source, extra });
  }

  /** The held custom resources, in input order (the run forgets them). */
  public finish(): HeldObject<T>[] {
    const held = this.held;
    this.held = [];
    return held;
  }
}

/** Resolves the `crds` entries of a config file against its folder. */
export function resolveCrdPaths(paths: readonly string[], base: string): string[] {
  return paths.map((p) => path.resolve(base, p));
}
