#!/usr/bin/env bash
# Runs the cases of Istio's own validation test tables (pkg/config/validation/validation_test.go and
# envoyfilter/envoyfilter_test.go, read in place) through sailctl's semantic validation rules.
# Usage: scripts/check-istio-validation.sh /path/to/istio   (a checkout of istio/istio; nothing from it is copied)
set -euo pipefail
src="${1:-${ISTIO_SRC:-}}"
if [[ -z "$src" || ! -f "$src/pkg/config/validation/validation_test.go" ]]; then
  echo "usage: $0 ISTIO_SOURCE_DIR (or set ISTIO_SRC); it must contain pkg/config/validation/validation_test.go" >&2
  exit 2
fi
# Resolved before leaving the caller's directory, so a relative path works.
src="$(cd "$src" && pwd)"
cd "$(dirname "$0")/.."
ISTIO_SRC="$src" exec npx vitest run test/validate/istio-tables.test.ts
