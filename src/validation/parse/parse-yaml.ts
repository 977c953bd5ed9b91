/**
 * Reads Kubernetes objects from YAML (or JSON) text the way kubectl does, keeping where each
 * object came from.
 *
 * Documents are split at `---`/`...` lines, parsed with the fast block-YAML parser and, when
 * that gives up, with the full `yaml` package. Positions are computed lazily: a source keeps
 * only its document's text and start line, and `lineOf(path)` re-parses that one document with
 * positions the first time a finding needs a line.
 */
import { KubeObject, ObjectSource, SourcedObject } from '../types';
import { DuplicateKey, fastParse, Unsupported } from './fast-yaml';
import { findLine, parsePositioned, PositionedDocument, slowParse, splitPath } from './yaml-ast';

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

/** The source of one document: positions computed on first use. */
class DocumentSource {
  private positioned?: PositionedDocument;

  constructor(
    private readonly text: string,
    /** 1-based file line of the first line of `text`. */
    private readonly firstLine: number,
  ) {}

  lineOf(path: string): number | undefined {
    this.positioned ??= parsePositioned(this.text);
    const line = findLine(this.positioned, splitPath(path));
    return line === undefined ? undefined : this.firstLine + line - 1;
  }
}

function makeSource(file: string, line: number, doc: DocumentSource, prefix: string): ObjectSource {
  if (prefix === '') {
    return { file, line, lineOf: (path: string) => doc.lineOf(path) ?? line };
  }
  let itemLine: number | undefined;
  return {
    file,
    get line(): number {
      itemLine ??= doc.lineOf(prefix) ?? line;
      return itemLine;
    },
    lineOf: (path: string) => doc.lineOf(path === '' ? prefix : `${prefix}.${path}`) ?? doc.lineOf(prefix) ?? line,
  };
}

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

/** The 0-based index of the first line with content (not blank, not a comment) in `text`. */
function firstContentLine(text: string): number {
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
      const line = text.slice(0, trimmedStart).split('\n').length;
      addDocument(value, new DocumentSource(text, 1), file, line, objects, problems);
      return { objects, problems };
    } catch {
      // not JSON: read it as YAML below
    }
  }

  let docStart = 0;
  let docFirstLine = 1;
  let scanLine = 1;
  let scanPos = 0;
  let sawContent = false;
  const lineAt = (offset: number): number => {
    for (let i = text.indexOf('\n', scanPos); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) scanLine++;
    scanPos = offset;
    return scanLine;
  };
  const flush = (end: number): void => {
    const docText = text.slice(docStart, end);
    if (/\S/.test(docText)) {
      sawContent = parseDocumentText(docText, docFirstLine, file, objects, problems) || sawContent;
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
  if (!sawContent && problems.length === 0) {
    problems.push({ file, line: 1, message: 'no objects found (empty file)' });
  }
  return { objects, problems };
}

/** Parses one document; returns true when it had content. */
function parseDocumentText(
  docText: string,
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
  addDocument(value, new DocumentSource(docText, firstLine), file, line, objects, problems);
  return true;
}

function addDocument(
  value: unknown,
  doc: DocumentSource,
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
      const source = makeSource(file, line, doc, `items[${index}]`);
      if (!isMapping(item)) {
        problems.push({
          file,
          line: source.line ?? line,
          message: `items[${index}]: json: cannot unmarshal ${typeName(item)} into Go value of type map[string]interface {}`,
        });
        return;
      }
      const missing = missingIdentity(item);
      if (missing) problems.push({ file, line: source.line ?? line, message: `items[${index}]: ${missing}` });
      else objects.push({ object: item as KubeObject, source });
    });
    return;
  }
  const missing = missingIdentity(value);
  if (missing) {
    problems.push({ file, line, message: missing });
    return;
  }
  objects.push({ object: value as KubeObject, source: makeSource(file, line, doc, '') });
}
