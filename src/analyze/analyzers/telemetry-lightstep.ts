import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str } from '../resource.js';

export const telemetryLightstepAnalyzer: Analyzer = {
  name: 'telemetry.LightstepAnalyzer',
  description: 'Reports Telemetry tracing that still sends to the retired Lightstep provider',
  inputs: [K.Telemetry, K.MeshConfig],
  analyze(ctx) {
    const lightstep = new Set<string>();
    for (const p of arr(ctx.meshConfig['extensionProviders'])) {
      const prov = obj(p);
      if (prov['lightstep'] !== undefined && prov['lightstep'] !== null) lightstep.add(str(prov['name']));
    }
    if (lightstep.size === 0) return;
    for (const t of ctx.snapshot.list(K.Telemetry)) {
      for (const tracing of arr(t.spec['tracing'])) {
        for (const p of arr(obj(tracing)['providers'])) {
          const name = str(obj(p)['name']);
          if (lightstep.has(name)) {
            ctx.report(newMessage('Deprecated', t, [`The Lightstep provider ${name} is deprecated, please migrate to OpenTelemetry provider.`]));
          }
        }
      }
    }
  },
};
