// A minimal Helm-like renderer on Go's own text/template + sprig, used to check sailctl's charts
// (and differentially, sailctl's TypeScript renderer). Usage: oracle CHART_DIR VALUES_JSON NAMESPACE
// Prints every rendered template as "# Source: NAME" followed by its text. Test tooling only.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type files map[string]string

func (f files) Get(name string) string { return f[name] }

func merge(dst, src map[string]interface{}) map[string]interface{} {
	for k, v := range src {
		if sm, ok := v.(map[string]interface{}); ok {
			if dm, ok := dst[k].(map[string]interface{}); ok {
				dst[k] = merge(dm, sm)
				continue
			}
		}
		if v == nil {
			delete(dst, k)
			continue
		}
		dst[k] = v
	}
	return dst
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func main() {
	dir, valuesFile, ns := os.Args[1], os.Args[2], os.Args[3]
	var chart map[string]interface{}
	b, err := os.ReadFile(filepath.Join(dir, "Chart.yaml"))
	must(err)
	must(yaml.Unmarshal(b, &chart))
	defaults := map[string]interface{}{}
	b, err = os.ReadFile(filepath.Join(dir, "values.yaml"))
	must(err)
	must(yaml.Unmarshal(b, &defaults))
	user := map[string]interface{}{}
	b, err = os.ReadFile(valuesFile)
	must(err)
	must(json.Unmarshal(b, &user))
	values := merge(defaults, user)

	fs := files{}
	_ = filepath.Walk(filepath.Join(dir, "files"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			c, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			fs[rel] = string(c)
		}
		return nil
	})
	t := template.New("chart")
	funcs := sprig.TxtFuncMap()
	funcs["toYaml"] = func(v interface{}) string {
		o, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(o), "\n")
	}
	funcs["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := t.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil || v == "" {
			return nil, fmt.Errorf("%s", msg)
		}
		return v, nil
	}
	t.Funcs(funcs).Option("missingkey=zero")
	paths, _ := filepath.Glob(filepath.Join(dir, "templates", "*"))
	sort.Strings(paths)
	for _, p := range paths {
		c, _ := os.ReadFile(p)
		_, err := t.New(filepath.Base(p)).Parse(string(c))
		must(err)
	}
	data := map[string]interface{}{
		"Values":  values,
		"Release": map[string]interface{}{"Name": "istio", "Namespace": ns, "Service": "Helm", "IsInstall": true},
		"Chart":   map[string]interface{}{"Name": chart["name"], "Version": chart["version"], "AppVersion": chart["appVersion"]},
		"Files":   fs,
		"Capabilities": map[string]interface{}{"KubeVersion": map[string]interface{}{"Version": "v1.32.0", "Major": "1", "Minor": "32"}},
	}
	for _, p := range paths {
		name := filepath.Base(p)
		if strings.HasPrefix(name, "_") {
			continue
		}
		var buf bytes.Buffer
		must(t.ExecuteTemplate(&buf, name, data))
		fmt.Printf("---\n# Source: %s\n%s\n", name, buf.String())
	}
}
