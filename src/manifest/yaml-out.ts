/** YAML text of an object as sigs.k8s.io/yaml.Marshal writes it (keys sorted, Go quoting). */
import { marshalGoYaml } from '../gotemplate/goyaml.js';
import type { GoValue } from '../gotemplate/value.js';
import type { JsonValue } from '../operator/types.js';
import { jsonToGo } from './govalues.js';

export function toYamlDocument(obj: JsonValue): string {
  return marshalGoYaml(jsonToGo(obj) as GoValue);
}
