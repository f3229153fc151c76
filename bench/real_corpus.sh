#!/usr/bin/env bash
# Rebuilds the real-code TF1 corpus that bench/main_job.sh measures: public
# TF 1.x repositories, each checked out at a fixed commit into DEST/owner+name.
#
#   bench/real_corpus.sh DEST [SOURCE...]
#
# SOURCE is where the repositories are cloned from: a URL prefix (default
# https://github.com, giving https://github.com/OWNER/NAME), or a local
# folder holding one clone per repository as SOURCE/owner+name[/repo]; with
# several, each repository comes from the first local folder that has it,
# else from the first URL prefix. Only the .py files are written, with the
# commit in DEST/owner+name/.corpus-commit. The pinned commits below are the
# corpus of bench/RESULTS.md; a repository already present at its commit is
# left alone. Needs git.
set -euo pipefail
[ $# -ge 1 ] || {
	echo "usage: bench/real_corpus.sh DEST [SOURCE...]" >&2
	exit 2
}
dest=$1
shift
[ $# -gt 0 ] || set -- https://github.com
sources=("$@")
mkdir -p "$dest"

# owner/name commit  (all of them TF 1.x code: `import tensorflow as tf` or
# TF 1.15's `import tensorflow.compat.v1 as tf`)
repos="
tensorflow/tensor2tensor bafdc1b67730430d38d6ab802cbd51f9d053ba2e
tensorflow/tpu 7dc921f846c9e4071f3884b768a7ddf521272a49
tensorflow/magenta 102cbdedb1002c8ca21f4d546a854819fd72ca70
deepmind/sonnet cd5b5fa48e15e4d020f744968f5209949ebe750f
tensorpack/tensorpack 1547a54e8546494614ca31c984a1bfd1d0e24b77
NVIDIA/OpenSeq2Seq 8681d381ed404fde516e2c1b823de5a213c59aba
openai/baselines ea25b9e8b234e6ee1bca43083f8f3cf974143998
tflearn/tflearn db5176773299b67a2a75c5889fb2aba7fd0fea8a
google/seq2seq 7f485894d412e8d81ce0e07977831865e44309ce
tensorflow/nmt 0be864257a76c151eef20ea689755f08bc1faf4e
google-research/bert eedf5716ce1268e56f0a50264a88cafad334ac61
tkipf/gcn 39a4089fe72ad9f055ed6fdb9746abdcfebc4d81
carpedm20/DCGAN-tensorflow 62c9a2a7f74505cad30858bf40307c93e5bd9293
dennybritz/cnn-text-classification-tf 18762b459e21d9c70e5c242f8d43fc4e6db37a0d
aymericdamien/TensorFlow-Examples 6dcbe14649163814e72a22a999f20c5e247ce988
"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "$repos" | while read -r repo commit; do
	[ -n "$repo" ] || continue
	dir="$dest/${repo/\//+}"
	[ "$(cat "$dir/.corpus-commit" 2>/dev/null)" = "$commit" ] && continue
	gitdir=""
	for source in "${sources[@]}"; do
		[ -d "$source" ] || continue
		for d in "$source/${repo/\//+}/repo" "$source/${repo/\//+}"; do
			[ -d "$d/.git" ] && d="$d/.git"
			if git --git-dir="$d" cat-file -e "$commit^{tree}" 2>/dev/null; then
				gitdir=$d
				break 2
			fi
		done
	done
	if [ -z "$gitdir" ]; then
		for source in "${sources[@]}"; do
			[ -d "$source" ] && continue
			gitdir="$tmp/${repo/\//+}.git"
			git init -q --bare "$gitdir"
			# By commit, not by branch: the pinned commit need not be a tip.
			git --git-dir="$gitdir" fetch -q --depth 1 "$source/$repo" "$commit"
			break
		done
	fi
	[ -n "$gitdir" ] || {
		echo "$repo $commit: in none of ${sources[*]}" >&2
		exit 1
	}
	# Only the .py files: all the benchmark reads (and local snapshots may
	# lack large blobs). A private index leaves the source untouched.
	rm -rf "$dir"
	mkdir -p "$dir"
	GIT_INDEX_FILE="$tmp/index" git --git-dir="$gitdir" --work-tree="$dir" \
		checkout "$commit" -- '*.py'
	rm -f "$tmp/index"
	echo "$commit" >"$dir/.corpus-commit"
	echo "$repo $commit: $(find "$dir" -name '*.py' | wc -l) .py files"
done
find "$dest" -name '*.py' -print0 | du -cb --files0-from=- | tail -1 |
	awk -v n="$(find "$dest" -name '*.py' | wc -l)" \
		'{printf "corpus: %d .py files, %.1f MB\n", n, $1 / 1e6}'
