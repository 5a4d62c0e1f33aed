/**
 * src/kube: the only module that talks to a cluster. Commands import it lazily
 * (`await import('../../kube/index.js')`) so commands without a cluster stay fast.
 */
export { KubeClient, ISTIO_FIELD_MANAGER, type ConnectOptions, type ListOptions, type ApplyOptions, type AccessCheck, type ServerVersion, type PropagationPolicy } from './client.js';
export { KubeApiError, redact, type ApiStatus } from './transport.js';
export { loadKubeConfig, loadKubeConfigText, mergeFirstWins, safeServer, type LoadedKubeConfig, type KubeSettings, type KubeConfigTextOptions } from './config.js';
export * from './readiness.js';
export * from './types.js';
export { clientFromFlags, clientFromKubeconfigText, type ClusterFlags, type TextClient } from './connect.js';
export { findControlPlanes, proxyVersions, versionFromImage, type ControlPlane } from './istio.js';
export { runPrecheck, formatPrecheckLog, formatPrecheckJson, precheckRecords, MIN_KUBERNETES_MINOR, type PrecheckMessage, type PrecheckResult } from './precheck.js';
