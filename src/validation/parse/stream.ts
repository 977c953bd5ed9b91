/**
 * Streaming (and optionally parallel) parsing of big YAML texts.
 *
 * The text is cut into chunks of whole documents; chunks are parsed in order, in worker threads
 * when asked, and each chunk's objects are handed to `onBatch` in file order as soon as they are
 * ready, so the caller can validate chunk k while a worker parses chunk k+1. Results are the same
 * as {@link parseYaml} on the whole text (same objects, lines and problems, in the same order).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Worker as WorkerThread } from 'worker_threads';
import { SourcedObject } from '../types';
import { ParsedChunk, parseChunk, toSourcedObjects } from './chunk-parse';
import type { PartialReport, WorkerValidation } from './chunk-validate';
import { TextChunk, yamlPieceChunks, yamlTextChunks } from './chunks';
import { ParseProblem, parseYaml, parseYamlDocuments } from './parse-yaml';
import { EarlyParse, takeEarlyParse } from './early-parse';
import type { ChunkRequest } from './parse-worker';
import { markFileBacked } from './yaml-source';

/** Options of {@link parseYamlStream}. */
export interface ParseStreamOptions {
  /**
   * Worker threads that parse chunks while the caller handles earlier ones; 0 parses in this thread.
   *
   * @default 0
   */
  readonly workers?: number;
  /**
   * About how many characters of whole documents go into one chunk.
   *
   * @default 1048576
   */
  readonly chunkChars?: number;
  /**
   * Chunks each worker may hold (queued or parsed but not yet handed over); bounds memory.
   *
   * @default 2
   */
  readonly queueDepth?: number;
  /**
   * With workers: the workers also run the per-object rules and hand their report of each chunk
   * to `onBatch` (the objects only when `returnObjects` is set). Ignored without workers.
   *
   * @default - workers only parse
   */
  readonly validation?: WorkerValidation;
  /**
   * With workers: whether this thread parses chunks too while the workers are busy. Turn it off
   * when this thread has other work for every batch (e.g. it validates what the workers parse):
   * parsing and validating then run as a pipeline on two cores.
   *
   * @default true
   */
  readonly parseHere?: boolean;
  /**
   * Bytes per read of {@link parseYamlFileStream} (tests use tiny blocks).
   *
   * @default FILE_BLOCK_BYTES
   * @internal
   */
  readonly _blockBytes?: number;
  /**
   * The worker thread's script (tests use one that fails in a given way).
   *
   * @default - `parse-worker` next to this module
   * @internal
   */
  readonly _workerFile?: string;
}

/** Receives the objects of each chunk in file order, with the workers' report when they validate. */
export type BatchHandler = (objects: SourcedObject[], report?: PartialReport) => void;

/** What {@link parseYamlStream} returns once every batch was handed over. */
export interface ParseStreamResult {
  readonly problems: ParseProblem[];
}

/** Default chunk size: about 2,000 typical manifests. */
export const DEFAULT_CHUNK_CHARS = 1 << 20;

/**
 * Parses `text` (the content of `file`) chunk by chunk and calls `onBatch` with the objects of each
 * chunk, in file order. Problems come back in file order when every chunk is done.
 *
 * JSON texts, binary content and texts with a byte-order mark are parsed in one piece by
 * {@link parseYaml} (one batch).
 */
export async function parseYamlStream(text: string, file: string, onBatch: BatchHandler,
  options: ParseStreamOptions = {}): Promise<ParseStreamResult> {
  const firstContent = text.search(/\S/);
  const first = firstContent < 0 ? '' : text[firstContent];
  if (text.charCodeAt(0) === 0xfeff || first === '{' || first === '[' || text.indexOf('\u0000') >= 0) {
    const whole = parseYaml(text, file);
    if (whole.objects.length > 0) onBatch(whole.objects);
    return { problems: whole.problems };
  }
  return parseChunks(yamlTextChunks(text, options.chunkChars ?? DEFAULT_CHUNK_CHARS), file, onBatch, options);
}

/**
 * Size of the blocks {@link parseYamlFileStream} reads. Below V8's large-object size (128 KiB), so
 * each decoded piece is an ordinary young string: with 256 KiB blocks every piece was a large object
 * of its own, and reading and cutting the 20.6 MB CRD input took 60-70 ms of CPU instead of 38-41.
 */
export const FILE_BLOCK_BYTES = 64 << 10;

/**
 * Chunk size when a file is read block by block: objects of smaller chunks die young, before the
 * garbage collector moves them to the old generation, which keeps the peak memory low.
 */
export const FILE_CHUNK_CHARS = 128 << 10;

/**
 * {@link parseYamlStream} on a file read block by block: only the chunks being parsed (and the
 * documents of objects the caller keeps) are in memory, never the whole text, so memory stays flat
 * however big the file is when the caller keeps nothing (`--level api`).
 *
 * Returns `undefined`, having read nothing into the caller, when the file must be read whole: it is
 * not valid UTF-8 (reported by `decodeYaml` with go-yaml's message), starts with a byte-order mark,
 * holds a NUL or a U+FFFD, or is JSON. A first pass over the blocks checks this before any object
 * is handed over.
 */
export async function parseYamlFileStream(file: string, onBatch: BatchHandler, options: ParseStreamOptions = {}): Promise<ParseStreamResult | undefined> {
  const early = takeEarlyParse(file);
  if (early !== undefined) {
    // a worker started before the command loaded has been parsing this file (see early-parse.ts)
    const usable = options.validation === undefined && options.chunkChars === undefined && options._blockBytes === undefined && options._workerFile === undefined;
    const result = usable ? await receiveEarly(early, file, onBatch) : NOT_STARTED;
    early.stop();
    if (result !== NOT_STARTED) return result;
  }
  const blockBytes = options._blockBytes ?? FILE_BLOCK_BYTES;
  try {
    if (!streamable(file, blockBytes)) return undefined;
  } catch {
    return undefined; // unreadable: the caller reads it whole and reports it with its usual wording
  }
  // The documents are ranges of the file's text, which a
  // validator keeping them for its bundle rules re-reads instead of keeping the text (markFileBacked)
  return parseChunks(yamlPieceChunks(filePieces(file, blockBytes), options.chunkChars ?? FILE_CHUNK_CHARS), file, onBatch, options,
    path.resolve(file));
}

/** {@link receiveEarly}'s answer when the early worker handed nothing over: the file is parsed as usual. */
const NOT_STARTED = Symbol('not started');

/**
 * The chunks of `file` as {@link parseYamlFileStream} cuts them, or undefined when it would read the
 * file whole (or cannot read it). The early parse worker's input.
 */
export function earlyFileChunks(file: string): Iterable<TextChunk> | undefined {
  try {
    if (!streamable(file, FILE_BLOCK_BYTES)) return undefined;
  } catch {
    return undefined;
  }
  return yamlPieceChunks(filePieces(file, FILE_BLOCK_BYTES), FILE_CHUNK_CHARS);
}

/**
 * Hands the early worker's chunks to `onBatch` in order, as {@link parseChunks} with one worker
 * would: the same objects, problems and document ranges. {@link NOT_STARTED} when the worker
 * declined the file or stopped before handing anything over; a worker that stops later fails the run.
 */
function receiveEarly(early: EarlyParse, file: string, onBatch: BatchHandler): Promise<ParseStreamResult | undefined | typeof NOT_STARTED> {
  const origin = path.resolve(file);
  const problems: ParseProblem[] = [];
  let sawContent = false;
  let delivered = false;
  let settled = false;
  return new Promise((resolve, reject) => {
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      early.stop();
      action();
    };
    early.attach((message) => {
      if (settled) return;
      try {
        switch (message.type) {
          case 'chunk':
          case 'raw': {
            delivered = true;
            const { text } = message;
            // a chunk the worker left to this thread is parsed here, as ParallelParse parses one here
            const parsed = message.type === 'chunk' ? message.parsed : parseChunk(text, message.chunk, file);
            const start = message.type === 'chunk' ? message.start : message.chunk.start;
            sawContent = parsed.sawContent || sawContent;
            for (const problem of parsed.problems) problems.push(problem);
            if (parsed.objects.length > 0) {
              const objects = toSourcedObjects(parsed, text, file, start);
              // the documents are ranges of the file's text (as parseChunks marks them); objects of a
              // chunk parsed here hold slices of its text (a validator keeping them copies those strings)
              markFileBacked(objects, origin, 0, message.type === 'raw');
              onBatch(objects);
            }
            early.ack(text.length);
            break;
          }
          case 'end':
            if (!sawContent && problems.length === 0) problems.push({ file, line: 1, message: 'no objects found (empty file)' });
            settle(() => resolve({ problems }));
            break;
          case 'unstreamable':
            settle(() => resolve(NOT_STARTED));
            break;
          case 'failed': {
            // before anything was handed over, the file is read here, and any error reported as usual
            const error = new Error(message.message);
            error.name = message.name;
            settle(() => (delivered ? reject(error) : resolve(NOT_STARTED)));
            break;
          }
        }
      } catch (e) {
        settle(() => reject(e));
      }
    }, () => settle(() => {
      if (delivered) reject(new Error(`the parse worker for ${file} stopped`));
      else resolve(NOT_STARTED);
    }));
  });
}

/** The file's text in pieces of about {@link FILE_BLOCK_BYTES}, decoded as UTF-8 (sequences split between blocks are joined). */
function* filePieces(file: string, blockBytes: number): Generator<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { StringDecoder } = require('string_decoder') as typeof import('string_decoder');
  const decoder = new StringDecoder('utf8');
  const fd = fs.openSync(file, 'r');
  try {
    const block = Buffer.allocUnsafe(Math.max(1, blockBytes));
    for (;;) {
      const read = fs.readSync(fd, block, 0, block.length, null);
      if (read === 0) break;
      const piece = decoder.write(block.subarray(0, read));
      if (piece.length > 0) yield piece;
    }
    const rest = decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/** U+FFFD in UTF-8. */
const REPLACEMENT_CHARACTER = Buffer.from([0xef, 0xbf, 0xbd]);

/**
 * Whether the file can be parsed piece by piece (see {@link parseYamlFileStream}), checked on its
 * bytes (no text is decoded): valid UTF-8, no byte-order mark, NUL or U+FFFD, not JSON.
 */
function streamable(file: string, blockBytes: number): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isUtf8 } = require('buffer') as { isUtf8: (input: Uint8Array) => boolean };
  const fd = fs.openSync(file, 'r');
  try {
    // a block plus the few bytes of a sequence the previous block cut
    const buffer = Buffer.allocUnsafe(Math.max(1, blockBytes) + 3);
    if (fs.readSync(fd, buffer, 0, 3, 0) === 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return false;
    let carried = 0;
    let first = true;
    for (;;) {
      const read = fs.readSync(fd, buffer, carried, buffer.length - 3, null);
      const length = carried + read;
      if (length === 0) return true;
      const bytes = buffer.subarray(0, length);
      if (first) {
        let i = 0;
        while (i < length && (bytes[i] === 32 || bytes[i] === 10 || bytes[i] === 13 || bytes[i] === 9)) i++;
        if (i < length && (bytes[i] === 0x7b || bytes[i] === 0x5b)) return false; // { [
        if (i < length) first = false;
      }
      if (bytes.indexOf(0) >= 0 || bytes.indexOf(REPLACEMENT_CHARACTER) >= 0) return false;
      // keep an incomplete sequence at the end for the next block (at most 3 bytes)
      const cut = read === 0 ? length : completeLength(bytes);
      if (!isUtf8(bytes.subarray(0, cut))) return false;
      if (read === 0) return true;
      carried = length - cut;
      bytes.copy(buffer, 0, cut, length);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** The length of `bytes` without a UTF-8 sequence its last bytes start and do not finish. */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const width = (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return width > back ? n - back : n;
  }
  return n;
}

async function parseChunks(chunks: Iterator<TextChunk> & Iterable<TextChunk>, file: string, onBatch: BatchHandler,
  options: ParseStreamOptions, origin?: string): Promise<ParseStreamResult> {
  const workers = Math.max(0, Math.floor(options.workers ?? 0));
  const problems: ParseProblem[] = [];
  // parallel batches place their documents in the whole text (toSourcedObjects)
  const handler: BatchHandler = origin === undefined ? onBatch : (objects, report) => {
    markFileBacked(objects, origin, 0);
    onBatch(objects, report);
  };
  const sawContent = workers === 0
    ? parseInThread(file, chunks, onBatch, problems, origin)
    : await new ParallelParse(file, chunks, handler, problems, workers, Math.max(1, options.queueDepth ?? 2), options.validation,
      options.parseHere ?? true, options._workerFile ?? workerFile()).run();
  if (!sawContent && problems.length === 0) problems.push({ file, line: 1, message: 'no objects found (empty file)' });
  return { problems };
}

function parseInThread(file: string, chunks: Iterable<TextChunk>, onBatch: (objects: SourcedObject[]) => void,
  problems: ParseProblem[], origin?: string): boolean {
  let sawContent = false;
  for (const chunk of chunks) {
    const objects: SourcedObject[] = [];
    sawContent = parseYamlDocuments(chunk.text, chunk.firstLine, file, objects, problems) || sawContent;
    if (origin !== undefined) markFileBacked(objects, origin, chunk.start, true); // documents placed in the chunk
    if (objects.length > 0) onBatch(objects);
  }
  return sawContent;
}

/** The file holding the worker body, next to this module (`.ts` under tsx/ts-node, `.js` when compiled). */
function workerFile(): string {
  return path.join(__dirname, `parse-worker${path.extname(__filename)}`);
}

/** One run of parallel parsing: hands chunks to workers, delivers results in order. */
class ParallelParse {
  private readonly ready = new Map<number, ParsedChunk>();
  private readonly outstanding = new Map<WorkerThread, TextChunk[]>();
  /** The chunks dispatched and not yet delivered, by index (their text places the objects' lines). */
  private readonly pending = new Map<number, TextChunk>();
  private nextToDeliver = 0;
  private total = -1;
  private dispatched = 0;
  private sawContent = false;
  private localActive = false;
  private stopped = false;
  private finish!: (sawContent: boolean) => void;
  private fail!: (error: unknown) => void;

  constructor(
    private readonly file: string,
    private readonly chunks: Iterator<TextChunk>,
    private readonly onBatch: BatchHandler,
    private readonly problems: ParseProblem[],
    private readonly workerCount: number,
    private readonly queueDepth: number,
    private readonly validation: WorkerValidation | undefined,
    private readonly parseHere: boolean,
    private readonly workerScript: string,
  ) {}

  public run(): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      for (let w = 0; w < this.workerCount; w++) {
        const worker = new Worker(this.workerScript);
        this.outstanding.set(worker, []);
        worker.on('message', (parsed: ParsedChunk) => this.onParsed(worker, parsed));
        // A worker that fails, stops, or whose result cannot be received (`messageerror`: the message
        // could not be deserialized here) hands its chunks back to this thread.
        worker.on('error', () => this.onWorkerFailed(worker));
        worker.on('messageerror', () => this.onWorkerFailed(worker));
        worker.on('exit', () => this.onWorkerFailed(worker));
        this.feed(worker);
      }
      this.kickLocal();
    });
  }

  /**
   * This thread parses (and validates) chunks too while the workers are busy: it takes the next
   * chunk whenever it has nothing else to do, so the two sides share the parse work instead of this
   * thread only waiting for copies of the workers' objects.
   */
  private kickLocal(): void {
    if (!this.parseHere || this.localActive || this.stopped || this.total >= 0) return;
    this.localActive = true;
    setImmediate(() => this.localStep());
  }

  private localStep(): void {
    this.localActive = false;
    if (this.stopped || this.total >= 0 || this.ready.size >= (this.workerCount + 1) * this.queueDepth) return;
    const next = this.chunks.next();
    if (next.done) {
      this.total = this.dispatched;
      this.checkDone();
      return;
    }
    const chunk = this.dispatch(next.value);
    this.afterReady(() => {
      this.ready.set(chunk.index, parseChunk(chunk.text, chunk, this.file, this.validation));
    });
  }

  /**
   * Runs `step` (which makes a chunk ready, or nothing), delivers what is ready in order, then keeps
   * the workers and the main thread busy; a failure stops everything.
   */
  private afterReady(step: () => void): void {
    try {
      step();
      this.deliver();
    } catch (e) {
      this.stop();
      this.fail(e);
      return;
    }
    for (const w of this.outstanding.keys()) this.feed(w);
    this.kickLocal();
  }

  /** Sends chunks to `worker` until its queue is full or the text is exhausted. */
  private feed(worker: WorkerThread): void {
    const queue = this.outstanding.get(worker)!;
    while (this.total < 0 && queue.length < this.queueDepth && this.ready.size < this.workerCount * this.queueDepth) {
      const next = this.chunks.next();
      if (next.done) {
        this.total = this.dispatched;
        break;
      }
      const chunk = this.dispatch(next.value);
      queue.push(chunk);
      const { text, ...position } = chunk;
      const request: ChunkRequest = { chunk: position, text, file: this.file, validation: this.validation };
      worker.postMessage(request);
    }
    this.checkDone();
  }

  private onParsed(worker: WorkerThread, parsed: ParsedChunk): void {
    const queue = this.outstanding.get(worker);
    if (queue === undefined) return;
    queue.splice(queue.findIndex((c) => c.index === parsed.index), 1);
    this.ready.set(parsed.index, parsed);
    this.afterReady(() => undefined);
  }

  /**
   * A worker that cannot run (e.g. no loader for its file), failed, exited or sent a message that
   * could not be received: its chunks are parsed here instead. Nothing to do for a worker already
   * stopped or handled.
   */
  private onWorkerFailed(worker: WorkerThread): void {
    const queue = this.outstanding.get(worker);
    if (queue === undefined) return;
    this.outstanding.delete(worker);
    void worker.terminate();
    try {
      for (const chunk of queue) this.ready.set(chunk.index, parseChunk(chunk.text, chunk, this.file, this.validation));
      if (this.outstanding.size === 0) {
        for (let next = this.chunks.next(); !next.done; next = this.chunks.next()) {
          const chunk = this.dispatch(next.value);
          this.ready.set(chunk.index, parseChunk(chunk.text, chunk, this.file, this.validation));
          this.deliver();
        }
        this.total = this.dispatched;
      }
      this.deliver();
    } catch (e) {
      this.stop();
      this.fail(e);
      return;
    }
    for (const w of this.outstanding.keys()) this.feed(w);
    this.checkDone();
  }

  /** Counts a chunk taken from the iterator and keeps its text until it is delivered. */
  private dispatch(chunk: TextChunk): TextChunk {
    this.dispatched++;
    this.pending.set(chunk.index, chunk);
    return chunk;
  }

  /** Hands every chunk that is next in file order to the caller. */
  private deliver(): void {
    for (let parsed = this.ready.get(this.nextToDeliver); parsed !== undefined; parsed = this.ready.get(this.nextToDeliver)) {
      this.ready.delete(this.nextToDeliver);
      const chunk = this.pending.get(this.nextToDeliver)!;
      this.pending.delete(this.nextToDeliver);
      this.nextToDeliver++;
      this.sawContent = parsed.sawContent || this.sawContent;
      for (const problem of parsed.problems) this.problems.push(problem);
      if (parsed.objects.length > 0 || parsed.report !== undefined) this.onBatch(toSourcedObjects(parsed, chunk.text, this.file, chunk.start), parsed.report);
    }
    this.checkDone();
  }

  private checkDone(): void {
    if (this.total >= 0 && this.nextToDeliver === this.total) {
      this.stop();
      this.finish(this.sawContent);
    }
  }

  private stop(): void {
    this.stopped = true;
    for (const worker of this.outstanding.keys()) void worker.terminate();
    this.outstanding.clear();
  }
}
