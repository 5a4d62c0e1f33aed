/**
 * The worker-thread path through bin/sailctl (worker threads need the built dist/: run
 * `npm run build` first): a file large enough to start the workers before its first document,
 * output byte-identical to the serial path, and the first error in stream order when the failing
 * document went to a worker and a bad separator follows it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, sailctl } from '../support/cli.js';

const FIXTURES = resolve(REPO_ROOT, 'test/inject/fixtures');
const FILES = ['--injectConfigFile', join(FIXTURES, 'inject-config.yaml'), '--valuesFile', join(FIXTURES, 'values.yaml'), '--meshConfigFile', join(FIXTURES, 'mesh.yaml')];
const DIR = mkdtempSync(join(tmpdir(), 'sailctl-inject-workers-'));
const NO_CLUSTER = { HOME: DIR, KUBECONFIG: '' };

const deployment = (i: number, port = '8080'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\n  annotations:\n    note: "${'x'.repeat(200)}"\nspec:\n  selector:\n    matchLabels: {app: d${i}}\n  template:\n    metadata:\n      labels: {app: d${i}}\n    spec:\n      containers:\n      - name: c\n        image: x\n        ports:\n        - containerPort: ${port}\n---\n`;
const LINES = 19;

function file(name: string, text: string): string {
  const path = join(DIR, name);
  writeFileSync(path, text);
  return path;
}

describe('kube-inject on worker threads (bin/sailctl)', () => {
  it('writes the serial output byte for byte from a large file', async () => {
    let text = '';
    for (let i = 0; i < 900; i++) text += deployment(i) + (i % 9 === 0 ? `kind: ConfigMap\napiVersion: v1\nmetadata: {name: c${i}}\n---\n` : '');
    expect(text.length).toBeGreaterThan(256 * 1024); // large enough to start workers at once
    const input = file('big.yaml', text);
    const serial = await sailctl(['kube-inject', '-f', input, ...FILES], { env: { ...NO_CLUSTER, SAILCTL_INJECT_WORKERS: '0' } });
    const pooled = await sailctl(['kube-inject', '-f', input, ...FILES], { env: { ...NO_CLUSTER, SAILCTL_INJECT_WORKERS: '2' } });
    expect(serial.exitCode).toBe(0);
    expect(pooled.exitCode).toBe(0);
    expect(pooled.stdout).toBe(serial.stdout);
    expect(pooled.stderr).toBe(serial.stderr);
    expect(pooled.stderr.split('\n')[899]).toBe('deployment "d899" injected');
  }, 60_000);
  it('reports the failing document before a bad separator, with its file:line, writing nothing', async () => {
    let text = '';
    for (let i = 0; i < 900; i++) text += deployment(i, i === 850 ? '"http"' : '8080');
    const input = file('bad.yaml', `${text}--- junk\n`);
    const out = join(DIR, 'out.yaml');
    const r = await sailctl(['kube-inject', '-f', input, '-o', out, ...FILES], { env: { ...NO_CLUSTER, SAILCTL_INJECT_WORKERS: '2' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toBe(`Error: ${input}:${850 * LINES + 18}: document 851: cannot unmarshal string into Go struct field Deployment.spec.template.spec.containers.ports.containerPort of type int32\n`);
  }, 60_000);
  it('reports the bad separator when every document before it is fine', async () => {
    let text = '';
    for (let i = 0; i < 700; i++) text += deployment(i);
    const input = file('sep.yaml', `${text}--- junk\n${deployment(700)}`);
    const r = await sailctl(['kube-inject', '-f', input, ...FILES], { env: { ...NO_CLUSTER, SAILCTL_INJECT_WORKERS: '2' } });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Error: ${input}:${700 * LINES + 1}: invalid Yaml document separator: junk\n`);
  }, 60_000);
});
