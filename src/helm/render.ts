/**
 * Rendering a loaded chart exactly like Helm's engine (pkg/engine) and `helm template`:
 *
 *   - values: chart values.yaml coalesced under the user's values (values.ts), checked against
 *     values.schema.json where a chart has one;
 *   - every template of the chart and its enabled subcharts is parsed into ONE template set
 *     (missingkey=zero, Helm's function map), in Helm's order: deeper paths first, then reverse
 *     alphabetical, so a later `define` of the same name wins;
 *   - templates render in that same order, all sharing one .Values object per chart (Istio's
 *     zzz_profile.yaml rewrites .Values for the templates rendered after it), `_*` partials
 *     produce nothing, "<no value>" is removed, NOTES.txt is rendered but kept apart;
 *   - output files are split into documents on `---`, blank ones dropped, hooks (helm.sh/hook)
 *     separated, both sorted by kind in Helm's InstallOrder (unknown kinds last, by name).
 *
 * The error messages are Helm's: "parse error at (FILE:LINE): ...", "execution error at
 * (FILE:LINE:COL): MESSAGE" for required/fail, Go's template error otherwise.
 */
import { createRequire } from 'node:module';
import { SailError } from '../errors.js';
import { TemplateSet } from '../gotemplate/index.js';
import { helmFuncMap, HELM_ERR_END, HELM_ERR_START } from '../gotemplate/helm-funcs.js';
import { GoYamlError, parseGoYaml, parseYamlStringsOnly, resolveScalar } from '../gotemplate/goyaml.js';
import { toJS, type GoMap, type GoValue } from '../gotemplate/value.js';
import type { Chart } from './chart.js';
import { capabilitiesObject, chartObject, filesObject, releaseObject, type ReleaseOptions } from './objects.js';
import { coalesceChartValues } from './values.js';

export interface RenderOptions {
  /** User values (already merged from -f files and --set), overriding the chart's values.yaml. */
  values?: GoMap;
  release?: Partial<ReleaseOptions>;
  /** Default v1.32.0, what istioctl assumes offline. */
  kubeVersion?: string;
  /** Extra API versions for .Capabilities.APIVersions.Has. */
  apiVersions?: readonly string[];
}

export interface RenderedDocument {
  /** Template path as Helm names it: CHART/templates/FILE (or CHART/charts/SUB/templates/FILE). */
  readonly source: string;
  /** The document text, trimmed, without the `---` separator. */
  readonly content: string;
  readonly kind: string;
  readonly apiVersion: string;
  readonly name: string;
  /** The helm.sh/hook annotation when the document is a hook. */
  readonly hook: string | undefined;
}

export interface RenderResult {
  /** Non-hook documents in Helm's install order. */
  readonly documents: RenderedDocument[];
  /** Hook documents in Helm's install order (printed after the others by helm template). */
  readonly hooks: RenderedDocument[];
  /** The root chart's rendered templates/NOTES.txt ("" when there is none). */
  readonly notes: string;
  /** Every rendered template file by path (partials and NOTES excluded), as Helm's engine returns them. */
  readonly files: ReadonlyMap<string, string>;
}

/** Helm's InstallOrder (pkg/release/v1/util/kind_sorter.go). */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role',
  'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet',
  'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
];
const ORDER = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

interface Renderable {
  text: string;
  vals: GoMap;
  basePath: string;
}

const lookupPath = (m: GoMap, path: string): GoValue | undefined => {
  let cur: GoValue | undefined = m;
  for (const part of path.split('.')) {
    if (!(cur instanceof Map) || !cur.has(part)) return undefined;
    cur = cur.get(part);
  }
  return cur;
};

/**
 * Applies Chart.yaml `dependencies` (alias, condition) the way Helm's ProcessDependencies does:
 * a dependency whose first resolvable condition path is false is removed; aliases rename.
 */
function processDependencies(chart: Chart, userValues: GoMap): Chart {
  const deps = chart.metadata.raw.get('dependencies');
  if (!Array.isArray(deps) || deps.length === 0 || chart.dependencies.length === 0) {
    return { ...chart, dependencies: chart.dependencies.map((d) => processDependencies(d, new Map())) };
  }
  const coalesced = coalesceChartValues(chart, userValues);
  const byName = new Map(chart.dependencies.map((d) => [d.metadata.name, d]));
  const out: Chart[] = [];
  const listed = new Set<string>();
  for (const dep of deps) {
    if (!(dep instanceof Map)) continue;
    const name = String(dep.get('name') ?? '');
    const sub = byName.get(name);
    if (!sub) continue;
    listed.add(name);
    const alias = dep.get('alias');
    const renamed: Chart = typeof alias === 'string' && alias !== '' ? { ...sub, metadata: { ...sub.metadata, name: alias } } : sub;
    let enabled = true;
    const cond = dep.get('condition');
    if (typeof cond === 'string' && cond !== '') {
      for (const p of cond.split(',').map((x) => x.trim())) {
        const v = lookupPath(coalesced, p);
        if (typeof v === 'boolean') {
          enabled = v;
          break;
        }
      }
    }
    if (enabled) out.push(renamed);
  }
  for (const d of chart.dependencies) if (!listed.has(d.metadata.name)) out.push(d);
  const subValues = (name: string) => {
    const v = userValues.get(name);
    return v instanceof Map ? v : new Map();
  };
  return { ...chart, dependencies: out.map((d) => processDependencies(d, subValues(d.metadata.name))) };
}

function validateSchemas(chart: Chart, values: GoMap, path: string, errors: string[]): void {
  if (chart.schema !== undefined) {
    const require = createRequire(import.meta.url);
    const AjvModule = require('ajv') as { default: new (o: object) => { compile(s: unknown): ((d: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> | null } } };
    const ajv = new AjvModule.default({ allErrors: true, strict: false, validateSchema: false });
    let validate;
    try {
      validate = ajv.compile(chart.schema);
    } catch (e) {
      throw new SailError('SCHEMA', `${path}: invalid values.schema.json: ${(e as Error).message}`, { file: `${chart.dir}/values.schema.json` });
    }
    if (!validate(toJS(values))) {
      const lines = (validate.errors ?? []).map((e) => `- at '${e.instancePath || '/'}': ${e.message ?? 'invalid'}`);
      errors.push(`${path}:\n${lines.join('\n')}`);
    }
  }
  for (const sub of chart.dependencies) {
    const v = values.get(sub.metadata.name);
    validateSchemas(sub, v instanceof Map ? v : new Map(), `${path}/charts/${sub.metadata.name}`, errors);
  }
}

function collectTemplates(chart: Chart, parentPath: string | undefined, parentTop: GoMap, templates: Map<string, Renderable>): GoMap {
  const isRoot = parentPath === undefined;
  const fullPath = isRoot ? chart.metadata.name : `${parentPath}/charts/${chart.metadata.name}`;
  const subcharts: GoMap = new Map();
  let values: GoValue = new Map();
  if (isRoot) values = parentTop.get('Values') ?? new Map();
  else {
    const pv = parentTop.get('Values');
    const mine = pv instanceof Map ? pv.get(chart.metadata.name) : undefined;
    if (mine instanceof Map) values = mine;
  }
  const next: GoMap = new Map<string, GoValue>([
    ['Chart', chartObject(chart.metadata, isRoot)],
    ['Files', filesObject(chart.files)],
    ['Release', parentTop.get('Release') ?? null],
    ['Capabilities', parentTop.get('Capabilities') ?? null],
    ['Values', values],
    ['Subcharts', subcharts],
  ]);
  for (const child of chart.dependencies) subcharts.set(child.metadata.name, collectTemplates(child, fullPath, next, templates));
  const library = chart.metadata.raw.get('type') === 'library';
  for (const t of chart.templates) {
    if (library && !baseName(t.name).startsWith('_')) continue;
    templates.set(`${fullPath}/${t.name}`, { text: t.text, vals: next, basePath: `${fullPath}/templates` });
  }
  return next;
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Helm's sortTemplates: deeper paths first, then reverse lexical order. */
export function sortTemplatePaths(paths: Iterable<string>): string[] {
  const depth = (p: string) => p.split('/').length - 1;
  return [...paths].sort((a, b) => {
    const da = depth(a);
    const db = depth(b);
    if (da !== db) return db - da;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}

/** cleanupParseError: "parse error at (LOCATION): LAST MESSAGE". */
function parseErrorMessage(filename: string, msg: string): string {
  const tokens = msg.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${msg}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

/** reformatExecErrorMsg: required/fail become "execution error at (LOCATION): MESSAGE". */
function execErrorMessage(filename: string, msg: string): string {
  const tokens = msg.split(': ');
  if (tokens.length < 3) return `${filename}: ${msg}`;
  const rest = tokens.slice(2).join(': ');
  const m = new RegExp(`${HELM_ERR_START}([\\s\\S]*)${HELM_ERR_END}`).exec(rest);
  if (m) return `execution error at (${tokens[1]}): ${m[1]}`;
  return msg;
}

/**
 * releaseutil.SplitManifests: split on `(?:^|\s*\n)---\s*`, trim, drop empty. The separator is
 * any `---` at the start of the text or of a line; whitespace around it only ever reaches the
 * ends of the pieces, which are trimmed, so a plain scan is equivalent (and avoids the regex's
 * backtracking over long whitespace runs).
 */
export function splitManifests(text: string): string[] {
  const s = text.trim();
  const pieces: string[] = [];
  let start = 0;
  if (s.startsWith('---')) start = 3;
  for (;;) {
    const i = s.indexOf('\n---', start);
    const piece = (i < 0 ? s.slice(start) : s.slice(start, i)).trim();
    if (piece !== '') pieces.push(piece);
    if (i < 0) break;
    start = i + 4;
  }
  return pieces;
}

function kindLess(a: string, b: string): number {
  const ai = ORDER.get(a);
  const bi = ORDER.get(b);
  if (ai === undefined && bi === undefined) return a === b ? 0 : a < b ? -1 : 1;
  if (ai === undefined) return 1;
  if (bi === undefined) return -1;
  return ai - bi;
}

type Head = { kind: string; apiVersion: string; name: string; hook: string | undefined };

/** The head fields from a strings-only read of the document (no scalar resolution needed). */
function quickHead(content: string): Head | undefined {
  const doc = parseYamlStringsOnly(content);
  if (doc === undefined) return undefined;
  if (doc === null) return { kind: '', apiVersion: '', name: '', hook: undefined };
  if (typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const get = (o: unknown, k: string): unknown => (o !== null && typeof o === 'object' && !Array.isArray(o) && Object.hasOwn(o, k) ? (o as Record<string, unknown>)[k] : undefined);
  const kind = get(doc, 'kind');
  const apiVersion = get(doc, 'apiVersion');
  const meta = get(doc, 'metadata');
  const name = get(meta, 'name');
  const hook = get(get(meta, 'annotations'), 'helm.sh/hook');
  const plain = (v: unknown) => v === undefined || typeof v === 'string';
  // Anything but plain strings in these fields may resolve to another type: read it exactly.
  if (!plain(kind) || !plain(apiVersion) || !plain(name) || !plain(hook) || (meta !== undefined && (meta === null || typeof meta !== 'object'))) return undefined;
  if ([kind, apiVersion, name, hook].some((v) => v !== undefined && resolveScalar(v as string).tag !== 'str')) return undefined;
  return { kind: (kind as string | undefined) ?? '', apiVersion: (apiVersion as string | undefined) ?? '', name: (name as string | undefined) ?? '', hook: hook as string | undefined };
}

function headOf(source: string, content: string): Head {
  const quick = quickHead(content);
  if (quick) return quick;
  let head: GoValue;
  try {
    head = parseGoYaml(content);
  } catch (e) {
    const line = e instanceof GoYamlError && e.line !== undefined ? `line ${e.line}: ` : '';
    throw new SailError('YAML', `YAML parse error on ${source}: error converting YAML to JSON: yaml: ${line}${(e as Error).message}`, {
      hint: 'the template rendered text that is not valid YAML',
    });
  }
  if (!(head instanceof Map)) {
    if (head === null) return { kind: '', apiVersion: '', name: '', hook: undefined };
    throw new SailError('YAML', `YAML parse error on ${source}: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(head) ? 'array' : 'string'} into Go value of type releaseutil.SimpleHead`);
  }
  const str = (v: GoValue | undefined) => (typeof v === 'string' ? v : '');
  const meta = head.get('metadata');
  const ann = meta instanceof Map ? meta.get('annotations') : undefined;
  const hook = ann instanceof Map ? ann.get('helm.sh/hook') : undefined;
  return {
    kind: str(head.get('kind')),
    apiVersion: str(head.get('apiVersion')),
    name: meta instanceof Map ? str(meta.get('name')) : '',
    hook: hook === undefined || hook === null ? undefined : String(hook),
  };
}

/** What Helm's engine.Render returns: rendered text per template file, before any YAML reading. */
export interface RenderedTemplates {
  /** The root chart's rendered templates/NOTES.txt ("" when there is none). */
  readonly notes: string;
  /** Every rendered template file by path (partials and NOTES excluded). */
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Renders every template of `chart` without reading the output as YAML. istioctl uses Helm this
 * way (engine.Render, then its own parse of each document), so the manifest pipeline calls this
 * and parses each document once; `renderChart` adds `helm template`'s document split and sort.
 * Throws SailError with Helm's message on failure.
 */
export function renderTemplates(chart: Chart, opts: RenderOptions = {}): RenderedTemplates {
  const userValues = opts.values ?? new Map();
  const effective = processDependencies(chart, userValues);
  let values: GoMap;
  try {
    values = coalesceChartValues(effective, userValues);
  } catch (e) {
    throw new SailError('INVALID', (e as Error).message);
  }
  const schemaErrors: string[] = [];
  validateSchemas(effective, values, effective.metadata.name, schemaErrors);
  if (schemaErrors.length > 0) {
    throw new SailError('SCHEMA', `values don't meet the specifications of the schema(s) in the following chart(s):\n${schemaErrors.join('\n')}`);
  }
  const top: GoMap = new Map<string, GoValue>([
    ['Values', values],
    ['Release', releaseObject({ name: opts.release?.name ?? 'release-name', namespace: opts.release?.namespace ?? 'default', revision: opts.release?.revision ?? 1, isUpgrade: opts.release?.isUpgrade ?? false })],
    ['Capabilities', capabilitiesObject({ kubeVersion: opts.kubeVersion, apiVersions: opts.apiVersions })],
  ]);
  const templates = new Map<string, Renderable>();
  collectTemplates(effective, undefined, top, templates);

  const set = new TemplateSet({ missingKey: 'zero', funcs: helmFuncMap(), rootName: 'gotpl' });
  const order = sortTemplatePaths(templates.keys());
  for (const name of order) {
    try {
      set.parse(name, templates.get(name)!.text);
    } catch (e) {
      throw new SailError('TEMPLATE', parseErrorMessage(name, (e as Error).message));
    }
  }
  const rendered = new Map<string, string>();
  for (const name of order) {
    if (baseName(name).startsWith('_')) continue;
    const r = templates.get(name)!;
    r.vals.set('Template', new Map<string, GoValue>([['Name', name], ['BasePath', r.basePath]]));
    let out: string;
    try {
      out = set.execute(name, r.vals);
    } catch (e) {
      if (e instanceof SailError) throw e;
      throw new SailError('TEMPLATE', execErrorMessage(name, (e as Error).message));
    }
    rendered.set(name, out.replaceAll('<no value>', ''));
  }

  let notes = '';
  const files = new Map<string, string>();
  for (const [name, text] of rendered) {
    if (name.endsWith('NOTES.txt')) {
      if (name === `${effective.metadata.name}/templates/NOTES.txt`) notes = text;
      continue;
    }
    files.set(name, text);
  }
  return { notes, files };
}

/** Renders `chart` (see the module comment). Throws SailError with Helm's message on failure. */
export function renderChart(chart: Chart, opts: RenderOptions = {}): RenderResult {
  const { notes, files } = renderTemplates(chart, opts);
  const documents: RenderedDocument[] = [];
  const hooks: RenderedDocument[] = [];
  for (const source of [...files.keys()].sort()) {
    const text = files.get(source)!;
    if (text.trim() === '') continue;
    for (const content of splitManifests(text)) {
      const head = headOf(source, content);
      const doc: RenderedDocument = { source, content, ...head };
      (doc.hook === undefined ? documents : hooks).push(doc);
    }
  }
  const byKind = (a: RenderedDocument, b: RenderedDocument) => kindLess(a.kind, b.kind);
  return { documents: documents.sort(byKind), hooks: hooks.sort(byKind), notes, files };
}

/** What `helm template` prints: every document, then every hook, as `---\n# Source: PATH\nDOC\n`. */
export function formatHelmTemplate(result: Pick<RenderResult, 'documents' | 'hooks'>, opts: { includeHooks?: boolean } = {}): string {
  const out: string[] = [];
  for (const d of result.documents) out.push(`---\n# Source: ${d.source}\n${d.content}\n`);
  if (opts.includeHooks ?? true) for (const h of result.hooks) out.push(`---\n# Source: ${h.source}\n${h.content}\n`);
  return out.join('');
}
