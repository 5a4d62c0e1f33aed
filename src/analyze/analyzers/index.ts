/** Every analyzer, in istioctl's registration order (schema validation analyzers last). */
import type { Analyzer } from '../analyzer.js';
import { batchAAnalyzers } from './batch-a.js';
import { batchBAnalyzers } from './batch-b.js';
import { caCertificateAnalyzer } from './destinationrule-ca-certificates.js';
import { envoyPatchAnalyzer } from './envoyfilter-patch.js';
import { conflictingGatewayAnalyzer } from './gateway-conflicting.js';
import { ingressGatewayPortAnalyzer } from './gateway-ingress-port.js';
import { injectionAnalyzer } from './injection.js';
import { schemaValidationAnalyzers } from './schema-validation.js';
import { portNameAnalyzer } from './service-port-name.js';
import { serviceEntryAddressesAnalyzer } from './serviceentry-protocol-addresses.js';
import { telemetryProviderAnalyzer } from './telemetry-providers.js';
import { conflictingMeshGatewayHostsAnalyzer } from './virtualservice-conflicting-mesh-gateway-hosts.js';
import { destinationHostAnalyzer } from './virtualservice-destination-hosts.js';
import { virtualServiceDestinationRuleAnalyzer } from './virtualservice-destination-rules.js';
import { virtualServiceGatewayAnalyzer } from './virtualservice-gateways.js';

export function allAnalyzers(): Analyzer[] {
  return [
    caCertificateAnalyzer,
    envoyPatchAnalyzer,
    ingressGatewayPortAnalyzer,
    conflictingGatewayAnalyzer,
    injectionAnalyzer,
    portNameAnalyzer,
    conflictingMeshGatewayHostsAnalyzer,
    destinationHostAnalyzer,
    virtualServiceDestinationRuleAnalyzer,
    virtualServiceGatewayAnalyzer,
    serviceEntryAddressesAnalyzer,
    telemetryProviderAnalyzer,
    ...batchAAnalyzers,
    ...batchBAnalyzers,
    ...schemaValidationAnalyzers,
  ];
}

/** istioctl -L: names sorted, each with its description indented. */
export function analyzersAsString(analyzers: readonly Analyzer[]): string {
  return [...analyzers]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => `* ${a.name}:\n` + (a.description ? `    ${a.description}\n` : ''))
    .join('');
}
