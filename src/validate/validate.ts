/**
 * `validate` as istioctl does it: strict YAML per document, the Istio CRD OpenAPI schemas (ajv
 * standalone validators shipped by @kubernetes-models/istio, imported lazily per kind/version),
 * Istio's semantic rules (semantic.ts), Service port naming and Deployment app/version labels.
 */
import { parseResources } from '../analyze/parse.js';
import { lookupKind } from '../analyze/kinds.js';
import { arr, obj, str, strMap, type JsonObject } from '../analyze/resource.js';
import { validateSemantics } from './semantic.js';
import { metadataAnnotations } from './metadata.js';
import { trafficExtensionStructuralErrors } from './trafficextension-schema.js';
import { importPackage } from '../util/import-package.js';

export interface ValidationOutcome {
  /** istioctl-style `Kind/ns/name: message` lines (with ` [file:line]`). */
  errors: string[];
  warnings: string[];
  /** Advice printed as it is found (Deployment labels). */
  notes: string[];
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

const modelCache = new Map<string, Promise<ModelClass | undefined>>();

/** The generated model class for an Istio kind/version, or undefined when the package has none. */
async function loadModel(group: string, version: string, kind: string): Promise<ModelClass | undefined> {
  const key = `${group}/${version}/${kind}`;
  let p = modelCache.get(key);
  if (!p) {
    p = importPackage<Record<string, unknown>>(`@kubernetes-models/istio/${group}/${version}/${kind}`)
      .then((m) => m[kind] as ModelClass | undefined)
      .catch(() => undefined);
    modelCache.set(key, p);
  }
  return p;
}

interface AjvLikeError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

export async function schemaErrors(object: JsonObject, group: string, version: string, kind: string): Promise<string[]> {
  const Model = await loadModel(group, version, kind);
  if (!Model) return [];
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    const details = (e as { errors?: AjvLikeError[] }).errors ?? [];
    if (details.length === 0) return [(e as Error).message];
    return details.map((d) => {
      // JSON pointer segments, unescaped (`~1` is `/`, as in annotation names like istio.io/dry-run).
      const where = (d.instancePath ?? '').split('/').slice(1).map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
      const extra = d.params && 'allowedValues' in d.params ? `: ${(d.params['allowedValues'] as unknown[]).join(', ')}` : '';
      return `${where || '(root)'} ${d.message ?? 'is invalid'}${extra}`;
    });
  }
}

const TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
const KNOWN_PROTOCOL_PREFIXES = new Set(['http', 'http2', 'https', 'http_proxy', 'grpc', 'grpc-web', 'tcp', 'tls', 'udp', 'mongo', 'redis', 'mysql']);

function protocolPrefixKnown(name: string): boolean {
  if (name.toLowerCase().startsWith('grpc-web')) return true;
  const i = name.indexOf('-');
  return KNOWN_PROTOCOL_PREFIXES.has((i >= 0 ? name.slice(0, i) : name).toLowerCase());
}

export async function validateText(file: string, text: string, defaultNamespace: string, istioNamespace: string): Promise<ValidationOutcome> {
  const out: ValidationOutcome = { errors: [], warnings: [], notes: [] };
  const parsed = parseResources(file, text, { defaultNamespace });
  for (const p of parsed.problems) out.errors.push(`failed to decode file ${file}: ${p.message} [${file}:${p.line}]`);
  // Unknown kinds (non-Istio YAML) are fine: istioctl does not complain about them.
  for (const r of parsed.resources) {
    const where = `${file}:${r.origin.line}`;
    const prefix = `${r.kind}/${r.namespace}/${r.name}:`;
    const info = lookupKind(r.group, r.kind);
    if (r.kind === 'Service' && r.group === '') {
      if (r.namespace === istioNamespace) continue;
      for (const p of arr(r.spec['ports'])) {
        const port = obj(p);
        if (str(port['protocol']).toUpperCase() === 'UDP') continue;
        if (port['appProtocol'] !== undefined) {
          if (!protocolPrefixKnown(str(port['appProtocol']))) out.errors.push(`${prefix} service "${r.name}/${r.namespace}/:" doesn't follow Istio protocol selection. This is not recommended, See https://istio.io/v1.30/docs/ops/configuration/traffic-management/protocol-selection/ [${where}]`);
        } else if (port['name'] === undefined) {
          out.errors.push(`${prefix} service "${r.name}/${r.namespace}/:" has an unnamed port. This is not recommended, See https://istio.io/v1.30/docs/ops/deployment/application-requirements/ [${where}]`);
        } else if (!protocolPrefixKnown(str(port['name']))) {
          out.errors.push(`${prefix} service "${r.name}/${r.namespace}/:" port "${str(port['name'])}" does not follow the Istio naming convention. See https://istio.io/v1.30/docs/ops/deployment/application-requirements/ [${where}]`);
        }
      }
      continue;
    }
    if (r.kind === 'Deployment' && r.group === 'apps') {
      if (r.namespace === istioNamespace) continue;
      const labels = strMap(obj(obj(obj(r.spec['template'])['metadata']))['labels']);
      const hasName = ['service.istio.io/canonical-name', 'app.kubernetes.io/name', 'app'].some((l) => labels[l] !== undefined);
      const hasRev = ['service.istio.io/canonical-revision', 'app.kubernetes.io/version', 'version'].some((l) => labels[l] !== undefined);
      if (!hasName || !hasRev) {
        const shown = `map[${Object.keys(labels).sort().map((k) => `${k}:${labels[k]}`).join(' ')}]`;
        out.notes.push(`deployment "${r.name}/${r.namespace}:" may not provide Istio metrics and telemetry labels: "${shown}". See https://istio.io/v1.30/docs/ops/deployment/application-requirements/`);
      }
      continue;
    }
    if (!info?.istio) continue;
    for (const key of Object.keys(r.object)) if (!TOP_LEVEL.has(key)) out.errors.push(`${prefix} unknown field "${key}" [${where}]`);
    for (const e of await schemaErrors(r.object, r.group, r.version, r.kind)) out.errors.push(`${prefix} ${e} [${where}]`);
    if (r.kind === 'TrafficExtension' && r.group === 'extensions.istio.io') {
      // Its CRD leaves the spec open and no model is published: sailctl's own structural schema stands in.
      if (r.object['spec'] === undefined) out.errors.push(`${prefix} (root) must have required property 'spec' [${where}]`);
      else for (const e of trafficExtensionStructuralErrors(r.object['spec'])) out.errors.push(`${prefix} ${e.where} ${e.message} [${file}:${r.origin.fieldLine(e.path) ?? r.origin.line}]`);
    }
    // istioctl validate hands the resource's labels and annotations to Istio's validators.
    const sem = validateSemantics(r.kind, r.name, r.namespace, r.spec, r.labels, metadataAnnotations(r.object));
    for (const e of sem.errors) out.errors.push(`${prefix} ${e.message} [${e.path ? `${file}:${r.origin.fieldLine(e.path) ?? r.origin.line}` : where}]`);
    for (const w of sem.warnings) out.warnings.push(`${prefix} ${w.message}`);
  }
  return out;
}
