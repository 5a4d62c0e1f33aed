/**
 * The metadata checks Istio wraps around every registered kind validator (validateMetadata in
 * pkg/config/validation): they run before the kind's own rules and, when one fails, that single
 * error is the whole result (no warnings, the kind's rules never run).
 */
import { goQuote } from '../analyze/gofmt.js';
import { str, type JsonObject } from '../analyze/resource.js';
import type { Finding } from './semantic.js';

export const DRY_RUN = 'istio.io/dry-run';
export const ALWAYS_REJECT = 'internal.istio.io/webhook-always-reject';
export const INTERNAL_PARENT_NAMESPACE = 'internal.istio.io/parent-namespace';
export const INTERNAL_PARENT_NAMES = 'internal.istio.io/parents';
/** Set on Gateways/VirtualServices Istio generates from Gateway API resources; relaxes some name rules. */
export const GATEWAY_SEMANTICS = 'internal.istio.io/gateway-semantics';
export const ROUTE_SEMANTICS = 'internal.istio.io/route-semantics';

// The enum order of AuthorizationPolicy.Action: protojson also accepts the number.
const AUTHZ_ACTIONS = ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'];
const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

function authzAction(spec: JsonObject): string {
  const a = spec['action'];
  if (typeof a === 'number') return AUTHZ_ACTIONS[a] ?? String(a);
  return str(a) || 'ALLOW';
}

function annotationPath(name: string): string {
  return `{.metadata.annotations.${name}}`;
}

/** Istio's checkDryRunAnnotation: only AuthorizationPolicy may carry it, with an ALLOW/DENY action and a Go bool value. */
function checkDryRun(kind: string, name: string, namespace: string, spec: JsonObject, annotations: Readonly<Record<string, string>>): Finding | undefined {
  const value = annotations[DRY_RUN];
  if (value === undefined) return undefined;
  const path = annotationPath(DRY_RUN);
  if (kind !== 'AuthorizationPolicy') {
    return { message: `${namespace}/${name} has unsupported annotation ${DRY_RUN}, please remove the annotation`, path };
  }
  const action = authzAction(spec);
  if (action !== 'ALLOW' && action !== 'DENY') {
    return { message: `the annotation ${DRY_RUN} currently only supports action ALLOW/DENY, found action ${action} in ${namespace}/${name}`, path };
  }
  if (!GO_BOOLS.has(value)) {
    return { message: `${namespace}/${name} has annotation ${DRY_RUN} with invalid value (${value}): strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax`, path };
  }
  return undefined;
}

/** The first metadata rule the resource breaks, in Istio's order, or undefined. */
export function validateMetadata(kind: string, name: string, namespace: string, spec: JsonObject, annotations: Readonly<Record<string, string>>): Finding | undefined {
  const dryRun = checkDryRun(kind, name, namespace, spec, annotations);
  if (dryRun) return dryRun;
  if (annotations[ALWAYS_REJECT] !== undefined) return { message: `"${ALWAYS_REJECT}" annotation found, rejecting`, path: annotationPath(ALWAYS_REJECT) };
  // These mark resources Istio generates itself and widen what they may reference, so users may not set them.
  for (const internal of [INTERNAL_PARENT_NAMESPACE, INTERNAL_PARENT_NAMES]) {
    if (annotations[internal] !== undefined) return { message: `"${internal}" annotation found, this may not be set by users`, path: annotationPath(internal) };
  }
  return undefined;
}

/**
 * The annotations istioctl's validate sees: Kubernetes' unstructured GetAnnotations returns
 * nothing at all when any value is not a string, so one non-string value hides every annotation
 * (the schema check reports the bad value).
 */
export function metadataAnnotations(object: JsonObject): Record<string, string> {
  const meta = object['metadata'];
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return {};
  const raw = (meta as JsonObject)['annotations'];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as JsonObject)) {
    if (typeof v !== 'string') return {};
    out[k] = v;
  }
  return out;
}
