/** The committed standalone validator must be what ajv generates from the current schema. */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validatorModuleSource } from './support/build-validator.js';

const target = resolve(__dirname, '../../src/operator/schema/iop-validator.gen.ts');

describe('generated IstioOperator validator', () => {
  it('is current (regenerate with SAILCTL_WRITE_SCHEMA=1)', () => {
    const fresh = validatorModuleSource();
    if (process.env['SAILCTL_WRITE_SCHEMA'] === '1') writeFileSync(target, fresh);
    expect(readFileSync(target, 'utf8') === fresh, 'src/operator/schema/iop-validator.gen.ts is stale').toBe(true);
  });
});
