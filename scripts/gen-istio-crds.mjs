#!/usr/bin/env node
// Generates manifests/charts/base/files/crd-all.gen.yaml: every Istio CRD at its served versions,
// with openAPIV3Schema derived from the maintained npm package @kubernetes-models/istio.
//
// Schema source: the package's generated .d.ts files (structure, JSDoc descriptions, enum unions,
// required fields, `number | string` = int-or-string). TypeScript has one `number` type, so the
// package's compiled ajv validators are used as an oracle: each numeric field is probed with a
// fractional value, and the ones the validator rejects as non-integer become `type: integer`.
// String fields are probed the same way to reveal formats (date-time, ...).
//
// CRD metadata (names, categories, scope, versions, printer columns) are facts about Istio 1.30
// kept in the table below. Run: node scripts/gen-istio-crds.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkgDir = dirname(require.resolve('@kubernetes-models/istio/package.json'));
const outFile = join(root, 'manifests/charts/base/files/crd-all.gen.yaml');
// The same objects as JSON, keyed by CRD name: sailctl reads the rendered CRDs from here instead of
// parsing ~600 KB of YAML (labels excepted; src/manifest/helm-bridge.ts, tested for equivalence).
const jsonFile = join(root, 'manifests/charts/base/files/crd-all.gen.json');

const AGE = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.' };
const col = (name, jsonPath, description) => ({ name, type: 'string', jsonPath, description });

// Istio 1.30 CRDs. versions: [name, storage]; every listed version is served.
// requireSpec: the CRD marks spec as required. columns apply to every version.
const CRDS = [
  { group: 'extensions.istio.io', kind: 'TrafficExtension', plural: 'trafficextensions', versions: [['v1alpha1', true]], requireSpec: true, columns: [AGE] },
  { group: 'extensions.istio.io', kind: 'WasmPlugin', plural: 'wasmplugins', versions: [['v1alpha1', true]], requireSpec: true, columns: [AGE] },
  { group: 'networking.istio.io', kind: 'DestinationRule', plural: 'destinationrules', shortNames: ['dr'], versions: [['v1', true], ['v1alpha3', false], ['v1beta1', false]],
    columns: [col('Host', '.spec.host', 'The name of a service from the service registry'), AGE] },
  { group: 'networking.istio.io', kind: 'EnvoyFilter', plural: 'envoyfilters', versions: [['v1alpha3', true]], columns: [] },
  { group: 'networking.istio.io', kind: 'Gateway', plural: 'gateways', shortNames: ['gw'], versions: [['v1', true], ['v1alpha3', false], ['v1beta1', false]], columns: [] },
  { group: 'networking.istio.io', kind: 'ProxyConfig', plural: 'proxyconfigs', versions: [['v1beta1', true]], columns: [] },
  { group: 'networking.istio.io', kind: 'ServiceEntry', plural: 'serviceentries', shortNames: ['se'], versions: [['v1', true], ['v1alpha3', false], ['v1beta1', false]], requireSpec: true,
    columns: [col('Hosts', '.spec.hosts', 'The hosts associated with the ServiceEntry'),
      col('Location', '.spec.location', 'Whether the service is external to the mesh or part of the mesh (MESH_EXTERNAL or MESH_INTERNAL)'),
      col('Resolution', '.spec.resolution', 'Service resolution mode for the hosts (NONE, STATIC, or DNS)'), AGE] },
  { group: 'networking.istio.io', kind: 'Sidecar', plural: 'sidecars', versions: [['v1', true], ['v1alpha3', false], ['v1beta1', false]], columns: [] },
  { group: 'networking.istio.io', kind: 'VirtualService', plural: 'virtualservices', shortNames: ['vs'], versions: [['v1', true], ['v1alpha3', false], ['v1beta1', false]],
    columns: [col('Gateways', '.spec.gateways', 'The names of gateways and sidecars that should apply these routes'),
      col('Hosts', '.spec.hosts', 'The destination hosts to which traffic is being sent'), AGE] },
  { group: 'networking.istio.io', kind: 'WorkloadEntry', plural: 'workloadentries', shortNames: ['we'], versions: [['v1', true], ['v1alpha3', false], ['v1beta1', false]], requireSpec: true,
    columns: [AGE, col('Address', '.spec.address', 'Address associated with the network endpoint.')] },
  { group: 'networking.istio.io', kind: 'WorkloadGroup', plural: 'workloadgroups', shortNames: ['wg'], versions: [['v1', true], ['v1alpha3', false], ['v1beta1', false]], requireSpec: true, columns: [AGE] },
  { group: 'security.istio.io', kind: 'AuthorizationPolicy', plural: 'authorizationpolicies', shortNames: ['ap'], versions: [['v1', true], ['v1beta1', false]],
    columns: [col('Action', '.spec.action', 'The operation to take.'), AGE] },
  { group: 'security.istio.io', kind: 'PeerAuthentication', plural: 'peerauthentications', shortNames: ['pa'], versions: [['v1', true], ['v1beta1', false]],
    columns: [col('Mode', '.spec.mtls.mode', 'Defines the mTLS mode used for peer authentication.'), AGE] },
  { group: 'security.istio.io', kind: 'RequestAuthentication', plural: 'requestauthentications', shortNames: ['ra'], versions: [['v1', true], ['v1beta1', false]], columns: [] },
  { group: 'telemetry.istio.io', kind: 'Telemetry', plural: 'telemetries', shortNames: ['telemetry'], versions: [['v1', false], ['v1alpha1', true]], columns: [AGE] },
];

// ---- .d.ts parsing -------------------------------------------------------------------------
// The generated declarations are regular: `export interface IKind { "field"?: TYPE; ... }` where
// TYPE is string | number | boolean | a string-literal union | Array<TYPE> | { ... } |
// { [key: string]: TYPE } | number | string. A small tokenizer + recursive descent covers them.

function tokenize(src) {
  const tokens = [];
  let pendingDoc = null;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('/**', i)) {
      const end = src.indexOf('*/', i);
      pendingDoc = src.slice(i + 3, end).split('\n').map((l) => l.replace(/^\s*\*\s?/, '')).join('\n').trim();
      i = end + 2;
      continue;
    }
    if (src.startsWith('//', i)) { i = src.indexOf('\n', i); if (i < 0) break; continue; }
    if (c === '"') {
      let j = i + 1;
      while (src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      tokens.push({ t: 'str', v: JSON.parse(src.slice(i, j + 1)), doc: pendingDoc });
      pendingDoc = null;
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_$][\w$.]*/.exec(src.slice(i, i + 200));
    if (word) { tokens.push({ t: 'id', v: word[0], doc: pendingDoc }); pendingDoc = null; i += word[0].length; continue; }
    tokens.push({ t: 'p', v: c });
    i++;
  }
  return tokens;
}

function parseInterface(src, name) {
  const tokens = tokenize(src);
  let pos = tokens.findIndex((t, k) => t.v === 'interface' && tokens[k + 1]?.v === name);
  if (pos < 0) throw new Error(`interface ${name} not found`);
  pos += 2;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const expect = (v) => { const t = next(); if (t.v !== v) throw new Error(`expected ${v}, got ${t.v} at token ${pos}: ${tokens.slice(pos - 12, pos).map((x) => x.v).join(" ")}`); };

  // `A & (B | C)` and `Exclude<B, C>` encode protobuf oneOf: the structural schema keeps every
  // branch's fields (optional), which is what Kubernetes needs to prune and default them.
  function mergeObjects(parts, keepRequired) {
    const out = { type: 'object', properties: {} };
    const required = new Set();
    for (const p of parts) {
      Object.assign(out.properties, p.properties ?? {});
      if (p.additionalProperties) out.additionalProperties = p.additionalProperties;
      if (keepRequired) for (const r of p.required ?? []) required.add(r);
    }
    if (required.size) out.required = [...required];
    if (!Object.keys(out.properties).length) delete out.properties;
    return out;
  }
  function parseType() {
    const alts = [parseIntersection()];
    while (peek().v === '|') { next(); alts.push(parseIntersection()); }
    if (alts.length === 1) return alts[0];
    if (alts.every((a) => a.literal !== undefined)) return { type: 'string', enum: alts.map((a) => a.literal) };
    if (alts.every((a) => a.type === 'object')) return mergeObjects(alts, false);
    const kinds = new Set(alts.map((a) => a.type));
    if (kinds.has('number') && kinds.has('string') && kinds.size === 2) return { 'x-kubernetes-int-or-string': true };
    return { 'x-kubernetes-preserve-unknown-fields': true };
  }
  function parseIntersection() {
    const parts = [parsePrimary()];
    while (peek().v === '&') { next(); parts.push(parsePrimary()); }
    if (parts.length === 1) return parts[0];
    // The first part is the message's own fields (and required list); the rest are oneOf groups.
    const merged = mergeObjects(parts, false);
    if (parts[0].required) merged.required = parts[0].required;
    return merged;
  }
  function parsePrimary() {
    const t = next();
    if (t.t === 'str') return { literal: t.v, type: 'string' };
    if (t.v === '{') return parseObjectBody();
    if (t.v === '(') { const inner = parseType(); expect(')'); return inner; }
    if (t.v === 'Exclude') { expect('<'); const kept = parseType(); expect(','); parseType(); expect('>'); return kept; }
    if (t.v === 'Array') { expect('<'); const items = parseType(); expect('>'); return { type: 'array', items }; }
    if (t.v === 'string') return { type: 'string' };
    if (t.v === 'number') return { type: 'number' };
    if (t.v === 'boolean') return { type: 'boolean' };
    if (t.v === 'any' || t.v === 'unknown') return { 'x-kubernetes-preserve-unknown-fields': true };
    if (t.v === 'IObjectMeta') { return { type: 'object' }; }
    throw new Error(`unexpected type token ${t.v}`);
  }
  function parseObjectBody() {
    const schema = { type: 'object', properties: {} };
    const required = [];
    while (peek().v !== '}') {
      const t = next();
      if (t.v === '[') {
        // [key: string]: TYPE
        next(); expect(':'); next(); expect(']'); expect(':');
        schema.additionalProperties = parseType();
      } else {
        let optional = false;
        if (peek().v === '?') { next(); optional = true; }
        expect(':');
        const prop = parseType();
        if (t.doc) prop.description = t.doc;
        schema.properties[t.v] = prop;
        if (!optional) required.push(t.v);
      }
      if (peek().v === ';' || peek().v === ',') next();
    }
    next();
    if (Object.keys(schema.properties).length === 0) {
      delete schema.properties;
      if (!schema.additionalProperties) schema['x-kubernetes-preserve-unknown-fields'] = true;
    }
    if (required.length) schema.required = required;
    return schema;
  }
  expect('{');
  return parseObjectBody();
}

// ---- validator oracle ----------------------------------------------------------------------

function leafPaths(schema, path, out) {
  if (schema.type === 'object' && schema.properties) {
    for (const [k, v] of Object.entries(schema.properties)) leafPaths(v, [...path, k], out);
  } else if (schema.type === 'object' && schema.additionalProperties) {
    leafPaths(schema.additionalProperties, [...path, 'k'], out);
  } else if (schema.type === 'array') {
    leafPaths(schema.items, [...path, 0], out);
  } else if (schema.type === 'number' || (schema.type === 'string' && !schema.enum)) {
    out.push({ path, schema });
  }
}

function withPath(path, value) {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i];
    v = typeof k === 'number' ? [v] : { [k]: v };
  }
  return v;
}

function probe(validate, apiVersion, kind, leaves) {
  for (const { path, schema } of leaves) {
    const pointer = '/' + path.join('/');
    const run = (value) => {
      validate({ apiVersion, kind, metadata: {}, ...withPath(path, value) });
      return (validate.errors ?? []).filter((e) => e.instancePath === pointer);
    };
    if (schema.type === 'number') {
      if (run(0.5).some((e) => e.keyword === 'type' && e.params.type === 'integer')) {
        schema.type = 'integer';
        const big = run(2 ** 40).find((e) => e.keyword === 'maximum');
        if (big) schema.maximum = big.params.limit;
        const neg = run(-1).find((e) => e.keyword === 'minimum');
        if (neg) schema.minimum = neg.params.limit;
      } else {
        schema.format = 'double';
      }
    } else {
      const err = run('\u0000not valid\u0000').find((e) => e.keyword === 'format');
      if (err) schema.format = err.params.format;
    }
  }
}

// Kubernetes structural schemas forbid description/format on int-or-string parents' siblings
// only in specific places; they also require `type` everywhere except int-or-string and
// preserve-unknown-fields nodes, which the parser guarantees.

async function schemaFor(group, version, kind) {
  const dts = join(pkgDir, group, version, `${kind}.d.ts`);
  let src;
  try { src = readFileSync(dts, 'utf8'); } catch { return null; }
  const top = parseInterface(src, `I${kind}`);
  const props = {};
  for (const key of ['spec', 'status']) if (top.properties?.[key]) props[key] = top.properties[key];
  if (props.status) {
    // Istio's status is written by istiod with fields the published model does not list.
    props.status = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
  const schema = { type: 'object', properties: props };
  const validatorName = group.split('.').map((p) => p[0].toUpperCase() + p.slice(1)).join('')
    + version[0].toUpperCase() + version.slice(1) + kind;
  const mod = await import(pathToFileURL(join(pkgDir, '_schemas', `${validatorName}.js`)).href);
  const leaves = [];
  leafPaths(schema, [], leaves);
  probe(mod.validate, `${group}/${version}`, kind, leaves);
  return schema;
}

function openSchema(requireSpec) {
  return {
    type: 'object',
    properties: {
      spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
    ...(requireSpec ? { required: ['spec'] } : {}),
  };
}

async function main() {
  const docs = [];
  const missing = [];
  for (const crd of CRDS) {
    const singular = crd.kind.toLowerCase();
    const versions = [];
    for (const [name, storage] of crd.versions) {
      let schema = await schemaFor(crd.group, name, crd.kind);
      if (!schema) { missing.push(`${crd.kind}.${crd.group}/${name}`); schema = openSchema(false); }
      if (crd.requireSpec) schema.required = ['spec'];
      const v = { name, served: true, storage, subresources: { status: {} }, schema: { openAPIV3Schema: schema } };
      if (crd.columns.length) v.additionalPrinterColumns = crd.columns;
      versions.push(v);
    }
    docs.push({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: {
        annotations: { 'helm.sh/resource-policy': 'keep' },
        labels: { app: 'istio-pilot', chart: 'istio', heritage: 'Tiller', release: 'istio' },
        name: `${crd.plural}.${crd.group}`,
      },
      spec: {
        group: crd.group,
        names: {
          categories: ['istio-io', `${crd.group.split('.')[0]}-istio-io`],
          kind: crd.kind,
          listKind: `${crd.kind}List`,
          plural: crd.plural,
          ...(crd.shortNames ? { shortNames: crd.shortNames } : {}),
          singular,
        },
        scope: 'Namespaced',
        versions,
      },
    });
  }
  // Written exactly as sigs.k8s.io/yaml (Go) writes these objects, so `manifest generate` can pass
  // the text through instead of re-serialising ~600 KB (src/manifest checks the equivalence in
  // its tests). The writer is sailctl's own Go-YAML emitter, hence the build prerequisite.
  let marshalGoYaml;
  try {
    ({ marshalGoYaml } = await import(pathToFileURL(join(process.env.SAILCTL_DIST ?? join(root, 'dist'), 'gotemplate/goyaml.js')).href));
  } catch (err) {
    throw new Error(`build sailctl first (npm run build): ${err.message}`);
  }
  const toGo = (v) => (Array.isArray(v) ? v.map(toGo) : v && typeof v === 'object' ? new Map(Object.entries(v).map(([k, x]) => [k, toGo(x)])) : v);
  const header = '# Generated by scripts/gen-istio-crds.mjs from @kubernetes-models/istio. DO NOT EDIT.\n';
  const text = header + docs.map((d) => `---\n${marshalGoYaml(toGo(d))}`).join('');
  const json = `${JSON.stringify(Object.fromEntries(docs.map((d) => [d.metadata.name, d])))}\n`;
  if (process.argv.includes('--check')) {
    for (const [file, want] of [[outFile, text], [jsonFile, json]]) {
      if (readFileSync(file, 'utf8') !== want) { console.error(`${file} is out of date; run node scripts/gen-istio-crds.mjs`); process.exit(1); }
    }
  } else {
    writeFileSync(outFile, text);
    writeFileSync(jsonFile, json);
  }
  if (missing.length) console.error(`no published model (open schema used): ${missing.join(', ')}`);
  console.error(`${docs.length} CRDs, ${docs.reduce((n, d) => n + d.spec.versions.length, 0)} versions`);
}

await main();
