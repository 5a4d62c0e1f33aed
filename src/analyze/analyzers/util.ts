/** Helpers shared by analyzers: host names, label selectors, service lookup. Facts from Istio's semantics. */
import type { AnalysisContext } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, num, obj, str, strs, type Resource } from '../resource.js';

export const CLUSTER_LOCAL = 'svc.cluster.local';
export const EXPORT_LOCAL = '.';
export const EXPORT_ALL = '*';
export const MESH_GATEWAY = 'mesh';

/** A short name becomes `name.ns.svc.cluster.local`; names with dots and wildcards stay. */
export function hostToFqdn(namespace: string, host: string): string {
  return !host.startsWith('*') && !host.includes('.') ? `${host}.${namespace}.${CLUSTER_LOCAL}` : host;
}

const FQDN = /^(.+)\.(.+)\.svc\.cluster\.local$/;

/** The namespace/name a host refers to (istioctl's GetResourceNameFromHost). */
export function resourceNameFromHost(defaultNamespace: string, host: string): { namespace: string; name: string } {
  const m = FQDN.exec(host);
  if (m) return { namespace: m[2] as string, name: m[1] as string };
  return { namespace: defaultNamespace, name: host };
}

/** Istio's host.Name.Matches: wildcard-aware suffix match in either direction. */
export function hostMatches(n: string, o: string): boolean {
  const nw = n.startsWith('*');
  const ow = o.startsWith('*');
  if (nw) {
    if (ow) return n.length < o.length ? o.slice(1).endsWith(n.slice(1)) : n.slice(1).endsWith(o.slice(1));
    return o.endsWith(n.slice(1));
  }
  if (ow) return n.endsWith(o.slice(1));
  return n === o;
}

/** Gateway server hosts visible from `namespace` ("ns/host" entries filtered). */
export function namesForNamespace(hosts: readonly string[], namespace: string): string[] {
  const out: string[] = [];
  for (const h of hosts) {
    const i = h.indexOf('/');
    if (i >= 0) {
      const ns = h.slice(0, i);
      if (ns !== namespace && ns !== '*') continue;
      out.push(h.slice(i + 1));
    } else out.push(h);
  }
  return out;
}

/** Kubernetes labels.SelectorFromSet(...).String(): sorted `k=v` joined by commas. */
export function selectorString(sel: Readonly<Record<string, string>>): string {
  return Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(',');
}

/** An empty selector matches everything (labels.SelectorFromSet semantics). */
export function selectorMatches(sel: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  for (const k in sel) if (labels[k] !== sel[k]) return false;
  return true;
}

export function isIstioControlPlane(r: Resource): boolean {
  return 'istio' in r.labels || r.labels['release'] === 'istio';
}

export interface ServicePortInfo {
  number: number;
  name: string;
  protocol: string;
}

export interface HostTarget {
  ports: ServicePortInfo[];
}

/**
 * ServiceEntry and Service hosts by scope ("*" or a namespace) and FQDN, plus the wildcard
 * hosts per scope so wildcard lookups do not scan every entry.
 */
export class ServiceHostIndex {
  private readonly exact = new Map<string, HostTarget>();
  private readonly wildcards = new Map<string, Array<{ suffix: string; target: HostTarget }>>();

  private add(scope: string, namespace: string, host: string, target: HostTarget): void {
    const fqdn = hostToFqdn(namespace, host);
    this.exact.set(`${scope}/${fqdn}`, target);
    if (fqdn.startsWith('*')) {
      let list = this.wildcards.get(scope);
      if (!list) this.wildcards.set(scope, (list = []));
      list.push({ suffix: fqdn.slice(1), target });
    }
  }

  static build(ctx: AnalysisContext): ServiceHostIndex {
    const idx = new ServiceHostIndex();
    for (const r of ctx.snapshot.list(K.ServiceEntry)) {
      const exportTo = strs(r.spec['exportTo']);
      const ports = arr(r.spec['ports']).map((p) => ({ number: num(obj(p)['number']) ?? 0, name: str(obj(p)['name']), protocol: str(obj(p)['protocol']) }));
      const target = { ports };
      for (const h of strs(r.spec['hosts'])) {
        if (exportTo.length === 0 || exportTo.includes(EXPORT_ALL)) {
          idx.add(EXPORT_ALL, r.namespace, h, target);
          continue;
        }
        for (const e of exportTo) idx.add(e === EXPORT_LOCAL ? r.namespace : e, r.namespace, h, target);
      }
    }
    if (ctx.snapshot.has(K.Service)) {
      for (const r of ctx.snapshot.list(K.Service)) {
        const ports = arr(r.spec['ports']).map((p) => ({ number: num(obj(p)['port']) ?? 0, name: str(obj(p)['name']), protocol: str(obj(p)['protocol']) }));
        const target = { ports };
        const anno = r.annotations['networking.istio.io/exportTo'];
        const scopes = !anno ? [EXPORT_ALL] : anno.split(',').map((s) => (s.trim() === EXPORT_LOCAL ? r.namespace : s.trim()));
        for (const s of scopes) idx.add(s, r.namespace, r.name, target);
      }
    }
    return idx;
  }

  /** istioctl's GetDestinationHost. */
  lookup(sourceNs: string, exportTo: readonly string[], host: string): HostTarget | undefined {
    const fqdn = hostToFqdn(sourceNs, host);
    const all = this.exact.get(`${EXPORT_ALL}/${fqdn}`);
    if (all) return all;
    if (exportTo.length === 0) {
      const t = this.exact.get(`${sourceNs}/${fqdn}`);
      if (t) return t;
    } else {
      for (let e of exportTo) {
        if (e === EXPORT_LOCAL) e = sourceNs;
        const t = this.exact.get(`${e}/${fqdn}`);
        if (t) return t;
      }
    }
    const bare = host.startsWith('*') ? host.slice(1) : host;
    for (const scope of [EXPORT_ALL, sourceNs]) {
      for (const w of this.wildcards.get(scope) ?? []) if (bare.endsWith(w.suffix)) return w.target;
    }
    return undefined;
  }
}

/** Route destinations of a VirtualService with their field-map paths. */
export interface RouteDestination {
  rule: 'http' | 'tcp' | 'tls' | 'http.mirror' | 'http.mirrors';
  ruleIndex: number;
  destIndex: number;
  destination: Record<string, unknown>;
  path: string;
}

export function routeDestinations(vs: Resource): RouteDestination[] {
  const out: RouteDestination[] = [];
  for (const rule of ['tcp', 'tls', 'http'] as const) {
    arr(vs.spec[rule]).forEach((r, i) => {
      arr(obj(r)['route']).forEach((rd, j) => {
        out.push({ rule, ruleIndex: i, destIndex: j, destination: obj(obj(rd)['destination']), path: `{.spec.${rule}[${i}].route[${j}].destination.host}` });
      });
    });
  }
  return out;
}

export function mirrorDestinations(vs: Resource): RouteDestination[] {
  const out: RouteDestination[] = [];
  arr(vs.spec['http']).forEach((r, i) => {
    const m = obj(r)['mirror'];
    if (m && typeof m === 'object') out.push({ rule: 'http.mirror', ruleIndex: i, destIndex: 0, destination: obj(m), path: `{.spec.http[${i}].mirror.host}` });
    arr(obj(r)['mirrors']).forEach((mm, j) => {
      out.push({ rule: 'http.mirrors', ruleIndex: i, destIndex: j, destination: obj(obj(mm)['destination']), path: `{.spec.http[${i}].mirrors[${j}].host}` });
    });
  });
  return out;
}

/** Pods by namespace, so selector checks only look at their own namespace. */
export function podsByNamespace(ctx: AnalysisContext): Map<string, Resource[]> {
  const m = new Map<string, Resource[]>();
  for (const p of ctx.snapshot.list(K.Pod)) {
    let l = m.get(p.namespace);
    if (!l) m.set(p.namespace, (l = []));
    l.push(p);
  }
  return m;
}
