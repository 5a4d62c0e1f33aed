/** YAML text of an object as sigs.k8s.io/yaml.Marshal writes it (keys sorted, Go quoting). */
import { compareYamlKeys, marshalPlainYaml } from '../gotemplate/goyaml.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../operator/types.js';

/** Written straight from the JSON data (no conversion to Go values first). */
export function toYamlDocument(obj: JsonValue): string {
  return marshalPlainYaml(obj);
}

/**
 * Canonical text of an object whose text was canonical except for metadata.labels: the labels
 * block is written afresh. Returns undefined when the text does not have the expected shape
 * (the caller then serialises the object).
 */
export function withCanonicalLabels(text: string, obj: JsonObject): string | undefined {
  const metadata = obj.metadata;
  if (!isJsonObject(metadata)) return undefined;
  const start = text.indexOf('\nmetadata:\n');
  if (start < 0) return undefined;
  const bodyStart = start + '\nmetadata:\n'.length;
  // The metadata block ends at the next top-level key.
  const endMatch = /\n(?! )/.exec(text.slice(bodyStart));
  const bodyEnd = endMatch ? bodyStart + endMatch.index + 1 : text.length;
  const lines = text.slice(bodyStart, bodyEnd).split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '  labels:') {
      while (i + 1 < lines.length && lines[i + 1]!.startsWith('    ')) i++;
      continue;
    }
    kept.push(lines[i]!);
  }
  const labels = metadata.labels;
  if (isJsonObject(labels) && Object.keys(labels).length > 0) {
    const block = toYamlDocument(labels).trimEnd().split('\n').map((l) => `    ${l}`);
    // Keys are sorted: labels go before the first key that sorts after it.
    let at = kept.findIndex((l) => /^  [^ ]/.test(l) && compareYamlKeys(l.slice(2, l.indexOf(':')), 'labels') > 0);
    if (at < 0) at = kept.length - (kept[kept.length - 1] === '' ? 1 : 0);
    kept.splice(at, 0, '  labels:', ...block);
  }
  return text.slice(0, bodyStart) + kept.join('\n') + text.slice(bodyEnd);
}
