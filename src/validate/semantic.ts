/**
 * Istio's semantic validation rules (pkg/config/validation) for the rules most configurations hit:
 * hosts, route destinations and weights, subsets, gateway servers and ports, selectors. Messages
 * follow Istio's wording where it is known. Pure: spec in, findings out.
 */
import type { JsonObject } from '../analyze/resource.js';
import { validateWildcardDomain } from './rules.js';
import { validateVirtualService } from './virtualservice.js';
import { validateGateway } from './gateway.js';
import { validateDestinationRule } from './destinationrule.js';
import { validateServiceEntry } from './serviceentry.js';
import { validateAuthorizationPolicy, validatePeerAuthentication, validateRequestAuthentication } from './security.js';
import { validateWorkloadEntry, validateWorkloadGroup } from './workload.js';
import { validateTelemetry } from './telemetry.js';
import { validateWasmPlugin } from './wasmplugin.js';
import { validateTrafficExtension } from './trafficextension.js';
import { validateProxyConfig } from './proxyconfig.js';
import { validateEnvoyFilter } from './envoyfilter.js';
import { validateSidecar } from './sidecar.js';
import { GATEWAY_SEMANTICS, ROUTE_SEMANTICS, validateMetadata } from './metadata.js';

export interface Finding {
  message: string;
  /** istioctl field-map key of the offending scalar, when one is known. */
  path?: string | undefined;
  /** Set for findings istioctl reports under their own analysis code (IST0130/IST0131) instead of IST0133. */
  analysis?: { type: 'VirtualServiceUnreachableRule' | 'VirtualServiceIneffectiveMatch'; params: string[] } | undefined;
}

export interface SemanticResult {
  errors: Finding[];
  warnings: Finding[];
}

export { validateWildcardDomain };

/** The kinds Istio registers a validator for (collections.Pilot); each also gets the metadata checks. */
const VALIDATED_KINDS = new Set([
  'AuthorizationPolicy', 'DestinationRule', 'EnvoyFilter', 'Gateway', 'PeerAuthentication', 'ProxyConfig', 'RequestAuthentication',
  'ServiceEntry', 'Sidecar', 'Telemetry', 'TrafficExtension', 'VirtualService', 'WasmPlugin', 'WorkloadEntry', 'WorkloadGroup',
]);

/**
 * `labels` and `annotations` are the resource's metadata (ServiceEntry rules read opt-out and
 * waypoint labels; the metadata checks and the Gateway API semantics read annotations). Callers
 * that mirror an Istio path which drops metadata pass none.
 */
export function validateSemantics(
  kind: string,
  name: string,
  namespace: string,
  spec: JsonObject,
  labels: Readonly<Record<string, string>> = {},
  annotations: Readonly<Record<string, string>> = {},
): SemanticResult {
  const r: SemanticResult = { errors: [], warnings: [] };
  if (VALIDATED_KINDS.has(kind)) {
    const rejected = validateMetadata(kind, name, namespace, spec, annotations);
    if (rejected) {
      r.errors.push(rejected);
      return r;
    }
  }
  switch (kind) {
    case 'VirtualService':
      validateVirtualService(spec, namespace, r, annotations[ROUTE_SEMANTICS] === 'gateway');
      break;
    case 'DestinationRule':
      validateDestinationRule(spec, namespace, r);
      break;
    case 'Gateway':
      validateGateway(spec, name, r, annotations[GATEWAY_SEMANTICS] === 'gateway');
      break;
    case 'ServiceEntry':
      validateServiceEntry(spec, namespace, labels, r);
      break;
    case 'Sidecar':
      validateSidecar(spec, namespace, r);
      break;
    case 'AuthorizationPolicy':
      validateAuthorizationPolicy(spec, name, namespace, r);
      break;
    case 'PeerAuthentication':
      validatePeerAuthentication(spec, r);
      break;
    case 'RequestAuthentication':
      validateRequestAuthentication(spec, r);
      break;
    case 'Telemetry':
      validateTelemetry(spec, r);
      break;
    case 'EnvoyFilter':
      validateEnvoyFilter(spec, r);
      break;
    case 'WorkloadEntry':
      validateWorkloadEntry(spec, r);
      break;
    case 'WorkloadGroup':
      validateWorkloadGroup(spec, r);
      break;
    case 'WasmPlugin':
      validateWasmPlugin(spec, r);
      break;
    case 'TrafficExtension':
      validateTrafficExtension(spec, r);
      break;
    case 'ProxyConfig':
      validateProxyConfig(spec, r);
      break;
  }
  return r;
}
