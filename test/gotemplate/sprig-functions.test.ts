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
    // Go's texts, checked against the oracle (encoding/json scanner, regexp/syntax, time.Parse)
    ['{{ mustFromJson "[1 2]" }}', "invalid character '2' after array element"],
    ['{{ mustFromJson "{\\"a\\": tru}" }}', "invalid character '}' in literal true (expecting 'e')"],
    ['{{ mustRegexMatch "a**" "x" }}', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['{{ regexFind "a{2,1}" "x" }}', 'regexp: Compile(`a{2,1}`): error parsing regexp: invalid repeat count: `{2,1}`'],
    ['{{ mustToDate "2006-01-02" "2024/01/01" }}', 'parsing time "2024/01/01" as "2006-01-02": cannot parse "/01/01" as "-"'],
  ])('%s fails with "%s"', (tpl, msg) => {
    expect(() => run(tpl)).toThrow(msg);
  });

  it.each([
    ['{{ snakecase "HTTPServer" }} {{ snakecase "getHTTPResponseCode" }} {{ kebabcase "hello world-foo_bar" }} {{ snakecase "Bld4Floor" }}', 'http_server get_http_response_code hello-world-foo-bar bld4_floor'],
    ['{{ camelcase "hello_world" }} {{ camelcase "_foo_bar" }} {{ camelcase "HelloWorld" }}', 'HelloWorld _FooBar Helloworld'],
    ['{{ $u := urlParse "https://user:pa%20ss@host:8080/p%20q?q=1#f%20x" }}{{ $u.userinfo }}|{{ $u.path }}|{{ $u.fragment }}|{{ $u.hostname }}', 'user:pa%20ss|/p q|f x|host'],
    ['{{ toDate "Jan 2, 2006 at 3:04pm" "Feb 3, 2013 at 7:54pm" }}', '2013-02-03 19:54:00 +0000 UTC'],
    ['{{ toYamlPretty (dict "a" (list 1 (dict "b" "on"))) }}', 'a:\n  - 1\n  - b: "on"'],
    ['{{ fromYaml "a: 1\\na: 2" }}', 'map[a:2]'],
  ])('%s renders as Go does', (tpl, out) => {
    expect(run(tpl)).toBe(out);
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
