/**
 * Telemetry rules of Istio's ValidateTelemetry: selector/targetRef(s), metrics providers and tag
 * overrides, tracing (one tracing entry and one provider, sampling range, custom tags) and access
 * logging (providers, CEL filter expressions). Istio walks custom tags and tag overrides in Go map
 * order (random); sailctl reports them in document order.
 */
import { arr, obj, str, type JsonObject } from '../analyze/resource.js';
import { validatePolicySelection, type Sink } from './rules.js';
import { celSyntaxError } from './cel.js';
import type { SemanticResult } from './semantic.js';
import { sinkFor } from './workload.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;

/** Istio stops at the first provider without a name: one message per provider list. */
function providersError(providers: unknown): string | undefined {
  return arr(providers).some((p) => !present(p) || str(obj(p)['name']) === '') ? 'providers.name may not be empty' : undefined;
}

function validateMetrics(metrics: unknown, out: Sink): void {
  arr(metrics).forEach((m, i) => {
    if (!present(m)) return;
    out.error(providersError(obj(m)['providers']));
    arr(obj(m)['overrides']).forEach((o, j) => {
      const at = `.spec.metrics[${i}].overrides[${j}]`;
      if (!present(o)) {
        out.error('tagOverrides may not be null');
        return;
      }
      for (const [tag, to] of Object.entries(obj(obj(o)['tagOverrides']))) {
        if (tag === '') out.warn('tagOverrides.name may not be empty');
        if (!present(to)) {
          out.error('tagOverrides may not be null');
          continue;
        }
        const operation = str(obj(to)['operation']) || 'UPSERT';
        const value = str(obj(to)['value']);
        if (operation === 'UPSERT' && value === '') out.error('tagOverrides.value must be set when operation is UPSERT', `{${at}.tagOverrides.${tag}.operation}`);
        if (operation === 'REMOVE' && value !== '') out.error('tagOverrides.value may only be set when operation is UPSERT', `{${at}.tagOverrides.${tag}.value}`);
      }
      const match = obj(obj(o)['match']);
      if ('customMetric' in match && str(match['customMetric']) === '') out.error('customMetric may not be empty', `{${at}.match.customMetric}`);
    });
  });
}

function validateTracing(tracing: unknown, out: Sink): void {
  const list = arr(tracing);
  if (list.length > 1) out.warn('multiple tracing is not currently supported');
  list.forEach((t, i) => {
    if (!present(t)) return;
    const o = obj(t);
    if (arr(o['providers']).length > 1) out.warn('multiple providers is not currently supported');
    out.error(providersError(o['providers']));
    const pct = o['randomSamplingPercentage'];
    if (typeof pct === 'number' && (pct < 0 || pct > 100)) out.error('randomSamplingPercentage must be in range [0.0, 100.0]', `{.spec.tracing[${i}].randomSamplingPercentage}`);
    for (const [name, tag] of Object.entries(obj(o['customTags']))) {
      if (name === '') out.error('tag name may not be empty');
      if (!present(tag)) {
        out.error(`tag '${name}' may not have a nil value`);
        continue;
      }
      const t2 = obj(tag);
      // The tag's type is a oneof: only the kind that is present is checked.
      if (present(t2['literal'])) {
        if (str(obj(t2['literal'])['value']) === '') out.error('literal tag value may not be empty');
      } else if (present(t2['header'])) {
        if (str(obj(t2['header'])['name']) === '') out.error('header tag name may not be empty');
      } else if (present(t2['environment'])) {
        if (str(obj(t2['environment'])['name']) === '') out.error('environment tag name may not be empty');
      }
    }
  });
}

function validateAccessLogging(logging: unknown, out: Sink): void {
  arr(logging).forEach((l, i) => {
    if (!present(l)) return;
    const o = obj(l);
    if (present(o['filter'])) {
      const e = celSyntaxError(str(obj(o['filter'])['expression']));
      if (e) out.error(`must be a valid CEL expression, ${e}`, `{.spec.accessLogging[${i}].filter.expression}`);
    }
    out.error(providersError(o['providers']));
  });
}

export function validateTelemetry(spec: JsonObject, r: SemanticResult): void {
  const out = sinkFor(r);
  validatePolicySelection(spec, out);
  validateMetrics(spec['metrics'], out);
  validateTracing(spec['tracing'], out);
  validateAccessLogging(spec['accessLogging'], out);
}
