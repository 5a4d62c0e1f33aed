/**
 * Turns file text into snapshot resources. Documents are split the way istioctl's file source
 * splits them (on `---` lines; a document starts at its first non-blank line) and parsed one by
 * one, so a broken document is reported and the others are still analysed.
 */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import { lookupKind, kindKey } from './kinds.js';
import { obj, strMap, str, type JsonObject, type Origin, type Resource } from './resource.js';

export interface ParseProblem {
  file: string;
  line: number;
  message: string;
}

export interface ParsedFile {
  resources: Resource[];
  problems: ParseProblem[];
  /** Documents of kinds the snapshot does not know (skipped, as istioctl does). */
  unknownKinds: Array<{ file: string; line: number; apiVersion: string; kind: string }>;
}

export interface ParseOptions {
  /** Namespace given to namespaced objects without one ('' keeps them namespace-less). */
  defaultNamespace: string;
  cluster?: string;
}

interface Chunk {
  text: string;
  /** 1-based line of the chunk's first line in the file. */
  startLine: number;
  /** 1-based line of the first non-blank line (the document's reference line). */
  refLine: number;
}

const SEPARATOR = /^---\s*$/;

function splitChunks(text: string): Chunk[] {
  const lines = text.split('\n');
  const chunks: Chunk[] = [];
  let buf: string[] = [];
  let start = 1;
  let ref = 0;
  const flush = (): void => {
    if (buf.some((l) => l.trim() !== '')) chunks.push({ text: buf.join('\n'), startLine: start, refLine: ref || start });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (SEPARATOR.test(line)) {
      flush();
      buf = [];
      start = i + 2;
      ref = 0;
      continue;
    }
    if (ref === 0 && line.trim() !== '') ref = i + 1;
    buf.push(line);
  }
  flush();
  return chunks;
}

/** istioctl's flat field map: scalar leaves keyed `{.a.b[0].c}` to their absolute line. */
function buildFieldMap(root: Node | null | undefined, lc: LineCounter, offset: number): Map<string, number> {
  const out = new Map<string, number>();
  const lineOf = (n: Node): number => lc.linePos(n.range?.[0] ?? 0).line + offset;
  const walk = (node: unknown, path: string): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyText = isScalar(pair.key) ? String(pair.key.value) : '';
      const p = `${path}.${keyText}`;
      const v = pair.value;
      if (isScalar(v)) out.set(`{${p}}`, lineOf(v));
      else if (isMap(v)) walk(v, p);
      else if (isSeq(v)) {
        v.items.forEach((item, j) => {
          const pi = `${p}[${j}]`;
          if (isScalar(item)) out.set(`{${pi}}`, lineOf(item));
          else walk(item, pi);
        });
      }
    }
  };
  walk(root, '');
  return out;
}

/**
 * Field lines are needed only for resources that get a message, so the parsed tree is not kept
 * (holding 10,000s of them costs more in GC than re-parsing the few that are asked about).
 */
function makeOrigin(file: string, line: number, cluster: string, chunkText: string, offset: number, listItem?: number): Origin {
  let fields: Map<string, number> | undefined;
  return {
    file,
    line,
    cluster,
    fieldLine(path: string): number | undefined {
      if (!fields) {
        const lc = new LineCounter();
        const doc = parseDocument(chunkText, { version: '1.1', lineCounter: lc, uniqueKeys: false, strict: false });
        let root: unknown = doc.contents;
        if (listItem !== undefined && isMap(root)) {
          const items = root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'items')?.value;
          root = isSeq(items) ? items.items[listItem] : undefined;
        }
        fields = buildFieldMap(root as Node | undefined, lc, offset);
      }
      return fields.get(path);
    },
  };
}

function looksBinary(text: string): boolean {
  return text.includes('\u0000') || /[\u0001-\u0008\u000e-\u001a]/.test(text.slice(0, 8192));
}

export function parseResources(file: string, text: string, opts: ParseOptions): ParsedFile {
  const result: ParsedFile = { resources: [], problems: [], unknownKinds: [] };
  if (looksBinary(text)) {
    result.problems.push({ file, line: 1, message: 'not a YAML or JSON text file (binary content)' });
    return result;
  }
  const cluster = opts.cluster ?? 'default';
  for (const chunk of splitChunks(text)) {
    const lc = new LineCounter();
    const doc = parseDocument(chunk.text, { version: '1.1', lineCounter: lc, uniqueKeys: false, prettyErrors: false, strict: false });
    const offset = chunk.startLine - 1;
    const err = doc.errors[0];
    if (err) {
      const line = lc.linePos(err.pos[0]).line + offset;
      const msg = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
      result.problems.push({ file, line, message: `could not parse YAML: ${msg}` });
      continue;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 10_000 });
    } catch (e) {
      result.problems.push({ file, line: chunk.refLine, message: `could not parse YAML: ${(e as Error).message}` });
      continue;
    }
    if (data === null || data === undefined) continue;
    if (typeof data !== 'object' || Array.isArray(data)) {
      result.problems.push({ file, line: chunk.refLine, message: 'unable to parse resource with no group, version and kind' });
      continue;
    }
    const o = data as JsonObject;
    if (o['kind'] === 'List' && Array.isArray(o['items'])) {
      const itemsNode = isMap(doc.contents) ? doc.contents.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'items')?.value : undefined;
      (o['items'] as unknown[]).forEach((item, i) => {
        const node = isSeq(itemsNode) ? (itemsNode.items[i] as Node | undefined) : undefined;
        const line = node?.range ? lc.linePos(node.range[0]).line + offset : chunk.refLine;
        addObject(result, file, obj(item), line, makeOrigin(file, line, cluster, chunk.text, offset, i), opts);
      });
      continue;
    }
    addObject(result, file, o, chunk.refLine, makeOrigin(file, chunk.refLine, cluster, chunk.text, offset), opts);
  }
  return result;
}

function addObject(result: ParsedFile, file: string, o: JsonObject, line: number, origin: Origin, opts: ParseOptions): void {
  const apiVersion = str(o['apiVersion']);
  const kind = str(o['kind']);
  if (!apiVersion || !kind) {
    result.problems.push({ file, line, message: 'unable to parse resource with no group, version and kind' });
    return;
  }
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const info = lookupKind(group, kind);
  if (!info || !info.versions.includes(version)) {
    result.unknownKinds.push({ file, line, apiVersion, kind });
    return;
  }
  const meta = obj(o['metadata']);
  const name = str(meta['name']);
  if (!name) {
    result.problems.push({ file, line, message: `${kind} has no metadata.name` });
    return;
  }
  let namespace = str(meta['namespace']);
  if (info.clusterScoped) namespace = '';
  else if (!namespace) namespace = opts.defaultNamespace;
  result.resources.push({
    key: kindKey(group, kind),
    group,
    version,
    kind,
    name,
    namespace,
    labels: strMap(meta['labels']),
    annotations: strMap(meta['annotations']),
    object: o,
    spec: obj(o['spec']),
    origin,
  });
}

/** Builds a resource from an object that did not come from a file (defaults, cluster). */
export function resourceFromObject(o: JsonObject, opts: ParseOptions & { file?: string }): Resource | undefined {
  const r: ParsedFile = { resources: [], problems: [], unknownKinds: [] };
  const origin: Origin = { file: opts.file, line: 0, cluster: opts.cluster ?? 'default', fieldLine: () => undefined };
  addObject(r, opts.file ?? '', o, 0, origin, opts);
  return r.resources[0];
}
