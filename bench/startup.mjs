// Start-up benchmark: `sailctl version --remote=false` and `sailctl profile list` against
// `node -e 0`, measured in the same run (target: at most 1.5x). Run after `npm run build`.
import { SAILCTL, report, timeInterleaved } from './lib.mjs';

const node = process.execPath;
const commands = [['version', '--remote=false'], ['profile', 'list']];
// Measured in turns with the baseline: on a shared machine the load moves within seconds.
const [baseline, ...times] = timeInterleaved([[node, '-e', '0'], ...commands.map((args) => [node, SAILCTL, ...args])]);
console.log(`node -e 0: ${baseline.toFixed(1)} ms (median)`);
let ok = true;
commands.forEach((args, i) => {
  const t = times[i];
  const ratio = t / baseline;
  ok = report(`sailctl ${args.join(' ')}`, `${t.toFixed(1)} ms = ${ratio.toFixed(2)}x node -e 0`, '<= 1.50x', ratio <= 1.5) && ok;
});
process.exitCode = ok ? 0 : 1;
