{{- define "sail.cni.labels" -}}
app.kubernetes.io/managed-by: {{ .Release.Service | default "Helm" | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/name: istio-cni
app.kubernetes.io/part-of: "istio"
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | quote }}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" }}
istio.io/rev: {{ .Values.revision | default "default" }}
operator.istio.io/component: "Cni"
release: {{ .Release.Name }}
{{- end }}
