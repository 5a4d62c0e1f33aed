#!/usr/bin/env bash
# Builds the Go oracle for the template engine's differential tests
# (test/gotemplate/oracle/main.go) from Debian's Go packages, in GOPATH mode.
#
#   scripts/build-oracle.sh [OUTPUT]      default OUTPUT: .oracle-bin/gotemplate-oracle
#
# The vitest harness (test/gotemplate/oracle.ts) builds the same program by itself when needed;
# this script is for running the oracle by hand:
#   echo '[{"name":"x","template":"{{ .a }}","data":"a: 1","mode":"text"}]' | .oracle-bin/gotemplate-oracle
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-.oracle-bin/gotemplate-oracle}"
gopath="${SAILCTL_ORACLE_GOPATH:-/usr/share/gocode}"
packages="golang-go golang-github-masterminds-sprig-dev golang-k8s-sigs-yaml-dev"

if ! command -v go >/dev/null 2>&1; then
  echo "build-oracle: 'go' is not on PATH; install Debian's $packages" >&2
  exit 3
fi
for pkg in github.com/Masterminds/sprig sigs.k8s.io/yaml gopkg.in/yaml.v3; do
  if [ ! -d "$gopath/src/$pkg" ]; then
    echo "build-oracle: Go package $pkg is missing from $gopath; install Debian's $packages" >&2
    exit 3
  fi
done

mkdir -p "$(dirname "$out")"
GO111MODULE=off GOPATH="$gopath" GOFLAGS= go build -o "$out" ./test/gotemplate/oracle
echo "$out ($("$out" --version))"
