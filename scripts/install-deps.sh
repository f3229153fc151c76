#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, when missing.
# Tools that may come from elsewhere (npm with Node.js, git) are looked up
# as commands; libraries as Debian packages.
set -euo pipefail
missing=()
# python3-jsonschema validates the SARIF reports against the official
# schema, python3-nbformat the migrated notebooks, python3-yaml reads the
# pre-commit hooks (tests/e2e/ci.sh, notebook.sh: Debian's /usr/bin/python3).
for p in build-essential cmake pkg-config libtree-sitter-dev libgit2-dev \
	libcriterion-dev libyaml-dev libjansson-dev python3-jsonschema \
	python3-nbformat python3-yaml clang libclang-rt-14-dev; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed" || missing+=("$p")
done
for tool in npm git patch clang-format; do
	command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
