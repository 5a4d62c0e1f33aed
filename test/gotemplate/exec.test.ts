// Expected results were produced by Go's own text/template (Go 1.19, the Debian oracle) and
// pinned here; each row is [template, JSON data, missingkey, expected output or error].
import { describe, expect, it } from 'vitest';
import { GoInt, TemplateSet, bytesOf, fromJS, namedMap, namedSlice, withSignature, type FuncMap, type GoValue } from '../../src/gotemplate/index.js';
import { funcs, run, type Expected, type MissingKey } from './support/pinned.js';

const ROWS: [string, string, MissingKey, Expected][] = [
  // Go reports a parse error at the line of the newest token its lexer produced
  ["{{ range $de\nfinei, $v := .l }}{{ end }}", "{}", "default", {"error":"template: t:2: undefined variable \"$de\""}],
  // a '.' at the very end of the input is a number token in Go's lexer
  ["{{ (.m).", "{}", "default", {"error":"template: t:1: unexpected \".\" in operand"}],
  ["{{ .", "{}", "default", {"error":"template: t:1: illegal number syntax: \".\""}],
  // a block's body is a template of its own: no enclosing range or variables
  ["{{ range . }}{{ block \"b\" . }}{{ break }}{{ end }}{{ end }}", "[1]", "default", {"error":"template: t:1: {{break}} outside {{range}}"}],
  ["{{ range . }}{{ block \"b\" . }}{{ $x := 1 }}{{ end }}{{ $x }}{{ end }}", "[1]", "default", {"error":"template: t:1: undefined variable \"$x\""}],
  ["{{ $y := 2 }}{{ block \"b\" . }}{{ $y }}{{ end }}", "[1]", "default", {"error":"template: t:1: undefined variable \"$y\""}],
  ["{{ range . }}{{ block \"b\" . }}B{{ . }}{{ end }}{{ continue }}{{ end }}", "[1,2]", "default", {"output":"B1B2"}],
  ["{{eq .missing \"x\"}} {{.a.b}}", "{\"a\":null}", "default", {"error":"template: t:1:24: executing \"t\" at <.a.b>: nil pointer evaluating interface {}.b"}],
  ["{{ len .missing }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <len .missing>: error calling len: reflect: call of reflect.Value.Type on zero Value"}],
  ["{{ len nil }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value"}],
  ["{{ index .missing 1 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <index .missing 1>: error calling index: index of untyped nil"}],
  ["{{ index .l 3 }}", "{\"l\":[1,2,3]}", "default", {"error":"template: t:1:3: executing \"t\" at <index .l 3>: error calling index: reflect: slice index out of range"}],
  ["{{ index .l 5 }}", "{\"l\":[1,2,3]}", "default", {"error":"template: t:1:3: executing \"t\" at <index .l 5>: error calling index: index out of range: 5"}],
  ["{{ index .l -1 }}", "{\"l\":[1,2,3]}", "default", {"error":"template: t:1:3: executing \"t\" at <index .l -1>: error calling index: index out of range: -1"}],
  ["{{ index \"abc\" 1 }}", "{}", "default", {"output":"98"}],
  ["{{ index .m \"a\" \"b\" }}", "{\"m\":{\"a\":null}}", "default", {"error":"template: t:1:3: executing \"t\" at <index .m \"a\" \"b\">: error calling index: index of nil pointer"}],
  ["{{ index .m 1 }}", "{\"m\":{\"a\":null}}", "default", {"error":"template: t:1:3: executing \"t\" at <index .m 1>: error calling index: value has type int; should be string"}],
  ["{{ index .m \"zz\" }}", "{\"m\":{\"a\":null}}", "default", {"output":"<no value>"}],
  ["{{ slice \"hello\" 1 3 }} {{ slice .l 1 }} {{ slice .l 2 1 }}", "{\"l\":[1,2,3]}", "default", {"error":"template: t:1:44: executing \"t\" at <slice .l 2 1>: error calling slice: invalid slice index: 2 > 1"}],
  ["{{ .x.y }}", "{}", "zero", {"error":"template: t:1:5: executing \"t\" at <.x.y>: nil pointer evaluating interface {}.y"}],
  ["{{ .x.y }}", "{}", "error", {"error":"template: t:1:5: executing \"t\" at <.x.y>: map has no entry for key \"x\""}],
  ["{{ .x }}", "{}", "error", {"error":"template: t:1:3: executing \"t\" at <.x>: map has no entry for key \"x\""}],
  ["{{ .x }}", "{}", "zero", {"output":"<no value>"}],
  ["{{ .x.y }}", "{\"x\":\"s\"}", "default", {"error":"template: t:1:5: executing \"t\" at <.x.y>: can't evaluate field y in type interface {}"}],
  ["{{ range . }}{{ .y }}{{ end }}", "[\"s\"]", "default", {"error":"template: t:1:16: executing \"t\" at <.y>: can't evaluate field y in type interface {}"}],
  ["{{ range . }}{{ .y }}{{ end }}", "[null]", "default", {"error":"template: t:1:16: executing \"t\" at <.y>: nil pointer evaluating interface {}.y"}],
  ["{{ range .x }}{{.}}{{end}}", "{\"x\":5}", "default", {"error":"template: t:1:9: executing \"t\" at <.x>: range can't iterate over 5"}],
  ["{{ range .x }}{{.}}{{else}}E{{end}}", "{\"x\":[]}", "default", {"output":"E"}],
  ["{{ eq 1 1.0 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <eq 1 1.0>: error calling eq: incompatible types for comparison"}],
  ["{{ eq .a 1 }}", "{\"a\":1}", "default", {"error":"template: t:1:3: executing \"t\" at <eq .a 1>: error calling eq: incompatible types for comparison"}],
  ["{{ eq .a 1.0 }}", "{\"a\":1}", "default", {"output":"true"}],
  ["{{ lt .a 2.5 }} {{ lt \"a\" \"b\" }} {{ gt 3 2 }} {{ ge 2 2 }} {{ le 3 2 }} {{ ne 1 2 }}", "{\"a\":1}", "default", {"output":"true true true true false true"}],
  ["{{ lt .a \"x\" }}", "{\"a\":1}", "default", {"error":"template: t:1:3: executing \"t\" at <lt .a \"x\">: error calling lt: incompatible types for comparison"}],
  ["{{ lt .m 1 }}", "{\"m\":{}}", "default", {"error":"template: t:1:3: executing \"t\" at <lt .m 1>: error calling lt: invalid type for comparison"}],
  ["{{ eq .m .m }}", "{\"m\":{}}", "default", {"error":"template: t:1:3: executing \"t\" at <eq .m .m>: error calling eq: non-comparable type map[]: map[string]interface {}"}],
  ["{{ eq .l 1 }}", "{\"l\":[]}", "default", {"error":"template: t:1:3: executing \"t\" at <eq .l 1>: error calling eq: incompatible types for comparison"}],
  ["{{ eq true true }} {{ eq nil nil }}", "{}", "default", {"output":"true true"}],
  ["{{ eq 1 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <eq 1>: error calling eq: missing argument for comparison"}],
  ["{{ eq 1 2 3 1 }}", "{}", "default", {"output":"true"}],
  ["{{ html \"<a href='x'>&\\\"\" }} {{ js \"<a='x'>&\\\"\\\\\\n\" }} {{ urlquery \"a b&c=d/é\" }}", "{}", "default", {"output":"&lt;a href=&#39;x&#39;&gt;&amp;&#34; \\u003Ca\\u003D\\'x\\'\\u003E\\u0026\\\"\\\\\\u000A a+b%26c%3Dd%2F%C3%A9"}],
  ["{{ 'a' }} {{ 0x1F }} {{ 1_000 }} {{ 0o17 }} {{ 0b101 }} {{ 1e3 }} {{ -5 }} {{ .5 }} {{ 017 }}", "{}", "default", {"output":"97 31 1000 15 5 1000 -5 0.5 15"}],
  ["{{ 99999999999999999999 }}", "{}", "default", {"error":"template: t:1: integer overflow: \"99999999999999999999\""}],
  ["{{ 1.5.x }}", "{}", "default", {"error":"template: t:1: unexpected . after term \"1.5\""}],
  ["{{ \"a\" \"b\" }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <\"a\">: can't give argument to non-function \"a\""}],
  ["{{ .a 1 }}", "{\"a\":\"y\"}", "default", {"error":"template: t:1:3: executing \"t\" at <.a>: a is not a method but has arguments"}],
  ["{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}", "{}", "default", {"output":"2"}],
  ["{{ $y }}", "{}", "default", {"error":"template: t:1: undefined variable \"$y\""}],
  ["{{ with .a }}{{ . }}{{ else }}none{{ end }}{{ with .b }}{{ . }}{{ else }}none{{ end }}", "{\"a\":\"A\"}", "default", {"output":"Anone"}],
  ["{{ template \"nope\" }}", "{}", "default", {"error":"template: t:1:12: executing \"t\" at <{{template \"nope\"}}>: template \"nope\" not defined"}],
  ["{{ nofunc 1 }}", "{}", "default", {"error":"template: t:1: function \"nofunc\" not defined"}],
  ["{{ if }}", "{}", "default", {"error":"template: t:1: missing value for if"}],
  ["{{ end }}", "{}", "default", {"error":"template: t:1: unexpected {{end}}"}],
  ["{{ range $a, $b, $c := . }}{{ end }}", "{}", "default", {"error":"template: t:1: too many declarations in range"}],
  ["{{ .x", "{}", "default", {"error":"template: t:1: unclosed action"}],
  ["{{ .x }", "{}", "default", {"error":"template: t:1: unexpected \"}\" in operand"}],
  ["{{ \"abc }}", "{}", "default", {"error":"template: t:1: unterminated quoted string"}],
  ["{{/* c */}}a {{- /* c2 */ -}} b", "{}", "default", {"output":"ab"}],
  ["{{/* c ", "{}", "default", {"error":"template: t:1: unclosed comment"}],
  ["{{ ( .x }}", "{}", "default", {"error":"template: t:1: unclosed left paren"}],
  ["{{ .x ) }}", "{}", "default", {"error":"template: t:1: unexpected \")\" in command"}],
  ["{{ break }}", "{}", "default", {"error":"template: t:1: {{break}} outside {{range}}"}],
  ["{{ define \"a\" }}x{{ end }}{{ define \"a\" }}y{{ end }}", "{}", "default", {"error":"template: t:1: template: multiple definition of template \"a\""}],
  ["a\n{{ .x.y }}", "{\"x\":1}", "default", {"error":"template: t:2:5: executing \"t\" at <.x.y>: can't evaluate field y in type interface {}"}],
  ["{{ fail \"boom\" }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <fail \"boom\">: error calling fail: boom"}],
  ["{{ fail 1 }}", "{}", "default", {"error":"template: t:1:8: executing \"t\" at <1>: expected string; found 1"}],
  ["{{ fail .x }}", "{\"x\":1}", "default", {"error":"template: t:1:8: executing \"t\" at <.x>: wrong type for value; expected string; got float64"}],
  ["{{ fail .y }}", "{\"x\":1}", "default", {"error":"template: t:1:8: executing \"t\" at <.y>: invalid value; expected string"}],
  ["{{ fail .y }}", "{\"y\":null}", "default", {"error":"template: t:1:8: executing \"t\" at <.y>: wrong type for value; expected string; got interface {}"}],
  ["{{ fail }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <fail>: wrong number of args for fail: want 1 got 0"}],
  ["{{ i64 \"x\" }}", "{}", "default", {"error":"template: t:1:7: executing \"t\" at <\"x\">: expected integer; found \"x\""}],
  ["{{ nil }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <nil>: nil is not a command"}],
  ["{{ . }}", "", "default", {"output":"<no value>"}],
  ["{{ .x }}", "", "default", {"output":"<no value>"}],
  ["{{ and }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <and>: wrong number of args for and: want at least 1 got 0"}],
  ["{{ not 1 2 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <not>: wrong number of args for not: want 1 got 2"}],
  ["{{ call .x }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <call .x>: error calling call: call of nil"}],
  ["a {{- .x -}} b", "{\"x\":1}", "default", {"output":"a1b"}],
  ["a {{-.x}} b", "{\"x\":1}", "default", {"error":"template: t:1: bad number syntax: \"-.x\""}],
  ["a\n\t {{- /* c */ -}} \n\tb", "{}", "default", {"output":"ab"}],
  ["{{- 3 -}}", "{}", "default", {"output":"3"}],
  ["{{-3}}", "{}", "default", {"output":"-3"}],
  ["x{{ `raw\\n` }}{{ \"esc\\t\\u00e9\\x41\\101\" }}", "{}", "default", {"output":"xraw\\nesc\téAA"}],
  ["{{ 'a' }}{{ '\\n' }}{{ '\\u00e9' }}{{ 'ab' }}", "{}", "default", {"error":"template: t:1: malformed character constant: 'ab'"}],
  ["{{ $x := 1 }}{{ $x }}{{ $ }}", "{\"a\":1}", "default", {"output":"1map[a:1]"}],
  ["{{ .a.b.c }}{{ $.a.b }}", "{\"a\":{\"b\":{\"c\":\"C\"}}}", "default", {"output":"Cmap[c:C]"}],
  ["{{ (.a).b }}{{ (print \"x\") }}", "{\"a\":{\"b\":\"B\"}}", "default", {"output":"Bx"}],
  ["{{ .a | print | print }}", "{\"a\":1}", "default", {"output":"1"}],
  ["{{ 1 | 2 }}", "{}", "default", {"error":"template: t:1: non executable command in pipeline stage 2"}],
  ["{{ | }}", "{}", "default", {"error":"template: t:1: unexpected \"|\" in command"}],
  ["{{ .x.y.z | }}", "{}", "default", {"output":"<no value>"}],
  ["{{ 3x }}", "{}", "default", {"error":"template: t:1: bad number syntax: \"3x\""}],
  ["{{ 0x }}", "{}", "default", {"error":"template: t:1: illegal number syntax: \"0x\""}],
  ["{{ 1e }}", "{}", "default", {"error":"template: t:1: illegal number syntax: \"1e\""}],
  ["{{ .a! }}", "{}", "default", {"error":"template: t:1: bad character U+0021 '!'"}],
  ["{{ # }}", "{}", "default", {"error":"template: t:1: unexpected \"#\" in command"}],
  ["{{ été }}", "{}", "default", {"error":"template: t:1: function \"été\" not defined"}],
  ["{{ a: }}", "{}", "default", {"error":"template: t:1: function \"a\" not defined"}],
  ["{{ $x = 1 }}", "{}", "default", {"error":"template: t:1:8: executing \"t\" at <1>: undefined variable: $x"}],
  ["{{ $x := }}", "{}", "default", {"error":"template: t:1: missing value for command"}],
  ["{{ if .a }}x{{ else }}y{{ else }}z{{ end }}", "{}", "default", {"error":"template: t:1: expected end; found {{else}}"}],
  ["{{ if .a }}x", "{}", "default", {"error":"template: t:1: unexpected EOF"}],
  ["{{ range .a }}{{ else if .b }}{{ end }}", "{}", "default", {"error":"template: t:1: unexpected <if> in input"}],
  ["{{ define \"x\" }}{{ define \"y\" }}{{ end }}{{ end }}", "{}", "default", {"error":"template: t:1: unexpected <define> in command"}],
  ["{{ define x }}{{ end }}", "{}", "default", {"error":"template: t:1: unexpected \"x\" in define clause"}],
  ["{{ template .x }}", "{}", "default", {"error":"template: t:1: unexpected \".x\" in template clause"}],
  ["{{ continue }}", "{}", "default", {"error":"template: t:1: {{continue}} outside {{range}}"}],
  ["{{ range . }}{{ break 1 }}{{ end }}", "{}", "default", {"error":"template: t:1: unexpected \"1\" in {{break}}"}],
  ["{{ .x\n.y }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <.x>: x is not a method but has arguments"}],
  ["line1\nline2 {{ .x\n\n", "{}", "default", {"error":"template: t:4: unclosed action started at t:2"}],
  ["{{ \"a\nb\" }}", "{}", "default", {"error":"template: t:1: unterminated quoted string"}],
  ["{{ 'a }}", "{}", "default", {"error":"template: t:1: unterminated character constant"}],
  ["{{ `abc }}", "{}", "default", {"error":"template: t:1: unterminated raw quoted string"}],
  ["{{ ( }}", "{}", "default", {"error":"template: t:1: unclosed left paren"}],
  ["{{ () }}", "{}", "default", {"error":"template: t:1: missing value for parenthesized pipeline"}],
  ["{{ nil.x }}", "{}", "default", {"error":"template: t:1: unexpected . after term \"nil\""}],
  ["{{ \"s\".x }}", "{}", "default", {"error":"template: t:1: unexpected . after term \"\\\"s\\\"\""}],
  ["{{ true.x }}", "{}", "default", {"error":"template: t:1: unexpected . after term \"true\""}],
  ["{{ .x .y }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <.x>: x is not a method but has arguments"}],
  ["{{ $x, $y := 1 }}", "{}", "default", {"error":"template: t:1: too many declarations in command"}],
  ["{{ range $x, $y := . }}{{ $x }}{{ $y }}{{ end }}", "[\"a\",\"b\"]", "default", {"output":"0a1b"}],
  ["{{ range $x = . }}{{ end }}", "[]", "default", {"error":"template: t:1:14: executing \"t\" at <.>: undefined variable: $x"}],
  ["{{ with $x := .a }}{{ $x }}{{ end }}{{ $x }}", "{\"a\":1}", "default", {"error":"template: t:1: undefined variable \"$x\""}],
  ["{{ define \"a\" }}A{{ end }}{{ define \"b\" }}{{ template \"a\" }}B{{ end }}{{ template \"b\" }}", "{}", "default", {"output":"AB"}],
  ["{{ block \"b\" . }}default {{ .x }}{{ end }}", "{\"x\":1}", "default", {"output":"default 1"}],
  ["{{ template \"x\" 1 2 }}", "{}", "default", {"error":"template: t:1:12: executing \"t\" at <{{template \"x\" 1 2}}>: template \"x\" not defined"}],
  ["{{ range .l }}{{ . }}{{ else }}empty{{ end }}", "{\"l\":{}}", "default", {"output":"empty"}],
  ["{{ range $k, $v := .m }}{{ $k }}:{{ $v }},{{ end }}", "{\"m\":{\"b\":2,\"a\":1,\"B\":3,\"é\":4,\"z\":5}}", "default", {"output":"B:3,a:1,b:2,z:5,é:4,"}],
  ["{{ range .l }}{{ range . }}{{ . }}{{ break }}{{ end }};{{ end }}", "{\"l\":[[1,2],[3,4]]}", "default", {"output":"1;3;"}],
  // {{else with}} is Go 1.23+ (the 1.19 oracle rejects it); expectation from the Go 1.23 semantics.
  ["{{ with .a }}A{{ else with .b }}B{{ else }}C{{ end }}", "{\"b\":1}", "default", {"output":"B"}],
  ["{{ if .a }}{{ else if .b }}{{ else if .c }}C{{ end }}", "{\"c\":1}", "default", {"output":"C"}],
  ["{{ and .a (fail \"not evaluated\") }}{{ or 1 (fail \"x\") }}", "{\"a\":0}", "default", {"output":"01"}],
  ["{{ and 1 \"\" }}|{{ or 0 nil }}|{{ and (strs) 1 }}", "{}", "default", {"output":"|<no value>|[]"}],
  ["{{ call .f }}", "{\"f\":1}", "default", {"error":"template: t:1:3: executing \"t\" at <call .f>: error calling call: non-function of type float64"}],
  ["{{ eq .a.b 1 }}", "{\"a\":null}", "default", {"error":"template: t:1:8: executing \"t\" at <.a.b>: nil pointer evaluating interface {}.b"}],
  ["{{ .a.b }}", "{\"a\":[1]}", "default", {"error":"template: t:1:5: executing \"t\" at <.a.b>: can't evaluate field b in type interface {}"}],
  ["{{ $.x.y }}", "{\"x\":null}", "default", {"error":"template: t:1:4: executing \"t\" at <$.x.y>: nil pointer evaluating interface {}.y"}],
  ["{{ $v := .x }}{{ $v.y }}", "{\"x\":5}", "default", {"error":"template: t:1:19: executing \"t\" at <$v.y>: can't evaluate field y in type float64"}],
  ["{{ range .l }}{{ .a }}{{ end }}", "{\"l\":[{\"a\":1},5]}", "default", {"error":"template: t:1:17: executing \"t\" at <.a>: can't evaluate field a in type interface {}"}],
  ["{{ .x.y }}", "{}", "invalid", {"output":"<no value>"}],
  ["{{ .x.y.z }}", "{\"x\":{}}", "zero", {"error":"template: t:1:5: executing \"t\" at <.x.y.z>: nil pointer evaluating interface {}.z"}],
  ["{{ index . \"a\" }}{{ .a }}", "{}", "zero", {"output":"<no value><no value>"}],
  ["{{ printf \"%v\" .a }}", "{}", "error", {"error":"template: t:1:15: executing \"t\" at <.a>: map has no entry for key \"a\""}],
  ["{{ .a.b }}", "{\"a\":{}}", "error", {"error":"template: t:1:5: executing \"t\" at <.a.b>: map has no entry for key \"b\""}],
  ["{{ nilv }}|{{ nilv | print }}|{{ print nilv }}|{{ if nilv }}t{{ else }}f{{ end }}", "{}", "default", {"output":"<no value>|<nil>|<nil>|f"}],
  ["{{ i64 .x }}", "{\"x\":1}", "default", {"error":"template: t:1:7: executing \"t\" at <.x>: wrong type for value; expected int; got float64"}],
  ["{{ i64 nil }}", "{}", "default", {"error":"template: t:1:7: executing \"t\" at <nil>: cannot assign nil to int"}],
  ["{{ i64 1.5 }}", "{}", "default", {"error":"template: t:1:7: executing \"t\" at <1.5>: expected integer; found 1.5"}],
  ["{{ f32 1 }} {{ f32 \"x\" }}", "{}", "default", {"error":"template: t:1:19: executing \"t\" at <\"x\">: expected float; found \"x\""}],
  ["{{ f32 0.1 | printf \"%v %T\" }}", "{}", "default", {"output":"0.1 %!T(MISSING)"}],
  ["{{ strs 1 }}", "{}", "default", {"error":"template: t:1:8: executing \"t\" at <1>: expected string; found 1"}],
  ["{{ fail .missing }}", "{}", "default", {"error":"template: t:1:8: executing \"t\" at <.missing>: invalid value; expected string"}],
  ["{{ fail (nilv) }}", "{}", "default", {"error":"template: t:1:9: executing \"t\" at <nilv>: invalid value; expected string"}],
  ["{{ u8 1 | eq 1 }} {{ lt (u8 2) 3 }} {{ lt -1 (u8 2) }} {{ lt 1.5 2 }}", "{}", "default", {"error":"template: t:1:58: executing \"t\" at <lt 1.5 2>: error calling lt: incompatible types for comparison"}],
  ["{{ lt true false }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <lt true false>: error calling lt: invalid type for comparison"}],
  ["{{ lt nil 1 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <lt nil 1>: error calling lt: invalid type for comparison"}],
  ["{{ eq \"a\" 1 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <eq \"a\" 1>: error calling eq: incompatible types for comparison"}],
  ["{{ eq .m .l }}", "{\"m\":{},\"l\":[]}", "default", {"error":"template: t:1:3: executing \"t\" at <eq .m .l>: error calling eq: non-comparable types map[]: map[string]interface {}, []interface {}: []"}],
  ["{{ eq nil .m }}", "{\"m\":{}}", "default", {"output":"false"}],
  ["{{ index .m \"a\" 0 \"b\" }}", "{\"m\":{\"a\":[{\"b\":\"deep\"}]}}", "default", {"output":"deep"}],
  ["{{ index . }}", "{\"a\":1}", "default", {"output":"map[a:1]"}],
  ["{{ index 1 1 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <index 1 1>: error calling index: can't index item of type int"}],
  ["{{ index .l \"x\" }}", "{\"l\":[1]}", "default", {"error":"template: t:1:3: executing \"t\" at <index .l \"x\">: error calling index: cannot index slice/array with type string"}],
  ["{{ index .l nil }}", "{\"l\":[1]}", "default", {"error":"template: t:1:3: executing \"t\" at <index .l nil>: error calling index: cannot index slice/array with nil"}],
  ["{{ slice .l 1 2 3 4 }}", "{\"l\":[1,2,3]}", "default", {"error":"template: t:1:3: executing \"t\" at <slice .l 1 2 3 4>: error calling slice: too many slice indexes: 4"}],
  ["{{ slice \"abc\" 1 2 3 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <slice \"abc\" 1 2 3>: error calling slice: cannot 3-index slice a string"}],
  ["{{ slice 5 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <slice 5>: error calling slice: can't slice item of type int"}],
  ["{{ slice .l 0 5 }}", "{\"l\":[1]}", "default", {"error":"template: t:1:3: executing \"t\" at <slice .l 0 5>: error calling slice: index out of range: 5"}],
  ["{{ slice \"héllo\" 1 3 }} {{ len \"hé\" }} {{ index \"é\" 0 }}", "{}", "default", {"output":"é 3 195"}],
  ["{{ len 3 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <len 3>: error calling len: len of type int"}],
  ["{{ len .m }} {{ len .l }} {{ len .s }}", "{\"m\":{\"a\":1},\"l\":[1,2],\"s\":\"abc\"}", "default", {"output":"1 2 3"}],
  ["{{ not }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <not>: wrong number of args for not: want 1 got 0"}],
  ["{{ html 1 \"<\" nil }} {{ js \" x\" }} {{ urlquery \"~a-b_c.d\" 1 }}", "{}", "default", {"output":"1&lt;&lt;no value&gt; \\u2028x ~a-b_c.d1"}],
  ["{{ .x | not }}", "{\"x\":\"\"}", "default", {"output":"true"}],
  ["{{ .m.a | len }}", "{\"m\":{\"a\":\"xyz\"}}", "default", {"output":"3"}],
  ["{{ . 1 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <.>: can't give argument to non-function ."}],
  ["{{ $ 1 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <$>: can't give argument to non-function $"}],
  ["{{ (1) 2 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <(1) 2>: can't give argument to non-function 1"}],
  ["{{ .f }}", "{}", "default", {"output":"<no value>"}],
  ["{{ 18446744073709551615 }}", "{}", "default", {"error":"template: t:1:3: executing \"t\" at <18446744073709551615>: 18446744073709551615 overflows int"}],
  ["{{ print 18446744073709551615 }}", "{}", "default", {"error":"template: t:1:9: executing \"t\" at <18446744073709551615>: 18446744073709551615 overflows int"}],
  ["{{ 0x1p4 }} {{ 1_0.5 }} {{ 0x_1F }}", "{}", "default", {"output":"16 10.5 31"}],
  ["{{ 1__0 }}", "{}", "default", {"error":"template: t:1: illegal number syntax: \"1__0\""}],
  ["{{ -0 }} {{ +5 }} {{ -0x10 }} {{ 1E2 }}", "{}", "default", {"output":"0 5 -16 100"}],
];

describe('Go 1.22+ range over an integer', () => {
  it('iterates 0..n-1, runs else for n <= 0, and rejects two variables', () => {
    expect(run('{{ range 5 }}{{ . }}{{ end }}', '{}', 'default')).toEqual({ output: '01234' });
    expect(run('{{ range $i := 3 }}{{ $i }}{{ end }}', '{}', 'default')).toEqual({ output: '012' });
    expect(run('{{ range 0 }}x{{ else }}none{{ end }}', '{}', 'default')).toEqual({ output: 'none' });
    expect(run('{{ range $i, $v := 3 }}{{ end }}', '{}', 'default')).toEqual({
      error: 'template: t:1:19: executing "t" at <3>: can\'t use 3 to iterate over more than one variable',
    });
  });
});

describe('executor, parser and builtins (expectations from Go text/template)', () => {
  it.each(ROWS)('%s', (template, json, missingKey, expected) => {
    expect(run(template, json, missingKey)).toEqual(expected);
  });
});

describe('named map and slice types with methods, and []byte (expectations from Go)', () => {
  // Like Helm's engine.files (map[string][]byte with Get/GetBytes) and chartutil.VersionSet ([]string with Has).
  const files = (): GoValue => {
    const m = new Map<string, GoValue>([
      ['a.txt', bytesOf(Buffer.from('x'))],
      ['b.txt', bytesOf(Buffer.from('hi'))],
    ]);
    const text = (b: GoValue) => Buffer.from((b as GoInt[]).map((x) => Number(x.value))).toString();
    return namedMap(
      m,
      'main.files',
      new Map([
        ['Get', withSignature((a: GoValue[]) => (m.has(a[0] as string) ? text(m.get(a[0] as string)!) : ''), { params: ['string'] })],
        ['GetBytes', withSignature((a: GoValue[]) => m.get(a[0] as string) ?? null, { params: ['string'] })],
      ]),
      '[]uint8',
    );
  };
  const versions = (): GoValue => {
    const items = ['v1', 'apps/v1'];
    return namedSlice(items, 'main.versionSet', new Map([['Has', withSignature((a: GoValue[]) => items.includes(a[0] as string), { params: ['string'] })]]), 'string');
  };
  const more: FuncMap = {
    ...funcs,
    bs: withSignature((a: GoValue[]) => bytesOf(Buffer.from(a[0] as string)), { params: ['string'] }),
    files: withSignature(files, { params: [] }),
    vs: withSignature(versions, { params: [] }),
  };
  const render = (t: string, missingKey: MissingKey = 'default') => {
    const set = new TemplateSet({ funcs: more, missingKey });
    try {
      set.parse('t', t);
      return { output: set.execute('t', fromJS({})) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  it.each([
    [
      '{{ bs "hi" }}|{{ printf "%s|%q|%x|% X|%v|%d|%T|%#v|%o|%c" (bs "hi") (bs "hi") (bs "hi") (bs "hi") (bs "hi") (bs "hi") (bs "hi") (bs "hi") (bs "hi") (bs "hi") }}',
      'default',
      { output: '[104 105]|hi|"hi"|6869|68 69|[104 105]|[104 105]|[]uint8|[]byte{0x68, 0x69}|[150 151]|[h i]' },
    ],
    [
      '{{ files }}|{{ printf "%T" files }}|{{ len files }}|{{ (files).Get "b.txt" }}|{{ range $k, $v := files }}{{ $k }}={{ $v }};{{ end }}|{{ index files "a.txt" }}|{{ (files).GetBytes "b.txt" | printf "%s" }}',
      'default',
      { output: 'map[a.txt:[120] b.txt:[104 105]]|main.files|2|hi|a.txt=[120];b.txt=[104 105];|[120]|hi' },
    ],
    ['{{ (files).nope }}', 'default', { output: '<no value>' }],
    ['{{ (files).Get }}', 'default', { error: 'template: t:1:4: executing "t" at <files>: wrong number of args for Get: want 1 got 0' }],
    [
      '{{ vs }}|{{ (vs).Has "v1" }}|{{ (vs).Has "x" }}|{{ len vs }}|{{ range vs }}{{ . }},{{ end }}|{{ printf "%T %v %q" vs vs vs }}',
      'default',
      { output: '[v1 apps/v1]|true|false|2|v1,apps/v1,|main.versionSet [v1 apps/v1] ["v1" "apps/v1"]' },
    ],
    ['{{ (vs).nope }}', 'default', { error: 'template: t:1:4: executing "t" at <vs>: can\'t evaluate field nope in type main.versionSet' }],
    ['{{ $f := files }}{{ $f.Get "a.txt" }}{{ $f.zz }}', 'zero', { output: 'x[]' }],
    ['{{ with files }}{{ .Get "a.txt" }}{{ .GetBytes "a.txt" }}{{ end }}', 'default', { output: 'x[120]' }],
  ] as [string, MissingKey, Expected][])('%s', (t, mk, expected) => {
    expect(render(t, mk)).toEqual(expected);
  });
});
