// `manifest generate` benchmark: the default profile with the built-in charts (target: under
// 300 ms wall, whole process) and, when ISTIO_SRC points at an Istio source tree, with Istio's
// own charts through -d (figure only). Run after `npm run build`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SAILCTL, report, timeCommand } from './lib.mjs';

const node = process.execPath;
const builtin = timeCommand([node, SAILCTL, 'manifest', 'generate'], { runs: 9, warmup: 2 });
let ok = report('sailctl manifest generate (default profile, built-in charts)', `${builtin.toFixed(0)} ms wall (median)`, '< 300 ms', builtin < 300);

const demo = timeCommand([node, SAILCTL, 'manifest', 'generate', '--set', 'profile=demo'], { runs: 9, warmup: 2 });
console.log(`info  sailctl manifest generate --set profile=demo: ${demo.toFixed(0)} ms wall (median)`);

const src = process.env.ISTIO_SRC;
if (src && existsSync(join(src, 'manifests', 'charts'))) {
  const istio = timeCommand([node, SAILCTL, 'manifest', 'generate', '-d', join(src, 'manifests')], { runs: 9, warmup: 2 });
  console.log(`info  sailctl manifest generate -d $ISTIO_SRC/manifests (Istio's charts): ${istio.toFixed(0)} ms wall (median)`);
} else {
  console.log('skip  Istio charts through -d: set ISTIO_SRC to an Istio source tree to measure them');
}
process.exitCode = ok ? 0 : 1;
