{{/*
cdk8s object name: lower-cased path components joined by "-", then "c8" + the first six hex
digits of the sha1 of the construct path (each component followed by a newline, starting with
the app root's empty id), as the constructs library computes a construct address.
Arguments: a list of path components, e.g. (list "apps" "app-0" "Config" "Resource").
*/}}
{{- define "bench.objectName" -}}
{{- $path := "\n" -}}
{{- $parts := list -}}
{{- range . -}}
{{- $path = printf "%s%s\n" $path . -}}
{{- if ne . "Resource" -}}{{- $parts = append $parts (lower .) -}}{{- end -}}
{{- end -}}
{{- printf "%s-c8%s" (join "-" $parts) (substr 0 6 (sha1sum $path)) -}}
{{- end -}}

{{/*
cdk8s-plus pod selector label value: path components (case kept) joined by "-", then the address
prefix of the workload construct. Arguments: a list of path components.
*/}}
{{- define "bench.addressLabel" -}}
{{- $path := "\n" -}}
{{- range . -}}{{- $path = printf "%s%s\n" $path . -}}{{- end -}}
{{- printf "%s-c8%s" (join "-" .) (substr 0 6 (sha1sum $path)) -}}
{{- end -}}
