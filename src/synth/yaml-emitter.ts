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
  const out: string[] = [];
  writeRoot(value, out);
  return out.join('');
}

/**
 * Writes several values as a multi-document YAML stream: documents separated by `---` lines.
 *
 * Zero documents give an empty string, like cdk8s does for an empty chart.
 */
export function toYamlDocuments(documents: readonly unknown[]): string {
  const out: string[] = [];
  for (let i = 0; i < documents.length; i++) {
    if (i > 0) {
      out.push('---\n');
    }
    writeRoot(documents[i], out);
  }
  return out.join('');
}

function writeRoot(value: unknown, out: string[]): void {
  const kind = classify(value, '');
  if (kind === Kind.MAP) {
    writeMap(value as Record<string, unknown>, '', '', out, '');
  } else if (kind === Kind.SEQ) {
    writeSeq(value as unknown[], '', '', out, '');
  } else if (kind === Kind.LITERAL) {
    writeLiteral(value as string, '  ', out);
  } else {
    out.push(inlineValue(value, kind, '', true), '\n');
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
function writeMap(map: Record<string, unknown>, indent: string, firstIndent: string, out: string[], path: string): void {
  let lineIndent = firstIndent;
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) {
      continue;
    }
    const childPath = path === '' ? key : `${path}.${key}`;
    const keyText = isPlainSafe(key) ? key : doubleQuoted(key);
    if (keyText.length > MAX_IMPLICIT_KEY) {
      out.push(lineIndent, '? ', keyText, '\n');
      writeEntry(value, indent, indent + ':', out, childPath);
    } else {
      writeValueAfterKey(value, indent, lineIndent + keyText + ':', out, childPath);
    }
    lineIndent = indent;
  }
}

/** Writes a block sequence whose `- ` indicators sit at `indent` (the first after `firstIndent`). */
function writeSeq(seq: readonly unknown[], indent: string, firstIndent: string, out: string[], path: string): void {
  for (let i = 0; i < seq.length; i++) {
    writeEntry(seq[i] === undefined ? null : seq[i], indent, (i === 0 ? firstIndent : indent) + '-', out, `${path}[${i}]`);
  }
}

/** Writes `<prefix> value` where the value may continue as a compact nested collection. */
function writeEntry(value: unknown, indent: string, prefix: string, out: string[], path: string): void {
  const kind = classify(value, path);
  const inner = indent + '  ';
  switch (kind) {
    case Kind.MAP:
      out.push(prefix, ' ');
      writeMap(value as Record<string, unknown>, inner, '', out, path);
      break;
    case Kind.SEQ:
      out.push(prefix, ' ');
      writeSeq(value as unknown[], inner, '', out, path);
      break;
    case Kind.LITERAL:
      out.push(prefix, ' ');
      writeLiteral(value as string, inner, out);
      break;
    default:
      out.push(prefix, ' ', inlineValue(value, kind, path, false), '\n');
  }
}

/** Writes `key: value` where a non-empty collection value starts on the next line. */
function writeValueAfterKey(value: unknown, indent: string, keyPrefix: string, out: string[], path: string): void {
  const kind = classify(value, path);
  const inner = indent + '  ';
  switch (kind) {
    case Kind.MAP:
      out.push(keyPrefix, '\n');
      writeMap(value as Record<string, unknown>, inner, inner, out, path);
      break;
    case Kind.SEQ:
      out.push(keyPrefix, '\n');
      writeSeq(value as unknown[], inner, inner, out, path);
      break;
    case Kind.LITERAL:
      out.push(keyPrefix, ' ');
      writeLiteral(value as string, inner, out);
      break;
    default:
      out.push(keyPrefix, ' ', inlineValue(value, kind, path, false), '\n');
  }
}

/** Writes the header and the lines of a `|` block literal (chomping keeps the exact ending). */
function writeLiteral(value: string, indent: string, out: string[]): void {
  let trailing = 0;
  while (trailing < value.length && value.charCodeAt(value.length - 1 - trailing) === 0x0a) {
    trailing++;
  }
  const header = trailing === 0 ? '|-' : trailing === 1 ? '|' : '|+';
  const body = trailing === 0 ? value : value.slice(0, -1);
  out.push(header, '\n');
  for (const line of body.split('\n')) {
    out.push(line === '' ? '\n' : indent + line + '\n');
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
