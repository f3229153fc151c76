#!/usr/bin/env bash
# End-to-end tests of notebooks (.ipynb): real TF1 notebooks migrate with
# only their source lines changed and stay valid nbformat 4; dry run, git
# apply, --in-place and --branch agree; positions name the cell.
# Usage: notebook.sh path/to/tfms-rewrite
. "$(dirname "$0")/lib.sh"

# nbformat (Debian's python3-nbformat, see scripts/install-deps.sh) is the
# judge of a notebook; without it this suite fails rather than skips.
# Debian's python3, not whichever comes first on PATH, has the packages.
PY=${TFMS_PYTHON:-/usr/bin/python3}
"$PY" -c 'import nbformat' 2>/dev/null
check "python3-nbformat is installed (scripts/install-deps.sh)" [ $? -eq 0 ]

# valid NOTEBOOK...: nbformat 4 validates each.
valid() {
	"$PY" - "$@" <<'PY'
import json, sys, nbformat
for path in sys.argv[1:]:
    assert json.load(open(path, encoding="utf-8"))["nbformat"] == 4, path
    nbformat.validate(nbformat.read(path, as_version=4))
PY
}

# parses_as_before REPO NOTEBOOK...: the code cells, IPython lines aside,
# parse as Python when they did at HEAD (some corpus notebooks are
# Python 2).
parses_as_before() {
	"$PY" - "$@" <<'PY'
import ast, json, subprocess, sys
def code(text):
    lines = []
    for cell in json.loads(text)["cells"]:
        src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        if cell["cell_type"] != "code" or src.lstrip().startswith("%%"):
            continue
        for line in src.split("\n"):
            s = line.strip()
            if s.startswith(("%", "!", "?")) or s.endswith("?"):
                line = line[: len(line) - len(line.lstrip())] + "pass"
            lines.append(line)
    return "\n".join(lines)
def parses(text):
    try:
        ast.parse(code(text))
        return True
    except SyntaxError:
        return False
repo = sys.argv[1]
for path in sys.argv[2:]:
    old = subprocess.check_output(["git", "-C", repo, "show", "HEAD:" + path]).decode()
    new = open(repo + "/" + path, encoding="utf-8").read()
    assert parses(new) or not parses(old), path
PY
}

# only_sources PATCH: every changed line of the diff is a string of a
# cell's source list (the corpus notebooks use the list form).
only_sources() {
	! grep -E '^[+-]' "$1" | grep -vE '^(\+\+\+|---) ' | grep -vqE '^[+-] {4}".*",?$'
}

# --- a real TF1 notebook (TensorFlow-Examples) ---
CORPUS=/work/corpus/aymericdamien+TensorFlow-Examples/notebooks
if [ -d "$CORPUS" ]; then
	NB="$WORK/nb"
	mkdir -p "$NB"
	cp -r "$CORPUS"/. "$NB/"
	(cd "$NB" && git init -q && git_quiet add -A && git_quiet commit -qm base)
	(cd "$NB" && "$BIN" -v 2_BasicModels/logistic_regression.ipynb >"$WORK/lr.patch" 2>"$WORK/lr.err")
	check "logistic_regression: dry run exits 0" [ $? -eq 0 ]
	check "logistic_regression: the diff changes its sources" grep -q '^+    "from mindspore import ops\\n",$' "$WORK/lr.patch"
	check "logistic_regression: only source lines change" only_sources "$WORK/lr.patch"
	check "logistic_regression: diagnostics name the cell" grep -Eq '^2_BasicModels/logistic_regression.ipynb:cell [0-9]+:[0-9]+:[0-9]+: unmapped: tf.placeholder: ' "$WORK/lr.err"
	(cd "$NB" && "$BIN" -q -i 2_BasicModels/logistic_regression.ipynb)
	check "logistic_regression: still valid nbformat 4" valid "$NB/2_BasicModels/logistic_regression.ipynb"
	check "logistic_regression: the code parses as before" parses_as_before "$NB" 2_BasicModels/logistic_regression.ipynb
	check "logistic_regression: outputs and metadata untouched" "$PY" - "$NB" <<'PY'
import json, subprocess, sys
path = "2_BasicModels/logistic_regression.ipynb"
old = json.loads(subprocess.check_output(["git", "-C", sys.argv[1], "show", "HEAD:" + path]))
new = json.load(open(sys.argv[1] + "/" + path))
assert old.keys() == new.keys() and old["metadata"] == new["metadata"]
assert len(old["cells"]) == len(new["cells"])
changed = 0
for a, b in zip(old["cells"], new["cells"]):
    assert {k: v for k, v in a.items() if k != "source"} == {k: v for k, v in b.items() if k != "source"}
    changed += a["source"] != b["source"]
    if a["cell_type"] != "code":
        assert a == b
assert changed > 0
PY
	check "logistic_regression: the trailing newline stays" bash -c "tail -c1 '$NB/2_BasicModels/logistic_regression.ipynb' | od -c | grep -q '\\\\n'"
	(cd "$NB" && git checkout -q .)

	# Every notebook of the repository: git apply of the dry run equals
	# --in-place, and the results are valid notebooks.
	(cd "$NB" && "$BIN" -q . >"$WORK/all.patch" 2>/dev/null)
	check "all notebooks: dry run exits 0" [ $? -eq 0 ]
	check "all notebooks: some change" grep -q '^diff --git a/.*\.ipynb' "$WORK/all.patch"
	check "all notebooks: only source lines change" only_sources "$WORK/all.patch"
	(cd "$NB" && git apply "$WORK/all.patch" && git diff >"$WORK/applied.diff" && git checkout -q .)
	(cd "$NB" && "$BIN" -q -i . && git diff >"$WORK/inplace.diff")
	check "all notebooks: git apply of the dry run equals --in-place" cmp -s "$WORK/applied.diff" "$WORK/inplace.diff"
	mapfile -t changed < <(cd "$NB" && git diff --name-only -- '*.ipynb')
	check "all notebooks: several changed" [ "${#changed[@]}" -ge 5 ]
	check "all notebooks: still valid" valid "${changed[@]/#/$NB/}"
	check "all notebooks: the code parses as before" parses_as_before "$NB" "${changed[@]}"
	(cd "$NB" && "$BIN" -q . >"$WORK/second.patch")
	check "all notebooks: a second run changes nothing" [ ! -s "$WORK/second.patch" ]
else
	echo "note: $CORPUS is missing; the corpus notebooks were not tried"
fi

# --- a small notebook: reports, walk, branch, invalid files ---
S="$WORK/small"
mkdir -p "$S/.ipynb_checkpoints"
"$PY" - "$S/nb.ipynb" <<'PY'
import json, sys
cells = [
    {"cell_type": "markdown", "metadata": {}, "source": ["# tf.stop_gradient(x)\n"]},
    {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
     "source": ["%matplotlib inline\n", "import tensorflow as tf"]},
    {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
     "source": ["y = tf.stop_gradient(1, name=\"y\")\n", "z = tf.nn.moments(y)"]},
]
nb = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4}
open(sys.argv[1], "w").write(json.dumps(nb, indent=1) + "\n")
PY
cp "$S/nb.ipynb" "$S/.ipynb_checkpoints/nb-checkpoint.ipynb"
printf '{"cells": [}\n' >"$S/broken.ipynb"
(cd "$S" && git init -q && git_quiet add -A && git_quiet commit -qm base)
(cd "$S" && "$BIN" -v --report "$WORK/s.json" . >"$WORK/s.patch" 2>"$WORK/s.err")
check "an invalid notebook exits 1" [ $? -eq 1 ]
check "the invalid notebook is named" grep -q "broken.ipynb: not a valid notebook" "$WORK/s.err"
check "the walk finds notebooks" grep -q '^diff --git a/nb.ipynb b/nb.ipynb' "$WORK/s.patch"
check "the walk skips .ipynb_checkpoints" bash -c "! grep -q checkpoint '$WORK/s.json' '$WORK/s.patch'"
check "diagnostics say path:cell N:line:col" grep -q '^nb.ipynb:cell 3:2:5: not-drop-in: tf.nn.moments: ' "$WORK/s.err"
check "JSON records carry the cell" "$PY" - "$WORK/s.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
f = [f for f in r["findings"] if f["api"] == "tf.nn.moments"][0]
assert (f["path"], f["cell"], f["line"], f["column"]) == ("nb.ipynb", 3, 2, 5), f
c = r["conversions"][0]
assert (c["cell"], c["line"], c["column"]) == (3, 1, 5), c
assert all("cell" not in x for x in r["findings"] if x["path"].endswith(".py"))
PY
(cd "$S" && "$BIN" -q --report "$WORK/s.md" nb.ipynb >/dev/null)
check "Markdown locations name the cell" grep -q '`nb.ipynb`: line cell 3:2$' "$WORK/s.md"
(cd "$S" && "$BIN" -q -i nb.ipynb broken.ipynb 2>/dev/null)
check "--in-place leaves the invalid notebook alone" bash -c "cd '$S' && git diff --quiet broken.ipynb"
check "--in-place rewrites the notebook" bash -c "cd '$S' && ! git diff --quiet nb.ipynb"
check "the rewritten notebook is valid" valid "$S/nb.ipynb"
check "the rewritten notebook parses" parses_as_before "$S" nb.ipynb
(cd "$S" && git checkout -q . && "$BIN" -q --branch=nb-migration >/dev/null 2>&1)
check "--branch migrates committed notebooks" bash -c "cd '$S' && git show nb-migration:nb.ipynb | grep -q 'ops.stop_gradient(1)'"
check "--branch keeps the worktree" bash -c "cd '$S' && git diff --quiet"

finish notebook
