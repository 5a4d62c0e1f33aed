/**
 * Differential check of the dump formats against Go's own encoders (the ones istioctl uses).
 * Needs Go and sigs.k8s.io/yaml in GOPATH mode (.ci/run installs golang-k8s-sigs-yaml-dev);
 * skips with a message otherwise.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderDump } from '../../src/operator/dump.js';
import { resolveIstioOperator } from '../../src/operator/resolve.js';
import { listProfiles } from '../../src/operator/profiles.js';
import type { IstioOperator } from '../../src/operator/types.js';

const GOPATH = process.env['GOPATH_ORACLE'] ?? '/usr/share/gocode';
const goOk = spawnSync('go', ['version']).status === 0 && existsSync(join(GOPATH, 'src/sigs.k8s.io/yaml'));
if (!goOk) console.warn('dump-oracle: skipped (needs `go` and sigs.k8s.io/yaml under GOPATH; see .ci/run)');

let oracleBin: string | undefined;
function oracle(json: string): string[] {
  if (!oracleBin) {
    oracleBin = join(mkdtempSync(join(tmpdir(), 'dump-oracle-')), 'oracle');
    execFileSync('go', ['build', '-o', oracleBin, resolve(__dirname, 'support/dump-oracle/main.go')], {
      env: { ...process.env, GO111MODULE: 'off', GOPATH, GOFLAGS: '' },
    });
  }
  return execFileSync(oracleBin, { input: json, encoding: 'utf8' }).split('----\n');
}

const tricky: IstioOperator = {
  apiVersion: 'install.istio.io/v1alpha1',
  kind: 'IstioOperator',
  spec: {
    hub: 'docker.io/istio',
    tag: '1.30',
    meshConfig: {
      accessLogFile: '/dev/stdout',
      defaultConfig: { proxyMetadata: { ISTIO_META_DNS_CAPTURE: 'true', N: '08', Y: 'yes', E: '' } },
      big: 1000000,
      small: 0.00001,
      neg: -3,
      html: '<a & b>',
      quote: 'say "hi"\ttab\nnext',
      'dotted.key': { x: null },
      emptyList: [],
      emptyMap: {},
      nested: [[1, 'two'], { k: false }],
      unicode: 'é ü 中',
      colon: 'a: b',
      hash: '# not a comment',
      star: '*',
      onlySpaces: '  ',
      more: {
        amp: '&a', at: '@x', brace: '{a', bt: '`x', colonend: 'a:', dash: '- a', date: '2001-12-14', excl: '!a', gt: '>',
        hashmid: 'a #b', hex: '0x1F', inf: '.inf', lead: ' x', ml: 'line1\nline2\n', mlStrip: 'a\nb', mlKeep: 'a\n\n', mlLead: ' a\nb',
        n: 'n', nul: 'null', num: '1_000', oct: '0o17', eight: '08', off: 'off', pct: '%x', pipe: '|', q: "'", qm: '? a',
        tab: 'a\tb', ctl: 'a\u0001b', uni: 'é', trail: 'x ', tilde: '~', y: 'y', sixty: '1:20', dashes: '---x', url: 'http://a:b/c',
        long: 'aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggggggggg hhhhhhhhhh iiiiiiiiii jjjjjjjjjj',
        longQuoted: "'aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggggggggg hhhhhhhhhh iiiiiiiiii",
        longDouble: 'aaaaaaaaaa\tbbbbbbbbbb cccccccccc dddddddddd eeeeeeeeee ffffffffff gggggggggg hhhhhhhhhh  iiiiiiiiii',
        nbsp: 'a\u00a0b', floats: [1.5, 1234567.5, 1e-7, 1e21, 2 ** 62, -0.25],
        'key with space': 1, '1': 'one', '10': 'ten', '9': 'nine', a10: 1, a9: 2, a_: 3, a1: 4, B: 5, b: 6, 'a-b': 7, 'x01': 8, x1: 9,
        'yes': 'key', '': 'emptykey', listOfLists: [[1, [2, 3]], [], {}, [{ a: 1, b: [] }]],
      },
    },
    values: { global: { proxy: { includeIPRanges: '10.0.0.0/8,172.16.0.0/12' } } },
  },
};

describe.skipIf(!goOk)('profile dump formats equal Go encoders', () => {
  const check = (iop: IstioOperator): void => {
    const json = renderDump(iop, 'json');
    const [y, j, f] = oracle(json);
    expect(renderDump(iop, 'yaml')).toBe(`${y}\n`);
    expect(json).toBe(j);
    expect(renderDump(iop, 'flags')).toBe(f);
  };
  it('every built-in profile', async () => {
    for (const p of listProfiles()) check((await resolveIstioOperator({ profile: p })).iop);
  });
  it('awkward scalars, keys and nesting', () => check(tricky));
});
