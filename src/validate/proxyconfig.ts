/**
 * ProxyConfig rules of Istio's ValidateProxyConfig: the workload selector (matchLabels) and a
 * non-negative concurrency. Image type and environment variables are left to the CRD schema, as
 * Istio leaves them.
 */
import { num, type JsonObject } from '../analyze/resource.js';
import { validateWorkloadSelector } from './rules.js';
import type { SemanticResult } from './semantic.js';
import { sinkFor } from './workload.js';

export function validateProxyConfig(spec: JsonObject, r: SemanticResult): void {
  const out = sinkFor(r);
  validateWorkloadSelector(spec['selector'], 'matchLabels', '.spec.selector', out);
  if ((num(spec['concurrency']) ?? 0) < 0) out.error('concurrency must be greater than or equal to 0', '{.spec.concurrency}');
}
