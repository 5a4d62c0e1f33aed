// `manifest generate` benchmark: the default profile with the built-in charts (target: under
// 300 ms wall, whole process) and, when ISTIO_SRC points at an Istio source tree, with Istio's
// charts through -d (figure only). Wall time is the target; CPU time (user+sys, from
// /usr/bin/time when present) is printed too because it is steadier on a shared machine.
// With dist/bundle (npm run build) it also times the bundled CLI, as bin/sailctl will load it.
// Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SAILCTL, median, report, timeCommand } from './lib.mjs';

const node = process.execPath;
const TIME = '/usr/bin/time';

function cpuMs(argv, runs = 7) {
  if (!existsSync(TIME)) return undefined;
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(TIME, ['-f', '%U %S', ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const m = /(\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
    xs.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  return median(xs);
}

const BUNDLE = join(ROOT, 'dist', 'bundle', 'main.js');
// The bundle as bin/sailctl will load it (scripts/bundle.mjs output), launched the same way.
const BUNDLE_LAUNCH = [node, '--stack-size=4000', '--input-type=module', '-e',
  `import module from 'node:module'; module.enableCompileCache?.(); const { main } = await import(${JSON.stringify(pathToFileURL(BUNDLE).href)}); process.exitCode = await main(process.argv.slice(1));`];

function measure(label, args, target, launcher = [node, SAILCTL]) {
  const argv = [...launcher, ...args];
  const wall = timeCommand(argv, { runs: 9, warmup: 2 });
  const cpu = cpuMs(argv);
  const figure = `${wall.toFixed(0)} ms wall (median)${cpu === undefined ? '' : `, ${cpu.toFixed(0)} ms CPU`}`;
  if (target === undefined) {
    console.log(`info  ${label}: ${figure}`);
    return true;
  }
  return report(label, figure, `< ${target} ms wall`, wall < target);
}

const baseline = timeCommand([node, '-e', '0']);
console.log(`info  node -e 0: ${baseline.toFixed(0)} ms wall (median)`);
let ok = measure('sailctl manifest generate (default profile, built-in charts)', ['manifest', 'generate'], 300);
if (existsSync(BUNDLE)) {
  const probe = spawnSync(BUNDLE_LAUNCH[0], [...BUNDLE_LAUNCH.slice(1), 'manifest', 'generate'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (probe.status === 0) measure('the same through the dist/bundle bundle', ['manifest', 'generate'], undefined, BUNDLE_LAUNCH);
  else console.log(`skip  dist/bundle: it fails: ${probe.stderr.split('\n')[0]}`);
} else {
  console.log('skip  dist/bundle: not built (npm run build)');
}
measure('sailctl manifest generate --set profile=demo', ['manifest', 'generate', '--set', 'profile=demo']);
measure('sailctl manifest generate --component pilot', ['manifest', 'generate', '--component', 'pilot']);

// The render alone, in one fresh process: the first render (cold: code compiled and run for the
// first time, tables and caches filled) against the fifth (warm). The difference is the one-off
// cost every CLI run pays; see docs/performance.md.
const GENERATE = pathToFileURL(join(ROOT, 'dist', 'manifest', 'generate.js')).href;
if (existsSync(new URL(GENERATE))) {
  const script = `import module from 'node:module'; module.enableCompileCache?.();
const { generateManifest, formatManifest } = await import(${JSON.stringify(GENERATE)});
const t = [];
for (let i = 0; i < 5; i++) { const a = performance.now(); await formatManifest((await generateManifest({})).objects); t.push(performance.now() - a); }
console.log(JSON.stringify(t));`;
  const colds = [];
  const warms = [];
  for (let i = 0; i < 7; i++) {
    const r = spawnSync(node, ['--stack-size=4000', '--input-type=module', '-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`in-process render failed: ${r.stderr}`);
    const t = JSON.parse(r.stdout);
    colds.push(t[0]);
    warms.push(t[4]);
  }
  console.log(`info  render + format in one process: first ${median(colds).toFixed(0)} ms (cold), fifth ${median(warms).toFixed(0)} ms (warm), medians of 7 processes`);
} else {
  console.log('skip  in-process render: dist/manifest not built (npm run build)');
}

const src = process.env.ISTIO_SRC;
if (src && existsSync(join(src, 'manifests', 'charts'))) {
  measure("sailctl manifest generate -d $ISTIO_SRC/manifests (Istio's charts)", ['manifest', 'generate', '-d', join(src, 'manifests')]);
} else {
  console.log('skip  Istio charts through -d: set ISTIO_SRC to an Istio source tree to measure them');
}
process.exitCode = ok ? 0 : 1;
