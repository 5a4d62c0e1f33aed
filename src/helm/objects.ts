/**
 * The objects Helm puts in front of templates: .Chart (chart.Metadata + IsRoot), .Release,
 * .Capabilities (KubeVersion, APIVersions, HelmVersion) and .Files, as Go values of the
 * template engine with the field and method names Helm's Go types have.
 */
import { bytesOf, FuncError, GoStruct, mapOf, namedMap, sliceOf, withSignature, type GoFunc, type GoMap, type GoValue } from '../gotemplate/value.js';
import { setJsonForm } from '../gotemplate/gojson.js';
import { toYaml } from '../gotemplate/helm-funcs.js';
import type { ChartMetadata, ChartFile } from './chart.js';

function method(params: string[], impl: (args: GoValue[]) => GoValue): GoFunc {
  return withSignature((args) => impl(args), { params });
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const strList = (v: unknown): GoValue => (Array.isArray(v) ? sliceOf(v.map(str), 'string') : sliceOf([], 'string'));

/** .Chart: chart.Metadata fields (Go zero values for absent ones) plus IsRoot. */
export function chartObject(meta: ChartMetadata, isRoot: boolean): GoStruct {
  const raw = meta.raw;
  const annotations: GoMap = new Map();
  const ann = raw.get('annotations');
  if (ann instanceof Map) for (const [k, v] of ann) annotations.set(k, str(v));
  const list = (v: GoValue | undefined): GoValue => (Array.isArray(v) ? v : sliceOf([], 'interface {}'));
  const fields = new Map<string, GoValue>([
    ['Name', meta.name],
    ['Home', str(raw.get('home'))],
    ['Sources', strList(raw.get('sources'))],
    ['Version', meta.version],
    ['Description', str(raw.get('description'))],
    ['Keywords', strList(raw.get('keywords'))],
    ['Maintainers', list(raw.get('maintainers'))],
    ['Icon', str(raw.get('icon'))],
    ['APIVersion', str(raw.get('apiVersion'))],
    ['Condition', str(raw.get('condition'))],
    ['Tags', str(raw.get('tags'))],
    ['AppVersion', str(raw.get('appVersion'))],
    ['Deprecated', raw.get('deprecated') === true],
    ['Annotations', mapOf(annotations, 'string')],
    ['KubeVersion', str(raw.get('kubeVersion'))],
    ['Dependencies', list(raw.get('dependencies'))],
    ['Type', str(raw.get('type'))],
    ['IsRoot', isRoot],
  ]);
  const s = new GoStruct('struct { chart.Metadata; IsRoot bool }', fields);
  // chart.Metadata's json tags (lower camel case, omitempty).
  setJsonForm(s, () => {
    const m: GoMap = new Map();
    for (const [k, v] of raw) if (v !== null && v !== undefined && v !== '') m.set(k, v);
    return m;
  });
  return s;
}

export interface ReleaseOptions {
  name: string;
  namespace: string;
  revision?: number;
  isUpgrade?: boolean;
}

/** .Release is a plain map in Helm (ToRenderValues builds map[string]interface{}). */
export function releaseObject(r: ReleaseOptions): GoMap {
  const isUpgrade = r.isUpgrade ?? false;
  return new Map<string, GoValue>([
    ['Name', r.name],
    ['Namespace', r.namespace],
    ['IsUpgrade', isUpgrade],
    ['IsInstall', !isUpgrade],
    ['Revision', BigInt(r.revision ?? 1)],
    ['Service', 'Helm'],
  ]);
}

/**
 * The group/versions Helm's DefaultVersionSet lists offline (client-go's scheme for the
 * Kubernetes release it is built against), plus "group/version/Kind" forms for common kinds.
 */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1', 'admissionregistration.k8s.io/v1', 'admissionregistration.k8s.io/v1beta1', 'admissionregistration.k8s.io/v1alpha1',
  'apiextensions.k8s.io/v1', 'apiregistration.k8s.io/v1', 'apps/v1', 'authentication.k8s.io/v1', 'authorization.k8s.io/v1',
  'autoscaling/v1', 'autoscaling/v2', 'batch/v1', 'certificates.k8s.io/v1', 'coordination.k8s.io/v1', 'discovery.k8s.io/v1',
  'events.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1beta3', 'networking.k8s.io/v1',
  'node.k8s.io/v1', 'policy/v1', 'rbac.authorization.k8s.io/v1', 'resource.k8s.io/v1beta1', 'scheduling.k8s.io/v1',
  'storage.k8s.io/v1', 'storagemigration.k8s.io/v1alpha1',
];

export interface CapabilitiesOptions {
  /** e.g. "v1.32.0" or "1.32" (Helm accepts both; a missing "v" is added). */
  kubeVersion?: string;
  /** Extra API versions (--api-versions), in addition to the defaults. */
  apiVersions?: readonly string[];
  helmVersion?: string;
}

export const DEFAULT_KUBE_VERSION = 'v1.32.0';

/** chartutil.ParseKubeVersion: semver-ish "v1.32.0", "1.32" → Version/Major/Minor. */
export function parseKubeVersion(v: string): { version: string; major: string; minor: string } {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?([-+].*)?$/.exec(v.trim());
  if (!m) throw new FuncError(`invalid kube version ${JSON.stringify(v)}`);
  const version = `v${m[1]}.${m[2] ?? '0'}.${m[3] ?? '0'}${m[4] ?? ''}`;
  return { version, major: m[1]!, minor: m[2] ?? '0' };
}

export function capabilitiesObject(opts: CapabilitiesOptions = {}): GoStruct {
  const kv = parseKubeVersion(opts.kubeVersion ?? DEFAULT_KUBE_VERSION);
  const kubeVersion = new GoStruct(
    'chartutil.KubeVersion',
    new Map<string, GoValue>([
      ['Version', kv.version],
      ['Major', kv.major],
      ['Minor', kv.minor],
    ]),
    new Map<string, GoFunc>([
      ['String', method([], () => kv.version)],
      ['GitVersion', method([], () => kv.version)],
    ]),
    () => kv.version,
  );
  const versions = [...DEFAULT_API_VERSIONS, ...(opts.apiVersions ?? [])];
  const set = new Set(versions);
  const apiVersions = new GoStruct('chartutil.VersionSet', new Map(), new Map<string, GoFunc>([['Has', method(['string'], ([v]) => set.has(v as string))]]), () => `[${versions.join(' ')}]`);
  const helmVersion = opts.helmVersion ?? 'v4.0.0';
  const helm = new GoStruct(
    'chartutil.HelmVersion',
    new Map<string, GoValue>([
      ['Version', helmVersion],
      ['GitCommit', ''],
      ['GitTreeState', ''],
      ['GoVersion', 'go1.24'],
    ]),
  );
  return new GoStruct(
    '*chartutil.Capabilities',
    new Map<string, GoValue>([
      ['APIVersions', apiVersions],
      ['KubeVersion', kubeVersion],
      ['HelmVersion', helm],
    ]),
  );
}

/** gobwas/glob with '/' as separator, as Helm's Files.Glob compiles patterns. */
function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) throw new FuncError(`unexpected end of input in glob ${JSON.stringify(pattern)}`);
      re += '[' + pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
      i = end;
    } else if (c === '{') {
      const end = pattern.indexOf('}', i + 1);
      if (end < 0) throw new FuncError(`unexpected end of input in glob ${JSON.stringify(pattern)}`);
      re += '(?:' + pattern.slice(i + 1, end).split(',').map((a) => a.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|') + ')';
      i = end;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? p : p.slice(i + 1);
}

/**
 * engine.files is a map[string][]byte. Turning every chart file into a []uint8 of GoInts up
 * front would cost more than a whole render, so a file's bytes are made the first time a
 * template reads that entry (index, range, printing); keys and size are there from the start.
 */
class LazyFilesMap extends Map<string, GoValue> {
  private readonly pending = new Map<string, ChartFile>();

  constructor(files: ReadonlyMap<string, ChartFile>) {
    super();
    for (const [k, f] of files) {
      super.set(k, null);
      this.pending.set(k, f);
    }
  }

  private materialize(key: string): void {
    const f = this.pending.get(key);
    if (f === undefined) return;
    this.pending.delete(key);
    super.set(key, bytesOf(f.bytes));
  }

  override get(key: string): GoValue | undefined {
    this.materialize(key);
    return super.get(key);
  }

  override set(key: string, value: GoValue): this {
    this.pending.delete(key);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    this.pending.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.pending.clear();
    super.clear();
  }

  override *entries(): MapIterator<[string, GoValue]> {
    for (const k of [...super.keys()]) yield [k, this.get(k)!];
  }

  override *values(): MapIterator<GoValue> {
    for (const k of [...super.keys()]) yield this.get(k)!;
  }

  override [Symbol.iterator](): MapIterator<[string, GoValue]> {
    return this.entries();
  }

  override forEach(cb: (value: GoValue, key: string, map: Map<string, GoValue>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) cb.call(thisArg, v, k, this);
  }
}

/**
 * Helm's Glob compiles the pattern with gobwas/glob and, when it does not compile, falls back
 * to "**": every file matches.
 */
function globMatcher(pattern: string): (name: string) => boolean {
  try {
    const re = globToRegExp(pattern);
    return (name) => re.test(name);
  } catch {
    return () => true;
  }
}

/**
 * .Files: Helm's engine.files, a map[string][]byte (so len, range, index and printing see the
 * files) with the methods Get, GetBytes, Glob, Lines, AsConfig and AsSecrets.
 */
export function filesObject(files: ReadonlyMap<string, ChartFile>): GoMap {
  const sortedNames = () => [...files.keys()].sort();
  const methods = new Map<string, GoFunc>([
    ['Get', method(['string'], ([n]) => files.get(n as string)?.text ?? '')],
    ['GetBytes', method(['string'], ([n]) => bytesOf(files.get(n as string)?.bytes ?? new Uint8Array()))],
    [
      'Glob',
      method(['string'], ([p]) => {
        const matches = globMatcher(p as string);
        const sub = new Map<string, ChartFile>();
        for (const [k, v] of files) if (matches(k)) sub.set(k, v);
        return filesObject(sub);
      }),
    ],
    [
      'Lines',
      method(['string'], ([n]) => {
        const f = files.get(n as string);
        if (!f) return sliceOf([], 'string');
        // Helm looks at the last byte without checking for an empty file, and panics.
        if (f.bytes.length === 0) throw new FuncError('runtime error: index out of range [-1]');
        let s = f.text;
        if (s.endsWith('\n')) s = s.slice(0, -1);
        return sliceOf(s.split('\n'), 'string');
      }),
    ],
    [
      'AsConfig',
      method([], () => {
        const m: GoMap = new Map();
        for (const k of sortedNames()) m.set(basename(k), files.get(k)!.text);
        return toYaml(m);
      }),
    ],
    [
      'AsSecrets',
      method([], () => {
        const m: GoMap = new Map();
        for (const k of sortedNames()) m.set(basename(k), Buffer.from(files.get(k)!.bytes).toString('base64'));
        return toYaml(m);
      }),
    ],
  ]);
  return namedMap(new LazyFilesMap(files), 'engine.files', methods, '[]uint8');
}
