/**
 * Reads Kubernetes objects from YAML (or JSON) text the way kubectl does, keeping where each
 * object came from.
 *
 * Documents are split at `---`/`...` lines, parsed with the fast block-YAML parser and, when
 * that gives up, with the full `yaml` package. Positions are computed lazily: a source keeps
 * only its document's text and start line, and the first `lineOf(path)` re-reads that one
 * document recording key and item lines (see `positions.ts`), shared by all its findings.
 */
import { KubeObject, SourcedObject } from '../types';
import { DuplicateKey, fastParse, Unsupported } from './fast-yaml';
import { MAX_DEPTH } from './fast-yaml-support';
import { DocumentPositions, firstContentLine } from './positions';
import { createYamlSource } from './yaml-source';
import type * as YamlAst from './yaml-ast';

/** The full parser, loaded when a document first needs it (most manifests never do). */
function slowParse(text: string): ReturnType<typeof YamlAst.slowParse> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./yaml-ast') as typeof YamlAst).slowParse(text);
}

/** Something that kept a document or file from being read as Kubernetes objects. */
export interface ParseProblem {
  /** The file; `-` for standard input. */
  readonly file: string;
  /** The 1-based line the problem is at (the document start when nothing more precise is known). */
  readonly line: number;
  readonly message: string;
}

/** What {@link parseYaml} returns. */
export interface ParseResult {
  readonly objects: SourcedObject[];
  readonly problems: ParseProblem[];
}

const SEPARATOR = /^(?:---|\.\.\.)(?=[ \t\r]|$)/gm;

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** `true` for a plain JSON object. */
function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function missingIdentity(object: Record<string, unknown>): string | undefined {
  const missing: string[] = [];
  if (object.apiVersion === undefined || object.apiVersion === null || object.apiVersion === '') missing.push('apiVersion not set');
  if (object.kind === undefined || object.kind === null || object.kind === '') missing.push('kind not set');
  return missing.length > 0 ? `error validating data: [${missing.join(', ')}]` : undefined;
}

/**
 * Parses YAML (one or many documents) or JSON text into sourced Kubernetes objects.
 *
 * Never throws for bad input: malformed YAML, duplicate keys, documents that are not mappings,
 * objects without apiVersion or kind, binary content and empty input come back as problems with
 * file and line, and the other documents are still returned. `kind: List` (and `*List`) documents
 * are expanded into their items.
 */
export function parseYaml(text: string, file: string): ParseResult {
  const objects: SourcedObject[] = [];
  const problems: ParseProblem[] = [];
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    problems.push({ file, line: 1, message: `binary content (NUL byte at offset ${nul}): not a YAML or JSON file` });
    return { objects, problems };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const trimmedStart = text.search(/\S/);
  if (trimmedStart >= 0 && (text[trimmedStart] === '{' || text[trimmedStart] === '[')) {
    try {
      const value = JSON.parse(text) as unknown;
      const deep = jsonTooDeep(text);
      if (deep !== undefined) {
        problems.push({ file, line: deep, message: `json: line ${deep}: ${TOO_DEEP}` });
        return { objects, problems };
      }
      const line = text.slice(0, trimmedStart).split('\n').length;
      addDocument(value, new DocumentPositions(text, 1), file, line, objects, problems);
      return { objects, problems };
    } catch {
      // not JSON: read it as YAML below
    }
  }
  const sawContent = parseYamlDocuments(text, 1, file, objects, problems);
  if (!sawContent && problems.length === 0) {
    problems.push({ file, line: 1, message: 'no objects found (empty file)' });
  }
  return { objects, problems };
}

/**
 * Parses the YAML documents of `text` (no JSON or binary detection, no BOM) whose first line is
 * line `firstLine` of `file`; objects and problems are appended. Returns true when any document
 * had content. `text` must start at the beginning of a line (a document or its `---` marker).
 */
export function parseYamlDocuments(text: string, firstLine: number, file: string, objects: SourcedObject[], problems: ParseProblem[]): boolean {
  let docStart = 0;
  let docFirstLine = firstLine;
  let scanLine = firstLine;
  let scanPos = 0;
  let sawContent = false;
  const lineAt = (offset: number): number => {
    for (let i = text.indexOf('\n', scanPos); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) scanLine++;
    scanPos = offset;
    return scanLine;
  };
  const flush = (end: number): void => {
    if (hasContent(text, docStart, end)) {
      sawContent = parseDocumentText(text.slice(docStart, end), docStart, docFirstLine, file, objects, problems) || sawContent;
    }
  };

  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    flush(m.index);
    const line = lineAt(m.index);
    const lineEnd = text.indexOf('\n', m.index);
    const rest = text.slice(m.index + 3, lineEnd < 0 ? text.length : lineEnd).trim();
    if (m[0] === '---' && rest !== '' && rest[0] !== '#') {
      // content on the marker line (`--- |`, `--- !tag`): keep the marker for the full parser
      docStart = m.index;
      docFirstLine = line;
    } else {
      docStart = lineEnd < 0 ? text.length : lineEnd + 1;
      docFirstLine = line + 1;
    }
    if (m[0] === '...') {
      // after an end marker, everything up to the next `---` is ignored directives/comments
      docStart = lineEnd < 0 ? text.length : lineEnd + 1;
    }
  }
  flush(text.length);
  return sawContent;
}

/** The message for input nested deeper than {@link MAX_DEPTH} (as the full parser words it). */
const TOO_DEEP = `exceeded max depth of ${MAX_DEPTH}`;

/**
 * The 1-based line where valid JSON `text` opens an array or object nested deeper than
 * {@link MAX_DEPTH}, or undefined. `JSON.parse` does not recurse, but everything after it does.
 */
function jsonTooDeep(text: string): number | undefined {
  if (text.length <= 2 * MAX_DEPTH) return undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return text.slice(0, i).split('\n').length;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return undefined;
}

/** True when `text[start, end)` has a character other than white space. */
function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 0x80 || /\S/.test(text[i])) return true;
  }
  return false;
}

/** Parses one document; returns true when it had content. */
function parseDocumentText(
  docText: string,
  start: number,
  firstLine: number,
  file: string,
  objects: SourcedObject[],
  problems: ParseProblem[],
): boolean {
  let value: unknown;
  try {
    value = fastParse(docText);
  } catch (e) {
    if (e instanceof DuplicateKey) {
      problems.push({ file, line: firstLine + e.line, message: `yaml: line ${firstLine + e.line}: ${e.message}` });
      return true;
    }
    if (!(e instanceof Unsupported)) throw e;
    let result: ReturnType<typeof slowParse>;
    try {
      result = slowParse(docText);
    } catch (error) {
      problems.push({ file, line: firstLine, message: `yaml: ${(error as Error).message}` });
      return true;
    }
    if (result.errors.length > 0) {
      for (const error of result.errors) {
        const line = firstLine + error.line - 1;
        problems.push({ file, line, message: `yaml: line ${line}: ${error.message}` });
      }
      return true;
    }
    value = result.value;
  }
  if (value === undefined || value === null) return false;
  const line = firstLine + firstContentLine(docText);
  addDocument(value, new DocumentPositions(docText, firstLine, start), file, line, objects, problems);
  return true;
}

function addDocument(
  value: unknown,
  doc: DocumentPositions,
  file: string,
  line: number,
  objects: SourcedObject[],
  problems: ParseProblem[],
): void {
  if (!isMapping(value)) {
    problems.push({
      file,
      line,
      message: `json: cannot unmarshal ${typeName(value)} into Go value of type map[string]interface {} (a document must be a mapping)`,
    });
    return;
  }
  const kind = value.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
    value.items.forEach((item: unknown, index: number) => {
      const source = createYamlSource(file, line, doc, `items[${index}]`);
      if (!isMapping(item)) {
        problems.push({
          file,
          line: source.line,
          message: `items[${index}]: json: cannot unmarshal ${typeName(item)} into Go value of type map[string]interface {}`,
        });
        return;
      }
      const missing = missingIdentity(item);
      if (missing) problems.push({ file, line: source.line, message: `items[${index}]: ${missing}` });
      else objects.push({ object: item as KubeObject, source });
    });
    return;
  }
  const missing = missingIdentity(value);
  if (missing) {
    problems.push({ file, line, message: missing });
    return;
  }
  objects.push({ object: value as KubeObject, source: createYamlSource(file, line, doc, '') });
}
