/**
 * TLS material and request headers for a kubeconfig cluster + user: CA, client certificate and
 * key (file or data), insecure-skip-tls-verify, tls-server-name, bearer token / token file, basic
 * auth, impersonation, and exec credential plugins (client-node's ExecAuth, a light import).
 * Other auth providers (oidc, azure, gcp) go through client-node's full KubeConfig, loaded only
 * for them because it is slow to import.
 */
import { readFileSync } from 'node:fs';
import type { Cluster, User } from './config.js';
import { importPackage } from '../util/import-package.js';

export interface Credentials {
  headers: Record<string, string>;
  ca?: Buffer | string;
  cert?: Buffer | string;
  key?: Buffer | string;
  /** false only when the kubeconfig says insecure-skip-tls-verify */
  rejectUnauthorized: boolean;
  servername?: string;
}

function material(file: string | undefined, data: string | undefined): Buffer | undefined {
  if (file) return readFileSync(file);
  if (data) return Buffer.from(data, 'base64');
  return undefined;
}

interface AuthProvider {
  name?: string;
  config?: Record<string, unknown>;
}

export async function resolveCredentials(cluster: Cluster, user: User): Promise<Credentials> {
  const creds: Credentials = { headers: {}, rejectUnauthorized: !cluster.skipTLSVerify };
  const ca = material(cluster.caFile, cluster.caData);
  if (ca) creds.ca = ca;
  if (cluster.tlsServerName) creds.servername = cluster.tlsServerName;
  const cert = material(user.certFile, user.certData);
  const key = material(user.keyFile, user.keyData);
  if (cert) creds.cert = cert;
  if (key) creds.key = key;
  if (user.impersonateUser) creds.headers['Impersonate-User'] = user.impersonateUser;
  if (user.username && user.password) creds.headers['Authorization'] = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  const provider = user.authProvider as AuthProvider | undefined | null;
  if (user.exec || provider?.name === 'exec' || provider?.config?.['exec']) {
    const { ExecAuth } = await importPackage<typeof import('@kubernetes/client-node/dist/exec_auth.js')>('@kubernetes/client-node/dist/exec_auth.js');
    const opts: { headers: Record<string, string>; cert?: string; key?: string } = { headers: {} };
    await new ExecAuth().applyAuthentication(user, opts as never);
    Object.assign(creds.headers, opts.headers);
    if (opts.cert) creds.cert = opts.cert;
    if (opts.key) creds.key = opts.key;
  } else if (provider?.name === 'tokenFile') {
    const file = String(provider.config?.['tokenFile'] ?? '');
    creds.headers['Authorization'] = `Bearer ${readFileSync(file, 'utf8').trim()}`;
  } else if (provider) {
    // oidc / azure / gcp: client-node's authenticators, through its full KubeConfig.
    const { KubeConfig } = await importPackage<typeof import('@kubernetes/client-node/dist/config.js')>('@kubernetes/client-node/dist/config.js');
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ ...cluster, skipTLSVerify: true }], users: [user], contexts: [{ name: 'c', cluster: cluster.name, user: user.name }], currentContext: 'c' });
    const opts: { headers?: Record<string, unknown> } = { headers: {} };
    await kc.applyToHTTPSOptions(opts);
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') creds.headers[k] = v;
  }
  if (user.token) creds.headers['Authorization'] = `Bearer ${user.token}`;
  return creds;
}
