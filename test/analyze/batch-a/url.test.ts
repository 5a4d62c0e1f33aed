import { describe, expect, it } from 'vitest';
import { goUrlHostname } from '../../../src/analyze/analyzers/external-control-plane.js';

// Expected values checked against Go 1.19's url.Parse(...).Hostname() (undefined = Parse error).
const CASES: Array<[string, string | undefined]> = [
  ['https://10.0.0.12:15017/validate', '10.0.0.12'],
  ['https://istiod.example.com:port/inject', undefined],
  ['https://[2001:db8::1]:15017/inject', '2001:db8::1'],
  ['https://[fe80::1%25eth0]:443/x', 'fe80::1%eth0'],
  ['istiod.example.com:15017', ''],
  [':foo', undefined],
  ['1abc:foo/bar', undefined],
  ['//10.1.2.3/x', '10.1.2.3'],
  ['https://user@10.1.2.3/x', '10.1.2.3'],
  ['https://user:pa ss@host/x', undefined],
  ['https://ho st/x', undefined],
  ['https://host%zz/x', undefined],
  ['https://10.1.2.3:/x', '10.1.2.3'],
  ['https://[::1/x', undefined],
  ['http://1.2.3.4#x', '1.2.3.4'],
  ['relative/path', ''],
  ['https://host:80:90/x', 'host:80'],
  ['mailto:someone@10.0.0.1', ''],
  ['https://[2001:db8::1]x/', undefined],
  ['https://a\u0007b/', undefined],
];

describe("goUrlHostname follows Go's net/url", () => {
  it.each(CASES)('%s', (raw, want) => {
    expect(goUrlHostname(raw)).toBe(want);
  });
});
