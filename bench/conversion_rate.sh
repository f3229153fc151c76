#!/bin/sh
# The conversion rate (converted / TensorFlow uses) per repository and in
# total, from dry runs with --report JSON. Read-only on the inputs.
#
#   bench/conversion_rate.sh [BINARY] [CORPUS_DIR] [-- tfms-rewrite options]
#
# BINARY defaults to build/tfms-rewrite, CORPUS_DIR to /work/corpus (one
# repository per subdirectory). Needs python3 for the JSON totals.
set -eu
bin=${1:-build/tfms-rewrite}
corpus=${2:-/work/corpus}
[ $# -ge 2 ] && shift 2 || shift $#
[ "${1:-}" = "--" ] && shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-45s %8s %10s %7s\n' repository tf_uses converted rate
for repo in "$corpus"/*/; do
	name=$(basename "$repo")
	"$bin" -q "$@" --report "$tmp/$name.json" "$repo" >/dev/null 2>&1 || true
	python3 - "$tmp/$name.json" "$name" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
rate = 100.0 * s["converted"] / s["tf_uses"] if s["tf_uses"] else 0.0
print("%-45s %8d %10d %6.1f%%" % (sys.argv[2], s["tf_uses"], s["converted"], rate))
PY
done > "$tmp/rows"
cat "$tmp/rows"
awk '{u += $2; c += $3} END {printf "%-45s %8d %10d %6.1f%%\n", "total", u, c, u ? 100 * c / u : 0}' "$tmp/rows"
