#!/usr/bin/env bash
# Cross-module resolution, end to end: each tests/project/<case>/input is a
# small project; the run over it must give expected.diff and expected.json
# (the JSON report without version, rules and coverage). TFMS_BLESS=1 rewrites them.
# Also: the same through --branch, the migrated files parse with CPython
# and a second run changes nothing.
# Usage: project.sh path/to/tfms-rewrite
. "$(dirname "$0")/lib.sh"

CASES="$REPO/tests/project"
normalize_json() { # file
	python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r.pop("version", None)
r.pop("rules", None)
r.pop("coverage", None)  # depends on the rule set, not on resolution
print(json.dumps(r, indent=2))
PY
}
expect() { # case file actual
	if [ "${TFMS_BLESS:-}" = 1 ]; then
		cp "$3" "$CASES/$1/$2"
		ok
	elif [ ! -f "$CASES/$1/$2" ]; then
		fail "$1: missing $2 (run with TFMS_BLESS=1)"
	elif diff -u "$CASES/$1/$2" "$3" >"$WORK/delta"; then
		ok
	else
		fail "$1: $2 differs"
		cat "$WORK/delta"
	fi
}

for dir in "$CASES"/*/; do
	name=$(basename "$dir")
	rm -rf "$WORK/p"
	cp -r "$dir/input" "$WORK/p"
	(cd "$WORK/p" && "$BIN" -q -j2 --report "$WORK/r.json" . >"$WORK/out.diff" 2>"$WORK/err")
	check "$name: exits 0" [ $? -eq 0 ]
	normalize_json "$WORK/r.json" >"$WORK/r.norm.json"
	expect "$name" expected.json "$WORK/r.norm.json"
	expect "$name" expected.diff "$WORK/out.diff"
	(cd "$WORK/p" && "$BIN" -q -i . >/dev/null 2>&1)
	check "$name: --in-place exits 0" [ $? -eq 0 ]
	check "$name: every file parses with CPython" python3 -c '
import ast, pathlib, sys
for p in pathlib.Path(sys.argv[1]).rglob("*.py"):
    ast.parse(p.read_text(), str(p))' "$WORK/p"
	(cd "$WORK/p" && "$BIN" -q . >"$WORK/again.diff" 2>/dev/null)
	check "$name: a second run changes nothing" [ ! -s "$WORK/again.diff" ]
	# --branch reads blobs, not files: the same project pass.
	rm -rf "$WORK/g"
	cp -r "$dir/input" "$WORK/g"
	(cd "$WORK/g" && git init -q -b main && git_quiet add -A && git_quiet commit -qm base &&
		"$BIN" -q --branch --author "T <t@example.com>" --report-path R.md . >/dev/null 2>&1)
	git -C "$WORK/g" diff main mindspore-migration -- . ':!R.md' >"$WORK/branch.diff" 2>/dev/null
	check "$name: --branch converts what the dry run does" \
		[ "$(grep -c '^+[^+]' "$WORK/branch.diff")" = "$(grep -c '^+[^+]' "$WORK/out.diff")" ]
done

# --- the real case: gcn's models.py gets tf from `from gcn.layers import *` ---
if [ -d /work/corpus/tkipf+gcn/gcn ]; then
	(cd /work/corpus/tkipf+gcn && "$BIN" -q --report "$WORK/gcn.json" . >/dev/null 2>&1)
	check "gcn: models.py is analysed" python3 - "$WORK/gcn.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = sum(1 for x in r["findings"] + r["conversions"] if x["path"] == "gcn/models.py")
assert n >= 20, n
PY
fi
finish project
