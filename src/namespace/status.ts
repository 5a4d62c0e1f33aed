/**
 * Namespace injection labelling and status, pure: the label change `namespace enable/disable`
 * makes, and for `namespace status` the label a namespace carries, the revision(s) whose webhook
 * would inject its pods, and the pods that need a restart to match.
 */
import { SailError } from '../errors.js';
import { INJECTION_LABEL, REVISION_LABEL, injectingRevisions, type MutatingWebhookConfiguration } from './webhooks.js';

/** The sidecar injector's status annotation: present on every injected pod. */
export const SIDECAR_STATUS_ANNOTATION = 'sidecar.istio.io/status';
const INJECT_ANNOTATION = 'sidecar.istio.io/inject';
/** Namespaces the injector never touches (pkg/kube/inject IgnoredNamespaces). */
export const IGNORED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public']);

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function checkRevision(revision: string, flag = '--revision'): string {
  if (revision === '' || revision.length > 63 || !LABEL_VALUE.test(revision)) {
    throw new SailError('USAGE', `invalid ${flag} "${revision}": a revision must be a valid label value (letters, digits, '-', '_', '.'; at most 63 characters)`);
  }
  return revision;
}

export function checkNamespaceName(name: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
    throw new SailError('USAGE', `invalid namespace name "${name}": must be a lowercase RFC 1123 label`);
  }
  return name;
}

/**
 * The labels patch (JSON merge patch; null removes) enabling injection: istio-injection=enabled,
 * or istio.io/rev=REV without istio-injection (Istio's revision webhooks require it absent). The
 * other label is removed either way so exactly one mechanism is in effect.
 */
export function enablePatch(revision: string | undefined): Record<string, string | null> {
  return revision ? { [REVISION_LABEL]: revision, [INJECTION_LABEL]: null } : { [INJECTION_LABEL]: 'enabled', [REVISION_LABEL]: null };
}

export function disablePatch(): Record<string, string | null> {
  return { [INJECTION_LABEL]: null, [REVISION_LABEL]: null };
}

/** "istio-injection=enabled", "istio.io/rev=canary", both (comma-separated), or "" when unlabelled. */
export function injectionLabel(labels: Readonly<Record<string, string>> | undefined): string {
  const out: string[] = [];
  const l = labels ?? {};
  if (l[INJECTION_LABEL] !== undefined) out.push(`${INJECTION_LABEL}=${l[INJECTION_LABEL]}`);
  if (l[REVISION_LABEL] !== undefined) out.push(`${REVISION_LABEL}=${l[REVISION_LABEL]}`);
  return out.join(',');
}

export interface PodInfo {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { hostNetwork?: boolean; containers?: Array<{ name: string }>; initContainers?: Array<{ name: string; restartPolicy?: string }> };
  status?: { phase?: string };
}

export interface PodRestart {
  pod: string;
  /** the revision of the proxy it runs, "" when not injected */
  runningRevision: string;
  /** the revision that would inject it now, "" when none */
  expectedRevision: string;
  reason: string;
}

export interface NamespaceStatus {
  namespace: string;
  /** see injectionLabel; "" when unlabelled */
  label: string;
  /** revisions whose webhook injects a plain pod here (more than one is a misconfiguration) */
  revisions: string[];
  pods: number;
  needRestart: PodRestart[];
}

export function isInjected(pod: PodInfo): boolean {
  if (pod.metadata.annotations?.[SIDECAR_STATUS_ANNOTATION] !== undefined) return true;
  const named = (c: { name: string }): boolean => c.name === 'istio-proxy';
  return (pod.spec?.containers ?? []).some(named) || (pod.spec?.initContainers ?? []).some(named);
}

/** The revision an injected pod's proxy belongs to: the status annotation's "revision", else the istio.io/rev label the injector adds. */
export function podRevision(pod: PodInfo): string {
  const status = pod.metadata.annotations?.[SIDECAR_STATUS_ANNOTATION];
  if (status) {
    try {
      const rev = (JSON.parse(status) as { revision?: unknown }).revision;
      if (typeof rev === 'string' && rev !== '') return rev;
    } catch {
      // a hand-written annotation: fall back to the label
    }
  }
  return pod.metadata.labels?.[REVISION_LABEL] ?? 'default';
}

export function namespaceStatus(
  namespace: { metadata: { name: string; labels?: Record<string, string> } },
  pods: readonly PodInfo[],
  webhooks: readonly MutatingWebhookConfiguration[],
): NamespaceStatus {
  const name = namespace.metadata.name;
  const nsLabels = namespace.metadata.labels ?? {};
  const ignored = IGNORED_NAMESPACES.has(name);
  const revisions = ignored ? [] : injectingRevisions(webhooks, {}, nsLabels);
  const needRestart: PodRestart[] = [];
  let counted = 0;
  for (const pod of pods) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    counted++;
    const injected = isInjected(pod);
    // The injector adds istio.io/rev to the pods it injects; a re-created pod would not carry it,
    // so it must not decide which webhook matches.
    const labels = { ...(pod.metadata.labels ?? {}) };
    if (injected) delete labels[REVISION_LABEL];
    const optedOut = pod.metadata.annotations?.[INJECT_ANNOTATION] === 'false' || pod.spec?.hostNetwork === true;
    const expected = ignored || optedOut ? [] : injectingRevisions(webhooks, labels, nsLabels);
    const running = injected ? podRevision(pod) : '';
    const expectedRev = expected[0] ?? '';
    let reason: string | undefined;
    if (!injected && expected.length > 0) reason = `not injected; revision ${expectedRev} would inject it`;
    else if (injected && expected.length === 0) reason = `runs a proxy of revision ${running}, but injection is disabled for it`;
    else if (injected && !expected.includes(running)) reason = `runs a proxy of revision ${running}; revision ${expectedRev} injects it now`;
    if (reason) needRestart.push({ pod: pod.metadata.name, runningRevision: running, expectedRevision: expectedRev, reason });
  }
  needRestart.sort((a, b) => a.pod.localeCompare(b.pod));
  return { namespace: name, label: injectionLabel(nsLabels), revisions, pods: counted, needRestart };
}

/** The plain table `namespace status` prints, columns aligned as istioctl's tabwriter output. */
export function formatStatusTable(rows: readonly NamespaceStatus[]): string {
  const header = ['NAMESPACE', 'INJECTION LABEL', 'REVISION', 'PODS', 'NEED RESTART'];
  const cells = rows.map((r) => [r.namespace, r.label || '-', r.revisions.join(',') || '-', String(r.pods), String(r.needRestart.length)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]): string => c.map((x, i) => (i === c.length - 1 ? x : x.padEnd((widths[i] as number) + 3))).join('').trimEnd();
  let out = [header, ...cells].map(line).join('\n') + '\n';
  const restarts = rows.flatMap((r) => r.needRestart.map((p) => `  ${r.namespace}/${p.pod}: ${p.reason}`));
  if (restarts.length > 0) out += `\nPods needing a restart:\n${restarts.join('\n')}\n`;
  return out;
}
