/**
 * The body of a parse worker thread: parses the YAML chunks it is sent and posts each back as a
 * {@link ParsedChunk}. Started by `parseYamlStream()`; not meant to be imported.
 *
 * Started by `startEarlyParse()` (with {@link EarlyWorkerData}), it reads and cuts the file itself
 * and posts each parsed chunk with its text, staying at most `budget` characters ahead of what the
 * main thread acknowledged; a chunk cut while the main thread has acknowledged everything (it waits)
 * is posted unparsed, for the main thread to parse.
 */
import { parentPort, workerData } from 'worker_threads';
import { parseChunk } from './chunk-parse';
import type { WorkerValidation } from './chunk-validate';
import { YamlChunk } from './chunks';
import type { EarlyAck, EarlyMessage, EarlyWorkerData } from './early-parse';
import { earlyFileChunks } from './stream';

/** A request to parse one chunk. */
export interface ChunkRequest {
  readonly chunk: YamlChunk;
  readonly text: string;
  readonly file: string;
  /** Run the per-object rules too. */
  readonly validation?: WorkerValidation;
}

const early = (workerData as EarlyWorkerData | null)?.early === true ? (workerData as EarlyWorkerData) : undefined;

if (early === undefined) {
  parentPort?.on('message', (request: ChunkRequest) => {
    parentPort!.postMessage(parseChunk(request.text, request.chunk, request.file, request.validation));
  });
} else {
  void parseEarly(early);
}

/** Reads, cuts and parses the file, posting each chunk; waits for acknowledgements past the budget. */
async function parseEarly({ file, budget }: EarlyWorkerData): Promise<void> {
  const port = parentPort!;
  let ahead = 0;
  /** Chunks posted and not yet acknowledged (the main thread acknowledges each one). */
  let inFlight = 0;
  /** Whether the main thread took the results (it acknowledged a chunk): it can parse chunks too. */
  let attached = false;
  let wake: (() => void) | undefined;
  port.on('message', (ack: EarlyAck) => {
    attached = true;
    inFlight--;
    ahead -= ack.consumed;
    if (wake !== undefined && ahead < budget) {
      const resume = wake;
      wake = undefined;
      resume();
    }
  });
  const post = (message: EarlyMessage): void => port.postMessage(message);
  try {
    const chunks = earlyFileChunks(file);
    if (chunks === undefined) {
      post({ type: 'unstreamable' });
      return;
    }
    for (const chunk of chunks) {
      const { text, ...position } = chunk;
      // the main thread has at most one chunk in hand: it is (or soon will be) waiting, give it this
      // one to parse; parsing it here and copying its objects over costs about twice as much
      if (attached && inFlight <= 1) post({ type: 'raw', chunk: position, text });
      else post({ type: 'chunk', parsed: parseChunk(text, position, file), text, start: chunk.start });
      inFlight++;
      ahead += text.length;
      if (ahead >= budget) await new Promise<void>((resolve) => (wake = resolve));
      // let the main thread's acknowledgements in (they decide which chunk goes to it unparsed)
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
    post({ type: 'end' });
  } catch (e) {
    post({ type: 'failed', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) });
  }
}
