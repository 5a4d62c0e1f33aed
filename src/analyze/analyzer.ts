/** The analyzer contract and the messages analyzers report. */
import { MESSAGE_TYPES, type MessageName, type MessageType } from './catalog.js';
import { goSprintf, type GoArg } from './gofmt.js';
import type { KindKey } from './kinds.js';
import type { JsonObject, Resource } from './resource.js';
import type { Snapshot } from './snapshot.js';

export interface Message {
  readonly type: MessageType;
  readonly args: readonly GoArg[];
  readonly resource: Resource | undefined;
  /** Line of the offending field; 0 or undefined means the resource's own line. */
  line: number | undefined;
}

export function messageText(m: Message): string {
  return goSprintf(m.type.template, m.args);
}

export interface AnalysisContext {
  readonly snapshot: Snapshot;
  /** Effective mesh config (defaults overlaid with --meshConfigFile). */
  readonly meshConfig: JsonObject;
  readonly meshNetworks: JsonObject;
  readonly istioNamespace: string;
  report(m: Message): void;
}

export interface Analyzer {
  /** istioctl's analyzer name, e.g. "virtualservice.GatewayAnalyzer". */
  readonly name: string;
  readonly description: string;
  /** Kinds read; the analyzer is skipped when one is not in the snapshot. */
  readonly inputs: readonly KindKey[];
  analyze(ctx: AnalysisContext): void;
}

/** Creates a message; `fieldPath` (istioctl's field-map key) selects the line when present. */
export function newMessage(name: MessageName, resource: Resource | undefined, args: readonly GoArg[], fieldPath?: string): Message {
  const line = fieldPath && resource ? resource.origin.fieldLine(fieldPath) : undefined;
  return { type: MESSAGE_TYPES[name], args, resource, line };
}
