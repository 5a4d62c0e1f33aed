/**
 * The proto-derived schemas in src/operator/schema/ are generated from Istio's protos (field names
 * and types only). Opt-in: with ISTIO_SRC (an istio/istio tree) and ISTIO_API_SRC (an istio/api
 * tree at the matching release) set, this checks the committed files are current; with
 * SAILCTL_WRITE_SCHEMA=1 as well, it rewrites them.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { protoToDefinitions, type ProtoFile } from './support/proto-to-schema.js';
import { VALUES_DEFINITIONS, VALUES_ROOT } from '../../src/operator/schema/values-schema.gen.js';
import { MESH_DEFINITIONS, MESH_ROOT } from '../../src/operator/schema/mesh-schema.gen.js';

const write = process.env['SAILCTL_WRITE_SCHEMA'] === '1';
const istioSrc = process.env['ISTIO_SRC'];
const apiSrc = process.env['ISTIO_API_SRC'];
const valuesProto = istioSrc ? join(istioSrc, 'operator/pkg/apis/values_types.proto') : '';
const meshProto = apiSrc ? join(apiSrc, 'mesh/v1alpha1/config.proto') : '';

function moduleText(source: string, names: [string, string], root: string, defs: unknown): string {
  return (
    `// Generated from ${source} (field names and types only) by\n` +
    '// test/operator/values-schema-gen.test.ts (SAILCTL_WRITE_SCHEMA=1). Do not edit.\n' +
    `export const ${names[1]} = ${JSON.stringify(root)};\n` +
    `export const ${names[0]}: Record<string, Record<string, unknown>> = ${JSON.stringify(defs, null, 1)};\n`
  );
}

/** The file and, recursively, the files it imports that exist under `root`. */
function withImports(root: string, first: string): ProtoFile[] {
  const seen = new Map<string, ProtoFile>();
  const visit = (name: string): void => {
    if (seen.has(name) || !existsSync(join(root, name))) return;
    const text = readFileSync(join(root, name), 'utf8');
    seen.set(name, { name, text });
    for (const m of text.matchAll(/^import\s+"([^"]+)";/gm)) visit(m[1] as string);
  };
  visit(first);
  return [...seen.values()];
}

const target = (f: string): string => resolve(__dirname, '../../src/operator/schema', f);

describe('proto-derived schemas', () => {
  it.skipIf(!valuesProto || !existsSync(valuesProto))('values: current with values_types.proto (set ISTIO_SRC)', () => {
    const root = 'istio.operator.v1alpha1.Values';
    const defs = protoToDefinitions([{ name: 'values_types.proto', text: readFileSync(valuesProto, 'utf8') }], [root]);
    if (write) writeFileSync(target('values-schema.gen.ts'), moduleText('istio/istio operator/pkg/apis/values_types.proto', ['VALUES_DEFINITIONS', 'VALUES_ROOT'], root, defs));
    else expect(VALUES_DEFINITIONS).toEqual(defs);
  });
  it.skipIf(!meshProto || !existsSync(meshProto))('meshConfig: current with istio/api mesh/v1alpha1 (set ISTIO_API_SRC)', () => {
    const root = 'istio.mesh.v1alpha1.MeshConfig';
    const defs = protoToDefinitions(withImports(apiSrc as string, 'mesh/v1alpha1/config.proto'), [root]);
    if (write) writeFileSync(target('mesh-schema.gen.ts'), moduleText('istio/api mesh/v1alpha1/config.proto and its imports', ['MESH_DEFINITIONS', 'MESH_ROOT'], root, defs));
    else expect(MESH_DEFINITIONS).toEqual(defs);
  });
  it('cover the messages istioctl decodes', () => {
    const values = VALUES_DEFINITIONS[VALUES_ROOT] as { properties: Record<string, unknown> };
    expect(Object.keys(values.properties)).toEqual(expect.arrayContaining(['global', 'pilot', 'gateways', 'profile']));
    const gateways = VALUES_DEFINITIONS['istio.operator.v1alpha1.GatewaysConfig'] as { properties: Record<string, unknown> };
    expect(Object.keys(gateways.properties)).toContain('istio-ingressgateway');
    const mesh = MESH_DEFINITIONS[MESH_ROOT] as { properties: Record<string, unknown> };
    expect(Object.keys(mesh.properties)).toEqual(expect.arrayContaining(['defaultConfig', 'accessLogFile', 'access_log_file', 'extensionProviders']));
    expect(MESH_DEFINITIONS['istio.mesh.v1alpha1.ProxyConfig']).toBeDefined();
  });
});
