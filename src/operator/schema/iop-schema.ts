/**
 * JSON Schema of an IstioOperator as istioctl decodes it: strictly (Go's json decoder with
 * DisallowUnknownFields) for the operator's own fields and the Kubernetes types under `k8s`,
 * jsonpb-strict for `values` and `meshConfig` (definitions generated from Istio's protos; istioctl
 * tolerates unknown meshConfig fields, which validate.ts turns into warnings), loose for metadata
 * and unvalidatedValues. Kubernetes sub-objects are checked at their first levels (the field names
 * a user types); deeper structures are only required to be objects or lists.
 */
import { MESH_DEFINITIONS, MESH_ROOT } from './mesh-schema.gen.js';
import { VALUES_DEFINITIONS, VALUES_ROOT } from './values-schema.gen.js';

type Schema = Record<string, unknown>;

const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const int: Schema = { type: 'integer' };
const obj: Schema = { type: 'object' };
const list: Schema = { type: 'array' };
const strMap: Schema = { type: 'object', additionalProperties: { type: 'string' } };
const intOrString: Schema = { type: ['integer', 'string'] };
const quantity: Schema = { type: ['string', 'number'] };
const quantityMap: Schema = { type: 'object', additionalProperties: quantity };

function withProperty(def: Schema, name: string, schema: Schema): Schema {
  return { ...def, properties: { ...(def['properties'] as Record<string, Schema>), [name]: schema } };
}

function strict(properties: Record<string, Schema>): Schema {
  return { type: 'object', additionalProperties: false, properties };
}

const labelSelectorRequirement = strict({ key: str, operator: str, values: { type: 'array', items: str } });
const labelSelector = strict({ matchLabels: strMap, matchExpressions: { type: 'array', items: labelSelectorRequirement } });

const probeHandlers = {
  exec: strict({ command: { type: 'array', items: str } }),
  httpGet: strict({
    path: str,
    port: intOrString,
    host: str,
    scheme: str,
    httpHeaders: { type: 'array', items: strict({ name: str, value: str }) },
  }),
  tcpSocket: strict({ port: intOrString, host: str }),
  grpc: strict({ port: int, service: str }),
};

const nodeSelectorTerm = strict({
  matchExpressions: { type: 'array', items: labelSelectorRequirement },
  matchFields: { type: 'array', items: labelSelectorRequirement },
});
const podAffinityTerm = strict({
  labelSelector,
  namespaceSelector: labelSelector,
  namespaces: { type: 'array', items: str },
  topologyKey: str,
  matchLabelKeys: { type: 'array', items: str },
  mismatchLabelKeys: { type: 'array', items: str },
});
const podAffinity = strict({
  requiredDuringSchedulingIgnoredDuringExecution: { type: 'array', items: podAffinityTerm },
  preferredDuringSchedulingIgnoredDuringExecution: {
    type: 'array',
    items: strict({ weight: int, podAffinityTerm }),
  },
});
const affinity = strict({
  nodeAffinity: strict({
    requiredDuringSchedulingIgnoredDuringExecution: strict({ nodeSelectorTerms: { type: 'array', items: nodeSelectorTerm } }),
    preferredDuringSchedulingIgnoredDuringExecution: {
      type: 'array',
      items: strict({ weight: int, preference: nodeSelectorTerm }),
    },
  }),
  podAffinity,
  podAntiAffinity: podAffinity,
});

const keyRef = strict({ name: str, key: str, optional: bool });
const envVar = strict({
  name: str,
  value: str,
  valueFrom: strict({
    fieldRef: strict({ apiVersion: str, fieldPath: str }),
    resourceFieldRef: strict({ containerName: str, resource: str, divisor: quantity }),
    configMapKeyRef: keyRef,
    secretKeyRef: keyRef,
    fileKeyRef: strict({ volumeName: str, path: str, key: str, optional: bool }),
  }),
});

const scalingRules = strict({
  stabilizationWindowSeconds: int,
  selectPolicy: str,
  policies: { type: 'array', items: strict({ type: str, value: int, periodSeconds: int }) },
  tolerance: quantity,
});
const hpaSpec = strict({
  scaleTargetRef: strict({ kind: str, name: str, apiVersion: str }),
  minReplicas: int,
  maxReplicas: int,
  metrics: {
    type: 'array',
    items: strict({ type: str, object: obj, pods: obj, resource: obj, containerResource: obj, external: obj }),
  },
  behavior: strict({ scaleUp: scalingRules, scaleDown: scalingRules }),
});

const probe = strict({
  ...probeHandlers,
  initialDelaySeconds: int,
  timeoutSeconds: int,
  periodSeconds: int,
  successThreshold: int,
  failureThreshold: int,
  terminationGracePeriodSeconds: int,
});

const servicePort = strict({
  name: str,
  protocol: str,
  appProtocol: str,
  port: int,
  targetPort: intOrString,
  nodePort: int,
});

const serviceSpec = strict({
  ports: { type: 'array', items: servicePort },
  selector: strMap,
  clusterIP: str,
  clusterIPs: { type: 'array', items: str },
  type: str,
  externalIPs: { type: 'array', items: str },
  sessionAffinity: str,
  loadBalancerIP: str,
  loadBalancerSourceRanges: { type: 'array', items: str },
  externalName: str,
  externalTrafficPolicy: str,
  healthCheckNodePort: int,
  publishNotReadyAddresses: bool,
  sessionAffinityConfig: strict({ clientIP: strict({ timeoutSeconds: int }) }),
  ipFamilies: { type: 'array', items: str },
  ipFamilyPolicy: str,
  allocateLoadBalancerNodePorts: bool,
  loadBalancerClass: str,
  internalTrafficPolicy: str,
  trafficDistribution: str,
});

const podSecurityContext = strict({
  seLinuxOptions: strict({ user: str, role: str, type: str, level: str }),
  windowsOptions: strict({ gmsaCredentialSpecName: str, gmsaCredentialSpec: str, runAsUserName: str, hostProcess: bool }),
  runAsUser: int,
  runAsGroup: int,
  runAsNonRoot: bool,
  supplementalGroups: { type: 'array', items: int },
  supplementalGroupsPolicy: str,
  fsGroup: int,
  sysctls: { type: 'array', items: strict({ name: str, value: str }) },
  fsGroupChangePolicy: str,
  seccompProfile: strict({ type: str, localhostProfile: str }),
  appArmorProfile: strict({ type: str, localhostProfile: str }),
  seLinuxChangePolicy: str,
});

const k8sResources = strict({
  affinity,
  env: { type: 'array', items: envVar },
  hpaSpec,
  imagePullPolicy: str,
  nodeSelector: strMap,
  podDisruptionBudget: strict({
    minAvailable: intOrString,
    maxUnavailable: intOrString,
    selector: labelSelector,
    unhealthyPodEvictionPolicy: str,
  }),
  podAnnotations: strMap,
  priorityClassName: str,
  readinessProbe: probe,
  replicaCount: { type: 'integer', minimum: 0, maximum: 4294967295 },
  resources: strict({ limits: quantityMap, requests: quantityMap, claims: list }),
  service: serviceSpec,
  strategy: strict({ type: str, rollingUpdate: strict({ maxUnavailable: intOrString, maxSurge: intOrString }) }),
  tolerations: {
    type: 'array',
    items: strict({ key: str, operator: str, value: str, effect: str, tolerationSeconds: int }),
  },
  serviceAnnotations: strMap,
  securityContext: podSecurityContext,
  volumes: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: str } } },
  volumeMounts: {
    type: 'array',
    items: strict({
      name: str,
      readOnly: bool,
      recursiveReadOnly: str,
      mountPath: str,
      subPath: str,
      mountPropagation: str,
      subPathExpr: str,
    }),
  },
  overlays: {
    type: 'array',
    items: strict({
      apiVersion: str,
      kind: str,
      name: str,
      patches: { type: 'array', items: strict({ path: str, value: {} }) },
    }),
  },
});

const tag: Schema = { type: ['string', 'number'] };

// Shared parts are definitions referenced by $ref, so ajv compiles each once.
const k8sRef: Schema = { $ref: '#/definitions/KubernetesResources' };
const componentSpec: Schema = { $ref: '#/definitions/ComponentSpec' };
const gatewaySpec: Schema = { $ref: '#/definitions/GatewayComponentSpec' };

/** The whole IstioOperator document. `values` refers to the generated Helm values schema. */
export const IOP_SCHEMA: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: str,
    kind: str,
    metadata: obj,
    status: {},
    spec: strict({
      profile: str,
      installPackagePath: str,
      hub: str,
      tag,
      namespace: str,
      revision: str,
      compatibilityVersion: str,
      meshConfig: { $ref: `#/definitions/${MESH_ROOT}` },
      components: strict({
        base: strict({ enabled: bool, k8s: k8sRef }),
        pilot: componentSpec,
        cni: componentSpec,
        ztunnel: componentSpec,
        istiodRemote: componentSpec,
        ingressGateways: { type: 'array', items: gatewaySpec },
        egressGateways: { type: 'array', items: gatewaySpec },
      }),
      values: { $ref: `#/definitions/${VALUES_ROOT}` },
      unvalidatedValues: obj,
    }),
  },
  definitions: {
    ...VALUES_DEFINITIONS,
    // values.meshConfig is a free-form Value in the proto, but istioctl validates it as MeshConfig.
    [VALUES_ROOT]: withProperty(VALUES_DEFINITIONS[VALUES_ROOT] as Schema, 'meshConfig', { $ref: `#/definitions/${MESH_ROOT}` }),
    ...MESH_DEFINITIONS,
    KubernetesResources: k8sResources,
    ComponentSpec: strict({ enabled: bool, namespace: str, hub: str, tag, k8s: k8sRef }),
    GatewayComponentSpec: strict({ enabled: bool, namespace: str, hub: str, tag, k8s: k8sRef, name: str, label: strMap }),
  },
};
