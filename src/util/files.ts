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

/** Writes `content` to `path` atomically: a temp file beside it, then rename. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fsp().writeFile(tmp, content, 'utf8');
    await fsp().rename(tmp, path);
  } catch (e) {
    await fsp().unlink(tmp).catch(() => undefined);
    throw new SailError('FILE_READ', `cannot write: ${(e as Error).message}`, { file: path });
  }
}

/** Reads all of a readable stream as UTF-8. */
export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
