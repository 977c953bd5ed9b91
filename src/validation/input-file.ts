/**
 * Reading input files safely, for every command that reads manifests (validate, diff, graph, the
 * config loader): only regular files are opened (a FIFO would block forever), one size limit
 * applies everywhere (files, folders, standard input), and dangling links and link loops are named.
 */
import * as fs from 'fs';

/**
 * Files larger than this are refused with a clear message instead of exhausting memory (and
 * JavaScript's string limit): every input path (files, folders, standard input, `diff`, `graph`)
 * applies it.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * The message for input over {@link MAX_INPUT_BYTES}: `the file is 300 MiB, over the 256 MiB limit; ...`
 * for a file of known size, `standard input is over the 256 MiB limit; ...` for a stream.
 */
export function tooLargeMessage(bytes: number | undefined): string {
  const limit = `the ${MAX_INPUT_BYTES / 1048576} MiB limit; split it into smaller files`;
  return bytes === undefined ? `standard input is over ${limit}` : `the file is ${(bytes / 1048576).toFixed(0)} MiB, over ${limit}`;
}

/** Why a symbolic link cannot be followed: dangling, a loop, or another error. */
export function brokenLinkMessage(link: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'a symbolic link loop, not read';
  if (code === 'ENOENT') {
    let to = '?';
    try {
      to = fs.readlinkSync(link);
    } catch {
      // not a link itself: a link further up the path
    }
    return `a symbolic link to ${to}, which does not exist`;
  }
  return `cannot read: ${code ?? (e as Error).message}`;
}

/** A special file's kind in words: `a FIFO`, `a socket`, `a character device`, `a block device`. */
export function specialKind(stat: fs.Stats | fs.Dirent): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/**
 * Reads one input file safely: only a regular file within {@link MAX_INPUT_BYTES} is opened (a
 * FIFO would block forever); a dangling link, a link loop, a folder, a special file or an oversized
 * file is a problem message.
 */
export function readInputFile(file: string): { readonly data: Buffer } | { readonly problem: string } {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    let isLink = false;
    try {
      isLink = fs.lstatSync(file).isSymbolicLink();
    } catch {
      // the path itself is missing
    }
    if (isLink) return { problem: brokenLinkMessage(file, e) };
    if (code === 'ENOENT') return { problem: 'no such file or folder' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'cannot read the path: permission denied' };
    if (code === 'ELOOP') return { problem: 'a symbolic link loop, not read' };
    return { problem: `cannot read: ${code ?? (e as Error).message}` };
  }
  if (stat.isDirectory()) return { problem: 'a folder, not a file' };
  if (!stat.isFile()) return { problem: `not a regular file (${specialKind(stat)}), not read; use - for standard input` };
  if (stat.size > MAX_INPUT_BYTES) return { problem: tooLargeMessage(stat.size) };
  try {
    const data = fs.readFileSync(file);
    return data.length > MAX_INPUT_BYTES ? { problem: tooLargeMessage(data.length) } : { data };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'EACCES' || code === 'EPERM' ? 'cannot read the file: permission denied' : `cannot read the file: ${code ?? (e as Error).message}` };
  }
}

/** Standard input over {@link MAX_INPUT_BYTES}. */
export class InputTooLargeError extends Error {
  constructor() {
    super(tooLargeMessage(undefined));
    this.name = 'InputTooLargeError';
    Object.setPrototypeOf(this, InputTooLargeError.prototype);
  }
}

/**
 * Reads standard input up to {@link MAX_INPUT_BYTES}, synchronously.
 *
 * @throws InputTooLargeError when there is more
 */
export function readStdinSync(): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 20);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_INPUT_BYTES) throw new InputTooLargeError();
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a stream (standard input) up to {@link MAX_INPUT_BYTES}.
 *
 * @throws InputTooLargeError when there is more (the rest is not read)
 */
export async function readStreamLimited(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > MAX_INPUT_BYTES) throw new InputTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
