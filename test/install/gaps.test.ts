import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/kube/types.js';
import { buildTagService, buildTagValidator } from '../../src/install/webhooks.js';
import { checkWebhooks, overlappingWebhooks } from '../../src/install/webhook-conflicts.js';
import { kubernetesVersionNotice } from '../../src/install/prechecks.js';
import { proxiesWarning, proxiesUnknownWarning } from '../../src/install/uninstall.js';
import { COMPONENT_ICONS } from '../../src/install/plan.js';

const mwc = (name: string, labels: Record<string, string>, webhooks: Array<Record<string, unknown>>): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1',
  kind: 'MutatingWebhookConfiguration',
  metadata: { name, labels },
  webhooks,
});
const injector = (clientConfig: Record<string, unknown>) =>
  mwc('istio-sidecar-injector-canary', { app: 'sidecar-injector', 'istio.io/rev': 'canary', release: 'istio' }, [{ name: 'rev.namespace.sidecar-injector.istio.io', clientConfig }]);
const owner = { 'operator.istio.io/managed': 'Reconcile' };

describe('default tag validator and Service', () => {
  it('the validator follows the injector URL with the path /validate and keeps its CA bundle', () => {
    const v = buildTagValidator(injector({ url: 'https://istiod.remote:15017/inject/cluster/c1', caBundle: 'Q0E=' }), { revision: 'canary', istioNamespace: 'istio-system', ownerLabels: owner });
    const hook = (v['webhooks'] as Array<Record<string, unknown>>)[0]!;
    expect(hook['clientConfig']).toEqual({ url: 'https://istiod.remote:15017/validate', caBundle: 'Q0E=' });
    expect(hook['failurePolicy']).toBe('Ignore');
    // canonical labels (without app) override the chart's; owner labels last
    expect(v.metadata.labels).toMatchObject({ app: 'istiod', release: 'istio', 'istio.io/rev': 'canary', 'operator.istio.io/managed': 'Reconcile', 'install.operator.istio.io/owning-resource-not-pruned': 'true' });
  });

  it('a live validator keeps its failure policy; Fail is left to the server default', () => {
    const live = (p: string): KubeObject => ({ apiVersion: 'x', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'istiod-default-validator' }, webhooks: [{ name: 'validation.istio.io', failurePolicy: p }] });
    const svcInjector = injector({ service: { name: 'istiod-canary', namespace: 'istio-system', path: '/inject' } });
    const policy = (o: KubeObject) => (o['webhooks'] as Array<Record<string, unknown>>)[0]!['failurePolicy'];
    expect(policy(buildTagValidator(svcInjector, { revision: 'canary', istioNamespace: 'istio-system', ownerLabels: {}, liveValidator: live('Fail') }))).toBeUndefined();
    expect(policy(buildTagValidator(svcInjector, { revision: 'canary', istioNamespace: 'istio-system', ownerLabels: {}, liveValidator: live('Ignore') }))).toBe('Ignore');
    const v = buildTagValidator(svcInjector, { revision: '', istioNamespace: 'istio-mesh', ownerLabels: {} });
    expect((v['webhooks'] as Array<{ clientConfig: unknown }>)[0]!.clientConfig).toEqual({ service: { name: 'istiod', namespace: 'istio-mesh', path: '/validate' } });
  });

  it('the tag Service selects the revision, or istio=pilot for the default revision', () => {
    expect(buildTagService({ revision: 'canary', istioNamespace: 'ns', ownerLabels: {} })['spec']).toMatchObject({ selector: { app: 'istiod', 'istio.io/rev': 'canary' } });
    const d = buildTagService({ revision: '', istioNamespace: 'ns', ownerLabels: {} });
    expect(d.metadata).toMatchObject({ name: 'istiod-revision-tag-default', namespace: 'ns', labels: { 'istio.io/rev': 'default', 'istio.io/tag': 'default' } });
    expect((d['spec'] as { selector: unknown }).selector).toEqual({ app: 'istiod', istio: 'pilot' });
  });
});

describe('webhook overlap check', () => {
  const nsRev = (rev: string) => ({ matchExpressions: [{ key: 'istio.io/rev', operator: 'In', values: [rev] }] });
  it('reports overlaps only for the named configurations, with the others sorted', () => {
    const a = mwc('a', { 'istio.io/rev': 'x' }, [{ name: 'a.istio.io', namespaceSelector: nsRev('x') }]);
    const b = mwc('b', { 'istio.io/rev': 'x' }, [{ name: 'b2.istio.io', namespaceSelector: nsRev('x') }, { name: 'b1.istio.io', namespaceSelector: nsRev('x') }]);
    expect(overlappingWebhooks([a, b], new Set(['a']), false)).toEqual([
      'Error [IST0139] (MutatingWebhookConfiguration a) Webhook overlaps with others: [b/b1.istio.io b/b2.istio.io]. This may cause injection to occur twice.',
    ]);
    expect(overlappingWebhooks([a, b], new Set(['c']), false)).toEqual([]);
  });

  it('non-Istio webhooks and disjoint selectors are no conflict', () => {
    const foreign = mwc('foreign', {}, [{ name: 'thing.example.com' }]);
    const a = mwc('a', { 'istio.io/rev': 'x' }, [{ name: 'a.istio.io', namespaceSelector: nsRev('x') }]);
    const b = mwc('b', { 'istio.io/rev': 'y' }, [{ name: 'b.istio.io', namespaceSelector: nsRev('y') }]);
    expect(overlappingWebhooks([foreign, a, b], new Set(['a', 'b']), false)).toEqual([]);
  });

  it('a default install that takes the default back from a revision says so', () => {
    const render = { iop: {}, revision: '', components: new Map([['Pilot' as const, [mwc('istio-sidecar-injector', { 'istio.io/rev': 'default' }, [])]]]) };
    const tagOnCanary = mwc('istio-revision-tag-default', { app: 'sidecar-injector', 'istio.io/tag': 'default', 'istio.io/rev': 'canary' }, []);
    expect(checkWebhooks(render, [tagOnCanary]).notice).toMatch(/^This installation will make default injection and validation pointing to the default revision/);
    expect(checkWebhooks(render, []).notice).toBeUndefined();
  });
});

describe('install and uninstall messages', () => {
  it('Kubernetes version notice below 1.32 only', () => {
    expect(kubernetesVersionNotice('v1.31.9-gke.1', '1.30.3')).toContain('The Kubernetes version v1.31.9-gke.1 is not supported by Istio 1.30.3. The minimum supported Kubernetes version is 1.32.');
    expect(kubernetesVersionNotice('v1.32.0', '1.30.3')).toBeUndefined();
    expect(kubernetesVersionNotice('v1.40.1', '1.30.3')).toBeUndefined();
  });

  it('more than 30 proxies are counted, not listed', () => {
    const ids = Array.from({ length: 31 }, (_, i) => `p${i}.ns`);
    expect(proxiesWarning(ids, 'canary')).toBe('There are still 31 proxies pointing to the control plane revision canary\nIf you proceed with the uninstall, these proxies will become detached from any control plane and will not function correctly.\n');
    expect(proxiesWarning(ids.slice(0, 2), 'canary')).toContain('canary\np0.ns\np1.ns\nIf you');
    expect(proxiesUnknownWarning('canary')).toMatch(/^Unable to find any proxies pointing to the canary control plane/);
  });

  it('progress icons are istioctl\'s', () => {
    expect(COMPONENT_ICONS.Base).toBe('⛵️');
    expect(COMPONENT_ICONS.Pilot).toBe('🧠');
  });
});
