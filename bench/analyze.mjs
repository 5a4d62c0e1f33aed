// Generates N Istio/Kubernetes resources (VirtualServices, DestinationRules, Gateways, ServiceEntries,
// Services) and times `sailctl analyze --use-kube=false --include-runtime-kinds -A` on them.
// Targets: 10,000 resources < 2 s; 20,000 take at most 2.2x the time of 10,000. Needs a build.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'sailctl');

function generate(n) {
  const docs = [];
  for (let i = 0; docs.length < n; i++) {
    const ns = `ns${i % 50}`;
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc${i}\n  namespace: ${ns}\nspec:\n  selector:\n    app: app${i}\n  ports:\n  - name: http\n    port: 80\n`);
    docs.push(`apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: dr${i}\n  namespace: ${ns}\nspec:\n  host: svc${i}\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n`);
    docs.push(`apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs${i}\n  namespace: ${ns}\nspec:\n  hosts:\n  - svc${i}\n  http:\n  - route:\n    - destination:\n        host: svc${i}\n        subset: v1\n      weight: 90\n    - destination:\n        host: missing${i}\n      weight: 10\n`);
    docs.push(`apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw${i}\n  namespace: ${ns}\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n    hosts:\n    - "host${i}.example.com"\n`);
    docs.push(`apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: se${i}\n  namespace: ${ns}\nspec:\n  hosts:\n  - ext${i}.example.com\n  ports:\n  - number: 443\n    name: https\n    protocol: HTTPS\n  resolution: DNS\n`);
  }
  return docs.slice(0, n).join('---\n');
}

function time(n, dir) {
  const file = join(dir, `r${n}.yaml`);
  writeFileSync(file, generate(n));
  let best = Infinity;
  let lines = 0;
  for (let run = 0; run < 3; run++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, 'analyze', '--use-kube=false', '--include-runtime-kinds', '-A', '-o', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 79 && r.status !== 0) throw new Error(`analyze failed (${r.status}): ${r.stderr}`);
    lines = JSON.parse(r.stdout).length;
    best = Math.min(best, ms);
  }
  return { ms: best, messages: lines };
}

const dir = mkdtempSync(join(tmpdir(), 'sailctl-bench-'));
try {
  const a = time(10_000, dir);
  const b = time(20_000, dir);
  const ratio = b.ms / a.ms;
  console.log(`analyze 10,000 resources: ${a.ms.toFixed(0)} ms (${a.messages} messages) — target < 2000 ms: ${a.ms < 2000 ? 'OK' : 'MISSED'}`);
  console.log(`analyze 20,000 resources: ${b.ms.toFixed(0)} ms (${b.messages} messages)`);
  console.log(`ratio 20k/10k: ${ratio.toFixed(2)} — target <= 2.2: ${ratio <= 2.2 ? 'OK' : 'MISSED'}`);
  process.exitCode = a.ms < 2000 && ratio <= 2.2 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
