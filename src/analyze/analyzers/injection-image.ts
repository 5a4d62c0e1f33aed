import { parse as parseYaml } from 'yaml';
import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, strMap, fullName, type JsonObject, type Resource } from '../resource.js';
import { containsAll } from './label-selector.js';

const INJECTOR_CONFIGMAP = 'istio-sidecar-injector';

/** The proxy image the injector would use: `global.proxy.image` when it has a slash, else hub/image:tag. */
export function injectorProxyImage(values: string): string {
  let v: unknown;
  try {
    v = JSON.parse(values);
  } catch {
    return '';
  }
  const global = obj(obj(v)['global']);
  const image = str(obj(global['proxy'])['image']);
  if (image.includes('/')) return image;
  return `${str(global['hub'])}/${image}:${str(global['tag'])}`;
}

function imageTypeOf(proxyConfigSpec: JsonObject): string {
  return str(obj(proxyConfigSpec['image'])['imageType']);
}

/**
 * The image variant (e.g. "distroless") a pod's proxy gets: mesh default, then the root-namespace
 * ProxyConfig, the namespace's, workload ones selecting the pod, and the pod's proxy.istio.io/config
 * annotation, later ones winning (Istio's EffectiveProxyConfigResolver).
 */
class ImageTypeResolver {
  private readonly meshDefault: string;
  private root: JsonObject | undefined;
  private readonly byNamespace = new Map<string, JsonObject>();
  private readonly workload: Array<{ key: string; selector: Record<string, string>; spec: JsonObject }> = [];

  constructor(meshConfig: JsonObject, proxyConfigs: readonly Resource[]) {
    this.meshDefault = str(obj(obj(meshConfig['defaultConfig'])['image'])['imageType']);
    const rootNs = str(meshConfig['rootNamespace']) || 'istio-system';
    for (const pc of proxyConfigs) {
      if (pc.namespace === rootNs) this.root = pc.spec;
      else if (pc.spec['selector'] === undefined || pc.spec['selector'] === null) this.byNamespace.set(pc.namespace, pc.spec);
      else this.workload.push({ key: fullName(pc), selector: strMap(obj(pc.spec['selector'])['matchLabels']), spec: pc.spec });
    }
  }

  imageType(pod: Resource): string {
    let variant = this.meshDefault;
    if (this.root && imageTypeOf(this.root)) variant = imageTypeOf(this.root);
    const ns = this.byNamespace.get(pod.namespace);
    if (ns && imageTypeOf(ns)) variant = imageTypeOf(ns);
    for (const w of this.workload) {
      // Istio compares the "ns/name" key by prefix, not by namespace equality; kept as is.
      if (!w.key.startsWith(pod.namespace)) continue;
      if (containsAll(pod.labels, w.selector) && imageTypeOf(w.spec)) variant = imageTypeOf(w.spec);
    }
    const anno = pod.annotations['proxy.istio.io/config'];
    if (anno !== undefined) {
      try {
        const t = imageTypeOf(obj(parseYaml(anno)));
        if (t) variant = t;
      } catch {
        // An unparseable annotation is ignored here (the annotations analyzer reports it).
      }
    }
    return variant === 'default' ? '' : variant;
  }
}

export const injectionImageAnalyzer: Analyzer = {
  name: 'injection.ImageAnalyzer',
  description: 'Reports namespaces whose running sidecars use another proxy image than injection would give them now',
  inputs: [K.Namespace, K.Pod, K.ConfigMap, K.MeshConfig, K.ProxyConfig],
  analyze(ctx) {
    const proxyImages = new Map<string, string>();
    for (const cm of ctx.snapshot.list(K.ConfigMap)) {
      if (cm.name.startsWith(INJECTOR_CONFIGMAP)) proxyImages.set(cm.name, injectorProxyImage(str(obj(cm.object['data'])['values'])));
    }
    if (proxyImages.size === 0) return;

    const injectedRevision = new Map<string, string>();
    const namespaces = new Map<string, Resource>();
    for (const ns of ctx.snapshot.list(K.Namespace)) {
      namespaces.set(ns.name, ns);
      const rev = ns.labels['istio.io/rev'];
      if (rev !== undefined) injectedRevision.set(ns.name, rev);
      else if (ns.labels['istio-injection'] === 'enabled') injectedRevision.set(ns.name, 'default');
    }

    const resolver = new ImageTypeResolver(ctx.meshConfig, ctx.snapshot.list(K.ProxyConfig));
    const mismatched = new Map<string, string[]>();
    for (const pod of ctx.snapshot.list(K.Pod)) {
      const rev = injectedRevision.get(pod.namespace);
      if (rev === undefined) continue;
      if (pod.annotations['sidecar.istio.io/proxyImage']) continue;
      const cmName = rev === '' || rev === 'default' ? INJECTOR_CONFIGMAP : `${INJECTOR_CONFIGMAP}-${rev}`;
      const want = proxyImages.get(cmName);
      if (want === undefined) continue;
      const variant = resolver.imageType(pod);
      for (const c of [...arr(pod.spec['containers']), ...arr(pod.spec['initContainers'])]) {
        if (str(obj(c)['name']) !== 'istio-proxy') continue;
        const image = str(obj(c)['image']);
        if (image !== want && image !== `${want}-${variant}`) {
          let list = mismatched.get(pod.namespace);
          if (!list) mismatched.set(pod.namespace, (list = []));
          list.push(pod.name);
        }
      }
    }
    for (const [ns, pods] of mismatched) {
      pods.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      ctx.report(newMessage('PodsIstioProxyImageMismatchInNamespace', namespaces.get(ns), [pods]));
    }
  },
};
