/**
 * A line scan that finds the line of a field path in plain block YAML without parsing the document.
 *
 * Findings of the bundle rules (for example `policy/pdb-missing` on `spec.template.metadata.labels`)
 * and of the object rules on YAML input (`spec.template.spec.containers[0].image`) each ask for one
 * line in thousands of documents, where a full positioned re-parse of each document would be on the
 * critical path. Most manifests are plain block mappings and sequences, where a path is found by
 * walking indentation. The scan is deliberately conservative: it answers only when every line it
 * has to look at is a plain `key:` line, a `- ` sequence item (or a comment, a blank line, or
 * content indented under a sibling), and returns `undefined` otherwise, so the caller falls back to
 * the full parse and the answer is always the same as the parser's.
 */

import { resolvePlain } from './scalars';

/** A plain block-mapping key line: the key, then `:` followed by a space or the end of the line. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: (.*))?$/;

/** First characters of an inline value the scan does not interpret (flow, anchors, aliases, tags, block scalars). */
const UNSUPPORTED_VALUE_START = new Set(['{', '[', '&', '*', '!', '|', '>', '%', '@', '`']);

/** A sequence index segment. */
const INDEX = /^[0-9]+$/;

/** One content line of the document. */
interface ScanLine {
  /** 0-based line index in the document. */
  readonly index: number;
  readonly indent: number;
  /** The text after the indentation. */
  readonly content: string;
}

/**
 * The content lines of a block collection: `lines[from..to)`, where the first one may be replaced by
 * `first` (the part of a `- key: value` item line after the dash, at the column where it starts).
 */
interface Scope {
  readonly from: number;
  readonly to: number;
  readonly first?: ScanLine;
}

/** Finds field paths in one document by its lines; build it with {@link KeyPathScanner.of}. */
export class KeyPathScanner {
  /**
   * A scanner for `text`, or `undefined` when the text has what the scan never interprets (tabs,
   * carriage returns, document markers, directives) or no content.
   */
  public static of(text: string): KeyPathScanner | undefined {
    if (text.includes('\r') || text.includes('\t')) return undefined;
    const lines = contentLines(text);
    if (lines === undefined || lines.length === 0 || lines.some(opensQuotedLines)) return undefined;
    return new KeyPathScanner(lines);
  }

  private constructor(private readonly lines: readonly ScanLine[]) {}

  /**
   * The 1-based line (within the text) of the deepest mapping key or sequence item of `segments`
   * that exists, with the same meaning as the positioned parse (`findInTable`), or `undefined` when
   * the lines on the way are not plain enough for the scan to be sure.
   */
  public lineOf(segments: readonly string[]): number | undefined {
    const lines = this.lines;
    let scope: Scope = { from: 0, to: lines.length };
    let line = lines[0].index; // the root line, 0-based
    for (let s = 0; s < segments.length; s++) {
      const segment = segments[s];
      const last = s === segments.length - 1;
      const first = scope.first ?? lines[scope.from];
      // A key of the block mapping whose keys sit at the first line's indentation.
      const indent = first.indent;
      let found = -1;
      // Whether the last key at this indentation has no inline value (its items may follow, indentless).
      let openValue = false;
      for (let i = scope.from; i < scope.to; i++) {
        const current = i === scope.from ? first : lines[i];
        if (current.indent > indent) continue; // nested under a sibling key
        if (current.indent < indent) return undefined; // cannot happen in a well-formed scope
        if (openValue && isItemLine(current.content)) continue; // an item of the last key's indentless sequence
        const match = KEY_LINE.exec(current.content);
        // A key that YAML 1.1 reads as a bool, null or number (`y`, `on`, `null`) is not its text.
        if (match === null || !plainValue(match[2]) || resolvePlain(match[1]) !== match[1]) return undefined;
        openValue = isEmptyValue(match[2]);
        if (match[1] === segment) {
          if (found >= 0) return undefined; // duplicate key: let the parser decide
          found = i;
        }
      }
      if (found < 0) return line + 1;
      const key = found === scope.from ? first : lines[found];
      line = key.index;
      const value = KEY_LINE.exec(key.content)![2];
      if (last || !isEmptyValue(value)) {
        return line + 1; // the key itself, or a scalar: nothing deeper
      }
      const next = lines[found + 1];
      if (next === undefined || next.indent < key.indent) return line + 1; // null value
      const dash = isItemLine(next.content);
      if (next.indent === key.indent && !dash) return line + 1; // null value
      if (next.content.startsWith('?')) return undefined; // complex key
      if (!dash) {
        // A nested block mapping.
        scope = { from: found + 1, to: this.end(found + 1, key.indent) };
        continue;
      }
      // A block sequence (indentless when its dashes sit at the key's indentation).
      const items = this.sequenceEnd(found + 1, key.indent, next.indent);
      const step = this.item(found + 1, items, next.indent, segments[++s]);
      if (step === undefined) return undefined;
      if (step === NOT_FOUND) return line + 1;
      line = step.line.index;
      if (s === segments.length - 1 || step.scope === undefined) return line + 1;
      scope = step.scope;
    }
    return line + 1;
  }

  /** The end of the lines indented deeper than `indent`, from `from`. */
  private end(from: number, indent: number): number {
    let to = from;
    while (to < this.lines.length && this.lines[to].indent > indent) to++;
    return to;
  }

  /** The end of a block sequence whose dashes sit at `dashIndent`, under a key at `keyIndent`. */
  private sequenceEnd(from: number, keyIndent: number, dashIndent: number): number {
    let to = from;
    while (to < this.lines.length) {
      const current = this.lines[to];
      if (current.indent > keyIndent || (current.indent === dashIndent && isItemLine(current.content))) to++;
      else break;
    }
    return to;
  }

  /**
   * Item `segment` of the sequence in `lines[from..to)` with dashes at `dashIndent`: its line, and
   * the scope of its block mapping when it is one; {@link NOT_FOUND} when the index is past the end
   * or not a number (the parse then points at the sequence's key); undefined when unsure.
   */
  private item(from: number, to: number, dashIndent: number, segment: string): { line: ScanLine; scope?: Scope } | typeof NOT_FOUND | undefined {
    if (!INDEX.test(segment)) return NOT_FOUND;
    const wanted = Number(segment);
    let count = -1;
    for (let i = from; i < to; i++) {
      const current = this.lines[i];
      if (current.indent > dashIndent) continue; // content of an item
      if (current.indent < dashIndent || !isItemLine(current.content)) return undefined;
      count++;
      if (count !== wanted) continue;
      const offset = current.content.search(/[^- ]|-(?=\S)/);
      const rest = offset < 0 ? '' : current.content.slice(offset);
      // A dash alone, a nested sequence or a value the scan does not read: let the parser decide.
      if (rest === '' || isItemLine(rest) || (offset > 0 && current.content.slice(1, offset).trim() !== '')) return undefined;
      const match = KEY_LINE.exec(rest);
      if (match === null) {
        return plainValue(rest) && !rest.startsWith('#') && !rest.startsWith('?') ? { line: current } : undefined;
      }
      const first: ScanLine = { index: current.index, indent: current.indent + offset, content: rest };
      let end = i + 1;
      while (end < to && this.lines[end].indent > dashIndent) end++;
      return { line: current, scope: { from: i, to: end, first } };
    }
    return NOT_FOUND;
  }
}

/** An index that the sequence does not have. */
const NOT_FOUND = 0;

/** True for no inline value, or only a comment (the value is on the following lines, or null). */
function isEmptyValue(value: string | undefined): boolean {
  return value === undefined || value.trim() === '' || value.trimStart().startsWith('#');
}

/** True for a block sequence item line: `-` followed by a space or the end of the line. */
function isItemLine(content: string): boolean {
  return content === '-' || content.startsWith('- ');
}

/**
 * The 1-based line (within `text`) of the deepest mapping key or sequence item of `segments` that
 * exists, or `undefined` when the document is not plain enough for the scan to be sure.
 */
export function scanKeyPathLine(text: string, segments: readonly string[]): number | undefined {
  if (segments.length === 0) return undefined;
  return KeyPathScanner.of(text)?.lineOf(segments);
}

/**
 * True for an inline value the scan can step over: none, a comment, a plain or single-line quoted
 * scalar, a block scalar header, or a flow collection closed on its line.
 */
function plainValue(value: string | undefined): boolean {
  if (value === undefined) return true;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return true;
  const first = trimmed[0];
  // Content on the following lines is indented deeper than the key, so a walk skips it like a nested value.
  if (first === '|' || first === '>') return BLOCK_SCALAR_HEADER.test(trimmed);
  if (first === '[' || first === '{') return closedFlow(trimmed);
  if (UNSUPPORTED_VALUE_START.has(first)) return false;
  if (first === '"' || first === "'") {
    // Only a quoted scalar closed on its own line (no comment after it, no multi-line string).
    return trimmed.length >= 2 && trimmed[trimmed.length - 1] === first;
  }
  return true;
}

/** A block scalar header (`|`, `>-`, `|2+`), maybe followed by a comment. */
const BLOCK_SCALAR_HEADER = /^[|>](?:[-+]?[1-9]?|[1-9][-+])(?:\s+#.*)?$/;

/**
 * True when a flow collection opened by the value is closed at its end, on the same line (quotes
 * respected), so no line below belongs to it.
 */
function closedFlow(value: string): boolean {
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '"' || c === "'") {
      const close = closingQuote(value, i);
      if (close < 0) return false;
      i = close;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth < 0) return false;
      if (depth === 0) return i === value.length - 1;
    } else if (c === '#' || c === '&' || c === '*' || c === '!') {
      return false; // comments, anchors, aliases and tags inside flow: let the parser decide
    }
  }
  return false;
}

/** The index of the quote closing the one at `open` (`''` and `\"` escapes), or -1. */
function closingQuote(value: string, open: number): number {
  const quote = value[open];
  for (let i = open + 1; i < value.length; i++) {
    if (quote === '"' && value[i] === '\\') {
      i++;
    } else if (value[i] === quote) {
      if (quote === "'" && value[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/**
 * True for a line whose value is a quoted scalar continued on the next lines: those lines may look
 * like keys at any indentation (go-yaml reads them as part of the string), so the scan declines.
 */
function opensQuotedLines(line: ScanLine): boolean {
  const content = line.content;
  if (content.indexOf('"') < 0 && content.indexOf("'") < 0) return false;
  let value = content;
  while (isItemLine(value)) value = value.slice(1).trimStart();
  const match = KEY_LINE.exec(value);
  if (match !== null) value = (match[2] ?? '').trimStart();
  const first = value[0];
  return (first === '"' || first === "'") && closingQuote(value, 0) < 0;
}

/** The non-blank, non-comment lines with their indentation; undefined on a document marker or directive. */
function contentLines(text: string): ScanLine[] | undefined {
  const out: ScanLine[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && text.charCodeAt(i) !== 35) {
      const content = text.slice(i, end).trimEnd();
      if (i === start && (content.startsWith('---') || content.startsWith('...') || content.startsWith('%'))) return undefined;
      out.push({ index, indent: i - start, content });
    }
    index++;
    start = end + 1;
  }
  return out;
}
