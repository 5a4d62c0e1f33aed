/**
 * Opt-in: with ISTIO_SRC pointing at an Istio source tree or release (its manifests/ directory),
 * `profile dump -d $ISTIO_SRC/manifests P` must give what istioctl 1.23 gives for Istio's own
 * profiles: Istio's default.yaml with P's overlay (maps merged, lists replaced), spec only, plus the
 * fields istioctl fills in (profile, installPackagePath, the build's hub and tag).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sailctl } from '../support/cli.js';
import { ISTIO_HUB, ISTIO_VERSION } from '../../src/version.js';

const istioSrc = process.env['ISTIO_SRC'];
const manifests = istioSrc ? join(istioSrc, 'manifests') : '';
const enabled = Boolean(istioSrc) && existsSync(join(manifests, 'profiles', 'default.yaml'));
if (!enabled) console.warn('profile-istio: skipped (set ISTIO_SRC to an Istio source tree to run it)');

type Tree = Record<string, unknown>;
const isMap = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);
function overlay(base: Tree, top: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(top)) out[k] = isMap(v) && isMap(out[k]) ? overlay(out[k] as Tree, v) : v;
  return out;
}
function readProfile(name: string): Tree {
  return parse(readFileSync(join(manifests, 'profiles', `${name}.yaml`), 'utf8'), { version: '1.1' }) as Tree;
}

describe.skipIf(!enabled)('profile dump -d $ISTIO_SRC/manifests equals Istio profile over its default', () => {
  const profiles = enabled ? readdirSync(join(manifests, 'profiles')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)) : [];

  it('profile list shows exactly Istio\'s profiles', async () => {
    const r = await sailctl(['profile', 'list', '-d', manifests]);
    expect(r.stdout).toBe('Istio configuration profiles:\n' + [...profiles].sort().map((p) => `    ${p}\n`).join(''));
  });

  for (const name of profiles) {
    it(name, async () => {
      const base = readProfile('default');
      const merged = name === 'default' ? base : overlay(base, readProfile(name));
      const expected = overlay(merged['spec'] as Tree, { hub: ISTIO_HUB, tag: ISTIO_VERSION, profile: name, installPackagePath: manifests });
      const y = await sailctl(['profile', 'dump', '-d', manifests, name]);
      expect(y.exitCode, y.stderr).toBe(0);
      const doc = parse(y.stdout, { version: '1.1' }) as Tree;
      expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'spec']);
      expect(doc['spec']).toEqual(expected);
      const j = await sailctl(['profile', 'dump', '-d', manifests, name, '-o', 'json']);
      expect(JSON.parse(j.stdout).spec).toEqual(expected);
    });
  }
});
