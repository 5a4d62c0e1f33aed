/**
 * kube-inject over worker threads for long streams. Documents are cut from the input text without
 * per-line work and grouped in batches; a batch goes to a worker that has room in its queue, and
 * otherwise the main thread injects it itself, so no thread waits while another has work and a
 * short stream never pays for starting workers. A batch crosses threads as one string each way.
 * Outputs are written in document order, the number of batches held is bounded (memory stays
 * bounded), and the first failing document, in stream order, is the error reported.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { SailError } from '../errors.js';
import { batchErrorToException, injectBatch, type BatchOutcome, type InjectStreamOptions, type InjectorSpec, type PreparedInjector } from './index.js';
import { DocumentScanner, encodeBatch, type RawDocument } from './stream.js';
import type { BatchResponse } from './worker.js';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Streams shorter than this are injected by the main thread alone. */
const INLINE_DOCUMENTS = 300;
/** An input known to be at least this long starts the workers before its first document. */
const EARLY_START_BYTES = 256 * 1024;
const BATCH_DOCUMENTS = 64;
/** Batches queued per worker: one being injected, one waiting so the worker never idles. */
const QUEUE_PER_WORKER = 2;

/**
 * The worker's entry: the compiled module beside this one, or, when this code runs from the
 * bundle (dist/bundle), the compiled dist/inject/worker.js that the same build emitted.
 */
function workerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  const dir = dirname(here);
  return basename(dir) === 'bundle' ? pathToFileURL(join(dir, '..', 'inject', 'worker.js')) : new URL('./worker.js', import.meta.url);
}

/** Worker threads need the built JavaScript (dist/, or the engine script dist/bundle/engine.cjs); from sources, everything runs in-process. */
export function workersAvailable(): boolean {
  return /\.c?js$/.test(import.meta.url);
}

export function defaultWorkerCount(env: Readonly<Record<string, string | undefined>>): number {
  const forced = env['SAILCTL_INJECT_WORKERS'];
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  // the main thread injects too, so one CPU is already busy without any worker
  const cpus = availableParallelism();
  return Math.min(cpus - 1, 4);
}

interface PoolWorker {
  worker: Worker;
  queued: number;
}

/** A batch's place in the output order: its outcome once known, or the worker's answer to come. */
interface Slot {
  outcome?: BatchOutcome;
  answer?: Promise<BatchOutcome>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function injectStreamParallel(
  chunks: AsyncIterable<string> | Iterable<string>,
  injector: PreparedInjector,
  spec: InjectorSpec,
  opts: InjectStreamOptions,
  workerCount: number,
  /** The input's length in characters or bytes, when known before reading it. */
  sizeHint = 0,
): Promise<{ workloads: number }> {
  let workloads = 0;
  const pool: PoolWorker[] = [];
  const waiting = new Map<number, { resolve: (r: BatchOutcome) => void; reject: (e: Error) => void; worker: Worker }>();
  const slots = new Map<number, Slot>();
  let nextSeq = 0;
  let flushSeq = 0;
  let failed = false;
  const maxHeld = workerCount * QUEUE_PER_WORKER + 4;

  const startPool = (): void => {
    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(workerScript(), { workerData: { spec } });
      const member: PoolWorker = { worker, queued: 0 };
      // a worker that dies fails its batches instead of leaving them waiting forever
      const fail = (e: Error): void => {
        for (const [seq, w] of waiting) {
          if (w.worker !== worker) continue;
          waiting.delete(seq);
          w.reject(e);
        }
        member.queued = Number.POSITIVE_INFINITY; // never chosen again
      };
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`kube-inject worker exited with code ${code}`)));
      worker.on('message', (m: BatchResponse | { ready: true }) => {
        if ('ready' in m) return;
        member.queued--;
        const slot = slots.get(m.seq);
        if (slot) slot.outcome = m;
        waiting.get(m.seq)?.resolve(m);
        waiting.delete(m.seq);
      });
      pool.push(member);
    }
  };

  const emit = (o: BatchOutcome): void => {
    if (o.output !== '') opts.write(o.output);
    if (o.report !== '') for (const line of o.report.split('\n')) opts.report(line);
    workloads += o.workloads;
    if (o.error) throw batchErrorToException(o.error);
  };
  const flushReady = (): void => {
    for (let slot = slots.get(flushSeq); slot?.outcome; slot = slots.get(flushSeq)) {
      slots.delete(flushSeq++);
      emit(slot.outcome);
    }
  };
  const flushOne = async (): Promise<void> => {
    const slot = slots.get(flushSeq) as Slot;
    const outcome = slot.outcome ?? (await (slot.answer as Promise<BatchOutcome>));
    slots.delete(flushSeq++);
    emit(outcome);
  };

  const run = async (docs: RawDocument[]): Promise<void> => {
    const seq = nextSeq++;
    let target: PoolWorker | undefined;
    for (const w of pool) if (w.queued < QUEUE_PER_WORKER && (!target || w.queued < target.queued)) target = w;
    if (target) {
      const worker = target.worker;
      const answer = new Promise<BatchOutcome>((resolve, reject) => waiting.set(seq, { resolve, reject, worker }));
      // answers still pending when an earlier batch fails are dropped at shutdown, unawaited
      answer.catch(() => undefined);
      slots.set(seq, { answer });
      target.queued++;
      worker.postMessage(encodeBatch(seq, opts.file, docs));
    } else {
      const outcome = injectBatch(docs, injector.settings, opts.file);
      slots.set(seq, { outcome });
      if (outcome.error) failed = true;
      // workers' answers arrive as events: let them in between batches injected here
      if (pool.length > 0) await nextTurn();
    }
    flushReady();
    while (nextSeq - flushSeq >= maxHeld) await flushOne();
  };

  try {
    if (workerCount > 0 && sizeHint >= EARLY_START_BYTES) startPool();
    const scanner = new DocumentScanner();
    const docs: RawDocument[] = [];
    let batch: RawDocument[] = [];
    let seen = 0;
    const take = async (): Promise<void> => {
      for (const doc of docs) {
        if (failed) break;
        batch.push(doc);
        if (++seen > INLINE_DOCUMENTS && workerCount > 0 && pool.length === 0) startPool();
        if (batch.length >= BATCH_DOCUMENTS) {
          const full = batch;
          batch = [];
          await run(full);
        }
      }
      docs.length = 0;
    };
    for await (const chunk of chunks as AsyncIterable<string>) {
      scanner.push(chunk, docs);
      await take();
      if (failed || scanner.error) break;
    }
    if (!failed && !scanner.error) {
      scanner.end(docs);
      await take();
    }
    if (!failed && batch.length > 0) await run(batch);
    while (flushSeq < nextSeq) await flushOne();
    // every document before the bad separator succeeded: the separator is the error
    if (scanner.error) throw new SailError('YAML', scanner.error.message, { file: opts.file, line: scanner.error.line });
  } finally {
    await Promise.all(pool.map((p) => p.worker.terminate()));
  }
  return { workloads };
}
