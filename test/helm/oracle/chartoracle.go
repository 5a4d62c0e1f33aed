// Differential oracle for sailctl's chart renderer: executes a chart's templates with Go's
// text/template, sprig and Helm-style objects and functions, so each rendered file can be
// compared byte for byte. Input (one JSON object on stdin): the charts (root first, each with
// its parent), their Chart.yaml metadata, files and templates, the coalesced root values, and
// the order in which to parse and render. Output: {"files": {name: text}} or {"err": message}.
package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path"
	"strings"
	"text/template"

	sprig "github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type chartIn struct {
	Name      string            `json:"name"`
	FullPath  string            `json:"fullPath"`
	Parent    int               `json:"parent"`
	Metadata  map[string]interface{} `json:"metadata"`
	Files     map[string]string `json:"files"`
	Templates map[string]string `json:"templates"`
}

type input struct {
	Charts      []chartIn              `json:"charts"`
	Values      map[string]interface{} `json:"values"`
	Order       []string               `json:"order"`
	Release     map[string]interface{} `json:"release"`
	KubeVersion string                 `json:"kubeVersion"`
	Major       string                 `json:"major"`
	Minor       string                 `json:"minor"`
	APIVersions []string               `json:"apiVersions"`
}

type chartMeta struct {
	Name, Home, Version, Description, Icon, APIVersion, Condition, Tags, AppVersion, KubeVersion, Type string
	Sources, Keywords                                                                                  []string
	Deprecated                                                                                          bool
	Annotations                                                                                         map[string]string
	IsRoot                                                                                              bool
}

type files map[string][]byte

func (f files) Get(name string) string { return string(f[name]) }

// Glob uses path.Match, which agrees with Helm's gobwas/glob for patterns without ** or {}.
func (f files) Glob(pattern string) files {
	nf := files{}
	for k, v := range f {
		if ok, _ := path.Match(pattern, k); ok {
			nf[k] = v
		}
	}
	return nf
}
func (f files) Lines(p string) []string {
	if f == nil || f[p] == nil {
		return []string{}
	}
	s := string(f[p])
	if s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	return strings.Split(s, "\n")
}
func (f files) AsConfig() string {
	if len(f) == 0 {
		return ""
	}
	m := map[string]string{}
	for k, v := range f {
		m[path.Base(k)] = string(v)
	}
	return toYAML(m)
}
func (f files) AsSecrets() string {
	if len(f) == 0 {
		return ""
	}
	m := map[string]string{}
	for k, v := range f {
		m[path.Base(k)] = base64.StdEncoding.EncodeToString(v)
	}
	return toYAML(m)
}

type kubeVersion struct{ Version, Major, Minor string }

func (k kubeVersion) String() string     { return k.Version }
func (k kubeVersion) GitVersion() string { return k.Version }

type versionSet []string

func (v versionSet) Has(apiVersion string) bool {
	for _, x := range v {
		if x == apiVersion {
			return true
		}
	}
	return false
}

type capabilities struct {
	APIVersions versionSet
	KubeVersion kubeVersion
}

func toYAML(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

func str(v interface{}) string {
	s, _ := v.(string)
	return s
}

func strs(v interface{}) []string {
	l, _ := v.([]interface{})
	out := []string{}
	for _, x := range l {
		out = append(out, str(x))
	}
	return out
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	t := template.New("gotpl")
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	f["toYaml"] = toYAML
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["fromYamlArray"] = func(s string) []interface{} {
		a := []interface{}{}
		if err := yaml.Unmarshal([]byte(s), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
	f["toJson"] = func(v interface{}) string { b, _ := json.Marshal(v); return string(b) }
	f["fromJson"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["include"] = func(name string, data interface{}) (string, error) {
		var b strings.Builder
		err := t.ExecuteTemplate(&b, name, data)
		return b.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		c, err := t.Clone()
		if err != nil {
			return "", err
		}
		c, err = c.New(t.Name()).Parse(text)
		if err != nil {
			return "", err
		}
		var b strings.Builder
		if err := c.Execute(&b, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(b.String(), "<no value>", ""), nil
	}
	f["required"] = func(warn string, val interface{}) (interface{}, error) {
		if val == nil {
			return val, errors.New(warn)
		} else if s, ok := val.(string); ok && s == "" {
			return val, errors.New(warn)
		}
		return val, nil
	}
	f["lookup"] = func(string, string, string, string) (map[string]interface{}, error) { return map[string]interface{}{}, nil }
	t.Funcs(f).Option("missingkey=zero")

	caps := &capabilities{APIVersions: in.APIVersions, KubeVersion: kubeVersion{in.KubeVersion, in.Major, in.Minor}}
	tops := make([]map[string]interface{}, len(in.Charts))
	owner := map[string]int{}
	for i, c := range in.Charts {
		ann := map[string]string{}
		if a, ok := c.Metadata["annotations"].(map[string]interface{}); ok {
			for k, v := range a {
				ann[k] = str(v)
			}
		}
		md := c.Metadata
		meta := chartMeta{Name: c.Name, Home: str(md["home"]), Version: str(md["version"]), Description: str(md["description"]), Icon: str(md["icon"]),
			APIVersion: str(md["apiVersion"]), Condition: str(md["condition"]), Tags: str(md["tags"]), AppVersion: str(md["appVersion"]), KubeVersion: str(md["kubeVersion"]),
			Type: str(md["type"]), Sources: strs(md["sources"]), Keywords: strs(md["keywords"]), Annotations: ann, IsRoot: i == 0}
		fs := files{}
		for k, v := range c.Files {
			fs[k] = []byte(v)
		}
		var vals map[string]interface{}
		if i == 0 {
			vals = in.Values
		} else if pv, ok := tops[c.Parent]["Values"].(map[string]interface{})[c.Name].(map[string]interface{}); ok {
			vals = pv
		} else {
			vals = map[string]interface{}{}
		}
		tops[i] = map[string]interface{}{"Chart": meta, "Files": fs, "Release": in.Release, "Capabilities": caps, "Values": vals}
		for name := range c.Templates {
			owner[path.Join(c.FullPath, name)] = i
		}
	}
	text := func(name string) string {
		i := owner[name]
		c := in.Charts[i]
		return c.Templates[strings.TrimPrefix(name, c.FullPath+"/")]
	}
	enc := json.NewEncoder(os.Stdout)
	for _, name := range in.Order {
		if _, err := t.New(name).Parse(text(name)); err != nil {
			enc.Encode(map[string]string{"err": err.Error()})
			return
		}
	}
	out := map[string]string{}
	for _, name := range in.Order {
		if strings.HasPrefix(path.Base(name), "_") {
			continue
		}
		i := owner[name]
		vals := tops[i]
		vals["Template"] = map[string]interface{}{"Name": name, "BasePath": path.Join(in.Charts[i].FullPath, "templates")}
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, name, vals); err != nil {
			enc.Encode(map[string]string{"err": err.Error()})
			return
		}
		out[name] = strings.ReplaceAll(b.String(), "<no value>", "")
	}
	enc.Encode(map[string]interface{}{"files": out})
}
