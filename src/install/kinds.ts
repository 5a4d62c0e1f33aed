/** The kinds istioctl lists when it prunes or uninstalls (operator/pkg/uninstall's lists). */
import type { TypeRef } from '../kube/types.js';

export const NAMESPACED_KINDS: readonly TypeRef[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'v1', kind: 'Secret' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter' },
];

export const CLUSTER_KINDS: readonly TypeRef[] = [
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' },
  { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' },
];

/** --purge also removes these (CRDs take all Istio configuration with them). */
export const PURGE_ONLY_KINDS: readonly TypeRef[] = [
  { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
  { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition' },
];

/** What install's prune looks at: never CRDs. */
export const PRUNE_KINDS: readonly TypeRef[] = [...NAMESPACED_KINDS, ...CLUSTER_KINDS];

/** istioctl prints a GroupVersionKind as "apps/v1, Kind=Deployment" (core: "/v1, Kind=ConfigMap"). */
export function gvkString(apiVersion: string, kind: string): string {
  const gv = apiVersion.includes('/') ? apiVersion : `/${apiVersion}`;
  return `${gv}, Kind=${kind}`;
}
