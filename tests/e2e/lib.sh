# Shared by the end-to-end scripts: sourced with the binary as $1. Sets BIN,
# REPO and a scratch WORK directory (removed on exit), and the check helper
# that counts passes and failures; finish prints the closing line.
set -u
BIN=$(realpath "$1")
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { # check "name" command...
	local name=$1
	shift
	if "$@"; then ok; else fail "$name"; fi
}
git_quiet() { git -c user.name=t -c user.email=t@example.com "$@" >/dev/null 2>&1; }

# A git repository holding a copy of the example, with an identity in its
# config: make_repo DIR (DIR is replaced).
make_repo() {
	rm -rf "$1"
	cp -r "$REPO/examples" "$1"
	(cd "$1" && git init -q -b main && git config user.name "Ada Lovelace" &&
		git config user.email ada@example.com && git add -A &&
		git commit -qm base)
}

finish() { # finish suite-name
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
