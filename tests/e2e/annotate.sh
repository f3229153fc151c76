#!/bin/bash
# --annotate, --fail-on and hint files given with --rules.
source "$(dirname "$0")/lib.sh"

fresh_example() {
	rm -rf "$WORK/ex"
	cp -r "$REPO/examples" "$WORK/ex"
	(cd "$WORK/ex" && git init -q && git_quiet add -A && git_quiet commit -qm base)
}
parses() { python3 -c 'import ast,sys
for p in sys.argv[1:]: ast.parse(open(p).read())' "$@"; }
MARK='# TODO(mindspore): '

# --- --annotate: dry run == in-place, parses, idempotent, complete ---
fresh_example
(cd "$WORK/ex" && "$BIN" --annotate . >"$WORK/ann.patch" 2>"$WORK/err")
check "annotate dry run exits 0" [ $? -eq 0 ]
check "annotate dry run adds markers" grep -q "^+ *$MARK" "$WORK/ann.patch"
(cd "$WORK/ex" && "$BIN" -q --annotate -i . && git diff >"$WORK/ann-inplace.diff")
(cd "$WORK/ex" && git checkout -q . && git apply "$WORK/ann.patch" && git diff >"$WORK/ann-applied.diff")
check "git apply of the annotated dry run equals --in-place" cmp -s "$WORK/ann-applied.diff" "$WORK/ann-inplace.diff"
# The report of a run on the annotated files has their line numbers.
(cd "$WORK/ex" && "$BIN" -q --annotate --report "$WORK/ann.json" . >"$WORK/ann2.patch")
check "a second annotate run changes nothing" [ ! -s "$WORK/ann2.patch" ]
if command -v python3 >/dev/null 2>&1; then
	check "annotated files parse" bash -c "cd '$WORK/ex' && $(declare -f parses); parses \$(git ls-files '*.py')"
	check "a marker above every line with a remaining use" python3 - "$WORK/ann.json" "$WORK/ex" "$MARK" <<'PY'
import json, os, sys
report, root, mark = sys.argv[1], sys.argv[2], sys.argv[3]
bad = []
for f in json.load(open(report))["findings"]:
    lines = open(os.path.join(root, f["path"])).read().split("\n")
    # the marker is above the statement's first line: search upwards
    i = f["line"] - 2
    while i >= 0 and not lines[i].lstrip().startswith(mark):
        i -= 1
    if i < 0 or f["api"] not in lines[i] and "more" not in lines[i]:
        bad.append((f["path"], f["line"], f["api"]))
sys.exit(1 if bad else 0)
PY
fi
n1=$(cd "$WORK/ex" && git grep -c "$MARK" | awk -F: '{s+=$2} END {print s}')
(cd "$WORK/ex" && "$BIN" -q --annotate -i .)
n2=$(cd "$WORK/ex" && git grep -c "$MARK" | awk -F: '{s+=$2} END {print s}')
check "markers are not duplicated" [ "$n1" = "$n2" ]

# A line whose uses are converted on a later run loses its marker.
printf 'import tensorflow as tf\n%sx -> old\ny = tf.stop_gradient(x)\n' "$MARK" >"$WORK/stale.py"
"$BIN" -q --annotate -i "$WORK/stale.py"
check "a converted line loses its marker" bash -c "! grep -q 'TODO(mindspore)' '$WORK/stale.py'"
check "the conversion happened" grep -q 'ops.stop_gradient(x)' "$WORK/stale.py"

# --branch with --annotate commits the markers.
fresh_example
(cd "$WORK/ex" && git_quiet config user.name t && git_quiet config user.email t@example.com &&
	"$BIN" -q --annotate --branch=annotated)
check "--branch --annotate commits markers" bash -c "git -C '$WORK/ex' grep -q '$MARK' annotated -- '*.py'"
check "--branch leaves the working tree alone" bash -c "! grep -rq 'TODO(mindspore)' '$WORK/ex' --include=*.py"

# --- --fail-on ---
fresh_example
(cd "$WORK/ex" && "$BIN" -q . >/dev/null)
check "without --fail-on findings exit 0" [ $? -eq 0 ]
(cd "$WORK/ex" && "$BIN" -q --fail-on error . >/dev/null)
check "--fail-on error with errors left exits 3" [ $? -eq 3 ]
(cd "$WORK/ex" && "$BIN" -q --fail-on note . >/dev/null)
check "--fail-on note exits 3" [ $? -eq 3 ]
(cd "$WORK/ex" && "$BIN" -q --fail-on none . >/dev/null)
check "--fail-on none exits 0" [ $? -eq 0 ]
printf 'import tensorflow as tf\nwith tf.name_scope("a"):\n    pass\n' >"$WORK/note.py"
"$BIN" -q --fail-on warning "$WORK/note.py" >/dev/null
check "--fail-on warning ignores a note" [ $? -eq 0 ]
"$BIN" -q --fail-on note "$WORK/note.py" >/dev/null
check "--fail-on note counts a note" [ $? -eq 3 ]
printf 'y = 1\n' >"$WORK/clean.py"
"$BIN" -q --fail-on note "$WORK/clean.py" >/dev/null
check "--fail-on with nothing left exits 0" [ $? -eq 0 ]
"$BIN" --fail-on bogus . >/dev/null 2>"$WORK/err"
check "--fail-on bogus is bad usage" [ $? -eq 2 ]
check "--fail-on bogus says why" grep -q "fail-on takes error, warning, note or none" "$WORK/err"
printf 'import tensorflow as tf\n' >"$WORK/unreadable.py"
chmod 000 "$WORK/unreadable.py"
if ! cat "$WORK/unreadable.py" >/dev/null 2>&1; then
	"$BIN" -q --fail-on note "$WORK/unreadable.py" "$WORK/note.py" >/dev/null 2>&1
	check "file errors (1) win over --fail-on (3)" [ $? -eq 1 ]
fi
chmod 644 "$WORK/unreadable.py"

# --- hint files with --rules extend the built-in hints ---
cat >"$WORK/myhints.yaml" <<'YAML'
hints:
  - api: tf.name_scope
    category: graph
    ms: "our own step"
    hint: "Do what our team agreed."
    severity: error
YAML
"$BIN" -q --rules "$REPO/rules/tf115_table.md" --rules "$REPO/rules/tf115.yaml" --rules "$WORK/myhints.yaml" \
	--report "$WORK/h.json" "$WORK/note.py" >/dev/null
check "a hint file overrides a built-in hint" grep -q '"hint": "Do what our team agreed."' "$WORK/h.json"
check "the override sets the level" grep -q '"level": "error"' "$WORK/h.json"
"$BIN" -q --rules "$REPO/rules/tf115_table.md" --report "$WORK/h2.json" "$WORK/note.py" >/dev/null
check "without hint files the built-in hints apply" grep -q '"category": "graph"' "$WORK/h2.json"
printf 'hints:\n  - api: tf.a\n    category: graph\n    ms: x\n    hint: y\n    ms: z\n' >"$WORK/dup.yaml"
"$BIN" --rules "$WORK/dup.yaml" . >/dev/null 2>"$WORK/err"
check "a repeated key in a hint file exits 2" [ $? -eq 2 ]
check "a repeated key is located" grep -q "dup.yaml:6: key 'ms' given twice (first on line 4)" "$WORK/err"
printf 'hints:\n  - api: tf.a\n    category: nosuch\n    ms: x\n    hint: y\n' >"$WORK/cat.yaml"
"$BIN" --rules "$WORK/cat.yaml" . >/dev/null 2>"$WORK/err"
check "an unknown category exits 2" [ $? -eq 2 ]
check "an unknown category is located" grep -q "cat.yaml:2: hint names the unknown category 'nosuch'" "$WORK/err"

finish annotate
