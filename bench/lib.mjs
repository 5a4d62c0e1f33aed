// Shared helpers for the benchmarks: timing of whole commands and of in-process functions.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAILCTL = resolve(ROOT, 'bin', 'sailctl');

/** Median wall time (ms) of running argv `runs` times, after `warmup` unmeasured runs. */
export function timeCommand(argv, { runs = 15, warmup = 3, input } = {}) {
  const once = () => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1), { input, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    return ms;
  };
  for (let i = 0; i < warmup; i++) once();
  const times = [];
  for (let i = 0; i < runs; i++) times.push(once());
  return median(times);
}

/**
 * Median wall times (ms) of several commands measured in turns (a, b, c, a, b, c, ...), so that a
 * change of the machine's load during the run falls on all of them alike.
 */
export function timeInterleaved(argvs, { runs = 25, warmup = 3 } = {}) {
  const times = argvs.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    argvs.forEach((argv, k) => {
      const ms = timeCommand(argv, { runs: 1, warmup: 0 });
      if (i >= warmup) times[k].push(ms);
    });
  }
  return times.map(median);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Prints one result line: name, figure, target and verdict. */
export function report(name, figure, target, ok) {
  console.log(`${ok ? 'PASS' : 'MISS'}  ${name}: ${figure}  (target: ${target})`);
  return ok;
}
