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
 * {@link yamlChunks} cuts the whole text: only the pending pieces are held, never the whole text.
 *
 * The pending text is kept as the pieces themselves and searched piece by piece from where the last
 * search stopped: it is never concatenated and flattened again for each new piece (a long document
 * spans several pieces), and a chunk's text is built from slices of its pieces and copied once.
 */
export function* yamlPieceChunks(pieces: Iterable<string>, chunkChars: number): Generator<TextChunk> {
  const size = Math.max(1, chunkChars);
  const pending = new PendingText();
  let start = 0;
  let line = 1;
  let index = 0;
  const chunkOf = (text: string): TextChunk => {
    const chunk = { index: index++, start, end: start + text.length, firstLine: line, text };
    start += text.length;
    line += countLines(text, 0, text.length);
    return chunk;
  };
  for (const piece of pieces) {
    pending.push(piece);
    for (;;) {
      if (pending.length < size) break;
      const end = pending.boundary(size);
      if (end < 0) break;
      yield chunkOf(pending.take(end));
    }
  }
  // the rest (at most one chunk's worth of whole documents, or one long document): cut as before
  let rest = pending.take(pending.length);
  while (rest.length > 0) {
    const end = nextBoundary(rest, 0, size);
    const text = flatCopy(rest.slice(0, end));
    rest = rest.slice(end);
    yield chunkOf(text);
  }
}

/**
 * The text read but not yet cut into chunks, as a list of strings (decoded pieces, the first one
 * possibly a slice of a piece). Offsets are relative to the start of the pending text.
 */
class PendingText {
  private parts: string[] = [];
  /** Offset of each part's first character. */
  private starts: number[] = [];
  public length = 0;
  /** Offset just past the last line feed. */
  private complete = 0;
  /** Where the marker search resumes (-1: not started; it starts at the line holding offset `size`). */
  private scan = -1;

  public push(piece: string): void {
    if (piece.length === 0) return;
    this.parts.push(piece);
    this.starts.push(this.length);
    const lf = piece.lastIndexOf('\n');
    this.length += piece.length;
    if (lf >= 0) this.complete = this.length - piece.length + lf + 1;
  }

  /**
   * Where {@link nextBoundary} cuts the pending text at `size` when the marker line after it is
   * complete, else -1 (more text is needed). The caller has checked `length >= size`.
   */
  public boundary(size: number): number {
    const complete = this.complete;
    if (complete <= size) return -1;
    if (this.scan < 0) this.scan = Math.max(this.lastLineFeed(size - 1), 0);
    let i = this.scan;
    for (;;) {
      i = this.indexOfMarker(i);
      if (i < 0 || i + 4 >= complete) {
        // none yet, or its line is not complete: resume there (a marker may straddle the next piece)
        this.scan = i < 0 ? Math.max(this.scan, this.length - 3) : i;
        return -1;
      }
      const after = this.charCodeAt(i + 4);
      if (after === 10 || after === 32 || after === 9 || after === 13) return i + 1;
      i += 4;
    }
  }

  /** Removes and returns the first `end` characters, as a string of their own (flat, not a slice of a piece). */
  public take(end: number): string {
    const pieces: string[] = [];
    let k = 0;
    while (k < this.parts.length && this.starts[k] + this.parts[k].length <= end) pieces.push(this.parts[k++]);
    const restParts: string[] = [];
    const restStarts: number[] = [];
    if (k < this.parts.length) {
      const cut = end - this.starts[k];
      if (cut > 0) pieces.push(this.parts[k].slice(0, cut));
      restParts.push(cut > 0 ? this.parts[k].slice(cut) : this.parts[k]);
      restStarts.push(0);
      for (let j = k + 1; j < this.parts.length; j++) {
        restParts.push(this.parts[j]);
        restStarts.push(this.starts[j] - end);
      }
    }
    this.parts = restParts;
    this.starts = restStarts;
    this.length -= end;
    this.complete = Math.max(0, this.complete - end);
    this.scan = -1;
    // `join` writes a new flat string: the chunk keeps none of its pieces alive
    return pieces.length === 1 ? flatCopy(pieces[0]) : pieces.join('');
  }

  /** The character code at offset `at` (NaN past the end, like `charCodeAt`). */
  private charCodeAt(at: number): number {
    const k = this.partAt(at);
    return k < 0 ? NaN : this.parts[k].charCodeAt(at - this.starts[k]);
  }

  /** The index of the part holding offset `at`, or -1. */
  private partAt(at: number): number {
    if (at < 0 || at >= this.length) return -1;
    let k = this.parts.length - 1;
    while (this.starts[k] > at) k--;
    return k;
  }

  /** `lastIndexOf('\n', at)` over the whole pending text. */
  private lastLineFeed(at: number): number {
    for (let k = this.partAt(Math.min(at, this.length - 1)); k >= 0; k--) {
      const local = this.parts[k].lastIndexOf('\n', at - this.starts[k]);
      if (local >= 0) return this.starts[k] + local;
    }
    return -1;
  }

  /** `indexOf('\n---', from)` over the whole pending text (markers may straddle parts). */
  private indexOfMarker(from: number): number {
    const k0 = this.partAt(Math.max(from, 0));
    if (k0 < 0) return -1;
    for (let k = k0; k < this.parts.length; k++) {
      const part = this.parts[k];
      const base = this.starts[k];
      const local = part.indexOf('\n---', Math.max(from - base, 0));
      if (local >= 0) return base + local;
      // a marker starting in the last three characters of this part and ending in the next ones
      for (let i = Math.max(base + part.length - 3, from); i < base + part.length && i + 4 <= this.length; i++) {
        if (this.charCodeAt(i) === 10 && this.charCodeAt(i + 1) === 45 && this.charCodeAt(i + 2) === 45 && this.charCodeAt(i + 3) === 45) return i;
      }
    }
    return -1;
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
