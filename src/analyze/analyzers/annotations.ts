/**
 * annotations.K8sAnalyzer: Istio annotations on Namespaces, Services, Pods and Deployments that
 * Istio does not know (IST0108), that are deprecated (IST0135), that sit on a kind they do not
 * apply to (IST0107) or whose value is malformed (IST0125).
 */
import { newMessage, type Analyzer, type AnalysisContext } from '../analyzer.js';
import { validateAnnotations } from '../../inject/inject.js';
import { K, type KindKey } from '../kinds.js';

interface AnnotationFacts {
  readonly deprecated: boolean;
  /** Kinds it applies to, as istio.io/api names them; 'Any' applies everywhere. */
  readonly resources: readonly string[];
}

/** istio.io/api annotation names (the Istio 1.30 release): [name, deprecated, resource types]. */
const KNOWN: ReadonlyArray<readonly [string, boolean, readonly string[]]> = [
  ['alpha.istio.io/canonical-serviceaccounts', true, ['Service']],
  ['alpha.istio.io/kubernetes-serviceaccounts', true, ['Service']],
  ['ambient.istio.io/bypass-inbound-capture', false, ['Pod']],
  ['ambient.istio.io/dns-capture', false, ['Pod']],
  ['ambient.istio.io/redirection', false, ['Pod']],
  ['ambient.istio.io/waypoint-inbound-binding', false, ['GatewayClass', 'Gateway']],
  ['galley.istio.io/analyze-suppress', false, ['Any']],
  ['gateway.istio.io/controller-version', false, ['Any']],
  ['gateway.istio.io/name-override', false, ['Gateway']],
  ['gateway.istio.io/service-account', false, ['Gateway']],
  ['inject.istio.io/templates', false, ['Pod']],
  ['istio.io/autoRegistrationGroup', false, ['WorkloadEntry']],
  ['istio.io/connectedAt', false, ['WorkloadEntry']],
  ['istio.io/disconnectedAt', false, ['WorkloadEntry']],
  ['istio.io/dry-run', false, ['AuthorizationPolicy']],
  ['istio.io/reroute-virtual-interfaces', false, ['Pod']],
  ['istio.io/rev', false, ['Pod']],
  ['istio.io/workloadController', false, ['WorkloadEntry']],
  ['kubernetes.io/ingress.class', false, ['Ingress']],
  ['networking.istio.io/exportTo', false, ['Service']],
  ['networking.istio.io/service-type', false, ['Gateway']],
  ['networking.istio.io/traffic-distribution', false, ['Namespace', 'Service', 'ServiceEntry']],
  ['prometheus.istio.io/merge-metrics', false, ['Pod']],
  ['proxy.istio.io/config', false, ['Pod']],
  ['proxy.istio.io/overrides', false, ['Pod']],
  ['readiness.status.sidecar.istio.io/applicationPorts', false, ['Pod']],
  ['readiness.status.sidecar.istio.io/failureThreshold', false, ['Pod']],
  ['readiness.status.sidecar.istio.io/initialDelaySeconds', false, ['Pod']],
  ['readiness.status.sidecar.istio.io/periodSeconds', false, ['Pod']],
  ['sidecar.istio.io/agentLogLevel', false, ['Pod']],
  ['sidecar.istio.io/bootstrapOverride', false, ['Pod']],
  ['sidecar.istio.io/componentLogLevel', false, ['Pod']],
  ['sidecar.istio.io/discoveryAddress', true, ['Pod']],
  ['sidecar.istio.io/extraStatTags', true, ['Pod']],
  ['sidecar.istio.io/inject', true, ['Pod']],
  ['sidecar.istio.io/interceptionMode', false, ['Pod']],
  ['sidecar.istio.io/logLevel', false, ['Pod']],
  ['sidecar.istio.io/nativeSidecar', false, ['Pod']],
  ['sidecar.istio.io/proxyCPU', false, ['Pod']],
  ['sidecar.istio.io/proxyCPULimit', false, ['Pod']],
  ['sidecar.istio.io/proxyImage', false, ['Pod']],
  ['sidecar.istio.io/proxyImageType', false, ['Pod']],
  ['sidecar.istio.io/proxyMemory', false, ['Pod']],
  ['sidecar.istio.io/proxyMemoryLimit', false, ['Pod']],
  ['sidecar.istio.io/rewriteAppHTTPProbers', false, ['Pod']],
  ['sidecar.istio.io/statsCompression', true, ['Pod']],
  ['sidecar.istio.io/statsEvictionInterval', false, ['Pod']],
  ['sidecar.istio.io/statsFlushInterval', false, ['Pod']],
  ['sidecar.istio.io/statsHistogramBins', false, ['Pod']],
  ['sidecar.istio.io/statsHistogramBuckets', false, ['Pod']],
  ['sidecar.istio.io/statsInclusionPrefixes', true, ['Pod']],
  ['sidecar.istio.io/statsInclusionRegexps', true, ['Pod']],
  ['sidecar.istio.io/statsInclusionSuffixes', true, ['Pod']],
  ['sidecar.istio.io/status', false, ['Pod']],
  ['sidecar.istio.io/userVolume', false, ['Pod']],
  ['sidecar.istio.io/userVolumeMount', false, ['Pod']],
  ['status.sidecar.istio.io/port', false, ['Pod']],
  ['topology.istio.io/controlPlaneClusters', false, ['Namespace']],
  ['traffic.istio.io/nodeSelector', false, ['Service']],
  ['traffic.sidecar.istio.io/excludeInboundPorts', false, ['Pod']],
  ['traffic.sidecar.istio.io/excludeInterfaces', false, ['Pod']],
  ['traffic.sidecar.istio.io/excludeOutboundIPRanges', false, ['Pod']],
  ['traffic.sidecar.istio.io/excludeOutboundPorts', false, ['Pod']],
  ['traffic.sidecar.istio.io/includeInboundPorts', false, ['Pod']],
  ['traffic.sidecar.istio.io/includeOutboundIPRanges', false, ['Pod']],
  ['traffic.sidecar.istio.io/includeOutboundPorts', false, ['Pod']],
  ['traffic.sidecar.istio.io/kubevirtInterfaces', true, ['Pod']],
];

const ANNOTATIONS: ReadonlyMap<string, AnnotationFacts> = new Map(KNOWN.map(([name, deprecated, resources]) => [name, { deprecated, resources }]));

/** Set by Istio itself (injector, gateway controller, revision tagging): never reported. */
const ALWAYS_IGNORED = new Set(['sidecar.istio.io/status', 'gateway.istio.io/controller-version', 'istio.io/rev']);

const SIDECAR_INJECT = 'sidecar.istio.io/inject';
const DEPRECATION_EXTRA: Readonly<Record<string, string>> = { [SIDECAR_INJECT]: ` in favor of the "${SIDECAR_INJECT}" label` };

/** Whether the annotation is in Istio's namespace (plus the Kubernetes one Istio documents). */
export function isIstioAnnotation(name: string): boolean {
  if (name === 'kubernetes.io/ingress.class') return true;
  const i = name.indexOf('/');
  return (i >= 0 ? name.slice(0, i) : name).endsWith('istio.io');
}

/** The injector's complaint about an annotation value, without its "invalid value ... for annotation" prefix. */
function valueProblem(name: string, value: string): string | undefined {
  try {
    validateAnnotations({ [name]: value });
    return undefined;
  } catch (e) {
    const text = (e as Error).message;
    const prefix = `invalid value '${value}' for annotation '${name}': `;
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  }
}

const CHECKED_KINDS: ReadonlyArray<readonly [KindKey, string]> = [
  [K.Namespace, 'Namespace'],
  [K.Service, 'Service'],
  [K.Pod, 'Pod'],
  [K.Deployment, 'Deployment'],
];

function analyzeKind(ctx: AnalysisContext, key: KindKey, kind: string): void {
  for (const r of ctx.snapshot.list(key)) {
    for (const [name, value] of Object.entries(r.annotations)) {
      if (!isIstioAnnotation(name) || ALWAYS_IGNORED.has(name)) continue;
      const path = `{.metadata.annotations.${name}}`;
      const facts = ANNOTATIONS.get(name);
      if (!facts) {
        ctx.report(newMessage('UnknownAnnotation', r, [name], path));
        continue;
      }
      // Having both the deprecated annotation and its replacement label is deliberate compatibility.
      if (facts.deprecated && !(name === SIDECAR_INJECT && SIDECAR_INJECT in r.labels)) {
        ctx.report(newMessage('DeprecatedAnnotation', r, [name, DEPRECATION_EXTRA[name] ?? ''], path));
      }
      if (facts.resources.includes('Any')) continue;
      if (!facts.resources.includes(kind)) {
        ctx.report(newMessage('MisplacedAnnotation', r, [name, facts.resources.join(', ')], path));
        continue;
      }
      const problem = valueProblem(name, value);
      if (problem !== undefined) ctx.report(newMessage('InvalidAnnotation', r, [name, problem], path));
    }
  }
}

export const annotationsAnalyzer: Analyzer = {
  name: 'annotations.K8sAnalyzer',
  description: 'Reports Istio annotations on Kubernetes objects that are unknown, malformed, deprecated or on a kind that ignores them',
  inputs: [K.Namespace, K.Service, K.Pod, K.Deployment],
  analyze(ctx) {
    for (const [key, kind] of CHECKED_KINDS) analyzeKind(ctx, key, kind);
  },
};
