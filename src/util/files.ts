/** Reading user-named inputs ('-' is stdin) and writing outputs atomically. */
import { dirname, basename, join } from 'node:path';
import { SailError } from '../errors.js';

// node:fs/promises is fetched where it is used: loading it loads Node's fs streams, several
// milliseconds that the commands which only import this module for its types or one function
// should not pay at start.
const fsp = (): typeof import('node:fs/promises') => process.getBuiltinModule('node:fs/promises');

export type StdinReader = () => Promise<string>;

/** Reads a file the user named; '-' reads standard input. Errors name the file. */
export async function readUserFile(path: string, readStdin?: StdinReader): Promise<string> {
  if (path === '-') {
    if (!readStdin) throw new SailError('FILE_READ', 'reading standard input is not supported here');
    return readStdin();
  }
  try {
    return await fsp().readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SailError('FILE_NOT_FOUND', 'no such file or directory', { file: path });
    if (code === 'EISDIR') throw new SailError('FILE_READ', 'is a directory, expected a file', { file: path });
    if (code === 'EACCES') throw new SailError('FILE_READ', 'permission denied', { file: path });
    throw new SailError('FILE_READ', `cannot read: ${(e as Error).message}`, { file: path });
  }
}

/**
 * Writes `content` to `path` atomically: a temp file beside it, then rename, so a reader never
 * sees half a file. What rename would break is written in place instead: a device, FIFO or socket
 * (`-o /dev/null`, `-o /dev/stdout`: rename would put a regular file where the device was). A
 * symbolic link is followed (its target is replaced, the link stays), and a file that exists keeps
 * its permission bits.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const fs = fsp();
  let target = path;
  let mode: number | undefined;
  try {
    target = await fs.realpath(path);
    const st = await fs.stat(target);
    if (st.isDirectory()) throw new SailError('FILE_READ', 'is a directory, expected a file', { file: path });
    if (!st.isFile()) {
      await fs.writeFile(target, content, 'utf8');
      return;
    }
    mode = st.mode & 0o7777;
  } catch (e) {
    if (e instanceof SailError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    // A new file (or a dangling link, written as a new file at the link's place).
    if (code !== 'ENOENT') throw new SailError('FILE_READ', `cannot write: ${(e as Error).message}`, { file: path });
    target = path;
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, content, { encoding: 'utf8', ...(mode === undefined ? {} : { mode }) });
    if (mode !== undefined) await fs.chmod(tmp, mode);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.unlink(tmp).catch(() => undefined);
    throw new SailError('FILE_READ', `cannot write: ${(e as Error).message}`, { file: path });
  }
}

/** Reads all of a readable stream as UTF-8. */
export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
