/**
 * schema.ValidationAnalyzer.<Kind> and metadata: Istio's analyzer validates a config built from the
 * resource's name, namespace and spec only, so the metadata checks `validate` runs
 * (istio.io/dry-run, internal.istio.io/*) and label-dependent rules report nothing in `analyze`,
 * while spec errors still do.
 */
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyze/run.js';
import { parseResources } from '../../src/analyze/parse.js';
import type { ResourceSource } from '../../src/analyze/snapshot.js';
import { formatLogLine } from '../../src/analyze/format.js';
import { validateText } from '../../src/validate/validate.js';

const TEXT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: apps
  annotations:
    istio.io/dry-run: "true"
    internal.istio.io/parents: HTTPRoute/apps/r
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all
  namespace: apps
  annotations:
    istio.io/dry-run: "maybe"
spec:
  action: AUDIT
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw.generated
  namespace: apps
  annotations:
    internal.istio.io/gateway-semantics: gateway
spec:
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["~/example.com"]
`;

function source(text: string): ResourceSource {
  return {
    name: 'a.yaml',
    providesRuntimeKinds: false,
    async load(ns: string) {
      return parseResources('a.yaml', text, { defaultNamespace: ns });
    },
  };
}

async function analyze(text: string, analyzerNames?: string[]): Promise<string[]> {
  const r = await runAnalysis({ sources: [source(text)], namespace: '', istioNamespace: 'istio-system', includeRuntimeKinds: false, ...(analyzerNames ? { analyzerNames } : {}) });
  expect(r.problems).toEqual([]);
  return r.messages.map((m) => formatLogLine(m, false));
}

describe('schema validation analyzers and annotations (istioctl analyze parity)', () => {
  const kinds = ['VirtualService', 'AuthorizationPolicy', 'Gateway'].map((k) => `schema.ValidationAnalyzer.${k}`);

  it('validate rejects all three resources for their annotations', async () => {
    const out = await validateText('a.yaml', TEXT, 'default', 'istio-system');
    expect(out.errors).toEqual([
      'VirtualService/apps/reviews: apps/reviews has unsupported annotation istio.io/dry-run, please remove the annotation [a.yaml:7]',
      'AuthorizationPolicy/apps/deny-all: the annotation istio.io/dry-run currently only supports action ALLOW/DENY, found action AUDIT in apps/deny-all [a.yaml:21]',
    ]);
  });

  it('analyze reports none of the annotation rules, and keeps the Gateway API semantics off', async () => {
    // The Gateway's dotted name and ~/ host are errors without its annotation, as in istioctl analyze.
    expect(await analyze(TEXT, kinds)).toEqual([
      'Error [IST0106] (Gateway apps/gw.generated a.yaml:25) Schema validation error: invalid gateway name: "gw.generated"',
      'Error [IST0106] (Gateway apps/gw.generated a.yaml:35) Schema validation error: invalid namespace value "~" in gateway',
    ]);
  });

  it('spec errors of an annotated resource are still reported (the annotation does not short-cut them)', async () => {
    const text = TEXT.replace('action: AUDIT', 'action: DENY');
    expect(await analyze(text, ['schema.ValidationAnalyzer.AuthorizationPolicy'])).toEqual([
      'Error [IST0106] (AuthorizationPolicy apps/deny-all a.yaml:15) Schema validation error: invalid policy deny-all.apps: DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request',
    ]);
  });

  it('labels are not seen either: a ServiceEntry opting out of address auto-allocation warns in validate only', async () => {
    const se = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: db
  namespace: apps
  labels:
    networking.istio.io/enable-autoallocate-ip: "false"
spec:
  hosts: [db.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: 5432, name: tcp-db, protocol: TCP}
`;
    const out = await validateText('a.yaml', se, 'default', 'istio-system');
    expect(out.warnings).toEqual(['ServiceEntry/apps/db: addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled']);
    expect(await analyze(se, ['schema.ValidationAnalyzer.ServiceEntry'])).toEqual([]);
  });

  it('no analyzer mentions the annotations', async () => {
    const all = await analyze(TEXT);
    expect(all.filter((l) => /dry-run|internal\.istio\.io/.test(l))).toEqual([]);
  });
});
