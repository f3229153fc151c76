#!/usr/bin/env bash
# Replays a corpus of Python inputs through the binary and checks, for every
# input CPython parses, that the output parses too (Debian's python3 is the
# judge). Usage: fuzz/replay.sh TFMS-REWRITE CORPUS-DIR
set -euo pipefail
bin=$1
corpus=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$work" <<'PY'
import ast, os, sys, warnings
warnings.simplefilter("ignore")
src, dst = sys.argv[1], sys.argv[2]
n = 0
for name in sorted(os.listdir(src)):
    data = open(os.path.join(src, name), "rb").read()
    try:
        ast.parse(data)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        continue
    n += 1
    open(os.path.join(dst, "f%06d.py" % n), "wb").write(data)
print("replay: %d inputs parse with python3" % n)
PY
# Exit 1 only reports per-file errors (refusals); anything else is a crash.
status=0
"$bin" -q --in-place -j2 "$work" 2>"$work.log" || status=$?
rm -f "$work.log"
[ "$status" -le 1 ] || { echo "replay: tfms-rewrite exited $status" >&2; exit 1; }
python3 - "$work" <<'PY'
import ast, os, sys, warnings
warnings.simplefilter("ignore")
bad = []
for name in sorted(os.listdir(sys.argv[1])):
    path = os.path.join(sys.argv[1], name)
    try:
        ast.parse(open(path, "rb").read())
    except (SyntaxError, ValueError) as e:
        bad.append("%s: %s" % (name, e))
for b in bad:
    print("replay: output rejected by python3:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
echo "replay: every output parses with python3"
