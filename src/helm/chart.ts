/**
 * Loading a chart directory the way Helm's loader.LoadDir does: Chart.yaml (metadata),
 * values.yaml, values.schema.json, templates/**, charts/<sub>/ (subcharts, recursively),
 * crds/** and every other file as .Files, honouring .helmignore. Chart archives (.tgz) inside
 * charts/ are not supported.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SailError } from '../errors.js';
import { GoYamlError } from '../gotemplate/goyaml.js';
import { readGoYaml } from '../gotemplate/block-values.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';

export interface ChartFile {
  /** Path relative to the chart root, with '/' separators (e.g. "templates/deployment.yaml"). */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly text: string;
}

export interface ChartMetadata {
  readonly name: string;
  readonly version: string;
  readonly apiVersion: string;
  /** Every Chart.yaml field as read (home, sources, appVersion, dependencies, ...). */
  readonly raw: GoMap;
}

export interface Chart {
  /** Directory the chart was loaded from (for messages). */
  readonly dir: string;
  readonly metadata: ChartMetadata;
  /** values.yaml as Helm reads it (numbers are float64). */
  readonly values: GoMap;
  /** values.schema.json, parsed, when present. */
  readonly schema: unknown;
  readonly templates: readonly ChartFile[];
  /** Non-template files (Files in Helm): everything except Chart.yaml, values.yaml, templates/ and charts/. */
  readonly files: ReadonlyMap<string, ChartFile>;
  readonly crds: readonly ChartFile[];
  /** Subcharts (charts/*), with aliases and conditions applied at render time. */
  readonly dependencies: readonly Chart[];
}

/** A .helmignore rule: filepath.Match patterns, '/'-suffixed for directories, '!' to negate. */
interface IgnoreRule {
  re: RegExp;
  dirOnly: boolean;
  negate: boolean;
  fullPath: boolean;
}

function matchToRegExp(p: string): RegExp {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = p.indexOf(']', i + 1);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      re += '[' + p.slice(i + 1, end).replace(/^\^|^!/, '^') + ']';
      i = end;
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function parseHelmignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (let line of text.split(/\r?\n/)) {
    line = line.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === '.' || line === './') continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    }
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    line = line.replace(/^\//, '');
    rules.push({ re: matchToRegExp(line), dirOnly, negate, fullPath: line.includes('/') });
  }
  return rules;
}

function ignored(rules: IgnoreRule[], path: string, isDir: boolean): boolean {
  let out = false;
  const base = path.slice(path.lastIndexOf('/') + 1);
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    const hit = r.re.test(r.fullPath ? path : base);
    if (hit) out = !r.negate;
  }
  return out;
}

/*
 * Synchronous reads on purpose: a chart is a few dozen small files, and each awaited read is
 * several thread-pool round trips the CLI would spend idle (~40 ms for the default profile).
 */
function walk(root: string, dir: string, rules: IgnoreRule[], out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    const rel = relative(root, full).split(sep).join('/');
    let isDir = e.isDirectory();
    if (e.isSymbolicLink()) isDir = statSync(full).isDirectory();
    if (ignored(rules, rel, isDir)) continue;
    if (isDir) walk(root, full, rules, out);
    else out.push(rel);
  }
}

function yamlError(file: string, e: unknown, what: string): SailError {
  if (e instanceof GoYamlError) return new SailError('YAML', `${what}: ${e.message}`, { file, line: e.line });
  return new SailError('YAML', `${what}: ${(e as Error).message}`, { file });
}

/** Reads a values file the way Helm does (an empty file is an empty map). */
export function parseValuesText(text: string, file: string): GoMap {
  let v: GoValue;
  try {
    v = readGoYaml(text);
  } catch (e) {
    throw yamlError(file, e, 'cannot parse values');
  }
  if (v === null || v === undefined) return new Map();
  if (!(v instanceof Map)) throw new SailError('YAML', 'values must be a YAML map at the top level', { file, line: 1 });
  return v;
}

function asString(v: GoValue | undefined): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** Loads the chart in `dir` (and its subcharts). Throws SailError naming the file at fault. */
export async function loadChart(dir: string): Promise<Chart> {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new SailError('FILE_NOT_FOUND', 'chart directory not found', { file: dir, hint: 'pass the path of a chart directory (the one holding Chart.yaml)' });
  }
  if (!st.isDirectory()) throw new SailError('FILE_READ', 'not a chart directory (chart archives are not supported; unpack it first)', { file: dir });
  return loadDir(dir);
}

function loadDir(dir: string): Chart {
  const chartYamlPath = join(dir, 'Chart.yaml');
  let chartYaml: string;
  try {
    chartYaml = readFileSync(chartYamlPath, 'utf8');
  } catch {
    throw new SailError('FILE_NOT_FOUND', 'Chart.yaml file is missing', { file: chartYamlPath, hint: 'a chart directory must contain Chart.yaml' });
  }
  let raw: GoValue;
  try {
    raw = readGoYaml(chartYaml);
  } catch (e) {
    throw yamlError(chartYamlPath, e, 'cannot load Chart.yaml');
  }
  if (!(raw instanceof Map)) throw new SailError('INVALID', 'Chart.yaml must be a map', { file: chartYamlPath, line: 1 });
  const name = asString(raw.get('name'));
  const version = asString(raw.get('version'));
  const apiVersion = asString(raw.get('apiVersion'));
  if (apiVersion === '') throw new SailError('INVALID', 'validation: chart.metadata.apiVersion is required', { file: chartYamlPath });
  if (name === '') throw new SailError('INVALID', 'validation: chart.metadata.name is required', { file: chartYamlPath });
  if (version === '') throw new SailError('INVALID', 'validation: chart.metadata.version is required', { file: chartYamlPath });

  let rules: IgnoreRule[] = [];
  try {
    rules = parseHelmignore(readFileSync(join(dir, '.helmignore'), 'utf8'));
  } catch {
    // no .helmignore
  }
  const paths: string[] = [];
  walk(dir, dir, rules, paths);

  let values: GoMap = new Map();
  let schema: unknown;
  const templates: ChartFile[] = [];
  const files = new Map<string, ChartFile>();
  const crds: ChartFile[] = [];
  const subchartDirs = new Set<string>();
  for (const rel of paths) {
    if (rel === 'Chart.yaml' || rel === 'Chart.lock' || rel === 'requirements.yaml' || rel === 'requirements.lock') continue;
    // Helm's ignore rules always include "templates/.?*": hidden files are not templates.
    if (/^templates\/(?:.*\/)?\.[^/]+$/.test(rel)) continue;
    if (rel.startsWith('charts/')) {
      const parts = rel.split('/');
      if (parts.length > 2) subchartDirs.add(parts[1]!);
      else if (rel.endsWith('.tgz') || rel.endsWith('.tar.gz')) throw new SailError('INVALID', 'packaged subcharts (.tgz) are not supported; unpack them under charts/', { file: join(dir, rel) });
      continue;
    }
    const bytes = readFileSync(join(dir, rel));
    const file: ChartFile = { name: rel, bytes, text: bytes.toString('utf8') };
    if (rel === 'values.yaml') {
      values = parseValuesText(file.text, join(dir, rel));
    } else if (rel === 'values.schema.json') {
      try {
        schema = JSON.parse(file.text);
      } catch (e) {
        throw new SailError('INVALID', `cannot parse values.schema.json: ${(e as Error).message}`, { file: join(dir, rel) });
      }
    } else if (rel.startsWith('templates/')) {
      templates.push(file);
    } else {
      if (rel.startsWith('crds/')) crds.push(file);
      files.set(rel, file);
    }
  }
  const dependencies: Chart[] = [];
  for (const sub of [...subchartDirs].sort()) {
    const subDir = join(dir, 'charts', sub);
    try {
      statSync(join(subDir, 'Chart.yaml'));
    } catch {
      continue;
    }
    dependencies.push(loadDir(subDir));
  }
  return {
    dir,
    metadata: { name, version, apiVersion, raw },
    values,
    schema,
    templates,
    files,
    crds,
    dependencies,
  };
}
