/**
 * A line scan that finds the line of a mapping-key path in plain block YAML without parsing the
 * document.
 *
 * Bundle findings (for example `policy/pdb-missing` on `spec.template.metadata.labels`) ask for
 * one line in thousands of documents after the last chunk is parsed, where a full positioned
 * re-parse of each document is on the critical path. Most generated manifests are plain block
 * mappings, where a key path is found by walking indentation. The scan is deliberately
 * conservative: it answers only when every line it has to look at is a plain `key:` line (or a
 * comment, a blank line, or content indented under a sibling), and returns `undefined` otherwise,
 * so the caller falls back to the full parse and the answer is always the same as the parser's.
 */

/** A plain block-mapping key line: the key, then `:` followed by a space or the end of the line. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: (.*))?$/;

/** First characters of an inline value the scan does not interpret (flow, anchors, aliases, tags, block scalars). */
const UNSUPPORTED_VALUE_START = new Set(['{', '[', '&', '*', '!', '|', '>', '%', '@', '`']);

/** One content line of the document. */
interface ScanLine {
  /** 0-based line index in the document. */
  readonly index: number;
  readonly indent: number;
  /** The text after the indentation. */
  readonly content: string;
}

/**
 * The 1-based line (within `text`) of the deepest mapping key of `segments` that exists, with the
 * same meaning as the positioned parse (`findInTable`), or `undefined` when the document is not
 * plain enough for the scan to be sure.
 */
export function scanKeyPathLine(text: string, segments: readonly string[]): number | undefined {
  if (segments.length === 0 || text.includes('\r') || text.includes('\t')) return undefined;
  const lines = contentLines(text);
  if (lines === undefined || lines.length === 0) return undefined;
  // Scope: the content lines [from, to) of the mapping whose keys sit at `indent`.
  let from = 0;
  let to = lines.length;
  let indent = lines[0].indent;
  let line = lines[0].index; // the root line, 0-based
  for (const segment of segments) {
    let found = -1;
    for (let i = from; i < to; i++) {
      const current = lines[i];
      if (current.indent > indent) continue; // nested under a sibling key
      if (current.indent < indent) return undefined; // cannot happen in a well-formed scope
      const match = KEY_LINE.exec(current.content);
      if (match === null) return undefined;
      if (!plainValue(match[2])) return undefined;
      if (match[1] === segment) {
        if (found >= 0) return undefined; // duplicate key: let the parser decide
        found = i;
      }
    }
    if (found < 0) return line + 1;
    const key = lines[found];
    line = key.index;
    if (segment === segments[segments.length - 1]) return line + 1;
    // The key's value: a nested block mapping when the next content line is more indented.
    const value = KEY_LINE.exec(key.content)![2];
    const next = lines[found + 1];
    if (value !== undefined && value.trim() !== '' && !value.trimStart().startsWith('#')) {
      return line + 1; // a scalar: nothing deeper
    }
    if (next === undefined || next.indent <= key.indent) {
      if (next !== undefined && next.indent === key.indent && next.content.startsWith('-')) return undefined; // indentless sequence
      return line + 1; // null value
    }
    if (next.content.startsWith('-') || next.content.startsWith('?')) return undefined; // a sequence or complex key
    from = found + 1;
    to = from;
    while (to < lines.length && lines[to].indent > key.indent) to++;
    indent = next.indent;
  }
  return line + 1;
}

/** True for an inline value the scan understands: none, a comment, a plain or single-line quoted scalar. */
function plainValue(value: string | undefined): boolean {
  if (value === undefined) return true;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return true;
  const first = trimmed[0];
  if (UNSUPPORTED_VALUE_START.has(first)) return false;
  if (first === '"' || first === "'") {
    // Only a quoted scalar closed on its own line (no comment after it, no multi-line string).
    return trimmed.length >= 2 && trimmed[trimmed.length - 1] === first;
  }
  return true;
}

/** The non-blank, non-comment lines with their indentation; undefined on a document marker or directive. */
function contentLines(text: string): ScanLine[] | undefined {
  const out: ScanLine[] = [];
  let start = 0;
  let index = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && text.charCodeAt(i) !== 35) {
      const content = text.slice(i, end).trimEnd();
      if (i === start && (content.startsWith('---') || content.startsWith('...') || content.startsWith('%'))) return undefined;
      out.push({ index, indent: i - start, content });
    }
    index++;
    start = end + 1;
  }
  return out;
}
