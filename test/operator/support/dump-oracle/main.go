// Oracle for sailctl's `profile dump` formats: reads a JSON document on stdin and prints it the
// way istioctl 1.23 does, using Go's own encoders: sigs.k8s.io/yaml for yaml, encoding/json
// with four-space indent for json, and sorted path=value lines (%q strings, %v others) for flags.
// Sections are separated by a line "----".
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

func leaves(prefix, sep string, v interface{}, out *[]string) {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, child := range t {
			leaves(prefix+sep+strings.ReplaceAll(k, ".", `\.`), ".", child, out)
		}
	case []interface{}:
		for i, child := range t {
			leaves(fmt.Sprintf("%s[%d]", prefix, i), ".", child, out)
		}
	case string:
		*out = append(*out, fmt.Sprintf("%s=%q", prefix, t))
	default:
		*out = append(*out, fmt.Sprintf("%s=%v", prefix, t))
	}
}

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var doc interface{}
	if err := json.Unmarshal(in, &doc); err != nil {
		panic(err)
	}
	y, err := yaml.Marshal(doc)
	if err != nil {
		panic(err)
	}
	j, err := json.MarshalIndent(doc, "", "    ")
	if err != nil {
		panic(err)
	}
	var flags []string
	if m, ok := doc.(map[string]interface{}); ok && m["spec"] != nil {
		leaves("", "", m["spec"], &flags)
	} else {
		leaves("", "", doc, &flags)
	}
	sort.Strings(flags)
	fmt.Printf("%s----\n%s\n----\n%s\n", y, j, strings.Join(flags, "\n"))
}
