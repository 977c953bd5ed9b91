/**
 * Turning the bytes of a manifest into text as kubectl's YAML reader does: go-yaml reads UTF-8
 * strictly and refuses a document with an invalid byte sequence (readerc.go,
 * `yaml_parser_update_buffer`), where a lenient decoder would put U+FFFD in its place and the
 * object would be accepted with a different value.
 */
import type { ParseProblem } from './parse-yaml';

/** What {@link decodeYaml} returns: the text, or the problem that keeps the file from being read. */
export type DecodedYaml = { readonly text: string; readonly problem?: undefined } | { readonly text?: undefined; readonly problem: ParseProblem };

/**
 * Decodes UTF-8 bytes. Invalid UTF-8 is refused with go-yaml's message for the first bad sequence
 * (`yaml: invalid leading UTF-8 octet`, `incomplete UTF-8 octet sequence`, `invalid trailing UTF-8
 * octet`, `invalid length of a UTF-8 sequence`, `invalid Unicode character`) at its line.
 */
export function decodeYaml(data: Uint8Array, file: string): DecodedYaml {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const text = bytes.toString('utf8');
  // Node's decoder puts U+FFFD where the bytes are invalid: only then are the bytes checked (a
  // file may also hold a real U+FFFD).
  if (text.indexOf('\ufffd') < 0) return { text };
  const invalid = firstInvalidSequence(bytes);
  if (invalid === undefined) return { text };
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < invalid.offset; i = bytes.indexOf(10, i + 1)) line++;
  return { problem: { file, line, message: `yaml: ${invalid.message}` } };
}

/** The first invalid UTF-8 sequence, checked as go-yaml's reader checks it (readerc.go). */
function firstInvalidSequence(bytes: Uint8Array): { offset: number; message: string } | undefined {
  for (let i = 0; i < bytes.length;) {
    const octet = bytes[i];
    if (octet < 0x80) {
      i++;
      continue;
    }
    const width = (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
    if (width === 0) return { offset: i, message: 'invalid leading UTF-8 octet' };
    if (i + width > bytes.length) return { offset: i, message: 'incomplete UTF-8 octet sequence' };
    let value = width === 2 ? octet & 0x1f : width === 3 ? octet & 0x0f : octet & 0x07;
    for (let k = 1; k < width; k++) {
      const trailing = bytes[i + k];
      if ((trailing & 0xc0) !== 0x80) return { offset: i + k, message: 'invalid trailing UTF-8 octet' };
      value = (value << 6) + (trailing & 0x3f);
    }
    if (!((width === 2 && value >= 0x80) || (width === 3 && value >= 0x800) || (width === 4 && value >= 0x10000))) {
      return { offset: i, message: 'invalid length of a UTF-8 sequence' };
    }
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return { offset: i, message: 'invalid Unicode character' };
    i += width;
  }
  return undefined;
}
