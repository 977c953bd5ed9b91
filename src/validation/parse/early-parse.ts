/**
 * A parse worker started before the `validate` command's modules load.
 *
 * Loading the engine, the rules and the schema validators takes the main thread a few hundred
 * milliseconds, during which the second core is idle. When the command line names a big file and a
 * core is free, `cli/main.ts` calls {@link startEarlyParse} first thing: a worker reads that file
 * block by block, cuts it into chunks and parses them (exactly as `parseYamlFileStream` does), and
 * keeps up to {@link EARLY_BUDGET_CHARS} of parsed text ahead of the main thread. When `validate`
 * reaches the file, `parseYamlFileStream` takes the worker's results ({@link takeEarlyParse}) instead
 * of starting its own worker. A file the worker declines (not plain UTF-8 YAML) is read as before.
 *
 * Once the main thread takes the results, the two share the parse: a chunk cut while the main thread
 * has handed over everything it was sent (it is waiting) goes to it unparsed, and it parses it itself,
 * so neither core waits and the objects of that chunk are not copied between threads.
 *
 * This module is loaded before everything else: it only uses Node's own modules.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Worker as WorkerThread } from 'worker_threads';
import type { ParsedChunk } from './chunk-parse';
import type { YamlChunk } from './chunks';
import { MAX_INPUT_BYTES } from '../input-file';
import { parseWorkers, STREAM_MIN_BYTES } from './parse-workers';

/** Files at least this big are parsed early (the files `validate` parses in chunks). */
export const EARLY_MIN_BYTES = STREAM_MIN_BYTES;

/**
 * Characters of parsed chunks the worker may be ahead of the main thread (sent and not yet handed
 * to the validator): enough to keep it busy while the main thread loads, bounded for memory.
 */
export const EARLY_BUDGET_CHARS = 4 << 20;

/** What the early worker sends (see `parse-worker.ts`). */
export type EarlyMessage =
  | { readonly type: 'chunk'; readonly parsed: ParsedChunk; readonly text: string; readonly start: number }
  /** A chunk for the main thread to parse: it was waiting for the worker when the chunk was cut. */
  | { readonly type: 'raw'; readonly chunk: YamlChunk; readonly text: string }
  | { readonly type: 'end' }
  | { readonly type: 'unstreamable' }
  | { readonly type: 'failed'; readonly name: string; readonly message: string };

/** What the main thread sends the early worker: characters handed over since the last message. */
export interface EarlyAck {
  readonly consumed: number;
}

/** The data an early worker is started with. */
export interface EarlyWorkerData {
  readonly early: true;
  readonly file: string;
  readonly budget: number;
}

/** `validate`'s options that take a value (their value is never an input path). */
const VALUE_OPTIONS = new Set(['--level', '--format', '-o', '--output', '--pss', '--severity', '--external', '--config', '--schema-dir', '--crd']);

let early: EarlyParse | undefined;

/**
 * Starts a worker parsing the first big regular file among `validate`'s arguments (`args`: what
 * follows the command name) when one parse worker is what `validate` would use. Does nothing
 * otherwise, and never throws.
 */
export function startEarlyParse(args: readonly string[], workerScript = path.join(__dirname, `parse-worker${path.extname(__filename)}`),
  budget = EARLY_BUDGET_CHARS): void {
  try {
    if (early !== undefined || parseWorkers() !== 1) return;
    const file = firstBigFile(args);
    if (file === undefined) return;
    early = new EarlyParse(path.resolve(file), workerScript, budget);
  } catch {
    early = undefined; // the run then parses as usual
  }
}

/** The early parse of `file`, if one was started for it (it is then no longer offered). */
export function takeEarlyParse(file: string): EarlyParse | undefined {
  if (early === undefined || early.file !== path.resolve(file)) return undefined;
  const taken = early;
  early = undefined;
  return taken;
}

/** The first argument that is not an option (or an option's value) and names a big regular file. */
function firstBigFile(args: readonly string[]): string | undefined {
  let positional = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!positional) {
      if (arg === '--') {
        positional = true;
        continue;
      }
      if (VALUE_OPTIONS.has(arg)) {
        i++;
        continue;
      }
      if (arg.startsWith('-')) continue;
    }
    try {
      const stat = fs.statSync(arg);
      if (stat.isFile() && stat.size >= EARLY_MIN_BYTES && stat.size <= MAX_INPUT_BYTES) return arg;
    } catch {
      // not a readable file: not ours
    }
  }
  return undefined;
}

/** One early worker and the messages it sent before the main thread took them. */
export class EarlyParse {
  private readonly worker: WorkerThread;
  private readonly queue: EarlyMessage[] = [];
  private receiver: ((message: EarlyMessage) => void) | undefined;
  /** Set when the worker stopped without saying it was done. */
  private failure: (() => void) | undefined;
  private stopped = false;

  constructor(public readonly file: string, workerScript: string, budget: number) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker } = require('worker_threads') as typeof import('worker_threads');
    const workerData: EarlyWorkerData = { early: true, file, budget };
    this.worker = new Worker(workerScript, { workerData });
    this.worker.on('message', (message: EarlyMessage) => {
      if (this.receiver !== undefined) this.receiver(message);
      else this.queue.push(message);
    });
    const failed = (): void => {
      if (this.stopped) return;
      this.stopped = true;
      this.failure?.();
    };
    this.worker.on('error', failed);
    this.worker.on('messageerror', failed);
    this.worker.on('exit', failed);
    // until `validate` takes it, the worker must not keep the process alive (`--list-rules`, a usage
    // error); after the listeners, which would hold it again
    this.worker.unref();
  }

  /**
   * Hands the worker's messages to `receive` in order (those already received first); `onFailure`
   * is called if the worker stops before its last message. The worker keeps the process alive from
   * now on, until {@link stop}.
   */
  public attach(receive: (message: EarlyMessage) => void, onFailure: () => void): void {
    this.worker.ref();
    this.failure = onFailure;
    this.receiver = receive;
    for (const message of this.queue.splice(0)) receive(message);
    if (this.stopped) onFailure();
  }

  /** Tells the worker that `chars` characters of chunks were handed over (it may read further). */
  public ack(chars: number): void {
    if (!this.stopped) this.worker.postMessage({ consumed: chars } satisfies EarlyAck);
  }

  /** Ends the worker. */
  public stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    void this.worker.terminate();
  }
}
