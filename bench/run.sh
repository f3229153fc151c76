#!/usr/bin/env bash
# Benchmark: times tfms-rewrite against a parse-only floor on a synthetic
# TF 1.15 corpus, whole-process, several runs each (medians).
#
#   bench/run.sh [--runs N] [--write]
#
# --write also writes the results to bench/RESULTS.md. Needs /usr/bin/time
# (Debian package `time`); uses valgrind for instruction counts and
# ast-grep (npm install @ast-grep/cli) as a peer reference when present.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
write=0
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--write) write=1; shift ;;
	*) echo "usage: bench/run.sh [--runs N] [--write]" >&2; exit 2 ;;
	esac
done
jobs=$(nproc)
B=build-bench
cmake -S . -B $B -DCMAKE_BUILD_TYPE=Release -DTFMS_TESTS=OFF >/dev/null
cmake --build $B -j"$jobs" >/dev/null
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
$B/tfms_bench_corpus "$W/corpus" 2000
$B/tfms_bench_corpus "$W/tiny" 10000 1
find "$W/corpus" -name '*.py' | sort >"$W/files.txt"
bytes=$(cat $(cat "$W/files.txt") | wc -c)
files=$(wc -l <"$W/files.txt")

# median wall seconds of a command run $runs times; peak RSS of the last
median() {
	local out=$1
	shift
	local t=()
	for ((i = 0; i < runs; i++)); do
		/usr/bin/time -f "%e %M" -o "$W/time" "$@" >/dev/null 2>&1 || true
		t+=("$(cut -d' ' -f1 "$W/time")")
		rss=$(cut -d' ' -f2 "$W/time")
	done
	printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' >"$out"
	echo "$rss" >"$out.rss"
}

median "$W/m.floor" sh -c "$B/tfms_parse_floor <'$W/files.txt'"
median "$W/m.j1" $B/tfms-rewrite -q -j1 "$W/corpus"
median "$W/m.jn" $B/tfms-rewrite -q -j"$jobs" "$W/corpus"
median "$W/m.tiny" $B/tfms-rewrite -q -j"$jobs" "$W/tiny"
# --in-place writes: each run on a fresh copy, the copy not timed.
t=()
for ((i = 0; i < runs; i++)); do
	rm -rf "$W/copy"
	cp -r "$W/corpus" "$W/copy"
	/usr/bin/time -f "%e %M" -o "$W/time" $B/tfms-rewrite -q -i -j"$jobs" "$W/copy" >/dev/null 2>&1
	t+=("$(cut -d' ' -f1 "$W/time")")
done
printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}' >"$W/m.inplace"

astgrep=""
for candidate in "$(command -v ast-grep || true)" node_modules/.bin/ast-grep; do
	[ -n "$candidate" ] && [ -x "$candidate" ] && astgrep=$candidate && break
done
if [ -n "$astgrep" ]; then
	median "$W/m.astgrep" "$astgrep" run -l python -p 'tf.stop_gradient($$$A)' \
		-r 'ops.stop_gradient($$$A)' -j "$jobs" "$W/corpus"
fi

# Instructions (deterministic, unlike wall time on a shared machine): the
# whole tool against the parse floor, single-threaded, on 200 files.
icount=""
if command -v valgrind >/dev/null 2>&1; then
	head -200 "$W/files.txt" >"$W/sub.txt"
	mkdir -p "$W/sub"
	while read -r f; do cp "$f" "$W/sub/$(basename "$f")"; done <"$W/sub.txt"
	ls "$W"/sub/*.py >"$W/sub2.txt"
	ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/Collected/ {print $4}'; }
	floor_ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $B/tfms_parse_floor <"$W/sub2.txt" 2>&1 | awk '/Collected/ {print $4}')
	tool_ir=$(ir $B/tfms-rewrite -q -j1 "$W/sub")
	icount=$(awk -v a="$tool_ir" -v b="$floor_ir" 'BEGIN {printf "%.2f", a / b}')
fi

mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')
rate() { awk -v s="$(cat "$1")" -v b="$bytes" -v f="$files" 'BEGIN {printf "%.1f MB/s, %.0f files/s", b / 1048576 / s, f / s}'; }
ratio() { awk -v s="$(cat "$1")" -v f="$(cat "$W/m.floor")" 'BEGIN {printf "%.2f", s / f}'; }
rss_mib() { awk -v k="$(cat "$1.rss")" 'BEGIN {printf "%.1f MiB", k / 1024}'; }

report=$(
	cat <<EOT
Corpus: $files files, $mb MiB (bench/gen_corpus.c, deterministic); tiny: 10,000 files.
Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d).
Wall-clock medians of $runs runs each.

| run | seconds | throughput | vs. single-core parse floor | peak RSS |
| --- | ---: | --- | ---: | ---: |
| parse-only floor, 1 thread | $(cat "$W/m.floor") | $(rate "$W/m.floor") | 1.00 | $(rss_mib "$W/m.floor") |
| dry run -j1 | $(cat "$W/m.j1") | $(rate "$W/m.j1") | $(ratio "$W/m.j1") | $(rss_mib "$W/m.j1") |
| dry run -j$jobs | $(cat "$W/m.jn") | $(rate "$W/m.jn") | $(ratio "$W/m.jn") | $(rss_mib "$W/m.jn") |
| --in-place -j$jobs | $(cat "$W/m.inplace") | $(rate "$W/m.inplace") | $(ratio "$W/m.inplace") | |
| 10,000 tiny files, -j$jobs | $(cat "$W/m.tiny") | | | $(rss_mib "$W/m.tiny") |
$( [ -n "$astgrep" ] && echo "| ast-grep $("$astgrep" --version | cut -d' ' -f2), one rewrite pattern, -j$jobs | $(cat "$W/m.astgrep") | $(rate "$W/m.astgrep") | $(ratio "$W/m.astgrep") | $(rss_mib "$W/m.astgrep") |")

$( [ -n "$icount" ] && echo "Instructions (callgrind, 200 files, 1 thread): tfms-rewrite executes $icount× the instructions of the parse floor.")
EOT
)
echo "$report"
if [ $write -eq 1 ]; then
	{
		sed -n '1,/^<!-- results -->$/p' bench/RESULTS.md
		echo
		echo "$report"
	} >"$W/results.md"
	mv "$W/results.md" bench/RESULTS.md
fi
