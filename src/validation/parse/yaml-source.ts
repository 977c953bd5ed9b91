/**
 * The {@link ObjectSource} of an object read from YAML: file, document line and field-path
 * lines on demand.
 *
 * A source is one small plain object per object (no closure): `lineOf` is a shared function that
 * reads the source's own fields, so spreading a source (`{ ...source, constructPath }`) keeps it
 * working. The document keeps its text and computes positions the first time a finding asks.
 */
import { ObjectSource } from '../types';
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
