/**
 * A kube-inject worker thread: rebuilds the injector from the main thread's configuration and
 * injects the batches it is sent. A batch crosses the thread boundary as one string plus document
 * offsets and comes back as one output string and one report string, because structured clone of
 * many small objects costs more than the copy of a few large strings.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { injectBatch, injectorFromSpec, type BatchOutcome, type InjectorSpec } from './index.js';
import { decodeBatch, type BatchRequest } from './stream.js';

export type { BatchRequest } from './stream.js';

export interface BatchResponse extends BatchOutcome {
  seq: number;
}

const port = parentPort;
if (port) {
  const injector = await injectorFromSpec((workerData as { spec: InjectorSpec }).spec);
  port.on('message', (request: BatchRequest) => {
    const response: BatchResponse = { seq: request.seq, ...injectBatch(decodeBatch(request), injector.settings, request.file) };
    port.postMessage(response);
  });
  port.postMessage({ ready: true });
}
