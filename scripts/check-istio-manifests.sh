#!/usr/bin/env bash
# Renders istioctl's own manifest-generate test inputs with Istio's charts (-d) and compares the
# result with istioctl's golden outputs. Opt-in: needs a local Istio source tree.
#
#   ISTIO_SRC=~/src/istio scripts/check-istio-manifests.sh [CASE...]
#
# Nothing of Istio's is copied into this repository; everything is read from $ISTIO_SRC at run
# time. Most of istioctl's goldens were rendered from the chart snapshot in
# operator/cmd/mesh/testdata/manifest-generate/data-snapshot.tar.gz, not the live manifests/, so
# the snapshot is unpacked (when present) and used as -d. Needs a build (npm run build).
set -euo pipefail

: "${ISTIO_SRC:?set ISTIO_SRC to an Istio source tree (e.g. a checkout of istio/istio at 1.30.3)}"
# Resolved before leaving the caller's directory, so a relative path works.
ISTIO_SRC="$(cd "$ISTIO_SRC" && pwd)"
here="$(cd "$(dirname "$0")/.." && pwd)"
sailctl="$here/bin/sailctl"
cd "$here"  # the comparer imports the yaml package from this repository
data="$ISTIO_SRC/operator/cmd/mesh/testdata/manifest-generate"
[ -d "$data/input" ] || { echo "no $data/input: is ISTIO_SRC an Istio source tree?" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
manifests="$ISTIO_SRC/manifests"
if [ -f "$data/data-snapshot.tar.gz" ]; then
  tar -xzf "$data/data-snapshot.tar.gz" -C "$work"
  manifests="$work"
  [ -d "$work/manifests" ] && manifests="$work/manifests"
fi

# istioctl's test harness renders only selected templates (fileSelect) and filters objects
# (diffSelect), so a golden holds a subset of the objects: compare object by object (kind,
# namespace, name), each golden object against ours, whole-object equality after dropping the
# top-level keys the golden omits.
compare=$(cat <<'JS'
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
const load = (f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS()).filter((o) => o && o.kind);
const key = (o) => `${o.kind}:${o.metadata?.namespace ?? ''}:${o.metadata?.name ?? ''}`;
const [golden, ours] = [load(process.argv[1]), load(process.argv[2])];
const mine = new Map(ours.map((o) => [key(o), o]));
const canon = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
let bad = 0;
for (const g of golden) {
  const o = mine.get(key(g));
  if (!o) { console.log(`missing ${key(g)}`); bad++; continue; }
  const trimmed = Object.fromEntries(Object.keys(g).map((k) => [k, o[k]]));
  if (canon(trimmed) !== canon(g)) {
    console.log(`differs ${key(g)}`);
    bad++;
    // Name the first differing paths, to tell harness artefacts from real differences.
    const diffs = [];
    const walk = (a, b, path) => {
      if (diffs.length >= 5) return;
      if (canon(a) === canon(b)) return;
      if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], `${path}.${k}`);
      } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
        a.forEach((x, i) => walk(x, b[i], `${path}[${i}]`));
      } else diffs.push(`  ${path}: golden ${JSON.stringify(a)?.slice(0, 120)} / sailctl ${JSON.stringify(b)?.slice(0, 120)}`);
    };
    walk(g, trimmed, '');
    console.log(diffs.join('\n'));
  }
}
process.exit(bad ? 1 : 0);
JS
)
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for g in "$data"/output/*.golden.yaml; do
    name="$(basename "$g" .golden.yaml)"
    [ -f "$data/input/$name.yaml" ] && cases+=("$name")
  done
fi

# Per-case settings of istioctl's test table (manifest-generate_test.go): extra flags, and the cases
# rendered from the live manifests/ rather than the snapshot.
case_flags() {
  case "$1" in
    flag_force) echo "--force" ;;
  esac
}
# Goldens no istioctl 1.30 test renders any more (left stale in the tree).
case_stale() {
  case "$1" in
    flag_output) return 0 ;;
  esac
  return 1
}
case_manifests() {
  case "$1" in
    pilot_env_var_from|networkpolicy_enabled|install_package_path|all_off) echo "$ISTIO_SRC/manifests" ;;
    *) echo "$manifests" ;;
  esac
}

pass=0 fail=0 skip=0
for name in "${cases[@]}"; do
  in="$data/input/$name.yaml"; golden="$data/output/$name.golden.yaml"
  if [ ! -f "$in" ] || [ ! -f "$golden" ]; then echo "SKIP $name (no input or golden)"; skip=$((skip+1)); continue; fi
  if case_stale "$name"; then echo "SKIP $name (stale golden: no istioctl test renders it)"; skip=$((skip+1)); continue; fi
  # shellcheck disable=SC2046
  if ! node "$sailctl" manifest generate -f "$in" -d "$(case_manifests "$name")" $(case_flags "$name") > "$work/$name.yaml" 2> "$work/$name.err"; then
    echo "FAIL $name: $(head -1 "$work/$name.err")"; fail=$((fail+1)); continue
  fi
  if node --input-type=module -e "$compare" "$golden" "$work/$name.yaml" > "$work/$name.diff"; then
    echo "PASS $name"; pass=$((pass+1))
  else
    echo "FAIL $name"; sed -n 1,20p "$work/$name.diff"; fail=$((fail+1))
  fi
done
echo "passed $pass, failed $fail, skipped $skip"
[ "$fail" -eq 0 ]
