/**
 * The workload kinds kube-inject understands and where each keeps its pod template (istioctl's
 * IntoObject): the pod-template metadata and spec are injected and written back; everything else
 * in the object is re-encoded as the Kubernetes types would re-encode it.
 */
import { normalize, DecodeError, type JsonObject, type Path } from './k8s/codec.js';
import { injectPod, injectRequired, InjectError, type InjectionSettings } from './inject.js';
import { mergeProxyConfig, MeshConfigError, type Proto } from './mesh.js';

/**
 * kind -> API type. istioctl registers these kinds as "unversioned" in its scheme, which makes
 * the scheme accept them under any apiVersion (extensions/v1beta1 Deployment, v1 DeploymentConfig).
 */
const KINDS: ReadonlyMap<string, string> = new Map([
  ['Pod', 'core.Pod'],
  ['ReplicationController', 'core.ReplicationController'],
  ['List', 'core.List'],
  ['Deployment', 'apps.Deployment'],
  ['DaemonSet', 'apps.DaemonSet'],
  ['ReplicaSet', 'apps.ReplicaSet'],
  ['StatefulSet', 'apps.StatefulSet'],
  ['Job', 'batch.Job'],
  ['CronJob', 'batch.CronJob'],
  ['DeploymentConfig', 'openshift.DeploymentConfig'],
]);

export function workloadType(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const kind = (data as Record<string, unknown>)['kind'];
  return typeof kind === 'string' ? KINDS.get(kind) : undefined;
}

/** A workload that cannot be injected (no pod template), naming where in the document. */
export class WorkloadError extends Error {
  readonly path: Path;
  constructor(message: string, path: Path) {
    super(message);
    this.name = 'WorkloadError';
    this.path = path;
  }
}

export interface InjectOutcome {
  /** The object to write (Go-encoded). */
  readonly object: JsonObject;
  /** One line per workload: `deployment "ns/name" injected` or the istioctl skip warning. */
  readonly report: string[];
}

function obj(v: unknown): JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

const CRONJOB_NAME = /^(.+)-\d+$/;

/** istio's GetDeployMetaFromPod: the controller a pod belongs to. */
function deployMetaFromPod(pod: JsonObject): { deploy: { name: string; namespace: string }; typeMeta: { kind: string; apiVersion: string } } {
  const meta = obj(pod['metadata']);
  const deploy = { name: str(meta['name']), namespace: str(meta['namespace']) };
  const typeMeta = { kind: 'Pod', apiVersion: 'v1' };
  const podLabels = obj(meta['labels']) as Record<string, unknown>;
  if (str(meta['generateName'])) {
    const refs = Array.isArray(meta['ownerReferences']) ? (meta['ownerReferences'] as JsonObject[]) : [];
    const ref = refs.find((r) => r['controller'] === true);
    if (ref) {
      typeMeta.apiVersion = str(ref['apiVersion']);
      typeMeta.kind = str(ref['kind']);
      deploy.name = str(ref['name']);
      const hash = str(podLabels['pod-template-hash']);
      const rolloutHash = str(podLabels['rollouts-pod-template-hash']);
      if (typeMeta.kind === 'ReplicaSet' && hash && deploy.name.endsWith(hash)) {
        deploy.name = deploy.name.slice(0, -(hash.length + 1));
        typeMeta.kind = 'Deployment';
      } else if (typeMeta.kind === 'ReplicaSet' && rolloutHash && deploy.name.endsWith(rolloutHash)) {
        deploy.name = deploy.name.slice(0, -(rolloutHash.length + 1));
        typeMeta.kind = 'Rollout';
        typeMeta.apiVersion = 'v1alpha1';
      } else if (typeMeta.kind === 'ReplicationController' && str(podLabels['deploymentconfig'])) {
        deploy.name = str(podLabels['deploymentconfig']);
        typeMeta.kind = 'DeploymentConfig';
      } else if (typeMeta.kind === 'Job') {
        const m = CRONJOB_NAME.exec(deploy.name);
        if (m) {
          deploy.name = m[1] as string;
          typeMeta.kind = 'CronJob';
          typeMeta.apiVersion = 'batch/v1';
        }
      }
    }
  }
  if (!deploy.name) deploy.name = str(meta['name']);
  return { deploy, typeMeta };
}

/** Go's %q for the names in istioctl's warnings. */
function goQuoted(s: string): string {
  return JSON.stringify(s);
}

/**
 * Injects one decoded object of a known kind (`type` from workloadType). `path` locates the
 * object in its document (for List items).
 */
export function injectWorkload(type: string, input: unknown, settings: InjectionSettings, path: Path = []): InjectOutcome {
  const object = normalize(type, input, path) as JsonObject;
  if (type === 'core.List') {
    const report: string[] = [];
    const items = Array.isArray(object['items']) ? (object['items'] as unknown[]) : [];
    object['items'] = items.map((item, i) => {
      const t = workloadType(item);
      if (!t) return item as JsonObject;
      const r = injectWorkload(t, item, settings, [...path, 'items', i]);
      report.push(...r.report);
      return r.object;
    });
    return { object, report };
  }

  const typeMeta = { kind: str(object['kind']), apiVersion: str(object['apiVersion']) };
  const ownMeta = obj(object['metadata']);
  let deployMeta = { name: str(ownMeta['name']), namespace: str(ownMeta['namespace']) };
  let holder: JsonObject; // the object whose metadata/spec are the pod's
  let metaHolder: JsonObject; // where the pod metadata lives (a CronJob's is its jobTemplate's)
  let templateTypeMeta = typeMeta;
  const spec = obj(object['spec']);
  if (type === 'core.Pod') {
    holder = object;
    metaHolder = object;
    const d = deployMetaFromPod(object);
    deployMeta = d.deploy;
    templateTypeMeta = d.typeMeta;
  } else if (type === 'batch.CronJob') {
    const jobTemplate = obj(spec['jobTemplate']);
    const jobSpec = obj(jobTemplate['spec']);
    const rawTemplate = obj(obj(obj(obj(input)['spec'])['jobTemplate'])['spec'])['template'];
    if (rawTemplate === undefined || rawTemplate === null) throw new WorkloadError('spec.jobTemplate.spec.template is required value', [...path, 'spec']);
    holder = obj(jobSpec['template']);
    metaHolder = jobTemplate;
  } else {
    const rawSpec = obj(obj(input)['spec']);
    if (rawSpec['template'] === undefined || rawSpec['template'] === null) throw new WorkloadError('spec.template is required value', [...path, 'spec']);
    holder = obj(spec['template']);
    metaHolder = holder;
  }
  const podMeta = obj(metaHolder['metadata']);
  const podSpec = obj(holder['spec']);
  const name = str(podMeta['name']) || deployMeta.name;
  const fullName = deployMeta.namespace ? `${deployMeta.namespace}/${name}` : name;
  const kind = typeMeta.kind;
  const label = kind ? `${kind} ${goQuoted(fullName)}` : goQuoted(fullName);

  if (podSpec['hostNetwork'] === true) {
    return { object, report: [`===> Skipping injection because ${label} has host networking enabled`] };
  }
  // both halves are already Go-encoded (ObjectMeta and PodSpec), so the pod is too
  const pod: JsonObject = { metadata: podMeta, spec: podSpec, status: {} };

  let meshConfig: Proto = settings.meshConfig;
  const pca = (obj(podMeta['annotations']) as Record<string, unknown>)['proxy.istio.io/config'];
  if (typeof pca === 'string') {
    try {
      meshConfig = { ...meshConfig, defaultConfig: mergeProxyConfig(pca, obj(meshConfig['defaultConfig']) as Proto) };
    } catch (e) {
      if (e instanceof MeshConfigError) throw new InjectError(`invalid proxy.istio.io/config annotation on ${label}: ${e.message}`);
      throw e;
    }
  }
  // kube-inject decides with policy "enabled" and no selectors, as istioctl does
  if (!injectRequired({ policy: 'enabled', neverInjectSelector: [], alwaysInjectSelector: [] }, pod)) {
    return { object, report: [`===> Skipping injection because ${label} has sidecar injection disabled`] };
  }
  let injected: JsonObject;
  try {
    injected = injectPod({ pod, deployMeta, typeMeta: templateTypeMeta, meshConfig }, settings);
  } catch (e) {
    if (e instanceof InjectError) throw new InjectError(`${label}: ${e.message}`);
    if (e instanceof DecodeError) throw new InjectError(`${label}: ${e.message}`);
    throw e;
  }
  metaHolder['metadata'] = injected['metadata'] ?? {};
  holder['spec'] = injected['spec'] ?? {};
  return { object, report: [`${kind.toLowerCase() || 'pod'} ${goQuoted(fullName)} injected`] };
}
