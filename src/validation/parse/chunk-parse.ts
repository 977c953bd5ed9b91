/**
 * Parsing one chunk of a YAML text into a form that can cross a thread boundary (plain objects
 * and numbers, no functions), and turning it back into sourced objects on the other side.
 */
import { KubeObject, SourcedObject } from '../types';
import type { PartialReport, WorkerValidation } from './chunk-validate';
import { YamlChunk } from './chunks';
import { ParseProblem, parseYamlDocuments } from './parse-yaml';
import { DocumentPositions } from './positions';
import { createYamlSource, YamlSource } from './yaml-source';

/** Fields per object in {@link ParsedChunk.meta}. */
const META_FIELDS = 4;

/** A parsed chunk as plain data (what a parse worker posts back). */
export interface ParsedChunk {
  readonly index: number;
  readonly objects: KubeObject[];
  /** Per object: document offset (in the whole text), document length, document first line, object line. */
  readonly meta: Int32Array;
  /** Per object: the item path inside its document (`''`, or `items[i]` for List items). */
  readonly itemPaths: string[];
  readonly problems: ParseProblem[];
  /** Whether any document of the chunk had content. */
  readonly sawContent: boolean;
  /** The per-object rules' report on the chunk, when validation was asked for. */
  readonly report?: PartialReport;
}

/**
 * Parses the chunk `text` (the chunk's own text) of `file`; with `validation`, also runs the
 * per-object rules on its objects (and leaves the objects out unless they are asked back).
 */
export function parseChunk(text: string, chunk: YamlChunk, file: string, validation?: WorkerValidation): ParsedChunk {
  let sourced: SourcedObject[] = [];
  const problems: ParseProblem[] = [];
  const sawContent = parseYamlDocuments(text, chunk.firstLine, file, sourced, problems);
  let report: PartialReport | undefined;
  if (validation !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { validateChunk } = require('./chunk-validate') as typeof import('./chunk-validate');
    report = validateChunk(sourced, validation);
    if (!validation.returnObjects) sourced = [];
  }
  const meta = new Int32Array(sourced.length * META_FIELDS);
  const itemPaths: string[] = new Array<string>(sourced.length);
  const objects: KubeObject[] = new Array<KubeObject>(sourced.length);
  for (let i = 0; i < sourced.length; i++) {
    const source = sourced[i].source as YamlSource;
    const doc = source.document;
    objects[i] = sourced[i].object;
    meta[i * META_FIELDS] = chunk.start + doc.start;
    meta[i * META_FIELDS + 1] = doc.text.length;
    meta[i * META_FIELDS + 2] = doc.firstLine;
    meta[i * META_FIELDS + 3] = source.documentLine;
    itemPaths[i] = source.itemPath;
  }
  return { index: chunk.index, objects, meta, itemPaths, problems, sawContent, ...(report !== undefined ? { report } : {}) };
}

/**
 * Turns a parsed chunk back into sourced objects whose positions come from `text`: the whole text,
 * or the chunk's own text with `offset` its position in the whole text.
 */
export function toSourcedObjects(parsed: ParsedChunk, text: string, file: string, offset = 0): SourcedObject[] {
  const out: SourcedObject[] = new Array<SourcedObject>(parsed.objects.length);
  const meta = parsed.meta;
  let doc: DocumentPositions | undefined;
  for (let i = 0; i < out.length; i++) {
    const start = meta[i * META_FIELDS];
    if (doc === undefined || doc.start !== start) {
      doc = new DocumentPositions(text.slice(start - offset, start - offset + meta[i * META_FIELDS + 1]), meta[i * META_FIELDS + 2], start);
    }
    out[i] = { object: parsed.objects[i], source: createYamlSource(file, meta[i * META_FIELDS + 3], doc, parsed.itemPaths[i]) };
  }
  return out;
}
