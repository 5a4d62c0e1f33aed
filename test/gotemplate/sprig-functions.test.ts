/** sprig details the differential test cannot pin down: messages, semver corner cases, types. */
import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../../src/gotemplate/index.js';
import { helmFuncMap } from '../../src/gotemplate/helm-funcs.js';
import { semverSatisfies } from '../../src/gotemplate/sprig-semver.js';
import { mergoMerge } from '../../src/gotemplate/sprig-collections.js';
import { parseGoYaml } from '../../src/gotemplate/goyaml.js';
import { toJS, type GoMap } from '../../src/gotemplate/value.js';

const run = (tpl: string) => {
  const set = new TemplateSet({ missingKey: 'zero', funcs: helmFuncMap() });
  set.parse('t', tpl);
  return set.execute('t', new Map());
};

describe('sprig', () => {
  it.each([
    ['{{ first "abc" }}', 'error calling first: Cannot find first on type string'],
    ['{{ append 1 2 }}', 'error calling append: Cannot push on type int'],
    ['{{ div 1 0 }}', 'error calling div: runtime error: integer divide by zero'],
    ['{{ semverCompare "!!" "1.0.0" }}', 'error calling semverCompare: improper constraint: !!'],
    ['{{ semverCompare ">1" "x" }}', 'error calling semverCompare: invalid semantic version'],
    ['{{ repeat -1 "a" }}', 'error calling repeat: strings: negative Repeat count'],
    ['{{ indent 1.5 "a" }}', 'expected integer; found 1.5'],
  ])('%s fails with "%s"', (tpl, msg) => {
    expect(() => run(tpl)).toThrow(msg);
  });

  it('checks Kubernetes versions the way Istio charts do', () => {
    expect(semverSatisfies('>=1.23-0', 'v1.32.0')).toBe(true);
    expect(semverSatisfies('>=1.23-0', 'v1.22.5-gke.100')).toBe(false);
    expect(semverSatisfies('>=1.23', 'v1.32.0-rc.1')).toBe(false);
    expect(semverSatisfies('>=1.23-0', 'v1.32.0-rc.1')).toBe(true);
    expect(semverSatisfies('<1.30 || >=1.32', '1.31.9')).toBe(false);
  });

  it('merges like mergo: dst wins for merge, src for mergeOverwrite, nested maps merged in place', () => {
    const dst = parseGoYaml('a: 1\nm: {x: 1, keep: k}\nempty: ""\n') as GoMap;
    const nested = dst.get('m');
    mergoMerge(dst, parseGoYaml('a: 2\nm: {x: 2, add: z}\nempty: filled\nnew: v\n') as GoMap, false);
    expect(toJS(dst)).toEqual({ a: 1, m: { x: 1, keep: 'k', add: 'z' }, empty: 'filled', new: 'v' });
    expect(dst.get('m')).toBe(nested);
    mergoMerge(dst, parseGoYaml('a: 3\nm: {x: 3}\n') as GoMap, true);
    expect(toJS(dst)).toMatchObject({ a: 3, m: { x: 3, keep: 'k' } });
  });

  it('returns Go types: add is int64, until is []int, splitList []string, dict a map', () => {
    expect(run('{{ typeOf (add 1 2) }} {{ typeOf (until 2) }} {{ typeOf (splitList "," "a") }} {{ typeOf (dict) }} {{ typeOf (list) }}')).toBe('int64 []int []string map[string]interface {} []interface {}');
  });
});
