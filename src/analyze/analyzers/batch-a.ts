/** Analyzers added in batch A (registered in index.ts after the core set), in istioctl's all.go order. */
import type { Analyzer } from '../analyzer.js';
import { annotationsAnalyzer } from './annotations.js';
import { applicationUIDAnalyzer } from './application-uid.js';
import { authorizationPoliciesAnalyzer } from './authz-policies.js';
import { conditionAnalyzer } from './conditions.js';
import { multiServiceAnalyzer } from './deployment-services.js';
import { deprecationAnalyzer } from './deprecation.js';
import { subsetSelectPodAnalyzer } from './destinationrule-subset-pods.js';
import { externalControlPlaneAnalyzer } from './external-control-plane.js';
import { gatewayCertificateAnalyzer } from './gateway-certificate.js';
import { gatewaySecretAnalyzer } from './gateway-secret.js';

export const batchAAnalyzers: Analyzer[] = [
  annotationsAnalyzer,
  authorizationPoliciesAnalyzer,
  conditionAnalyzer,
  multiServiceAnalyzer,
  applicationUIDAnalyzer,
  subsetSelectPodAnalyzer,
  deprecationAnalyzer,
  externalControlPlaneAnalyzer,
  gatewayCertificateAnalyzer,
  gatewaySecretAnalyzer,
];
