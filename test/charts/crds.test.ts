/**
 * The generated CRDs: up to date with their generator, one per Istio 1.30 kind at its served
 * versions, exactly one storage version each, and structural schemas (what the API server demands
 * of apiextensions.k8s.io/v1: every node typed, or int-or-string / preserve-unknown-fields).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';
import { CHARTS, REPO } from './support.js';

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean; 'x-kubernetes-int-or-string'?: boolean; 'x-kubernetes-preserve-unknown-fields'?: boolean };
type Crd = { metadata: { name: string }; spec: { group: string; names: { kind: string; plural: string }; versions: Array<{ name: string; served: boolean; storage: boolean; schema: { openAPIV3Schema: Schema } }> } };

const crds = parseAllDocuments(readFileSync(join(CHARTS, 'base/files/crd-all.gen.yaml'), 'utf8')).map((d) => d.toJS() as Crd);

function untyped(s: Schema, path: string, out: string[]): void {
  if (!s.type && !s['x-kubernetes-int-or-string'] && !s['x-kubernetes-preserve-unknown-fields']) out.push(path);
  for (const [k, v] of Object.entries(s.properties ?? {})) untyped(v, `${path}.${k}`, out);
  if (s.items) untyped(s.items, `${path}[]`, out);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') untyped(s.additionalProperties, `${path}{}`, out);
}

describe('generated Istio CRDs', () => {
  it('are what scripts/gen-istio-crds.mjs produces today', () => {
    expect(() => execFileSync('node', [join(REPO, 'scripts/gen-istio-crds.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('cover every Istio 1.30 kind and version', () => {
    expect(crds.map((c) => `${c.spec.names.kind}:${c.spec.versions.map((v) => v.name).join(',')}`)).toEqual([
      'TrafficExtension:v1alpha1', 'WasmPlugin:v1alpha1',
      'DestinationRule:v1,v1alpha3,v1beta1', 'EnvoyFilter:v1alpha3', 'Gateway:v1,v1alpha3,v1beta1', 'ProxyConfig:v1beta1',
      'ServiceEntry:v1,v1alpha3,v1beta1', 'Sidecar:v1,v1alpha3,v1beta1', 'VirtualService:v1,v1alpha3,v1beta1',
      'WorkloadEntry:v1,v1alpha3,v1beta1', 'WorkloadGroup:v1,v1alpha3,v1beta1',
      'AuthorizationPolicy:v1,v1beta1', 'PeerAuthentication:v1,v1beta1', 'RequestAuthentication:v1,v1beta1',
      'Telemetry:v1,v1alpha1',
    ]);
  });

  it.each(crds.map((c) => [c.metadata.name, c] as const))('%s is a valid CRD with one storage version and a structural schema', (name, crd) => {
    expect(() => new CustomResourceDefinition(crd as never).validate()).not.toThrow();
    expect(name).toBe(`${crd.spec.names.plural}.${crd.spec.group}`);
    expect(crd.spec.versions.filter((v) => v.storage)).toHaveLength(1);
    const bad: string[] = [];
    for (const v of crd.spec.versions) untyped(v.schema.openAPIV3Schema, v.name, bad);
    expect(bad).toEqual([]);
  });

  it('keeps the details the published model reveals: enums, integers with bounds, int-or-string', () => {
    const vs = crds.find((c) => c.spec.names.kind === 'VirtualService')!.spec.versions[0]!.schema.openAPIV3Schema;
    const port = vs.properties!.spec!.properties!.http!.items!.properties!.route!.items!.properties!.destination!.properties!.port!.properties!.number!;
    expect(port).toMatchObject({ type: 'integer', maximum: 4294967295, minimum: 0 });
    const se = crds.find((c) => c.spec.names.kind === 'ServiceEntry')!.spec.versions[0]!.schema.openAPIV3Schema;
    expect(se.properties!.spec!.properties!.resolution).toMatchObject({ type: 'string', enum: ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS'] });
    expect(se.properties!.status!.properties).toBeUndefined();
  });
});
