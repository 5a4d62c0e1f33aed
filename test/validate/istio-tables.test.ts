/**
 * Opt-in: runs the cases of Istio's own validation test tables for Gateway, VirtualService,
 * DestinationRule, ServiceEntry, Sidecar, WorkloadEntry, WorkloadGroup, Telemetry, ProxyConfig,
 * WasmPlugin, TrafficExtension, AuthorizationPolicy, RequestAuthentication, PeerAuthentication
 * (pkg/config/validation/validation_test.go) and EnvoyFilter
 * (pkg/config/validation/envoyfilter/envoyfilter_test.go) through sailctl's semantic rules. The Go
 * test files are read at test time from ISTIO_SRC (nothing of them is stored here); their proto
 * literals are turned into the YAML-shaped objects sailctl validates by a small Go composite-literal
 * reader. Istio's check is kept: no error/warning when none is expected, otherwise the expected
 * text is contained in the error/warning text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';

const ISTIO_SRC = process.env['ISTIO_SRC'];
const VALIDATION_DIR = ISTIO_SRC ? join(ISTIO_SRC, 'pkg', 'config', 'validation') : '';

// ---- a Go expression reader, enough for proto composite literals in test tables ----

type GoValue = string | number | boolean | null | GoValue[] | { [k: string]: GoValue } | { __call: string; args: GoValue[] } | { __ident: string };
interface Tok {
  t: 'id' | 'str' | 'num' | 'p';
  v: string;
}

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) i++;
    else if (src.startsWith('//', i)) i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    else if (c === '"') {
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      out.push({ t: 'str', v: JSON.parse(src.slice(i, j + 1).replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')) as string });
      i = j + 1;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      out.push({ t: 'str', v: src.slice(i + 1, j) });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^-?[0-9][0-9.eExX_a-fA-F]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else {
      out.push({ t: 'p', v: c });
      i++;
    }
  }
  return out;
}

class GoReader {
  private i = 0;
  private readonly toks: Tok[];
  constructor(toks: Tok[]) {
    this.toks = toks;
  }
  private peek(v?: string): boolean {
    const t = this.toks[this.i];
    // A string literal never matches punctuation ("*" is a host, not a pointer type).
    return t !== undefined && (v === undefined || (t.v === v && t.t !== 'str'));
  }
  private next(): Tok {
    return this.toks[this.i++] as Tok;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.v !== v) throw new Error(`expected ${v}, got ${t.v}`);
  }
  /** A type expression: `*pkg.T`, `[]*pkg.T`, `map[string]*pkg.T`; returned as text. */
  private type(): string {
    let s = '';
    for (;;) {
      if (this.peek('*')) s += this.next().v;
      else if (this.peek('[')) {
        this.next();
        this.expect(']');
        s += '[]';
      } else if (this.peek('map')) {
        this.next();
        this.expect('[');
        s += `map[${this.type()}]`;
        this.expect(']');
      } else break;
    }
    s += this.next().v;
    while (this.peek('.')) s += this.next().v + this.next().v;
    return s;
  }
  /** The elements of `{ ... }`: keyed entries become an object, positional ones an array. */
  private body(typeName: string): GoValue {
    this.expect('{');
    const keyed: Array<[GoValue, GoValue]> = [];
    const positional: GoValue[] = [];
    while (!this.peek('}')) {
      const v = this.expr();
      if (this.peek(':')) {
        this.next();
        keyed.push([v, this.expr()]);
      } else positional.push(v);
      if (this.peek(',')) this.next();
    }
    this.expect('}');
    if (keyed.length > 0) {
      const o: { [k: string]: GoValue } = { __type: typeName };
      for (const [k, v] of keyed) o[typeof k === 'object' && k !== null && '__ident' in k ? (k.__ident as string) : String(k)] = v;
      return o;
    }
    return typeName.startsWith('[]') || typeName === '' ? positional : positional.length === 0 ? { __type: typeName } : positional;
  }
  expr(): GoValue {
    const t = this.toks[this.i] as Tok;
    if (t.t === 'str') {
      this.next();
      let s = t.v;
      while (this.peek('+')) {
        this.next();
        s += this.expr() as string;
      }
      return s;
    }
    if (t.v === '&') {
      this.next();
      return this.expr();
    }
    if (t.v === '{') return this.body('');
    if (t.v === '[' || t.v === 'map' || t.v === '*') {
      const ty = this.type();
      // A bare type is an argument, as in make([]byte, 65537); its text stands for it.
      return this.peek('{') ? this.body(ty) : ty;
    }
    if (t.t === 'num') {
      this.next();
      return Number(t.v.replace(/_/g, ''));
    }
    if (t.t === 'id') {
      if (t.v === 'nil') return (this.next(), null);
      if (t.v === 'true' || t.v === 'false') return (this.next(), t.v === 'true');
      let name = this.next().v;
      while (this.peek('.')) name += this.next().v + this.next().v;
      if (this.peek('(')) {
        this.next();
        const args: GoValue[] = [];
        while (!this.peek(')')) {
          args.push(this.expr());
          if (this.peek(',')) this.next();
        }
        this.expect(')');
        return { __call: name, args };
      }
      if (this.peek('{')) return this.body(name);
      return { __ident: name };
    }
    throw new Error(`unexpected token ${t.v}`);
  }
}

const GVK: Record<string, { Group: string; Kind: string }> = {
  'gvk.KubernetesGateway': { Group: 'gateway.networking.k8s.io', Kind: 'Gateway' },
  'gvk.Service': { Group: '', Kind: 'Service' },
  'gvk.ServiceEntry': { Group: 'networking.istio.io', Kind: 'ServiceEntry' },
  'gvk.GatewayClass': { Group: 'gateway.networking.k8s.io', Kind: 'GatewayClass' },
};
const ALLOWED_TARGET_REFS = '[core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass]';
// Fields whose value is a oneof wrapper: the wrapper's single field moves up into the parent.
const ONEOF_FIELDS = new Set(['Type', 'ObjectTypes', 'MetricMatch', 'ConfigType', 'FilterConfig', 'ActionDetail', 'HealthCheckMethod', 'MatchType']);

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** A Go value as the YAML a user writes for it (proto JSON names, enum names, plain scalars). */
function toYaml(v: GoValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toYaml);
  if ('__ident' in v) {
    const name = v.__ident as string;
    const gvk = /^(gvk\.\w+)\.(Group|Kind)$/.exec(name);
    if (gvk) return (GVK[gvk[1] as string] as Record<string, string>)[gvk[2] as string];
    if (name === 'someName') return 'foo';
    if (name === 'someNamespace') return 'bar';
    if (name === 'allowedTargetRefs') return ALLOWED_TARGET_REFS;
    if (name === 'wellknown.HTTPConnectionManager') return 'envoy.filters.network.http_connection_manager';
    if (name === 'wellknown.TCPProxy') return 'envoy.filters.network.tcp_proxy';
    const en = /_([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)$/.exec(name);
    if (en) return en[1];
    throw new Error(`unknown identifier ${name}`);
  }
  if ('__call' in v) {
    const args = (v.args as GoValue[]).map(toYaml);
    if (v.__call === 'fmt.Sprintf') {
      let n = 1;
      return (args[0] as string).replace(/%[vsdq]/g, () => String(args[n++]));
    }
    if (/^wrapperspb\./.test(v.__call as string)) return args[0];
    if (v.__call === 'string') return args[0];
    if (v.__call === 'make') return ''.padEnd(Number(args[1]), '\0');
    throw new Error(`unknown call ${v.__call as string}`);
  }
  const type = String(v['__type'] ?? '');
  if (/^(\*)?wrapperspb\./.test(type)) return toYaml(v['Value'] ?? 0);
  if (/structpb\.Struct$/.test(type)) return toYaml(v['Fields'] ?? {});
  if (/structpb\.ListValue$/.test(type)) return toYaml(v['Values'] ?? []);
  if ('Kind' in v && /structpb\.Value/.test(String(obj(v['Kind'])['__type'] ?? ''))) {
    const kind = obj(v['Kind']);
    const key = Object.keys(kind).find((k) => k !== '__type') as string;
    return toYaml(kind[key] as GoValue);
  }
  const out: JsonObject = {};
  const isMap = type.startsWith('map[');
  for (const [k, x] of Object.entries(v)) {
    if (k === '__type') continue;
    if (!isMap && ONEOF_FIELDS.has(k) && x !== null && typeof x === 'object' && !Array.isArray(x)) {
      Object.assign(out, toYaml(x) as JsonObject);
      continue;
    }
    // A literal 0 for an EnvoyFilter enum is its INVALID value (YAML names enums).
    out[isMap ? k : lowerFirst(k)] = !isMap && (k === 'ApplyTo' || k === 'Operation') && x === 0 ? 'INVALID' : toYaml(x);
  }
  return out;
}

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

interface TableCase {
  name: string;
  spec: GoValue;
  specType: string;
  error: string;
  warning: string;
  /** TestValidateTelemetryFilter's rows: an access-log filter and whether it parses. */
  filter: unknown;
  valid: boolean;
  /** The security tables' rows: metadata annotations, the config name, and whether a warning is expected. */
  annotations: Record<string, string>;
  labels: Record<string, string>;
  configName: GoValue;
  warns: boolean;
}

/** The `tests := []struct{...}{ ... }` table of a Go test function. */
function readTable(src: string, func: string): TableCase[] {
  const start = src.indexOf(`func ${func}(`);
  if (start < 0) throw new Error(`${func} not found`);
  const decl = src.indexOf('[]struct {', start);
  const fieldsEnd = src.indexOf('}', decl);
  const fields = src.slice(src.indexOf('{', decl) + 1, fieldsEnd).trim().split('\n').map((l) => l.trim().split(/\s+/)[0] as string).filter(Boolean);
  const reader = new GoReader(lex(src.slice(fieldsEnd + 1)));
  const rows = reader.expr() as GoValue[];
  return rows.map((row) => {
    const get = (f: string): GoValue => (Array.isArray(row) ? (row[fields.indexOf(f)] ?? '') : ((row as Record<string, GoValue>)[f] ?? ''));
    const inValue = get('in');
    return {
      name: String(toYaml(get('name'))),
      spec: inValue,
      specType: String(obj(inValue)['__type'] ?? ''),
      error: String(toYaml(get(fields.includes('err') ? 'err' : fields.includes('error') ? 'error' : 'out')) ?? ''),
      warning: String(toYaml(get('warning')) ?? ''),
      filter: toYaml(get('filter')),
      valid: get('valid') === true,
      annotations: obj(toYaml(get('annotations'))) as Record<string, string>,
      labels: obj(toYaml(get('labels'))) as Record<string, string>,
      configName: get('configName'),
      warns: get('warning') === true || get('Warning') === true || get('warn') === true,
    };
  });
}

const TABLES: Array<{ file: string; func: string; kind: string; specType: RegExp; dropWarning?: string; annotations?: Record<string, string> }> = [
  { file: 'validation_test.go', func: 'TestValidateGateway', kind: 'Gateway', specType: /networking\.Gateway$/ },
  // Gateways Istio generates from Gateway API ones carry the gateway-semantics annotation.
  { file: 'validation_test.go', func: 'TestValidateK8sGateway', kind: 'Gateway', specType: /networking\.Gateway$/, annotations: { 'internal.istio.io/gateway-semantics': 'gateway' } },
  { file: 'validation_test.go', func: 'TestValidateTelemetry', kind: 'Telemetry', specType: /telemetry\.Telemetry$/ },
  { file: 'validation_test.go', func: 'TestValidateProxyConfig', kind: 'ProxyConfig', specType: /ProxyConfig$/ },
  { file: 'validation_test.go', func: 'TestValidateWasmPlugin', kind: 'WasmPlugin', specType: /extensions\.WasmPlugin$/ },
  { file: 'validation_test.go', func: 'TestValidateTrafficExtension', kind: 'TrafficExtension', specType: /extensions\.TrafficExtension$/ },
  // Istio's table calls the inner function, without the standing "exposes internal implementation details" warning.
  { file: join('envoyfilter', 'envoyfilter_test.go'), func: 'TestValidateEnvoyFilter', kind: 'EnvoyFilter', specType: /EnvoyFilter$/, dropWarning: 'EnvoyFilter exposes internal implementation details' },
];

const available = VALIDATION_DIR !== '' && existsSync(join(VALIDATION_DIR, 'validation_test.go'));

describe.skipIf(!available)("Istio's validation tables (ISTIO_SRC) for Gateway, Telemetry, ProxyConfig, WasmPlugin, TrafficExtension, EnvoyFilter", () => {
  for (const table of TABLES) {
    describe(table.func, () => {
      const cases = available ? readTable(readFileSync(join(VALIDATION_DIR, table.file), 'utf8'), table.func) : [];
      it('the table was read', () => expect(cases.length).toBeGreaterThan(0));
      for (const c of cases) {
        // Cases feeding another proto type test Go's type assertion, which has no YAML equivalent.
        if (!table.specType.test(c.specType)) continue;
        it(c.name, () => {
          const r = validateSemantics(table.kind, 'foo', 'bar', toYaml(c.spec) as JsonObject, {}, table.annotations ?? {});
          const errors = r.errors.map((e) => e.message).join('\n');
          const warnings = r.warnings.map((w) => w.message).filter((w) => !table.dropWarning || !w.startsWith(table.dropWarning)).join('\n');
          if (c.error === '') expect(errors).toBe('');
          else expect(errors).toContain(c.error);
          if (c.warning === '') expect(warnings).toBe('');
          else expect(warnings).toContain(c.warning);
        });
      }
    });
  }
});

describe.skipIf(!available)("Istio's TestValidateTelemetryFilter (CEL access-log filters)", () => {
  const cases = available ? readTable(readFileSync(join(VALIDATION_DIR, 'validation_test.go'), 'utf8'), 'TestValidateTelemetryFilter') : [];
  it('the table was read', () => expect(cases.length).toBeGreaterThan(1));
  for (const c of cases) {
    const expression = String(obj(c.filter)['expression']);
    it(`${JSON.stringify(expression)} is ${c.valid ? 'valid' : 'rejected'}`, () => {
      const r = validateSemantics('Telemetry', 'foo', 'bar', { accessLogging: [{ filter: { expression } }] });
      expect(r.errors.length === 0).toBe(c.valid);
    });
  }
});

// Tables that check only whether an error / a warning comes out. The AuthorizationPolicy and
// RequestAuthentication rows carrying annotations exercise the metadata checks (istio.io/dry-run)
// wrapped around every kind validator. Name and namespace are what each Go test passes;
// `name: undefined` means the row's configName is the name.
const BOOL_TABLES: Array<{ func: string; kind: string; name?: string; namespace: string }> = [
  { func: 'TestValidateAuthorizationPolicy', kind: 'AuthorizationPolicy', name: 'name', namespace: 'namespace' },
  { func: 'TestValidateRequestAuthentication', kind: 'RequestAuthentication', namespace: 'bar' },
  { func: 'TestValidatePeerAuthentication', kind: 'PeerAuthentication', namespace: 'bar' },
  { func: 'TestValidateVirtualService', kind: 'VirtualService', name: '', namespace: '' },
  { func: 'TestValidateDestinationRule', kind: 'DestinationRule', name: 'foo', namespace: 'bar' },
  { func: 'TestValidateServiceEntries', kind: 'ServiceEntry', name: 'foo', namespace: 'bar' },
  { func: 'TestValidateSidecar', kind: 'Sidecar', name: 'foo', namespace: 'bar' },
  { func: 'TestValidateWorkloadEntry', kind: 'WorkloadEntry', name: '', namespace: '' },
  { func: 'TestValidateWorkloadGroup', kind: 'WorkloadGroup', name: '', namespace: '' },
];

describe.skipIf(!available)("Istio's valid/warning tables (ISTIO_SRC): security kinds, VirtualService, DestinationRule, ServiceEntry, Sidecar, WorkloadEntry, WorkloadGroup", () => {
  for (const table of BOOL_TABLES) {
    describe(table.func, () => {
      // A table the Go reader cannot follow fails its own test instead of the whole file.
      let cases: TableCase[] = [];
      let readError = '';
      try {
        cases = available ? readTable(readFileSync(join(VALIDATION_DIR, 'validation_test.go'), 'utf8'), table.func) : [];
      } catch (e) {
        readError = (e as Error).message;
      }
      it('the table was read', () => {
        expect(readError).toBe('');
        expect(cases.length).toBeGreaterThan(1);
      });
      if (table.kind === 'AuthorizationPolicy' || table.kind === 'RequestAuthentication') it('the table has annotated rows', () => expect(cases.some((c) => Object.keys(c.annotations).length > 0)).toBe(true));
      for (const c of cases) {
        it(`${c.name}: ${c.valid ? 'valid' : 'rejected'}`, () => {
          const ident = obj(c.configName)['__ident'];
          const name = table.name ?? (ident === 'constants.DefaultAuthenticationPolicyName' ? 'default' : String(toYaml(c.configName)));
          const r = validateSemantics(table.kind, name, table.namespace, toYaml(c.spec) as JsonObject, c.labels, c.annotations);
          // Istio checks only that some error comes out (its validators collect several).
          if (c.valid) expect(r.errors.map((e) => e.message)).toEqual([]);
          else expect(r.errors.length).toBeGreaterThan(0);
          expect(r.warnings.length > 0).toBe(c.warns);
        });
      }
    });
  }
});

describe.runIf(!available)("Istio's validation tables", () => {
  it.skip('set ISTIO_SRC to an istio/istio checkout to compare with its validation tables', () => undefined);
});
