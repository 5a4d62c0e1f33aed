import { describe, expect, it } from 'vitest';
import { sailctl } from '../support/cli.js';

describe('sailctl validate (e2e)', () => {
  it('valid file', async () => {
    const r = await sailctl(['validate', '-f', 'test/analyze/fixtures/clean.yaml'], {});
    // clean.yaml's Service port is named http: valid
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('"test/analyze/fixtures/clean.yaml" is valid');
  });
  it('invalid input from stdin exits 1 with Kind/ns/name: prefix', async () => {
    const r = await sailctl(['v', '-f', '-'], { input: 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  servers: []\n' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('* Gateway/default/g: gateway must have at least one server');
  });
  it('a rule after a catch-all is a warning (IST0130 text), the file still passes', async () => {
    const input = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n  - match:\n    - uri: {prefix: /x}\n    route:\n    - destination: {host: reviews}\n';
    const r = await sailctl(['validate', '-f', '-'], { input });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('* VirtualService/default/r: virtualService rule #1 not used (route without matches defined before)');
  });
  it('Istio semantic errors (retries, Gateway TLS) exit 1 with one bullet each', async () => {
    const input = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n    retries: {attempts: 0, retryOn: 5xx}\n---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  servers:\n  - hosts: ["*.example.com"]\n    port: {number: 443, name: https, protocol: HTTPS}\n    tls: {mode: MUTUAL, credentialName: c}\n';
    const r = await sailctl(['validate', '-f', '-'], { input });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('Error: 1 error occurred:');
    expect(r.stderr).toContain('* VirtualService/default/r: http retry policy configured when attempts are set to 0 (disabled) [-:1]');
    expect(r.stderr).not.toContain('Gateway/default/g');
  });
});
