#!/usr/bin/env bash
# Builds tfms-rewrite three times and runs the test suite against each:
# plainly, with AddressSanitizer and UndefinedBehaviorSanitizer (unit,
# golden, end-to-end), with ThreadSanitizer (end-to-end, which drives
# the worker threads; Criterion cannot run under TSan, see
# tests/CMakeLists.txt), and with clang's libFuzzer for a short fuzz run of
# both targets (fuzz/run.sh; TFMS_FUZZ_SECONDS per target, default 60). Warnings are errors here (-DTFMS_WERROR=ON), as in
# CI, which runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(pwd)/scripts/install-deps.sh"
jobs=$(nproc)
grammar="$(pwd)/build/_deps/tree-sitter-python-0.23.6/package"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTFMS_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTFMS_SANITIZE=ON -DTFMS_WERROR=ON \
	-DTFMS_TS_PYTHON_DIR="$grammar" >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-asan --output-on-failure
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DTFMS_TSAN=ON -DTFMS_WERROR=ON \
	-DTFMS_TS_PYTHON_DIR="$grammar" >/dev/null
cmake --build build-tsan -j"$jobs"
# Reports go to files as well as failing the process (exit 66), so a race
# in a run whose exit status a test does not check still fails the suite.
tsan_logs="$(pwd)/build-tsan/tsan-reports"
rm -rf "$tsan_logs"
mkdir -p "$tsan_logs"
TSAN_OPTIONS="halt_on_error=1 log_path=$tsan_logs/report" \
	ctest --test-dir build-tsan --output-on-failure
if compgen -G "$tsan_logs/report.*" >/dev/null; then
	cat "$tsan_logs"/report.* >&2
	echo "test.sh: ThreadSanitizer reported the above" >&2
	exit 1
fi
# A short fuzz run: a crash, a sanitizer report or an output CPython
# rejects fails the suite (fuzz/README.md).
./fuzz/run.sh "${TFMS_FUZZ_SECONDS:-60}"
