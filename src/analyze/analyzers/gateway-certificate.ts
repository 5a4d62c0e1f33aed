/**
 * gateway.CertificateAnalyzer: two Gateways for the same workloads that serve the same certificate
 * (IST0138), which makes HTTP/2 connection reuse route requests to the wrong Gateway's hosts.
 */
import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, fullName, obj, str, strMap, type Resource } from '../resource.js';

/**
 * The identity two servers' TLS settings share when istioctl calls them the same certificate:
 * equal credentialName when both have one, else equal serverCertificate and privateKey (both set).
 */
function certificateKey(tls: Record<string, unknown>): string | undefined {
  const credential = str(tls['credentialName']);
  if (credential) return `credential\u0000${credential}`;
  const cert = str(tls['serverCertificate']);
  const key = str(tls['privateKey']);
  return cert && key ? `files\u0000${cert}\u0000${key}` : undefined;
}

/** Whether every label of `selector` is in `other` with the same value. */
function selectorSubset(selector: Readonly<Record<string, string>>, other: Readonly<Record<string, string>>): boolean {
  for (const k in selector) if (other[k] !== selector[k]) return false;
  return true;
}

export const gatewayCertificateAnalyzer: Analyzer = {
  name: 'gateway.CertificateAnalyzer',
  description: 'Reports Gateways that serve the same TLS certificate, which HTTP/2 connection reuse can turn into 404s',
  inputs: [K.Gateway],
  analyze(ctx) {
    // Gateways indexed by certificate, so only gateways sharing one are compared.
    const byCertificate = new Map<string, Resource[]>();
    const keysOf = new Map<Resource, Set<string>>();
    for (const gw of ctx.snapshot.list(K.Gateway)) {
      const keys = new Set<string>();
      for (const server of arr(gw.spec['servers']).map(obj)) {
        const key = certificateKey(obj(server['tls']));
        if (key !== undefined) keys.add(key);
      }
      if (keys.size === 0) continue;
      keysOf.set(gw, keys);
      for (const k of keys) {
        const list = byCertificate.get(k);
        if (list) list.push(gw);
        else byCertificate.set(k, [gw]);
      }
    }
    for (const [gw, keys] of keysOf) {
      const selector = strMap(gw.spec['selector']);
      const reported = new Set<Resource>();
      for (const k of keys) {
        for (const other of byCertificate.get(k) ?? []) {
          if (other === gw || reported.has(other) || fullName(other) === fullName(gw)) continue;
          if (!selectorSubset(selector, strMap(other.spec['selector']))) continue;
          reported.add(other);
          ctx.report(newMessage('GatewayDuplicateCertificate', gw, [[fullName(gw), fullName(other)]], '{.metadata.name}'));
        }
      }
    }
  },
};
