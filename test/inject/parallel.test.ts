/**
 * The pieces of the batched (worker-thread) path that run in-process: the chunk scanner that
 * replaces per-line splitting, the batch encoding that crosses threads, batch injection, and the
 * parallel driver with no workers (the main thread injecting every batch), which must give the
 * serial path's output and its first-error-in-stream-order behaviour.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SailError } from '../../src/errors.js';
import { injectBatch, injectStream, prepareInjector, type PreparedInjector } from '../../src/inject/index.js';
import { injectStreamParallel } from '../../src/inject/parallel.js';
import { DocumentScanner, decodeBatch, encodeBatch, linesOf, splitDocuments, StreamSyntaxError, type RawDocument } from '../../src/inject/stream.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function scan(chunks: string[]): { docs: RawDocument[]; error: StreamSyntaxError | undefined } {
  const scanner = new DocumentScanner();
  const docs: RawDocument[] = [];
  for (const c of chunks) scanner.push(c, docs);
  scanner.end(docs);
  return { docs, error: scanner.error };
}

function chunked(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('DocumentScanner (YAMLReader over chunks of any size)', () => {
  const text = '---\na: 1\n--- # c\n---\n\nb: 2\nc: 3\n---\n---x: ignored? no\n';
  it('cuts the same documents, raw bytes and lines whatever the chunking', () => {
    const good = '---\na: 1\n--- # c\n---\n\nb: 2\nc: 3\n---\nd: 4';
    const whole = scan([good]);
    expect(whole.error).toBeUndefined();
    expect(whole.docs).toEqual([
      { raw: 'a: 1\n', line: 2, index: 0 },
      { raw: '\nb: 2\nc: 3\n', line: 5, index: 1 },
      { raw: 'd: 4', line: 9, index: 2 },
    ]);
    for (let size = 1; size <= good.length; size++) expect(scan(chunked(good, size)).docs).toEqual(whole.docs);
    expect(scan([...linesOf(good)]).docs).toEqual(whole.docs);
  });
  it('hands out the documents before a bad separator, then reports it with its line', () => {
    for (const size of [1, 3, 7, text.length]) {
      const r = scan(chunked(text, size));
      expect(r.docs.map((d) => d.raw)).toEqual(['a: 1\n', '\nb: 2\nc: 3\n']);
      expect(r.error?.line).toBe(9);
      expect(r.error?.message).toBe('invalid Yaml document separator: x: ignored? no');
    }
  });
  it('splitDocuments throws the separator error only after the documents before it', async () => {
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const d of splitDocuments([text])) seen.push(d.raw);
      })(),
    ).rejects.toBeInstanceOf(StreamSyntaxError);
    expect(seen).toHaveLength(2);
  });
});

describe('batches crossing threads', () => {
  it('decodes to the documents encoded, indices and lines kept', () => {
    const docs: RawDocument[] = [
      { raw: 'a: 1\n', line: 4, index: 7 },
      { raw: '', line: 9, index: 8 },
      { raw: 'b: é\nc: 2', line: 10, index: 9 },
    ];
    const request = encodeBatch(3, 'in.yaml', docs);
    expect(request.text).toBe('a: 1\nb: é\nc: 2');
    expect(decodeBatch(request)).toEqual(docs);
  });
});

const deployment = (i: number, port = '8080'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\nspec:\n  selector:\n    matchLabels: {app: d${i}}\n  template:\n    metadata:\n      labels: {app: d${i}}\n    spec:\n      containers:\n      - name: c\n        image: x\n        ports:\n        - containerPort: ${port}\n---\n`;
const service = (i: number): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\n---\n`;

let prepared: PreparedInjector | undefined;
async function injector(): Promise<PreparedInjector> {
  prepared ??= await prepareInjector({
    env: {},
    revision: '',
    nativeSidecars: false,
    sources: {
      injectConfigFile: join(FIXTURES, 'inject-config.yaml'),
      valuesFile: join(FIXTURES, 'values.yaml'),
      meshConfigFile: join(FIXTURES, 'mesh.yaml'),
      meshConfigMapName: 'istio',
      injectConfigMapName: 'istio-sidecar-injector',
      revision: '',
      istioNamespace: 'istio-system',
      readFile: (p: string) => readFile(p, 'utf8'),
    },
  });
  return prepared;
}

async function serial(text: string): Promise<{ out: string; report: string[] }> {
  const out: string[] = [];
  const report: string[] = [];
  await injectStream(linesOf(text), await injector(), { file: 'in.yaml', write: (c) => out.push(c), report: (l) => report.push(l) });
  return { out: out.join(''), report };
}

async function batched(text: string, chunkSize: number): Promise<{ out: string; report: string[]; workloads: number }> {
  const out: string[] = [];
  const report: string[] = [];
  const inj = await injector();
  // no workers: from sources the driver injects every batch on this thread
  const r = await injectStreamParallel(chunked(text, chunkSize), inj, { templates: [], values: '', meshConfig: {}, env: {}, revision: '', nativeSidecars: false }, { file: 'in.yaml', write: (c) => out.push(c), report: (l) => report.push(l) }, 0, text.length);
  return { out: out.join(''), report, workloads: r.workloads };
}

async function failure(run: Promise<unknown>): Promise<SailError> {
  try {
    await run;
  } catch (e) {
    if (e instanceof SailError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('batch injection', () => {
  it('concatenates outputs and reports, and stops at the first failing document', async () => {
    const inj = await injector();
    const docs = scan([deployment(0) + service(1) + deployment(2, '"http"') + deployment(3)]).docs;
    const ok = injectBatch(docs.slice(0, 2), inj.settings, 'in.yaml');
    expect(ok.workloads).toBe(1);
    expect(ok.report).toBe('deployment "d0" injected');
    expect(ok.output).toBe((await serial(deployment(0) + service(1))).out);
    const bad = injectBatch(docs, inj.settings, 'in.yaml');
    expect(bad.output).toBe(ok.output);
    expect(bad.error).toMatchObject({ code: 'INVALID', file: 'in.yaml', line: 17 + 5 + 16 });
    expect(bad.error?.message).toMatch(/^document 3: cannot unmarshal string/);
  });
});

describe('injectStreamParallel (batches injected by the main thread)', () => {
  it('gives the serial output and report, in order, for any chunking', async () => {
    let text = '';
    for (let i = 0; i < 150; i++) text += deployment(i) + (i % 7 === 0 ? service(i) : '');
    const want = await serial(text);
    for (const size of [text.length, 4096, 333]) {
      const got = await batched(text, size);
      expect(got.out).toBe(want.out);
      expect(got.report).toEqual(want.report);
      expect(got.workloads).toBe(150);
    }
  });
  it('reports the first failing document, not a later bad separator', async () => {
    let text = '';
    for (let i = 0; i < 100; i++) text += deployment(i, i === 80 ? '"http"' : '8080');
    text += '--- junk\n';
    const e = await failure(batched(text, 1000));
    expect(e.message).toMatch(/^document 81: /);
    expect(e.line).toBe(80 * 17 + 16);
    const s = await failure(serial(text));
    expect([s.message, s.line]).toEqual([e.message, e.line]);
  });
  it('reports a bad separator with its line when every document before it is fine', async () => {
    const text = deployment(0) + deployment(1) + '--- junk\n' + deployment(2);
    const e = await failure(batched(text, 50));
    expect([e.code, e.message, e.line]).toEqual(['YAML', 'invalid Yaml document separator: junk', 35]);
  });
});
