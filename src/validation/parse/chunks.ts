/**
 * Cuts a big multi-document YAML text into chunks at `---` document markers, so chunks can be
 * parsed one after another (bounded memory) or in parallel (worker threads), with file lines kept.
 */

/** A piece of a YAML text made of whole documents. */
export interface YamlChunk {
  /** Position of the chunk in the text, counting from 0. */
  readonly index: number;
  /** Offset of the chunk's first character in the whole text. */
  readonly start: number;
  /** Offset just past the chunk's last character. */
  readonly end: number;
  /** The 1-based line of the chunk's first line in the whole text. */
  readonly firstLine: number;
}

/**
 * Yields consecutive chunks of about `chunkChars` characters covering `text`. Every chunk but the
 * first starts at a line that is a `---` document marker, so documents are never cut.
 */
export function* yamlChunks(text: string, chunkChars: number): Generator<YamlChunk> {
  let start = 0;
  let line = 1;
  let index = 0;
  while (start < text.length) {
    const end = nextBoundary(text, start, start + Math.max(1, chunkChars));
    yield { index: index++, start, end, firstLine: line };
    line += countLines(text, start, end);
    start = end;
  }
}

/**
 * The start of the first `---` marker line after `start` that begins on or after the line holding
 * `from`, or the text length.
 */
export function nextBoundary(text: string, start: number, from: number): number {
  if (from >= text.length) return text.length;
  let i = Math.max(text.lastIndexOf('\n', from - 1), start);
  for (;;) {
    i = text.indexOf('\n---', i);
    if (i < 0) return text.length;
    const after = text.charCodeAt(i + 4);
    // a marker is `---` alone or followed by white space (as the document splitter reads it)
    if (i + 4 >= text.length || after === 10 || after === 32 || after === 9 || after === 13) return i + 1;
    i += 4;
  }
}

/** The number of line feeds in `text[start, end)`. */
export function countLines(text: string, start: number, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
