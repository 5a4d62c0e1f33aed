// Executes an injection template the way istiod does (Go text/template + sprig + the injector's
// own functions, emulated here with the same names and behaviour for the common cases) against a
// sample pod, so sailctl's templates are checked with Go's real template engine.
// Usage: inject-oracle TEMPLATE_FILE VALUES_JSON [native]. Test tooling only.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type BoolValue struct{ Value bool }

func (b *BoolValue) GetValue() bool { return b != nil && b.Value }

type Mode string

func (m Mode) String() string { return string(m) }

type ProxyConfig struct {
	InterceptionMode                Mode
	HoldApplicationUntilProxyStarts *BoolValue
	ProxyMetadata                   map[string]string
}

type MeshConfig struct {
	ProxyListenPort        int
	ProxyInboundListenPort int
	TrustDomain            string
}

type Port struct {
	Name          string `json:"name,omitempty"`
	ContainerPort int    `json:"containerPort"`
	Protocol      string `json:"protocol,omitempty"`
}
type Container struct {
	Name  string
	Ports []Port
}
type Spec struct {
	Containers         []Container
	ServiceAccountName string
}
type ObjectMeta struct {
	Name, Namespace string
	Labels          map[string]string
	Annotations     map[string]string
}
type TypeMeta struct{ APIVersion, Kind string }

// GatewayData is what istiod's Gateway API deployment controller passes to the waypoint and
// kube-gateway templates (the fields those templates use).
type GatewayPort struct {
	Name        string
	Port        int
	AppProtocol string
}
type GatewayData struct {
	ObjectMeta                ObjectMeta
	Values                    map[string]interface{}
	ProxyConfig               *ProxyConfig
	MeshConfig                *MeshConfig
	ProxyImage                string
	ProxyUID, ProxyGID        *int64
	Revision                  string
	Name, Namespace           string
	DeploymentName            string
	ServiceAccount            string
	UID                       string
	GatewayClass              string
	ControllerLabel           string
	GatewayNameLabel          string
	InfrastructureLabels      map[string]string
	InfrastructureAnnotations map[string]string
	Ports                     []GatewayPort
	ServiceType               string
	KubeVersion               int
	ClusterID                 string
}

type Data struct {
	TypeMeta                 TypeMeta
	DeploymentMeta           ObjectMeta
	ObjectMeta               ObjectMeta
	Spec                     Spec
	ProxyConfig              *ProxyConfig
	MeshConfig               *MeshConfig
	Values                   map[string]interface{}
	Revision                 string
	ProxyImage               string
	ProxyUID, ProxyGID       *int64
	NativeSidecars           bool
	CompliancePolicy         string
	InboundTrafficPolicyMode string
}

func main() {
	text, _ := os.ReadFile(os.Args[1])
	vb, _ := os.ReadFile(os.Args[2])
	values := map[string]interface{}{}
	if err := json.Unmarshal(vb, &values); err != nil {
		panic(err)
	}
	funcs := sprig.TxtFuncMap()
	funcs["annotation"] = func(meta ObjectMeta, name string, def interface{}) string {
		if v, ok := meta.Annotations[name]; ok {
			return v
		}
		return fmt.Sprint(def)
	}
	funcs["isset"] = func(m map[string]string, k string) bool { _, ok := m[k]; return ok }
	funcs["excludeInboundPort"] = func(port interface{}, ports string) string {
		p := fmt.Sprint(port)
		out := []string{p}
		for _, x := range strings.Split(ports, ",") {
			if x = strings.TrimSpace(x); x != "" && x != p {
				out = append(out, x)
			}
		}
		return strings.Join(out, ",")
	}
	funcs["valueOrDefault"] = func(v interface{}, d interface{}) interface{} {
		if v == nil || v == "" {
			return d
		}
		return v
	}
	funcs["protoToJSON"] = func(v interface{}) string { b, _ := json.Marshal(v); return string(b) }
	funcs["structToJSON"] = func(v interface{}) string { b, _ := json.Marshal(v); return string(b) }
	funcs["toJSON"] = funcs["protoToJSON"]
	funcs["fromJSON"] = func(s string) interface{} { var v interface{}; _ = json.Unmarshal([]byte(s), &v); return v }
	funcs["omitNil"] = func(v interface{}) interface{} { return v }
	funcs["appendMultusNetwork"] = func(a, b string) string { return strings.Trim(a+","+b, ",") }
	funcs["otelResourceAttributes"] = func(...interface{}) string { return "" }
	funcs["toYaml"] = func(v interface{}) string { b, _ := yaml.Marshal(v); return strings.TrimSuffix(string(b), "\n") }
	funcs["directory"] = func(s string) string { return s }
	funcs["strdict"] = func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	funcs["omit"] = func(m map[string]string, keys ...string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = v
		}
		for _, k := range keys {
			delete(out, k)
		}
		return out
	}
	funcs["toJsonMap"] = func(ms ...map[string]string) string {
		out := map[string]string{}
		for _, m := range ms {
			for k, v := range m {
				out[k] = v
			}
		}
		b, _ := json.Marshal(out)
		return string(b)
	}
	funcs["toLower"] = strings.ToLower
	t, err := template.New("inject").Funcs(funcs).Option("missingkey=zero").Parse(string(text))
	if err != nil {
		fmt.Fprintln(os.Stderr, "parse:", err)
		os.Exit(1)
	}
	d := Data{
		TypeMeta:       TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		DeploymentMeta: ObjectMeta{Name: "web", Namespace: "shop"},
		ObjectMeta:     ObjectMeta{Labels: map[string]string{"app": "web"}, Annotations: map[string]string{}},
		Spec:           Spec{Containers: []Container{{Name: "web", Ports: []Port{{Name: "http", ContainerPort: 8080, Protocol: "TCP"}}}}},
		ProxyConfig:    &ProxyConfig{InterceptionMode: "REDIRECT", ProxyMetadata: map[string]string{}},
		MeshConfig:     &MeshConfig{TrustDomain: "cluster.local"},
		Values:         values,
		Revision:       "",
		ProxyImage:     "docker.io/istio/proxyv2:1.30.3",
		NativeSidecars: len(os.Args) > 3 && os.Args[3] == "native",
	}
	var data interface{} = d
	if len(os.Args) > 3 && os.Args[3] == "gateway" {
		data = GatewayData{
			ObjectMeta: ObjectMeta{Annotations: map[string]string{}}, Values: values,
			ProxyConfig: d.ProxyConfig, MeshConfig: d.MeshConfig, ProxyImage: d.ProxyImage,
			Name: "gw", Namespace: "shop", DeploymentName: "gw-istio", ServiceAccount: "gw-istio", UID: "1234",
			GatewayClass: "istio", ControllerLabel: "istio.io-mesh-controller", GatewayNameLabel: "gateway.networking.k8s.io/gateway-name",
			InfrastructureLabels:      map[string]string{"team": "a"},
			InfrastructureAnnotations: map[string]string{"kubectl.kubernetes.io/last-applied-configuration": "{}", "note": "x"},
			Ports:       []GatewayPort{{Name: "status-port", Port: 15021}, {Name: "mesh", Port: 15008, AppProtocol: "all"}},
			ServiceType: "ClusterIP", KubeVersion: 132, ClusterID: "Kubernetes",
		}
	}
	var out strings.Builder
	if err := t.Execute(&out, data); err != nil {
		fmt.Fprintln(os.Stderr, "execute:", err)
		os.Exit(1)
	}
	// Gateway templates produce several documents; print each normalised.
	for i, doc := range strings.Split(out.String(), "\n---\n") {
		var obj map[string]interface{}
		if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
			fmt.Fprintln(os.Stderr, "output is not YAML:", err)
			fmt.Fprintln(os.Stderr, doc)
			os.Exit(1)
		}
		if obj == nil {
			continue
		}
		if i > 0 {
			fmt.Print("---\n")
		}
		b, _ := yaml.Marshal(obj)
		fmt.Print(string(b))
	}
}
