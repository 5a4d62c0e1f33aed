/**
 * install / uninstall behaviour matched to istioctl 1.30 against the local API server: the
 * default tag's validator and Service, the webhook overlap check before install, the Kubernetes
 * version notice, and uninstall's warning for proxies still using the revision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { injectedPod, namespace } from '../support/istio-fixtures.js';

const ADM = 'admissionregistration.k8s.io/v1';
type Obj = { metadata: { labels?: Record<string, string>; name: string }; webhooks?: Array<Record<string, unknown>>; spec?: Record<string, unknown> };

async function fresh(opts: Parameters<typeof startKubeServer>[0] = {}) {
  const server = await startKubeServer({ controllers: true, ...opts });
  const kc = writeKubeconfig(server.url);
  const run = (...args: string[]) => sailctl(['-c', kc, ...args]);
  return { server, run };
}

describe('default revision tag: validator and Service as istioctl generates them', () => {
  let server: KubeServer;
  let run: (...args: string[]) => ReturnType<typeof sailctl>;
  beforeAll(async () => ({ server, run } = await fresh()));
  afterAll(async () => server.stop());

  it('a revision installed first becomes the default: tag webhook, validator and Service point at it', async () => {
    const dry = await run('install', '--dry-run', '-r', 'canary');
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('create     ValidatingWebhookConfiguration/istiod-default-validator');
    expect(dry.stdout).toContain('create     Service/istio-system/istiod-revision-tag-default');

    const r = await run('install', '-y', '-r', 'canary');
    expect(r.exitCode, r.stderr).toBe(0);
    const vwc = server.get(ADM, 'ValidatingWebhookConfiguration', 'istiod-default-validator') as unknown as Obj;
    expect(vwc.metadata.labels).toMatchObject({ 'istio.io/rev': 'canary', 'istio.io/tag': 'default', app: 'istiod', 'operator.istio.io/component': 'Pilot', 'install.operator.istio.io/owning-resource-not-pruned': 'true' });
    expect(vwc.webhooks).toHaveLength(1);
    expect(vwc.webhooks![0]).toMatchObject({
      name: 'validation.istio.io',
      clientConfig: { service: { name: 'istiod-canary', namespace: 'istio-system', path: '/validate' } },
      failurePolicy: 'Ignore',
      objectSelector: { matchExpressions: [{ key: 'istio.io/rev', operator: 'DoesNotExist' }] },
    });
    const svc = server.get('v1', 'Service', 'istiod-revision-tag-default', 'istio-system') as unknown as Obj;
    expect(svc.metadata.labels).toMatchObject({ 'istio.io/rev': 'canary', 'istio.io/tag': 'default', 'install.operator.istio.io/owning-resource-not-pruned': 'true' });
    expect(svc.spec?.['selector']).toEqual({ app: 'istiod', 'istio.io/rev': 'canary' });
    expect((svc.spec?.['ports'] as Array<{ port: number }>).map((p) => p.port)).toEqual([15010, 15012, 443, 15014]);
  });

  it('a default install takes the tag back, keeps a validator failure policy istiod set to Fail, and converges', async () => {
    // istiod flips its validator to Fail once it serves; the next install must not undo that.
    const live = server.get(ADM, 'ValidatingWebhookConfiguration', 'istiod-default-validator') as unknown as Obj;
    server.seed({ ...live, webhooks: live.webhooks!.map((w) => ({ ...w, failurePolicy: 'Fail' })) } as never, 'pilot-discovery');
    const r = await run('install', '-y');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('This installation will make default injection and validation pointing to the default revision, and originally it was pointing to the revisioned one.');
    const vwc = server.get(ADM, 'ValidatingWebhookConfiguration', 'istiod-default-validator') as unknown as Obj;
    expect(vwc.metadata.labels?.['istio.io/rev']).toBe('default');
    expect(vwc.webhooks![0]).toMatchObject({ clientConfig: { service: { name: 'istiod' } } });
    // sailctl leaves the policy out (a real API server defaults it to Fail); it must not be reset to Ignore.
    expect(vwc.webhooks![0]!['failurePolicy'] ?? 'Fail').toBe('Fail');
    const svc = server.get('v1', 'Service', 'istiod-revision-tag-default', 'istio-system') as unknown as Obj;
    expect(svc.spec?.['selector']).toEqual({ app: 'istiod', istio: 'pilot' });
    const again = await run('install', '--dry-run');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Plan: 0 to create, 0 to update, \d+ unchanged, 0 to prune\./);
  });
});

describe('webhook overlap check before install', () => {
  let server: KubeServer;
  let run: (...args: string[]) => ReturnType<typeof sailctl>;
  beforeAll(async () => ({ server, run } = await fresh()));
  afterAll(async () => server.stop());

  it('refuses a revision whose injector overlaps a live webhook, names both; --force proceeds with a warning', async () => {
    expect((await run('install', '-y')).exitCode).toBe(0);
    server.seed({
      apiVersion: ADM,
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'legacy-injector', labels: { app: 'sidecar-injector', 'istio.io/rev': 'canary' } },
      webhooks: [{ name: 'legacy.sidecar-injector.istio.io', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { url: 'https://legacy.example:443/inject' }, namespaceSelector: { matchLabels: { 'istio.io/rev': 'canary' } } }],
    });
    const before = server.requests.filter((q) => q.method !== 'GET').length;
    const r = await run('install', '-y', '-r', 'canary');
    expect(r.exitCode).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('Error: failed to install manifests: creating default tag would conflict:');
    expect(lines).toContain('Error [IST0139] (MutatingWebhookConfiguration istio-sidecar-injector-canary) Webhook overlaps with others: [legacy-injector/legacy.sidecar-injector.istio.io]. This may cause injection to occur twice.');
    expect(server.get('apps/v1', 'Deployment', 'istiod-canary', 'istio-system')).toBeUndefined();
    expect(server.requests.filter((q) => q.method !== 'GET').length).toBe(before);

    const dry = await run('install', '--dry-run', '-r', 'canary');
    expect(dry.exitCode).toBe(1);
    expect(dry.stderr.split('\n')[0]).toBe('Error: failed to install manifests: creating default tag would conflict:');

    const forced = await run('install', '-y', '-r', 'canary', '--force');
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(forced.stderr).toContain('invalid webhook configs; continuing because of --force: creating default tag would conflict:');
    expect(server.get('apps/v1', 'Deployment', 'istiod-canary', 'istio-system')).toBeDefined();
  });
});

describe('Kubernetes version check', () => {
  it('an older cluster gets istioctl\'s notice and the install proceeds', async () => {
    const { server, run } = await fresh({ gitVersion: 'v1.31.4' });
    try {
      const r = await run('install', '-y');
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).toContain('The Kubernetes version v1.31.4 is not supported by Istio 1.30.3. The minimum supported Kubernetes version is 1.32.\nProceeding with the installation, but you might experience problems.');
      expect(r.stderr).toContain('✔ Installation complete');
    } finally {
      await server.stop();
    }
  });

  it('a supported cluster gets no notice', async () => {
    const { server, run } = await fresh({ gitVersion: 'v1.33.0' });
    try {
      const r = await run('install', '--dry-run');
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('is not supported by Istio');
    } finally {
      await server.stop();
    }
  });
});

describe('uninstall: proxies still using the revision', () => {
  let server: KubeServer;
  let run: (...args: string[]) => ReturnType<typeof sailctl>;
  beforeAll(async () => ({ server, run } = await fresh()));
  afterAll(async () => server.stop());

  it('lists them and asks; without a terminal and -y it refuses; with -y it warns and removes', async () => {
    expect((await run('install', '-y')).exitCode).toBe(0);
    expect((await run('install', '-y', '-r', 'canary')).exitCode).toBe(0);
    server.seed(namespace('shop'));
    server.seed(injectedPod('web-2', 'shop', 'canary', '1.30.3'));
    server.seed(injectedPod('web-1', 'shop', 'canary', '1.30.3'));
    server.seed(injectedPod('api-1', 'shop', 'default', '1.30.3'));

    const refuse = await run('uninstall', '-r', 'canary');
    expect(refuse.exitCode).toBe(1);
    // The canary install took over the ingress gateway: its pod is a canary proxy too.
    expect(refuse.stderr).toMatch(
      /There are still 3 proxies pointing to the control plane revision canary\nistio-ingressgateway-[a-z0-9-]+\.istio-system\nweb-1\.shop\nweb-2\.shop\nIf you proceed with the uninstall, these proxies will become detached from any control plane and will not function correctly\.\n/,
    );
    expect(refuse.stderr).not.toContain('api-1.shop');
    expect(refuse.stderr).toMatch(/^Error: --skip-confirmation: refusing to uninstall without confirmation/m);
    expect(server.get('apps/v1', 'Deployment', 'istiod-canary', 'istio-system')).toBeDefined();

    const r = await run('uninstall', '-r', 'canary', '-y');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('There are still 3 proxies pointing to the control plane revision canary');
    expect(server.get('apps/v1', 'Deployment', 'istiod-canary', 'istio-system')).toBeUndefined();
  });
});
