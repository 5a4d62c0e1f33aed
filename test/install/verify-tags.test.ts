/**
 * verify-install checks the default revision tag objects install deploys (the tag's
 * MutatingWebhookConfiguration, istiod-default-validator, istiod-revision-tag-default) like the
 * rendered objects, and only when install would have deployed them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/kube/client.js';
import { renderInstall, type InstallRender } from '../../src/install/render.js';
import { installManifests } from '../../src/install/installer.js';
import { expectedObjects, formatVerify, verifyObjects } from '../../src/install/verify.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { sailctl } from '../support/cli.js';
import type { KubeObject } from '../../src/kube/types.js';
import type { JsonObject } from '../support/kube-server/fields.js';

const ADM = 'admissionregistration.k8s.io/v1';
const TAG_IDS = ['MutatingWebhookConfiguration/istio-revision-tag-default', 'ValidatingWebhookConfiguration/istiod-default-validator', 'Service/istiod-revision-tag-default'];
const id = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;

interface Cluster {
  server: KubeServer;
  kubeconfig: string;
  client: KubeClient;
}

async function cluster(): Promise<Cluster> {
  const server = await startKubeServer({ controllers: true });
  const kubeconfig = writeKubeconfig(server.url);
  const client = KubeClient.connect({ kubeconfig, env: {}, timeoutMs: 10_000 });
  return { server, kubeconfig, client };
}

const renders = new Map<string, Promise<InstallRender>>();
function render(...sets: string[]): Promise<InstallRender> {
  const key = sets.join(' ');
  if (!renders.has(key)) renders.set(key, renderInstall({ files: [], sets }));
  return renders.get(key)!;
}

async function install(c: Cluster, r: InstallRender): Promise<void> {
  await installManifests(c.client, r, { readinessTimeoutMs: 20_000, pollIntervalMs: 20 });
}

async function verify(c: Cluster, r: InstallRender) {
  const summary = await verifyObjects(c.client, await expectedObjects(c.client, r));
  return { summary, ...formatVerify(summary, { success: '✔', failure: '✘' }) };
}

describe('verify-install: default revision tag objects', () => {
  let c: Cluster;
  let def: InstallRender;
  beforeAll(async () => {
    c = await cluster();
    def = await render();
    await install(c, def);
  }, 60_000);
  afterAll(async () => {
    c.client.close();
    await c.server.stop();
  });

  it('after a default install, the three tag objects are checked and pass', async () => {
    const { summary, text, failed } = await verify(c, def);
    expect(failed, text).toBe(0);
    expect(summary.results.map((r) => id(r.object))).toEqual(expect.arrayContaining(TAG_IDS));
    expect(text).toContain('✔ MutatingWebhookConfiguration: istio-revision-tag-default. checked successfully\n');
    expect(text).toContain('✔ ValidatingWebhookConfiguration: istiod-default-validator. checked successfully\n');
    expect(text).toContain('✔ Service: istiod-revision-tag-default.istio-system checked successfully\n');
    expect(text).not.toContain('drift');
  });

  it('a missing tag Service fails the check; a changed tag webhook shows drift', async () => {
    expect(c.server.delete('v1', 'Service', 'istiod-revision-tag-default', 'istio-system')).toBe(true);
    const tag = c.server.get(ADM, 'MutatingWebhookConfiguration', 'istio-revision-tag-default')!;
    const hooks = tag['webhooks'] as JsonObject[];
    c.server.seed({ ...tag, webhooks: [{ ...hooks[0]!, namespaceSelector: { matchLabels: { other: 'x' } } }, ...hooks.slice(1)] }, 'kubectl');
    const { text, failed } = await verify(c, def);
    expect(failed).toBe(1);
    expect(text).toContain('✘ Service: istiod-revision-tag-default.istio-system: services "istiod-revision-tag-default" not found in namespace "istio-system"\n');
    expect(text).toMatch(/✔ MutatingWebhookConfiguration: istio-revision-tag-default\. checked successfully {4}drift: \.webhooks\[0\]\.namespaceSelector\.matchExpressions\n/);
  });

  it('install repairs them and verify passes again', async () => {
    await install(c, def);
    const { failed, text } = await verify(c, def);
    expect(failed, text).toBe(0);
  }, 60_000);

  it('a canary revision does not expect the tag while the default tag points at another revision', async () => {
    const canary = await render('revision=canary');
    await install(c, canary);
    const expected = await expectedObjects(c.client, canary);
    expect(expected.map(id).filter((x) => TAG_IDS.includes(x))).toEqual([]);
    // and the tag still points at the default revision: verifying the default install passes
    expect((await verify(c, def)).failed).toBe(0);
  }, 60_000);
});

describe('verify-install: when install would have deployed the tag for a revision', () => {
  let c: Cluster | undefined;
  afterEach(async () => {
    c?.client.close();
    await c?.server.stop();
    c = undefined;
  });

  it('a canary installed into a cluster without a default tag owns the tag: it is expected and checked', async () => {
    c = await cluster();
    const canary = await render('revision=canary');
    // Nothing installed yet: everything, the tag objects included, is reported missing.
    const before = await verify(c, canary);
    expect(before.text).toContain('✘ MutatingWebhookConfiguration: istio-revision-tag-default.: mutatingwebhookconfigurations "istio-revision-tag-default" not found\n');
    await install(c, canary);
    const expected = await expectedObjects(c.client, canary);
    const tag = expected.find((o) => id(o) === TAG_IDS[0]);
    expect(tag?.metadata.labels?.['istio.io/rev']).toBe('canary');
    const after = await verify(c, canary);
    expect(after.failed, after.text).toBe(0);
    expect(after.text).toContain('✔ Service: istiod-revision-tag-default.istio-system checked successfully');
  }, 60_000);

  it('with operatorManageWebhooks the tag is never expected', async () => {
    c = await cluster();
    const managed = await render('values.global.operatorManageWebhooks=true');
    expect((await expectedObjects(c.client, managed)).map(id).filter((x) => TAG_IDS.includes(x))).toEqual([]);
  });
});

describe('verify-install through bin/sailctl (build first)', () => {
  it('names a deleted tag validator and exits 1', async () => {
    const c = await cluster();
    try {
      const run = (...args: string[]) => sailctl(['-c', c.kubeconfig, ...args]);
      expect((await run('install', '-y')).exitCode).toBe(0);
      const ok = await run('verify-install');
      expect(ok.exitCode, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('✔ ValidatingWebhookConfiguration: istiod-default-validator. checked successfully');
      c.server.delete(ADM, 'ValidatingWebhookConfiguration', 'istiod-default-validator');
      const r = await run('verify-install');
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain('✘ ValidatingWebhookConfiguration: istiod-default-validator.: validatingwebhookconfigurations "istiod-default-validator" not found\n');
      expect(r.stderr.split('\n')[0]).toMatch(/^Error: Istio installation failed, incomplete or does not match "default": 1 of \d+ object\(s\) failed the check$/);
    } finally {
      c.client.close();
      await c.server.stop();
    }
  }, 60_000);
});
