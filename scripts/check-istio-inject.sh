#!/usr/bin/env bash
# Compares sailctl kube-inject with Istio's own injection goldens.
# Usage: scripts/check-istio-inject.sh /path/to/istio   (a checkout of istio/istio; nothing from it is copied)
set -euo pipefail
src="${1:-${ISTIO_SRC:-}}"
if [[ -z "$src" || ! -d "$src/pkg/kube/inject/testdata/inject" ]]; then
  echo "usage: $0 ISTIO_SOURCE_DIR (or set ISTIO_SRC); it must contain pkg/kube/inject/testdata/inject" >&2
  exit 2
fi
# Resolved before leaving the caller's directory, so a relative path works.
src="$(cd "$src" && pwd)"
cd "$(dirname "$0")/.."
ISTIO_SRC="$src" exec npx vitest run test/inject/istio-goldens.test.ts
