/**
 * TrafficExtension (extensions.istio.io/v1alpha1), the successor of WasmPlugin that carries either a
 * Wasm module or inline Lua. The rules and messages are Istio's ValidateTrafficExtension: exactly
 * one filter, the policy selection rules (selector or targetRefs), Lua code size, the Wasm module
 * checks WasmPlugin also has, and traffic-selector ports. Every rule reports independently, as
 * Istio appends each helper's error.
 */
import { obj, str, type JsonObject } from '../analyze/resource.js';
import { validateOneOfSelectorType, validatePolicyTargetReference, validateWorkloadSelector, type Sink } from './rules.js';
import type { SemanticResult } from './semantic.js';
import { matchError, sha256Error, vmConfigError, wasmURLError } from './wasmplugin.js';
import { sinkFor } from './workload.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;
/** Istio measures Lua code and names with Go's len(): UTF-8 bytes, not characters. */
const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
export const MAX_LUA_CODE_BYTES = 65536;

function validateLua(lua: unknown, out: Sink): void {
  const code = str(obj(lua)['inlineCode']);
  if (code === '') out.error('lua.inlineCode cannot be empty', '{.spec.lua.inlineCode}');
  else if (byteLength(code) > MAX_LUA_CODE_BYTES) out.error('lua.inlineCode exceeds maximum size of 64KB', '{.spec.lua.inlineCode}');
}

function validateWasm(wasm: unknown, out: Sink): void {
  const w = obj(wasm);
  out.error(wasmURLError(str(w['url'])), '{.spec.wasm.url}');
  out.error(sha256Error(str(w['sha256'])), '{.spec.wasm.sha256}');
  if (byteLength(str(w['imagePullSecret'])) > 253) out.error('imagePullSecret field must be less than 253 characters long', '{.spec.wasm.imagePullSecret}');
  // Istio's TrafficExtension text says 256 where WasmPlugin's says 255 for the same limit.
  if (byteLength(str(w['pluginName'])) > 256) out.error('pluginName field must be less than 256 characters long', '{.spec.wasm.pluginName}');
  const env = vmConfigError(w['vmConfig'], '.spec.wasm.vmConfig');
  if (env) out.error(env.message, env.path);
}

export function validateTrafficExtension(spec: JsonObject, r: SemanticResult): void {
  const out = sinkFor(r);
  const hasWasm = present(spec['wasm']);
  const hasLua = present(spec['lua']);
  if (hasWasm === hasLua) out.error('exactly one of wasm or lua must be set');
  // TrafficExtension has no singular targetRef: only selector and targetRefs take part.
  validateOneOfSelectorType({ selector: spec['selector'], targetRefs: spec['targetRefs'] }, out);
  validateWorkloadSelector(spec['selector'], 'matchLabels', '.spec.selector', out);
  if (Array.isArray(spec['targetRefs'])) for (const t of spec['targetRefs']) validatePolicyTargetReference(t, out);
  if (hasLua) validateLua(spec['lua'], out);
  if (hasWasm) validateWasm(spec['wasm'], out);
  const match = matchError(spec['match']);
  if (match) out.error(match.message, match.path);
}
