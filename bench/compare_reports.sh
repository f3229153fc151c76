#!/bin/bash
# Byte-compares the reports of two tfms-rewrite binaries (say, before and
# after a change to a report writer) on every golden input, every
# tests/project case and each repository of a corpus, then all of it in one
# run; each in JSON, Markdown and SARIF, with -j1 and -j2. Prints one line
# per difference (report bytes or exit code) and the counts.
#
# usage: bench/compare_reports.sh OLD NEW [CORPUS]   (CORPUS: /work/corpus)
set -u
OLD=$(realpath "$1") NEW=$(realpath "$2") CORPUS=${3:-/work/corpus}
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
same=0 differ=0
run_case() { # label dir args...
	local label=$1 dir=$2
	shift 2
	for fmt in json md sarif; do
		for j in 1 2; do
			(cd "$dir" && "$OLD" -j$j "$@" --report "$OUT/old.$fmt" >/dev/null 2>&1; echo $? >"$OUT/old.rc")
			(cd "$dir" && "$NEW" -j$j "$@" --report "$OUT/new.$fmt" >/dev/null 2>&1; echo $? >"$OUT/new.rc")
			if cmp -s "$OUT/old.$fmt" "$OUT/new.$fmt" && cmp -s "$OUT/old.rc" "$OUT/new.rc"; then
				same=$((same + 1))
			else
				differ=$((differ + 1))
				echo "differ: $label $fmt -j$j"
			fi
			rm -f "$OUT/old.$fmt" "$OUT/new.$fmt"
		done
	done
}
for c in "$REPO"/tests/golden/*/; do
	args=$(cat "$c/args" 2>/dev/null)
	# shellcheck disable=SC2086
	run_case "golden $(basename "$c")" "$c" $args $(cd "$c" && ls input.*)
done
for c in "$REPO"/tests/project/*/; do
	run_case "project $(basename "$c")" "$c" .
done
if [ -d "$CORPUS" ]; then
	for c in "$CORPUS"/*/; do
		run_case "corpus $(basename "$c")" "$CORPUS" "$(basename "$c")"
	done
	run_case "corpus, all" "$CORPUS" .
fi
echo "same=$same differ=$differ"
[ "$differ" -eq 0 ]
