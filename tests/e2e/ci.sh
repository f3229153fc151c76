#!/usr/bin/env bash
# End-to-end tests of the CI features: SARIF 2.1.0 reports validated
# against the official schema, --check and --baseline exit codes (the
# ratchet), and the pre-commit hook definition.
# Usage: ci.sh path/to/tfms-rewrite
. "$(dirname "$0")/lib.sh"

# The official schema lives next to the clone (../shared), never in it; the
# validator is Debian's python3-jsonschema (scripts/install-deps.sh). Both
# missing is a failure, not a skip.
SCHEMA="$REPO/../shared/sarif/sarif-schema-2.1.0.json"
PY=${TFMS_PYTHON:-/usr/bin/python3}
check "the SARIF schema is at ../shared/sarif" [ -f "$SCHEMA" ]
"$PY" -c 'import jsonschema' 2>/dev/null
check "python3-jsonschema is installed (scripts/install-deps.sh)" [ $? -eq 0 ]
sarif_valid() { # sarif_valid FILE
	"$PY" - "$SCHEMA" "$1" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2]))
jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
PY
}

fresh_example() {
	rm -rf "$WORK/ex"
	cp -r "$REPO/examples" "$WORK/ex"
	(cd "$WORK/ex" && git init -q && git_quiet add -A && git_quiet commit -qm base)
}

# --- SARIF ---
fresh_example
(cd "$WORK/ex" && "$BIN" -q --report "$WORK/ex.sarif" . >/dev/null)
check "--report x.sarif exits 0" [ $? -eq 0 ]
check "the SARIF validates against the 2.1.0 schema" sarif_valid "$WORK/ex.sarif"
(cd "$WORK/ex" && "$BIN" -q --report "$WORK/ex.json" . >/dev/null)
check "SARIF: one result per finding, notes for reviews" "$PY" - "$WORK/ex.sarif" "$WORK/ex.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
r = json.load(open(sys.argv[2]))
assert s["version"] == "2.1.0"
run = s["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [x["id"] for x in rules]
assert len(ids) == len(set(ids)), "each rule once"
assert all(x["helpUri"].startswith("https://") for x in rules)
res = run["results"]
findings = [x for x in res if not x["ruleId"].startswith("converted/")]
assert len(findings) == len(r["findings"])
for x, f in zip(findings, r["findings"]):
    assert x["ruleId"] == f["kind"] + "/" + f["api"], x
    assert rules[x["ruleIndex"]]["id"] == x["ruleId"]
    assert x["level"] in ("error", "warning", "note")
    assert f["message"] in x["message"]["text"]
    loc = x["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == f["path"]
    reg = loc["region"]
    assert (reg["startLine"], reg["startColumn"]) == (f["line"], f["column"])
    assert (reg["endLine"], reg["endColumn"]) >= (reg["startLine"], reg["startColumn"] + 1)
    assert x["partialFingerprints"]["tfmsFinding/v1"] == f["fingerprint"]
reviews = [c for c in r["conversions"] if c.get("review")]
notes = [x for x in res if x["ruleId"].startswith("converted/")]
assert len(notes) == len(reviews) and all(x["level"] == "note" for x in notes)
PY
(cd "$WORK/ex" && "$BIN" -q --report "$WORK/ex.out" --report-format sarif . >/dev/null)
check "--report-format sarif" cmp -s "$WORK/ex.out" "$WORK/ex.sarif"
BERT=/work/corpus/google-research+bert
if [ -d "$BERT" ]; then
	(cd "$BERT" && "$BIN" -q --report "$WORK/bert.sarif" . >/dev/null)
	check "the SARIF of google-research/bert validates" sarif_valid "$WORK/bert.sarif"
	check "the SARIF of bert has results" grep -q '"ruleId": "' "$WORK/bert.sarif"
fi
# A notebook's results name their cell; odd file names are valid URIs.
mkdir -p "$WORK/odd dir"
printf '{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": ["import tensorflow as tf\\n", "y = tf.nn.moments(1)"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}\n' >"$WORK/odd dir/n%b.ipynb"
(cd "$WORK" && "$BIN" -q --report "$WORK/nb.sarif" "odd dir" >/dev/null)
check "a notebook's SARIF validates" sarif_valid "$WORK/nb.sarif"
check "a notebook's results name the cell" grep -q '"cell": 1' "$WORK/nb.sarif"
check "paths are percent-encoded URIs" grep -q '"uri": "odd%20dir/n%25b.ipynb"' "$WORK/nb.sarif"

# --- --check ---
C="$WORK/chk"
mkdir -p "$C"
printf 'import os\nprint(os.sep)\n' >"$C/clean.py"
(cd "$C" && git init -q && git_quiet add -A && git_quiet commit -qm base)
(cd "$C" && "$BIN" --check . >/dev/null 2>"$WORK/err")
check "--check on code without TF exits 0" [ $? -eq 0 ]
check "--check says it passed" grep -q 'check passed' "$WORK/err"
printf 'import tensorflow as tf\nx = tf.stop_gradient(1, name="x")\n' >"$C/conv.py"
(cd "$C" && "$BIN" --check . >"$WORK/out" 2>"$WORK/err")
check "--check with something to convert exits 1" [ $? -eq 1 ]
check "--check writes nothing" bash -c "cd '$C' && [ -z \"\$(git status --porcelain --untracked-files=no)\" ] && grep -q stop_gradient conv.py && ! grep -q mindspore conv.py"
check "--check prints the diff it would apply" grep -q '^+x = ops.stop_gradient(1)' "$WORK/out"
check "--check says why it failed" grep -q 'check failed: 1 use would be converted, 0 findings at or above error' "$WORK/err"
rm "$C/conv.py"
printf 'import tensorflow as tf\nx = tf.placeholder(tf.float32)\n' >"$C/manual.py"
(cd "$C" && "$BIN" -q --check . >/dev/null 2>"$WORK/err")
check "--check with an error-level finding exits 1" [ $? -eq 1 ]
check "--check -q still prints the verdict" grep -q 'check failed: 0 uses would be converted, 2 findings' "$WORK/err"
(cd "$C" && "$BIN" -q --check --fail-on none . >/dev/null 2>"$WORK/err")
check "--check --fail-on none passes with findings left" [ $? -eq 0 ]
check "--check --fail-on none says findings do not count" grep -q 'check passed: 0 uses would be converted; findings do not fail it (--fail-on none)' "$WORK/err"
check "--check --fail-on none names no level 'none'" bash -c "! grep -q 'at or above none' '$WORK/err'"
(cd "$C" && "$BIN" --check -i . >/dev/null 2>&1)
check "--check with --in-place exits 2" [ $? -eq 2 ]
(cd "$C" && "$BIN" --baseline x.json --branch . >/dev/null 2>&1)
check "--baseline with --branch exits 2" [ $? -eq 2 ]
(cd "$C" && "$BIN" --check --baseline missing.json . >/dev/null 2>"$WORK/err")
check "a missing baseline exits 2" [ $? -eq 2 ]
check "a missing baseline is named" grep -q 'missing.json' "$WORK/err"
printf '{"tool": "tfms-rewrite", "summary": {"tf_uses": 1, "not_converted": 1}, "findings": [{"api": "tf.x"}]}\n' >"$WORK/old.json"
(cd "$C" && "$BIN" --baseline "$WORK/old.json" . >/dev/null 2>"$WORK/err")
check "a baseline without fingerprints exits 2" [ $? -eq 2 ]
check "a baseline without fingerprints says so" grep -q 'has no fingerprint' "$WORK/err"

# --- --baseline: the ratchet ---
B="$WORK/base"
mkdir -p "$B"
cat >"$B/model.py" <<'PY'
import tensorflow as tf


def build(x):
    y = tf.placeholder(tf.float32)
    return tf.nn.moments(x) + y


def loss(a):
    return tf.nn.moments(a)
PY
cp "$B/model.py" "$WORK/model0.py"
(cd "$B" && "$BIN" -q --report "$WORK/base.json" . >/dev/null)
check "the JSON report carries fingerprints" grep -q '"fingerprint": "[0-9a-f]\{16\}"' "$WORK/base.json"
(cd "$B" && "$BIN" -q --baseline "$WORK/base.json" . >/dev/null 2>"$WORK/err")
check "--baseline on the same code exits 0" [ $? -eq 0 ]
check "--baseline says it passed" grep -q 'check passed: 0 new findings' "$WORK/err"
# Moving code: the functions swap places and gain blank lines and comments.
cat >"$B/model.py" <<'PY'
# a comment that moves every line down
import tensorflow as tf


def loss(a):

    return tf.nn.moments(a)


def build(x):
    # and one more
    y = tf.placeholder(  tf.float32 )
    return tf.nn.moments(x) + y
PY
(cd "$B" && "$BIN" -q --baseline "$WORK/base.json" . >/dev/null 2>"$WORK/err")
check "--baseline: an edit that only moves lines passes" [ $? -eq 0 ]
# A new TF use fails, and is named.
printf '\n\ndef more(b):\n    return tf.nn.moments(b)\n' >>"$B/model.py"
(cd "$B" && "$BIN" -q --baseline "$WORK/base.json" . >/dev/null 2>"$WORK/err")
check "--baseline: a new TF use fails" [ $? -eq 1 ]
check "--baseline names the new finding" grep -q '^model.py:17:12: new finding: tf.nn.moments' "$WORK/err"
check "--baseline counts one new finding" grep -q 'check failed: 1 new finding against' "$WORK/err"
# A duplicate of an existing line is new too (fingerprints rank copies).
head -n 14 "$B/model.py" >"$B/tmp" && printf '    return tf.nn.moments(a)\n' >>"$B/tmp" && mv "$B/tmp" "$B/model.py"
(cd "$B" && "$BIN" -q --baseline "$WORK/base.json" . >/dev/null 2>&1)
check "--baseline: a copied TF line fails" [ $? -eq 1 ]
# Migrating a use away (here: deleting it) never trips the ratchet.
grep -v 'def loss\|return tf.nn.moments(a)' "$WORK/model0.py" >"$B/model.py"
(cd "$B" && "$BIN" -q --baseline "$WORK/base.json" . >/dev/null 2>"$WORK/err")
check "--baseline: fewer findings pass" [ $? -eq 0 ]
# The converted share: a baseline with a better share fails the run.
cp "$WORK/model0.py" "$B/model.py"
"$PY" - "$WORK/base.json" "$WORK/better.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["summary"]["tf_uses"] += 10
r["summary"]["converted"] += 10
json.dump(r, open(sys.argv[2], "w"))
PY
(cd "$B" && "$BIN" -q --baseline "$WORK/better.json" . >/dev/null 2>"$WORK/err")
check "--baseline passes while the share does not drop" [ $? -eq 0 ]
"$PY" - "$WORK/base.json" "$WORK/fewer.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
r["summary"]["not_converted"] -= 1
r["summary"]["converted"] += 1
json.dump(r, open(sys.argv[2], "w"))
PY
(cd "$B" && "$BIN" -q --baseline "$WORK/fewer.json" . >/dev/null 2>"$WORK/err")
check "--baseline: a dropping converted share fails" [ $? -eq 1 ]
check "--baseline says the share dropped" grep -q 'dropped' "$WORK/err"

# --- pre-commit ---
HOOKS="$REPO/.pre-commit-hooks.yaml"
check "pre-commit hooks file exists" [ -f "$HOOKS" ]
check "the pre-commit hook runs --check" "$PY" - "$HOOKS" <<'PY'
import sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
h = [x for x in hooks if x["id"] == "tfms-check"][0]
assert h["entry"].split()[0] == "tfms-rewrite" and "--check" in h["entry"].split()
assert h["types_or"] == ["python", "jupyter"] and h.get("pass_filenames", True)
assert h["language"] in ("system", "unsupported")
PY

finish ci
