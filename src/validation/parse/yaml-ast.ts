/**
 * The slow, complete path: parses one document with the `yaml` package and converts its
 * syntax tree with kubectl's YAML 1.1 scalar rules (see `scalars.ts`), rejecting duplicate keys.
 * Also locates field paths in that tree for `lineOf`.
 *
 * Hostile input is bounded the way kubectl's YAML reader (sigs.k8s.io/yaml over go-yaml v2.4.0)
 * bounds it: alias expansion by go-yaml's "document contains excessive aliasing" ratio
 * (decode.go, `allowedAliasRatio`, CVE-2019-11254), and nesting by a maximum depth (go-yaml's
 * scanner stops at 10,000 levels, scannerc.go `max_flow_level`/`max_indents`; ours is
 * {@link MAX_DEPTH}, because the `yaml` package composes recursively and exhausts the stack
 * near 1,000 levels). The depth is measured on the `yaml` package's concrete syntax tree,
 * which its parser builds without recursion, before anything recursive runs.
 */
import {
  Alias, Composer, CST, Document, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Node, Parser, Scalar, YAMLParseError,
} from 'yaml';
import { MAX_DEPTH } from './fast-yaml-support';
import { keyString, resolvePlain } from './scalars';

export { splitPath } from './yaml-path';
export { MAX_DEPTH };

/** A problem inside one document; `line` is 1-based within the document text. */
export interface DocumentError {
  readonly line: number;
  readonly message: string;
}

/** A document parsed with positions. */
export interface PositionedDocument {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** Set when the document nests deeper than {@link MAX_DEPTH}: its problem (`doc` is then empty). */
  readonly tooDeep?: DocumentError;
}

const OPTIONS = {
  version: '1.1',
  schema: 'failsafe',
  uniqueKeys: false,
  prettyErrors: false,
  keepSourceTokens: false,
  strict: false,
} as const;

/** The message for nesting deeper than {@link MAX_DEPTH}. */
export const TOO_DEEP = `exceeded max depth of ${MAX_DEPTH}`;

/**
 * Parses a document's text keeping positions; a document that nests deeper than
 * {@link MAX_DEPTH} is not composed (that would exhaust the stack) and gets `tooDeep`.
 */
export function parsePositioned(text: string): PositionedDocument {
  let parsed = parseOnce(text);
  // Quoted scalars continued at their key's indentation, which go-yaml reads: indent their lines.
  for (let round = 0; round < MAX_QUOTE_REPAIRS && parsed.unclosedQuote !== undefined; round++) {
    const repaired = indentQuoteLines(text, parsed.unclosedQuote);
    if (repaired === undefined) break;
    text = repaired;
    parsed = parseOnce(text);
  }
  return parsed.document;
}

/**
 * How many quoted scalars of one document are re-indented for the `yaml` package before its
 * "Missing closing quote" is reported (each is one more parse of the document).
 */
const MAX_QUOTE_REPAIRS = 16;

/**
 * One parse of a document's text, with the offset of the first quoted scalar the `yaml` package
 * found unclosed (when it reports "Missing closing quote").
 */
function parseOnce(text: string): { document: PositionedDocument; unclosedQuote?: number } {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const tokens: CST.Token[] = [];
  let deep = -1;
  // What `Parser.parse()` does, watching the parser's stack of open tokens (the document, then one
  // per enclosing collection) so that a hostile document stops as soon as it is too deep.
  lines.addNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > MAX_DEPTH + 2) {
      deep = parser.stack[MAX_DEPTH + 1].offset;
      break;
    }
  }
  if (deep < 0) {
    for (const token of parser.end()) tokens.push(token);
    deep = tooDeepOffset(tokens);
  }
  if (deep >= 0) {
    return { document: { doc: new Document(null, OPTIONS) as Document.Parsed, lines, tooDeep: { line: lines.linePos(deep).line, message: TOO_DEEP } } };
  }
  let doc: Document.Parsed | undefined;
  for (const composed of new Composer(OPTIONS).compose(tokens, true, text.length)) {
    if (doc === undefined) {
      doc = composed;
    } else {
      doc.errors.push(new YAMLParseError([composed.range[0], composed.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  const document = { doc: doc!, lines };
  if (!doc!.errors.some((e) => e.code === 'MISSING_CHAR' && e.message.startsWith('Missing closing'))) return { document };
  return { document, unclosedQuote: firstUnclosedQuote(tokens) };
}

/**
 * In a multi-line quoted scalar, go-yaml reads continuation lines at any indentation
 * (scannerc.go, `yaml_parser_scan_flow_scalar` checks only for document markers) while the `yaml`
 * package ends the scalar at a line indented no deeper than its key. The white space that starts
 * a continuation line is not part of the value, so indenting such lines to the column of the
 * opening quote (at `quote`) changes nothing but what the `yaml` package accepts; lines and their
 * numbers stay. Undefined when the quote is never closed.
 */
function indentQuoteLines(text: string, quote: number): string | undefined {
  const double = text.charCodeAt(quote) === 34;
  let end = -1;
  for (let i = quote + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (double && c === 92) i++;
    else if (c === (double ? 34 : 39)) {
      if (!double && text.charCodeAt(i + 1) === 39) i++;
      else {
        end = i;
        break;
      }
    }
  }
  if (end < 0) return undefined;
  const column = quote - (text.lastIndexOf('\n', quote - 1) + 1);
  let out = text.slice(0, quote);
  let from = quote;
  for (let nl = text.indexOf('\n', quote); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    let spaces = 0;
    while (text.charCodeAt(nl + 1 + spaces) === 32) spaces++;
    if (spaces < column) {
      out += text.slice(from, nl + 1) + ' '.repeat(column - spaces);
      from = nl + 1;
    }
  }
  return out + text.slice(from);
}

/** The offset of the first quoted scalar token (in document order) that does not end with its closing quote. */
function firstUnclosedQuote(tokens: readonly CST.Token[]): number | undefined {
  const stack: CST.Token[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push(tokens[i]);
  while (stack.length > 0) {
    const token = stack.pop()!;
    if (token.type === 'document') {
      if (token.value !== undefined) stack.push(token.value);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item = token.items[i] as CST.CollectionItem;
        if (item.value) stack.push(item.value);
        if (item.key) stack.push(item.key);
      }
    } else if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && !closedQuote(token.source)) {
      return token.offset;
    }
  }
  return undefined;
}

/** True when a quoted scalar's source ends with the quote that closes it. */
function closedQuote(source: string): boolean {
  const double = source.charCodeAt(0) === 34;
  for (let i = 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (double && c === 92) i++;
    else if (c === (double ? 34 : 39)) {
      if (!double && source.charCodeAt(i + 1) === 39) i++;
      else return i === source.length - 1;
    }
  }
  return false;
}

/**
 * The offset of the first collection (in document order) nested deeper than {@link MAX_DEPTH}
 * in a concrete syntax tree, or -1. Iterative: the tree may be millions of levels deep.
 */
function tooDeepOffset(tokens: readonly CST.Token[]): number {
  const stack: Array<[CST.Token, number]> = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push([tokens[i], 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document') {
      if (token.value !== undefined) stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      const inner = depth + 1;
      if (inner > MAX_DEPTH) return token.offset;
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item = token.items[i] as CST.CollectionItem;
        if (item.value) stack.push([item.value, inner]);
        if (item.key) stack.push([item.key, inner]);
      }
    }
  }
  return -1;
}

/** Stops the conversion of a document with a problem. */
class ConversionStop extends Error {
  constructor(public readonly problem: DocumentError) {
    super(problem.message);
  }
}

// go-yaml v2.4.0 decode.go: the share of decode operations that may come from alias expansion
// shrinks from 99% (up to 400,000 operations) to 10% (from 4,000,000 operations).
const ALIAS_RATIO_RANGE_LOW = 400000;
const ALIAS_RATIO_RANGE_HIGH = 4000000;

/** go-yaml's `allowedAliasRatio`. */
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW));
}

/**
 * Converts a composed document to JSON values as go-yaml v2.4.0's decoder does (decode.go):
 * anchors are defined where they appear and an alias takes the latest definition before it
 * (`unknown anchor 'x' referenced` otherwise), an alias inside its own anchor's value is
 * refused (`anchor 'x' value contains itself`), every node converted counts towards the
 * excessive-aliasing ratio, and a plain `<<` key merges a mapping, an alias of one or a sequence
 * of them (`map merge requires map or sequence of maps as the value` otherwise).
 */
class Converter {
  readonly errors: DocumentError[] = [];
  private readonly anchors = new Map<string, Node>();
  /** The alias nodes being expanded (go-yaml's `d.aliases`). */
  private readonly expanding = new Set<Alias>();
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  /** The alias being expanded at the top (a problem during an expansion is reported at its line). */
  private outerAlias?: Alias;

  constructor(private readonly source: PositionedDocument) {}

  line(node: { range?: [number, number, number] | null } | null | undefined): number {
    const offset = node?.range?.[0] ?? 0;
    return this.source.lines.linePos(offset).line;
  }

  private stop(node: unknown, message: string): never {
    throw new ConversionStop({ line: this.line(node as Node), message });
  }

  convert(node: unknown, depth = 0): unknown {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      this.stop(this.outerAlias ?? node, 'document contains excessive aliasing');
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.alias(node, depth);
    const anchor = (node as Node).anchor;
    if (anchor !== undefined && this.aliasDepth === 0) this.anchors.set(anchor, node as Node);
    if (isScalar(node)) return this.scalar(node);
    // alias expansions can nest deeper than the text does
    if (depth >= MAX_DEPTH) this.stop(this.outerAlias ?? node, TOO_DEEP);
    if (isSeq(node)) return node.items.map((item) => this.convert(item, depth + 1));
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const merges: unknown[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        if (isScalar(keyNode) && keyNode.type === Scalar.PLAIN && keyNode.value === '<<') {
          merges.push(this.merge(pair.value, depth));
          continue;
        }
        const key = keyString(this.convert(keyNode, depth + 1));
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          this.errors.push({ line: this.line(keyNode as Node), message: `key ${JSON.stringify(key)} already set in map` });
          continue;
        }
        define(obj, key, this.convert(pair.value, depth + 1));
      }
      for (const merge of merges) {
        for (const source of merge as Array<Record<string, unknown>>) {
          for (const [k, v] of Object.entries(source)) {
            if (!Object.prototype.hasOwnProperty.call(obj, k)) define(obj, k, v);
          }
        }
      }
      return obj;
    }
    return null;
  }

  /** go-yaml's `alias()`: expands the latest anchor of that name defined before the alias. */
  private alias(node: Alias, depth: number): unknown {
    const target = this.anchors.get(node.source);
    if (target === undefined) this.stop(node, `unknown anchor '${node.source}' referenced`);
    if (this.expanding.has(node)) this.stop(node, `anchor '${node.source}' value contains itself`);
    this.expanding.add(node);
    if (this.aliasDepth++ === 0) this.outerAlias = node;
    try {
      return this.convert(target, depth);
    } finally {
      if (--this.aliasDepth === 0) this.outerAlias = undefined;
      this.expanding.delete(node);
    }
  }

  /**
   * The mappings a `<<` value merges, in precedence order (go-yaml's `merge()`): a mapping, an
   * alias of a mapping, or a sequence of those (earlier ones take precedence).
   */
  private merge(value: unknown, depth: number): Array<Record<string, unknown>> {
    const isMapping = (n: unknown): boolean => isMap(n) || (isAlias(n) && isMap(this.anchors.get(n.source)));
    const wantMap = (): never => this.stop(value, 'map merge requires map or sequence of maps as the value');
    if (isSeq(value)) {
      const sources: Array<Record<string, unknown>> = [];
      for (const item of value.items) {
        if (!isMapping(item) && !(isAlias(item) && !this.anchors.has(item.source))) wantMap();
        sources.push(this.convert(item, depth + 1) as Record<string, unknown>);
      }
      return sources;
    }
    if (!isMapping(value) && !(isAlias(value) && !this.anchors.has(value.source))) wantMap();
    return [this.convert(value, depth + 1) as Record<string, unknown>];
  }

  private scalar(node: Scalar): unknown {
    const value = node.value;
    if (typeof value !== 'string') return value;
    const tag = node.tag;
    if (tag === 'tag:yaml.org,2002:str') return value;
    if (tag === 'tag:yaml.org,2002:binary') return value.replace(/\s+/g, '');
    if (node.type === Scalar.PLAIN || (tag !== undefined && tag.startsWith('tag:yaml.org,2002:'))) {
      return resolvePlain(value);
    }
    return value;
  }
}

function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** Parses one document with the full YAML parser; `value` is undefined for an empty document. */
export function slowParse(text: string): { value: unknown; errors: DocumentError[] } {
  const source = parsePositioned(text);
  if (source.tooDeep !== undefined) return { value: undefined, errors: [source.tooDeep] };
  const errors: DocumentError[] = source.doc.errors.map((e) => ({
    line: source.lines.linePos(e.pos[0]).line,
    message: e.message,
  }));
  if (errors.length > 0) return { value: undefined, errors };
  const converter = new Converter(source);
  const contents = source.doc.contents;
  try {
    const value = contents === null ? undefined : converter.convert(contents);
    return { value, errors: converter.errors };
  } catch (e) {
    if (e instanceof ConversionStop) return { value: undefined, errors: [e.problem] };
    throw e;
  }
}

/**
 * The 1-based line (within the document) of the deepest node of `path` that exists:
 * the key line for a mapping entry, the item line for a list entry.
 */
export function findLine(source: PositionedDocument, segments: readonly string[]): number | undefined {
  let node: unknown = source.doc.contents;
  let line: number | undefined;
  const lineOf = (n: unknown): number => {
    const range = (n as { range?: [number, number, number] }).range;
    return source.lines.linePos(range?.[0] ?? 0).line;
  };
  if (node) line = lineOf(node);
  for (const segment of segments) {
    if (isAlias(node)) node = (node as Alias).resolve(source.doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key;
        if (!isScalar(k)) return false;
        const resolved = k.type === Scalar.PLAIN && typeof k.value === 'string' ? resolvePlain(k.value) : k.value;
        return keyString(resolved) === segment;
      });
      if (!pair) return line;
      line = lineOf(pair.key);
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined || !/^[0-9]+$/.test(segment)) return line;
      line = lineOf(item);
      node = item;
    } else {
      return line;
    }
  }
  return line;
}
