import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, strMap } from '../resource.js';

export const serviceEntryAddressesAnalyzer: Analyzer = {
  name: 'serviceentry.Analyzer',
  description: 'Reports ServiceEntries without addresses for a protocol that cannot be routed without them',
  inputs: [K.ServiceEntry, K.MeshConfig],
  analyze(ctx) {
    const md = strMap(obj(ctx.meshConfig['defaultConfig'])['proxyMetadata']);
    const autoAllocated = md['ISTIO_META_DNS_CAPTURE'] === 'true' && (md['ISTIO_META_DNS_AUTO_ALLOCATE'] === 'true' || md['PILOT_ENABLE_IP_AUTOALLOCATE'] === 'true');
    if (autoAllocated) return;
    for (const r of ctx.snapshot.list(K.ServiceEntry)) {
      if (r.spec['addresses'] !== undefined && r.spec['addresses'] !== null) continue;
      if (arr(obj(r.object['status'])['addresses']).length > 0) continue;
      arr(r.spec['ports']).forEach((p, i) => {
        const proto = str(obj(p)['protocol']);
        if (proto === '' || proto.toUpperCase() === 'TCP') ctx.report(newMessage('ServiceEntryAddressesRequired', r, [], `{.spec.ports[${i}].name}`));
      });
    }
  },
};
