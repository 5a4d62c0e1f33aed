import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, fullName, num, obj, str } from '../resource.js';

const VERIFYING_MODES = new Set(['SIMPLE', 'MUTUAL']);

export const caCertificateAnalyzer: Analyzer = {
  name: 'destinationrule.CaCertificateAnalyzer',
  description: 'Warns when a DestinationRule originates SIMPLE or MUTUAL TLS without caCertificates, so the server\'s identity goes unverified',
  inputs: [K.DestinationRule],
  analyze(ctx) {
    for (const r of ctx.snapshot.list(K.DestinationRule)) {
      const tp = obj(r.spec['trafficPolicy']);
      const hasSelector = r.spec['workloadSelector'] !== undefined && r.spec['workloadSelector'] !== null;
      const host = str(r.spec['host']);
      const tls = obj(tp['tls']);
      const mode = str(tls['mode']);
      if (VERIFYING_MODES.has(mode) && !str(tls['caCertificates']) && !(str(tls['credentialName']) && hasSelector)) {
        ctx.report(newMessage('NoServerCertificateVerificationDestinationLevel', r, [fullName(r), r.namespace, mode, host], '{.spec.trafficPolicy.tls.caCertificates}'));
      }
      arr(tp['portLevelSettings']).forEach((p, i) => {
        const ptls = obj(obj(p)['tls']);
        const pmode = str(ptls['mode']);
        if (VERIFYING_MODES.has(pmode) && !str(ptls['caCertificates']) && !(str(ptls['credentialName']) && hasSelector)) {
          const n = num(obj(obj(p)['port'])['number']);
          const port = n !== undefined ? `number:${n}` : '';
          ctx.report(newMessage('NoServerCertificateVerificationPortLevel', r, [fullName(r), r.namespace, pmode, host, port], `{.spec.trafficPolicy.portLevelSettings[${i}].tls.caCertificates}`));
        }
      });
    }
  },
};
