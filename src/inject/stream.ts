/**
 * Splits a multi-document YAML stream exactly as k8s.io/apimachinery's YAMLReader does for
 * istioctl: a line starting with `---` ends a document (only a comment may follow it), empty
 * documents are skipped, and each document's raw text (every line with its newline) is kept so
 * that kinds kube-inject does not know are written back byte for byte.
 * Documents are produced one at a time from a line source, so memory does not grow with the input.
 */
import { createReadStream } from 'node:fs';

export interface RawDocument {
  /** The document's text, including the newline of its last line if the input had one. */
  readonly raw: string;
  /** 1-based line of the document's first line in the input. */
  readonly line: number;
  /** 0-based index among the documents produced. */
  readonly index: number;
}

export class StreamSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'StreamSyntaxError';
    this.line = line;
  }
}

/** Lines of a string, each with its terminating "\n" (the last one may lack it). */
export function* linesOf(text: string): Generator<string> {
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      if (start < text.length) yield text.slice(start);
      return;
    }
    yield text.slice(start, nl + 1);
    start = nl + 1;
  }
}

/** The text of a file in chunks (any split: the scanner below does not need whole lines). */
export async function* fileChunks(path: string): AsyncGenerator<string> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 18 })) yield chunk as string;
}

/** Lines of a file, read in chunks. */
export async function* fileLines(path: string): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of fileChunks(path)) {
    const text = carry + chunk;
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      carry = text;
      continue;
    }
    yield* linesOf(text.slice(0, last + 1));
    carry = text.slice(last + 1);
  }
  if (carry) yield carry;
}

const DASH = 45; // '-'

/**
 * The YAMLReader split over text arriving in arbitrary chunks (lines, file chunks or a whole
 * stream), with no per-line strings or promises: documents are slices of the text. Only the
 * current document's text is kept between chunks.
 */
export class DocumentScanner {
  /** The current document's text so far, then any incomplete last line. */
  private tail = '';
  /** How much of `tail` is complete, already scanned lines. */
  private scanned = 0;
  private lineNo = 0;
  private docLine = 1;
  private index = 0;
  /**
   * A bad separator stops the scan, but the documents before it are still handed out first:
   * as with istioctl, one of them failing is the error reported, not the separator.
   */
  error: StreamSyntaxError | undefined;

  /** Scans `chunk`, appending the documents it completes to `out`; see `error`. */
  push(chunk: string, out: RawDocument[]): void {
    if (this.error) return;
    try {
      this.scan(chunk, out);
    } catch (e) {
      if (!(e instanceof StreamSyntaxError)) throw e;
      this.error = e;
    }
  }

  /** Ends the stream (its last line may lack a newline); see `error`. */
  end(out: RawDocument[]): void {
    if (this.error) return;
    try {
      this.finish(out);
    } catch (e) {
      if (!(e instanceof StreamSyntaxError)) throw e;
      this.error = e;
    }
  }

  private scan(chunk: string, out: RawDocument[]): void {
    const text = this.scanned === this.tail.length && this.tail.length === 0 ? chunk : this.tail + chunk;
    let docFrom = 0;
    let pos = this.scanned;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      docFrom = this.line(text, pos, nl + 1, docFrom, out);
      pos = nl + 1;
    }
    this.tail = docFrom === 0 ? text : text.slice(docFrom);
    this.scanned = pos - docFrom;
  }

  private finish(out: RawDocument[]): void {
    let docFrom = 0;
    if (this.scanned < this.tail.length) docFrom = this.line(this.tail, this.scanned, this.tail.length, 0, out);
    if (docFrom < this.tail.length) out.push({ raw: this.tail.slice(docFrom), line: this.docLine, index: this.index++ });
    this.tail = '';
    this.scanned = 0;
  }

  /** One line, text[pos, end); returns where the current document now starts. */
  private line(text: string, pos: number, end: number, docFrom: number, out: RawDocument[]): number {
    this.lineNo++;
    if (text.charCodeAt(pos) === DASH && text.startsWith('---', pos)) {
      const rest = text.slice(pos + 3, end).trim();
      if (rest.length > 0 && !rest.startsWith('#')) throw new StreamSyntaxError(`invalid Yaml document separator: ${rest}`, this.lineNo);
      if (pos > docFrom) out.push({ raw: text.slice(docFrom, pos), line: this.docLine, index: this.index++ });
      return end;
    }
    if (pos === docFrom) this.docLine = this.lineNo;
    return docFrom;
  }
}

/** Documents of a stream given as chunks of text (lines or any other split). */
export async function* splitDocuments(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<RawDocument> {
  const scanner = new DocumentScanner();
  const out: RawDocument[] = [];
  for await (const chunk of chunks as AsyncIterable<string>) {
    scanner.push(chunk, out);
    if (out.length > 0) {
      yield* out;
      out.length = 0;
    }
    if (scanner.error) throw scanner.error;
  }
  scanner.end(out);
  yield* out;
  if (scanner.error) throw scanner.error;
}

/** Consecutive documents as they cross to a worker thread: one string and their offsets. */
export interface BatchRequest {
  seq: number;
  file: string;
  /** The documents' raw texts, concatenated. */
  text: string;
  /** Per document: the end offset of its text in `text`, then its 1-based first line. */
  bounds: number[];
  /** The 0-based stream index of the first document (the others follow consecutively). */
  firstIndex: number;
}

export function encodeBatch(seq: number, file: string, docs: readonly RawDocument[]): BatchRequest {
  const bounds: number[] = [];
  let text = '';
  for (const d of docs) {
    text += d.raw;
    bounds.push(text.length, d.line);
  }
  return { seq, file, text, bounds, firstIndex: docs[0]?.index ?? 0 };
}

export function decodeBatch(request: BatchRequest): RawDocument[] {
  const docs: RawDocument[] = [];
  let start = 0;
  for (let i = 0; i < request.bounds.length; i += 2) {
    const end = request.bounds[i] as number;
    docs.push({ raw: request.text.slice(start, end), line: request.bounds[i + 1] as number, index: request.firstIndex + i / 2 });
    start = end;
  }
  return docs;
}
