/**
 * The local API server on its own, for trying kubectl against it (e.g. `kubectl -v=8` to see the
 * requests and media types). Prints the kubeconfig path; stops on Ctrl-C, SIGTERM, or by itself
 * after SAILCTL_KUBE_SERVER_MINUTES (30 by default). See docs/testing-cluster.md for how to run it.
 */
import { startKubeServer } from './server.js';
import { writeKubeconfig } from '../kubeconfig.js';

const server = await startKubeServer({ controllers: true });
const kubeconfig = writeKubeconfig(server.url);
process.stdout.write(`export KUBECONFIG=${kubeconfig}\n`);
const minutes = Number(process.env['SAILCTL_KUBE_SERVER_MINUTES'] ?? 30);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
setTimeout(() => void stop(), minutes * 60_000);
