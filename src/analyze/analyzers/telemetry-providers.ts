import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj } from '../resource.js';

export const telemetryProviderAnalyzer: Analyzer = {
  name: 'telemetry.ProviderAnalyzer',
  description: 'Reports Telemetries whose providers list is empty, which Istio ignores',
  inputs: [K.Telemetry, K.MeshConfig],
  analyze(ctx) {
    if (arr(obj(ctx.meshConfig['defaultProviders'])['accessLogging']).length > 0) return;
    for (const r of ctx.snapshot.list(K.Telemetry)) {
      for (const l of arr(r.spec['accessLogging'])) {
        if (obj(l)['disabled'] === true) continue;
        if (arr(obj(l)['providers']).length === 0) ctx.report(newMessage('InvalidTelemetryProvider', r, [r.name, r.namespace]));
      }
    }
  },
};
