// Expected results were produced by Go's own text/template (Go 1.19, the Debian oracle) and
// pinned here; each row is [template, JSON data, missingkey, expected output or error].
import { describe, expect, it } from 'vitest';
import { GoStruct, fromJS, sprint, sprintf, type GoValue } from '../../src/gotemplate/index.js';
import { run, type Expected, type MissingKey } from './support/pinned.js';

const ROWS: [string, string, MissingKey, Expected][] = [
  ["{{ printf \"%v %v %v %v %v %v\" 1e6 1e-5 123456.789 1e21 0.000123 100000.0 }}", "{}", "default", {"output":"1e+06 1e-05 123456.789 1e+21 0.000123 100000"}],
  ["{{ printf \"%.3g %g %e %E %.0f %.1f %8.3f|%-8.2f|%+.2e\" 1234.5678 0.1 1234.5678 0.5 2.5 0.25 3.14159 2.5 12345.678 }}", "{}", "default", {"output":"1.23e+03 0.1 1.234568e+03 5.000000E-01 2 0.2    3.142|2.50    |+1.23e+04"}],
  ["{{ printf \"%5s|%-5s|%.2s|%q|%x|% x|%X|%#q\" \"ab\" \"ab\" \"abc\" \"a\\tb\" \"hi\" \"hi\" \"hi\" \"hi\" }}", "{}", "default", {"output":"   ab|ab   |ab|\"a\\tb\"|6869|68 69|6869|`hi`"}],
  ["{{ printf \"%d|%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%#o|%O|%b|%c|%U|%#U|%q\" 42 42 42 -42 42 255 255 255 8 8 8 5 65 65 65 65 }}", "{}", "default", {"output":"42|   42|42   |-0042|+42|ff|FF|0xff|10|010|0o10|101|A|U+0041|U+0041 'A'|'A'"}],
  ["{{ printf \"%d\" \"x\" }} {{ printf \"%s\" 1 }} {{ printf \"%d\" nil }} {{ printf \"%d %d\" 1 }} {{ printf \"%d\" 1 2 }} {{ printf \"%!\" }} {{ printf \"%\" }}", "{}", "default", {"output":"%!d(string=x) %!s(int=1) %!d(<nil>) 1 %!d(MISSING) 1%!(EXTRA int=2) %!!(MISSING) %!(NOVERB)"}],
  ["{{ printf \"%*d|%-*d|%.*f\" 5 1 5 1 2 3.14159 }}", "{}", "default", {"output":"    1|1    |3.14"}],
  ["{{ printf \"%t %v %T %T %T\" true false 1 1.5 \"s\" }}", "{}", "default", {"output":"true false int float64 string"}],
  ["{{ printf \"%v %v\" .m .l }} {{ printf \"%d\" .l }} {{ printf \"%s\" .l }} {{ printf \"%q\" .l2 }}", "{\"m\":{\"b\":[1,\"x\"],\"a\":null},\"l\":[1,2],\"l2\":[\"a\",\"b\"]}", "default", {"output":"map[a:<nil> b:[1 x]] [1 2] [%!d(float64=1) %!d(float64=2)] [%!s(float64=1) %!s(float64=2)] [\"a\" \"b\"]"}],
  ["{{ print 1 2 }} {{ print \"a\" 1 2 \"b\" }} {{ println 1 \"a\" }} {{ print nil }} {{ print .nope }}", "{}", "default", {"output":"1 2 a1 2b 1 a\n <nil> <nil>"}],
  ["{{ .a | printf \"%s-%s\" \"x\" }}", "{\"a\":\"y\"}", "default", {"output":"x-y"}],
  ["{{ i64 5 | printf \"%T %v\" }} {{ u8 300 }} {{ f32 0.1 }} {{ eq (i64 5) 5 }} {{ eq (u8 5) 5 }} {{ lt (u8 5) -1 }}", "{}", "default", {"output":"int64 %!v(MISSING) 44 0.1 true true false"}],
  ["{{ strs \"a\" \"b\" | printf \"%T %v %q\" . }}", "{}", "default", {"output":"map[string]interface {} [a b] %!q(MISSING)"}],
  ["{{ mstr.a }} {{ mstr.b }} {{ (mstr).zz | printf \"%q\" }}", "{}", "zero", {"output":"x  \"\""}],
  ["{{ printf \"%v %.2v %6.2v %g %G\" 3.0 3.14159 3.14159 1e100 1e-100 }}", "{}", "default", {"output":"3 3.1    3.1 1e+100 1E-100"}],
  ["{{ printf \"%x %X %#v %#v %#v %#v\" \"\" \"\\u00e9\" .m .l \"s\" 1.5 }}", "{\"m\":{\"a\":1},\"l\":[1,\"a\",null]}", "default", {"output":" C3A9 map[string]interface {}{\"a\":1} []interface {}{1, \"a\", interface {}(nil)} \"s\" 1.5"}],
  ["{{ printf \"%v|%s|%d\" .f .f .f }}", "{\"f\":1e21}", "default", {"output":"1e+21|%!s(float64=1e+21)|%!d(float64=1e+21)"}],
  ["{{ printf \"%6.2f|%-8.3e|%08.3f|%+08.2f|% d|% .3f\" -1.5 1234.5 -3.14159 3.14159 5 2.0 }}", "{}", "default", {"output":" -1.50|1.234e+03|-003.142|+0003.14| 5| 2.000"}],
  ["{{ printf \"%[2]d %[1]d %[3]d\" 1 2 }}", "{}", "default", {"output":"2 1 %!d(BADINDEX)"}],
  ["{{ printf \"%c %q %U\" 0x1F600 0x1F600 0x1F600 }}", "{}", "default", {"output":"😀 '😀' U+1F600"}],
  ["{{ printf \"%v %v %v %v %v\" 0.1 100000.0 1234567.0 123456789.0 1e20 }}", "{}", "default", {"output":"0.1 100000 1.234567e+06 1.23456789e+08 1e+20"}],
  ["{{ printf \"%v %v %v\" .a .b .c }}", "{\"a\":1e-7,\"b\":0.00001,\"c\":0.0001}", "default", {"output":"1e-07 1e-05 0.0001"}],
  ["{{ printf \"%.0f %.0f %.0f %.0f %.1f %.2f\" 0.5 1.5 2.5 3.5 0.05 1.005 }}", "{}", "default", {"output":"0 2 2 4 0.1 1.00"}],
  ["{{ printf \"%e %.2e %g %.3g %g\" 0.0 123456.0 0.0 0.0001234 1e-7 }}", "{}", "default", {"output":"0.000000e+00 1.23e+05 0 0.000123 1e-07"}],
  ["{{ printf \"%8.3s|%-8q|%08s|%x\" \"abcdef\" \"a\" \"ab\" \"héllo\" }}", "{}", "default", {"output":"     abc|\"a\"     |000000ab|68c3a96c6c6f"}],
  ["{{ printf \"%v\" 9007199254740993 }} {{ printf \"%d %x\" 18446744073709551615 -9223372036854775808 }}", "{}", "default", {"error":"template: t:1:53: executing \"t\" at <18446744073709551615>: 18446744073709551615 overflows int"}],
  ["{{ printf \"%3c|%-3c|%c\" 65 66 -1 }}", "{}", "default", {"output":"  A|B  |�"}],
  ["{{ printf \"%.3d|%.0d|%+.3d|%8.3d|%-8.3d|\" 7 0 7 7 7 }}", "{}", "default", {"output":"007||+007|     007|007     |"}],
  ["{{ printf \"%#x %#o %#b %#X\" 255 8 5 255 }}", "{}", "default", {"output":"0xff 010 0b101 0XFF"}],
  ["{{ printf \"%v %s %d\" .m .m .m }}", "{\"m\":{\"x\":[1,\"a\"],\"n\":null}}", "default", {"output":"map[n:<nil> x:[1 a]] map[n:<nil> x:[%!s(float64=1) a]] map[%!d(string=n):<nil> %!d(string=x):[%!d(float64=1) %!d(string=a)]]"}],
  ["{{ printf \"%6.2v|%-6v|\" \"abc\" true }}", "{}", "default", {"output":"    ab|true  |"}],
  ["{{ printf \"%x %X %b\" 3.14159 1.0 2.0 }}", "{}", "default", {"output":"0x1.921f9f01b866ep+01 0X1P+00 4503599627370496p-51"}],
  ["{{ printf \"%[3]*.[2]*[1]f\" 12.0 2 6 }} {{ printf \"%[5]d\" 1 }} {{ printf \"%[0]d\" 1 }}", "{}", "default", {"output":" 12.00 %!d(BADINDEX) %!d(BADINDEX)"}],
  ["{{ printf \"%*d\" 1.5 3 }} {{ printf \"%.*d\" \"x\" 3 }}", "{}", "default", {"output":"%!(BADWIDTH)3 %!(BADPREC)3"}],
  ["{{ printf \"%z %!\" 1 }}", "{}", "default", {"output":"%!z(int=1) %!!(MISSING)"}],
  ["{{ print 1.0 2.5 true false nil }} {{ print \"a\" \"b\" }} {{ print 3 \"x\" }}", "{}", "default", {"output":"1 2.5 true false <nil> ab 3x"}],
  ["{{ . }}", "{\"a\":1e21,\"b\":[1.5,true,null,\"s\"],\"c\":{}}", "default", {"output":"map[a:1e+21 b:[1.5 true <nil> s] c:map[]]"}],
  ["{{ .f }} {{ .g }} {{ .h }} {{ .i }}", "{\"f\":-0.0,\"g\":123456789012,\"h\":1.7976931348623157e308,\"i\":5e-324}", "default", {"output":"-0 1.23456789012e+11 1.7976931348623157e+308 5e-324"}],
];

describe('fmt printing (expectations from Go text/template)', () => {
  it.each(ROWS)('%s', (template, json, missingKey, expected) => {
    expect(run(template, json, missingKey)).toEqual(expected);
  });
});

describe('structs (GoStruct) print as Go prints structs and pointers to structs', () => {
  const metadata = new GoStruct('chart.Metadata', new Map<string, GoValue>([['Name', 'istiod'], ['Version', '1.0']]));
  const caps = new GoStruct('*chartutil.Capabilities', new Map<string, GoValue>([['A', 'x'], ['B', 1]]));
  it('%v, %+v and %#v', () => {
    expect(sprint(metadata)).toBe('{istiod 1.0}');
    expect(sprintf('%+v', metadata)).toBe('{Name:istiod Version:1.0}');
    expect(sprint(caps)).toBe('&{x 1}');
    expect(sprintf('%+v', caps)).toBe('&{A:x B:1}');
    expect(sprintf('%#v', caps)).toBe('&chartutil.Capabilities{A:"x", B:1}');
    expect(sprintf('%T', caps)).toBe('*chartutil.Capabilities');
  });
  it('a struct with its own String() form prints that', () => {
    const version = new GoStruct('*chartutil.KubeVersion', new Map<string, GoValue>([['Major', '1']]), new Map(), () => 'v1.32.0');
    expect(sprint(version)).toBe('v1.32.0');
    expect(sprintf('%s|%q|%10v', version, version, version)).toBe('v1.32.0|"v1.32.0"|   v1.32.0');
  });
});

describe('string order', () => {
  it('is Go\'s bytewise UTF-8 order, also for characters beyond the BMP', async () => {
    const { compareStrings } = await import('../../src/gotemplate/fmt.js');
    const words = ['a', 'b', 'é', '\u{1F600}', '\uFFFD', '', 'ab', 'aé', 'a\u{1F600}', '\uE000', 'z'];
    for (const x of words) {
      for (const y of words) {
        expect(Math.sign(compareStrings(x, y)), `${x} vs ${y}`).toBe(Math.sign(Buffer.compare(Buffer.from(x), Buffer.from(y))));
      }
    }
    expect(sprint(fromJS({ '\u{1F600}': 1, '\uFFFD': 2, b: 3 }))).toBe('map[b:3 \uFFFD:2 \u{1F600}:1]');
  });
});
