/**
 * Istio's semantic validation rules (pkg/config/validation) for the rules most configurations hit:
 * hosts, route destinations and weights, subsets, gateway servers and ports, selectors. Messages
 * follow Istio's wording where it is known. Pure: spec in, findings out.
 */
import { arr, num, obj, str, strs, type JsonObject } from '../analyze/resource.js';
import { validateNamespaceSlashHost, validatePort, validateWildcardDomain } from './rules.js';
import { validateVirtualService } from './virtualservice.js';
import { validateGateway } from './gateway.js';
import { validateDestinationRule } from './destinationrule.js';
import { validateServiceEntry } from './serviceentry.js';
import { validateAuthorizationPolicy, validatePeerAuthentication, validateRequestAuthentication } from './security.js';
import { validateWorkloadEntry, validateWorkloadGroup } from './workload.js';
import { validateTelemetry } from './telemetry.js';
import { validateWasmPlugin } from './wasmplugin.js';
import { validateProxyConfig } from './proxyconfig.js';
import { validateEnvoyFilter } from './envoyfilter.js';
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

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export { validateWildcardDomain };

function validateSelectorLabels(labels: JsonObject, path: string, out: Finding[]): void {
  for (const [k, v] of Object.entries(labels)) {
    if (k === '') out.push({ message: 'empty key is not supported in selector', path });
    if (typeof v === 'string' && v.includes('*')) out.push({ message: `wildcard is not supported in selector`, path: `${path.slice(0, -1)}.${k}}` });
  }
}

function validateSelectorOnly(spec: JsonObject, field: 'selector' | 'workloadSelector', r: SemanticResult): void {
  const sel = obj(spec[field]);
  const labels = field === 'selector' ? obj(sel['matchLabels']) : obj(sel['labels']);
  validateSelectorLabels(labels, field === 'selector' ? '{.spec.selector.matchLabels}' : '{.spec.workloadSelector.labels}', r.errors);
  if (spec['targetRef'] !== undefined && spec['selector'] !== undefined) r.errors.push({ message: 'only one of targetRefs or workloadSelector can be set' });
}

function validateSidecar(spec: JsonObject, r: SemanticResult): void {
  validateSelectorOnly(spec, 'workloadSelector', r);
  const egress = arr(spec['egress']);
  egress.forEach((e) => {
    const hosts = strs(obj(e)['hosts']);
    if (hosts.length === 0) r.errors.push({ message: 'sidecar: egress listener must contain at least one host' });
    for (const h of hosts) for (const e2 of validateNamespaceSlashHost(h, false)) r.errors.push({ message: e2 });
  });
}

/** The kinds Istio registers a validator for (collections.Pilot); each also gets the metadata checks. */
const VALIDATED_KINDS = new Set([
  'AuthorizationPolicy', 'DestinationRule', 'EnvoyFilter', 'Gateway', 'PeerAuthentication', 'ProxyConfig', 'RequestAuthentication',
  'ServiceEntry', 'Sidecar', 'Telemetry', 'VirtualService', 'WasmPlugin', 'WorkloadEntry', 'WorkloadGroup',
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
      validateSidecar(spec, r);
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
    case 'ProxyConfig':
      validateProxyConfig(spec, r);
      break;
  }
  return r;
}
