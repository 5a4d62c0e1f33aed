/** Writes kubeconfig files pointing at the local API server (into a fresh temp directory). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  /** context (and cluster/user) name; "test" by default */
  name?: string;
  namespace?: string;
  token?: string;
  /** a user entry with an exec credential plugin instead of a token */
  exec?: { command: string; args: string[] };
  /** extra contexts written into the same file, e.g. one whose server is unreachable */
  extraContexts?: Array<{ name: string; server: string }>;
  /** PEM texts, written as *-data fields */
  ca?: string;
  clientCert?: string;
  clientKey?: string;
  insecureSkipTlsVerify?: boolean;
  dir?: string;
  fileName?: string;
}

export function writeKubeconfig(serverUrl: string, opts: KubeconfigOptions = {}): string {
  const name = opts.name ?? 'test';
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'sailctl-kubeconfig-'));
  const user: Record<string, unknown> = {};
  if (opts.token) user['token'] = opts.token;
  const b64 = (pem: string) => Buffer.from(pem).toString('base64');
  if (opts.clientCert) user['client-certificate-data'] = b64(opts.clientCert);
  if (opts.clientKey) user['client-key-data'] = b64(opts.clientKey);
  const cluster: Record<string, unknown> = { server: serverUrl };
  if (opts.ca) cluster['certificate-authority-data'] = b64(opts.ca);
  if (opts.insecureSkipTlsVerify) cluster['insecure-skip-tls-verify'] = true;
  if (opts.exec) user['exec'] = { apiVersion: 'client.authentication.k8s.io/v1', command: opts.exec.command, args: opts.exec.args, interactiveMode: 'Never' };
  const extra = opts.extraContexts ?? [];
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': name,
    clusters: [{ name, cluster }, ...extra.map((c) => ({ name: c.name, cluster: { server: c.server } }))],
    users: [{ name, user }, ...extra.map((c) => ({ name: c.name, user: {} }))],
    contexts: [
      { name, context: { cluster: name, user: name, ...(opts.namespace ? { namespace: opts.namespace } : {}) } },
      ...extra.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name } })),
    ],
  };
  const path = join(dir, opts.fileName ?? 'kubeconfig');
  writeFileSync(path, stringify(config));
  return path;
}
