/**
 * `sailctl validate` end to end (bin/sailctl; build first): the metadata annotations Istio's
 * validation checks before a kind's own rules.
 */
import { describe, expect, it } from 'vitest';
import { sailctl } from '../support/cli.js';

const F = 'test/validate/fixtures';

describe('sailctl validate: annotation rules (e2e)', () => {
  it('a dry-run DENY policy and a Gateway API-generated Gateway are valid', async () => {
    const r = await sailctl(['validate', '-f', `${F}/annotations-valid.yaml`]);
    expect(r.stderr).toBe(`"${F}/annotations-valid.yaml" is valid\n`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('dry-run on an AUDIT policy or a DestinationRule and a user-set internal annotation fail, each at its annotation line', async () => {
    const f = `${F}/annotations-invalid.yaml`;
    const r = await sailctl(['validate', '-f', f]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const items = r.stderr.split('\n').filter((l) => l.startsWith('\t* '));
    expect(items).toEqual([
      `\t* AuthorizationPolicy/apps/audit-dry-run: the annotation istio.io/dry-run currently only supports action ALLOW/DENY, found action AUDIT in apps/audit-dry-run [${f}:8]`,
      `\t* DestinationRule/apps/reviews: apps/reviews has unsupported annotation istio.io/dry-run, please remove the annotation [${f}:20]`,
      `\t* VirtualService/apps/reviews: "internal.istio.io/parent-namespace" annotation found, this may not be set by users [${f}:30]`,
    ]);
  });
});
