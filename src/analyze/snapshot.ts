/**
 * The snapshot analyzers read: every resource indexed once by kind and by kind/namespace/name, so
 * analyzers look things up in O(1) instead of scanning. Sources (files, stdin, the live cluster)
 * are layered: a later source's object replaces an earlier one with the same identity, which is
 * how file resources overlay the cluster's.
 *
 * Identity includes the cluster (Origin.cluster): the primary cluster, its Istio config and the
 * files are cluster "default"; a remote cluster's runtime objects (--remote-contexts) keep their
 * own cluster id, so the same Service in two clusters is two resources, as in istioctl's
 * per-cluster stores. `list` gives every cluster's objects (istioctl's ForEach walks all stores);
 * `get` prefers the default cluster and falls back to the first remote cluster that has it.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { SailError } from '../errors.js';
import { IGNORED_NAMESPACES, type KindKey } from './kinds.js';
import { parseResources, type ParseProblem } from './parse.js';
import { DEFAULT_CLUSTER, type Resource } from './resource.js';

/** Where resources come from. The cluster client implements this when it lands. */
export interface ResourceSource {
  /** Human name for messages ("files", "cluster <context>"). */
  readonly name: string;
  /** Whether this source provides runtime kinds (Pod, Service, ...): a live cluster does, files do not. */
  readonly providesRuntimeKinds: boolean;
  load(defaultNamespace: string): Promise<SourceContents>;
}

export interface SourceContents {
  resources: Resource[];
  problems: ParseProblem[];
  unknownKinds: Array<{ file: string; line: number; apiVersion: string; kind: string }>;
}

export class Snapshot {
  private readonly byKind = new Map<KindKey, Resource[]>();
  private readonly byId = new Map<string, Resource>();
  /** Position of each resource in its kind's list, so an overlay replaces in O(1). */
  private readonly positionById = new Map<string, number>();
  /** Objects of remote clusters by kind/namespace/name, the first cluster added winning (for `get`). */
  private readonly remoteById = new Map<string, Resource>();
  /** Cluster ids other than "default", in the order their objects were added. */
  readonly remoteClusters: string[] = [];
  private remoteSize = 0;

  /** Kinds that are part of this snapshot (even when empty): analyzers needing others are skipped. */
  readonly kinds: Set<KindKey>;

  constructor(kinds: Iterable<KindKey>) {
    this.kinds = new Set(kinds);
  }

  private static id(key: KindKey, namespace: string, name: string): string {
    return `${key}\u0000${namespace}\u0000${name}`;
  }

  /** Adds or replaces (same cluster, kind, namespace, name) a resource. Unknown kinds are ignored. */
  add(r: Resource): void {
    if (!this.kinds.has(r.key)) return;
    const ns = r.kind === 'Namespace' && r.group === '' ? r.name : r.namespace;
    if (IGNORED_NAMESPACES.has(ns)) return;
    const cluster = r.origin.cluster;
    let id = Snapshot.id(r.key, r.namespace, r.name);
    if (cluster === DEFAULT_CLUSTER) this.byId.set(id, r);
    else {
      if (!this.remoteClusters.includes(cluster)) this.remoteClusters.push(cluster);
      const earlier = this.remoteById.get(id);
      if (!earlier || earlier.origin.cluster === cluster) this.remoteById.set(id, r);
      id = `${cluster}\u0000${id}`;
      this.remoteSize += this.positionById.has(id) ? 0 : 1;
    }
    let list = this.byKind.get(r.key);
    if (!list) this.byKind.set(r.key, (list = []));
    const at = this.positionById.get(id);
    if (at !== undefined) list[at] = r;
    else {
      this.positionById.set(id, list.length);
      list.push(r);
    }
  }

  list(key: KindKey): readonly Resource[] {
    return this.byKind.get(key) ?? [];
  }

  get(key: KindKey, namespace: string, name: string): Resource | undefined {
    const id = Snapshot.id(key, namespace, name);
    return this.byId.get(id) ?? this.remoteById.get(id);
  }

  has(key: KindKey): boolean {
    return this.kinds.has(key);
  }

  get size(): number {
    return this.byId.size + this.remoteSize;
  }
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export interface GatheredFile {
  name: string;
  read: () => Promise<string>;
}

/**
 * Expands the user's paths: '-' is stdin, directories are walked recursively (sorted, like Go's
 * filepath.Walk), files with other extensions are skipped with a note. A missing path is an error.
 */
export async function gatherFiles(
  paths: readonly string[],
  readStdin: () => Promise<string>,
  readFile: (path: string) => Promise<string>,
  note: (line: string) => void,
): Promise<GatheredFile[]> {
  const out: GatheredFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (EXTENSIONS.has(extname(p))) out.push({ name: p, read: () => readFile(p) });
      else note(`Skipping file ${p}, recognized file extensions are: [.json .yaml .yml]`);
    }
  };
  for (const p of paths) {
    if (p === '-') {
      out.push({ name: '-', read: readStdin });
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new SailError('FILE_NOT_FOUND', 'no such file or directory', { file: p });
    }
    if (st.isDirectory()) await walk(p);
    else if (EXTENSIONS.has(extname(p))) out.push({ name: p, read: () => readFile(p) });
    else note(`Skipping file ${p}, recognized file extensions are: [.json .yaml .yml]`);
  }
  return out;
}

/** Files (and stdin) as a resource source. */
export class FileSource implements ResourceSource {
  readonly name = 'files';
  readonly providesRuntimeKinds = false;
  constructor(private readonly files: readonly GatheredFile[]) {}

  async load(defaultNamespace: string): Promise<SourceContents> {
    const out: SourceContents = { resources: [], problems: [], unknownKinds: [] };
    for (const f of this.files) {
      let text: string;
      try {
        text = await f.read();
      } catch (e) {
        const msg = e instanceof SailError ? e.message : (e as Error).message;
        out.problems.push({ file: f.name, line: 0, message: msg });
        continue;
      }
      const parsed = parseResources(f.name, text, { defaultNamespace });
      out.resources.push(...parsed.resources);
      out.problems.push(...parsed.problems);
      out.unknownKinds.push(...parsed.unknownKinds);
    }
    return out;
  }
}

/** In-memory objects (built-in defaults; tests). */
export class StaticSource implements ResourceSource {
  constructor(
    readonly name: string,
    private readonly resources: readonly Resource[],
    readonly providesRuntimeKinds = true,
  ) {}
  async load(): Promise<SourceContents> {
    return { resources: [...this.resources], problems: [], unknownKinds: [] };
  }
}
