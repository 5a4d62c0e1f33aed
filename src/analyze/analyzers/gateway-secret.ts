/**
 * gateway.SecretAnalyzer: a Gateway's TLS credentialName must name a Secret in the namespace of the
 * gateway workload (IST0101) holding a parseable, currently valid certificate (IST0161). A Gateway
 * whose selector matches no pod is IST0101 (selector).
 */
import { X509Certificate } from 'node:crypto';
import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, strMap, type Resource } from '../resource.js';
import { ANY_SCOPE, indexByLabels } from './label-index.js';
import { selectorString } from './util.js';

function decoded(data: Record<string, unknown>, key: string): Buffer {
  const v = data[key];
  return typeof v === 'string' ? Buffer.from(v, 'base64') : Buffer.alloc(0);
}

/** The certificate Istio serves from a Secret: generic cert/key first, then tls.crt/tls.key. */
function certificateBytes(secret: Resource): Buffer | undefined {
  const data = obj(secret.object['data']);
  for (const [certKey, keyKey] of [
    ['cert', 'key'],
    ['tls.crt', 'tls.key'],
  ] as const) {
    const cert = decoded(data, certKey);
    if (cert.length > 0 && decoded(data, keyKey).length > 0) return cert;
  }
  return undefined;
}

const PEM_BLOCK = /-----BEGIN ([^\r\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/;

/** Whether the first PEM block is an X.509 certificate valid at `now`. */
export function validCertificate(pem: Buffer, now: Date): boolean {
  const m = PEM_BLOCK.exec(pem.toString('latin1'));
  if (!m) return false;
  // PEM headers (Key: value lines) precede a blank line; the base64 body follows.
  const body = (m[2] as string).includes(':') ? (m[2] as string).split(/\r?\n\r?\n/).slice(1).join('\n') : (m[2] as string);
  try {
    const cert = new X509Certificate(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
    return now >= new Date(cert.validFrom) && now <= new Date(cert.validTo);
  } catch {
    return false;
  }
}

export const gatewaySecretAnalyzer: Analyzer = {
  name: 'gateway.SecretAnalyzer',
  description: 'Checks that the TLS credentials a Gateway names exist beside its workload and hold a valid, unexpired certificate',
  inputs: [K.Gateway, K.Pod, K.Secret],
  analyze(ctx) {
    const pods = indexByLabels(ctx.snapshot.list(K.Pod));
    const validity = new Map<Resource, boolean>();
    const now = new Date();

    for (const gw of ctx.snapshot.list(K.Gateway)) {
      const selector = strMap(gw.spec['selector']);
      // The gateway workload's namespace: that of the first pod the selector matches.
      const pod = pods.first(ANY_SCOPE, selector);
      if (!pod) {
        const sel = selectorString(selector);
        const firstLabel = sel.includes('=') ? sel.slice(0, sel.indexOf('=')) : '';
        ctx.report(newMessage('ReferencedResourceNotFound', gw, ['selector', sel], `{.spec.selector.${firstLabel}}`));
        continue;
      }
      const gwNs = pod.namespace;
      arr(gw.spec['servers']).forEach((server, i) => {
        const credential = str(obj(obj(server)['tls'])['credentialName']);
        if (!credential) return;
        const path = `{.spec.servers[${i}].tls.credentialName}`;
        const slash = credential.indexOf('/');
        const secret = slash >= 0 ? ctx.snapshot.get(K.Secret, credential.slice(0, slash), credential.slice(slash + 1)) : ctx.snapshot.get(K.Secret, gwNs, credential);
        if (!secret) {
          ctx.report(newMessage('ReferencedResourceNotFound', gw, ['credentialName', credential], path));
          return;
        }
        let valid = validity.get(secret);
        if (valid === undefined) {
          const cert = certificateBytes(secret);
          valid = cert !== undefined && validCertificate(cert, now);
          validity.set(secret, valid);
        }
        if (!valid) ctx.report(newMessage('InvalidGatewayCredential', gw, [gw.name, gwNs], path));
      });
    }
  },
};
