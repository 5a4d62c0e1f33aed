/**
 * Multi-document YAML with source positions. Kubernetes tooling (sigs.k8s.io/yaml over go-yaml v2)
 * reads YAML 1.1 (yes/on are booleans, 0777 is octal), so that is the default here.
 * Every parsed document keeps its file and a way to find the line of any path inside it, so
 * errors can name file:line.
 */
import { createRequire } from 'node:module';
import type * as YamlPackage from 'yaml';
import type { Document, Node } from 'yaml';
import { SailError } from '../errors.js';

/*
 * The `yaml` package is loaded on first use, not imported: commands whose YAML is all read by
 * the template engine's readers (install, manifest generate) never need it, and loading and
 * starting it costs milliseconds. The functions that need it are synchronous, hence a require:
 * from dist/ (and in tests) Node's own loader finds the package; scripts/bundle.mjs points the
 * bundle's copy of this line at the bundle's entry for the package (its ES-module build, shared
 * with the modules that import it statically), so one copy is loaded either way.
 */
const YAML_PACKAGE = 'yaml';
let loadedYamlPackage: typeof YamlPackage | undefined;

/** The `yaml` package (loaded on the first call). */
export function yamlPackage(): typeof YamlPackage {
  return (loadedYamlPackage ??= createRequire(import.meta.url)(YAML_PACKAGE) as typeof YamlPackage);
}

/** The yaml package's writer, for plain YAML output (`-o yaml` of status commands). */
export function stringifyYaml(value: unknown, options?: YamlPackage.ToStringOptions & YamlPackage.SchemaOptions & YamlPackage.DocumentOptions): string {
  return yamlPackage().stringify(value, options);
}

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlDocument {
  /** The document as plain data (maps are plain objects with null prototype-safe keys). */
  readonly data: unknown;
  /** 0-based index of the document in its stream (counting empty documents). */
  readonly index: number;
  /** 1-based line where the document's content starts. */
  readonly line: number;
  /** The source file name as given by the user ('-' for stdin), if any. */
  readonly file: string | undefined;
  /** The raw source text of this document (without the `---` separator). */
  readonly source: string;
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: YamlPath): number;
}

export interface ParseYamlOptions {
  file?: string | undefined;
  /** YAML version; Kubernetes and Helm read 1.1. */
  version?: '1.1' | '1.2';
  /** Keep documents that are empty (null); default false. */
  keepEmpty?: boolean;
}

/** Converts a parsed yaml Node to plain data without prototype pollution. */
function toPlain(doc: Document): unknown {
  return doc.toJS({ maxAliasCount: 10_000, mapAsMap: false });
}

function nodeAt(root: Node | null | undefined, path: YamlPath): Node | undefined {
  const { isMap, isPair, isScalar, isSeq } = yamlPackage();
  let node: unknown = root;
  let last: Node | undefined = (root ?? undefined) as Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return last;
      node = pair.value ?? pair.key;
      if (!pair.value) return pair.key as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key];
      if (item === undefined) return last;
      node = item;
    } else {
      return last;
    }
    last = node as Node;
  }
  return last;
}

export function parseYamlDocuments(text: string, opts: ParseYamlOptions = {}): YamlDocument[] {
  const { LineCounter, parseAllDocuments } = yamlPackage();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: opts.version ?? '1.1',
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: false,
  });
  const list = Array.isArray(docs) ? docs : [];
  const out: YamlDocument[] = [];
  list.forEach((doc, index) => {
    const err = doc.errors[0];
    if (err) {
      const pos = lineCounter.linePos(err.pos[0]);
      throw new SailError('YAML', `could not parse YAML: ${firstLine(err.message)}`, {
        file: opts.file,
        line: pos.line,
        column: pos.col,
      });
    }
    const data = toPlain(doc);
    if ((data === null || data === undefined) && !opts.keepEmpty) return;
    const range = doc.contents?.range ?? doc.range;
    const startOffset = range[0];
    const source = text.slice(doc.range[0], doc.range[1]);
    out.push({
      data,
      index,
      line: lineCounter.linePos(startOffset).line,
      file: opts.file,
      source,
      lineOf(path: YamlPath): number {
        const node = nodeAt(doc.contents, path);
        const off = node?.range?.[0] ?? startOffset;
        return lineCounter.linePos(off).line;
      },
    });
  });
  return out;
}

/** Parses exactly one document (empty text gives null). */
export function parseYamlDocument(text: string, opts: ParseYamlOptions = {}): YamlDocument | undefined {
  const docs = parseYamlDocuments(text, opts);
  if (docs.length > 1) {
    throw new SailError('YAML', 'expected a single YAML document, found ' + docs.length, {
      file: opts.file,
      line: docs[1]?.line,
    });
  }
  return docs[0];
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i < 0 ? s : s.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '');
}
