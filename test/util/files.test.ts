import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, createReadStream, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/util/files.js';
import { SailError } from '../../src/errors.js';

const hasMkfifo = spawnSync('mkfifo', ['--version'], { stdio: 'ignore' }).status === 0;

describe('writeFileAtomic (-o of manifest generate and kube-inject)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sailctl-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a new file and leaves no temporary file', async () => {
    await writeFileAtomic(join(dir, 'out.yaml'), 'a: 1\n');
    expect(readFileSync(join(dir, 'out.yaml'), 'utf8')).toBe('a: 1\n');
    expect(readdirSync(dir)).toEqual(['out.yaml']);
  });

  it('replaces an existing file and keeps its permission bits', async () => {
    const f = join(dir, 'secret.yaml');
    writeFileSync(f, 'old');
    chmodSync(f, 0o600);
    await writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(statSync(f).mode & 0o777).toBe(0o600);
  });

  it('follows a symbolic link: the target is replaced, the link stays', async () => {
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'manifest.yaml');
    writeFileSync(target, 'old');
    const link = join(dir, 'link.yaml');
    symlinkSync(target, link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'real'))).toEqual(['manifest.yaml']);
  });

  it.skipIf(!hasMkfifo)('writes into a FIFO (as into /dev/null or /dev/stdout) instead of putting a file in its place', async () => {
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const received = new Promise<string>((resolve, reject) => {
      let text = '';
      createReadStream(fifo, 'utf8')
        .on('data', (d) => (text += d))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    await writeFileAtomic(fifo, 'through the pipe\n');
    expect(await received).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });

  it('a directory is an error naming the path', async () => {
    const e = await writeFileAtomic(dir, 'x').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SailError);
    expect((e as SailError).message).toBe('is a directory, expected a file');
    expect((e as SailError).file).toBe(dir);
  });

  it('a missing directory is an error naming the path, and nothing is left behind', async () => {
    const e = await writeFileAtomic(join(dir, 'no', 'such', 'out.yaml'), 'x').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SailError);
    expect((e as SailError).message).toMatch(/^cannot write: /);
    expect(readdirSync(dir)).toEqual([]);
  });
});
