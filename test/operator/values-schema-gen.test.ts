/**
 * The values schema (src/operator/schema/values-schema.gen.ts) is generated from Istio's
 * operator/pkg/apis/values_types.proto. Opt-in: with ISTIO_SRC set this checks the committed file is
 * current; with SAILCTL_WRITE_SCHEMA=1 as well, it rewrites it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { protoToSchema } from './support/proto-to-schema.js';
import { VALUES_SCHEMA } from '../../src/operator/schema/values-schema.gen.js';

const istioSrc = process.env['ISTIO_SRC'];
const protoPath = istioSrc ? join(istioSrc, 'operator/pkg/apis/values_types.proto') : undefined;

export function renderSchemaModule(schema: unknown): string {
  return (
    '// Generated from Istio 1.30 operator/pkg/apis/values_types.proto field names and types by\n' +
    '// test/operator/values-schema-gen.test.ts (ISTIO_SRC=... SAILCTL_WRITE_SCHEMA=1). Do not edit.\n' +
    `export const VALUES_SCHEMA: Record<string, unknown> = ${JSON.stringify(schema, null, 1)};\n`
  );
}

describe('values schema generation', () => {
  it.skipIf(!protoPath || !existsSync(protoPath))('matches values_types.proto (set ISTIO_SRC to run)', () => {
    const schema = protoToSchema(readFileSync(protoPath as string, 'utf8'), 'Values');
    if (process.env['SAILCTL_WRITE_SCHEMA'] === '1') {
      writeFileSync(resolve(__dirname, '../../src/operator/schema/values-schema.gen.ts'), renderSchemaModule(schema));
      return;
    }
    expect(VALUES_SCHEMA).toEqual(schema);
  });
  it('covers the Values message and its children', () => {
    const defs = VALUES_SCHEMA['definitions'] as Record<string, { properties: Record<string, unknown> }>;
    expect(Object.keys(defs['Values']?.properties ?? {})).toEqual(expect.arrayContaining(['global', 'pilot', 'gateways', 'profile']));
    expect(Object.keys(defs['GatewaysConfig']?.properties ?? {})).toContain('istio-ingressgateway');
    expect(Object.keys(defs['GlobalConfig']?.properties ?? {})).toEqual(expect.arrayContaining(['proxy_init', 'istioNamespace']));
  });
});
