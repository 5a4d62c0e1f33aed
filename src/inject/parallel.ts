/**
 * kube-inject over worker threads for long streams: the first documents are injected in-process
 * (a short stream never pays for starting workers), the rest go in batches to a pool of workers
 * that rebuild the injector from the same configuration. Outputs are written in document order,
 * the number of batches in flight is bounded (memory stays bounded), and the first failing
 * document, in stream order, is the error reported.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { SailError, type ErrorCode } from '../errors.js';
import { injectDocument, type InjectStreamOptions, type InjectorSpec, type PreparedInjector } from './index.js';
import { splitDocuments, StreamSyntaxError, type RawDocument } from './stream.js';
import type { BatchRequest, BatchResponse } from './worker.js';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const INLINE_DOCUMENTS = 300;
const BATCH_SIZE = 40;

/**
 * The worker's entry: the compiled module beside this one, or, when this code runs from the
 * bundle (dist/bundle), the compiled dist/inject/worker.js that the same build emitted.
 */
function workerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  const dir = dirname(here);
  return basename(dir) === 'bundle' ? pathToFileURL(join(dir, '..', 'inject', 'worker.js')) : new URL('./worker.js', import.meta.url);
}

/** Worker threads need the built JavaScript (dist/); from sources, everything runs in-process. */
export function workersAvailable(): boolean {
  return import.meta.url.endsWith('.js');
}

export function defaultWorkerCount(env: Readonly<Record<string, string | undefined>>): number {
  const forced = env['SAILCTL_INJECT_WORKERS'];
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  // the main thread only splits and collects, so every CPU gets a worker; one CPU gets none
  const cpus = availableParallelism();
  return cpus < 2 ? 0 : Math.min(cpus, 4);
}

interface PoolWorker {
  worker: Worker;
  ready: Promise<void>;
}

export async function injectStreamParallel(
  lines: AsyncIterable<string> | Iterable<string>,
  injector: PreparedInjector,
  spec: InjectorSpec,
  opts: InjectStreamOptions,
  workerCount: number,
): Promise<{ workloads: number }> {
  let workloads = 0;
  const emit = (output: string, report: string[], workload: boolean): void => {
    opts.write(output);
    for (const l of report) opts.report(l);
    if (workload) workloads++;
  };
  const pool: PoolWorker[] = [];
  const pending = new Map<number, { resolve: (r: BatchResponse) => void; reject: (e: Error) => void; worker: Worker }>();
  const results = new Map<number, Promise<BatchResponse>>();
  let nextSeq = 0;
  let flushSeq = 0;
  let batch: RawDocument[] = [];
  const maxInFlight = Math.max(1, workerCount) * 3;

  const startPool = (): void => {
    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(workerScript(), { workerData: { spec } });
      // a worker that dies fails its batches instead of leaving them waiting forever
      const fail = (e: Error): void => {
        for (const [seq, p] of pending) {
          if (p.worker !== worker) continue;
          pending.delete(seq);
          p.reject(e);
        }
      };
      const ready = new Promise<void>((resolve, reject) => {
        worker.once('error', (e: Error) => {
          reject(e);
          fail(e);
        });
        worker.once('exit', (code) => fail(new Error(`kube-inject worker exited with code ${code}`)));
        worker.on('message', (m: BatchResponse | { ready: true }) => {
          if ('ready' in m) return resolve();
          pending.get(m.seq)?.resolve(m);
          pending.delete(m.seq);
        });
      });
      ready.catch(() => undefined); // awaited through dispatch; see the note there
      pool.push({ worker, ready });
    }
  };

  const dispatch = async (): Promise<void> => {
    if (batch.length === 0) return;
    const seq = nextSeq++;
    const w = pool[seq % pool.length] as PoolWorker;
    const request: BatchRequest = { seq, file: opts.file, docs: batch };
    batch = [];
    const result = w.ready.then(
      () =>
        new Promise<BatchResponse>((resolve, reject) => {
          pending.set(seq, { resolve, reject, worker: w.worker });
          w.worker.postMessage(request);
        }),
    );
    // Batches still in flight when an earlier one fails are rejected as the pool shuts down;
    // nobody awaits them then, and that must not crash the process as an unhandled rejection.
    result.catch(() => undefined);
    results.set(seq, result);
    while (nextSeq - flushSeq >= maxInFlight) await flushOne();
  };

  const flushOne = async (): Promise<void> => {
    const r = await (results.get(flushSeq) as Promise<BatchResponse>);
    results.delete(flushSeq);
    flushSeq++;
    for (const d of r.results) emit(d.output, d.report, d.workload);
    if (r.error) {
      if (r.error.internal) throw new Error(r.error.message);
      throw new SailError(r.error.code as ErrorCode, r.error.message, { file: r.error.file, line: r.error.line, hint: r.error.hint });
    }
  };

  try {
    let count = 0;
    for await (const doc of splitDocuments(lines)) {
      if (count++ < INLINE_DOCUMENTS || workerCount === 0) {
        const r = injectDocument(doc, injector.settings, opts.file);
        emit(r.output, r.report, r.workload);
        continue;
      }
      if (pool.length === 0) startPool();
      batch.push(doc);
      if (batch.length >= BATCH_SIZE) await dispatch();
    }
    await dispatch();
    while (flushSeq < nextSeq) await flushOne();
  } catch (e) {
    if (e instanceof StreamSyntaxError) throw new SailError('YAML', e.message, { file: opts.file, line: e.line });
    throw e;
  } finally {
    await Promise.all(pool.map((p) => p.worker.terminate()));
  }
  return { workloads };
}
