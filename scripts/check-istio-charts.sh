#!/usr/bin/env bash
# Renders every chart of an istio/istio source tree through `sailctl x helm-template` with default
# values and fails if any of them does not render, then (when Go and Debian's sprig/yaml packages
# are installed) compares every rendered file with Go text/template + sprig. Nothing from that
# tree is copied here.
#   usage: scripts/check-istio-charts.sh /path/to/istio
set -euo pipefail
if [[ $# -ne 1 || ! -d "$1/manifests/charts" ]]; then
  echo "usage: $0 ISTIO_SOURCE_DIR   (a directory containing manifests/charts)" >&2
  exit 64
fi
# Resolved before leaving the caller's directory, so a relative path works.
src="$(cd "$1" && pwd)"
cd "$(dirname "$0")/.."
ISTIO_SRC="$src" npx vitest run test/helm/istio-charts.test.ts test/helm/chart-differential.test.ts
