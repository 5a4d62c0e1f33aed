/** Build facts: sailctl's own version and the Istio release it targets. */
export const SAILCTL_VERSION = '0.1.0';
export const ISTIO_VERSION = '1.30.3';
export const ISTIO_HUB = 'docker.io/istio';
/** Kubernetes version assumed when rendering offline (what istioctl assumes). */
export const DEFAULT_KUBE_VERSION = 'v1.32.0';
