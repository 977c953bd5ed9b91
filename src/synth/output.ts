/**
 * Writing synthesized files to the output folder without ever losing it, and checking that it is
 * up to date.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { isValidationRecordName } from '../validation/config';
import { CONSTRUCT_METADATA_FILE } from './construct-metadata';
import { KUSTOMIZATION_FILE } from './kustomization';
import { SynthFile } from './synthesize';

/**
 * Prefix of the temporary folders created next to the output folder (ignored by git):
 * `.cdk8s-patterns-tmp-<pid>-<random>`. Those of runs that were killed are finished or removed by
 * the next write to the same output folder.
 */
export const TEMP_PREFIX = '.cdk8s-patterns-tmp';

/**
 * The output folder cannot be used (exit code 2): it is the working directory or contains it, it
 * holds a project, files synth did not write, or it is not a folder. Nothing was changed.
 */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
    Object.setPrototypeOf(this, OutputFolderError.prototype);
  }
}

/** A file-system operation failed while writing (or comparing with) the output folder (exit code 1); the message names the path. */
export class OutputWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputWriteError';
    Object.setPrototypeOf(this, OutputWriteError.prototype);
  }
}

/** Old output that could not be removed after every new file was moved into place. */
class LeftoverError extends OutputWriteError {
  constructor(message: string) {
    super(message);
    Object.setPrototypeOf(this, LeftoverError.prototype);
  }
}

/** Options of {@link writeOutputAtomically}. */
export interface WriteOutputOptions {
  /**
   * The working directory: an output folder that is it or contains it is refused.
   *
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Receives a message for each temporary folder of an interrupted run that was finished or removed.
   *
   * @default - no messages
   */
  readonly notice?: (message: string) => void;
}

/** What a temporary folder records once its tree is complete and moving it into place has begun. */
interface CommitRecord {
  /** The real path of the output folder. */
  readonly target: string;
  /** Every file of the new output, relative to it. */
  readonly files: readonly string[];
}

const COMMIT_RECORD = 'commit.json';
const TREE = 'tree';
/** Files synth writes under any name choice: chart files, kustomization files, the record, construct metadata. */
const SYNTH_FILE = /\.k8s\.ya?ml$/;

/**
 * Replaces the content of `outdir` with `files`; the folder never disappears.
 *
 * 1. The folder is checked (see {@link OutputFolderError}): refused, it is left untouched.
 * 2. Temporary folders of interrupted runs next to it are finished (their files moved in) or removed.
 * 3. The files are written into a temporary folder next to the output folder (same file system);
 *    a failure there (no space, no permission) leaves the output folder untouched.
 * 4. The temporary folder records the file list, then each file is renamed over its counterpart in
 *    the output folder (each file is atomically the old or the new one) and the files no longer
 *    produced are removed. A run killed during this step leaves a mix of old and new files, which
 *    the next run completes to the new output before anything else (step 2).
 *
 * A symbolic link `outdir` is written through (its target folder is updated); a dangling link is
 * refused. Folders and files get the modes the umask gives (0755 and 0644 under umask 022).
 *
 * @throws OutputFolderError when the folder is refused (nothing was changed)
 * @throws OutputWriteError when the file system fails, with the path and the reason
 */
export function writeOutputAtomically(outdir: string, files: readonly SynthFile[], options: WriteOutputOptions = {}): void {
  files.forEach((f) => assertSafeName(f.name));
  const target = resolveOutputFolder(outdir, options.cwd ?? process.cwd());
  const parent = path.dirname(target);
  recoverInterruptedRuns(target, options.notice ?? (() => undefined));
  checkOwnership(outdir, target, new Set(files.map((f) => f.name)));
  checkWritable(outdir, target);
  fsStep(parent, () => fs.mkdirSync(parent, { recursive: true }));
  const staging = fsStep(parent, () => makeTempFolder(path.join(parent, `${TEMP_PREFIX}-${process.pid}-`)));
  let committing = false;
  try {
    for (const file of files) {
      const destination = path.join(staging, TREE, file.name);
      fsStep(path.join(target, file.name), () => {
        fs.mkdirSync(path.dirname(destination), { recursive: true });
        fs.writeFileSync(destination, file.content, 'utf8');
      });
    }
    fsStep(path.join(staging, TREE), () => fs.mkdirSync(path.join(staging, TREE), { recursive: true }));
    testKillPoint('staged');
    const record: CommitRecord = { target, files: files.map((f) => f.name) };
    fsStep(staging, () => {
      fs.writeFileSync(path.join(staging, `${COMMIT_RECORD}.tmp`), JSON.stringify(record));
      fs.renameSync(path.join(staging, `${COMMIT_RECORD}.tmp`), path.join(staging, COMMIT_RECORD));
    });
    committing = true;
    testKillPoint('commit-started');
    commit(staging, record);
    committing = false;
  } catch (e) {
    if (committing && e instanceof OutputWriteError && !(e instanceof LeftoverError)) {
      throw new OutputWriteError(`${e.message}; ${displayDir(outdir)} holds part of the new files: fix the cause and run synth again to finish`);
    }
    throw e;
  } finally {
    if (!committing) fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Checks, before any work, that `outdir` may be written: not the working directory, not a folder
 * containing it, not a project folder, a folder (or a link to one) if it exists. Whether it holds
 * files synth did not write is checked when writing, once the file names are known.
 *
 * @throws OutputFolderError saying why not
 */
export function checkOutputFolder(outdir: string, cwd: string = process.cwd()): void {
  resolveOutputFolder(outdir, cwd);
}

/**
 * Finishes or removes the temporary folders that interrupted runs left next to `outdir`: a
 * folder whose move into `outdir` had begun is completed (`outdir` then holds that run's complete
 * output); others are removed. Folders of runs still alive are left alone.
 *
 * @returns one message per folder handled
 */
export function recoverOutputFolder(outdir: string): string[] {
  const notices: string[] = [];
  let target = path.resolve(outdir);
  try {
    target = fs.realpathSync(target);
  } catch {
    // a missing folder: temporary folders next to where it would be
  }
  recoverInterruptedRuns(target, (m) => notices.push(m));
  return notices;
}

/**
 * The real path of the output folder, after refusing one that is the working directory, contains
 * it, holds a project, is not a folder or is a dangling link.
 */
function resolveOutputFolder(outdir: string, cwd: string): string {
  const refuse = (why: string): never => {
    throw new OutputFolderError(`refusing to write to ${outdir}: ${why}; nothing was changed`);
  };
  let target = path.resolve(cwd, outdir);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(target);
  } catch (e) {
    if (errorCode(e) !== 'ENOENT' && errorCode(e) !== 'ENOTDIR') refuse(`cannot examine it: ${reason(e)}`);
  }
  if (stat?.isSymbolicLink()) {
    let real: string;
    try {
      real = fs.realpathSync(target);
    } catch (e) {
      const code = errorCode(e);
      return refuse(code === 'ELOOP' ? 'it is a symbolic link that loops' : `it is a symbolic link to ${fs.readlinkSync(target)}, which does not exist`);
    }
    target = real;
    stat = fs.statSync(target);
  } else if (stat !== undefined) {
    target = fs.realpathSync(target);
  } else {
    // not there yet: judge it by where it will be
    target = path.join(realpathOfExisting(path.dirname(target)), path.basename(target));
  }
  if (stat !== undefined && !stat.isDirectory()) refuse('it exists and is not a folder');
  const realCwd = realpathOfExisting(path.resolve(cwd));
  if (realCwd === target) refuse('it is the working directory, and synth replaces the whole folder; write to a sub-folder such as dist');
  if (realCwd.startsWith(target.endsWith(path.sep) ? target : target + path.sep)) {
    refuse(`it contains the working directory (${realCwd}), and synth replaces the whole folder; write to a sub-folder such as dist`);
  }
  if (stat !== undefined) {
    const project = ['package.json', '.git'].filter((name) => fs.existsSync(path.join(target, name)));
    if (project.length > 0) refuse(`it holds ${project.join(' and ')}, so it is a project folder, and synth replaces the whole folder`);
  }
  return target;
}

/**
 * Refuses an output folder that holds files synth did not write, unless it holds the validation
 * record synth writes at its root. Synth wrote: chart files (`*.k8s.yaml`), `kustomization.yaml`,
 * validation records, `construct-metadata.json`, and the files it is about to write.
 */
function checkOwnership(outdir: string, target: string, newNames: ReadonlySet<string>): void {
  if (!fs.existsSync(target)) return;
  const top = fsStep(target, () => fs.readdirSync(target));
  if (top.some(isValidationRecordName)) return;
  const foreign: string[] = [];
  let more = 0;
  const queue: string[] = [''];
  while (queue.length > 0 && foreign.length + more < 100) {
    const rel = queue.shift()!;
    const entries = fsStep(path.join(target, rel), () => fs.readdirSync(path.join(target, rel), { withFileTypes: true }));
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        queue.push(name);
      } else if (!entry.isFile() || !isSynthFileName(name, newNames)) {
        if (foreign.length < 5) foreign.push(entry.isFile() ? name : `${name} (${entryKind(entry)})`);
        else more++;
      }
    }
  }
  if (foreign.length > 0) {
    throw new OutputFolderError(`refusing to write to ${outdir}: it holds files synth did not write: ${foreign.join(', ')}${more > 0 ? ' and more' : ''}; `
      + 'synth replaces the whole folder, so write to an empty folder or one synth wrote, or move those files away; nothing was changed');
  }
}

function isSynthFileName(name: string, newNames: ReadonlySet<string>): boolean {
  const base = path.posix.basename(name);
  return newNames.has(name) || SYNTH_FILE.test(base) || base === KUSTOMIZATION_FILE || isValidationRecordName(base) || name === CONSTRUCT_METADATA_FILE;
}

/** Fails before anything is written when the output folder, or a folder in it, cannot be changed. */
function checkWritable(outdir: string, target: string): void {
  const folders = [fs.existsSync(target) ? target : realpathOfExisting(path.dirname(target))];
  if (fs.existsSync(target)) {
    for (let i = 0; i < folders.length; i++) {
      for (const entry of fsStep(folders[i], () => fs.readdirSync(folders[i], { withFileTypes: true }))) {
        if (entry.isDirectory()) folders.push(path.join(folders[i], entry.name));
      }
    }
  }
  for (const folder of folders) {
    try {
      fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
    } catch (e) {
      throw new OutputWriteError(`cannot write ${folder}: ${reason(e)}; ${displayDir(outdir)} was left unchanged`);
    }
  }
}

/**
 * Moves the files of a complete temporary tree into the output folder, then removes the files no
 * longer produced and the folders left empty, and finally the temporary folder.
 */
function commit(staging: string, record: CommitRecord): void {
  const { target } = record;
  fsStep(target, () => fs.mkdirSync(target, { recursive: true }));
  const keep = new Set(record.files);
  const keepFolders = new Set<string>();
  for (const name of record.files) {
    for (let dir = path.posix.dirname(name); dir !== '.'; dir = path.posix.dirname(dir)) keepFolders.add(dir);
  }
  let moved = 0;
  for (const name of record.files) {
    const from = path.join(staging, TREE, name);
    if (!fs.existsSync(from)) continue; // moved before the previous run was killed
    const to = path.join(target, name);
    fsStep(to, () => {
      makeFolders(target, path.posix.dirname(name));
      const existing = lstatOrUndefined(to);
      // an old folder (or link) where a file now goes: old output in a folder synth owns
      if (existing !== undefined && existing.isDirectory()) fs.rmSync(to, { recursive: true, force: true });
      fs.renameSync(from, to);
    });
    moved++;
    if (moved === 1) testKillPoint('moved-one');
  }
  testKillPoint('moved');
  removeOthers(target, '', keep, keepFolders);
  testKillPoint('cleaned');
  fs.rmSync(staging, { recursive: true, force: true });
}

/** Creates `rel` (a `/`-separated folder) under `root`, replacing old files that stand where a folder goes. */
function makeFolders(root: string, rel: string): void {
  if (rel === '.' || rel === '') return;
  let current = root;
  for (const part of rel.split('/')) {
    current = path.join(current, part);
    const stat = lstatOrUndefined(current);
    if (stat !== undefined && !stat.isDirectory()) fs.rmSync(current, { force: true });
    if (stat === undefined || !stat.isDirectory()) fs.mkdirSync(current);
  }
}

/**
 * Removes what the new output no longer has. Every new file is in place by now, so a failure says
 * exactly that (the leftover is old output, removed by the next successful run).
 */
function removeOthers(root: string, rel: string, keep: ReadonlySet<string>, keepFolders: ReadonlySet<string>): void {
  const remove = (full: string, step: () => void): void => {
    try {
      step();
    } catch (e) {
      throw new LeftoverError(`cannot remove ${full}, which synth no longer writes: ${reason(e)}; the new files are in place, `
        + 'remove it by hand or fix the cause and run synth again');
    }
  };
  const folder = path.join(root, rel);
  for (const entry of fsStep(folder, () => fs.readdirSync(folder, { withFileTypes: true }))) {
    const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
    const full = path.join(root, name);
    if (entry.isDirectory()) {
      removeOthers(root, name, keep, keepFolders);
      if (!keepFolders.has(name)) remove(full, () => fs.rmdirSync(full));
    } else if (!keep.has(name)) {
      remove(full, () => fs.rmSync(full, { force: true }));
    }
  }
}

/** Handles the temporary folders next to `target` left by runs that are no longer alive. */
function recoverInterruptedRuns(target: string, notice: (message: string) => void): void {
  const parent = path.dirname(target);
  let names: string[];
  try {
    names = fs.readdirSync(parent).filter((n) => n.startsWith(`${TEMP_PREFIX}-`));
  } catch {
    return; // no parent yet: nothing to recover
  }
  for (const name of names) {
    const folder = path.join(parent, name);
    const match = /^\.cdk8s-patterns-tmp-(\d+)-[0-9a-f]+$/.exec(name);
    if (match !== null) {
      const pid = Number(match[1]);
      if (pid === process.pid || isAlive(pid)) continue;
      const record = readCommitRecord(folder);
      if (record === undefined) {
        fsStep(folder, () => fs.rmSync(folder, { recursive: true, force: true }));
        notice(`removed ${folder}, left by an interrupted synth (process ${pid}) before it changed anything`);
      } else if (record.target === target) {
        commit(folder, record);
        notice(`finished writing ${target}, which an interrupted synth (process ${pid}) had begun to update`);
      }
    } else if (/^\.cdk8s-patterns-tmp-(new|old)-[0-9a-zA-Z]+$/.test(name)) {
      // left by a version that swapped whole folders: a killed swap kept the previous output in `old-*/previous`
      const previous = path.join(folder, 'previous');
      if (name.includes('-old-') && !fs.existsSync(target) && fs.existsSync(previous)) {
        fsStep(target, () => fs.renameSync(previous, target));
        notice(`restored ${target} from ${previous}, left by an interrupted synth`);
      }
      fsStep(folder, () => fs.rmSync(folder, { recursive: true, force: true }));
    }
  }
}

function readCommitRecord(folder: string): CommitRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(folder, COMMIT_RECORD), 'utf8')) as CommitRecord;
    return typeof record.target === 'string' && Array.isArray(record.files) ? record : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errorCode(e) === 'EPERM';
  }
}

/**
 * Test hook: `CDK8S_PATTERNS_TEST_KILL_AT=<point>` kills the process with SIGKILL at that point of
 * the write, so tests can check what a real kill leaves behind.
 */
function testKillPoint(point: string): void {
  if (process.env.CDK8S_PATTERNS_TEST_KILL_AT === point) process.kill(process.pid, 'SIGKILL');
}

/** Every entry under `dir` that is not a folder, as `/`-separated paths relative to it; empty when `dir` does not exist. */
/** @internal */
export function listFiles(dir: string, prefix = ''): Array<{ name: string; regular: boolean }> {
  if (prefix === '' && !fs.existsSync(dir)) {
    return [];
  }
  const names: Array<{ name: string; regular: boolean }> = [];
  for (const entry of fsStep(dir, () => fs.readdirSync(dir, { withFileTypes: true }), 'read')) {
    const relative = prefix + entry.name;
    if (entry.isDirectory()) {
      names.push(...listFiles(path.join(dir, entry.name), `${relative}/`));
    } else {
      names.push({ name: relative, regular: entry.isFile() });
    }
  }
  return names;
}

/** Runs a file-system step; a failure becomes an {@link OutputWriteError} naming `where`. */
/** @internal */
export function fsStep<T>(where: string, step: () => T, verb: 'write' | 'read' = 'write'): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof OutputWriteError || e instanceof OutputFolderError || errorCode(e) === undefined) throw e;
    throw new OutputWriteError(`cannot ${verb} ${where}: ${reason(e)}`);
  }
}

/** A file-system error in words, e.g. `permission denied (EACCES)`. */
export function reason(e: unknown): string {
  const code = errorCode(e);
  const words: Record<string, string> = {
    EACCES: 'permission denied', EPERM: 'operation not permitted', ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded', EROFS: 'read-only file system', ENOTDIR: 'a part of the path is a file, not a folder',
    EISDIR: 'it is a folder', ENOENT: 'no such file or folder', ELOOP: 'too many symbolic links (a loop)',
    ENAMETOOLONG: 'the name is too long', EEXIST: 'it already exists', ENOTEMPTY: 'the folder is not empty', EBUSY: 'it is busy',
    EIO: 'input/output error', EMFILE: 'too many open files', EXDEV: 'it is on another file system',
  };
  if (code !== undefined) return `${Object.hasOwn(words, code) ? words[code] : 'failed'} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

function errorCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realpathOfExisting(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realpathOfExisting(parent), path.basename(p));
  }
}

function entryKind(entry: fs.Dirent): string {
  if (entry.isSymbolicLink()) return 'a symbolic link';
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  return 'a device';
}

/** @internal */
export function displayDir(outdir: string): string {
  return `${outdir.replace(/[\\/]+$/, '')}/`;
}

/**
 * Creates a new folder named `<prefix><random>` with the umask's mode (`fs.mkdtempSync` would
 * create it 0700, and the moved folders would keep that mode).
 */
function makeTempFolder(prefix: string): string {
  for (let attempt = 0; ; attempt++) {
    const folder = `${prefix}${randomBytes(6).toString('hex')}`;
    try {
      fs.mkdirSync(folder);
      return folder;
    } catch (e) {
      if (errorCode(e) !== 'EEXIST' || attempt >= 99) throw e;
    }
  }
}

function assertSafeName(name: string): void {
  if (name === '' || path.isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
    throw new Error(`refusing to write file '${name}' outside the output folder`);
  }
}
