import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { directOutput } from '../../src/cli/io.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'sailctl-io-'));
  dirs.push(d);
  return d;
};

describe('directOutput (stdout without a stream)', () => {
  it('writes every byte, in order, to the descriptor', () => {
    const file = join(scratch(), 'out');
    const fd = openSync(file, 'w');
    const out = directOutput(fd, () => {
      throw new Error('no fallback expected for a file');
    });
    out.write('héllo ');
    out.write('x'.repeat(200_000));
    out.write('\n');
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe('héllo ' + 'x'.repeat(200_000) + '\n');
  });

  it('hands the rest to the fallback stream when a non-blocking descriptor is full', () => {
    const fifo = join(scratch(), 'fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    const queued: Buffer[] = [];
    let fallbacks = 0;
    const out = directOutput(writer, () => {
      fallbacks++;
      return { write: (b: Buffer | string) => queued.push(Buffer.from(b)) > 0 } as unknown as NodeJS.WritableStream;
    });
    const text = 'y'.repeat(1 << 20); // more than any pipe buffer
    out.write(text);
    out.write('tail');
    const got: Buffer[] = [];
    const buf = Buffer.alloc(1 << 16);
    for (;;) {
      let n = 0;
      try {
        n = readSync(reader, buf);
      } catch {
        break;
      }
      if (n <= 0) break;
      got.push(Buffer.from(buf.subarray(0, n)));
    }
    closeSync(reader);
    closeSync(writer);
    expect(fallbacks).toBe(1);
    expect(Buffer.concat([...got, ...queued]).toString()).toBe(text + 'tail');
  });
});
