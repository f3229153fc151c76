#!/usr/bin/env bash
# End-to-end tests of --branch: the migration of a commit onto a new branch,
# in throw-away repositories made here. The user's working tree, index,
# HEAD and other refs must never change.
# Usage: branch.sh path/to/tfms-rewrite
. "$(dirname "$0")/lib.sh"
export HOME="$WORK/home" # no global git identity unless a test sets one
mkdir -p "$HOME"
export GIT_CONFIG_NOSYSTEM=1

state() { # HEAD, refs, index and working tree, as one string
	(cd "$1" && git rev-parse HEAD && git symbolic-ref -q HEAD &&
		git for-each-ref && git status --porcelain && git ls-files -s | md5sum)
}
strip_index() { grep -v '^index ' "$1"; }

R="$WORK/repo"
make_repo "$R"
before=$(state "$R" | grep -v mindspore-migration)
base=$(git -C "$R" rev-parse HEAD)
(cd "$R" && "$BIN" --branch >"$WORK/out" 2>"$WORK/err")
check "--branch exits 0" [ $? -eq 0 ]
check "the branch exists" git -C "$R" rev-parse -q --verify mindspore-migration >/dev/null
check "its parent is the base" [ "$(git -C "$R" rev-parse mindspore-migration^)" = "$base" ]
check "the subject" [ "$(git -C "$R" log -1 --format=%s mindspore-migration)" = "Migrate TensorFlow APIs to MindSpore" ]
check "the body has the counts" bash -c "git -C '$R' log -1 --format=%b mindspore-migration | grep -Eq '[0-9]+ converted'"
check "the body names the rules and the tool" bash -c "git -C '$R' log -1 --format=%b mindspore-migration | grep -q '^Tool: tfms-rewrite'"
check "the author comes from git config" [ "$(git -C "$R" log -1 --format='%an <%ae>' mindspore-migration)" = "Ada Lovelace <ada@example.com>" ]
check "the report is committed at the root" bash -c "git -C '$R' show mindspore-migration:MINDSPORE_MIGRATION.md | grep -q '^## Where the migration stands'"
after=$(state "$R" | grep -v mindspore-migration)
check "HEAD, refs, index and working tree are untouched" [ "$before" = "$after" ]
check "the summary shows how to review" grep -q "git diff ${base:0:12}..mindspore-migration" "$WORK/err"
check "the summary shows how to switch" grep -q "git switch mindspore-migration" "$WORK/err"

# The branch equals --in-place on a clean checkout, and its diff the dry run.
(cd "$R" && "$BIN" -q . >"$WORK/dry.patch")
git -C "$R" diff "$base" mindspore-migration -- '*.py' >"$WORK/branch.patch"
check "git diff BASE NAME equals the dry run" cmp -s <(strip_index "$WORK/dry.patch") <(strip_index "$WORK/branch.patch")
git clone -q "$R" "$WORK/clean"
(cd "$WORK/clean" && "$BIN" -q -i .)
git -C "$WORK/clean" fetch -q origin mindspore-migration
check "the branch tree equals --in-place on a clean checkout" \
	bash -c "cd '$WORK/clean' && git diff --quiet FETCH_HEAD -- . ':!MINDSPORE_MIGRATION.md'"

# A second run from the branch tip finds nothing.
git -C "$WORK/clean" checkout -q -f FETCH_HEAD
(cd "$WORK/clean" && git config user.name A && git config user.email a@e &&
	"$BIN" --branch=again >/dev/null 2>"$WORK/err")
check "a second run exits 0" [ $? -eq 0 ]
check "a second run creates nothing" bash -c "! git -C '$WORK/clean' rev-parse -q --verify again"
check "a second run says so" grep -q "nothing to convert" "$WORK/err"

# Errors: one line, exit 2, nothing left behind.
expect_error() { # name, expected message part, dir, args...
	local name=$1 msg=$2 dir=$3
	shift 3
	(cd "$dir" && "$BIN" -q "$@" >/dev/null 2>"$WORK/err")
	local rc=$?
	check "$name exits 2" [ $rc -eq 2 ]
	check "$name says '$msg'" grep -q -- "$msg" "$WORK/err"
	check "$name prints one line" [ "$(wc -l <"$WORK/err")" -eq 1 ]
}
mkdir -p "$WORK/plain"
expect_error "outside a repository" "not inside a git repository" "$WORK/plain" --branch
git init -q "$WORK/unborn"
expect_error "unborn HEAD" "HEAD has no commit yet" "$WORK/unborn" --branch
expect_error "a bad --base" "--base 'nope' does not name a commit" "$R" --branch=x --base nope
expect_error "an existing branch" "branch 'mindspore-migration' already exists" "$R" --branch
git clone -q --bare "$R" "$WORK/bare.git"
expect_error "a bare repository without --base" "name one with --base" "$WORK/bare.git" --branch
make_repo "$WORK/anon"
git -C "$WORK/anon" config --unset user.name
git -C "$WORK/anon" config --unset user.email
expect_error "a missing identity" "user.name and user.email" "$WORK/anon" --branch
(cd "$R" && "$BIN" -q --base HEAD >/dev/null 2>"$WORK/err")
check "--base without --branch exits 2" [ $? -eq 2 ]
check "--base without --branch says so" grep -q -- "--base needs --branch" "$WORK/err"
check "failed runs left the refs alone" [ "$(git -C "$R" for-each-ref | wc -l)" -eq 2 ]

(cd "$WORK/anon" && "$BIN" -q --branch --author "Grace Hopper <grace@example.com>")
check "--author sets the identity" [ "$(git -C "$WORK/anon" log -1 --format='%an <%ae>' mindspore-migration)" = "Grace Hopper <grace@example.com>" ]

# --force moves an existing branch.
git -C "$R" branch -f mindspore-migration "$base"
(cd "$R" && "$BIN" -q --branch --force)
check "--force moves the branch" [ "$(git -C "$R" rev-parse mindspore-migration^)" = "$base" ]

# A bare repository with --base, and a linked worktree.
(cd "$WORK/bare.git" && git config user.name B && git config user.email b@e &&
	"$BIN" -q --branch=bare --base main)
check "a bare repository works with --base" git -C "$WORK/bare.git" rev-parse -q --verify bare >/dev/null
git -C "$R" worktree add -q "$WORK/wt" -b side "$base"
(cd "$WORK/wt" && "$BIN" -q --branch=from-worktree)
check "a linked worktree works" git -C "$R" rev-parse -q --verify from-worktree >/dev/null
check "the worktree's HEAD is untouched" [ "$(git -C "$WORK/wt" rev-parse HEAD)" = "$base" ]

# Paths are relative to the current directory; a dirty tree is reported.
make_repo "$WORK/sub"
echo "# local edit" >>"$WORK/sub/mnist_gan/train.py"
(cd "$WORK/sub/mnist_gan" && "$BIN" --branch=only-losses losses.py >/dev/null 2>"$WORK/err")
check "only the named path changes" [ "$(git -C "$WORK/sub" diff --name-only main only-losses | tr '\n' ' ')" = "MINDSPORE_MIGRATION.md mnist_gan/losses.py " ]
(cd "$WORK/sub/mnist_gan" && "$BIN" --branch=dirty >/dev/null 2>"$WORK/err")
check "uncommitted changes are mentioned" grep -q "1 uncommitted change under the migrated paths is not included" "$WORK/err"
(cd "$WORK/sub" && "$BIN" -q --branch=elsewhere --report-path docs/migration.md)
check "--report-path moves the report" git -C "$WORK/sub" cat-file -e elsewhere:docs/migration.md

# Bytes are bytes; links and submodules are skipped; big files are errors.
B="$WORK/bytes"
mkdir -p "$B"
(cd "$B" && git init -q -b main && git config user.name C && git config user.email c@e)
printf 'import tensorflow as tf\r\nx = tf.stop_gradient(1)\r\n' >"$B/crlf.py"
ln -s crlf.py "$B/link.py"
printf 'import tensorflow as tf\nx = tf.stop_gradient(1)\n' >"$B/big.py"
truncate -s 17M "$B/big.py"
(cd "$B" && git add -A && git commit -qm base &&
	git update-index --add --cacheinfo 160000,$(git rev-parse HEAD),sub.py &&
	git commit -qm submodule)
(cd "$B" && "$BIN" -q --branch >/dev/null 2>"$WORK/err")
check "a too large file exits 1" [ $? -eq 1 ]
check "the too large file is named" grep -q "big.py: file too large" "$WORK/err"
check "CRLF inside blobs survives" bash -c "git -C '$B' show mindspore-migration:crlf.py | cmp -s - <(printf 'from mindspore import ops\r\nx = ops.stop_gradient(1)\r\n')"
check "symbolic links stay links" [ "$(git -C "$B" ls-tree mindspore-migration link.py | cut -c1-6)" = 120000 ]
check "submodules are untouched" [ "$(git -C "$B" ls-tree mindspore-migration sub.py | cut -c1-6)" = 160000 ]

finish branch
