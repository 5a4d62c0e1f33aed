/**
 * Builds the effective IstioOperator the way istioctl does:
 *   profiles/default.yaml <- profiles/<profile>.yaml <- built-in hub/tag
 *     <- -f files (left to right) <- --set (in order; -d and -r are --set aliases, applied last)
 * The profile and the manifests directory are only known once the files and --set flags are
 * read, so the user layers are merged first and laid over the profile afterwards (1.30's
 * MergeInputs). Every layer is schema-checked on its own so errors name file:line (or the --set).
 */
import { SailError } from '../errors.js';
import { parseGoYamlPlain } from '../gotemplate/goyaml.js';
import { parseYamlDocuments, type YamlDocument } from '../util/yaml.js';
import { ISTIO_HUB, ISTIO_VERSION } from '../version.js';
import { mergeOverlay } from './merge.js';
import { mergeInPlace } from './translate-merge.js';
import { DEFAULT_PROFILE, defaultProfileFor, readProfileSource } from './profiles.js';
import { applySetExpression, lastSetValue, parseSetExpression, type SetExpression } from './setflag.js';
import { IOP_API_VERSION, IOP_KIND, isJsonObject, type IstioOperator, type JsonObject } from './types.js';
import type { ValidationIssue } from './validate.js';
import { dirname } from 'node:path';
import { builtinProfilesDir } from '../util/paths.js';

/*
 * The IstioOperator validator is a 1.5 MB generated module (~10 ms to load) plus a cold first run:
 * loaded only when there is something to check, which `manifest generate` of a built-in profile
 * without -f or --set never has.
 */
async function validateIstioOperator(iop: unknown): Promise<ValidationIssue[]> {
  const { validateIstioOperator: validate } = await import('./validate.js');
  return validate(iop);
}

export interface InputFile {
  /** Name shown in messages: the path as the user gave it, or '-' for stdin. */
  name: string;
  text: string;
}

export interface ResolveOptions {
  /** -f files, in order. */
  files?: readonly InputFile[];
  /** --set expressions, in order. */
  sets?: readonly string[];
  /** -d/--manifests: a directory laid out like an Istio release's manifests/. */
  manifestsDir?: string | undefined;
  /** A profile chosen outside the files (e.g. `profile dump NAME`); wins over files and --set. */
  profile?: string | undefined;
  /**
   * Whether `profile` is written into spec.profile, as istioctl 1.23's `profile dump NAME` does
   * (default true). `profile diff` reads profiles without recording the name.
   */
  recordProfile?: boolean | undefined;
  /** -r/--revision (the "default" revision means none, as in istioctl). */
  revision?: string | undefined;
  /** Turn validation errors into warnings. */
  force?: boolean | undefined;
  /** Overlay the hub/tag sailctl targets on the profile (istioctl does; default true). */
  overlayHubTag?: boolean | undefined;
}

export interface ResolvedIstioOperator {
  iop: IstioOperator;
  /** Validation errors downgraded by --force, and other notices, one line each. */
  warnings: string[];
  /** The profile used ('default' when none was chosen). */
  profileName: string;
  /** The manifests directory in effect (from -d, a file, or --set installPackagePath), if any. */
  manifestsDir: string | undefined;
  /**
   * The user's own spec.values (files then --set, no profile), as istioctl keeps them to lay over
   * the translated values last. Maps the profile lacks are the same objects as in `iop`, as in
   * istioctl (see translate-merge.ts): translate them together (translateIstioOperator does).
   */
  userValues: JsonObject | undefined;
}

/** A parsed IstioOperator document with where it came from. */
export interface IopDocument {
  data: JsonObject;
  doc: YamlDocument;
  file: string;
}

function located(file: string, doc: YamlDocument | undefined, path: ReadonlyArray<string | number>): { file: string; line: number | undefined } {
  return { file, line: doc ? doc.lineOf(path) : undefined };
}

/**
 * Parses one file that must hold at most one IstioOperator (and nothing else). Returns
 * undefined for an empty file.
 */
export function parseIstioOperatorFile(file: string, text: string): IopDocument | undefined {
  const docs = parseYamlDocuments(text, { file });
  if (docs.length === 0) return undefined;
  let found: IopDocument | undefined;
  for (const doc of docs) {
    if (!isJsonObject(doc.data)) {
      throw new SailError('SCHEMA', 'could not unmarshal: expected an IstioOperator (a YAML map), found ' + (Array.isArray(doc.data) ? 'a list' : `a ${typeof doc.data}`), {
        file,
        line: doc.line,
      });
    }
    const kind = doc.data['kind'];
    if (kind !== IOP_KIND) {
      throw new SailError('INVALID', kind === undefined ? 'not an IstioOperator: the document has no kind' : `not an IstioOperator: kind is ${JSON.stringify(kind)}`, {
        ...located(file, doc, kind === undefined ? [] : ['kind']),
        hint: `expected apiVersion: ${IOP_API_VERSION} and kind: ${IOP_KIND}`,
      });
    }
    const apiVersion = doc.data['apiVersion'];
    if (apiVersion !== undefined && apiVersion !== IOP_API_VERSION) {
      throw new SailError('INVALID', `not an IstioOperator: apiVersion is ${JSON.stringify(apiVersion)}, expected ${IOP_API_VERSION}`, located(file, doc, ['apiVersion']));
    }
    if (found) {
      throw new SailError('INVALID', `input file ${file} contains multiple IstioOperator CRs, only one per file is supported`, {
        file,
        line: doc.line,
        hint: 'split them into separate files and pass each with -f',
      });
    }
    found = { data: doc.data, doc, file };
  }
  return found;
}

function issueError(issue: ValidationIssue, where: { file: string; line: number | undefined }, more: number): SailError {
  const hints = [issue.hint, more > 0 ? `${more} more validation error${more > 1 ? 's' : ''}; run with --force to continue anyway` : undefined];
  return new SailError('SCHEMA', issue.message, { ...where, hint: hints.filter(Boolean).join('; ') || undefined });
}

/** Validates a parsed document; throws on the first error unless `force`; returns warnings. */
export async function checkIstioOperatorDocument(d: IopDocument, force: boolean): Promise<string[]> {
  const issues = await validateIstioOperator(d.data);
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  if (first && !force) throw issueError(first, located(d.file, d.doc, first.path), errors.length - 1);
  return issues.map((i) => {
    const w = located(d.file, d.doc, i.path);
    const suffix = i.severity === 'error' ? ' (continuing because of --force)' : '';
    const hint = i.hint ? ` (${i.hint})` : '';
    return `${w.file}:${w.line}: ${i.message}${hint}${suffix}`;
  });
}

function stringOr(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : fallback;
}

function emptyIop(): JsonObject {
  return { apiVersion: IOP_API_VERSION, kind: IOP_KIND, metadata: {}, spec: {} };
}

function specOf(tree: JsonObject): JsonObject {
  let spec = tree['spec'];
  if (!isJsonObject(spec)) spec = tree['spec'] = {};
  return spec;
}

function aliasSet(path: string, value: string): SetExpression {
  return { source: `${path}=${value}`, path, segments: [path], value };
}

/** Names the --set expression most likely responsible for an issue in the merged tree. */
function blameSet(issue: ValidationIssue, sets: readonly SetExpression[]): SetExpression | undefined {
  const issueKeys = issue.path.filter((s): s is string => typeof s === 'string');
  for (let i = sets.length - 1; i >= 0; i--) {
    const s = sets[i] as SetExpression;
    const keys = ['spec', ...s.segments.filter((seg) => !seg.startsWith('['))];
    const n = Math.min(keys.length, issueKeys.length);
    if (keys.slice(0, n).every((k, j) => k === issueKeys[j])) return s;
  }
  return undefined;
}

/**
 * A profile file read the way istioctl reads it (sigs.k8s.io/yaml, go-yaml v2 scalars) by the
 * template engine's fast reader, which the charts need anyway; the positional parse (the `yaml`
 * package, slow on its first use in a process) runs only when a line must be named. Anything but
 * a single IstioOperator document takes parseIstioOperatorFile's path and its errors.
 */
export function parseProfileFile(file: string, text: string): IopDocument | undefined {
  let data: unknown;
  if (!/^(?:---|%|\.\.\.)/m.test(text)) {
    try {
      data = parseGoYamlPlain(text);
    } catch {
      data = undefined;
    }
  }
  if (!isJsonObject(data) || data['kind'] !== IOP_KIND || (data['apiVersion'] !== undefined && data['apiVersion'] !== IOP_API_VERSION)) {
    return parseIstioOperatorFile(file, text);
  }
  let doc: YamlDocument | undefined;
  return {
    data,
    file,
    get doc(): YamlDocument {
      doc ??= parseIstioOperatorFile(file, text)?.doc;
      if (!doc) throw new Error(`${file}: no IstioOperator document on the second read`);
      return doc;
    },
  };
}

async function readProfileLayer(profile: string, manifestsDir: string | undefined, force: boolean, warnings: string[]): Promise<JsonObject> {
  const layers: IopDocument[] = [];
  const base = defaultProfileFor(profile, manifestsDir);
  const top = readProfileSource(profile, manifestsDir);
  for (const src of base ? [base, top] : [top]) {
    const parsed = parseProfileFile(src.file, src.text);
    if (parsed) layers.push(parsed);
  }
  let out = emptyIop();
  for (const layer of layers) {
    // sailctl's own profiles are fixed data, validated clean by the tests (profile-read.test.ts).
    if (dirname(layer.file) !== builtinProfilesDir()) warnings.push(...(await checkIstioOperatorDocument(layer, force)));
    out = mergeOverlay(out, layer.data);
  }
  return out;
}

/** The effective IstioOperator for files + --set over a profile. Pure apart from reading profiles. */
export async function resolveIstioOperator(opts: ResolveOptions): Promise<ResolvedIstioOperator> {
  const force = opts.force ?? false;
  const warnings: string[] = [];

  // Parse every --set first: a malformed one fails before any file is read.
  const sets: SetExpression[] = (opts.sets ?? []).map(parseSetExpression);
  const record = opts.recordProfile ?? true;
  if (opts.profile && record) sets.push(aliasSet('profile', opts.profile));
  if (opts.manifestsDir) sets.push(aliasSet('installPackagePath', opts.manifestsDir));
  if (opts.revision && opts.revision !== 'default') sets.push(aliasSet('revision', opts.revision));

  let user = emptyIop();
  for (const f of opts.files ?? []) {
    const parsed = parseIstioOperatorFile(f.name, f.text);
    if (!parsed) continue;
    warnings.push(...(await checkIstioOperatorDocument(parsed, force)));
    const layer = { ...parsed.data };
    // istioctl lets `spec:` with nothing under it mean "no spec".
    if (layer['spec'] === null) delete layer['spec'];
    user = mergeOverlay(user, layer);
  }
  const userSpec = specOf(user);

  // The profile and manifests directory come from the files, then the last --set naming them.
  const profileName = stringOr((record ? undefined : opts.profile) ?? lastSetValue(sets, 'profile') ?? userSpec['profile'], DEFAULT_PROFILE);
  const manifestsDir = stringOr(lastSetValue(sets, 'installPackagePath') ?? userSpec['installPackagePath'], '') || undefined;

  let base = await readProfileLayer(profileName, manifestsDir, force, warnings);
  if (opts.overlayHubTag ?? true) {
    base = mergeOverlay(base, { spec: { hub: ISTIO_HUB, tag: ISTIO_VERSION } });
  }
  const underlying = mergeOverlay(specOf(base), userSpec);
  for (const s of sets) applySetExpression(userSpec, s, underlying);

  // In place, as istioctl: user maps the profile lacks are shared with userValues (translate-merge.ts).
  const merged = mergeInPlace(base, user);
  const userValues = isJsonObject(userSpec['values']) ? userSpec['values'] : undefined;
  const spec = specOf(merged);
  if (typeof spec['profile'] !== 'string' || spec['profile'] === '') spec['profile'] = record ? profileName : DEFAULT_PROFILE;

  // --set may have produced something invalid; files and profiles were checked (and named) above,
  // so only issues a --set is responsible for are reported here.
  if (sets.length > 0) {
    const issues = (await validateIstioOperator(merged))
      .map((issue) => ({ issue, culprit: blameSet(issue, sets) }))
      .filter((x): x is { issue: ValidationIssue; culprit: SetExpression } => x.culprit !== undefined);
    const errorCount = issues.filter((x) => x.issue.severity === 'error').length;
    for (const { issue, culprit } of issues) {
      const where = `--set ${culprit.source}`;
      if (issue.severity === 'warning') {
        warnings.push(`${where}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`);
        continue;
      }
      if (!force) throw issueError(issue, { file: where, line: undefined }, errorCount - 1);
      warnings.push(`${where}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ''} (continuing because of --force)`);
    }
  }
  return { iop: merged as IstioOperator, warnings, profileName, manifestsDir, userValues };
}
