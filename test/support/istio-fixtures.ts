/**
 * Objects a real Istio control plane leaves in a cluster, built for tests: the istiod Deployment
 * of a revision and its sidecar-injector MutatingWebhookConfiguration, whose selectors follow the
 * shape Istio's istiod chart renders (namespace-label, object-label and revision-label cases).
 */
import type { KubeServer } from './kube-server/server.js';
import { KubeClient } from '../../src/kube/index.js';
import type { JsonObject } from './kube-server/fields.js';

const notFalse = { key: 'sidecar.istio.io/inject', operator: 'NotIn', values: ['false'] };

function webhook(name: string, namespaceSelector: JsonObject, objectSelector: JsonObject): JsonObject {
  return {
    name,
    admissionReviewVersions: ['v1'],
    clientConfig: { service: { name: 'istiod', namespace: 'istio-system', path: '/inject', port: 443 } },
    sideEffects: 'None',
    failurePolicy: 'Fail',
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
    namespaceSelector,
    objectSelector,
  };
}

/** The injector webhook configuration of a revision ("default" for the unrevisioned one). */
export function injectorWebhook(revision: string): JsonObject {
  const rev = revision === 'default' ? '' : revision;
  const revValue = rev || 'default';
  const webhooks: JsonObject[] = [
    webhook('rev.namespace.sidecar-injector.istio.io', { matchExpressions: [{ key: 'istio.io/rev', operator: 'In', values: [revValue] }, { key: 'istio-injection', operator: 'DoesNotExist' }] }, { matchExpressions: [notFalse] }),
    webhook('rev.object.sidecar-injector.istio.io', { matchExpressions: [{ key: 'istio.io/rev', operator: 'DoesNotExist' }, { key: 'istio-injection', operator: 'DoesNotExist' }] }, { matchExpressions: [notFalse, { key: 'istio.io/rev', operator: 'In', values: [revValue] }] }),
  ];
  if (!rev) {
    webhooks.push(
      webhook('namespace.sidecar-injector.istio.io', { matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }] }, { matchExpressions: [notFalse] }),
      webhook('object.sidecar-injector.istio.io', { matchExpressions: [{ key: 'istio-injection', operator: 'DoesNotExist' }, { key: 'istio.io/rev', operator: 'DoesNotExist' }] }, { matchExpressions: [{ key: 'sidecar.istio.io/inject', operator: 'In', values: ['true'] }, { key: 'istio.io/rev', operator: 'DoesNotExist' }] }),
    );
  }
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: rev ? `istio-sidecar-injector-${rev}` : 'istio-sidecar-injector', labels: { app: 'sidecar-injector', 'istio.io/rev': revValue } },
    webhooks,
  };
}

export function istiodDeployment(revision: string, version: string, namespace = 'istio-system'): JsonObject {
  const name = revision === 'default' ? 'istiod' : `istiod-${revision}`;
  const labels = { app: 'istiod', 'istio.io/rev': revision };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'discovery', image: `docker.io/istio/pilot:${version}` }] } },
    },
  };
}

/** A pod as the injector leaves it (status annotation, istio.io/rev label, istio-proxy container). */
export function injectedPod(name: string, namespace: string, revision: string, version: string, labels: Record<string, string> = {}): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: { ...labels, 'istio.io/rev': revision, 'security.istio.io/tlsMode': 'istio' },
      annotations: { 'sidecar.istio.io/status': JSON.stringify({ initContainers: ['istio-init'], containers: ['istio-proxy'], volumes: [], imagePullSecrets: null, revision }) },
    },
    spec: { containers: [{ name: 'app', image: 'app:1' }, { name: 'istio-proxy', image: `docker.io/istio/proxyv2:${version}` }] },
    status: { phase: 'Running' },
  };
}

export function plainPod(name: string, namespace: string, labels: Record<string, string> = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'app', image: 'app:1' }] }, status: { phase: 'Running' } };
}

export function namespace(name: string, labels: Record<string, string> = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...labels, 'kubernetes.io/metadata.name': name } }, status: { phase: 'Active' } };
}

/** Seeds a control plane of a revision: its namespace, webhook and (with controllers) ready istiod pods. */
export function seedControlPlane(server: KubeServer, revision: string, version: string): void {
  if (!server.get('v1', 'Namespace', 'istio-system')) server.seed(namespace('istio-system'));
  server.seed(injectorWebhook(revision));
  server.seed(istiodDeployment(revision, version));
  server.markReady('apps/v1', 'Deployment', revision === 'default' ? 'istiod' : `istiod-${revision}`, 'istio-system');
}

/** A Service in namespace shop selecting app=NAME. */
export function shopService(name: string, ports: JsonObject[], extra: JsonObject = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { selector: { app: name }, ports, ...extra } };
}

export const httpPort = (port: number): JsonObject => ({ name: 'http-web', port, targetPort: port, protocol: 'TCP' });

/**
 * Two clusters for the multi-cluster analyzer: both with istio-system, shop and a Service `same`;
 * `cart` differs (ports and type) between them.
 */
export function seedClusterPair(primary: KubeServer, remote: KubeServer): void {
  for (const s of [primary, remote]) {
    s.seed(namespace('istio-system'));
    s.seed(namespace('shop'));
    s.seed(shopService('same', [httpPort(80)]));
  }
  primary.seed(shopService('cart', [httpPort(8080)]));
  remote.seed(shopService('cart', [httpPort(9090)], { type: 'NodePort' }));
}

/** Registers the VirtualService CRD through the API, as a cluster with Istio's CRDs has it. */
export async function registerVirtualServices(kubeconfig: string, context?: string): Promise<void> {
  const c = KubeClient.connect({ kubeconfig, ...(context ? { context } : {}), env: {}, timeoutMs: 5000 });
  try {
    await c.apply({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'virtualservices.networking.istio.io' },
      spec: { group: 'networking.istio.io', scope: 'Namespaced', names: { kind: 'VirtualService', plural: 'virtualservices' }, versions: [{ name: 'v1', served: true, storage: true }] },
    });
  } finally {
    c.close();
  }
}
