/**
 * The data the injection template is executed with (istio's SidecarTemplateData): the pod's
 * ObjectMeta and Spec as Kubernetes structs, ProxyConfig and MeshConfig as protobuf structs
 * (Go field names, nil-safe GetX getters, enums that print their name, wrapper types with
 * GetValue, durations for formatDuration), the Helm values as a plain map, and the scalars.
 */
import { GoInt, GoStruct, fromJS, mapOf, sliceOf, type GoFunc, type GoValue } from '../gotemplate/value.js';
import { k8sView } from './k8s/view.js';
import type { JsonObject } from './k8s/codec.js';
import type { Proto } from './mesh.js';

/** A protobuf message seen from a template; `proto` is its protobuf-JSON form. */
export class ProtoStruct extends GoStruct {
  readonly proto: Proto;
  constructor(typeName: string, proto: Proto, fields: ReadonlyMap<string, GoValue>, methods: ReadonlyMap<string, GoFunc>) {
    super(typeName, fields, methods);
    this.proto = proto;
  }
}

/** A google.protobuf.Duration; formatDuration prints it as Go's time.Duration does. */
export class ProtoDuration extends GoStruct {
  readonly text: string;
  constructor(text: string) {
    const seconds = Number(text.replace(/s$/, ''));
    const whole = Math.trunc(seconds);
    super(
      '*durationpb.Duration',
      new Map<string, GoValue>([
        ['Seconds', new GoInt('int64', BigInt(whole))],
        ['Nanos', new GoInt('int32', BigInt(Math.round((seconds - whole) * 1e9)))],
      ]),
    );
    this.text = text;
  }
}

type Kind = 'string' | 'int' | 'bool' | 'enum' | 'duration' | 'boolwrapper' | 'int32wrapper' | 'map' | 'strings' | 'message' | 'messages';

const PROXY_CONFIG_FIELDS: Record<string, Kind> = {
  configPath: 'string', binaryPath: 'string', serviceCluster: 'string', drainDuration: 'duration', discoveryAddress: 'string',
  statsdUdpAddress: 'string', proxyAdminPort: 'int', controlPlaneAuthPolicy: 'enum', customConfigFile: 'string',
  statNameLength: 'int', concurrency: 'int32wrapper', proxyBootstrapTemplatePath: 'string', interceptionMode: 'enum',
  tracing: 'message', envoyAccessLogService: 'message', envoyMetricsService: 'message', proxyMetadata: 'map',
  runtimeValues: 'map', statusPort: 'int', extraStatTags: 'strings', gatewayTopology: 'message',
  terminationDrainDuration: 'duration', meshId: 'string', readinessProbe: 'message', proxyStatsMatcher: 'message',
  holdApplicationUntilProxyStarts: 'boolwrapper', caCertificatesPem: 'strings', image: 'message',
  privateKeyProvider: 'message', proxyHeaders: 'message', fileFlushInterval: 'duration', statsCompression: 'boolwrapper',
  connectionSettings: 'message',
};

const MESH_CONFIG_FIELDS: Record<string, Kind> = {
  proxyListenPort: 'int', proxyInboundListenPort: 'int', proxyHttpPort: 'int', connectTimeout: 'duration',
  protocolDetectionTimeout: 'duration', tcpKeepalive: 'message', ingressClass: 'string', ingressService: 'string',
  ingressControllerMode: 'enum', ingressSelector: 'string', enableTracing: 'bool', accessLogFile: 'string',
  accessLogFormat: 'string', accessLogEncoding: 'enum', enableEnvoyAccessLogService: 'bool',
  disableEnvoyListenerLog: 'bool', defaultConfig: 'message', outboundTrafficPolicy: 'message',
  inboundTrafficPolicy: 'message', enableAutoMtls: 'boolwrapper', trustDomain: 'string', trustDomainAliases: 'strings',
  defaultServiceExportTo: 'strings', defaultVirtualServiceExportTo: 'strings', defaultDestinationRuleExportTo: 'strings',
  rootNamespace: 'string', localityLbSetting: 'message', dnsRefreshRate: 'duration', h2UpgradePolicy: 'enum',
  inboundClusterStatName: 'string', outboundClusterStatName: 'string', certificates: 'messages',
  serviceSettings: 'messages', enablePrometheusMerge: 'boolwrapper', verifyCertificateAtClient: 'boolwrapper',
  ca: 'message', extensionProviders: 'messages', defaultProviders: 'message', discoverySelectors: 'messages',
  pathNormalization: 'message', defaultHttpRetryPolicy: 'message', meshMTLS: 'message', tlsDefaults: 'message',
};

const ENUM_ZERO: Record<string, string> = {
  interceptionMode: 'REDIRECT',
  controlPlaneAuthPolicy: 'NONE',
  ingressControllerMode: 'UNSPECIFIED',
  accessLogEncoding: 'TEXT',
  h2UpgradePolicy: 'DO_NOT_UPGRADE',
};

function goFieldName(json: string): string {
  return json.charAt(0).toUpperCase() + json.slice(1);
}

const constant =
  (v: GoValue): GoFunc =>
  () =>
    v;

function enumValue(name: string): GoStruct {
  return new GoStruct('enum', new Map(), new Map([['String', constant(name)]]), () => name);
}

function wrapper(typeName: string, v: GoValue): GoStruct {
  return new GoStruct(typeName, new Map([['Value', v]]), new Map([['GetValue', constant(v)]]), () => `value:${String(v)}`);
}

function isObject(v: unknown): v is Proto {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fieldValue(name: string, kind: Kind, v: unknown): GoValue {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? v : '';
    case 'int':
      return new GoInt('int32', BigInt(typeof v === 'number' ? v : 0));
    case 'bool':
      return v === true;
    case 'enum':
      return enumValue(typeof v === 'string' ? v : (ENUM_ZERO[name] ?? ''));
    case 'duration':
      return typeof v === 'string' ? new ProtoDuration(v) : null;
    case 'boolwrapper':
      return typeof v === 'boolean' ? wrapper('*wrapperspb.BoolValue', v) : wrapper('*wrapperspb.BoolValue', false);
    case 'int32wrapper':
      return typeof v === 'number' ? wrapper('*wrapperspb.Int32Value', new GoInt('int32', BigInt(v))) : null;
    case 'map':
      return mapOf(new Map(Object.entries(isObject(v) ? v : {}).map(([k, x]) => [k, String(x)])), 'string');
    case 'strings':
      return sliceOf(Array.isArray(v) ? v.map(String) : [], 'string');
    case 'message':
      return isObject(v) ? genericMessage(v) : null;
    case 'messages':
      return sliceOf(Array.isArray(v) ? v.map((x) => (isObject(x) ? genericMessage(x) : null)) : [], 'interface {}');
  }
}

/** A message without a field table: fields by Go name from whatever keys are present. */
function genericMessage(p: Proto): ProtoStruct {
  const fields = new Map<string, GoValue>();
  const methods = new Map<string, GoFunc>();
  for (const [k, v] of Object.entries(p)) {
    const value: GoValue = isObject(v) ? genericMessage(v) : Array.isArray(v) ? sliceOf(v.map((x) => (isObject(x) ? genericMessage(x) : fromJS(x))), 'interface {}') : fromJS(v);
    fields.set(goFieldName(k), value);
    methods.set('Get' + goFieldName(k), constant(value));
  }
  return new ProtoStruct('message', p, fields, nilSafeGetters(methods));
}

const NIL_GETTER: GoFunc = constant(null);

/** protobuf getters are nil-safe: GetX on an unset field returns its zero value, never fails. */
class NilSafeGetters extends Map<string, GoFunc> {
  override get(name: string): GoFunc | undefined {
    return super.get(name) ?? (name.startsWith('Get') ? NIL_GETTER : undefined);
  }
  override has(name: string): boolean {
    return super.has(name) || name.startsWith('Get');
  }
}

function nilSafeGetters(methods: Map<string, GoFunc>): ReadonlyMap<string, GoFunc> {
  return new NilSafeGetters(methods);
}

function typedMessage(typeName: string, table: Record<string, Kind>, p: Proto, extra?: Map<string, GoValue>): ProtoStruct {
  const fields = new Map<string, GoValue>();
  const methods = new Map<string, GoFunc>();
  const names = new Set([...Object.keys(table), ...Object.keys(p)]);
  for (const name of names) {
    const kind = table[name];
    const v = p[name];
    const value = kind ? (extra?.get(name) ?? fieldValue(name, kind, v)) : isObject(v) ? genericMessage(v) : fromJS(v);
    fields.set(goFieldName(name), value);
    methods.set('Get' + goFieldName(name), constant(value));
  }
  return new ProtoStruct(typeName, p, fields, nilSafeGetters(methods));
}

export function proxyConfigView(pc: Proto): ProtoStruct {
  return typedMessage('*v1alpha1.ProxyConfig', PROXY_CONFIG_FIELDS, pc);
}

// A stream's pods share one MeshConfig (and ProxyConfig) unless annotated, so views are built once.
const meshViews = new WeakMap<Proto, ProtoStruct>();
const proxyViews = new WeakMap<Proto, ProtoStruct>();

function cachedProxyConfigView(pc: Proto): ProtoStruct {
  let v = proxyViews.get(pc);
  if (!v) proxyViews.set(pc, (v = proxyConfigView(pc)));
  return v;
}

export function meshConfigView(mc: Proto): ProtoStruct {
  let v = meshViews.get(mc);
  if (v) return v;
  const pc = isObject(mc['defaultConfig']) ? mc['defaultConfig'] : {};
  v = typedMessage('*v1alpha1.MeshConfig', MESH_CONFIG_FIELDS, mc, new Map([['defaultConfig', cachedProxyConfigView(pc)]]));
  meshViews.set(mc, v);
  return v;
}

export interface TemplateDataInput {
  typeMeta: { kind: string; apiVersion: string };
  deployMeta: { name: string; namespace: string };
  objectMeta: JsonObject;
  spec: JsonObject;
  proxyConfig: Proto;
  meshConfig: Proto;
  values: GoValue;
  revision: string;
  nativeSidecars: boolean;
  proxyImage: string;
  proxyUID: bigint;
  proxyGID: bigint;
  inboundTrafficPolicyMode: string;
  compliancePolicy: string;
}

export function sidecarTemplateData(d: TemplateDataInput): GoStruct {
  return new GoStruct(
    'inject.SidecarTemplateData',
    new Map<string, GoValue>([
      ['TypeMeta', new GoStruct('v1.TypeMeta', new Map([['Kind', d.typeMeta.kind], ['APIVersion', d.typeMeta.apiVersion]]))],
      ['DeploymentMeta', new GoStruct('types.NamespacedName', new Map([['Namespace', d.deployMeta.namespace], ['Name', d.deployMeta.name]]))],
      ['ObjectMeta', k8sView('meta.ObjectMeta', d.objectMeta)],
      ['Spec', k8sView('core.PodSpec', d.spec)],
      ['ProxyConfig', cachedProxyConfigView(d.proxyConfig)],
      ['MeshConfig', meshConfigView(d.meshConfig)],
      ['Values', d.values],
      ['Revision', d.revision],
      ['NativeSidecars', d.nativeSidecars],
      ['ProxyImage', d.proxyImage],
      ['ProxyUID', new GoInt('int64', d.proxyUID)],
      ['ProxyGID', new GoInt('int64', d.proxyGID)],
      ['InboundTrafficPolicyMode', d.inboundTrafficPolicyMode],
      ['CompliancePolicy', d.compliancePolicy],
    ]),
  );
}
