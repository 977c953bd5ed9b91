/**
 * Source positions of field paths, computed only for documents that have findings.
 *
 * Lookups in plain block YAML are answered by a line scan of the document (see `key-scan.ts`).
 * The first lookup the scan declines re-reads that one document with the fast parser in recording
 * mode (a few microseconds for a typical manifest) and keeps the table of key and item lines, so
 * every further finding in the same document is a lookup. Documents the fast parser does not
 * handle fall back to the full `yaml` parser with positions.
 */
import { fastParseWithPositions, PositionTable } from './fast-yaml';
import { KeyPathScanner } from './key-scan';
import type * as YamlAst from './yaml-ast';
import { splitPath } from './yaml-path';

/** Resolves field paths to lines in one document; `lineOf` returns 1-based file lines. */
export interface PathLocator {
  /** The 1-based file line of the deepest node of `path` that exists, or undefined for an empty document. */
  lineOf(path: string): number | undefined;
}

/** The positions of one document's text, computed on first use. */
export class DocumentPositions implements PathLocator {
  private locate?: (segments: readonly string[]) => number | undefined;
  /** The line scanner of the text; null when the text is not plain enough to scan. */
  private scanner?: KeyPathScanner | null;

  constructor(
    /** The document's text. */
    public readonly text: string,
    /** 1-based file line of the first line of `text`. */
    public readonly firstLine: number,
    /** Offset of `text` in the text it was cut from (lets a parse worker describe the document). */
    public readonly start = 0,
  ) {}

  /**
   * The absolute path of the file whose UTF-8 text holds this document at {@link fileStart}, when the
   * text was read from that file unchanged (set by the file stream, see `markFileBacked`): a holder
   * may then keep the range instead of the text and re-read it when a finding needs a line.
   */
  public fileOrigin?: string;
  /** The character offset of `text` in the text of {@link fileOrigin}. */
  public fileStart = -1;
  /**
   * True when the objects of this document were parsed in this thread from the chunk `text` was cut
   * from, so their longer strings are slices of that chunk and keep all of it alive.
   */
  public valuesShareText = false;

  public lineOf(path: string): number | undefined {
    const segments = splitPath(path);
    if (this.locate === undefined && segments.length > 0) {
      // A line scan answers most lookups in plain block YAML without a re-parse; the first lookup it
      // declines builds the position table, which answers every later one.
      if (this.scanner === undefined) this.scanner = KeyPathScanner.of(this.text) ?? null;
      const scanned = this.scanner?.lineOf(segments);
      if (scanned !== undefined) return this.firstLine + scanned - 1;
    }
    this.locate ??= this.index();
    const line = this.locate(segments);
    return line === undefined ? undefined : this.firstLine + line - 1;
  }

  /** Builds the lookup once: the fast parser's position table, or the full parser's syntax tree. */
  private index(): (segments: readonly string[]) => number | undefined {
    let parsed: ReturnType<typeof fastParseWithPositions> | undefined;
    try {
      parsed = fastParseWithPositions(this.text);
    } catch {
      parsed = undefined; // unsupported by the fast path (or a duplicate key): use the full parser
    }
    if (parsed === undefined || parsed.value === undefined) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { findLine, parsePositioned } = require('./yaml-ast') as typeof YamlAst;
      const positioned = parsePositioned(this.text);
      return (segments) => findLine(positioned, segments);
    }
    const { value, positions } = parsed;
    const rootLine = firstContentLine(this.text);
    return (segments) => findInTable(value, positions, segments, rootLine);
  }
}

/**
 * Walks `segments` through the parsed value; returns the 1-based line (within the document) of the
 * deepest mapping key or sequence item found, or the root line when the first segment is missing.
 */
export function findInTable(root: unknown, positions: PositionTable, segments: readonly string[], rootLine: number): number {
  let node = root;
  let line = rootLine;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return line + 1;
    const entries = positions.get(node);
    if (entries === undefined) return line + 1; // inside a single-line flow collection
    if (Array.isArray(node)) {
      if (!/^[0-9]+$/.test(segment)) return line + 1;
      const index = Number(segment);
      const itemLine = (entries as number[])[index];
      if (itemLine === undefined) return line + 1;
      line = itemLine;
      node = node[index];
    } else {
      const keyLine = (entries as Map<string, number>).get(segment);
      if (keyLine === undefined) return line + 1;
      line = keyLine;
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return line + 1;
}

/** The 0-based index of the first line with content (not blank, not a comment) in `text`. */
export function firstContentLine(text: string): number {
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9 || text.charCodeAt(i) === 13)) i++;
    if (i < end && text.charCodeAt(i) !== 35) return line;
    line++;
    start = end + 1;
  }
  return 0;
}
