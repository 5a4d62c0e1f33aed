/**
 * istioctl's install-time Kubernetes version check (istioctl/pkg/install/k8sversion): a cluster
 * older than the minimum Istio supports does not stop the install; istioctl prints a notice and
 * proceeds. Failing to read the version at all does stop it. The minimum is the one `x precheck`
 * uses (IST0142), so both commands agree.
 */
import { MIN_KUBERNETES_MINOR, kubernetesMinor } from '../kube/precheck.js';

/** The notice for an unsupported cluster version, or undefined when it is supported. */
export function kubernetesVersionNotice(gitVersion: string, istioVersion: string): string | undefined {
  const minor = kubernetesMinor(gitVersion);
  if (minor !== undefined && minor >= MIN_KUBERNETES_MINOR) return undefined;
  return (
    `\nThe Kubernetes version ${gitVersion} is not supported by Istio ${istioVersion}. The minimum supported Kubernetes version is 1.${MIN_KUBERNETES_MINOR}.\n` +
    'Proceeding with the installation, but you might experience problems. See https://istio.io/latest/docs/releases/supported-releases/ for a list of supported versions.\n'
  );
}
