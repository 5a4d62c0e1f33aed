/**
 * `sailctl validate` end to end (bin/sailctl; build first) on one valid and one invalid file per
 * kind whose semantic rules come from Istio's ValidateTelemetry, ValidateWasmPlugin,
 * ValidateProxyConfig and ValidateEnvoyFilter.
 */
import { describe, expect, it } from 'vitest';
import { sailctl } from '../support/cli.js';

const F = 'test/validate/fixtures';
const INTERNALS = 'EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.';

describe('sailctl validate: Telemetry, WasmPlugin, ProxyConfig, EnvoyFilter (e2e)', () => {
  for (const kind of ['telemetry', 'wasmplugin', 'proxyconfig']) {
    it(`${kind}: a valid file passes with exit 0`, async () => {
      const r = await sailctl(['validate', '-f', `${F}/${kind}-valid.yaml`]);
      expect(r.stderr).toBe(`"${F}/${kind}-valid.yaml" is valid\n`);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('');
    });
  }

  it('EnvoyFilter: a valid file passes with the standing warning', async () => {
    const r = await sailctl(['validate', '-f', `${F}/envoyfilter-valid.yaml`]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`"${F}/envoyfilter-valid.yaml" has warnings: \n\t* EnvoyFilter/apps/reviews-lua: ${INTERNALS}\n\n`);
  });

  it('Telemetry: selector, overrides, sampling and CEL errors, each at its line', async () => {
    const f = `${F}/telemetry-invalid.yaml`;
    const r = await sailctl(['validate', '-f', f]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`* Telemetry/apps/broken: wildcard is not supported in selector: "app=web*" [${f}:9]`);
    expect(r.stderr).toContain(`* Telemetry/apps/broken: tagOverrides.value must be set when operation is UPSERT [${f}:19]`);
    expect(r.stderr).toContain(`* Telemetry/apps/broken: randomSamplingPercentage must be in range [0.0, 100.0] [${f}:11]`);
    expect(r.stderr).toContain(`* Telemetry/apps/broken: must be a valid CEL expression, ERROR: <input>:1:18: Syntax error: mismatched input '<EOF>'`);
    expect(r.stderr).toContain(` | .................^ [${f}:14]`);
  });

  it('WasmPlugin: url scheme, sha256, duplicate env and match port, each at its line', async () => {
    const f = `${F}/wasmplugin-invalid.yaml`;
    const r = await sailctl(['v', '-f', f]);
    expect(r.exitCode).toBe(1);
    for (const line of [
      `* WasmPlugin/apps/broken: url contains unsupported scheme: ftp [${f}:7]`,
      `* WasmPlugin/apps/broken: sha256 field must match [a-f0-9]{64} pattern [${f}:8]`,
      `* WasmPlugin/apps/broken: duplicate env [${f}:13]`,
      `* WasmPlugin/apps/broken: spec.Match[0].Ports[0] is out of range: 70000 [${f}:17]`,
    ]) expect(r.stderr).toContain(line);
  });

  it('ProxyConfig: negative concurrency and a wildcard selector', async () => {
    const f = `${F}/proxyconfig-invalid.yaml`;
    const r = await sailctl(['validate', '-f', f]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`* ProxyConfig/apps/broken: wildcard is not supported in selector: "app=*" [${f}:9]`);
    expect(r.stderr).toContain(`* ProxyConfig/apps/broken: concurrency must be greater than or equal to 0 [${f}:10]`);
  });

  it('EnvoyFilter: sub-filter match, proxy-version regex and a v2 type; warnings still shown', async () => {
    const f = `${F}/envoyfilter-invalid.yaml`;
    const r = await sailctl(['validate', '-f', f]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Error: 3 errors occurred:');
    expect(r.stderr).toContain(`* EnvoyFilter/apps/broken: Envoy filter: subfilter match requires filter match with envoy.filters.network.http_connection_manager [${f}:13]`);
    expect(r.stderr).toContain(`* EnvoyFilter/apps/broken: Envoy filter: invalid regex for proxy version, [error parsing regexp: invalid nested repetition operator: \`++\`] [${f}:23]`);
    expect(r.stderr).toContain(`* EnvoyFilter/apps/broken: referenced type unknown (hint: try using the v3 XDS API): Envoy filter: could not resolve Any message type: type.googleapis.com/envoy.config.filter.network.ext_authz.v2.ExtAuthz [${f}:33]`);
    expect(r.stderr).toContain(`"${f}" has warnings: \n\t* EnvoyFilter/apps/broken: ${INTERNALS}\n`);
  });

  it('stdin: warnings only, exit 0 (istioctl prints the bullets without a file name)', async () => {
    const input = 'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: t\nspec:\n  tracing:\n  - providers: [{name: a}, {name: b}]\n';
    const r = await sailctl(['validate', '-f', '-'], { input });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('\n\t* Telemetry/default/t: multiple providers is not currently supported\n');
  });
});

describe('sailctl validate: TrafficExtension (e2e)', () => {
  it('a valid file (one Lua, one Wasm extension) passes with exit 0', async () => {
    const f = `${F}/trafficextension-valid.yaml`;
    const r = await sailctl(['validate', '-f', f]);
    expect(r.stderr).toBe(`"${f}" is valid\n`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('filter, selection, url, env, port and structural errors, each at its line, exit 1', async () => {
    const f = `${F}/trafficextension-invalid.yaml`;
    const r = await sailctl(['validate', '-f', f]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Error: 8 errors occurred:');
    for (const line of [
      `* TrafficExtension/apps/broken-wasm: spec.wasm.pluginName must be string [${f}:15]`,
      `* TrafficExtension/apps/broken-wasm: only one of targetRefs or workloadSelector can be set [${f}:1]`,
      `* TrafficExtension/apps/broken-wasm: url contains unsupported scheme: ftp [${f}:14]`,
      `* TrafficExtension/apps/broken-wasm: duplicate env [${f}:20]`,
      `* TrafficExtension/apps/broken-wasm: spec.Match[0].Ports[0] is out of range: 70000 [${f}:24]`,
      `* TrafficExtension/apps/broken-lua: spec unknown field "priorty" [${f}:36]`,
      `* TrafficExtension/apps/broken-lua: exactly one of wasm or lua must be set [${f}:26]`,
      `* TrafficExtension/apps/broken-lua: lua.inlineCode cannot be empty [${f}:33]`,
    ]) expect(r.stderr).toContain(line);
  });
});
