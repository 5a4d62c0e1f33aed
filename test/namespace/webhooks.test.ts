import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  analyzeRunningWebhooks,
  checkRevision,
  disablePatch,
  enablePatch,
  formatStatusTable,
  injectingRevisions,
  namespaceStatus,
  selectorMatches,
  type MutatingWebhookConfiguration,
} from '../../src/namespace/index.js';
import { SailError } from '../../src/errors.js';
import { injectedPod, injectorWebhook, plainPod } from '../support/istio-fixtures.js';

const webhooks = [injectorWebhook('default'), injectorWebhook('canary')] as unknown as MutatingWebhookConfiguration[];

describe('selectors', () => {
  it('nil matches all; In/NotIn/Exists/DoesNotExist; unknown operators match nothing', () => {
    expect(selectorMatches(undefined, {})).toBe(true);
    expect(selectorMatches({}, { a: 'b' })).toBe(true);
    expect(selectorMatches({ matchLabels: { a: 'b' } }, { a: 'c' })).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] }, {})).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, {})).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'a', operator: 'Gt' }] }, { a: '1' })).toBe(false);
  });
});

describe('which revision injects', () => {
  it('follows the namespace labels, with istio-injection taking precedence over istio.io/rev', () => {
    expect(injectingRevisions(webhooks, {}, { 'istio-injection': 'enabled' })).toEqual(['default']);
    expect(injectingRevisions(webhooks, {}, { 'istio.io/rev': 'canary' })).toEqual(['canary']);
    expect(injectingRevisions(webhooks, {}, { 'istio-injection': 'enabled', 'istio.io/rev': 'canary' })).toEqual(['default']);
    expect(injectingRevisions(webhooks, {}, { 'istio-injection': 'disabled' })).toEqual([]);
    expect(injectingRevisions(webhooks, {}, {})).toEqual([]);
  });

  it('pod labels opt in or out', () => {
    expect(injectingRevisions(webhooks, { 'sidecar.istio.io/inject': 'true' }, {})).toEqual(['default']);
    expect(injectingRevisions(webhooks, { 'istio.io/rev': 'canary' }, {})).toEqual(['canary']);
    expect(injectingRevisions(webhooks, { 'sidecar.istio.io/inject': 'false' }, { 'istio-injection': 'enabled' })).toEqual([]);
  });

  it('explains its answer with check-inject reasons', () => {
    const rows = analyzeRunningWebhooks(webhooks, { 'sidecar.istio.io/inject': 'false' }, { 'istio-injection': 'enabled' });
    expect(rows.map((r) => [r.name, r.revision, r.injected, r.reason])).toEqual([
      ['istio-sidecar-injector', 'default', false, 'Pod has sidecar.istio.io/inject=false label, preventing injection'],
      ['istio-sidecar-injector-canary', 'canary', false, 'No matching namespace labels (istio.io/rev=canary) or pod labels (istio.io/rev=canary)'],
    ]);
    const ns = analyzeRunningWebhooks(webhooks, {}, { 'istio.io/rev': 'canary' });
    expect(ns[1]).toEqual({ name: 'istio-sidecar-injector-canary', revision: 'canary', injected: true, reason: 'Namespace label istio.io/rev=canary matches' });
  });
});

describe('labels and status', () => {
  it('enable/disable patches keep exactly one mechanism', () => {
    expect(enablePatch(undefined)).toEqual({ 'istio-injection': 'enabled', 'istio.io/rev': null });
    expect(enablePatch('canary')).toEqual({ 'istio.io/rev': 'canary', 'istio-injection': null });
    expect(disablePatch()).toEqual({ 'istio-injection': null, 'istio.io/rev': null });
    expect(() => checkRevision('no spaces')).toThrow(SailError);
  });

  it('finds pods to restart: not injected, wrong revision, injection turned off; skips finished and opted-out pods', () => {
    const pods = [
      plainPod('a', 'ns'),
      injectedPod('b', 'ns', 'default', '1.30.3'),
      injectedPod('c', 'ns', 'canary', '1.30.3'),
      { ...plainPod('d', 'ns'), status: { phase: 'Succeeded' } },
      { ...plainPod('e', 'ns'), metadata: { name: 'e', annotations: { 'sidecar.istio.io/inject': 'false' } } },
    ];
    const s = namespaceStatus({ metadata: { name: 'ns', labels: { 'istio-injection': 'enabled' } } }, pods as never, webhooks);
    expect(s.revisions).toEqual(['default']);
    expect(s.pods).toBe(4);
    expect(s.needRestart.map((p) => [p.pod, p.reason])).toEqual([
      ['a', 'not injected; revision default would inject it'],
      ['c', 'runs a proxy of revision canary; revision default injects it now'],
    ]);
    const off = namespaceStatus({ metadata: { name: 'ns' } }, pods as never, webhooks);
    expect(off.needRestart.map((p) => p.pod)).toEqual(['b', 'c']);
    expect(off.needRestart[0]!.reason).toBe('runs a proxy of revision default, but injection is disabled for it');
    const system = namespaceStatus({ metadata: { name: 'kube-system', labels: { 'istio-injection': 'enabled' } } }, pods as never, webhooks);
    expect(system.revisions).toEqual([]);
    expect(system.needRestart.map((p) => p.pod)).toEqual(['b', 'c']);
    expect(formatStatusTable([s])).toBe(
      'NAMESPACE   INJECTION LABEL           REVISION   PODS   NEED RESTART\n' +
        'ns          istio-injection=enabled   default    4      2\n\n' +
        'Pods needing a restart:\n  ns/a: not injected; revision default would inject it\n  ns/c: runs a proxy of revision canary; revision default injects it now\n',
    );
  });
});

// Istio's own check-inject webhook fixtures, read at test time (ISTIO_SRC = an Istio source tree).
const ISTIO_SRC = process.env['ISTIO_SRC'];
const fixtures = ISTIO_SRC ? join(ISTIO_SRC, 'istioctl/pkg/checkinject/testdata/check-inject') : '';
const haveFixtures = fixtures !== '' && existsSync(fixtures);
if (!haveFixtures) console.warn('Istio check-inject fixtures skipped: set ISTIO_SRC to an Istio source tree');

describe.skipIf(!haveFixtures)("against Istio's check-inject webhook fixtures (ISTIO_SRC)", () => {
  const load = (f: string) => parse(readFileSync(join(fixtures, f), 'utf8')) as MutatingWebhookConfiguration;
  const real = ['default-injector.yaml', 'rev-16-injector.yaml', 'never-match-injector.yaml'].map((f) => (haveFixtures ? load(f) : ({} as MutatingWebhookConfiguration)));

  it('agrees on which revision injects for each labelling', () => {
    expect(injectingRevisions(real, {}, { 'istio-injection': 'enabled' })).toEqual(['default']);
    expect(injectingRevisions(real, {}, { 'istio.io/rev': '1-16' })).toEqual(['1-16']);
    expect(injectingRevisions(real, { 'istio.io/rev': '1-16' }, {})).toEqual(['1-16']);
    expect(injectingRevisions(real, { 'sidecar.istio.io/inject': 'true' }, {})).toEqual(['default']);
    expect(injectingRevisions(real, {}, {})).toEqual([]);
  });

  it('gives check-inject reasons, including the deactivated webhook', () => {
    const rows = analyzeRunningWebhooks(real, {}, {});
    expect(rows.map((r) => r.name)).toEqual(['istio-sidecar-injector', 'istio-sidecar-injector-1-16', 'istio-sidecar-injector-deactivated']);
    expect(rows[2]!.reason).toBe('The injection webhook is deactivated, and will never match labels.');
    expect(rows[0]!.reason).toMatch(/^No matching namespace labels \(.*istio-injection=enabled.*\) or pod labels \(.*sidecar.istio.io\/inject=true.*\)$/);
    const podRev = analyzeRunningWebhooks(real, { 'istio.io/rev': '1-16' }, {});
    expect(podRev[0]!.reason).toBe('Pod has istio.io/rev=1-16 label, preventing injection');
    expect(podRev[1]).toMatchObject({ injected: true, reason: 'Pod label istio.io/rev=1-16 matches' });
  });
});
