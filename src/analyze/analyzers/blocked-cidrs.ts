import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, fullName, obj, str } from '../resource.js';

const ENV_NAME = 'BLOCKED_CIDRS_IN_JWKS_URIS';
const MAX_LISTED = 5;

export const blockedCIDRsAnalyzer: Analyzer = {
  name: 'authn.BlockedCIDRsAnalyzer',
  description: 'Warns when RequestAuthentications exist but istiod does not set BLOCKED_CIDRS_IN_JWKS_URIS, leaving JWKS fetches unrestricted',
  inputs: [K.RequestAuthentication, K.Deployment],
  analyze(ctx) {
    const names = ctx.snapshot.list(K.RequestAuthentication).map(fullName);
    if (names.length === 0) return;
    const listed = names.length <= MAX_LISTED ? names.join(', ') : `${names.slice(0, MAX_LISTED).join(', ')}, and ${names.length - MAX_LISTED} more`;
    for (const d of ctx.snapshot.list(K.Deployment)) {
      if (d.labels['app'] !== 'istiod') continue;
      const containers = arr(obj(obj(d.spec['template'])['spec'])['containers']);
      const configured = containers.some((c) => arr(obj(c)['env']).some((e) => str(obj(e)['name']) === ENV_NAME && str(obj(e)['value']) !== ''));
      if (!configured) ctx.report(newMessage('JwksUriFetchUnrestricted', d, [names.length, listed]));
    }
  },
};
