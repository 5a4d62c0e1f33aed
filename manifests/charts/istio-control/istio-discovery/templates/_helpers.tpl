{{/* Name suffix for a revision: "" for the default revision, "-REV" otherwise. */}}
{{- define "sail.revSuffix" -}}
{{- if and .Values.revision (ne .Values.revision "default") }}-{{ .Values.revision }}{{ end -}}
{{- end }}

{{- define "sail.revision" -}}
{{ .Values.revision | default "default" }}
{{- end }}

{{/* Labels every object of this chart carries; istioctl's prune and upgrade read them. */}}
{{- define "sail.labels" -}}
app.kubernetes.io/managed-by: {{ .Release.Service | default "Helm" | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/part-of: "istio"
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | quote }}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" }}
istio.io/rev: {{ include "sail.revision" . }}
operator.istio.io/component: "Pilot"
release: {{ .Release.Name }}
{{- end }}

{{- define "sail.image" -}}
{{- $hub := .Values.pilot.hub | default .Values.global.hub -}}
{{- $tag := .Values.pilot.tag | default .Values.global.tag -}}
{{- $variant := .Values.pilot.variant | default .Values.global.variant -}}
{{- if contains "/" .Values.pilot.image -}}{{ .Values.pilot.image }}{{- else -}}
{{ $hub }}/{{ .Values.pilot.image }}:{{ $tag }}{{ if $variant }}-{{ $variant }}{{ end }}
{{- end -}}
{{- end }}

{{- define "sail.istiodHost" -}}
istiod{{ include "sail.revSuffix" . }}.{{ .Release.Namespace }}.svc
{{- end }}
