/** Analyzers added in batch B (registered in index.ts after the core set), in istioctl's all.go order. */
import type { Analyzer } from '../analyzer.js';
import { blockedCIDRsAnalyzer } from './blocked-cidrs.js';
import { injectionImageAutoAnalyzer } from './injection-image-auto.js';
import { injectionImageAnalyzer } from './injection-image.js';
import { k8sGatewayCRDVersionAnalyzer } from './k8sgateway-crd-version.js';
import { k8sGatewaySelectorAnalyzer } from './k8sgateway-selector.js';
import { meshNetworksAnalyzer } from './meshnetworks.js';
import { multiClusterServiceAnalyzer } from './multicluster-service.js';
import { sidecarSelectorAnalyzer } from './sidecar-selector.js';
import { telemetryDefaultSelectorAnalyzer } from './telemetry-default-selector.js';
import { telemetryLightstepAnalyzer } from './telemetry-lightstep.js';
import { telemetrySelectorAnalyzer } from './telemetry-selector.js';
import { jwtClaimRouteAnalyzer } from './virtualservice-jwt-claim-route.js';
import { webhookAnalyzer } from './webhook.js';

export const batchBAnalyzers: Analyzer[] = [
  blockedCIDRsAnalyzer,
  injectionImageAnalyzer,
  injectionImageAutoAnalyzer,
  k8sGatewaySelectorAnalyzer,
  k8sGatewayCRDVersionAnalyzer,
  meshNetworksAnalyzer,
  multiClusterServiceAnalyzer,
  sidecarSelectorAnalyzer,
  jwtClaimRouteAnalyzer,
  webhookAnalyzer,
  telemetrySelectorAnalyzer,
  telemetryDefaultSelectorAnalyzer,
  telemetryLightstepAnalyzer,
];
