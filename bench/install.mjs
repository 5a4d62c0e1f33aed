// Benchmark: `sailctl install -y` of the default profile against the local API server, compared in
// the same run with `kubectl apply --server-side -f` of the same manifest (from `sailctl manifest
// generate`). Each run gets a fresh server (controllers on, so readiness arrives at once) with the
// istio-system namespace already there for both tools. Target: sailctl no slower than kubectl.
// Needs a build (npx tsc -p .) and kubectl on PATH (skips with a message otherwise).
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ROOT, SAILCTL, median, report } from './lib.mjs';

const run = promisify(execFile);
const RUNS = Number(process.env.SAILCTL_BENCH_RUNS ?? 7);

if (spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status !== 0) {
  console.log('SKIP  install: kubectl not found on PATH');
  process.exit(0);
}

// The test API server is TypeScript; bundle it once so this plain .mjs can start it in-process.
const tmp = mkdtempSync(join(tmpdir(), 'sailctl-bench-install-'));
const esbuild = await import('esbuild');
await esbuild.build({
  entryPoints: [join(ROOT, 'test', 'support', 'kube-server', 'server.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  // npm packages stay imports, resolved from the repository's node_modules (hence the cache path).
  packages: 'external',
  outfile: join(ROOT, 'node_modules', '.cache', 'sailctl-bench', 'kube-server.mjs'),
  logLevel: 'error',
});
const { startKubeServer } = await import(pathToFileURL(join(ROOT, 'node_modules', '.cache', 'sailctl-bench', 'kube-server.mjs')).href);

function kubeconfig(url, file) {
  writeFileSync(
    file,
    // Block style, as `kubectl config` writes kubeconfigs.
    `apiVersion: v1\nkind: Config\ncurrent-context: bench\nclusters:\n- name: bench\n  cluster:\n    server: "${url}"\nusers:\n- name: bench\n  user: {}\ncontexts:\n- name: bench\n  context:\n    cluster: bench\n    user: bench\n`,
  );
  return file;
}

const manifest = join(tmp, 'manifest.yaml');
const gen = spawnSync(SAILCTL, ['manifest', 'generate', '-o', manifest], { stdio: ['ignore', 'ignore', 'pipe'] });
if (gen.status !== 0) throw new Error(`manifest generate failed: ${gen.stderr}`);

async function timed(tool, extraEnv = {}) {
  const server = await startKubeServer({ controllers: true });
  try {
    server.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
    const kc = kubeconfig(server.url, join(tmp, `kc-${tool}`));
    const kubectl = ['kubectl', ['--kubeconfig', kc, 'apply', '--server-side', '--force-conflicts', '--field-manager=istio-operator', '-f', manifest]];
    const t0 = process.hrtime.bigint();
    const env = { env: { ...process.env, NO_COLOR: '1', ...extraEnv }, maxBuffer: 64 << 20 };
    if (tool === 'sailctl') await run(SAILCTL, ['-c', kc, 'install', '-y'], env);
    else if (tool === 'pipeline') {
      // What a user without sailctl install would run: render, then apply.
      await run(SAILCTL, ['manifest', 'generate', '-o', manifest], env);
      await run(kubectl[0], kubectl[1], env);
    } else await run(kubectl[0], kubectl[1], env);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const objects = server.requests.filter((r) => r.method === 'PATCH').length;
    return { ms, objects };
  } finally {
    await server.stop();
  }
}

// The first install after a build has no code cache yet (src/cli/launch.ts): it runs uncached and
// writes one. Measured once with a cache directory of its own, reported beside the figures.
const coldCache = mkdtempSync(join(tmpdir(), 'sailctl-bench-cache-'));
const firstRun = (await timed('sailctl', { NODE_COMPILE_CACHE: coldCache })).ms;
rmSync(coldCache, { recursive: true, force: true });
// Warm both (the disk cache, sailctl's code cache; kubectl's discovery cache is per server address
// and starts cold each run anyway).
await timed('sailctl');
await timed('kubectl');
const s = [];
const k = [];
const p = [];
let applied = { sailctl: 0, kubectl: 0 };
for (let i = 0; i < RUNS; i++) {
  // Interleaved, so machine load affects both alike.
  const a = await timed('sailctl');
  const b = await timed('kubectl');
  s.push(a.ms);
  k.push(b.ms);
  p.push((await timed('pipeline')).ms);
  applied = { sailctl: a.objects, kubectl: b.objects };
}
rmSync(tmp, { recursive: true, force: true });
const sm = median(s);
const km = median(k);
console.log(`sailctl install -y (render + apply + readiness + tag webhook + prune): median ${sm.toFixed(0)} ms, ${applied.sailctl} PATCH requests`);
console.log(`kubectl apply --server-side -f (same manifest, apply only):           median ${km.toFixed(0)} ms, ${applied.kubectl} PATCH requests`);
console.log(`sailctl manifest generate + kubectl apply --server-side:               median ${median(p).toFixed(0)} ms`);
console.log(`sailctl install -y, first run after a build (no code cache yet, one run): ${firstRun.toFixed(0)} ms`);
report('install vs render+apply pipeline', `ratio ${(sm / median(p)).toFixed(2)}x`, '<= 1.00x', sm <= median(p));
report('install vs kubectl apply --server-side', `ratio ${(sm / km).toFixed(2)}x (${sm.toFixed(0)} ms vs ${km.toFixed(0)} ms, ${RUNS} runs each)`, '<= 1.00x', sm <= km);
