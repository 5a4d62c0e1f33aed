import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const kubeInjectCommand: CommandSpec = {
  name: 'kube-inject',
  summary: 'Inject Istio sidecar into Kubernetes pod resources',
  action: notImplemented('kube-inject'),
};
