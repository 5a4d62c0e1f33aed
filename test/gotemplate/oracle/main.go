// Command gotemplate-oracle renders template test cases with Go's own text/template, sprig and a
// re-implementation of Helm's engine functions, so that sailctl's TypeScript engine can be
// compared with the real thing byte for byte.
//
// Input (stdin): a JSON array of cases. Output (stdout): a JSON array of results in the same
// order, each {"output": "..."} or {"error": "..."} where error is Go's error string.
//
// `gotemplate-oracle --version` prints the Go runtime version (some template features depend
// on it, e.g. range over int needs Go 1.22).
//
// Built in GOPATH mode against Debian's packages (see scripts/build-oracle.sh).
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"runtime"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	yamlv3 "gopkg.in/yaml.v3"
	"sigs.k8s.io/yaml"
)

// templateFile is an extra file parsed into the same template set as the case's main template.
type templateFile struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type testCase struct {
	Name         string         `json:"name"`
	Template     string         `json:"template"`
	Data         string         `json:"data"`
	Mode         string         `json:"mode"`
	MissingKey   string         `json:"missingKey"`
	TemplateName string         `json:"templateName"`
	Templates    []templateFile `json:"templates"`
	// Files, when present, becomes .Files (Helm's engine.files) in the case's data, which must
	// then be a map.
	Files map[string]string `json:"files"`
}

type result struct {
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println(runtime.Version())
		return
	}
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "reading stdin:", err)
		os.Exit(2)
	}
	var cases []testCase
	if err := json.Unmarshal(input, &cases); err != nil {
		fmt.Fprintln(os.Stderr, "decoding cases:", err)
		os.Exit(2)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		out, err := runIsolated(c)
		if err != nil {
			msg := err.Error()
			results[i] = result{Error: &msg}
		} else {
			results[i] = result{Output: &out}
		}
	}
	enc := json.NewEncoder(os.Stdout)
	// The outputs are compared byte for byte: keep <, > and & as they are.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "encoding results:", err)
		os.Exit(2)
	}
}

// runIsolated keeps one case's panic from taking the whole batch down.
func runIsolated(c testCase) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			out = ""
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return run(c)
}

func run(c testCase) (string, error) {
	var data interface{}
	if err := yaml.Unmarshal([]byte(c.Data), &data); err != nil {
		return "", fmt.Errorf("oracle: case data: %v", err)
	}
	if c.Files != nil {
		m, ok := data.(map[string]interface{})
		if !ok {
			if data != nil {
				return "", fmt.Errorf("oracle: case data must be a map to carry files")
			}
			m = map[string]interface{}{}
		}
		fs := helmFiles{}
		for k, v := range c.Files {
			fs[k] = []byte(v)
		}
		m["Files"] = fs
		data = m
	}
	name := c.TemplateName
	if name == "" {
		name = "t"
	}
	switch c.Mode {
	case "", "text":
		return runPlain(c, name, data, nil)
	case "sprig":
		return runPlain(c, name, data, sprig.TxtFuncMap())
	case "helm":
		return runHelm(c, name, data)
	default:
		return "", fmt.Errorf("oracle: unknown mode %q", c.Mode)
	}
}

// runPlain is text/template as a Go program would use it: the main template is the root of
// the set, extra files are added with New(name).Parse.
func runPlain(c testCase, name string, data interface{}, funcs template.FuncMap) (string, error) {
	t := template.New(name)
	if funcs != nil {
		t.Funcs(funcs)
	}
	if c.MissingKey != "" {
		t.Option("missingkey=" + c.MissingKey)
	}
	if _, err := t.Parse(c.Template); err != nil {
		return "", err
	}
	for _, f := range c.Templates {
		if _, err := t.New(f.Name).Parse(f.Text); err != nil {
			return "", err
		}
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// Helm's engine (pkg/engine in Helm v4), restated: a root template named "gotpl" holding every
// file, missingkey=zero, sprig without env/expandenv plus Helm's functions, and "<no value>"
// removed from each rendered file. The error strings are Go's, before Helm reformats them for
// its command line.
const (
	helmRootName      = "gotpl"
	helmWarnStart     = "HELM_ERR_START"
	helmWarnEnd       = "HELM_ERR_END"
	helmIncludeLimit  = 1000
	helmNoValueMarker = "<no value>"
)

func runHelm(c testCase, name string, data interface{}) (string, error) {
	root := template.New(helmRootName)
	missing := c.MissingKey
	if missing == "" {
		missing = "zero"
	}
	root.Option("missingkey=" + missing)
	installHelmFuncs(root, missing)
	if _, err := root.New(name).Parse(c.Template); err != nil {
		return "", err
	}
	for _, f := range c.Templates {
		if _, err := root.New(f.Name).Parse(f.Text); err != nil {
			return "", err
		}
	}
	var buf strings.Builder
	if err := root.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return strings.ReplaceAll(buf.String(), helmNoValueMarker, ""), nil
}

func installHelmFuncs(root *template.Template, missing string) {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	for k, v := range helmDataFuncs() {
		funcs[k] = v
	}
	includeDepth := map[string]int{}
	funcs["include"] = makeInclude(root, includeDepth)
	funcs["tpl"] = makeTpl(root, includeDepth, missing)
	funcs["required"] = func(warn string, val interface{}) (interface{}, error) {
		if val == nil {
			return val, errors.New(helmWarnStart + warn + helmWarnEnd)
		}
		if s, ok := val.(string); ok && s == "" {
			return val, errors.New(helmWarnStart + warn + helmWarnEnd)
		}
		return val, nil
	}
	funcs["fail"] = func(msg string) (string, error) {
		return "", errors.New(helmWarnStart + msg + helmWarnEnd)
	}
	// Offline rendering: no cluster, no DNS.
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	funcs["getHostByName"] = func(string) string { return "" }
	root.Funcs(funcs)
}

func makeInclude(t *template.Template, depth map[string]int) func(string, interface{}) (string, error) {
	return func(name string, data interface{}) (string, error) {
		if n, ok := depth[name]; ok {
			if n > helmIncludeLimit {
				return "", fmt.Errorf("rendering template has a nested reference name: %s: %w", name, errors.New("unable to execute template"))
			}
			depth[name]++
		} else {
			depth[name] = 1
		}
		var buf strings.Builder
		err := t.ExecuteTemplate(&buf, name, data)
		depth[name]--
		return buf.String(), err
	}
}

func makeTpl(parent *template.Template, depth map[string]int, missing string) func(string, interface{}) (string, error) {
	return func(text string, vals interface{}) (string, error) {
		t, err := parent.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %w", err)
		}
		t.Option("missingkey=" + missing)
		t.Funcs(template.FuncMap{
			"include": makeInclude(t, depth),
			"tpl":     makeTpl(t, depth, missing),
		})
		t, err = t.New(parent.Name()).Parse(text)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", text, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", text, err)
		}
		return strings.ReplaceAll(buf.String(), helmNoValueMarker, ""), nil
	}
}

// helmDataFuncs are Helm's serialisation functions (pkg/engine/funcs.go), minus TOML, which
// Debian does not package.
func helmDataFuncs() template.FuncMap {
	return template.FuncMap{
		"toYaml": helmToYaml,
		"mustToYaml": func(v interface{}) string {
			out, err := yaml.Marshal(v)
			if err != nil {
				panic(err)
			}
			return strings.TrimSuffix(string(out), "\n")
		},
		"toYamlPretty": func(v interface{}) string {
			var buf bytes.Buffer
			enc := yamlv3.NewEncoder(&buf)
			enc.SetIndent(2)
			if err := enc.Encode(v); err != nil {
				return ""
			}
			return strings.TrimSuffix(buf.String(), "\n")
		},
		"fromYaml": func(s string) map[string]interface{} {
			m := map[string]interface{}{}
			if err := yaml.Unmarshal([]byte(s), &m); err != nil {
				m["Error"] = err.Error()
			}
			return m
		},
		"fromYamlArray": func(s string) []interface{} {
			a := []interface{}{}
			if err := yaml.Unmarshal([]byte(s), &a); err != nil {
				a = []interface{}{err.Error()}
			}
			return a
		},
		"toJson": func(v interface{}) string {
			out, err := json.Marshal(v)
			if err != nil {
				return ""
			}
			return string(out)
		},
		"mustToJson": func(v interface{}) string {
			out, err := json.Marshal(v)
			if err != nil {
				panic(err)
			}
			return string(out)
		},
		"fromJson": func(s string) map[string]interface{} {
			m := map[string]interface{}{}
			if err := json.Unmarshal([]byte(s), &m); err != nil {
				m["Error"] = err.Error()
			}
			return m
		},
		"fromJsonArray": func(s string) []interface{} {
			a := []interface{}{}
			if err := json.Unmarshal([]byte(s), &a); err != nil {
				a = []interface{}{err.Error()}
			}
			return a
		},
	}
}

// helmFiles is Helm's engine.files (pkg/engine/files.go): chart files by path, with the methods
// charts call on .Files. Glob in Helm uses gobwas/glob, which Debian does not package; for
// patterns made of *, ? and positive [...] classes, path.Match matches the same names (both keep * and ?
// within one path segment), so the oracle accepts only those and refuses the rest rather than
// guess.
type helmFiles map[string][]byte

func (f helmFiles) GetBytes(name string) []byte {
	if v, ok := f[name]; ok {
		return v
	}
	return []byte{}
}

func (f helmFiles) Get(name string) string {
	return string(f.GetBytes(name))
}

func (f helmFiles) Glob(pattern string) helmFiles {
	if strings.Contains(pattern, "**") || strings.ContainsAny(pattern, "{}\\") || strings.Contains(pattern, "[!") || strings.Contains(pattern, "[^") {
		panic(fmt.Sprintf("oracle: glob pattern %q needs gobwas/glob semantics the oracle does not have", pattern))
	}
	out := helmFiles{}
	if _, err := path.Match(pattern, ""); err != nil {
		// Helm falls back to "**" when the pattern does not compile: every file matches.
		for name, contents := range f {
			out[name] = contents
		}
		return out
	}
	for name, contents := range f {
		if ok, _ := path.Match(pattern, name); ok {
			out[name] = contents
		}
	}
	return out
}

func (f helmFiles) AsConfig() string {
	if f == nil {
		return ""
	}
	m := map[string]string{}
	for k, v := range f {
		m[path.Base(k)] = string(v)
	}
	return helmToYaml(m)
}

func (f helmFiles) AsSecrets() string {
	if f == nil {
		return ""
	}
	m := map[string]string{}
	for k, v := range f {
		m[path.Base(k)] = base64.StdEncoding.EncodeToString(v)
	}
	return helmToYaml(m)
}

func (f helmFiles) Lines(p string) []string {
	if f == nil || f[p] == nil {
		return []string{}
	}
	s := string(f[p])
	if s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return strings.Split(s, "\n")
}

func helmToYaml(v interface{}) string {
	out, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(out), "\n")
}
