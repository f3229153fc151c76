#!/usr/bin/env bash
# Builds tfms-rewrite twice, plainly and with AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs the whole test suite (unit, golden,
# end-to-end) against both. Warnings are errors here (-DTFMS_WERROR=ON),
# as in CI, which runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
"$(pwd)/scripts/install-deps.sh"
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTFMS_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTFMS_SANITIZE=ON -DTFMS_WERROR=ON \
	-DTFMS_TS_PYTHON_DIR="$(pwd)/build/_deps/tree-sitter-python-0.23.6/package" >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ctest --test-dir build-asan --output-on-failure
