/**
 * The body of a parse worker thread: parses the YAML chunks it is sent and posts each back as a
 * {@link ParsedChunk}. Started by `parseYamlStream()`; not meant to be imported.
 */
import { parentPort } from 'worker_threads';
import { parseChunk } from './chunk-parse';
import type { WorkerValidation } from './chunk-validate';
import { YamlChunk } from './chunks';

/** A request to parse one chunk. */
export interface ChunkRequest {
  readonly chunk: YamlChunk;
  readonly text: string;
  readonly file: string;
  /** Run the per-object rules too. */
  readonly validation?: WorkerValidation;
}

parentPort?.on('message', (request: ChunkRequest) => {
  parentPort!.postMessage(parseChunk(request.text, request.chunk, request.file, request.validation));
});
