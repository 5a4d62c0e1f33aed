import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../../src/analyze/run.js';
import { parseResources } from '../../../src/analyze/parse.js';
import type { ResourceSource } from '../../../src/analyze/snapshot.js';
import { formatLogLine } from '../../../src/analyze/format.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'batch-a');

function fileSource(name: string, text = readFileSync(join(FIX, name), 'utf8')): ResourceSource {
  return {
    name,
    providesRuntimeKinds: false,
    async load(ns: string) {
      return parseResources(name, text, { defaultNamespace: ns });
    },
  };
}

/** Runs one analyzer over a fixture (runtime kinds kept, all namespaces) and returns istioctl's log lines. */
async function lines(fixture: string, analyzer: string, opts: { namespace?: string; text?: string } = {}): Promise<string[]> {
  const r = await runAnalysis({
    sources: [fileSource(fixture, opts.text)],
    namespace: opts.namespace ?? '',
    istioNamespace: 'istio-system',
    includeRuntimeKinds: true,
    analyzerNames: [analyzer],
  });
  expect(r.executed).toEqual([analyzer]);
  expect(r.problems).toEqual([]);
  return r.messages.map((m) => formatLogLine(m, false));
}

describe('annotations.K8sAnalyzer', () => {
  it('reports unknown, deprecated, misplaced and invalid Istio annotations at their lines', async () => {
    expect(await lines('annotations.yaml', 'annotations.K8sAnalyzer')).toEqual([
      'Warning [IST0107] (Deployment default/web annotations.yaml:41) Misplaced annotation: sidecar.istio.io/proxyCPU can only be applied to Pod',
      'Warning [IST0107] (Pod default/annotated annotations.yaml:10) Misplaced annotation: networking.istio.io/exportTo can only be applied to Service',
      'Warning [IST0108] (Pod default/annotated annotations.yaml:7) Unknown annotation: sidecar.istio.io/bogus',
      'Warning [IST0125] (Pod default/annotated annotations.yaml:9) Invalid annotation sidecar.istio.io/interceptionMode: interceptionMode invalid, use REDIRECT,TPROXY,NONE: FOO',
      'Info [IST0135] (Pod default/annotated annotations.yaml:8) Annotation "sidecar.istio.io/inject" has been deprecated in favor of the "sidecar.istio.io/inject" label and may not work in future Istio versions.',
    ]);
  });
  it('is skipped when runtime kinds are not available (as istioctl with files only)', async () => {
    const r = await runAnalysis({ sources: [fileSource('annotations.yaml')], namespace: '', istioNamespace: 'istio-system', analyzerNames: ['annotations.K8sAnalyzer'] });
    expect(r.skipped).toEqual(['annotations.K8sAnalyzer']);
    expect(r.messages).toEqual([]);
  });
});

describe('auth.AuthorizationPoliciesAnalyzer', () => {
  it('reports policies selecting no meshed workload and unknown source namespaces', async () => {
    expect(await lines('authz.yaml', 'auth.AuthorizationPoliciesAnalyzer')).toEqual([
      'Error [IST0101] (AuthorizationPolicy shop/legacy-only authz.yaml:57) Referenced namespace not found: "backend-*"',
      'Error [IST0101] (AuthorizationPolicy shop/legacy-only authz.yaml:73) Referenced namespace not found: "*-z"',
      'Error [IST0101] (AuthorizationPolicy shop/legacy-only authz.yaml:73) Referenced namespace not found: "nowhere"',
      'Warning [IST0127] (AuthorizationPolicy shop/legacy-only authz.yaml:57) No matching workloads for this resource with the following labels: app=legacy',
      'Warning [IST0127] (AuthorizationPolicy istio-system/mesh-wide-none authz.yaml:96) No matching workloads for this resource with the following labels: app=ghost',
      'Warning [IST0127] (AuthorizationPolicy empty/ns-wide authz.yaml:78) No matching workloads for this resource with the following labels: ',
    ]);
  });
  it('a pod in ambient mode counts as a mesh workload', async () => {
    const text = readFileSync(join(FIX, 'authz.yaml'), 'utf8').replace(
      '    sidecar.istio.io/inject: "false"\n',
      '    sidecar.istio.io/inject: "false"\n  annotations:\n    ambient.istio.io/redirection: enabled\n',
    );
    const out = await lines('authz.yaml', 'auth.AuthorizationPoliciesAnalyzer', { text });
    expect(out.filter((l) => l.includes('app=legacy'))).toEqual([]);
  });
});

describe('conditions.ConditionAnalyzer', () => {
  it('reports negative conditions from status, per kind', async () => {
    expect(await lines('conditions.yaml', 'conditions.ConditionAnalyzer')).toEqual([
      'Warning [IST0171] (AuthorizationPolicy default/partial conditions.yaml:46) A condition with a negative status is present: type=WaypointAccepted, reason=PartiallyInvalid, message=some rules ignored.',
      'Warning [IST0171] (Gateway default/waypoint conditions.yaml:1) A condition with a negative status is present: type=Programmed, reason=Invalid, message=no addresses.',
      'Warning [IST0171] (HTTPRoute default/route conditions.yaml:23) A condition with a negative status is present: type=ResolvedRefs, reason=BackendNotFound, message=backend svc not found.',
      'Warning [IST0171] (ServiceEntry default/unbound conditions.yaml:63) A condition with a negative status is present: type=istio.io/WaypointBound, reason=WaypointNotFound, message=waypoint missing not found.',
    ]);
  });
});

describe('deployment.MultiServiceAnalyzer', () => {
  it('reports one port with two protocols and one targetPort behind two ports', async () => {
    expect(await lines('deployment.yaml', 'deployment.MultiServiceAnalyzer')).toEqual([
      'Warning [IST0116] (Deployment default/reviews deployment.yaml:11) This deployment reviews is associated with multiple services using port 9080 but different protocols: [default/reviews-http default/reviews-udp]',
      'Warning [IST0137] (Deployment default/reviews deployment.yaml:11) This deployment reviews is associated with multiple services [default/reviews-alt default/reviews-http] using targetPort "9080" but different ports: [8080 9080].',
    ]);
  });
});

describe('applicationUID.Analyzer', () => {
  it('reports pods and deployments running as UID 1337, except the proxy and the control plane', async () => {
    expect(await lines('appuid.yaml', 'applicationUID.Analyzer')).toEqual([
      'Warning [IST0144] (Deployment default/container-level appuid.yaml:13) User ID (UID) 1337 is reserved for the sidecar proxy.',
      'Warning [IST0144] (Pod default/pod-level appuid.yaml:1) User ID (UID) 1337 is reserved for the sidecar proxy.',
    ]);
  });
});

describe('destinationrule.SubsetSelectPodAnalyzer', () => {
  it('reports unknown hosts and subsets selecting no pod (with node topology labels)', async () => {
    expect(await lines('subsets.yaml', 'destinationrule.SubsetSelectPodAnalyzer')).toEqual([
      'Error [IST0173] (DestinationRule default/reviews subsets.yaml:36) The Subset v2 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).',
      'Error [IST0173] (DestinationRule default/vm-reviews subsets.yaml:69) The Subset v1 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).',
      'Warning [IST0174] (DestinationRule default/ghost subsets.yaml:81) The host ghost.default.svc.cluster.local defined in the DestinationRule does not match any services in the mesh.',
    ]);
  });
  it('without the node, topology labels are not added and the zone subset selects nothing', async () => {
    const text = readFileSync(join(FIX, 'subsets.yaml'), 'utf8').replace('  name: node-1\n', '  name: node-2\n');
    const out = await lines('subsets.yaml', 'destinationrule.SubsetSelectPodAnalyzer', { text });
    expect(out.some((l) => l.includes('The Subset eu defined'))).toBe(true);
  });
});

describe('deprecation.DeprecationAnalyzer', () => {
  it('reports fault.delay.percent, Sidecar egressProxy and removed rbac CRDs', async () => {
    expect(await lines('deprecation.yaml', 'deprecation.DeprecationAnalyzer')).toEqual([
      'Warning [IST0002] (CustomResourceDefinition serviceroles.rbac.istio.io deprecation.yaml:46) Deprecated: Custom resource type rbac.istio.io ServiceRole is removed',
      'Warning [IST0002] (Sidecar default/egress deprecation.yaml:26) Deprecated: OutboundTrafficPolicy.EgressProxy ignored',
      'Warning [IST0002] (VirtualService default/delayed deprecation.yaml:1) Deprecated: HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage',
    ]);
  });
  it('runs on files alone (no runtime kinds needed)', async () => {
    const r = await runAnalysis({ sources: [fileSource('deprecation.yaml')], namespace: 'default', istioNamespace: 'istio-system', analyzerNames: ['deprecation.DeprecationAnalyzer'] });
    expect(r.messages.map((m) => m.type.code)).toEqual(['IST0002', 'IST0002', 'IST0002']);
  });
});

describe('externalcontrolplane.ExternalControlPlaneAnalyzer', () => {
  it('reports IP addresses, malformed and blank webhook URLs of Istio webhooks only', async () => {
    expect(await lines('external-control-plane.yaml', 'externalcontrolplane.ExternalControlPlaneAnalyzer')).toEqual([
      'Warning [IST0163] (MutatingWebhookConfiguration istio-sidecar-injector-external-istiod external-control-plane.yaml:15) The hostname (https://istiod.example.com:port/inject) that was provided for the webhook (rev.namespace.sidecar-injector.istio.io) to reach the ingress gateway on the external control plane cluster was provided in an invalid format. Traffic may not flow properly.',
      'Warning [IST0163] (ValidatingWebhookConfiguration istio-validator-external-istiod external-control-plane.yaml:1) The hostname () that was provided for the webhook (blank.validation.istio.io) to reach the ingress gateway on the external control plane cluster is blank. Traffic may not flow properly.',
      'Info [IST0164] (MutatingWebhookConfiguration istio-sidecar-injector-external-istiod external-control-plane.yaml:15) The address (https://[2001:db8::1]:15017/inject) that was provided for the webhook (v6.sidecar-injector.istio.io) to reach the ingress gateway on the external control plane cluster is an IP address. This is not recommended for a production environment.',
      'Info [IST0164] (ValidatingWebhookConfiguration istio-validator-external-istiod external-control-plane.yaml:1) The address (https://10.0.0.12:15017/validate) that was provided for the webhook (rev.validation.istio.io) to reach the ingress gateway on the external control plane cluster is an IP address. This is not recommended for a production environment.',
    ]);
  });
});

describe('gateway.CertificateAnalyzer', () => {
  it('reports gateways for the same workloads sharing a certificate', async () => {
    expect(await lines('gateway-certificate.yaml', 'gateway.CertificateAnalyzer')).toEqual([
      'Warning [IST0138] (Gateway default/files-a gateway-certificate.yaml:43) Duplicate certificate in multiple gateways [default/files-a default/files-c] may cause 404s if clients re-use HTTP2 connections.',
      'Warning [IST0138] (Gateway default/files-c gateway-certificate.yaml:102) Duplicate certificate in multiple gateways [default/files-c default/files-a] may cause 404s if clients re-use HTTP2 connections.',
      'Warning [IST0138] (Gateway default/shop gateway-certificate.yaml:4) Duplicate certificate in multiple gateways [default/shop web/blog] may cause 404s if clients re-use HTTP2 connections.',
    ]);
  });
});

describe('gateway.SecretAnalyzer', () => {
  it('reports missing and invalid credentials (looked up in the gateway pod namespace) and unmatched selectors', async () => {
    expect(await lines('gateway-secret.yaml', 'gateway.SecretAnalyzer')).toEqual([
      'Error [IST0101] (Gateway apps/edge gateway-secret.yaml:39) Referenced credentialName not found: "missing-cert"',
      'Error [IST0101] (Gateway apps/orphan gateway-secret.yaml:72) Referenced selector not found: "app=no-such-gateway,zone=a"',
      'Error [IST0161] (Gateway apps/edge gateway-secret.yaml:48) The credential referenced by the Gateway edge in namespace edge is invalid, which can cause the traffic not to work as expected.',
      'Error [IST0161] (Gateway apps/edge gateway-secret.yaml:57) The credential referenced by the Gateway edge in namespace edge is invalid, which can cause the traffic not to work as expected.',
    ]);
  });
});
