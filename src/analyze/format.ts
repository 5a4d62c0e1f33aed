/**
 * Output formats, byte-compatible with istioctl: log lines, Go-style JSON (tab indent, sorted
 * keys, <>& escaped), sigs.k8s.io/yaml-style YAML; plus SARIF 2.1.0 (ext) for code scanning.
 */
import { DOCS_BASE, type Level } from './catalog.js';
import { messageText, type Message } from './analyzer.js';
import { friendlyName, reference } from './resource.js';

export type OutputFormat = 'log' | 'json' | 'yaml' | 'sarif';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['log', 'json', 'yaml', 'sarif'];

export const DOC_REF = 'istioctl-analyze';

export function documentationUrl(code: string): string {
  return `${DOCS_BASE}/${code.toLowerCase()}/?ref=${DOC_REF}`;
}

function messageReference(m: Message): string | undefined {
  return m.resource ? reference(m.resource, m.line) : undefined;
}

/**
 * How messages are printed beyond their own fields. istioctl names each message's cluster when
 * the analysis read more than one (--remote-contexts): ` [cluster-ID]` in log lines, a `cluster`
 * field in JSON and YAML.
 */
export interface FormatOptions {
  printCluster?: boolean;
}

/** ` [cluster-ID] (Kind ns/name file:line)` or '' */
function originText(m: Message, opts: FormatOptions): string {
  if (!m.resource) return '';
  const ref = messageReference(m);
  const cluster = opts.printCluster && m.resource.origin.cluster ? ` [cluster-${m.resource.origin.cluster}]` : '';
  return `${cluster} (${friendlyName(m.resource)}${ref !== undefined ? ' ' + ref : ''})`;
}

const COLOR: Record<Level, string> = { Error: '\u001b[1;31m', Warning: '\u001b[33m', Info: '' };

export function formatLogLine(m: Message, color: boolean, opts: FormatOptions = {}): string {
  const level = color ? `${COLOR[m.type.level]}${m.type.level}\u001b[0m` : m.type.level;
  return `${level} [${m.type.code}]${originText(m, opts)} ${messageText(m)}`;
}

/** The fields istioctl prints for a message (writers sort the keys). */
export function messageRecord(m: Message, opts: FormatOptions = {}): Record<string, string> {
  const rec: Record<string, string> = {
    code: m.type.code,
    documentationUrl: documentationUrl(m.type.code),
    level: m.type.level,
    message: messageText(m),
  };
  if (m.resource) {
    rec['origin'] = friendlyName(m.resource);
    const ref = messageReference(m);
    if (ref !== undefined) rec['reference'] = ref;
    if (opts.printCluster && m.resource.origin.cluster) rec['cluster'] = m.resource.origin.cluster;
  }
  return rec;
}

/** Go's encoding/json string escaping (HTML-safe). */
function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

export function formatJson(ms: readonly Message[], opts: FormatOptions = {}): string {
  if (ms.length === 0) return '[]';
  const items = ms.map((m) => {
    const rec = messageRecord(m, opts);
    const fields = Object.keys(rec)
      .sort()
      .map((k) => `\t\t${goJsonString(k)}: ${goJsonString(rec[k] as string)}`);
    return `\t{\n${fields.join(',\n')}\n\t}`;
  });
  return `[\n${items.join(',\n')}\n]`;
}

// --- YAML as go-yaml v2 (behind sigs.k8s.io/yaml) writes strings ---

const NON_STRING = /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?|=|<<)$/;

function plainAllowed(s: string): boolean {
  if (s === '' || /^\s|\s$/.test(s)) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(s)) return false;
  if (/^[-?:](?:\s|$)/.test(s)) return false;
  if (/:(?:\s|$)/.test(s) || /\s#/.test(s)) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  return !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s);
}

/** Folds at spaces once the column passes 80, as go-yaml's emitter does. */
function fold(text: string, startColumn: number, indent: number): string {
  let out = '';
  let column = startColumn;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === ' ' && column > 80 && i + 1 < text.length && text[i + 1] !== ' ' && i > 0 && text[i - 1] !== ' ') {
      out += '\n' + ' '.repeat(indent);
      column = indent;
      continue;
    }
    out += ch;
    column++;
  }
  return out;
}

function yamlScalar(s: string, column: number, indent: number): string {
  if (s === '' || NON_STRING.test(s)) return JSON.stringify(s);
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s)) return JSON.stringify(s);
  if (plainAllowed(s)) return fold(s, column, indent);
  return fold(`'${s.replace(/'/g, "''")}'`, column, indent);
}

export function formatYaml(ms: readonly Message[], opts: FormatOptions = {}): string {
  if (ms.length === 0) return '[]\n';
  let out = '';
  for (const m of ms) {
    const rec = messageRecord(m, opts);
    let first = true;
    for (const k of Object.keys(rec).sort()) {
      const prefix = `${first ? '- ' : '  '}${NON_STRING.test(k) ? JSON.stringify(k) : k}: `;
      out += prefix + yamlScalar(rec[k] as string, prefix.length, 4) + '\n';
      first = false;
    }
  }
  return out;
}

// --- SARIF 2.1.0 ---

const SARIF_LEVEL: Record<Level, string> = { Error: 'error', Warning: 'warning', Info: 'note' };

export interface SarifTool {
  name: string;
  version: string;
}

export function formatSarif(ms: readonly Message[], tool: SarifTool, opts: FormatOptions = {}): string {
  const ruleIds: string[] = [];
  const ruleIndex = new Map<string, number>();
  const rules: unknown[] = [];
  for (const m of ms) {
    if (ruleIndex.has(m.type.code)) continue;
    ruleIndex.set(m.type.code, rules.length);
    ruleIds.push(m.type.code);
    const url = `${DOCS_BASE}/${m.type.code.toLowerCase()}/`;
    rules.push({
      id: m.type.code,
      name: m.type.name,
      shortDescription: { text: `${m.type.name} (${m.type.code})` },
      helpUri: url,
      help: {
        text: `Istio analysis message ${m.type.code} (${m.type.name}). Causes and resolutions: ${url}`,
        markdown: `Istio analysis message **${m.type.code}** (${m.type.name}). See [the ${m.type.code} reference](${url}) for causes and resolutions.`,
      },
      defaultConfiguration: { level: SARIF_LEVEL[m.type.level] },
    });
  }
  const results = ms.map((m) => {
    const result: Record<string, unknown> = {
      ruleId: m.type.code,
      ruleIndex: ruleIndex.get(m.type.code),
      level: SARIF_LEVEL[m.type.level],
      message: { text: messageText(m) },
    };
    const r = m.resource;
    if (r) {
      const location: Record<string, unknown> = {
        logicalLocations: [{ name: friendlyName(r), kind: 'resource' }],
      };
      if (r.origin.file !== undefined && r.origin.file !== '-') {
        const line = m.line && m.line > 0 ? m.line : r.origin.line;
        location['physicalLocation'] = {
          artifactLocation: { uri: r.origin.file.split('\\').join('/') },
          ...(line > 0 ? { region: { startLine: line } } : {}),
        };
      }
      result['locations'] = [location];
      if (opts.printCluster && r.origin.cluster) result['properties'] = { cluster: r.origin.cluster };
    }
    return result;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, informationUri: `${DOCS_BASE}/`, rules } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

export function formatMessages(ms: readonly Message[], format: OutputFormat, color: boolean, tool: SarifTool, opts: FormatOptions = {}): string {
  switch (format) {
    case 'log':
      return ms.map((m) => formatLogLine(m, color, opts)).join('\n');
    case 'json':
      return formatJson(ms, opts);
    case 'yaml':
      return formatYaml(ms, opts);
    case 'sarif':
      return formatSarif(ms, tool, opts);
  }
}
