/** Runs bin/sailctl as a user would (end-to-end tests). Requires a build (`npx tsc -p .`). */
import { execa, type Options } from 'execa';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SAILCTL = resolve(REPO_ROOT, 'bin', 'sailctl');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function sailctl(args: string[], opts: Options = {}): Promise<CliResult> {
  const r = await execa(SAILCTL, args, {
    reject: false,
    stripFinalNewline: false,
    env: { NO_COLOR: '1', ...(opts.env ?? {}) },
    ...opts,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}
