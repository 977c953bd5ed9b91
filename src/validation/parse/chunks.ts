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

/** A chunk with its own text (a file read block by block has no whole text to slice). */
export interface TextChunk extends YamlChunk {
  readonly text: string;
}

/** `yamlChunks` of a whole text, each with its slice of the text. */
export function* yamlTextChunks(text: string, chunkChars: number): Generator<TextChunk> {
  for (const chunk of yamlChunks(text, chunkChars)) yield { ...chunk, text: text.slice(chunk.start, chunk.end) };
}

/**
 * Yields the chunks of a text that arrives in pieces (a file read block by block), cut as
 * {@link yamlChunks} cuts the whole text: only the pending piece is held, never the whole text.
 */
export function* yamlPieceChunks(pieces: Iterable<string>, chunkChars: number): Generator<TextChunk> {
  const size = Math.max(1, chunkChars);
  let pending = '';
  let start = 0;
  let line = 1;
  let index = 0;
  const take = (end: number): TextChunk => {
    // copy the chunk out of the pending text so that the pending text can be freed
    const text = flatCopy(pending.slice(0, end));
    pending = pending.slice(end);
    const chunk = { index: index++, start, end: start + end, firstLine: line, text };
    start += end;
    line += countLines(text, 0, text.length);
    return chunk;
  };
  for (const piece of pieces) {
    pending += piece;
    for (;;) {
      if (pending.length < size) break;
      // a marker line must be whole: look only at complete lines
      const complete = pending.lastIndexOf('\n') + 1;
      const end = nextBoundary(pending.slice(0, complete), 0, size);
      if (end >= complete) break;
      yield take(end);
    }
  }
  while (pending.length > 0) {
    const end = nextBoundary(pending, 0, size);
    yield take(end);
  }
}

/** A flat copy of a (sliced or concatenated) string that does not keep its parent alive. */
function flatCopy(text: string): string {
  return text.length === 0 ? '' : (' ' + text).slice(1);
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
