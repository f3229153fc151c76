#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds tfms-rewrite and runs it on the
# bundled example (a dry run: it prints the diff and the findings).
set -euo pipefail
cd "$(dirname "$0")/.."
"$(pwd)/scripts/install-deps.sh"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
./build/tfms-rewrite --report build/example-report.md examples
echo "report: build/example-report.md"
