/**
 * The slow, complete path: parses one document with the `yaml` package and converts its
 * syntax tree with kubectl's YAML 1.1 scalar rules (see `scalars.ts`), rejecting duplicate keys.
 * Also locates field paths in that tree for `lineOf`.
 */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, LineCounter, Node, parseDocument, Scalar } from 'yaml';
import { keyString, resolvePlain } from './scalars';

export { splitPath } from './yaml-path';

/** A problem inside one document; `line` is 1-based within the document text. */
export interface DocumentError {
  readonly line: number;
  readonly message: string;
}

/** A document parsed with positions. */
export interface PositionedDocument {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** Parses a document's text keeping positions. */
export function parsePositioned(text: string): PositionedDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.1',
    schema: 'failsafe',
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
    lineCounter: lines,
    strict: false,
  });
  return { doc, lines };
}

class Converter {
  readonly errors: DocumentError[] = [];

  constructor(private readonly source: PositionedDocument) {}

  line(node: { range?: [number, number, number] | null } | null | undefined): number {
    const offset = node?.range?.[0] ?? 0;
    return this.source.lines.linePos(offset).line;
  }

  convert(node: unknown, depth = 0): unknown {
    if (depth > 1000) throw new Error('document nests too deeply');
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.convert((node as Alias).resolve(this.source.doc), depth + 1);
    if (isScalar(node)) return this.scalar(node);
    if (isSeq(node)) return node.items.map((item) => this.convert(item, depth + 1));
    if (isMap(node)) {
      const obj: Record<string, unknown> = {};
      const merges: unknown[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null;
        if (isScalar(keyNode) && keyNode.type === Scalar.PLAIN && keyNode.value === '<<') {
          merges.push(this.convert(pair.value, depth + 1));
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
        for (const source of Array.isArray(merge) ? merge : [merge]) {
          if (source === null || typeof source !== 'object' || Array.isArray(source)) continue;
          for (const [k, v] of Object.entries(source)) {
            if (!Object.prototype.hasOwnProperty.call(obj, k)) define(obj, k, v);
          }
        }
      }
      return obj;
    }
    return null;
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
  const errors: DocumentError[] = source.doc.errors.map((e) => ({
    line: source.lines.linePos(e.pos[0]).line,
    message: e.message,
  }));
  if (errors.length > 0) return { value: undefined, errors };
  const converter = new Converter(source);
  const contents = source.doc.contents;
  const value = contents === null ? undefined : converter.convert(contents);
  return { value, errors: converter.errors };
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
