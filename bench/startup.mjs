// Start-up benchmark: `sailctl version --remote=false` and `sailctl profile list` against
// `node -e 0`, measured in the same run (target: at most 1.5x). Run after `npm run build`.
import { SAILCTL, report, timeCommand } from './lib.mjs';

const node = process.execPath;
const baseline = timeCommand([node, '-e', '0']);
console.log(`node -e 0: ${baseline.toFixed(1)} ms (median)`);
let ok = true;
for (const args of [['version', '--remote=false'], ['profile', 'list']]) {
  const t = timeCommand([node, SAILCTL, ...args]);
  const ratio = t / baseline;
  ok = report(`sailctl ${args.join(' ')}`, `${t.toFixed(1)} ms = ${ratio.toFixed(2)}x node -e 0`, '<= 1.50x', ratio <= 1.5) && ok;
}
process.exitCode = ok ? 0 : 1;
