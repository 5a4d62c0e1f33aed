/**
 * istiod's OpenShift rules for sidecar injection. On OpenShift (istiod's PLATFORM=openshift) the
 * webhook does not run the proxy as 1337: OpenShift's restricted SCC only admits UIDs and
 * supplemental groups inside the ranges it allocated to the namespace, which it records in the
 * namespace's annotations. istiod picks the last UID of the UID range and the last GID of the
 * first supplemental-groups block. It also drops a sidecar runAsUser/runAsGroup that equals the
 * app container's, since OpenShift stamps the same UID on every container and iptables
 * interception needs the proxy's UID to differ.
 *
 * istioctl kube-inject applies none of this when it injects locally (no namespace is known, so
 * 1337); only istiod's webhook does. sailctl follows the webhook when it injects with the
 * cluster's configuration, and istioctl's local path otherwise.
 */
import type { JsonObject } from './k8s/codec.js';

export const UID_RANGE_ANNOTATION = 'openshift.io/sa.scc.uid-range';
export const SUPPLEMENTAL_GROUPS_ANNOTATION = 'openshift.io/sa.scc.supplemental-groups';

/** The proxy's UID and GID everywhere but OpenShift (istio's DefaultProxyUID). */
export const DEFAULT_PROXY_ID = 1337n;

const PROXY_CONTAINER = 'istio-proxy';
/** Istio's own init containers never count as the app's. */
const ISTIO_INIT_CONTAINERS = new Set(['istio-init', 'istio-validation']);

/** Namespace name -> its annotations, as read from the cluster. */
export type NamespaceAnnotations = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** A block of IDs, both ends inclusive, with uint32 arithmetic as OpenShift's library does it. */
export interface IdBlock {
  start: number;
  end: number;
}

export function isOpenShift(platform: string | undefined): boolean {
  return platform === 'openshift';
}

/**
 * The platform istiod runs with: its PLATFORM env comes from the chart value global.platform, so
 * the injector's values say it; PLATFORM in sailctl's environment overrides, as istiod's does.
 */
export function platformOf(env: Readonly<Record<string, string | undefined>>, values: Readonly<Record<string, unknown>>): string {
  const fromEnv = env['PLATFORM'];
  if (fromEnv !== undefined) return fromEnv;
  const global = values['global'];
  const p = global !== null && typeof global === 'object' ? (global as Record<string, unknown>)['platform'] : undefined;
  return typeof p === 'string' ? p : '';
}

// Go's fmt scanning treats these as space (the newline is not skipped by Sscanf).
function isGoScanSpace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x20 ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

const UINT32_MAX = 0xffffffff;

/**
 * Reads `%d<sep>%d` into two uint32s the way Go's fmt.Sscanf does: leading spaces before each
 * number skipped (a newline is an error), decimal digits only (no sign), overflow an error, the
 * separator matched exactly, anything after the second number ignored.
 */
function scanTwoUint32(text: string, sep: string): [number, number] | undefined {
  let i = 0;
  const number = (): number | undefined => {
    while (i < text.length) {
      const cp = text.codePointAt(i) as number;
      if (cp === 0x0a || (cp === 0x0d && text[i + 1] === '\n')) return undefined;
      if (!isGoScanSpace(cp)) break;
      i += cp > 0xffff ? 2 : 1;
    }
    const from = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === from) return undefined;
    const n = Number(text.slice(from, i));
    return n <= UINT32_MAX ? n : undefined;
  };
  const a = number();
  if (a === undefined || text[i] !== sep) return undefined;
  i++;
  const b = number();
  return b === undefined ? undefined : [a, b];
}

/** OpenShift's ParseBlock: "start/size" or "start-end"; undefined when malformed. */
export function parseIdBlock(text: string): IdBlock | undefined {
  if (text.includes('/')) {
    const v = scanTwoUint32(text, '/');
    if (!v) return undefined;
    const [start, size] = v;
    // uint32 wrap-around, as Go computes start + size - 1
    return { start, end: (start + size - 1) >>> 0 };
  }
  const v = scanTwoUint32(text, '-');
  return v ? { start: v[0], end: v[1] } : undefined;
}

/**
 * istio's GetProxyIDs: the UID is the end of the namespace's UID range; the GID the end of the
 * first supplemental-groups block (the UID range when that annotation is absent). An absent,
 * empty or malformed annotation keeps 1337; one bad group block spoils them all.
 */
export function proxyIds(annotations: Readonly<Record<string, string>> | undefined): { uid: bigint; gid: bigint } {
  let uid = DEFAULT_PROXY_ID;
  let gid = DEFAULT_PROXY_ID;
  if (!annotations) return { uid, gid };
  const uidRange = annotations[UID_RANGE_ANNOTATION];
  if (uidRange) {
    const block = parseIdBlock(uidRange);
    if (block) uid = BigInt(block.end);
  }
  const groups = Object.hasOwn(annotations, SUPPLEMENTAL_GROUPS_ANNOTATION) ? annotations[SUPPLEMENTAL_GROUPS_ANNOTATION] : annotations[UID_RANGE_ANNOTATION];
  if (groups) {
    const blocks = groups.split(',').map(parseIdBlock);
    const first = blocks[0];
    if (first && blocks.every((b) => b !== undefined)) gid = BigInt(first.end);
  }
  return { uid, gid };
}

function containerList(pod: JsonObject, key: 'containers' | 'initContainers'): JsonObject[] {
  const spec = pod['spec'] as JsonObject | undefined;
  const list = spec?.[key];
  return Array.isArray(list) ? (list as JsonObject[]) : [];
}

function runAsUser(c: JsonObject): unknown {
  return (c['securityContext'] as JsonObject | undefined)?.['runAsUser'] ?? undefined;
}

/**
 * The webhook's OpenShift step before rendering: when the pod's own istio-proxy container has a
 * securityContext whose runAsUser equals the app's (0 when unset; the last app container that
 * sets one counts), its runAsUser and runAsGroup are dropped so the injected UID applies.
 * Returns the pod unchanged or a changed copy.
 */
export function dropSidecarUserMatchingApp(pod: JsonObject): JsonObject {
  const all = [...containerList(pod, 'containers'), ...containerList(pod, 'initContainers')];
  const sidecar = containerList(pod, 'containers').find((c) => c['name'] === PROXY_CONTAINER) ?? containerList(pod, 'initContainers').find((c) => c['name'] === PROXY_CONTAINER);
  const sc = sidecar?.['securityContext'];
  if (!sidecar || sc === null || typeof sc !== 'object') return pod;
  let sidecarUser: unknown = 0;
  let appUser: unknown = 0;
  for (const c of all) {
    const u = runAsUser(c);
    if (u === undefined || u === null) continue;
    if (c['name'] === PROXY_CONTAINER) sidecarUser = u;
    else if (!ISTIO_INIT_CONTAINERS.has(String(c['name']))) appUser = u;
  }
  if (Number(sidecarUser) !== Number(appUser)) return pod;
  const scObj = sc as JsonObject;
  if (scObj['runAsUser'] === undefined && scObj['runAsGroup'] === undefined) return pod;
  const copy = structuredClone(pod);
  const target = containerList(copy, 'containers').find((c) => c['name'] === PROXY_CONTAINER) ?? containerList(copy, 'initContainers').find((c) => c['name'] === PROXY_CONTAINER);
  const targetSc = target?.['securityContext'] as JsonObject;
  delete targetSc['runAsUser'];
  delete targetSc['runAsGroup'];
  return copy;
}

/** The part of a namespace list these rules read: namespaces with a UID or group range, those annotations only. */
export function namespaceIdAnnotations(namespaces: ReadonlyArray<{ name: string; annotations?: Readonly<Record<string, string>> | undefined }>): NamespaceAnnotations {
  const out = new Map<string, Record<string, string>>();
  for (const ns of namespaces) {
    const kept: Record<string, string> = {};
    for (const key of [UID_RANGE_ANNOTATION, SUPPLEMENTAL_GROUPS_ANNOTATION]) {
      const v = ns.annotations?.[key];
      if (typeof v === 'string') kept[key] = v;
    }
    if (Object.keys(kept).length > 0) out.set(ns.name, kept);
  }
  return out;
}
