#!/usr/bin/env bash
# End-to-end tests of what the tool must never do: overwrite user data,
# write half a result with exit 0, skip a file silently, or hang.
# Usage: robust.sh path/to/tfms-rewrite
. "$(dirname "$0")/lib.sh"
export HOME="$WORK/home"
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1

sum_tree() { (cd "$1" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 md5sum); }

# --- a report path that is an input is refused before anything is done ---
make_repo "$WORK/ex"
before=$(sum_tree "$WORK/ex")
(cd "$WORK/ex" && "$BIN" -i --report mnist_gan/train.py --report-format md . >/dev/null 2>"$WORK/err")
check "--report onto an input exits 2" [ $? -eq 2 ]
check "--report onto an input says why" grep -q "report.*mnist_gan/train.py.*is an input" "$WORK/err"
check "--report onto an input changes nothing" [ "$before" = "$(sum_tree "$WORK/ex")" ]
(cd "$WORK/ex" && "$BIN" --report ./mnist_gan/../mnist_gan/train.py --report-format json mnist_gan/train.py >/dev/null 2>&1)
check "--report onto an input by another spelling exits 2" [ $? -eq 2 ]
check "... and leaves it alone" [ "$before" = "$(sum_tree "$WORK/ex")" ]
printf 'version: 1\nrules: []\n' >"$WORK/ex/extra.yaml"
before=$(sum_tree "$WORK/ex")
(cd "$WORK/ex" && "$BIN" --rules extra.yaml --report extra.yaml --report-format md . >/dev/null 2>&1)
check "--report onto a rules file exits 2" [ $? -eq 2 ]
check "... and leaves it alone" [ "$before" = "$(sum_tree "$WORK/ex")" ]
rm "$WORK/ex/extra.yaml"

# --- an unwritable report is found before any file is rewritten ---
make_repo "$WORK/ex"
before=$(sum_tree "$WORK/ex")
(cd "$WORK/ex" && "$BIN" -i --report "$WORK/no/such/dir/r.json" . >/dev/null 2>"$WORK/err")
check "unwritable --report exits 2" [ $? -eq 2 ]
check "unwritable --report is named" grep -q "no/such/dir/r.json" "$WORK/err"
check "unwritable --report: nothing rewritten" [ "$before" = "$(sum_tree "$WORK/ex")" ]
mkdir -p "$WORK/ex/adir"
(cd "$WORK/ex" && "$BIN" -i --report adir --report-format md . >/dev/null 2>"$WORK/err")
check "--report onto a directory exits 2" [ $? -eq 2 ]
check "--report onto a directory: nothing rewritten" [ "$before" = "$(sum_tree "$WORK/ex")" ]
rmdir "$WORK/ex/adir"

# --- writes to stdout are checked ---
if [ -w /dev/full ]; then
	(cd "$WORK/ex" && "$BIN" . >/dev/full 2>"$WORK/err")
	check "a diff to a full disk exits 1" [ $? -eq 1 ]
	check "a diff to a full disk says so" grep -q "cannot write the diff" "$WORK/err"
	(cd "$WORK/ex" && "$BIN" --list-rules >/dev/full 2>/dev/null)
	check "--list-rules to a full disk exits 1" [ $? -eq 1 ]
	(cd "$WORK/ex" && "$BIN" --report - --report-format json . >/dev/full 2>/dev/null)
	check "--report - to a full disk exits 1" [ $? -eq 1 ]
fi

# --- option clusters behave like separate options ---
"$BIN" -qv . >/dev/null 2>"$WORK/err"
check "-qv is refused like -q -v" [ $? -eq 2 ]
"$BIN" -vq . >/dev/null 2>"$WORK/err"
check "-vq is refused like -v -q" [ $? -eq 2 ]

# --- a FIFO never blocks the run ---
mkdir -p "$WORK/fifo"
cp "$REPO/examples/mnist_gan/losses.py" "$WORK/fifo/a.py"
mkfifo "$WORK/fifo/b.py"
timeout 20 "$BIN" "$WORK/fifo/b.py" "$WORK/fifo/a.py" >/dev/null 2>"$WORK/err"
rc=$?
check "a FIFO on the command line does not hang" [ $rc -ne 124 ]
check "a FIFO on the command line is an error (exit 1)" [ $rc -eq 1 ]
check "a FIFO is named with the reason" grep -q "b.py: not a regular file" "$WORK/err"
timeout 20 "$BIN" "$WORK/fifo" >/dev/null 2>&1
check "a FIFO in a walked directory does not hang" [ $? -ne 124 ]
timeout 20 "$BIN" --rules "$WORK/fifo/b.py" "$WORK/fifo/a.py" >/dev/null 2>"$WORK/err"
rc=$?
check "a FIFO as --rules does not hang" [ $rc -ne 124 ]
check "a FIFO as --rules exits 2" [ $rc -eq 2 ]
rm -f "$WORK/fifo/b.py"

# --- paths longer than PATH_MAX are reported, not skipped silently ---
deep="$WORK/deep"
mkdir -p "$deep"
cp "$REPO/examples/mnist_gan/losses.py" "$deep/a.py"
python3 - "$deep" "$REPO/examples/mnist_gan/losses.py" <<'PY'
import os, sys, shutil
root, src = sys.argv[1], sys.argv[2]
fd = os.open(root, os.O_RDONLY)
for i in range(1, 46):
    name = 'd%0100d' % i
    os.mkdir(name, dir_fd=fd)
    nfd = os.open(name, os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
with open(src, 'rb') as f:
    data = f.read()
out = os.open('deep.py', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
os.write(out, data)
os.close(out)
PY
(cd "$deep" && "$BIN" . >/dev/null 2>"$WORK/err")
rc=$?
check "a file under a path longer than PATH_MAX is an error (exit 1)" [ $rc -eq 1 ]
check "... that names the file" grep -q 'deep.py: cannot open: File name too long' "$WORK/err"
python3 -c "import shutil,sys; shutil.rmtree(sys.argv[1])" "$deep"

# --- --in-place keeps owner, group and hard links ---
if [ "$(id -u)" -eq 0 ]; then
	make_repo "$WORK/own"
	f="$WORK/own/mnist_gan/losses.py"
	chown 1234:2345 "$f"
	(cd "$WORK/own" && "$BIN" -q -i mnist_gan/losses.py)
	check "--in-place keeps the owner and group" [ "$(stat -c %u:%g "$f")" = "1234:2345" ]
	check "... of a migrated file" grep -q mindspore "$f"
fi
# A hard-linked file is refused (a rename would split the names), named.
make_repo "$WORK/hl"
f="$WORK/hl/mnist_gan/losses.py"
ln "$f" "$WORK/hl/other-name.txt"
before=$(md5sum <"$f")
(cd "$WORK/hl" && "$BIN" -q -i mnist_gan/losses.py 2>"$WORK/err")
check "a hard-linked file exits 1" [ $? -eq 1 ]
check "... says why" grep -q "losses.py: has 2 hard links" "$WORK/err"
check "... and both names keep the old text" bash -c "[ '$before' = \"\$(md5sum <'$f')\" ] && cmp -s '$f' '$WORK/hl/other-name.txt'"
# Temporary files of a killed run are removed by the next --in-place run.
make_repo "$WORK/tmpf"
touch "$WORK/tmpf/mnist_gan/.losses.py.tfms-999999999-abcdef"
touch "$WORK/tmpf/mnist_gan/.losses.py.tfms-$$-abcdef"
(cd "$WORK/tmpf" && "$BIN" -q -i . 2>/dev/null)
check "a stale temporary file is removed" [ ! -e "$WORK/tmpf/mnist_gan/.losses.py.tfms-999999999-abcdef" ]
check "a live process's temporary file is kept" [ -e "$WORK/tmpf/mnist_gan/.losses.py.tfms-$$-abcdef" ]

# --- the summary does not count conversions in files that failed to write ---
if [ "$(id -u)" -ne 0 ]; then
	make_repo "$WORK/ro"
	chmod a-w "$WORK/ro/mnist_gan"
	(cd "$WORK/ro" && "$BIN" -i . >/dev/null 2>"$WORK/err")
	check "a file that cannot be written exits 1" [ $? -eq 1 ]
	chmod u+w "$WORK/ro/mnist_gan"
fi

# --- --branch: every error is one line, exit 2, before any object ---
objects() { (cd "$1" && git count-objects -v | grep -E '^(count|in-pack):' | tr '\n' ' '); }
B="$WORK/br"
make_repo "$B"
(cd "$B" && echo notes >NOTES.md && git add NOTES.md && git commit -qm notes)
(cd "$B" && "$BIN" --branch --report-path=NOTES.md >/dev/null 2>"$WORK/err")
check "--report-path onto a committed file exits 2" [ $? -eq 2 ]
check "... says it exists" grep -q "report-path 'NOTES.md' is a file of HEAD" "$WORK/err"
check "... makes no branch" bash -c "! git -C '$B' rev-parse -q --verify mindspore-migration"
(cd "$B" && "$BIN" --branch --force --report-path=mnist_gan/train.py >/dev/null 2>"$WORK/err")
check "--report-path onto a migrated file exits 2, even with --force" [ $? -eq 2 ]
check "... says why" grep -q "is a file the migration rewrites" "$WORK/err"
(cd "$B" && "$BIN" --branch --report-path=mnist_gan >/dev/null 2>"$WORK/err")
check "--report-path onto a directory exits 2" [ $? -eq 2 ]
(cd "$B" && "$BIN" --branch --report-path=.git/x.md >/dev/null 2>"$WORK/err")
check "--report-path into .git exits 2" [ $? -eq 2 ]
(cd "$B" && "$BIN" --branch --report-path=/etc/x.md >/dev/null 2>"$WORK/err")
check "--report-path outside the repository exits 2" [ $? -eq 2 ]
(cd "$B" && "$BIN" --branch --report-path="$B/docs/m.md" >/dev/null 2>"$WORK/err")
check "an absolute --report-path inside the repository works" [ $? -eq 0 ]
check "... at its place in the repository" git -C "$B" cat-file -e mindspore-migration:docs/m.md
(cd "$B" && "$BIN" -q --branch=b2 --force --report-path=NOTES.md >/dev/null 2>&1)
check "--force allows --report-path onto a committed file" [ $? -eq 0 ]
make_repo "$B"
n0=$(objects "$B")
(cd "$B" && "$BIN" --branch nosuchdir >/dev/null 2>"$WORK/err")
check "a PATH that is not in the base exits 2" [ $? -eq 2 ]
check "... names it" grep -q "'nosuchdir' is not in HEAD" "$WORK/err"
check "... writes no object" [ "$n0" = "$(objects "$B")" ]
(cd "$B" && "$BIN" -q --branch "$B/mnist_gan" >/dev/null 2>"$WORK/err")
check "an absolute PATH inside the repository works" [ $? -eq 0 ]
check "... and converts" bash -c "git -C '$B' diff --quiet main mindspore-migration -- mnist_gan; [ \$? -eq 1 ]"
make_repo "$B"
(cd "$B" && printf 'mnist_gan/\n' >.gitignore)
(cd "$B" && "$BIN" -q --branch >/dev/null 2>&1)
check "committed files are migrated whatever the working tree ignores" bash -c "git -C '$B' diff --quiet main mindspore-migration -- mnist_gan; [ \$? -eq 1 ]"
make_repo "$B"
git -C "$B" branch mindspore-migration
git -C "$B" worktree add -q "$WORK/wt" mindspore-migration 2>/dev/null
n0=$(objects "$B")
(cd "$B" && "$BIN" --branch --force >/dev/null 2>"$WORK/err")
check "--force onto a branch checked out elsewhere exits 2" [ $? -eq 2 ]
check "... says where" grep -q "checked out" "$WORK/err"
check "... writes no object" [ "$n0" = "$(objects "$B")" ]
git -C "$B" worktree remove --force "$WORK/wt"
(cd "$B" && "$BIN" --branch --force >/dev/null 2>"$WORK/err")
check "--force moving a branch says moved" grep -q "branch 'mindspore-migration' moved" "$WORK/err"
make_repo "$B"
git -C "$B" branch mindspore-migration/old
n0=$(objects "$B")
(cd "$B" && "$BIN" --branch >/dev/null 2>"$WORK/err")
check "a branch name that clashes with a ref directory exits 2" [ $? -eq 2 ]
check "... writes no object" [ "$n0" = "$(objects "$B")" ]

# --- rules files are user input: a key twice in one mapping is an error ---
# ('args:' twice once overflowed a heap buffer; deleting one '- api:' line
# of the shipped file merges two rules into one mapping.)
printf 'import tensorflow as tf\ny = tf.stop_gradient(x)\n' >"$WORK/sg.py"
dup_rule() { # dup_rule FILE KEY-LINES...
	local f=$1
	shift
	{
		printf 'version: 1\nrules:\n  - api: tf.stop_gradient\n'
		printf '    tf_signature: stop_gradient(input, name=None)\n'
		printf '    ms_signature: stop_gradient(value)\n    ms_form: function\n'
		printf '%s\n' "$@"
		printf '    call: auto\n'
	} >"$f"
}
dup_rule "$WORK/dup1.yaml" "    args:" "      name: drop" "    args:" "      name: drop"
dup_rule "$WORK/dup2.yaml" "    exports: [tf.a]" "    exports: [tf.b]"
dup_rule "$WORK/dup3.yaml" "    args:" "      name: drop" "      name: drop"
dup_rule "$WORK/dup4.yaml" "    args:" "      input: {to: value, to: value}"
for k in 1 2 3 4; do
	"$BIN" --rules "$WORK/dup$k.yaml" "$WORK/sg.py" >/dev/null 2>"$WORK/err"
	check "a key given twice in a rule ($k) exits 2" [ $? -eq 2 ]
	check "... names the file, line and key" grep -Eq "dup$k.yaml:[0-9]+: key '[a-z_]+' given twice \(first on line [0-9]+\)" "$WORK/err"
done
awk '/^  - api:/ && ++n == 2 { next } { print }' "$REPO/rules/tf115.yaml" >"$WORK/merged.yaml"
"$BIN" --rules "$WORK/merged.yaml" "$WORK/sg.py" >/dev/null 2>"$WORK/err"
check "the shipped rules without their second '- api:' line exit 2" [ $? -eq 2 ]
check "... naming a key given twice" grep -q "given twice" "$WORK/err"

# --- cost grows linearly: n against 4n (issue 13) ---
# CPU seconds, not wall time, so a busy machine does not fail the test; a
# quadratic cost makes the ratio 16, a linear one 4.
cpu_seconds() { # cpu_seconds FILE
	local t
	t=$({ TIMEFORMAT='%U %S'; time "$BIN" -q "$1" >/dev/null 2>&1; } 2>&1)
	awk '{ print $1 + $2 }' <<<"$t"
}
linear() { # linear SHAPE N
	python3 "$REPO/bench/gen_quadratic.py" "$1" "$2" "$WORK/small.py"
	python3 "$REPO/bench/gen_quadratic.py" "$1" $((4 * $2)) "$WORK/large.py"
	local a b
	a=$(cpu_seconds "$WORK/small.py")
	b=$(cpu_seconds "$WORK/large.py")
	echo "linear $1: $a s for $2, $b s for $((4 * $2))"
	awk -v a="$a" -v b="$b" 'BEGIN { exit !(b < 8 * (a + 0.05)) }'
}
check "converted calls whose arguments move cost linear time" linear lines 5000
check "many uses on one line cost linear time" linear line 2500

finish robust
