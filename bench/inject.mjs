// kube-inject throughput and memory: a generated stream of 10,000 Deployments (plus a Service
// between every ten), injected end to end by bin/sailctl with sailctl's test injection fixture.
// Target: at least 2,000 workloads/s, and memory that does not grow with the stream beyond the
// output: the CLI collects the output (nothing is written on failure), so the live heap is also
// measured in-process with the output discarded, after a full GC at every fifth of the stream.
// The CLI injects on the main thread and on worker threads (SAILCTL_INJECT_WORKERS overrides the
// worker count, 0 = main thread only), so CPU time per workload is printed beside the wall rate.
// Usage: node --stack-size=4000 bench/inject.mjs [count]   (build first: npm run build; the
// workers run the compiled dist/inject/worker.js)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pathToFileURL } from 'node:url';
import { ROOT, SAILCTL, report } from './lib.mjs';

const FIX = resolve(ROOT, 'test/inject/fixtures');
const CONFIG = ['--injectConfigFile', join(FIX, 'inject-config.yaml'), '--valuesFile', join(FIX, 'values.yaml'), '--meshConfigFile', join(FIX, 'mesh.yaml')];

function deployment(i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 50}
  labels:
    app: app-${i}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
        version: v${i % 4}
      annotations:
        prometheus.io/scrape: "true"
    spec:
      containers:
      - name: app
        image: registry.example/app-${i}:1.${i % 10}
        ports:
        - name: http
          containerPort: 8080
        resources:
          requests:
            cpu: ${100 + (i % 9) * 100}m
            memory: ${64 * (1 + (i % 4))}Mi
        readinessProbe:
          httpGet:
            path: /ready
            port: http
---
${i % 10 === 0 ? `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\nspec:\n  ports:\n  - port: 80\n---\n` : ''}`;
}

function run(count, dir) {
  const input = join(dir, `in-${count}.yaml`);
  const output = join(dir, `out-${count}.yaml`);
  let text = '';
  for (let i = 0; i < count; i++) text += deployment(i);
  writeFileSync(input, text);
  // GNU time reports the child's CPU time and peak RSS; without it, wall time only
  const timeBin = spawnSync('/usr/bin/time', ['--version']).status === 0 ? '/usr/bin/time' : undefined;
  const argv = [SAILCTL, 'kube-inject', '-f', input, '-o', output, ...CONFIG];
  const env = { ...process.env, HOME: dir, KUBECONFIG: '' };
  const t0 = process.hrtime.bigint();
  const r = timeBin ? spawnSync(timeBin, ['-f', '%U %S %M', ...argv], { encoding: 'utf8', env }) : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', env });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`kube-inject exited ${r.status}: ${r.stderr.slice(-500)}`);
  const lines = r.stderr.trim().split('\n');
  const injected = lines.filter((l) => l.endsWith(' injected')).length;
  const [user, sys, peakKiB] = timeBin ? lines[lines.length - 1].split(' ').map(Number) : [NaN, NaN, NaN];
  return { count, seconds, cpu: user + sys, injected, peakMiB: peakKiB / 1024, outMiB: statSync(output).size / 2 ** 20, inMiB: statSync(input).size / 2 ** 20 };
}

/** Live heap (after a full GC) while a stream is injected in-process with its output discarded. */
async function heapProfile(count) {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const { prepareInjector, injectStream } = await import(pathToFileURL(join(ROOT, 'dist/inject/index.js')).href);
  const { readFile } = await import('node:fs/promises');
  const injector = await prepareInjector({
    env: {}, revision: '', nativeSidecars: false,
    sources: { injectConfigFile: CONFIG[1], valuesFile: CONFIG[3], meshConfigFile: CONFIG[5], meshConfigMapName: 'istio', injectConfigMapName: 'istio-sidecar-injector', revision: '', istioNamespace: 'istio-system', readFile: (p) => readFile(p, 'utf8') },
  });
  const samples = [];
  function* lines() {
    for (let i = 0; i < count; i++) {
      if (i % (count / 5) === 0) {
        gc();
        samples.push(process.memoryUsage().heapUsed / 2 ** 20);
      }
      yield* deployment(i).split(/(?<=\n)/);
    }
  }
  await injectStream(lines(), injector, { file: 'bench', write: () => undefined, report: () => undefined });
  gc();
  samples.push(process.memoryUsage().heapUsed / 2 ** 20);
  return samples;
}

const count = Number(process.argv[2] ?? 10000);
const dir = mkdtempSync(join(tmpdir(), 'sailctl-bench-inject-'));
try {
  const big = run(count, dir);
  if (big.injected !== count) throw new Error(`expected ${count} injected workloads, got ${big.injected}`);
  const rate = big.count / big.seconds;
  console.log(`kube-inject ${big.count} Deployments: ${big.seconds.toFixed(2)} s wall, ${big.cpu.toFixed(2)} s CPU, input ${big.inMiB.toFixed(1)} MiB, output ${big.outMiB.toFixed(1)} MiB, peak RSS ${big.peakMiB.toFixed(0)} MiB (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs)`);
  const workers = process.env.SAILCTL_INJECT_WORKERS ?? `default (${Math.min(availableParallelism() - 1, 4)})`;
  console.log(`  per CPU-second: ${Math.round(big.count / big.cpu)} workloads (worker threads: ${workers}, plus the main thread)`);
  report('kube-inject throughput', `${Math.round(rate)} workloads/s`, '>= 2000 workloads/s', rate >= 2000);
  const heap = await heapProfile(count);
  console.log(`  live heap after GC at 0%, 20%, ... 100% of the stream (output discarded): ${heap.map((h) => h.toFixed(1)).join(', ')} MiB`);
  const growth = Math.max(...heap.slice(1)) - heap[1];
  report('kube-inject memory bounded', `live heap grows ${growth.toFixed(1)} MiB over the stream`, '< 5 MiB (output aside)', growth < 5);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
