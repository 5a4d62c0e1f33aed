/**
 * Where profiles come from: sailctl's built-in profiles/ directory, or DIR/profiles for
 * `-d DIR` (an Istio release's manifests/ layout). A profile is an IstioOperator overlay on the
 * `default` profile of the same directory.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SailError } from '../errors.js';
import { builtinProfilesDir } from '../util/paths.js';

export const DEFAULT_PROFILE = 'default';

/** The profiles directory for a manifests directory (or the built-in one). */
export function profilesDir(manifestsDir?: string): string {
  return manifestsDir ? join(manifestsDir, 'profiles') : builtinProfilesDir();
}

/** Profile names available (sorted), from `<dir>/profiles/*.yaml`. */
export function listProfiles(manifestsDir?: string): string[] {
  const dir = profilesDir(manifestsDir);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SailError('FILE_NOT_FOUND', code === 'ENOTDIR' ? 'not a directory' : 'no profiles directory here', {
      file: dir,
      hint: manifestsDir ? '-d/--manifests must name a directory laid out like an Istio release\'s manifests/ (with profiles/)' : undefined,
    });
  }
  return entries
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

/** istioctl's test for "this profile is a file path, not a name". */
export function isProfilePath(profile: string): boolean {
  return profile.includes('/') || profile.includes('.');
}

export interface ProfileSource {
  /** The file the profile was read from. */
  file: string;
  text: string;
}

/** Reads a profile by name (from the profiles directory) or by file path. */
export function readProfileSource(profile: string, manifestsDir?: string): ProfileSource {
  if (isProfilePath(profile)) {
    if (!existsSync(profile)) throw new SailError('FILE_NOT_FOUND', 'no such file or directory', { file: profile });
    return { file: profile, text: readFileSync(profile, 'utf8') };
  }
  const file = join(profilesDir(manifestsDir), `${profile}.yaml`);
  if (!existsSync(file)) {
    const known = listProfiles(manifestsDir);
    throw new SailError('UNKNOWN_PROFILE', `unknown profile "${profile}"`, {
      hint: `known profiles: ${known.join(', ')}`,
    });
  }
  return { file, text: readFileSync(file, 'utf8') };
}

/**
 * The base a profile overlays. For a profile named by path, istioctl 1.23 used default.yaml
 * beside it; when there is none, sailctl falls back to the directory's default profile.
 */
export function defaultProfileFor(profile: string, manifestsDir?: string): ProfileSource | undefined {
  if (isProfilePath(profile)) {
    if (basename(profile) === 'default.yaml') return undefined;
    const beside = join(dirname(profile), 'default.yaml');
    if (existsSync(beside)) return { file: beside, text: readFileSync(beside, 'utf8') };
    return readProfileSource(DEFAULT_PROFILE, manifestsDir);
  }
  if (profile === DEFAULT_PROFILE) return undefined;
  return readProfileSource(DEFAULT_PROFILE, manifestsDir);
}
