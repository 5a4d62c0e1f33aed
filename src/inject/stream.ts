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

/** Lines of a file, read in chunks. */
export async function* fileLines(path: string): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    const text = carry + (chunk as string);
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

export async function* splitDocuments(lines: AsyncIterable<string> | Iterable<string>): AsyncGenerator<RawDocument> {
  let buf: string[] = [];
  let docLine = 1;
  let lineNo = 0;
  let index = 0;
  for await (const line of lines as AsyncIterable<string>) {
    lineNo++;
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && !rest.startsWith('#')) throw new StreamSyntaxError(`invalid Yaml document separator: ${rest}`, lineNo);
      if (buf.length > 0) {
        yield { raw: buf.join(''), line: docLine, index: index++ };
        buf = [];
      }
      docLine = lineNo + 1;
      continue;
    }
    if (buf.length === 0) docLine = lineNo;
    buf.push(line);
  }
  if (buf.length > 0) yield { raw: buf.join(''), line: docLine, index: index++ };
}
