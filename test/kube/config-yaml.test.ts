/**
 * A kubeconfig is YAML as client-go reads it: sigs.k8s.io/yaml, go-yaml v2's scalars converted
 * through JSON. The expected values below are what Go's sigs.k8s.io/yaml.YAMLToJSON gives for the
 * same text (checked with Go 1.19 and sigs.k8s.io/yaml). Syntax errors keep the wording sailctl
 * has always used; the `yaml` package is loaded only to word them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKubeConfig, loadKubeConfigText, parseKubeconfigYaml } from '../../src/kube/config.js';
import { SailError } from '../../src/errors.js';
import { thrownBy } from '../support/thrown.js';

const ORIGIN = 'secret istio-system/istio-remote-secret-east, key east';

const thrown = (f: () => unknown): SailError => thrownBy(SailError, f);

/** A one-context kubeconfig; `server` and `clusterExtra` are spliced in as YAML text. */
function kubeconfigText(clusterExtra = '', server = 'https://east.example:6443'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'current-context: east',
    'clusters:',
    '- name: east',
    '  cluster:',
    `    server: ${server}`,
    ...(clusterExtra ? [clusterExtra] : []),
    'contexts:',
    '- name: east',
    '  context: {cluster: east, user: east}',
    'users:',
    '- name: east',
    '  user: {token: t}',
    '',
  ].join('\n');
}

function yamlPackageLoaded(): boolean {
  return Object.keys(createRequire(import.meta.url).cache).some((k) => /[\\/]node_modules[\\/]yaml[\\/]/.test(k));
}

describe('kubeconfig YAML read as client-go reads it', () => {
  it('does not load the yaml package for a valid kubeconfig', () => {
    expect(loadKubeConfigText(kubeconfigText(), ORIGIN)?.server).toBe('https://east.example:6443');
    expect(parseKubeconfigYaml('a: {b: [1, 2]}\nc: "x"\n')).toEqual({ a: { b: [1, 2] }, c: 'x' });
    expect(yamlPackageLoaded()).toBe(false);
  });

  it("go-yaml v2's scalars (the values sigs.k8s.io/yaml.YAMLToJSON gives)", () => {
    const text = 'a: 1:30\nb: 0o17\nc: 2024-01-02\nd: yes\ne: 0777\nf: 2024-01-02T10:00:00Z\ng: on\nh: 0x1F\ni: "yes"\nj: ~\n';
    expect(parseKubeconfigYaml(text)).toEqual({ a: '1:30', b: 15, c: '2024-01-02', d: true, e: 511, f: '2024-01-02T10:00:00Z', g: true, h: 31, i: 'yes', j: null });
  });

  it('a repeated key keeps its last value and only the first document counts, as in client-go', () => {
    expect(parseKubeconfigYaml('a: 1\na: 2\n')).toEqual({ a: 2 });
    expect(parseKubeconfigYaml('a: x\n---\nb: y\n')).toEqual({ a: 'x' });
    const twice = kubeconfigText('    server: https://second.example:6443');
    expect(loadKubeConfigText(twice, ORIGIN)?.server).toBe('https://second.example:6443');
  });

  it('insecure-skip-tls-verify: yes is true (YAML 1.1, as kubectl reads it)', () => {
    expect(loadKubeConfigText(kubeconfigText('    insecure-skip-tls-verify: yes'), ORIGIN)?.cluster.skipTLSVerify).toBe(true);
    expect(loadKubeConfigText(kubeconfigText('    insecure-skip-tls-verify: "yes"'), ORIGIN)?.cluster.skipTLSVerify).toBe(false);
  });

  it('a server written as a sexagesimal stays a string (host "1", port 30, as client-go reads it), not the number 90', () => {
    expect(loadKubeConfigText(kubeconfigText('', '1:30'), ORIGIN)?.cluster.server).toBe('http://1:30');
  });
});

describe('kubeconfig YAML errors', () => {
  it('a syntax error keeps its wording and line, from text or from a file', () => {
    const text = 'apiVersion: v1\nclusters:\n- name: a\n  cluster:\n    server: x: y\n';
    const e = thrown(() => loadKubeConfigText(text, ORIGIN));
    expect(e.message).toBe(`invalid kubeconfig in ${ORIGIN} (line 5): Nested mappings are not allowed in compact mappings`);
    // the package was loaded to word the error (and the check in the first test sees it)
    expect(yamlPackageLoaded()).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-kc-yaml-'));
    const file = join(dir, 'config');
    writeFileSync(file, text);
    const f = thrown(() => loadKubeConfig({ kubeconfig: file, env: {} }));
    expect(f.code).toBe('YAML');
    expect(f.located).toBe(`${file}:5: invalid kubeconfig: Nested mappings are not allowed in compact mappings at line 5, column 13:`);
    expect(f.exitCode).not.toBe(0);
  });

  it('an unclosed flow collection is a syntax error with its line', () => {
    const e = thrown(() => loadKubeConfigText('clusters: [\n  {name: a}\n', ORIGIN));
    expect(e.message).toBe(`invalid kubeconfig in ${ORIGIN} (line 3): Flow sequence in block collection must be sufficiently indented and end with a ]`);
  });

  it('what only client-go refuses (an infinite number, a wrong tag, a list as a key) is an error with its line', () => {
    const inf = thrown(() => loadKubeConfigText('apiVersion: v1\nclusters:\n  x: .inf\n', ORIGIN));
    expect(inf.message).toBe(`invalid kubeconfig in ${ORIGIN} (line 3): error converting YAML to JSON: json: unsupported value: +Inf`);
    const tag = thrown(() => loadKubeConfigText('apiVersion: v1\nkind: !!int abc\n', ORIGIN));
    expect(tag.message).toBe(`invalid kubeconfig in ${ORIGIN} (line 2): cannot decode !!str \`abc\` as a !!int`);
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-kc-yaml-'));
    const file = join(dir, 'config');
    writeFileSync(file, 'apiVersion: v1\n? [a]\n: b\n');
    const key = thrown(() => loadKubeConfig({ kubeconfig: file, env: {} }));
    expect(key.located).toBe(`${file}:2: invalid kubeconfig: error converting YAML to JSON: Unsupported map key (a collection)`);
  });
});
