// kube-inject throughput and memory: a generated stream of 10,000 Deployments (plus a Service
// between every ten), injected end to end by bin/sailctl with sailctl's test injection fixture.
// Target: at least 2,000 workloads/s, and memory that does not grow with the stream beyond the
// output (checked by comparing peak RSS for 2,500 and 10,000 Deployments against output size).
// Usage: node bench/inject.mjs [count]   (build first: npx tsc -p .)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
  // GNU time reports the child's peak RSS; fall back to wall time only without it
  const timeBin = spawnSync('/usr/bin/time', ['--version']).status === 0 ? '/usr/bin/time' : undefined;
  const argv = [SAILCTL, 'kube-inject', '-f', input, '-o', output, ...CONFIG];
  const t0 = process.hrtime.bigint();
  const r = timeBin ? spawnSync(timeBin, ['-f', '%M', ...argv], { encoding: 'utf8', env: { ...process.env, HOME: dir, KUBECONFIG: '' } }) : spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', env: { ...process.env, HOME: dir, KUBECONFIG: '' } });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`kube-inject exited ${r.status}: ${r.stderr.slice(-500)}`);
  const lines = r.stderr.trim().split('\n');
  const injected = lines.filter((l) => l.endsWith(' injected')).length;
  const peakKiB = timeBin ? Number(lines[lines.length - 1]) : NaN;
  return { count, seconds, injected, peakMiB: peakKiB / 1024, inMiB: statSync(input).size / 2 ** 20, outMiB: statSync(output).size / 2 ** 20 };
}

const count = Number(process.argv[2] ?? 10000);
const dir = mkdtempSync(join(tmpdir(), 'sailctl-bench-inject-'));
try {
  const small = run(Math.max(1, count >> 2), dir);
  const big = run(count, dir);
  if (big.injected !== count) throw new Error(`expected ${count} injected workloads, got ${big.injected}`);
  const rate = big.count / big.seconds;
  console.log(`kube-inject ${big.count} Deployments: ${big.seconds.toFixed(2)} s wall, input ${big.inMiB.toFixed(1)} MiB, output ${big.outMiB.toFixed(1)} MiB`);
  report('kube-inject throughput', `${Math.round(rate)} workloads/s`, '>= 2000 workloads/s', rate >= 2000);
  if (Number.isFinite(big.peakMiB)) {
    // Output is collected until the end (nothing is written on failure), so memory may grow by
    // about the output's size; anything beyond that would be per-document state kept around.
    const growth = big.peakMiB - small.peakMiB;
    const outputGrowth = big.outMiB - small.outMiB;
    console.log(`peak RSS: ${small.peakMiB.toFixed(0)} MiB for ${small.count}, ${big.peakMiB.toFixed(0)} MiB for ${big.count} (output grew ${outputGrowth.toFixed(1)} MiB)`);
    report('kube-inject memory growth beyond the output', `${(growth - outputGrowth).toFixed(1)} MiB`, `<= ${(outputGrowth * 2).toFixed(1)} MiB (2x output growth, UTF-16 strings)`, growth - outputGrowth <= outputGrowth * 2);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
