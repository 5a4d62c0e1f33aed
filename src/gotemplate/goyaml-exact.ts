/**
 * The exact reader behind parseGoYaml and its relatives: the `yaml` package's full YAML 1.1
 * parser (anchors, merge keys, tags, flow styles, every syntax error with its line), converted
 * with go-yaml v2's rules. Only texts the fast readers in goyaml.ts give up on come here, so the
 * package loads on the first such text rather than with the template engine (see
 * util/yaml.ts's yamlPackage): an install of a built-in profile never needs it.
 */
import type * as YamlPackage from 'yaml';
import type { Document, LineCounter, Node, Scalar } from 'yaml';
import { yamlPackage } from '../util/yaml.js';
import { GoYamlError, formatFloatG, goYamlLocated, resolveScalar, type ResolvedScalar } from './goyaml.js';
import type { GoMap, GoValue } from './value.js';

/** The package, bound by the entry points below before anything here runs. */
let Y: typeof YamlPackage;

/**
 * sigs.k8s.io/yaml.Unmarshal of the first document (null when there is none). `lastKeyWins`:
 * go-yaml's Unmarshal lets a repeated key overwrite; UnmarshalStrict (Helm) refuses it.
 */
export function exactParseFirst(text: string, lastKeyWins: boolean): GoValue {
  Y = yamlPackage();
  const { docs, lines } = parseDocuments(text);
  const doc = docs[0];
  if (!doc) return null;
  return new YamlReader(doc, lines, lastKeyWins).value(doc.contents);
}

/** Every document, each as exactParseFirst reads the first (repeated keys refused). */
export function exactParseAll(text: string): GoValue[] {
  Y = yamlPackage();
  const { docs, lines } = parseDocuments(text);
  return docs.map((doc) => new YamlReader(doc, lines).value(doc.contents));
}

const MAX_ALIAS_EXPANSIONS = 100_000;

class YamlReader {
  private expansions = 0;
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** go-yaml's Unmarshal lets a repeated key overwrite; UnmarshalStrict refuses it. */
    private readonly lastKeyWins = false,
  ) {}

  lineOf(node: Node | null | undefined): number | undefined {
    const off = node?.range?.[0];
    return off === undefined ? undefined : this.lines.linePos(off).line;
  }

  value(node: unknown): GoValue {
    if (node === null || node === undefined) return null;
    if (Y.isAlias(node)) {
      if (++this.expansions > MAX_ALIAS_EXPANSIONS) throw new GoYamlError('document contains excessive aliasing', this.lineOf(node));
      const target = node.resolve(this.doc);
      if (!target) throw new GoYamlError(`unknown anchor '${node.source}' referenced`, this.lineOf(node));
      return this.value(target);
    }
    if (Y.isScalar(node)) return this.scalar(node);
    if (Y.isSeq(node)) return node.items.map((item) => this.value(item));
    if (Y.isMap(node)) return this.mapping(node as unknown as { items: unknown[] } & Node);
    return null;
  }

  private scalarRaw(node: Scalar): ResolvedScalar {
    const text = String(node.value ?? '');
    const tag = node.tag;
    const plain = node.type === Y.Scalar.PLAIN || node.type === undefined;
    if (tag === undefined || tag === '!' ) {
      return plain && tag === undefined ? resolveScalar(text) : { tag: 'str', value: text };
    }
    const short = tag.startsWith('tag:yaml.org,2002:') ? tag.slice('tag:yaml.org,2002:'.length) : tag.startsWith('!!') ? tag.slice(2) : undefined;
    switch (short) {
      case 'str':
        return { tag: 'str', value: text };
      case 'binary':
        return { tag: 'str', value: Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1') };
      case 'int':
      case 'float':
      case 'bool':
      case 'null':
      case 'timestamp': {
        const r = resolveScalar(text);
        if (short === 'float' && r.tag === 'int') return { tag: 'float', value: Number(r.value) };
        if (r.tag === short || (short === 'timestamp' && r.tag === 'timestamp')) return r;
        if (short === 'timestamp') return { tag: 'str', value: text };
        throw new GoYamlError(`cannot decode ${displayTag(r.tag)} \`${text}\` as a !!${short}`, this.lineOf(node));
      }
      default:
        // Unknown tags: go-yaml keeps the text as a string for interface{} targets.
        return { tag: 'str', value: text };
    }
  }

  private scalar(node: Scalar): GoValue {
    const r = this.scalarRaw(node);
    switch (r.tag) {
      case 'str':
      case 'timestamp':
      case 'merge':
        return r.value;
      case 'bool':
        return r.value;
      case 'null':
        return null;
      case 'int':
        return Number(r.value);
      case 'float':
        if (!Number.isFinite(r.value)) throw new GoYamlError(`error converting YAML to JSON: json: unsupported value: ${formatFloatG(r.value)}`, this.lineOf(node));
        return r.value;
    }
  }

  private keyString(node: unknown): string {
    if (Y.isAlias(node)) return this.keyString(node.resolve(this.doc));
    if (!Y.isScalar(node)) {
      if (node === null || node === undefined) throw new GoYamlError('error converting YAML to JSON: Unsupported map key of type: <nil>', undefined);
      throw new GoYamlError('error converting YAML to JSON: Unsupported map key (a collection)', this.lineOf(node as Node));
    }
    const r = this.scalarRaw(node);
    switch (r.tag) {
      case 'str':
      case 'timestamp':
      case 'merge':
        return r.value;
      case 'bool':
        return r.value ? 'true' : 'false';
      case 'int':
        if (r.unsigned) throw new GoYamlError(`error converting YAML to JSON: Unsupported map key of type: uint64, key: 0x${r.value.toString(16)}`, this.lineOf(node));
        return r.value.toString();
      case 'float': {
        const s = formatFloatG(r.value, 32);
        return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
      }
      case 'null':
        throw new GoYamlError('error converting YAML to JSON: Unsupported map key of type: <nil>', this.lineOf(node));
    }
  }

  private mapping(node: { items: unknown[] } & Node): GoMap {
    const out: GoMap = new Map();
    const explicit = new Set<string>();
    const merges: GoValue[] = [];
    for (const pair of node.items) {
      if (!Y.isPair(pair)) continue;
      const keyNode = pair.key;
      if (Y.isScalar(keyNode) && keyNode.type === Y.Scalar.PLAIN && keyNode.tag === undefined && keyNode.value === '<<') {
        const v = this.value(pair.value);
        if (Array.isArray(v)) merges.push(...v);
        else merges.push(v);
        continue;
      }
      const key = this.keyString(keyNode);
      if (explicit.has(key) && !this.lastKeyWins) {
        throw new GoYamlError(`key ${JSON.stringify(key)} already set in map`, this.lineOf(keyNode as Node));
      }
      explicit.add(key);
      out.set(key, this.value(pair.value));
    }
    for (const m of merges) {
      if (!(m instanceof Map)) throw new GoYamlError('map merge requires map or sequence of maps as the value', this.lineOf(node));
      for (const [k, v] of m) if (!explicit.has(k) && !out.has(k)) out.set(k, v);
    }
    return out;
  }
}

function displayTag(tag: ResolvedScalar['tag']): string {
  return `!!${tag}`;
}


/** go-yaml v2's wording for the syntax errors the `yaml` package reports differently. */
function goYamlSyntaxError(text: string, code: string, offset: number, lines: LineCounter, fallback: string): GoYamlError {
  const line0 = lines.linePos(offset).line - 1;
  if (code === 'TAB_AS_INDENT') return goYamlLocated('found character that cannot start any token', line0, true);
  const unclosed = /^Flow (sequence|map) in block collection must be sufficiently indented and end with a/.exec(fallback);
  if (unclosed) {
    // go-yaml only notices at the end of the stream, whose line counts a final unterminated line
    const endLine0 = (text.match(/\n/g)?.length ?? 0) + (text.endsWith('\n') || text === '' ? 0 : 1);
    return goYamlLocated(`did not find expected ',' or '${unclosed[1] === 'map' ? '}' : ']'}'`, endLine0, false, line0 + 1);
  }
  return new GoYamlError(fallback, line0 + 1);
}


function parseDocuments(text: string): { docs: Document[]; lines: LineCounter } {
  const lines = new Y.LineCounter();
  const docs = Y.parseAllDocuments(text, {
    version: '1.1',
    schema: 'failsafe',
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: false,
    strict: false,
    merge: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const msg = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw goYamlSyntaxError(text, err.code, err.pos[0], lines, msg);
    }
  }
  return { docs: list, lines };
}
