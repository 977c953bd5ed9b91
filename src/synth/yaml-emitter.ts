/**
 * A small, deterministic YAML emitter for JSON data.
 *
 * It writes the block style cdk8s writes (2-space indentation, indented sequences, `{}`/`[]` for
 * empty collections, `---` between documents) about an order of magnitude faster than the
 * general-purpose `yaml` package, and it quotes every string that a YAML 1.1 *or* a YAML 1.2
 * reader would not read back as the same string (see `yaml-scalar.ts`). Keys keep their
 * insertion order: sort them before emitting when the order must not depend on construction.
 */
import { doubleQuoted, formatNumber, isLiteralSafe, isPlainSafe } from './yaml-scalar';

/** The text written so far (string concatenation: V8 builds it as a rope, no join at the end). */
interface Output {
  text: string;
  /** Written form of the map keys met so far (the same keys repeat in every object). */
  readonly keys: Map<string, string>;
}

/** Keys up to this length are remembered in {@link Output.keys}. */
const MAX_CACHED_KEY = 128;

/** A map key as a plain or double-quoted scalar (remembered per output). */
function keyTextOf(key: string, out: Output): string {
  if (key.length > MAX_CACHED_KEY) {
    return isPlainSafe(key) ? key : doubleQuoted(key);
  }
  let text = out.keys.get(key);
  if (text === undefined) {
    text = isPlainSafe(key) ? key : doubleQuoted(key);
    out.keys.set(key, text);
  }
  return text;
}

/** YAML implicit keys may be at most 1024 characters long; longer keys use the `? key` form. */
const MAX_IMPLICIT_KEY = 1024;

/**
 * Writes one value as a YAML document (without a `---` marker), ending with a line break.
 *
 * Accepts JSON data: objects with plain prototypes, arrays, strings, finite numbers, booleans and
 * `null`. Object properties that are `undefined` are left out and `undefined` array items become
 * `null`, as `JSON.stringify` does.
 *
 * @throws TypeError for values that are not JSON data (functions, symbols, bigints, class
 *   instances, non-finite numbers), naming the path of the value.
 */
export function toYaml(value: unknown): string {
  const out: Output = { text: '', keys: new Map() };
  writeRoot(value, out);
  return out.text;
}

/**
 * Writes several values as a multi-document YAML stream: documents separated by `---` lines.
 *
 * Zero documents give an empty string, like cdk8s does for an empty chart.
 */
export function toYamlDocuments(documents: readonly unknown[]): string {
  const out: Output = { text: '', keys: new Map() };
  let text = '';
  for (let i = 0; i < documents.length; i++) {
    out.text = i > 0 ? '---\n' : '';
    writeRoot(documents[i], out);
    text += flat(out.text);
  }
  return text;
}

/**
 * `text` as one flat string. A document's text is a rope of many small pieces; flattening it
 * right away lets the pieces die young instead of surviving (and being copied by) every garbage
 * collection until the whole file is written.
 */
function flat(text: string): string {
  text.charCodeAt(0); // V8 flattens a rope on indexed access
  return text;
}

function writeRoot(value: unknown, out: Output): void {
  const kind = classify(value, '');
  if (kind === Kind.MAP) {
    writeMap(value as Record<string, unknown>, '', '', out, '');
  } else if (kind === Kind.SEQ) {
    writeSeq(value as unknown[], '', '', out, '');
  } else if (kind === Kind.LITERAL) {
    writeLiteral(value as string, '  ', out);
  } else {
    out.text += inlineValue(value, kind, '', true) + '\n';
  }
}

/** The shape of a value, as far as layout is concerned. */
enum Kind {
  SCALAR,
  LITERAL,
  EMPTY_MAP,
  EMPTY_SEQ,
  MAP,
  SEQ,
}

function classify(value: unknown, path: string): Kind {
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number') {
    return Kind.SCALAR;
  }
  if (typeof value === 'string') {
    return value.includes('\n') && isLiteralSafe(value) ? Kind.LITERAL : Kind.SCALAR;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? Kind.EMPTY_SEQ : Kind.SEQ;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`cannot write ${describe(value)} at '${path || '<root>'}' as YAML: only JSON data is supported`);
    }
    for (const key in value) {
      if ((value as Record<string, unknown>)[key] !== undefined) {
        return Kind.MAP;
      }
    }
    return Kind.EMPTY_MAP;
  }
  throw new TypeError(`cannot write ${describe(value)} at '${path || '<root>'}' as YAML: only JSON data is supported`);
}

/**
 * Writes a block mapping whose keys sit at `indent`; the first key goes on the current line
 * after `firstIndent` (empty when a `- ` or `: ` indicator already opened the line).
 */
function writeMap(map: Record<string, unknown>, indent: string, firstIndent: string, out: Output, path: string): void {
  let lineIndent = firstIndent;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) {
      continue;
    }
    const keyText = keyTextOf(key, out);
    if (keyText.length > MAX_IMPLICIT_KEY) {
      out.text += lineIndent + '? ' + keyText + '\n';
      writeEntry(value, indent, indent + ':', out, path, key);
    } else {
      writeValueAfterKey(value, indent, lineIndent + keyText + ':', out, path, key);
    }
    lineIndent = indent;
  }
}

/** Writes a block sequence whose `- ` indicators sit at `indent` (the first after `firstIndent`). */
function writeSeq(seq: readonly unknown[], indent: string, firstIndent: string, out: Output, path: string): void {
  for (let i = 0; i < seq.length; i++) {
    writeEntry(seq[i] === undefined ? null : seq[i], indent, (i === 0 ? firstIndent : indent) + '-', out, path, i);
  }
}

/**
 * Writes `<prefix> value` where the value may continue as a compact nested collection.
 *
 * The value sits at `key` of the collection at `parentPath`; its own path (for error messages and
 * nested values) is only built when needed.
 */
function writeEntry(value: unknown, indent: string, prefix: string, out: Output, parentPath: string, key: string | number): void {
  const kind = classifyAt(value, parentPath, key);
  switch (kind) {
    case Kind.MAP:
      out.text += prefix + ' ';
      writeMap(value as Record<string, unknown>, indent + '  ', '', out, childPath(parentPath, key));
      break;
    case Kind.SEQ:
      out.text += prefix + ' ';
      writeSeq(value as unknown[], indent + '  ', '', out, childPath(parentPath, key));
      break;
    case Kind.LITERAL:
      out.text += prefix + ' ';
      writeLiteral(value as string, indent + '  ', out);
      break;
    default:
      out.text += prefix + ' ' + inlineValueAt(value, kind, parentPath, key) + '\n';
  }
}

/** Writes `key: value` where a non-empty collection value starts on the next line. */
function writeValueAfterKey(value: unknown, indent: string, keyPrefix: string, out: Output, parentPath: string, key: string): void {
  const kind = classifyAt(value, parentPath, key);
  switch (kind) {
    case Kind.MAP: {
      const inner = indent + '  ';
      out.text += keyPrefix + '\n';
      writeMap(value as Record<string, unknown>, inner, inner, out, childPath(parentPath, key));
      break;
    }
    case Kind.SEQ: {
      const inner = indent + '  ';
      out.text += keyPrefix + '\n';
      writeSeq(value as unknown[], inner, inner, out, childPath(parentPath, key));
      break;
    }
    case Kind.LITERAL:
      out.text += keyPrefix + ' ';
      writeLiteral(value as string, indent + '  ', out);
      break;
    default:
      out.text += keyPrefix + ' ' + inlineValueAt(value, kind, parentPath, key) + '\n';
  }
}

/** The path of the value at `key` of the collection at `parentPath` (`a.b[0].c`). */
function childPath(parentPath: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parentPath}[${key}]`;
  }
  return parentPath === '' ? key : `${parentPath}.${key}`;
}

/** `classify()` of a nested value: scalars, the common case, never build the path. */
function classifyAt(value: unknown, parentPath: string, key: string | number): Kind {
  const type = typeof value;
  if (value === null || type === 'boolean' || type === 'number') {
    return Kind.SCALAR;
  }
  if (type === 'string') {
    return (value as string).includes('\n') && isLiteralSafe(value as string) ? Kind.LITERAL : Kind.SCALAR;
  }
  return classify(value, childPath(parentPath, key));
}

/** `inlineValue()` of a nested value, building its path only for a number (errors name it). */
function inlineValueAt(value: unknown, kind: Kind, parentPath: string, key: string | number): string {
  if (typeof value === 'string' && kind === Kind.SCALAR) {
    return isPlainSafe(value, false) ? value : doubleQuoted(value);
  }
  return inlineValue(value, kind, typeof value === 'number' ? childPath(parentPath, key) : '', false);
}

/** Writes the header and the lines of a `|` block literal (chomping keeps the exact ending). */
function writeLiteral(value: string, indent: string, out: Output): void {
  let trailing = 0;
  while (trailing < value.length && value.charCodeAt(value.length - 1 - trailing) === 0x0a) {
    trailing++;
  }
  const header = trailing === 0 ? '|-' : trailing === 1 ? '|' : '|+';
  const body = trailing === 0 ? value : value.slice(0, -1);
  out.text += header + '\n';
  for (const line of body.split('\n')) {
    out.text += (line === '' ? '\n' : indent + line + '\n');
  }
}

function inlineValue(value: unknown, kind: Kind, path: string, atDocumentRoot: boolean): string {
  switch (kind) {
    case Kind.EMPTY_MAP:
      return '{}';
    case Kind.EMPTY_SEQ:
      return '[]';
    default:
      return scalar(value, path, atDocumentRoot);
  }
}

function scalar(value: unknown, path: string, atDocumentRoot: boolean): string {
  if (value === null || value === undefined) {
    return 'null';
  }
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      try {
        return formatNumber(value);
      } catch (e) {
        throw new TypeError(`${(e as Error).message} (at '${path || '<root>'}')`);
      }
    case 'string':
      return isPlainSafe(value, atDocumentRoot) ? value : doubleQuoted(value);
    default:
      throw new TypeError(`cannot write ${describe(value)} at '${path || '<root>'}' as YAML: only JSON data is supported`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  }
  return `a ${typeof value}`;
}
