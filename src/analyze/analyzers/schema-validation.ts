/** schema.ValidationAnalyzer.<Kind>: Istio's validation (CRD schema + semantic rules) as IST0106/IST0133. */
import { newMessage, type Analyzer } from '../analyzer.js';
import { KINDS, kindKey } from '../kinds.js';
import { validateSemantics } from '../../validate/semantic.js';

/** Kinds whose analyzer says more than the common sentence (their CRD schema is open). */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  TrafficExtension: "Checks each TrafficExtension's single Wasm or Lua filter, its workload selection and its match ports with Istio's semantic rules",
};

export const schemaValidationAnalyzers: Analyzer[] = KINDS.filter((k) => k.istio).map((k) => {
  const key = kindKey(k.group, k.kind);
  return {
    name: `schema.ValidationAnalyzer.${k.kind}`,
    description: DESCRIPTIONS[k.kind] ?? `Validates every ${k.kind} against its CRD schema and Istio's semantic rules for the kind`,
    inputs: [key],
    analyze(ctx) {
      for (const r of ctx.snapshot.list(key)) {
        // No labels, no annotations: Istio's ValidationAnalyzer builds the config it validates from
        // the name, namespace and spec alone. So in istioctl analyze the metadata checks
        // (istio.io/dry-run, the internal.istio.io annotations) never fire, the Gateway API
        // semantics stay off, and a ServiceEntry's auto-allocation opt-out and waypoint labels are
        // not seen. `validate` passes both, as istioctl validate does.
        const result = validateSemantics(r.kind, r.name, r.namespace, r.spec, {}, {});
        for (const e of result.errors) ctx.report(newMessage('SchemaValidationError', r, [new Error(e.message)], e.path));
        for (const w of result.warnings) {
          // Findings that Istio reports under their own code (IST0130/IST0131 unreachable or
          // ineffective routes) keep it; the rest are generic schema warnings (IST0133).
          if (w.analysis) ctx.report(newMessage(w.analysis.type, r, w.analysis.params, w.path));
          else ctx.report(newMessage('SchemaWarning', r, [new Error(w.message)], w.path));
        }
      }
    },
  } satisfies Analyzer;
});
