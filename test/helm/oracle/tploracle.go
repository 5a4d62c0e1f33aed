// Differential oracle for sailctl's sprig and Helm functions: reads JSON lines
// {"tpl": TEXT, "values": YAML} and prints {"out": OUTPUT} or {"err": MESSAGE} for each, executing
// TEXT with Go's text/template, sprig's TxtFuncMap (minus env/expandenv) and Helm's own functions
// implemented as Helm's engine does (toYaml, fromYaml, toJson, fromJson, include, tpl, required),
// with missingkey=zero and `.Values` holding the values read the way Helm reads values.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"text/template"

	sprig "github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type input struct {
	Tpl    string `json:"tpl"`
	Values string `json:"values"`
}

type output struct {
	Out string `json:"out"`
	Err string `json:"err,omitempty"`
}

func toYAML(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

func fromYAML(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromYAMLArray(str string) []interface{} {
	a := []interface{}{}
	if err := yaml.Unmarshal([]byte(str), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

func fromJSON(str string) map[string]interface{} {
	m := make(map[string]interface{})
	if err := json.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromJSONArray(str string) []interface{} {
	a := []interface{}{}
	if err := json.Unmarshal([]byte(str), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func funcs(t *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	f["toYaml"] = toYAML
	f["fromYaml"] = fromYAML
	f["fromYamlArray"] = fromYAMLArray
	f["toJson"] = toJSON
	f["fromJson"] = fromJSON
	f["fromJsonArray"] = fromJSONArray
	f["include"] = func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		err := t.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
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
		var buf strings.Builder
		if err := c.Execute(&buf, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	f["required"] = func(warn string, val interface{}) (interface{}, error) {
		if val == nil {
			return val, errors.New(warn)
		} else if s, ok := val.(string); ok && s == "" {
			return val, errors.New(warn)
		}
		return val, nil
	}
	return f
}

func run(in input) (out output) {
	defer func() {
		if r := recover(); r != nil {
			out = output{Err: "panic"}
		}
	}()
	var values map[string]interface{}
	if err := yaml.Unmarshal([]byte(in.Values), &values); err != nil {
		return output{Err: "values: " + err.Error()}
	}
	t := template.New("t")
	t.Funcs(funcs(t)).Option("missingkey=zero")
	if _, err := t.Parse(in.Tpl); err != nil {
		return output{Err: err.Error()}
	}
	var buf strings.Builder
	if err := t.Execute(&buf, map[string]interface{}{"Values": values}); err != nil {
		return output{Err: err.Error()}
	}
	return output{Out: buf.String()}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	enc := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var i input
		if err := json.Unmarshal(in.Bytes(), &i); err != nil {
			panic(err)
		}
		if err := enc.Encode(run(i)); err != nil {
			panic(err)
		}
	}
}
