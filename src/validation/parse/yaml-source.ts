/**
 * The {@link ObjectSource} of an object read from YAML: file, document line and field-path
 * lines on demand.
 *
 * A source is one small plain object per object (no closure): `lineOf` is a shared function that
 * reads the source's own fields, so spreading a source (`{ ...source, constructPath }`) keeps it
 * working. The document keeps its text and computes positions the first time a finding asks.
 */
import * as fs from 'fs';
import { StringDecoder } from 'string_decoder';
import { ObjectSource, SourcedObject } from '../types';
import { DocumentPositions } from './positions';

/** A source of an object read from YAML text. */
export interface YamlSource extends ObjectSource {
  readonly file: string;
  /** The 1-based file line of the object (document start, or the List item). */
  readonly line: number;
  /** The document the object is in. */
  readonly document: DocumentPositions;
  /** The path of the object inside its document: `''`, or `items[3]` for an item of a `kind: List`. */
  readonly itemPath: string;
  /** The 1-based file line of the document's first content line. */
  readonly documentLine: number;
  readonly lineOf: (fieldPath: string) => number | undefined;
}

function sourceLineOf(this: YamlSource, path: string): number | undefined {
  const document = this.document;
  if (this.itemPath === '') return document.lineOf(path) ?? this.documentLine;
  return document.lineOf(path === '' ? this.itemPath : `${this.itemPath}.${path}`) ?? document.lineOf(this.itemPath) ?? this.documentLine;
}

/**
 * Creates the source of an object starting at `documentLine` in `document`; for an item of a List
 * (`itemPath` not empty) the line is looked up when first read.
 */
export function createYamlSource(file: string, documentLine: number, document: DocumentPositions, itemPath: string): YamlSource {
  if (itemPath === '') return { file, line: documentLine, document, itemPath, documentLine, lineOf: sourceLineOf };
  let itemLine: number | undefined;
  const source = { file, document, itemPath, documentLine, lineOf: sourceLineOf } as YamlSource;
  Object.defineProperty(source, 'line', {
    enumerable: true,
    get: () => (itemLine ??= document.lineOf(itemPath) ?? documentLine),
  });
  return source;
}

// Sources that keep where their document is, not its text

/**
 * Marks the documents of `objects`, parsed from the UTF-8 text of `file` read unchanged (no BOM, no
 * re-encoding), as found at `offset + document.start` characters of that text; `valuesShareText`
 * when the objects were parsed in this thread (their strings are slices of the chunk's text).
 */
export function markFileBacked(objects: readonly SourcedObject[], file: string, offset: number, valuesShareText = false): void {
  let last: DocumentPositions | undefined;
  for (let i = 0; i < objects.length; i++) {
    const document = (objects[i].source as Partial<YamlSource>).document;
    if (!(document instanceof DocumentPositions) || document === last) continue;
    last = document;
    document.fileOrigin = file;
    document.fileStart = offset + document.start;
    document.valuesShareText = valuesShareText;
  }
}

/**
 * The source of an object whose document is a range of a file's text: what a run keeps of a
 * {@link YamlSource} until its bundle rules report, so the document's text (a slice of a chunk of
 * the file, which keeps the whole chunk alive) is not kept. Lines of field paths are found by
 * re-reading the ranges of the documents that have findings ({@link SourceKeeper.resolveLines}).
 */
export class FileRangeSource implements ObjectSource {
  constructor(
    public readonly file: string,
    /** The 1-based file line of the document's first content line (the object's line). */
    public readonly line: number,
    /** The absolute path of the file. */
    public readonly origin: string,
    /** Character offset and length of the document in the file's text. */
    public readonly start: number,
    public readonly length: number,
    /** The 1-based file line of the first line of the document's text. */
    public readonly firstLine: number,
  ) {}
}

/** A finding whose line is to be found from a {@link FileRangeSource}. */
export interface LineRequest {
  readonly source: FileRangeSource;
  readonly path: string;
  /** Receives the line (the document's line when the path cannot be located or the file changed). */
  readonly setLine: (line: number) => void;
}

/** Size of the blocks read when documents are re-read. */
const REREAD_BLOCK_BYTES = 256 << 10;

/**
 * Keeps the sources of a run's bundle objects small: a {@link YamlSource} of a whole document read
 * from a file becomes a {@link FileRangeSource}; anything else (standard input, List items, sources
 * given by the caller) is kept as it is. Each file's size and modification time are noted when its
 * first source is kept, and a file that changed since is not re-read (its findings get their
 * documents' lines).
 */
export class SourceKeeper {
  private readonly stats = new Map<string, { size: number; mtimeMs: number } | null>();

  /**
   * True when `source` is that of an object parsed in this thread from a file's chunk, whose longer
   * strings are slices of the chunk: copying them lets the chunk go (see `valuesShareText`).
   */
  public static sharesText(source: ObjectSource): boolean {
    const document = (source as Partial<YamlSource>).document;
    return document instanceof DocumentPositions && document.fileOrigin !== undefined && document.valuesShareText;
  }

  /** What to keep of `source` until its findings are reported. */
  public keep(source: ObjectSource): ObjectSource {
    const yaml = source as Partial<YamlSource>;
    const document = yaml.document;
    if (!(document instanceof DocumentPositions) || document.fileOrigin === undefined || yaml.itemPath !== ''
      || source.constructPath !== undefined || typeof source.file !== 'string' || typeof yaml.documentLine !== 'number') {
      return source;
    }
    const origin = document.fileOrigin;
    if (!this.stats.has(origin)) this.stats.set(origin, statOf(origin));
    if (this.stats.get(origin) === null) return source;
    return new FileRangeSource(source.file, yaml.documentLine, origin, document.fileStart, document.text.length, document.firstLine);
  }

  /**
   * Finds the lines of `requests`: every file is read once, block by block, and each document with
   * findings is located once for all of its findings (in file order, so a document's text lives only
   * while its findings are placed).
   */
  public resolveLines(requests: readonly LineRequest[]): void {
    const byFile = new Map<string, LineRequest[]>();
    for (const request of requests) {
      const list = byFile.get(request.source.origin);
      if (list === undefined) byFile.set(request.source.origin, [request]);
      else list.push(request);
    }
    for (const [file, list] of byFile) {
      list.sort((a, b) => a.source.start - b.source.start);
      const known = this.stats.get(file);
      const now = statOf(file);
      const unchanged = known != null && now !== null && now.size === known.size && now.mtimeMs === known.mtimeMs;
      if (unchanged) readRanges(file, list);
      else for (const request of list) request.setLine(request.source.line);
    }
  }
}

function statOf(file: string): { size: number; mtimeMs: number } | null {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() ? { size: stat.size, mtimeMs: stat.mtimeMs } : null;
  } catch {
    return null;
  }
}

/**
 * Reads `file` block by block and places the requests (sorted by document start) in their
 * documents; requests past the end of the file, or left when it cannot be read, get their
 * documents' lines.
 */
function readRanges(file: string, requests: readonly LineRequest[]): void {
  let r = 0;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const decoder = new StringDecoder('utf8');
    const block = Buffer.allocUnsafe(REREAD_BLOCK_BYTES);
    let text = '';
    let textStart = 0;
    let ended = false;
    while (r < requests.length) {
      const { start, length } = requests[r].source;
      if (start > textStart) {
        const drop = Math.min(start - textStart, text.length);
        text = text.slice(drop);
        textStart += drop;
      }
      if (start + length <= textStart + text.length) {
        const document = new DocumentPositions(text.slice(start - textStart, start - textStart + length), requests[r].source.firstLine);
        for (; r < requests.length && requests[r].source.start === start; r++) {
          const request = requests[r];
          request.setLine(document.lineOf(request.path) ?? request.source.line);
        }
        continue;
      }
      if (ended) break;
      const read = fs.readSync(fd, block, 0, block.length, null);
      if (read === 0) {
        ended = true;
        text += decoder.end();
      } else {
        text += decoder.write(block.subarray(0, read));
      }
    }
  } catch {
    // unreadable now: the requests left get their documents' lines
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  for (; r < requests.length; r++) requests[r].setLine(requests[r].source.line);
}
