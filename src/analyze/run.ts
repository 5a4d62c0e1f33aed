/**
 * One analysis run: load the sources into a snapshot, run the analyzers whose inputs are present,
 * then filter (namespace, suppressions), sort and de-duplicate the messages as istioctl does.
 * Pure: no printing, no exit.
 */
import { messageText, type Analyzer, type AnalysisContext, type Message } from './analyzer.js';
import { allAnalyzers } from './analyzers/index.js';
import { LEVEL_ORDER } from './catalog.js';
import { K, KINDS, kindKey, lookupKind, type KindKey } from './kinds.js';
import type { ParseProblem } from './parse.js';
import { resourceFromObject } from './parse.js';
import { friendlyName, originNamespace, reference, type JsonObject } from './resource.js';
import { Snapshot, StaticSource, type ResourceSource } from './snapshot.js';
import { isSuppressed, type Suppression } from './suppress.js';

export interface AnalysisOptions {
  /** Lowest precedence first: the cluster, then files (files overlay the cluster). */
  sources: readonly ResourceSource[];
  /** Namespace given to namespace-less file objects and that messages are limited to; '' = all. */
  namespace: string;
  istioNamespace: string;
  /** --analyzer names; empty (or none matching, as istioctl) runs all. */
  analyzerNames?: readonly string[];
  suppressions?: readonly Suppression[];
  /** (ext) keep runtime kinds read from files and add the default ingress gateway Pod/Service. */
  includeRuntimeKinds?: boolean;
  meshConfig?: JsonObject;
  meshNetworks?: JsonObject;
}

export interface AnalysisResult {
  messages: Message[];
  problems: ParseProblem[];
  unknownKinds: Array<{ file: string; line: number; apiVersion: string; kind: string }>;
  executed: string[];
  skipped: string[];
  resourceCount: number;
}

export function defaultMeshConfig(): JsonObject {
  return { ingressControllerMode: 'STRICT', ingressService: 'istio-ingressgateway', ingressClass: 'istio', rootNamespace: 'istio-system', defaultConfig: {} };
}

export function selectAnalyzers(names: readonly string[] | undefined): Analyzer[] {
  const all = allAnalyzers();
  if (!names || names.length === 0) return all;
  const want = new Set(names);
  const chosen = all.filter((a) => want.has(a.name));
  return chosen.length > 0 ? chosen : all;
}

/** The default ingress gateway Pod and Service istioctl assumes when analysing files only. */
function defaultIngressObjects(istioNamespace: string, ingressService: string): JsonObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `${ingressService}-dummypod`, namespace: istioNamespace, labels: { istio: 'ingressgateway' } },
      spec: { containers: [{ name: 'istio-proxy' }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: ingressService, namespace: istioNamespace },
      spec: {
        selector: { istio: 'ingressgateway' },
        ports: [
          { name: 'http2', port: 80, targetPort: 80, protocol: 'TCP' },
          { name: 'https', port: 443, targetPort: 443, protocol: 'TCP' },
          { name: 'tcp', port: 31400, targetPort: 31400, protocol: 'TCP' },
          { name: 'tls', port: 15443, targetPort: 15443, protocol: 'TCP' },
        ],
      },
    },
  ];
}

/** istioctl's order: cluster, level, code, resource, then the message text. */
function compareMessages(a: Message, b: Message): number {
  if (a.resource && b.resource && a.resource.origin.cluster !== b.resource.origin.cluster) {
    return a.resource.origin.cluster < b.resource.origin.cluster ? -1 : 1;
  }
  const la = LEVEL_ORDER[a.type.level];
  const lb = LEVEL_ORDER[b.type.level];
  if (la !== lb) return la - lb;
  if (a.type.code !== b.type.code) return a.type.code < b.type.code ? -1 : 1;
  if (!a.resource && b.resource) return -1;
  if (a.resource && !b.resource) return 1;
  if (a.resource && b.resource) {
    const ca = `${a.resource.kind}/${a.resource.name}/${a.resource.namespace}`;
    const cb = `${b.resource.kind}/${b.resource.name}/${b.resource.namespace}`;
    if (ca !== cb) return ca < cb ? -1 : 1;
  }
  const sa = messageString(a);
  const sb = messageString(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * istioctl's Message.String(), used to order and de-duplicate; computed once per message. Like
 * istioctl's, it has no cluster in it: the cluster is printed later, after de-duplication.
 */
const messageStrings = new WeakMap<Message, string>();
function messageString(m: Message): string {
  const cached = messageStrings.get(m);
  if (cached !== undefined) return cached;
  const s = uncachedMessageString(m);
  messageStrings.set(m, s);
  return s;
}

function uncachedMessageString(m: Message): string {
  const origin = m.resource ? ` (${friendlyName(m.resource)}${reference(m.resource, m.line) !== undefined ? ' ' + reference(m.resource, m.line) : ''})` : '';
  return `${m.type.level} [${m.type.code}]${origin} ${messageText(m)}`;
}

export async function runAnalysis(opts: AnalysisOptions): Promise<AnalysisResult> {
  const analyzers = selectAnalyzers(opts.analyzerNames);
  const clusterRuntime = opts.sources.some((s) => s.providesRuntimeKinds);
  const runtimeAvailable = clusterRuntime || opts.includeRuntimeKinds === true;
  const inputKinds = new Set<KindKey>();
  for (const a of analyzers) for (const k of a.inputs) inputKinds.add(k);
  const kinds = new Set<KindKey>([K.MeshConfig, K.MeshNetworks]);
  for (const info of KINDS) {
    const key = kindKey(info.group, info.kind);
    if (!inputKinds.has(key)) continue;
    if (info.runtime && !runtimeAvailable) continue;
    kinds.add(key);
  }
  const snapshot = new Snapshot(kinds);
  const meshConfig = { ...defaultMeshConfig(), ...(opts.meshConfig ?? {}) };
  const sources: ResourceSource[] = [];
  if (opts.includeRuntimeKinds && !clusterRuntime && meshConfig['ingressControllerMode'] !== 'OFF') {
    const objs = defaultIngressObjects(opts.istioNamespace, String(meshConfig['ingressService'] ?? 'istio-ingressgateway'));
    const rs = objs.map((o) => resourceFromObject(o, { defaultNamespace: opts.istioNamespace })).filter((r) => r !== undefined);
    sources.push(new StaticSource('defaults', rs));
  }
  sources.push(...opts.sources);
  const result: AnalysisResult = { messages: [], problems: [], unknownKinds: [], executed: [], skipped: [], resourceCount: 0 };
  for (const src of sources) {
    const contents = await src.load(opts.namespace);
    result.problems.push(...contents.problems);
    result.unknownKinds.push(...contents.unknownKinds);
    for (const r of contents.resources) {
      // Files never provide runtime kinds unless asked (istioctl drops them); a cluster does.
      if (!src.providesRuntimeKinds && !opts.includeRuntimeKinds && lookupKind(r.group, r.kind)?.runtime) continue;
      snapshot.add(r);
    }
  }
  result.resourceCount = snapshot.size;

  const raw: Message[] = [];
  const ctx: AnalysisContext = {
    snapshot,
    meshConfig,
    meshNetworks: opts.meshNetworks ?? {},
    istioNamespace: opts.istioNamespace,
    report: (m) => raw.push(m),
  };
  for (const a of analyzers) {
    if (a.inputs.every((k) => snapshot.has(k))) {
      result.executed.push(a.name);
      a.analyze(ctx);
    } else result.skipped.push(a.name);
  }

  const suppressions = opts.suppressions ?? [];
  const kept = raw.filter((m) => {
    if (opts.namespace !== '' && m.resource) {
      const ns = originNamespace(m.resource);
      if (ns !== '' && ns !== opts.namespace) return false;
    }
    return !isSuppressed(m, suppressions);
  });
  kept.sort(compareMessages);
  let last: string | undefined;
  for (const m of kept) {
    const s = messageString(m);
    if (s === last) continue;
    last = s;
    result.messages.push(m);
  }
  return result;
}
