/**
 * Where sailctl's own files (profiles/, manifests/) live: the package root, found by walking up
 * from this module to the package.json named "sailctl". Works from src/ (tests), dist/ (build)
 * and a bundled layout alike.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sailctl') return (cached = dir);
      } catch {
        // not ours; keep walking
      }
    }
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('sailctl package root not found');
    dir = parent;
  }
}

/** The built-in profiles directory. */
export function builtinProfilesDir(): string {
  return join(packageRoot(), 'profiles');
}

/** The built-in charts directory (laid out like an Istio release's manifests/charts). */
export function builtinChartsDir(): string {
  return join(packageRoot(), 'manifests', 'charts');
}
