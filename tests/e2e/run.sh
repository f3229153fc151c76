#!/usr/bin/env bash
# End-to-end tests of the tfms-rewrite binary: exit codes, dry-run vs
# --in-place vs `git apply`, idempotence, reports, file discovery.
# Usage: run.sh path/to/tfms-rewrite
. "$(dirname "$0")/lib.sh"

# A fresh copy of the bundled example, as a git checkout.
fresh_example() {
	rm -rf "$WORK/ex"
	cp -r "$REPO/examples" "$WORK/ex"
	(cd "$WORK/ex" && git init -q && git_quiet add -A && git_quiet commit -qm base)
}

# --- usage and exit codes ---
"$BIN" --help >"$WORK/out" 2>&1
check "--help exits 0" [ $? -eq 0 ]
check "--help lists --in-place" grep -q -- "--in-place" "$WORK/out"
check "--version prints the version" bash -c "'$BIN' --version | grep -Eq '^tfms-rewrite [0-9]+\.[0-9]+\.[0-9]+$'"
"$BIN" --bogus >/dev/null 2>"$WORK/err"
check "unknown option exits 2" [ $? -eq 2 ]
check "unknown option is named" grep -q "unknown option '--bogus'" "$WORK/err"
"$BIN" --dry-run --in-place . >/dev/null 2>&1
check "--dry-run with --in-place exits 2" [ $? -eq 2 ]
"$BIN" --report "$WORK/r.txt" . >/dev/null 2>&1
check "unknown report extension exits 2" [ $? -eq 2 ]
"$BIN" -q -v . >/dev/null 2>&1
check "--quiet with --verbose exits 2" [ $? -eq 2 ]
"$BIN" -j 0 . >/dev/null 2>&1
check "-j 0 exits 2" [ $? -eq 2 ]

# --- bad rules: exit 2, nothing done ---
fresh_example
printf 'rules:\n  - api: tf.stop_gradient\n    bogus: 1\n' >"$WORK/bad.yaml"
(cd "$WORK/ex" && "$BIN" -i --rules "$WORK/bad.yaml" . >/dev/null 2>"$WORK/err")
check "bad rule file exits 2" [ $? -eq 2 ]
check "bad rule message names file and key" grep -q "bad.yaml:3: unknown key 'bogus'" "$WORK/err"
check "bad rules change nothing" bash -c "cd '$WORK/ex' && git diff --quiet"
# A wrapped error (the signature parser's message, located by the loader)
# reads once, with its location.
printf 'rules:\n  - api: tf.stop_gradient\n    tf_signature: "stop_gradient(input"\n' >"$WORK/badsig.yaml"
"$BIN" --rules "$WORK/badsig.yaml" "$WORK/ex" >/dev/null 2>"$WORK/err"
check "bad signature exits 2" [ $? -eq 2 ]
check "bad signature message is located, once" \
	grep -qx "tfms-rewrite: $WORK/badsig.yaml:3: malformed signature 'stop_gradient(input'" "$WORK/err"
check "bad signature message names the file once" [ "$(grep -o 'badsig.yaml' "$WORK/err" | wc -l)" -eq 1 ]

# --- dry run: prints a diff, changes nothing; git apply == --in-place ---
fresh_example
(cd "$WORK/ex" && "$BIN" . >"$WORK/dry.patch" 2>"$WORK/err")
check "dry run exits 0" [ $? -eq 0 ]
check "dry run leaves files alone" bash -c "cd '$WORK/ex' && git diff --quiet"
check "dry run prints a git diff" grep -q '^diff --git a/mnist_gan/losses.py b/mnist_gan/losses.py' "$WORK/dry.patch"
check "summary on stderr" grep -q 'files scanned' "$WORK/err"
check "findings grouped by phase by default" grep -q 'Optimizer, gradients and training loop: .*tf.gradients' "$WORK/err"
check "no finding list by default" bash -c "! grep -Eq '^mnist_gan/train.py:[0-9]+:[0-9]+: ' '$WORK/err'"
(cd "$WORK/ex" && "$BIN" -v . >/dev/null 2>"$WORK/err")
check "-v: findings as path:line:col: kind: message" grep -Eq '^mnist_gan/train.py:[0-9]+:[0-9]+: diff: tf.gradients: ' "$WORK/err"
(cd "$WORK/ex" && git apply "$WORK/dry.patch" && git diff >"$WORK/applied.diff" && git checkout -q .)
(cd "$WORK/ex" && "$BIN" -q -i . && git diff >"$WORK/inplace.diff")
check "git apply of the dry run equals --in-place" cmp -s "$WORK/applied.diff" "$WORK/inplace.diff"
check "--in-place changed something" [ -s "$WORK/inplace.diff" ]
(cd "$WORK/ex" && "$BIN" -q . >"$WORK/second.patch")
check "second run has nothing to change" [ ! -s "$WORK/second.patch" ]
if command -v patch >/dev/null 2>&1; then
	fresh_example
	(cd "$WORK/ex" && patch -s -p1 <"$WORK/dry.patch" && git diff >"$WORK/patched.diff")
	check "patch -p1 applies the dry run" cmp -s "$WORK/patched.diff" "$WORK/inplace.diff"
fi

# --- -j N gives the same output ---
fresh_example
(cd "$WORK/ex" && "$BIN" -j1 --report "$WORK/j1.json" . >"$WORK/j1.patch" 2>"$WORK/j1.err")
(cd "$WORK/ex" && "$BIN" -j3 --report "$WORK/j3.json" . >"$WORK/j3.patch" 2>"$WORK/j3.err")
check "-j1 and -j3 give the same diff" cmp -s "$WORK/j1.patch" "$WORK/j3.patch"
check "-j1 and -j3 give the same diagnostics" cmp -s "$WORK/j1.err" "$WORK/j3.err"
check "-j1 and -j3 give the same report" cmp -s "$WORK/j1.json" "$WORK/j3.json"

# --- reports are streamed: the same bytes for any -j, on disk or stdout ---
# Many files with records of every kind: the golden inputs.
mkdir -p "$WORK/many"
for c in "$REPO"/tests/golden/*/; do
	for f in "$c"input.*; do
		cp "$f" "$WORK/many/$(basename "$c").${f##*.}"
	done
done
for fmt in json md sarif; do
	(cd "$WORK/many" && "$BIN" -j1 --report "$WORK/s1.$fmt" . >/dev/null 2>&1)
	(cd "$WORK/many" && "$BIN" -j2 --report "$WORK/s2.$fmt" . >/dev/null 2>&1)
	(cd "$WORK/many" && "$BIN" -j2 --report - --report-format "$fmt" . 2>/dev/null >"$WORK/s3.$fmt")
	check "a $fmt report has content" [ -s "$WORK/s1.$fmt" ]
	check "-j1 and -j2 give the same $fmt report" cmp -s "$WORK/s1.$fmt" "$WORK/s2.$fmt"
	check "the $fmt report on stdout is the file's" cmp -s "$WORK/s1.$fmt" "$WORK/s3.$fmt"
done
# A report whose write fails half-way (a file size limit, SIGXFSZ
# ignored so write fails with EFBIG) is not left behind, nor are its
# temporary files, and a report already there stays as it was.
for fmt in json md sarif; do
	rm -rf "$WORK/full" && mkdir "$WORK/full"
	(trap '' XFSZ; ulimit -f 2; cd "$WORK/many" &&
		"$BIN" -j2 --report "$WORK/full/r.$fmt" . >/dev/null 2>"$WORK/full.err")
	check "a failed $fmt report write exits 1" [ $? -eq 1 ]
	check "a failed $fmt report write names the file" grep -q "full/r\.$fmt: cannot write" "$WORK/full.err"
	check "a failed $fmt report write leaves no file" [ -z "$(ls -A "$WORK/full")" ]
	echo keep >"$WORK/full/r.$fmt"
	(trap '' XFSZ; ulimit -f 2; cd "$WORK/many" &&
		"$BIN" -j2 --report "$WORK/full/r.$fmt" . >/dev/null 2>&1)
	check "a failed $fmt report write keeps the old report" [ "$(cat "$WORK/full/r.$fmt")" = keep ]
	check "a failed $fmt report write leaves no temporary file" [ "$(ls -A "$WORK/full")" = "r.$fmt" ]
done

# --- reports ---
check "JSON report has the documented keys" grep -q '"findings"' "$WORK/j1.json"
if command -v python3 >/dev/null 2>&1; then
	check "JSON report is consistent" python3 - "$WORK/j1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
assert r["tool"] == "tfms-rewrite"
assert s["tf_uses"] == s["converted"] + s["not_converted"]
assert s["converted"] == len(r["conversions"]) and s["not_converted"] == len(r["findings"])
kinds = {"diff", "not-drop-in", "unmapped", "unsupported-args", "dynamic", "parse-error"}
assert all(f["kind"] in kinds for f in r["findings"])
assert all(f["line"] >= 1 and f["column"] >= 1 for f in r["findings"] + r["conversions"])
g = [f for f in r["findings"] if f["api"] == "tf.gradients"]
assert g and g[0]["doc_url"].endswith("/r2.1/note/api_mapping/tensorflow_diff/grad.html"), g
PY
fi
(cd "$WORK/ex" && "$BIN" -q --report "$WORK/report.md" . >/dev/null)
check "Markdown report says where the migration stands" grep -q '^## Where the migration stands' "$WORK/report.md"
check "Markdown report groups the work by phase" grep -q '^### [0-9]*\. Optimizer, gradients and training loop: 1 use' "$WORK/report.md"
check "Markdown report collapses an API per file" grep -q '^  - `mnist_gan/train.py`: line [0-9]*$' "$WORK/report.md"
check "Markdown report has a checklist by file" grep -q '^- \[ \] Optimizer, gradients and training loop: `tf.gradients`, line [0-9]*' "$WORK/report.md"
(cd "$WORK/ex" && "$BIN" -q --report "$WORK/report.out" --report-format json . >/dev/null)
check "--report-format overrides the extension" grep -q '"tool": "tfms-rewrite"' "$WORK/report.out"

# --- in place keeps the file mode; bad paths are errors, others go on ---
fresh_example
chmod 755 "$WORK/ex/mnist_gan/losses.py"
(cd "$WORK/ex" && "$BIN" -q -i mnist_gan)
check "--in-place keeps the file mode" [ "$(stat -c %a "$WORK/ex/mnist_gan/losses.py")" = 755 ]
check "--in-place leaves no temporary files" bash -c "! ls -a '$WORK/ex/mnist_gan' | grep -q tfms-"
fresh_example
(cd "$WORK/ex" && "$BIN" -q -i missing.py mnist_gan 2>"$WORK/err")
check "a missing path exits 1" [ $? -eq 1 ]
check "the missing path is named" grep -q "missing.py" "$WORK/err"
check "the other files were still processed" bash -c "! (cd '$WORK/ex' && git diff --quiet)"
printf 'import tensorflow as tf\nx = tf.stop_gradient(1)\n' >"$WORK/ex/big.py"
truncate -s 17M "$WORK/ex/big.py"
(cd "$WORK/ex" && "$BIN" -q big.py 2>"$WORK/err")
check "an oversized file exits 1" [ $? -eq 1 ]
check "the oversized file is named with the reason" grep -q "big.py: file too large" "$WORK/err"
# libgit2 starts (and loads the CA certificates, ~50 ms) only when needed:
# not for a dry run outside any checkout, but for one inside (.gitignore).
if command -v strace >/dev/null 2>&1; then
	O=$(mktemp -d)
	printf 'import tensorflow as tf\nx = tf.stop_gradient(1)\n' >"$O/m.py"
	(cd "$O" && strace -f -e trace=openat -o "$O/trace" "$BIN" -q m.py >"$O/diff")
	check "a dry run outside git does not start libgit2" bash -c "! grep -q 'ca-certificates\\|/etc/ssl' '$O/trace'"
	check "that dry run still prints the diff" grep -q '^+x = ' "$O/diff"
	(cd "$O" && git init -q && strace -f -e trace=openat -o "$O/trace" "$BIN" -q . >/dev/null)
	check "a dry run in a checkout starts libgit2 for .gitignore" grep -q '/etc/ssl' "$O/trace"
	rm -rf "$O"
fi

# --- file discovery ---
T="$WORK/tree"
mkdir -p "$T/pkg" "$T/.hidden" "$T/__pycache__" "$T/venv" "$T/env2" "$T/lib/site-packages" "$T/ignored"
for f in pkg/a.py .hidden/b.py __pycache__/c.py venv/d.py env2/e.py lib/site-packages/f.py ignored/g.py pkg/h.txt; do
	printf 'import tensorflow as tf\nx = tf.stop_gradient(1)\n' >"$T/$f"
done
touch "$T/env2/pyvenv.cfg"
ln -s "$T/pkg/a.py" "$T/link.py"
(cd "$T" && git init -q && printf 'ignored/\n' >.gitignore)
(cd "$T" && "$BIN" --report "$WORK/walk.json" . >/dev/null 2>&1)
check "walk finds pkg/a.py" grep -q '"path": "pkg/a.py"' "$WORK/walk.json"
for skipped in .hidden/b.py __pycache__/c.py venv/d.py env2/e.py site-packages/f.py ignored/g.py link.py h.txt; do
	check "walk skips $skipped" bash -c "! grep -q '$skipped' '$WORK/walk.json'"
done

# --- CRLF survives the round trip ---
C="$WORK/crlf"
mkdir -p "$C"
printf 'import tensorflow as tf\r\n\r\nx = tf.stop_gradient(1, name="x")\r\n' >"$C/m.py"
(cd "$C" && git init -q && git_quiet add -A && git_quiet commit -qm base && "$BIN" -q . >"$WORK/crlf.patch" && git apply "$WORK/crlf.patch")
check "CRLF file converts" bash -c "printf 'from mindspore import ops\r\n\r\nx = ops.stop_gradient(1)\r\n' | cmp -s - '$C/m.py'"

# --- the shipped and upstream tables load ---
fresh_example
(cd "$WORK/ex" && "$BIN" -q --rules "$REPO/rules" . >"$WORK/rules-dir.patch" 2>&1)
check "--rules rules/ equals the built-in rules" cmp -s "$WORK/rules-dir.patch" "$WORK/j1.patch"
SEED="$REPO/../shared/000_0b7fb78631909bcd.txt"
if [ -f "$SEED" ]; then
	(cd "$WORK/ex" && "$BIN" -v --rules "$SEED" --rules "$REPO/rules/tf115.yaml" . >/dev/null 2>"$WORK/seed.err")
	check "the seed excerpt loads with the detail rules" grep -q 'tf.gradients: ' "$WORK/seed.err"
fi
UPSTREAM="$REPO/../shared/mapping/tensorflow_1.15_api_mapping.md"
if [ -f "$UPSTREAM" ]; then
	(cd "$WORK/ex" && "$BIN" --rules "$UPSTREAM" --rules "$REPO/rules/tf115.yaml" --report "$WORK/up.json" . >/dev/null 2>&1)
	check "the upstream 1.15 table loads with the seed details" [ $? -eq 0 ]
	check "upstream rows without details are not-drop-in" grep -q '"api": "tf.ones_like"' "$WORK/up.json"
fi

# --- pathological nesting: no stack overflow, no quadratic walk ---
python_deep() {
	local n=$1 i
	printf 'import tensorflow as tf\nx = '
	for ((i = 0; i < n; i++)); do printf '('; done
	printf 'tf.stop_gradient(1)'
	for ((i = 0; i < n; i++)); do printf ')'; done
	printf '\ny = tf.stop_gradient(0)'
	for ((i = 1; i < 5000; i++)); do printf ' + tf.stop_gradient(%d)' "$i"; done
	printf '\n'
}
# 200 levels of brackets (199 and the call's) is as deep as CPython goes;
# resolve.sh checks deeper files.
python_deep 199 >"$WORK/deep.py"
timeout 120 "$BIN" -q -j1 "$WORK/deep.py" >"$WORK/deep.patch"
check "deeply nested and very long expressions convert" [ $? -eq 0 ]
check "all 5001 uses on those lines convert" [ "$(grep -o 'ops.stop_gradient' "$WORK/deep.patch" | wc -l)" -eq 5001 ]

# --- progress: one self-updating line on a terminal, never elsewhere ---
if command -v script >/dev/null 2>&1; then
	fresh_example
	(cd "$WORK/ex" && TFMS_PROGRESS_DELAY=0 script -qec "'$BIN' . >/dev/null" /dev/null >"$WORK/tty.out")
	check "progress shows on a terminal" grep -q 'files/s' "$WORK/tty.out"
	check "progress counts the files" grep -q '4/4 files' "$WORK/tty.out"
	(cd "$WORK/ex" && TFMS_PROGRESS_DELAY=0 script -qec "'$BIN' -q . >/dev/null" /dev/null >"$WORK/tty-q.out")
	check "--quiet shows no progress" bash -c "! grep -q 'files/s' '$WORK/tty-q.out'"
fi
(cd "$WORK/ex" && TFMS_PROGRESS_DELAY=0 "$BIN" . >/dev/null 2>"$WORK/notty.err")
check "no progress when stderr is not a terminal" bash -c "! grep -q 'files/s' '$WORK/notty.err'"

# --- the rule list ---
"$BIN" --list-rules >"$WORK/rules.txt"
check "--list-rules exits 0" [ $? -eq 0 ]
check "--list-rules shows aliases and decisions" grep -q '^tf.math.add (also tf.add) -> mindspore.ops.add \[consistent, review\]' "$WORK/rules.txt"
"$BIN" --list-rules --format=md >"$WORK/rules.md"
check "--list-rules --format=md is a table" grep -q '^| `tf.nn.relu` |' "$WORK/rules.md"
"$BIN" --list-rules --format=json >"$WORK/rules.json"
if command -v python3 >/dev/null 2>&1; then
	check "--list-rules --format=json lists every row" python3 - "$WORK/rules.json" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1]))
assert len(rules) >= 150, len(rules)
assert sum(r["origin"] == "project" for r in rules) >= 100, rules
for r in rules:
    assert {"api", "aliases", "ms_api", "status", "decision", "reason"} <= r.keys(), r
    assert r["decision"] in ("auto", "review", "manual"), r
PY
fi
"$BIN" --format=json >/dev/null 2>&1
check "--format without --list-rules exits 2" [ $? -eq 2 ]

# --- colour ---
fresh_example
(cd "$WORK/ex" && "$BIN" --color=always . >"$WORK/color.patch" 2>/dev/null)
check "--color=always colours the diff" grep -q $'\033\[32m' "$WORK/color.patch"
(cd "$WORK/ex" && "$BIN" --color=never . >"$WORK/plain.patch" 2>/dev/null)
check "--color=never does not" bash -c "! grep -q $'\033' '$WORK/plain.patch'"
(cd "$WORK/ex" && "$BIN" -q . 2>"$WORK/quiet.err" >/dev/null)
check "--quiet prints nothing on a clean run" [ ! -s "$WORK/quiet.err" ]
(cd "$WORK/ex" && "$BIN" -v . 2>"$WORK/verbose.err" >/dev/null)
check "--verbose prints every conversion" grep -Eq '^mnist_gan/losses.py:[0-9]+:[0-9]+: converted: tf.stop_gradient -> mindspore.ops.stop_gradient$' "$WORK/verbose.err"
if command -v script >/dev/null 2>&1; then
	(cd "$WORK/ex" && script -qec "'$BIN' . 2>/dev/null" /dev/null >"$WORK/tty-color.out")
	check "--color=auto colours a terminal" grep -q $'\033\[32m' "$WORK/tty-color.out"
	(cd "$WORK/ex" && NO_COLOR=1 script -qec "'$BIN' . 2>/dev/null" /dev/null >"$WORK/tty-nocolor.out")
	check "NO_COLOR turns auto colour off" bash -c "! grep -q $'\033\[32m' '$WORK/tty-nocolor.out'"
fi

# --mindspore-version picks the rules' forms and is recorded in the report.
mkdir -p "$WORK/msv"
printf 'import tensorflow as tf\n\ny = tf.nn.softplus(x)\nz = tf.slice(x, [0], [1])\n' >"$WORK/msv/a.py"
"$BIN" -v --mindspore-version 2.1 --report "$WORK/msv.json" "$WORK/msv/a.py" >"$WORK/msv.diff" 2>"$WORK/msv.err"
check "--mindspore-version 2.1 leaves softplus (2.2 and later)" grep -q "needs MindSpore 2.2-; the chosen release is 2.1" "$WORK/msv.err"
check "--mindspore-version 2.1 uses ops.slice" grep -q '^+z = ops.slice(x, (0,), (1,))' "$WORK/msv.diff"
check "the report records the release" grep -q '"ms_version": "2.1"' "$WORK/msv.json"
"$BIN" --mindspore-version 2.4 "$WORK/msv/a.py" >"$WORK/msv24.diff" 2>/dev/null
check "--mindspore-version 2.4 uses the Slice primitive" grep -q '^+z = ops.Slice()(x, (0,), (1,))' "$WORK/msv24.diff"
check "--mindspore-version 2.4 converts softplus" grep -q '^+y = ops.softplus(x)' "$WORK/msv24.diff"
"$BIN" --mindspore-version 1.9 "$WORK/msv/a.py" >/dev/null 2>"$WORK/msv19.err"
check "--mindspore-version outside the known releases exits 2" [ $? -eq 2 ]
check "... and says which releases are known" grep -q "not a release the rules know (2.0 to 2.7)" "$WORK/msv19.err"
"$BIN" --help >"$WORK/help.txt"
check "--help names --mindspore-version and its default" grep -q "mindspore-version=X.Y" "$WORK/help.txt"

# --- converted type checks are listed apart (issue 9) ---
"$BIN" -q --report "$WORK/types.md" "$REPO/tests/golden/tensor_type/input.py" >/dev/null 2>&1
check "the report lists converted type checks in their own section" grep -q '^## Type checks and references to review now' "$WORK/types.md"
check "... each with its place" grep -q 'input.py:11:23` `tf.Tensor` → `mindspore.Tensor`' "$WORK/types.md"
check "the report names the MindSpore release" grep -q '^Made by tfms-rewrite [0-9.]* for MindSpore 2\.[0-9]' "$WORK/types.md"

finish e2e
