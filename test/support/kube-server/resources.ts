/**
 * The resource table of the local API server: which kinds exist, under which group/version,
 * plural, scope and verbs. Built-in kinds are fixed; CRDs add and remove entries at run time,
 * as the real apiserver's discovery does once a CRD is Established.
 */

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  /** lower-case plural, the URL segment */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  /** whether /status is a separate subresource (main writes then keep the old status) */
  statusSubresource: boolean;
  /** whether metadata.generation is tracked (kinds with a spec the controllers observe) */
  generation: boolean;
  /** whether /scale serves an autoscaling/v1 Scale of spec.replicas (workloads with replicas) */
  scaleSubresource?: boolean;
  categories?: string[];
  /** the CRD that registered this type, if any */
  crd?: string;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function rt(
  group: string,
  version: string,
  kind: string,
  plural: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames: [],
    verbs: ALL_VERBS,
    statusSubresource: false,
    generation: false,
    ...extra,
  };
}

const S = { statusSubresource: true, generation: true };

export function builtinResources(): ResourceType[] {
  return [
    rt('', 'v1', 'Namespace', 'namespaces', false, { shortNames: ['ns'], statusSubresource: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
    rt('', 'v1', 'Pod', 'pods', true, { shortNames: ['po'], statusSubresource: true, categories: ['all'] }),
    rt('', 'v1', 'Service', 'services', true, { shortNames: ['svc'], statusSubresource: true, categories: ['all'] }),
    rt('', 'v1', 'ConfigMap', 'configmaps', true, { shortNames: ['cm'] }),
    rt('', 'v1', 'Secret', 'secrets', true),
    rt('', 'v1', 'ServiceAccount', 'serviceaccounts', true, { shortNames: ['sa'] }),
    rt('', 'v1', 'Node', 'nodes', false, { shortNames: ['no'], statusSubresource: true }),
    rt('', 'v1', 'Event', 'events', true, { shortNames: ['ev'] }),
    rt('', 'v1', 'Endpoints', 'endpoints', true, { shortNames: ['ep'], singular: 'endpoints' }),
    rt('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, { shortNames: ['pvc'], statusSubresource: true }),
    rt('', 'v1', 'ResourceQuota', 'resourcequotas', true, { shortNames: ['quota'], statusSubresource: true }),
    rt('', 'v1', 'LimitRange', 'limitranges', true, { shortNames: ['limits'] }),
    rt('apps', 'v1', 'Deployment', 'deployments', true, { ...S, scaleSubresource: true, shortNames: ['deploy'], categories: ['all'] }),
    rt('apps', 'v1', 'DaemonSet', 'daemonsets', true, { ...S, shortNames: ['ds'], categories: ['all'] }),
    rt('apps', 'v1', 'StatefulSet', 'statefulsets', true, { ...S, scaleSubresource: true, shortNames: ['sts'], categories: ['all'] }),
    rt('apps', 'v1', 'ReplicaSet', 'replicasets', true, { ...S, scaleSubresource: true, shortNames: ['rs'], categories: ['all'] }),
    rt('apps', 'v1', 'ControllerRevision', 'controllerrevisions', true),
    rt('batch', 'v1', 'Job', 'jobs', true, { ...S, categories: ['all'] }),
    rt('batch', 'v1', 'CronJob', 'cronjobs', true, { ...S, shortNames: ['cj'], categories: ['all'] }),
    rt('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, { ...S, shortNames: ['hpa'], categories: ['all'] }),
    rt('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, { ...S, shortNames: ['pdb'] }),
    rt('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true),
    rt('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true),
    rt('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false),
    rt('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false),
    rt('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false, { generation: true }),
    rt('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false, { generation: true }),
    rt('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, { ...S, shortNames: ['crd', 'crds'], categories: ['api-extensions'] }),
    rt('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, { shortNames: ['netpol'], generation: true }),
    rt('networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, { shortNames: ['ing'], statusSubresource: true, generation: true }),
    rt('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false),
    rt('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true),
    rt('coordination.k8s.io', 'v1', 'Lease', 'leases', true),
    rt('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, { shortNames: ['sc'] }),
    rt('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, { verbs: ['create'] }),
    rt('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', true, { verbs: ['create'] }),
  ];
}

/** Resource types a CRD object serves (one per served version). */
export function resourcesFromCrd(crd: Record<string, unknown>): ResourceType[] {
  const spec = (crd['spec'] ?? {}) as Record<string, unknown>;
  const names = (spec['names'] ?? {}) as Record<string, unknown>;
  const versions = (spec['versions'] ?? []) as Array<Record<string, unknown>>;
  const group = String(spec['group'] ?? '');
  const kind = String(names['kind'] ?? '');
  const plural = String(names['plural'] ?? kind.toLowerCase() + 's');
  const out: ResourceType[] = [];
  for (const v of versions) {
    if (v['served'] === false) continue;
    const sub = (v['subresources'] ?? {}) as Record<string, unknown>;
    out.push({
      group,
      version: String(v['name']),
      kind,
      plural,
      singular: String(names['singular'] ?? kind.toLowerCase()),
      namespaced: spec['scope'] !== 'Cluster',
      shortNames: ((names['shortNames'] ?? []) as string[]).slice(),
      verbs: ALL_VERBS,
      statusSubresource: sub['status'] !== undefined,
      generation: true,
      categories: ((names['categories'] ?? []) as string[]).slice(),
      crd: String(((crd['metadata'] ?? {}) as Record<string, unknown>)['name'] ?? ''),
    });
  }
  return out;
}

export function groupVersion(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group === '' ? t.version : `${t.group}/${t.version}`;
}
