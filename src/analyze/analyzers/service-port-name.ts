import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, num, obj, str } from '../resource.js';
import { isIstioControlPlane } from './util.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const WELL_KNOWN_PORTS = new Set([25, 53, 3306, 27017]);
const MANAGED_GATEWAY_VALUES = new Set(['istio.io-gateway-controller', 'istio.io-mesh-controller', 'istio.io-eastwest-controller']);

/** Whether Istio can tell the port's protocol from its name/appProtocol (kube.ConvertProtocol). */
export function protocolKnown(port: number, name: string, protocol: string, appProtocol: string | undefined): boolean {
  if (protocol === 'UDP') return true;
  let n = name;
  if (appProtocol !== undefined) {
    n = appProtocol;
    if (n === 'kubernetes.io/h2c' || n === 'kubernetes.io/ws' || n === 'kubernetes.io/wss') return true;
  }
  if (n.length >= 8 && n.slice(0, 8).toLowerCase() === 'grpc-web') return true;
  const i = n.indexOf('-');
  const prefix = (i >= 0 ? n.slice(0, i) : n).toLowerCase();
  if (PROTOCOLS.has(prefix) || prefix === 'DoubleHBONE') return true;
  return WELL_KNOWN_PORTS.has(port);
}

export const portNameAnalyzer: Analyzer = {
  name: 'service.PortNameAnalyzer',
  description: 'Reports Service ports whose name or appProtocol does not tell Istio which protocol they carry',
  inputs: [K.Service],
  analyze(ctx) {
    for (const r of ctx.snapshot.list(K.Service)) {
      if (isIstioControlPlane(r)) continue;
      if (MANAGED_GATEWAY_VALUES.has(r.labels['gateway.istio.io/managed'] ?? '')) continue;
      const externalName = str(r.spec['type']) === 'ExternalName';
      arr(r.spec['ports']).forEach((p, i) => {
        const port = obj(p);
        const n = num(port['port']) ?? 0;
        const name = str(port['name']);
        const app = port['appProtocol'] === undefined ? undefined : str(port['appProtocol']);
        if (protocolKnown(n, name, str(port['protocol']), app) && !(name === 'tcp' && externalName)) return;
        const path = `{.spec.ports[${i}].port}`;
        if (externalName) ctx.report(newMessage('ExternalNameServiceTypeInvalidPortName', r, [], path));
        else {
          const tp = port['targetPort'];
          ctx.report(newMessage('PortNameIsNotUnderNamingConvention', r, [name, n, tp === undefined ? '0' : str(tp)], path));
        }
      });
    }
  },
};
