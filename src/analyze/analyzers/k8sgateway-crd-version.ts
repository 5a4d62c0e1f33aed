import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';

/** Minimum Gateway API bundle versions istiod 1.30 processes, by CRD name (a fact from Istio). */
const MINIMUM_BUNDLE_VERSIONS: ReadonlyMap<string, SemVer> = new Map([
  ['grpcroutes.gateway.networking.k8s.io', { major: 1, minor: 1, patch: 0, pre: '', meta: '' }],
  ['backendtlspolicies.gateway.networking.k8s.io', { major: 1, minor: 4, patch: 0, pre: '', meta: '' }],
  ['tlsroutes.gateway.networking.k8s.io', { major: 1, minor: 5, patch: 0, pre: '', meta: '' }],
]);

const BUNDLE_VERSION_ANNOTATION = 'gateway.networking.k8s.io/bundle-version';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string;
  meta: string;
}

// The loose form Masterminds semver (used by Istio) accepts: optional "v", minor and patch optional.
const LOOSE_SEMVER = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function parseSemVer(s: string): SemVer | undefined {
  const m = LOOSE_SEMVER.exec(s);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre: m[4] ?? '', meta: m[5] ?? '' };
}

/** Masterminds' Version.String(): normalised, without the "v". */
export function semVerString(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.meta ? `+${v.meta}` : ''}`;
}

function lessThan(a: SemVer, b: SemVer): boolean {
  if (a.major !== b.major) return a.major < b.major;
  if (a.minor !== b.minor) return a.minor < b.minor;
  return a.patch < b.patch;
}

export const k8sGatewayCRDVersionAnalyzer: Analyzer = {
  name: 'k8sgateway.CRDVersionAnalyzer',
  description: 'Reports installed Gateway API CRDs older than this Istio release needs',
  inputs: [K.CustomResourceDefinition],
  analyze(ctx) {
    for (const crd of ctx.snapshot.list(K.CustomResourceDefinition)) {
      const minimum = MINIMUM_BUNDLE_VERSIONS.get(crd.name);
      if (!minimum) continue;
      const bundle = crd.annotations[BUNDLE_VERSION_ANNOTATION];
      if (bundle === undefined) continue;
      const installed = parseSemVer(bundle);
      if (!installed) continue;
      // Pre-releases of the minimum count as the minimum (Istio strips the pre-release first).
      if (lessThan(installed, minimum)) {
        ctx.report(newMessage('GatewayAPICRDVersionBelowMinimum', crd, [crd.name, semVerString(installed), semVerString(minimum)]));
      }
    }
  },
};
