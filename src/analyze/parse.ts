/**
 * Turns file text into snapshot resources. Documents are split the way istioctl's file source
 * splits them (on `---` lines; a document starts at its first non-blank line) and parsed one by
 * one, so a broken document is reported and the others are still analysed.
 */
import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents, type Event } from 'js-yaml';
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

const BLANK_REST = /^\s*$/;
const NON_BLANK = /\S/;

/** Splits on lines that are `---` (plus trailing blanks); chunks are slices of the text, not copies. */
function splitChunks(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const emit = (from: number, to: number, startLine: number): void => {
    const chunk = text.slice(from, to);
    const m = NON_BLANK.exec(chunk);
    if (!m) return;
    let refLine = startLine;
    for (let i = chunk.indexOf('\n'); i >= 0 && i < m.index; i = chunk.indexOf('\n', i + 1)) refLine++;
    chunks.push({ text: chunk, startLine, refLine });
  };
  let start = 0;
  let startLine = 1;
  let line = 1;
  for (let pos = 0; pos <= text.length; line++) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if (text.startsWith('---', pos) && BLANK_REST.test(text.slice(pos + 3, end))) {
      // The newline before the separator belongs to neither document.
      emit(start, Math.max(start, pos - 1), startLine);
      start = end + 1;
      startLine = line + 1;
    }
    pos = end + 1;
  }
  if (start <= text.length) emit(start, text.length, startLine);
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

/** 1-based line (within the chunk) of each offset, by binary search over the newline offsets. */
function lineFinder(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/**
 * The field map from js-yaml's parser events (offsets only, no document tree). A block scalar's
 * line is its indicator's (`|`, `>`), as with the yaml package's node ranges.
 */
export function eventFieldMap(text: string, offset: number, listItem: number | undefined): Map<string, number> {
  const events = parseEvents(text, { maxDepth: 1000 });
  const lineAt = lineFinder(text);
  const out = new Map<string, number>();
  let i = 1; // events[0] opens the document
  // End of the last node read: an empty scalar (offset -1) sits where the yaml package puts it,
  // after its key's colon or after its `-`.
  let cursor = 0;
  const scalarLine = (e: Event & { type: typeof EVENT_ID.SCALAR }, inSequence: boolean): number => {
    if (e.valueStart < 0) {
      if (!inSequence) return lineAt(cursor) + offset;
      const dash = text.indexOf('-', cursor);
      if (dash >= 0) cursor = dash + 1;
      return lineAt(dash >= 0 ? dash : cursor) + offset;
    }
    cursor = e.valueEnd;
    let at = e.valueStart;
    if (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) {
      const ind = Math.max(text.lastIndexOf('|', at), text.lastIndexOf('>', at));
      if (ind >= 0) at = ind;
    }
    return lineAt(at) + offset;
  };
  // Skips one node (and its children) starting at events[i].
  const skip = (): void => {
    let depth = 0;
    do {
      const t = (events[i] as Event).type;
      if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
      else if (t === EVENT_ID.POP) depth--;
      i++;
    } while (depth > 0 && i < events.length);
  };
  // Walks the node at events[i]; only mappings record fields (istioctl's map walks pairs).
  const node = (path: string, record: boolean, inSequence: boolean): void => {
    const e = events[i] as Event;
    if (e.type === EVENT_ID.SCALAR) {
      const line = scalarLine(e, inSequence);
      if (record) out.set(`{${path}}`, line);
      i++;
    } else if (e.type === EVENT_ID.MAPPING) {
      cursor = e.start;
      i++;
      while ((events[i] as Event).type !== EVENT_ID.POP) {
        const k = events[i] as Event;
        const key = k.type === EVENT_ID.SCALAR ? getScalarValue(text, k) : '';
        if (k.type === EVENT_ID.SCALAR) {
          if (k.valueStart >= 0) cursor = k.valueEnd;
          i++;
        } else skip();
        const v = events[i] as Event;
        if (v.type === EVENT_ID.SEQUENCE) {
          cursor = v.start;
          i++;
          for (let j = 0; (events[i] as Event).type !== EVENT_ID.POP; j++) node(`${path}.${key}[${j}]`, true, true);
          i++;
        } else node(`${path}.${key}`, true, false);
      }
      i++;
    } else skip();
  };
  const root = events[i] as Event | undefined;
  if (!root) return out;
  if (listItem === undefined) {
    node('', false, false);
    return out;
  }
  // A List's item: find `items`, then its listItem-th entry.
  if (root.type !== EVENT_ID.MAPPING) return out;
  i++;
  while (i < events.length && (events[i] as Event).type !== EVENT_ID.POP) {
    const k = events[i] as Event;
    const key = k.type === EVENT_ID.SCALAR ? getScalarValue(text, k) : '';
    if (k.type === EVENT_ID.SCALAR) i++;
    else skip();
    if (key === 'items' && (events[i] as Event).type === EVENT_ID.SEQUENCE) {
      i++;
      for (let j = 0; j < listItem && (events[i] as Event).type !== EVENT_ID.POP; j++) skip();
      if ((events[i] as Event).type !== EVENT_ID.POP) node('', false, true);
      return out;
    }
    skip();
  }
  return out;
}

/** The field map from the yaml package's document (documents js-yaml's parser rejects). */
export function documentFieldMap(text: string, offset: number, listItem: number | undefined): Map<string, number> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter: lc, uniqueKeys: false, strict: false });
  let root: unknown = doc.contents;
  if (listItem !== undefined && isMap(root)) {
    const items = root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'items')?.value;
    root = isSeq(items) ? items.items[listItem] : undefined;
  }
  return buildFieldMap(root as Node | undefined, lc, offset);
}

/**
 * Field lines are needed only for resources that get a message, so they are computed on first
 * use from the chunk text (holding 10,000s of position trees costs more in GC than re-reading the
 * few chunks that are asked about).
 */
function makeOrigin(file: string, line: number, cluster: string, chunkText: string, offset: number, listItem?: number): Origin {
  let fields: Map<string, number> | undefined;
  return {
    file,
    line,
    cluster,
    fieldLine(path: string): number | undefined {
      if (!fields) {
        try {
          fields = eventFieldMap(chunkText, offset, listItem);
        } catch {
          fields = documentFieldMap(chunkText, offset, listItem);
        }
      }
      return fields.get(path);
    },
  };
}

/** Thrown by the fast path for input whose meaning it does not reproduce exactly. */
class FastPathUnsupported extends Error {}

// Plain scalars as the yaml package reads them in YAML 1.1 mode. Only the common forms are
// resolved here; octal, hex, binary, underscores, sexagesimal, timestamps, .inf/.nan and merge keys
// make the fast path give up so the yaml package reads the document as before.
const NULL_11 = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE_11 = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE_11 = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const SIMPLE_INT = /^[-+]?(?:0|[1-9][0-9]*)$/;
const SIMPLE_FLOAT = /^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$/;
const MAYBE_NUMERIC_11 = /^[-+]?[0-9.]|^<<$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;

/**
 * Builds the document's value straight from js-yaml's parser events (no schema machinery).
 * Anchors, aliases, tags, several documents, duplicate or non-string keys and the rare scalar
 * forms throw FastPathUnsupported; js-yaml's syntax errors propagate. Either way the caller
 * falls back to the yaml package.
 */
function constructFromEventsFast(text: string, events: readonly Event[]): unknown {
  let i = 1;
  const value = (): unknown => {
    const e = events[i++] as Event;
    switch (e.type) {
      case EVENT_ID.SCALAR: {
        if (e.anchorStart >= 0 || e.tagStart >= 0) throw new FastPathUnsupported('anchor or tag');
        if (e.style !== SCALAR_STYLE.PLAIN) return getScalarValue(text, e);
        return resolvePlain(e.valueStart < 0 ? '' : getScalarValue(text, e));
      }
      case EVENT_ID.SEQUENCE: {
        if (e.anchorStart >= 0 || e.tagStart >= 0) throw new FastPathUnsupported('anchor or tag');
        const out: unknown[] = [];
        while ((events[i] as Event).type !== EVENT_ID.POP) out.push(value());
        i++;
        return out;
      }
      case EVENT_ID.MAPPING: {
        if (e.anchorStart >= 0 || e.tagStart >= 0) throw new FastPathUnsupported('anchor or tag');
        const out: JsonObject = {};
        while ((events[i] as Event).type !== EVENT_ID.POP) {
          const k = events[i] as Event;
          if (k.type !== EVENT_ID.SCALAR) throw new FastPathUnsupported('complex key');
          const key = value();
          if (typeof key !== 'string' || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) throw new FastPathUnsupported('key');
          out[key] = value();
        }
        i++;
        return out;
      }
      default:
        throw new FastPathUnsupported('alias');
    }
  };
  if (events.length === 0) return null;
  const v = value();
  if (i !== events.length - 1) throw new FastPathUnsupported('several documents');
  return v;
}

function resolvePlain(source: string): unknown {
  if (NULL_11.test(source)) return null;
  if (TRUE_11.test(source)) return true;
  if (FALSE_11.test(source)) return false;
  if (SIMPLE_INT.test(source) || SIMPLE_FLOAT.test(source)) return Number(source);
  if (MAYBE_NUMERIC_11.test(source)) throw new FastPathUnsupported(source);
  return source;
}

function looksBinary(text: string): boolean {
  return text.includes('\u0000') || /[\u0001-\u0008\u000e-\u001a]/.test(text.slice(0, 8192));
}

/** Fast read of one chunk, or undefined when the yaml package must read it (errors, rare forms). */
function fastRead(text: string): { data: unknown } | undefined {
  try {
    return { data: constructFromEventsFast(text, parseEvents(text, { maxDepth: 1000 })) };
  } catch {
    return undefined;
  }
}

export function parseResources(file: string, text: string, opts: ParseOptions): ParsedFile {
  const result: ParsedFile = { resources: [], problems: [], unknownKinds: [] };
  if (looksBinary(text)) {
    result.problems.push({ file, line: 1, message: 'not a YAML or JSON text file (binary content)' });
    return result;
  }
  const cluster = opts.cluster ?? 'default';
  for (const chunk of splitChunks(text)) {
    const fast = fastRead(chunk.text);
    if (fast) {
      const data = fast.data;
      if (data === null || data === undefined) continue;
      if (typeof data === 'object' && !Array.isArray(data) && (data as JsonObject)['kind'] !== 'List') {
        addObject(result, file, data as JsonObject, chunk.refLine, makeOrigin(file, chunk.refLine, cluster, chunk.text, chunk.startLine - 1), opts);
        continue;
      }
      // Lists (item lines) and non-mappings (their messages) take the exact path below.
    }
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
