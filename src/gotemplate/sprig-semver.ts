/**
 * Masterminds/semver v3 versions and constraints, as sprig's semver/semverCompare use them
 * (the rules of semver 3.2: a prerelease version only satisfies constraints that carry a
 * prerelease themselves, e.g. ">=1.23-0"; x/X/* wildcards; "a - b" ranges; "||" alternatives;
 * "," or space for "and"). Istio's charts call semverCompare on .Capabilities.KubeVersion.GitVersion.
 */
import { FuncError, GoStruct, withSignature, type GoFunc, type GoValue } from './value.js';

export interface SemVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  metadata: string;
  original: string;
}

const VERSION_RE = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const UINT64_MAX = (1n << 64n) - 1n;

export function parseSemver(v: string): SemVersion {
  const m = VERSION_RE.exec(v);
  if (!m) throw new FuncError('invalid semantic version');
  const seg = (s: string | undefined): bigint => {
    if (!s) return 0n;
    const n = BigInt(s.replace(/^\./, ''));
    if (n > UINT64_MAX) throw new FuncError(`Error parsing version segment: strconv.ParseUint: parsing ${JSON.stringify(s.replace(/^\./, ''))}: value out of range`);
    return n;
  };
  const pre = m[5] ?? '';
  if (pre !== '') {
    for (const p of pre.split('.')) {
      if (/^[0-9]+$/.test(p) && p.length > 1 && p[0] === '0') throw new FuncError('Version segment starts with 0');
    }
  }
  return { major: seg(m[1]), minor: seg(m[2]), patch: seg(m[3]), pre, metadata: m[8] ?? '', original: v };
}

export function semverString(v: SemVersion): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.metadata ? '+' + v.metadata : ''}`;
}

function cmpNum(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return o !== '' ? -1 : 1;
  if (o === '') return 1;
  const sn = /^[0-9]+$/.test(s);
  const on = /^[0-9]+$/.test(o);
  if (!sn && !on) return s > o ? 1 : -1;
  if (!on) return -1;
  if (!sn) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(a: string, b: string): number {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = comparePrePart(x[i] ?? '', y[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

export function compareSemver(a: SemVersion, b: SemVersion): number {
  const d = cmpNum(a.major, b.major) || cmpNum(a.minor, b.minor) || cmpNum(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

interface Constraint {
  con: SemVersion;
  orig: string;
  op: string;
  dirty: boolean;
  minorDirty: boolean;
  patchDirty: boolean;
}

const CV = String.raw`v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?`;
const OPS = String.raw`=||!=|>|<|>=|=>|<=|=<|~|~>|\^`;
const CONSTRAINT_RE = new RegExp(String.raw`^\s*(${OPS})\s*(${CV})\s*$`);
const RANGE_RE = new RegExp(String.raw`\s*(${CV})\s+-\s+(${CV})\s*`, 'g');
const FIND_RE = new RegExp(String.raw`(${OPS})\s*(${CV})`, 'g');
const VALID_RE = new RegExp(String.raw`^(\s*(${OPS})\s*(${CV})\s*)((?:\s+|,\s*)(${OPS})\s*(${CV})\s*)*$`);

const isX = (s: string | undefined) => s === 'x' || s === 'X' || s === '*';

function parseConstraint(c: string): Constraint {
  const m = CONSTRAINT_RE.exec(c);
  if (!m) throw new FuncError(`improper constraint: ${c}`);
  const [, op = '', orig = '', major = '', minorDot = '', patchDot = '', pre = ''] = m;
  let ver = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  const minor = minorDot.replace(/^\./, '');
  const patch = patchDot.replace(/^\./, '');
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor) || minorDot === '') {
    minorDirty = dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch) || patchDot === '') {
    patchDirty = dirty = true;
    ver = `${major}${minorDot}.0${pre}`;
  }
  let con: SemVersion;
  try {
    con = parseSemver(ver);
  } catch {
    throw new FuncError('constraint Parser Error');
  }
  return { con, orig, op, dirty, minorDirty, patchDirty };
}

function check(v: SemVersion, c: Constraint): boolean {
  const preBlocked = v.pre !== '' && c.con.pre === '';
  const cmp = () => compareSemver(v, c.con);
  switch (c.op) {
    case '':
    case '=':
      if (preBlocked) return false;
      if (c.dirty) return tilde(v, c);
      return cmp() === 0;
    case '!=':
      if (c.dirty) {
        if (preBlocked) return false;
        if (c.con.major !== v.major) return true;
        if (c.con.minor !== v.minor && !c.minorDirty) return true;
        if (c.minorDirty) return false;
        if (c.con.patch !== v.patch && !c.patchDirty) return true;
        if (c.patchDirty) {
          if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
          return false;
        }
      }
      return cmp() !== 0;
    case '>':
      if (preBlocked) return false;
      if (!c.dirty) return cmp() === 1;
      if (v.major > c.con.major) return true;
      if (v.major < c.con.major) return false;
      if (c.minorDirty) return false;
      if (c.patchDirty) return v.minor > c.con.minor;
      return cmp() === 1;
    case '<':
      if (preBlocked) return false;
      return cmp() < 0;
    case '>=':
    case '=>':
      if (preBlocked) return false;
      return cmp() >= 0;
    case '<=':
    case '=<':
      if (preBlocked) return false;
      if (!c.dirty) return cmp() <= 0;
      if (v.major > c.con.major) return false;
      if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
      return true;
    case '~':
    case '~>':
      if (preBlocked) return false;
      return tilde(v, c);
    case '^':
      if (preBlocked) return false;
      if (cmp() < 0) return false;
      if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
      if (c.con.major === 0n && v.major > 0n) return false;
      if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
      if (c.con.minor === 0n && v.minor > 0n) return false;
      return c.con.patch === v.patch;
  }
  return false;
}

function tilde(v: SemVersion, c: Constraint): boolean {
  if (v.pre !== '' && c.con.pre === '') return false;
  if (compareSemver(v, c.con) < 0) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

/** semver.NewConstraint(c).Check(v), with NewConstraint's errors. */
export function semverSatisfies(constraint: string, version: string): boolean {
  const rewritten = constraint.replace(RANGE_RE, (...m: string[]) => `>= ${m[1]}, <= ${m[11]}`);
  const alternatives = rewritten.split('||').map((alt) => {
    if (!VALID_RE.test(alt)) throw new FuncError(`improper constraint: ${alt}`);
    const parts = alt.match(FIND_RE) ?? [alt];
    return parts.map(parseConstraint);
  });
  const v = parseSemver(version);
  return alternatives.some((and) => and.every((c) => check(v, c)));
}

function versionStruct(v: SemVersion): GoStruct {
  const m = (f: () => GoValue): GoFunc => withSignature(() => f(), { params: [] });
  return new GoStruct(
    '*semver.Version',
    new Map(),
    new Map<string, GoFunc>([
      ['Major', m(() => v.major)],
      ['Minor', m(() => v.minor)],
      ['Patch', m(() => v.patch)],
      ['Prerelease', m(() => v.pre)],
      ['Metadata', m(() => v.metadata)],
      ['Original', m(() => v.original)],
      ['String', m(() => semverString(v))],
    ]),
    () => semverString(v),
  );
}

export function semverValue(version: string): GoStruct {
  return versionStruct(parseSemver(version));
}
