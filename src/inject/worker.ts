/**
 * A kube-inject worker thread: rebuilds the injector from the main thread's configuration and
 * injects the batches of documents it is sent, answering with their outputs (or the first error).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SailError } from '../errors.js';
import { injectDocument, injectorFromSpec, type DocumentResult, type InjectorSpec } from './index.js';
import type { RawDocument } from './stream.js';

export interface BatchRequest {
  seq: number;
  file: string;
  docs: RawDocument[];
}

export interface BatchResponse {
  seq: number;
  results: DocumentResult[];
  error?: { code: string; message: string; file?: string | undefined; line?: number | undefined; hint?: string | undefined; internal?: boolean };
}

const port = parentPort;
if (port) {
  const injector = await injectorFromSpec((workerData as { spec: InjectorSpec }).spec);
  port.on('message', (batch: BatchRequest) => {
    const results: DocumentResult[] = [];
    let error: BatchResponse['error'];
    for (const doc of batch.docs) {
      try {
        results.push(injectDocument(doc, injector.settings, batch.file));
      } catch (e) {
        error =
          e instanceof SailError
            ? { code: e.code, message: e.message, file: e.file, line: e.line, hint: e.hint }
            : { code: 'INVALID', message: e instanceof Error ? (e.stack ?? e.message) : String(e), internal: true };
        break;
      }
    }
    const response: BatchResponse = { seq: batch.seq, results, ...(error ? { error } : {}) };
    port.postMessage(response);
  });
  port.postMessage({ ready: true });
}
