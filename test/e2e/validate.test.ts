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
});
