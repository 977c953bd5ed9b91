/**
 * A fast parser for the block-style YAML that Kubernetes manifests are written in.
 *
 * It handles block mappings and sequences, plain single-line scalars, single- and double-quoted
 * scalars (continued on any number of lines, at any indentation, as go-yaml reads them), literal
 * and folded block scalars, single-line flow collections and comments, and rejects duplicate
 * keys. Anything else (anchors, aliases, merge keys, tags, multi-line plain scalars or flow
 * collections, complex keys, directives, tabs in indentation, nesting deeper than `MAX_DEPTH`,
 * plain scalars starting with an indicator) makes it give up by throwing {@link Unsupported};
 * the caller then parses that document with the full `yaml` package. It never decides that input
 * is invalid YAML except for duplicate keys, which it reports as {@link DuplicateKey}.
 */
import { FlowParser } from './flow-yaml';
import { bail, DuplicateKey, ESCAPES, MAX_DEPTH, setKey, Unsupported } from './fast-yaml-support';
import { keyString, resolvePlain } from './scalars';

export { DuplicateKey, Unsupported };

/** Characters (below 'A') that start a YAML indicator the fast path does not handle as a key. */
const INDICATOR_START = new Uint8Array(65);
for (const ch of '?&*!|>%@,-') INDICATOR_START[ch.charCodeAt(0)] = 1;

/** Compact nested collections starting on one line (`- - - x`) the fast parser reads. */
const MAX_COMPACT_LEVELS = 8;

/** Lower-case first letters of plain scalars that may resolve to something other than a string. */
const SPECIAL_FIRST = new Uint8Array(128);
for (const ch of 'ynotf') SPECIAL_FIRST[ch.charCodeAt(0)] = 1;

/** Parses one document's text; returns `undefined` for a document with no content. */
export function fastParse(text: string): unknown {
  return new FastParser(text, undefined).parseDocument();
}

/**
 * The 0-based lines (within the document) where the entries of each parsed collection start:
 * per mapping the line of each key, per sequence the line of each item. Values inside
 * single-line flow collections are not listed (they are on their collection's line).
 */
export type PositionTable = Map<object, Map<string, number> | number[]>;

/** Parses one document's text and records where its mapping keys and sequence items are. */
export function fastParseWithPositions(text: string): { value: unknown; positions: PositionTable } {
  const positions: PositionTable = new Map();
  const value = new FastParser(text, positions).parseDocument();
  return { value, positions };
}

class FastParser {
  private readonly lines: string[];
  private pos = 0;
  /** The line the last value parsed by `parseValue` started on (only kept when recording positions). */
  private valueLine = 0;
  /** How many collections enclose the one being parsed (the full parser reports past {@link MAX_DEPTH}). */
  private depth = 0;
  /** The line of the last compact nested collection (`- - x`, `- a: b`) and how many start on it. */
  private compactLine = -1;
  private compactLevels = 0;
  /** Each line's indentation (leading spaces) once counted, else -1: a line's is read several times. */
  private readonly indents: Int32Array;

  constructor(text: string, private readonly positions: PositionTable | undefined) {
    this.lines = text.split('\n');
    if (text.indexOf('\r') >= 0) for (let i = 0; i < this.lines.length; i++) {
      const l = this.lines[i];
      if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) this.lines[i] = l.slice(0, -1);
    }
    this.indents = new Int32Array(this.lines.length).fill(-1);
  }

  parseDocument(): unknown {
    this.skipBlank();
    if (this.pos >= this.lines.length) return undefined;
    const first = this.lines[this.pos];
    if (first.startsWith('---') || first.startsWith('...') || first.startsWith('%')) bail();
    const indent = this.indentOf(first);
    const value = this.parseNode(indent);
    this.skipBlank();
    if (this.pos < this.lines.length) bail();
    return value;
  }

  /** Skips empty and comment-only lines; returns the indent of the next content line, or -1 at the end. */
  private skipBlank(): number {
    const lines = this.lines;
    while (this.pos < lines.length) {
      const l = lines[this.pos];
      const i = this.indentAt(this.pos);
      if (i === l.length || l.charCodeAt(i) === 35) {
        this.pos++;
        continue;
      }
      if (l.charCodeAt(i) === 9) {
        // tabs are fine on blank lines only
        const rest = l.slice(i).trim();
        if (rest === '' || rest[0] === '#') {
          this.pos++;
          continue;
        }
        bail();
      }
      return i;
    }
    return -1;
  }

  /** The indentation of line `index` (counted once). */
  private indentAt(index: number): number {
    let i = this.indents[index];
    if (i < 0) {
      i = leadingSpaces(this.lines[index]);
      this.indents[index] = i;
    }
    return i;
  }

  private indentOf(line: string): number {
    return leadingSpaces(line);
  }

  /** Parses the block node starting at the current (non-blank) line with the given indent. */
  private parseNode(indent: number): unknown {
    const line = this.lines[this.pos];
    const c = line.charCodeAt(indent);
    if (c === 45 /* - */ && (line.length === indent + 1 || line.charCodeAt(indent + 1) === 32)) {
      return this.parseSeq(indent);
    }
    if (this.findColon(line, indent) >= 0) return this.parseMap(indent);
    // a scalar or flow collection on its own line (e.g. a document that is just a scalar)
    const lineNo = this.pos;
    this.pos++;
    const value = this.parseInline(line.slice(indent), indent - 1, lineNo);
    return value;
  }

  /** The index of the `:` that ends a plain or quoted key on this line, or -1. */
  private findColon(line: string, start: number): number {
    const c = line.charCodeAt(start);
    if (c === 34 || c === 39) {
      const end = this.quotedEnd(line, start);
      if (end < 0) return -1;
      let i = end + 1;
      while (i < line.length && line.charCodeAt(i) === 32) i++;
      return line.charCodeAt(i) === 58 && (i + 1 === line.length || line.charCodeAt(i + 1) === 32 || line.charCodeAt(i + 1) === 9) ? i : -1;
    }
    if (c === 91 || c === 123 || c === 35) return -1; // [ { #
    let i = line.indexOf(':', start);
    while (i >= 0) {
      const n = line.charCodeAt(i + 1);
      if (i + 1 === line.length || n === 32 || n === 9) {
        const hash = line.indexOf(' #', start);
        const tabHash = line.indexOf('\t#', start);
        return (hash >= 0 && hash < i) || (tabHash >= 0 && tabHash < i) ? -1 : i;
      }
      i = line.indexOf(':', i + 1);
    }
    return -1;
  }

  /** Index of the closing quote of a quoted scalar starting at `start`, or -1 (not on this line). */
  private quotedEnd(line: string, start: number): number {
    const q = line.charCodeAt(start);
    let i = start + 1;
    while (i < line.length) {
      const c = line.charCodeAt(i);
      if (q === 39 && c === 39) {
        if (line.charCodeAt(i + 1) === 39) {
          i += 2;
          continue;
        }
        return i;
      }
      if (q === 34) {
        if (c === 92) {
          i += 2;
          continue;
        }
        if (c === 34) return i;
      }
      i++;
    }
    return -1;
  }

  private unquote(line: string, start: number, end: number): string {
    const body = line.slice(start + 1, end);
    if (line.charCodeAt(start) === 39) return body.indexOf("'") < 0 ? body : body.replace(/''/g, "'");
    if (body.indexOf('\\') < 0) return body;
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const e = body[++i];
      const simple = ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        continue;
      }
      const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
      const hex = body.slice(i + 1, i + 1 + len);
      if (len === 0 || hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) bail();
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    }
    return out;
  }

  private parseKey(line: string, indent: number, colon: number): string {
    const c = line.charCodeAt(indent);
    if (c === 34 || c === 39) return this.unquote(line, indent, this.quotedEnd(line, indent));
    let end = colon;
    // `name\t: web` is the key `name`: go-yaml's plain scalars end at a space or a tab
    while (end > indent && (line.charCodeAt(end - 1) === 32 || line.charCodeAt(end - 1) === 9)) end--;
    const raw = line.slice(indent, end);
    // indicators that start something the fast path does not handle
    if (c < 65 && INDICATOR_START[c] === 1 && !(c === 45 && raw.length > 1 && raw.charCodeAt(1) !== 32 && raw.charCodeAt(1) !== 9)) bail();
    // `]`, `}`, `|` and `` ` `` cannot start a plain scalar (the full parser reports it); a plain `<<` is a merge key
    if (c === 93 || c === 125 || c === 124 || c === 96 || (c === 60 && raw === '<<')) bail(); // ] } | ` <<
    const first = raw.charCodeAt(0);
    return first >= 97 && first <= 122 && SPECIAL_FIRST[first] !== 1 ? raw : keyString(resolvePlain(raw));
  }

  private parseMap(indent: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    const lines = this.lines;
    if (++this.depth > MAX_DEPTH) bail();
    while (true) {
      const ind = this.skipBlank();
      if (ind < 0) break;
      const line = lines[this.pos];
      if (ind < indent) break;
      if (ind > indent) bail();
      if (line.charCodeAt(ind) === 45 && (line.length === ind + 1 || line.charCodeAt(ind + 1) === 32)) break;
      const colon = this.findColon(line, ind);
      if (colon < 0) bail();
      const lineNo = this.pos;
      const key = this.parseKey(line, ind, colon);
      let restStart = colon + 1;
      while (restStart < line.length && (line.charCodeAt(restStart) === 32 || line.charCodeAt(restStart) === 9)) restStart++;
      this.pos++;
      const value = this.parseValue(line.slice(restStart), indent, lineNo, true);
      setKey(obj, key, value, lineNo);
      if (this.positions !== undefined) this.recordKey(obj, key, lineNo);
    }
    this.depth--;
    return obj;
  }

  private parseSeq(indent: number): unknown[] {
    const arr: unknown[] = [];
    const lines = this.lines;
    if (++this.depth > MAX_DEPTH) bail();
    while (true) {
      const ind = this.skipBlank();
      if (ind < 0) break;
      const line = lines[this.pos];
      if (ind < indent) break;
      if (ind > indent) bail();
      if (!(line.charCodeAt(ind) === 45 && (line.length === ind + 1 || line.charCodeAt(ind + 1) === 32))) break;
      let restStart = ind + 1;
      while (restStart < line.length && (line.charCodeAt(restStart) === 32 || line.charCodeAt(restStart) === 9)) restStart++;
      const rest = line.slice(restStart);
      const c = rest.charCodeAt(0);
      if (rest !== '' && c !== 35) {
        const nested = c === 45 && (rest.length === 1 || rest.charCodeAt(1) === 32);
        if (nested || this.findColon(rest, 0) >= 0) {
          // compact nested collection: re-read this line with the dash turned into indentation
          if (line.lastIndexOf('\t', restStart) > ind) bail(); // a tab would become indentation
          // each level re-reads the rest of the line: a line of thousands of `- ` is the full parser's
          if (this.compactLine === this.pos) {
            if (++this.compactLevels > MAX_COMPACT_LEVELS) bail();
          } else {
            this.compactLine = this.pos;
            this.compactLevels = 1;
          }
          lines[this.pos] = ' '.repeat(restStart) + rest;
          this.indents[this.pos] = -1;
          if (this.positions !== undefined) this.recordItem(arr, this.pos);
          arr.push(this.parseNode(restStart));
          continue;
        }
      }
      const lineNo = this.pos;
      this.pos++;
      arr.push(this.parseValue(rest, indent, lineNo, false));
      if (this.positions !== undefined) this.recordItem(arr, this.valueLine);
    }
    this.depth--;
    return arr;
  }

  private recordKey(obj: object, key: string, line: number): void {
    let keys = this.positions!.get(obj) as Map<string, number> | undefined;
    if (keys === undefined) this.positions!.set(obj, (keys = new Map()));
    keys.set(key, line);
  }

  /** Records the line of the item about to be pushed (or just pushed) as the last item of `arr`. */
  private recordItem(arr: unknown[], line: number): void {
    let items = this.positions!.get(arr) as number[] | undefined;
    if (items === undefined) this.positions!.set(arr, (items = []));
    items.push(line);
  }

  /**
   * Parses the value after `key:` or `- `. `parentIndent` is the indent of the key or dash;
   * nested blocks must be indented further (a sequence under a key may share its indent).
   */
  private parseValue(rest: string, parentIndent: number, lineNo: number, inMap: boolean): unknown {
    this.valueLine = lineNo;
    if (rest === '' || rest.charCodeAt(0) === 35) {
      const ind = this.skipBlank();
      if (ind < 0) return null;
      const next = this.lines[this.pos];
      const start = this.pos;
      let value: unknown = null;
      if (ind > parentIndent) value = this.parseNode(ind);
      else if (inMap && ind === parentIndent && next.charCodeAt(ind) === 45 && (next.length === ind + 1 || next.charCodeAt(ind + 1) === 32)) {
        value = this.parseSeq(ind);
      } else return null;
      this.valueLine = start;
      return value;
    }
    return this.parseInline(rest, parentIndent, lineNo);
  }

  /** A value written on the same line as its key/dash: scalar, flow collection or block scalar header. */
  private parseInline(rest: string, parentIndent: number, lineNo: number): unknown {
    const c = rest.charCodeAt(0);
    if (c === 124 || c === 62) return this.parseBlockScalar(rest, parentIndent);
    if (c === 34 || c === 39) {
      const end = this.quotedEnd(rest, 0);
      if (end < 0) return this.multilineQuoted(rest, parentIndent);
      const tail = rest.slice(end + 1).trim();
      if (tail !== '' && tail[0] !== '#') bail();
      this.ensureNoContinuation(parentIndent);
      return this.unquote(rest, 0, end);
    }
    if (c === 91 || c === 123) {
      const flow = new FlowParser(rest, lineNo, this.depth);
      const value = flow.parseValue();
      flow.expectEnd();
      this.ensureNoContinuation(parentIndent);
      return value;
    }
    if (c === 38 || c === 42 || c === 33 || c === 37 || c === 64 || c === 96 || c === 63) bail(); // & * ! % @ ` ?
    if (c === 93 || c === 125 || c === 44) bail(); // ] } , cannot start a plain scalar: the full parser reports it
    let text = rest;
    const hash = text.indexOf(' #');
    if (hash >= 0) text = text.slice(0, hash);
    const tab = text.indexOf('\t#');
    if (tab >= 0) text = text.slice(0, tab);
    text = text.trimEnd();
    if (text.indexOf(': ') >= 0 || text.endsWith(':')) bail();
    if (c === 45 && (text.length === 1 || text.charCodeAt(1) === 32 || text.charCodeAt(1) === 9)) bail();
    this.ensureNoContinuation(parentIndent);
    return resolvePlain(text);
  }

  /**
   * A quoted scalar that continues on the following lines (`rest` starts with its quote). go-yaml
   * reads continuation lines at any indentation (scannerc.go, `yaml_parser_scan_flow_scalar` stops
   * only at a document marker), so a description continued at its key's indentation is read as
   * kubectl reads it; the `yaml` package needs such lines indented (see `yaml-ast.ts`).
   */
  private multilineQuoted(rest: string, parentIndent: number): string {
    const lines = this.lines;
    const double = rest.charCodeAt(0) === 34;
    const parts = [rest];
    let line = rest;
    let i = 1;
    let end = -1;
    let escapes = false;
    // each line is scanned on its own (a long scalar must not be re-scanned as it grows)
    while (end < 0) {
      end = double ? doubleQuoteEnd(line, i) : singleQuoteEnd(line, i);
      if (end >= 0) break;
      if (double && !escapes && line.indexOf('\\') >= 0) escapes = true;
      if (this.pos >= lines.length) bail();
      line = lines[this.pos++];
      if (isDocumentMarker(line)) bail();
      parts.push(line);
      i = 0; // also after an escape (`\`) ending the previous line: it escaped the line break
    }
    if (double && !escapes && line.lastIndexOf('\\', end) >= 0) escapes = true;
    const tail = line.slice(end + 1).trim();
    if (tail !== '' && tail[0] !== '#') bail();
    this.ensureNoContinuation(parentIndent);
    parts[parts.length - 1] = line.slice(0, end);
    // without escapes, fold line by line (a description of a CRD is hundreds of such scalars)
    return escapes ? foldQuoted(parts.join('\n').slice(1), double) : foldQuotedLines(parts, double);
  }

  /** A scalar followed by a more-indented line is a multi-line scalar: not handled here. */
  private ensureNoContinuation(parentIndent: number): void {
    if (this.pos >= this.lines.length) return;
    const next = this.lines[this.pos];
    const ind = this.indentAt(this.pos);
    if (ind < next.length && next.charCodeAt(ind) !== 35 && next.charCodeAt(ind) !== 9) {
      if (ind > parentIndent) bail();
      return;
    }
    const save = this.pos;
    const ind2 = this.skipBlank();
    if (ind2 > parentIndent) bail();
    this.pos = save;
  }

  private parseBlockScalar(header: string, parentIndent: number): string {
    const m = /^([|>])([-+]?)([1-9]?)([-+]?)\s*(#.*)?$/.exec(header);
    if (!m || (m[2] && m[4])) bail();
    const folded = m[1] === '>';
    const chomp = m[2] || m[4];
    const lines = this.lines;
    let blockIndent = m[3] ? parentIndent + Number(m[3]) : -1;
    if (m[3] && parentIndent < 0) blockIndent = Number(m[3]);
    const content: string[] = [];
    let leadingBlank = 0;
    let i = this.pos;
    for (; i < lines.length; i++) {
      const l = lines[i];
      const ind = this.indentOf(l);
      if (ind === l.length) {
        content.push(blockIndent >= 0 && l.length > blockIndent ? l.slice(blockIndent) : '');
        if (blockIndent < 0 && ind > leadingBlank) leadingBlank = ind;
        continue;
      }
      // a tab where indentation is read: go-yaml refuses it (scannerc.go, `yaml_parser_scan_block_scalar_breaks`)
      if (l.charCodeAt(ind) === 9 && (blockIndent < 0 || ind <= blockIndent)) bail();
      if (blockIndent < 0) {
        if (ind <= parentIndent) break;
        // leading empty lines indented deeper than the first content line: the full parser's case
        if (leadingBlank > ind) bail();
        blockIndent = ind;
      }
      if (ind < blockIndent) break;
      if (l.charCodeAt(ind) === 9 && ind === blockIndent) bail();
      content.push(l.slice(blockIndent));
    }
    this.pos = i;
    let end = content.length;
    while (end > 0 && content[end - 1] === '') end--;
    const trailing = content.length - end;
    const body = content.slice(0, end);
    let text: string;
    if (!folded) {
      text = body.join('\n');
    } else {
      text = '';
      let breaks = 0;
      let prevMore = false;
      let first = true;
      for (const l of body) {
        if (l === '') {
          breaks++;
          continue;
        }
        const more = l.charCodeAt(0) === 32 || l.charCodeAt(0) === 9;
        if (first) text += '\n'.repeat(breaks);
        else if (!more && !prevMore) text += breaks > 0 ? '\n'.repeat(breaks) : ' ';
        else text += '\n'.repeat(breaks + 1);
        text += l;
        prevMore = more;
        breaks = 0;
        first = false;
      }
    }
    if (body.length === 0) return chomp === '+' ? '\n'.repeat(trailing) : '';
    if (chomp === '-') return text;
    if (chomp === '+') return text + '\n' + '\n'.repeat(trailing);
    return text + '\n';
  }
}

/** Index of the `'` closing a single-quoted scalar on this line from `from` (`''` is a quote), or -1. */
function singleQuoteEnd(line: string, from: number): number {
  let i = line.indexOf("'", from);
  while (i >= 0 && line.charCodeAt(i + 1) === 39) i = line.indexOf("'", i + 2);
  return i;
}

/** Index of the `"` closing a double-quoted scalar on this line from `from` (skipping escapes), or -1. */
function doubleQuoteEnd(line: string, from: number): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

/** `---` or `...` followed by a blank or the end of the line. */
function isDocumentMarker(line: string): boolean {
  const c = line.charCodeAt(0);
  if ((c !== 45 && c !== 46) || line.charCodeAt(1) !== c || line.charCodeAt(2) !== c) return false;
  const next = line.charCodeAt(3);
  return line.length === 3 || next === 32 || next === 9;
}

/** Whether a character code is YAML white space inside a flow scalar (space or tab). */
/** The first character that is not a space, and the first that is neither a space nor a tab. */
const NOT_SPACE = /[^ ]/;
const NOT_BLANK = /[^ \t]/;

/**
 * The number of spaces a line starts with. A native regular-expression search: deep CRD schemas are
 * indented 30-60 spaces, and a `charCodeAt` loop over them (through the line's sliced string) was
 * the parser's hottest code; the search is about twice as fast.
 */
function leadingSpaces(line: string): number {
  const i = line.search(NOT_SPACE);
  return i < 0 ? line.length : i;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * {@link foldQuoted} for a scalar without escapes, given its lines (the first starting with the
 * opening quote, the last ending before the closing quote): the blanks around each line break are
 * dropped, a single break becomes a space and n + 1 breaks (n empty lines) become n newlines; in
 * single quotes `''` is one quote.
 */
export function foldQuotedLines(parts: readonly string[], double: boolean): string {
  const last = parts.length - 1;
  let out = '';
  let breaks = 0;
  for (let k = 0; k <= last; k++) {
    const line = parts[k];
    let from = k === 0 ? 1 : 0;
    let to = line.length;
    if (k > 0) {
      from = line.search(NOT_BLANK);
      if (from < 0) from = to;
    }
    if (k < last) while (to > from && isBlank(line.charCodeAt(to - 1))) to--;
    let segment = from === 0 && to === line.length ? line : line.slice(from, to);
    if (!double && segment.indexOf("'") >= 0) segment = segment.replace(/''/g, "'");
    if (k === 0) {
      out = segment;
      continue;
    }
    breaks++;
    // an empty line inside the scalar is one more line break
    if (segment === '' && k < last) continue;
    out += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
    out += segment;
    breaks = 0;
  }
  return out;
}

/**
 * The value of a multi-line quoted scalar's text between its quotes, folded as libyaml's
 * `yaml_parser_scan_flow_scalar` folds it: white space around a line break is dropped, a single
 * break becomes a space, n + 1 breaks become n newlines, and in double quotes `\` before a break
 * joins the lines without a space. Escapes the fast parser does not know make it give up.
 */
function foldQuoted(body: string, double: boolean): string {
  let out = '';
  let i = 0;
  const n = body.length;
  while (i < n) {
    let escapedBreak = false;
    for (; i < n; i++) {
      const ch = body[i];
      if (ch === ' ' || ch === '\t' || ch === '\n') break;
      if (!double && ch === "'") {
        out += "'"; // the first of `''`
        i++;
        continue;
      }
      if (double && ch === '\\') {
        const e = body[i + 1];
        if (e === '\n') {
          escapedBreak = true;
          i += 2;
          break;
        }
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i++;
          continue;
        }
        const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        const hex = body.slice(i + 2, i + 2 + len);
        if (len === 0 || hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) bail();
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) bail();
        out += String.fromCodePoint(code);
        i += 1 + len;
        continue;
      }
      out += ch;
    }
    let whitespace = '';
    let leadingBreak = false;
    let trailingBreaks = '';
    let leadingBlanks = escapedBreak;
    for (; i < n; i++) {
      const ch = body[i];
      if (ch !== ' ' && ch !== '\t' && ch !== '\n') break;
      if (ch !== '\n') {
        if (!leadingBlanks) whitespace += ch;
      } else if (!leadingBlanks) {
        whitespace = '';
        leadingBreak = true;
        leadingBlanks = true;
      } else {
        trailingBreaks += '\n';
      }
    }
    if (!leadingBlanks) out += whitespace;
    else if (leadingBreak && trailingBreaks === '') out += ' ';
    else out += trailingBreaks;
  }
  return out;
}
