#!/usr/bin/env bash
# Runs Istio's own analyzer test cases (pkg/config/analysis/analyzers/analyzers_test.go and its
# testdata, read in place) through sailctl's analyzers and compares codes and resources.
# Usage: scripts/check-istio-analyzers.sh /path/to/istio   (a checkout of istio/istio; nothing from it is copied)
set -euo pipefail
src="${1:-${ISTIO_SRC:-}}"
if [[ -z "$src" || ! -f "$src/pkg/config/analysis/analyzers/analyzers_test.go" ]]; then
  echo "usage: $0 ISTIO_SOURCE_DIR (or set ISTIO_SRC); it must contain pkg/config/analysis/analyzers/analyzers_test.go" >&2
  exit 2
fi
# Resolved before leaving the caller's directory, so a relative path works.
src="$(cd "$src" && pwd)"
cd "$(dirname "$0")/.."
ISTIO_SRC="$src" exec npx vitest run test/analyze/istio-cases.test.ts
