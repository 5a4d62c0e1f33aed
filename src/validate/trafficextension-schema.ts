/**
 * The structure of a TrafficExtension spec, written from the field list of istio/api's
 * extensions/v1alpha1 TrafficExtension message (and the WasmPlugin messages it reuses), because the
 * CRD Istio ships leaves the spec open and no generated model exists. Every message is closed
 * (additionalProperties: false) so a misspelt field is reported instead of silently ignored; Istio
 * itself drops unknown fields, so this is stricter than Istio on purpose. Enums take their names or
 * their numbers, as proto JSON does.
 */
import { structuralErrors, type StructuralError, type StructuralSchema } from './structural.js';

const string: StructuralSchema = { type: 'string' };
const integer: StructuralSchema = { type: 'integer' };

/** A proto enum: its value names, then the numbers 0..n-1 they stand for. */
function protoEnum(...names: string[]): StructuralSchema {
  return { type: ['string', 'integer'], enum: [...names, ...names.map((_, i) => i)] };
}

function message(properties: Record<string, StructuralSchema>): StructuralSchema {
  return { type: 'object', properties, additionalProperties: false };
}

const list = (items: StructuralSchema): StructuralSchema => ({ type: 'array', items });

const workloadSelector = message({ matchLabels: { type: 'object', additionalProperties: string } });

const policyTargetReference = message({ group: string, kind: string, name: string, namespace: string });

const trafficSelector = message({
  mode: protoEnum('UNDEFINED', 'CLIENT', 'SERVER', 'CLIENT_AND_SERVER'),
  ports: list(message({ number: integer })),
});

const vmConfig = message({
  env: list(message({ name: string, value: string, valueFrom: protoEnum('INLINE', 'HOST') })),
});

const wasmConfig = message({
  url: string,
  sha256: string,
  imagePullPolicy: protoEnum('UNSPECIFIED_POLICY', 'IfNotPresent', 'Always'),
  imagePullSecret: string,
  verificationKey: string,
  // google.protobuf.Struct: any JSON object, passed to the plugin as is.
  pluginConfig: { type: 'object' },
  pluginName: string,
  failStrategy: protoEnum('FAIL_CLOSE', 'FAIL_OPEN', 'FAIL_RELOAD'),
  vmConfig,
  type: protoEnum('UNSPECIFIED_PLUGIN_TYPE', 'HTTP', 'NETWORK'),
});

export const TRAFFIC_EXTENSION_SPEC_SCHEMA: StructuralSchema = message({
  selector: workloadSelector,
  targetRefs: list(policyTargetReference),
  phase: protoEnum('UNSPECIFIED', 'AUTHN', 'AUTHZ', 'STATS'),
  // google.protobuf.Int32Value: a plain number in YAML.
  priority: integer,
  match: list(trafficSelector),
  wasm: wasmConfig,
  lua: message({ inlineCode: string }),
});

export function trafficExtensionStructuralErrors(spec: unknown): StructuralError[] {
  return structuralErrors(spec, TRAFFIC_EXTENSION_SPEC_SCHEMA, 'spec', '.spec');
}
