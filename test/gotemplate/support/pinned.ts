/**
 * Harness for tables of expectations pinned from Go's own text/template (Go 1.19, the Debian
 * oracle): each row is [template, JSON data, missingkey, expected output or error].
 */
import { FuncError, GoFloat32, GoInt, TemplateError, TemplateSet, fromJS, mapOf, sliceOf, withSignature, type FuncMap } from '../../../src/gotemplate/index.js';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';
export type Expected = { output: string } | { error: string };
export type PinnedRow = [template: string, json: string, missingKey: MissingKey, expected: Expected];

/** The same helper functions the Go program that produced the expectations registered. */
export const funcs: FuncMap = {
  fail: withSignature((a) => {
    throw new FuncError(a[0] as string);
  }, { params: ['string'] }),
  nilv: withSignature(() => null, { params: [] }),
  i64: withSignature((a) => new GoInt('int64', a[0] as bigint), { params: ['int'] }),
  u8: withSignature((a) => new GoInt('uint8', (a[0] as bigint) & 255n), { params: ['int'] }),
  f32: withSignature((a) => new GoFloat32(Math.fround(a[0] as number)), { params: ['float64'] }),
  strs: withSignature((a) => sliceOf(a, 'string'), { params: [], variadic: 'string' }),
  mstr: withSignature(() => mapOf(new Map([['a', 'x']]), 'string'), { params: [] }),
};

/** Parses and executes one row's template as Go did: its output, or Go's error text. */
export function run(template: string, json: string, missingKey: MissingKey): Expected {
  const set = new TemplateSet({ missingKey, funcs });
  try {
    set.parse('t', template);
    return { output: set.execute('t', json ? fromJS(JSON.parse(json)) : null) };
  } catch (e) {
    if (e instanceof TemplateError) return { error: e.message };
    throw e;
  }
}
