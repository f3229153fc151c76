#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan+UBSan) and runs each for a
# while, seeded from the golden inputs and the shipped rules; then replays
# the pipeline corpus through the binary and checks every output with
# CPython (fuzz/replay.sh). Usage: fuzz/run.sh [SECONDS_PER_TARGET]
# (default 60). A crash leaves its input in build-fuzz/crashes/ and fails;
# TFMS_FUZZ_DIR names another build directory; TFMS_FUZZ_FLAGS adds
# libFuzzer flags (e.g. "-fork=1 -ignore_crashes=1" for long sessions).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
grammar="$(pwd)/build/_deps/tree-sitter-python-0.23.6/package"
extra=()
[ -f "$grammar/src/parser.c" ] && extra+=(-DTFMS_TS_PYTHON_DIR="$grammar")
out=${TFMS_FUZZ_DIR:-build-fuzz}
CC=clang cmake -S . -B "$out" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTFMS_WERROR=ON \
	-DTFMS_FUZZ=ON -DTFMS_TESTS=OFF "${extra[@]}" >/dev/null
cmake --build "$out" -j"$(nproc)" --target fuzz_process fuzz_rules tfms-rewrite >/dev/null
mkdir -p "$out/corpus/process" "$out/corpus/rules" "$out/crashes"
for f in tests/golden/*/input.py; do
	cp "$f" "$out/corpus/process/golden-$(basename "$(dirname "$f")").py"
done
cp rules/*.yaml rules/*.md "$out/corpus/rules/"
cp fuzz/regressions/rules/* "$out/corpus/rules/" 2>/dev/null || true
cp fuzz/regressions/process/* "$out/corpus/process/" 2>/dev/null || true
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Inputs stay below the nesting and size bounds the resolver guards
# separately (tests/e2e/robust.sh).
"$out/fuzz/fuzz_process" -max_total_time="$seconds" ${TFMS_FUZZ_FLAGS:-} -max_len=8192 -timeout=20 \
	-rss_limit_mb=2048 -artifact_prefix="$out/crashes/process-" \
	-dict=fuzz/python.dict "$out/corpus/process" 2>"$out/process.log" || {
	tail -50 "$out/process.log" >&2
	exit 1
}
"$out/fuzz/fuzz_rules" -max_total_time="$seconds" ${TFMS_FUZZ_FLAGS:-} -max_len=16384 -timeout=20 \
	-rss_limit_mb=2048 -artifact_prefix="$out/crashes/rules-" \
	-dict=fuzz/rules.dict "$out/corpus/rules" 2>"$out/rules.log" || {
	tail -50 "$out/rules.log" >&2
	exit 1
}
tail -q -n 1 "$out/process.log" "$out/rules.log"
fuzz/replay.sh "$out/tfms-rewrite" "$out/corpus/process"
