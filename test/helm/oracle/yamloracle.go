// Differential oracle for sailctl's YAML/JSON layer: reads JSON-encoded YAML texts (one per
// line) on stdin and prints, per line, what sigs.k8s.io/yaml and encoding/json make of them:
// the value read as Helm reads values, re-marshalled as YAML (toYaml), JSON (toJson) and
// indented JSON (toPrettyJson). Build in GOPATH mode with Debian's golang-k8s-sigs-yaml-dev.
package main

import (
	"bufio"
	"encoding/json"
	"os"

	"sigs.k8s.io/yaml"
)

type result struct {
	YAML   string `json:"yaml"`
	JSON   string `json:"json"`
	Indent string `json:"indent"`
	Error  string `json:"error,omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var text string
		if err := json.Unmarshal(in.Bytes(), &text); err != nil {
			panic(err)
		}
		var v interface{}
		var r result
		if err := yaml.Unmarshal([]byte(text), &v); err != nil {
			r.Error = err.Error()
		} else {
			y, err := yaml.Marshal(v)
			if err != nil {
				r.Error = err.Error()
			}
			j, _ := json.Marshal(v)
			ji, _ := json.MarshalIndent(v, "", "  ")
			r.YAML, r.JSON, r.Indent = string(y), string(j), string(ji)
		}
		if err := out.Encode(r); err != nil {
			panic(err)
		}
	}
}
