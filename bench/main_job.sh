#!/usr/bin/env bash
# The main-job benchmark (issue 14): times what users run, the full job with
# a report, against the single-thread parse floor measured in the same run,
# and how its cost grows with the input.
#
#   bench/main_job.sh [--runs N] [--series-runs N] [--quick] [--write] [CORPUS]
#
# CORPUS is a folder of real TF1 code (bench/real_corpus.sh builds the one in
# bench/RESULTS.md); its .py files are copied to a temporary folder first.
# Without it the synthetic corpus of bench/gen_corpus.c stands in, and the
# output says so. Every measurement is whole-process (/usr/bin/time: wall
# seconds, peak RSS) with a Release build in build-bench/. The runs are
# paired: each round runs the parse floor and then every configuration, and
# the ratio to the floor is the median over rounds of time / floor time of
# the same round, so load that comes and goes weighs on both sides.
#
#   --runs N  rounds of the main table (default 5)
#   --series-runs N  rounds of each series input (default min(runs, 3))
#   --quick   one round of everything (about a third of the time)
#   --write   also replace the main-job block of bench/RESULTS.md
#
# The raw measurements (NAME wall_s rss_kb cpu_s) are left in
# build-bench/main_job.log.
#
# Needs /usr/bin/time (Debian package `time`), git and python3. How long it
# takes is in bench/RESULTS.md: with the real corpus, estimated 15 minutes
# for --runs 5 and 5 for --quick on a quiet 2-core machine; 27 minutes for
# --runs 3 --series-runs 1 at load 6 to 12.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
sruns=""
write=0
corpus=""
while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift 2 ;;
	--series-runs) sruns=$2; shift 2 ;;
	--quick) runs=1 sruns=1; shift ;;
	--write) write=1; shift ;;
	-*) echo "usage: bench/main_job.sh [--runs N] [--series-runs N] [--quick] [--write] [CORPUS]" >&2; exit 2 ;;
	*) corpus=$1; shift ;;
	esac
done
[ -n "$sruns" ] || sruns=$((runs < 3 ? runs : 3))
jobs=2 # the targets are stated for -j2 on a 2-core machine
B=build-bench
cmake -S . -B $B -DCMAKE_BUILD_TYPE=Release -DTFMS_TESTS=OFF >/dev/null
cmake --build $B -j"$(nproc)" >/dev/null
T=$PWD/$B/tfms-rewrite
F=$PWD/$B/tfms_parse_floor
W=$(mktemp -d "${TMPDIR:-/tmp}/tfms-main-job.XXXXXX")
trap 'rm -rf "$W"' EXIT
started=$(date +%s)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo ", with uncommitted changes" || true)

# --- the corpus --------------------------------------------------------------
mkdir -p "$W/c1"
if [ -n "$corpus" ] && [ -d "$corpus" ]; then
	(cd "$corpus" && find . -name '*.py' -not -path '*/.git/*' -print0 |
		tar cf - --null -T -) | tar xf - -C "$W/c1"
	what="real TF1 code from $corpus ($(find "$corpus" -name .corpus-commit | wc -l) repositories pinned by bench/real_corpus.sh)"
else
	[ -n "$corpus" ] && echo "main_job.sh: no folder $corpus; using the synthetic corpus" >&2
	$B/tfms_bench_corpus "$W/c1" 2000
	what="SYNTHETIC corpus (bench/gen_corpus.c, 2,000 files): no real-code corpus was given, see bench/real_corpus.sh"
fi
find "$W/c1" -name '*.py' | sort >"$W/files.txt"
xargs -d '\n' grep -l tensorflow <"$W/files.txt" >"$W/tf.txt" || true
files=$(wc -l <"$W/files.txt")
bytes=$(xargs -d '\n' cat <"$W/files.txt" | wc -c)
tf_files=$(wc -l <"$W/tf.txt")
tf_bytes=$(xargs -d '\n' cat <"$W/tf.txt" | wc -c)

# --- measuring ---------------------------------------------------------------
# one NAME [DIR [STDIN]] -- CMD...: runs CMD once (in DIR, stdin from STDIN)
# and appends "NAME wall_seconds rss_kb cpu_seconds" to $W/log.
one() {
	local name=$1 dir=. in=/dev/null
	shift
	[ "$1" != -- ] && dir=$1 && shift
	[ "$1" != -- ] && in=$1 && shift
	shift
	local rc=0
	(cd "$dir" && /usr/bin/time -f "%e %M %U %S" -o "$W/time" "$@" <"$in" >/dev/null 2>"$W/err") || rc=$?
	if [ $rc -ge 2 ]; then
		echo "main_job.sh: $name exited $rc: $(head -c 300 "$W/err")" >&2
	fi
	echo "$name $(tail -1 "$W/time" | awk '{print $1, $2, $3 + $4}')" >>"$W/log"
}
# med NAME FIELD: median of the field (2 wall seconds, 3 RSS KB, 4 CPU
# seconds, user + system) over NAME's runs
med() { awk -v n="$1" -v f="$2" '$1 == n {print $f}' "$W/log" | sort -n |
	awk '{a[NR] = $1} END {if (NR) print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
# ratio NAME FLOOR [FIELD]: median over rounds of NAME's time / FLOOR's
# time (wall, or FIELD 4: CPU); the i-th run of each is the same round
ratio() { awk -v n="$1" -v d="$2" -v f="${3:-2}" '$1 == n {a[++i] = $f} $1 == d {b[++j] = $f}
	END {for (k = 1; k <= i; k++) print (b[k] > 0 ? a[k] / b[k] : "n/a")}' "$W/log" | sort -n |
	awk '$1 == "n/a" {na = 1} {a[NR] = $1}
	END {if (na) print "n/a"; else printf "%.2f", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
mb() { awk -v b="$1" 'BEGIN {printf (b < 1e6 ? "%.2f" : "%.1f"), b / 1e6}'; }

# The repository for --branch: the corpus committed once (not timed).
cp -r "$W/c1" "$W/repo"
git -C "$W/repo" init -q
git -C "$W/repo" add -A
git -C "$W/repo" -c user.name=bench -c user.email=bench@example.invalid commit -qm corpus
author='bench <bench@example.invalid>'

echo "main_job.sh: $runs rounds of the main table on $files files ($(mb "$bytes") MB)" >&2
for ((r = 0; r < runs; r++)); do
	one floor . "$W/files.txt" -- "$F"
	one floor_tf . "$W/tf.txt" -- "$F"
	one dry1 -- "$T" -q -j1 "$W/c1"
	one dry2 -- "$T" -q -j$jobs "$W/c1"
	one json -- "$T" -q -j$jobs --report "$W/out.json" "$W/c1"
	one md -- "$T" -q -j$jobs --report "$W/out.md" "$W/c1"
	one sarif -- "$T" -q -j$jobs --report "$W/out.sarif" "$W/c1"
	rm -rf "$W/ip" && cp -r "$W/c1" "$W/ip"
	one inplace -- "$T" -q -i -j$jobs "$W/ip"
	one branch "$W/repo" -- "$T" -q -j$jobs --branch=tfms-bench --force --author "$author" .
done
json_kb=$(($(wc -c <"$W/out.json") / 1024))
rm -rf "$W/ip" "$W/out".*

# --- the series --------------------------------------------------------------
# series NAME DIR_OR_FILE: $sruns rounds of (floor, full job with a JSON
# report, -j2) on it, logged as NAME.floor and NAME.
series() {
	local name=$1 path=$2
	if [ -d "$path" ]; then
		find "$path" -name '*.py' | sort >"$W/s.txt"
	else
		echo "$path" >"$W/s.txt"
	fi
	echo "$name $(wc -l <"$W/s.txt") $(xargs -d '\n' cat <"$W/s.txt" | wc -c)" >>"$W/sizes"
	for ((r = 0; r < sruns; r++)); do
		one "$name.floor" . "$W/s.txt" -- "$F"
		one "$name" -- "$T" -q -j$jobs --report "$W/s.json" "$path"
	done
	rm -f "$W/s.json"
}
echo "main_job.sh: the series, $sruns rounds each" >&2
for k in 1 2 4 8; do
	mkdir -p "$W/x$k"
	for ((i = 1; i <= k; i++)); do cp -r "$W/c1" "$W/x$k/copy$i"; done
	series "x$k" "$W/x$k"
	rm -rf "$W/x$k"
done
# One big file from whole TF files of the corpus, in path order, repeated
# when the corpus is smaller than the size.
bigfile() {
	python3 - "$W/tf.txt" "$1" "$2" <<'EOF'
import sys
paths = open(sys.argv[1]).read().split("\n")[:-1]
size, out = int(sys.argv[2]), sys.argv[3]
done = 0
with open(out, "wb") as f:
    while done < size:
        for p in paths:
            data = open(p, "rb").read().rstrip(b"\n") + b"\n\n"
            if done + len(data) > size:
                break
            f.write(data)
            done += len(data)
        else:
            continue
        break
EOF
}
bigfile 5000000 "$W/big5.py"
series big5 "$W/big5.py"
bigfile 15000000 "$W/big15.py"
series big15 "$W/big15.py"
rm -f "$W"/big*.py
for n in 10000 50000; do
	$B/tfms_bench_corpus "$W/tiny$n" $n 1
	series "tiny$n" "$W/tiny$n"
	rm -rf "$W/tiny$n"
done
for spec in "lines 5000" "lines 20000" "line 2000" "line 8000" "findings 2000" \
	"findings 8000" "apis 10000" "apis 40000"; do
	set -- $spec
	python3 bench/gen_quadratic.py "$1" "$2" "$W/q.py"
	series "$1-$2" "$W/q.py"
done

# --- the tables --------------------------------------------------------------
row() { # NAME LABEL [BASE_RSS_NAME]
	local s k
	s=$(med "$1" 2)
	k=$(med "$1" 3)
	printf '| %s | %s | %s | %s | %s | %s |' "$2" "$s" "$(ratio "$1" floor)" \
		"$(med "$1" 4)" "$(ratio "$1" floor 4)" "$(mib "$k")"
	if [ -n "${3:-}" ]; then
		awk -v a="$k" -v b="$(med "$3" 3)" 'BEGIN {printf " %+.0f %% |\n", (a / b - 1) * 100}'
	else
		echo " |"
	fi
}
srow() { # NAME LABEL [GROWTH_BASE_NAME FACTOR]
	local files bytes s c
	read -r _ files bytes < <(awk -v n="$1" '$1 == n' "$W/sizes")
	s=$(med "$1" 2)
	c=$(med "$1" 4)
	printf '| %s | %s | %s | %s | %s | %s | %s | %s |' "$2" "$files" "$(mb "$bytes")" \
		"$(med "$1.floor" 2)" "$s" "$(ratio "$1" "$1.floor")" "$c" "$(mib "$(med "$1" 3)")"
	if [ -n "${3:-}" ]; then
		awk -v a="$s" -v b="$(med "$3" 2)" -v c="$c" -v d="$(med "$3" 4)" -v f="$4" \
			'BEGIN {printf " %.2f / %.2f (%sx the input) |\n", a / b, c / d, f}'
	else
		echo " |"
	fi
}
verdict() { awk "BEGIN {exit !($1)}" && echo met || echo "**missed**"; }
j_ratio=$(ratio json floor)
j_rss=$(med json 3)
d_rss=$(med dry2 3)
x_growth=$(awk -v a="$(med x8 2)" -v b="$(med x1 2)" 'BEGIN {printf "%.2f", a / b}')
x_cpu=$(awk -v a="$(med x8 4)" -v b="$(med x1 4)" 'BEGIN {printf "%.2f", a / b}')
minutes=$((($(date +%s) - started + 59) / 60))
load=$(cut -d' ' -f1-3 /proc/loadavg)

report=$(
	cat <<EOT
Measured on $(date -u +%Y-%m-%d) at commit $commit$dirty by \`bench/main_job.sh --runs $runs --series-runs $sruns${corpus:+ $corpus}\`
($minutes minutes; load average at the end: $load).
Corpus: $what: $files .py files, $(mb "$bytes") MB; $tf_files of them ($(mb "$tf_bytes") MB) spell \`tensorflow\`.
Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB.
Seconds and peak RSS are medians of $runs runs; "× floor" is the median of the
per-round ratios to the single-thread parse floor of the same round (wall
time; "CPU" is user + system time, which load inflates less).

| target (issue 14) | measured | status |
| --- | --- | --- |
| full job with a JSON report, -j2, at most 0.65× the single-thread parse floor | ${j_ratio}× | $(verdict "$j_ratio <= 0.65") |
| its peak RSS within 10 % of the same run without a report | $(mib "$j_rss") MiB against $(mib "$d_rss") MiB | $(verdict "$j_rss <= 1.10 * $d_rss") |
| its peak RSS below 64 MiB | $(mib "$j_rss") MiB | $(verdict "$j_rss < 65536") |
| 8× the corpus in at most 8.5× the time (wall and CPU) | ${x_growth}× wall, ${x_cpu}× CPU | $(verdict "$x_growth <= 8.5 && $x_cpu <= 8.5") |

| run | wall s | × floor | CPU s | CPU × floor | peak RSS (MiB) | RSS vs. dry run -j2 |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
$(row floor "parse-only floor, 1 thread, all files")
$(row floor_tf "parse-only floor, 1 thread, only the files that spell tensorflow")
$(row dry1 "dry run -j1")
$(row dry2 "dry run -j2")
$(row json "**full job: --report x.json -j2** (report: $json_kb KiB)" dry2)
$(row md "--report x.md -j2" dry2)
$(row sarif "--report x.sarif -j2" dry2)
$(row inplace "--in-place -j2 (on a fresh copy)" dry2)
$(row branch "--branch -j2 (git repository of the corpus)" dry2)

How cost grows: the full job (\`--report x.json -j2\`) against the floor on
the same input, medians of $sruns round(s).

| input | files | MB | floor s | job s | × floor | job CPU s | peak RSS (MiB) | growth, wall / CPU |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
$(srow x1 "corpus ×1")
$(srow x2 "corpus ×2" x1 2)
$(srow x4 "corpus ×4" x1 4)
$(srow x8 "corpus ×8" x1 8)
$(srow big5 "one 5 MB file (whole TF files of the corpus)")
$(srow big15 "one 15 MB file" big5 3)
$(srow tiny10000 "10,000 tiny files")
$(srow tiny50000 "50,000 tiny files" tiny10000 5)
$(srow lines-5000 "gen_quadratic lines 5000")
$(srow lines-20000 "gen_quadratic lines 20000" lines-5000 4)
$(srow line-2000 "gen_quadratic line 2000")
$(srow line-8000 "gen_quadratic line 8000" line-2000 4)
$(srow findings-2000 "gen_quadratic findings 2000")
$(srow findings-8000 "gen_quadratic findings 8000" findings-2000 4)
$(srow apis-10000 "gen_quadratic apis 10000")
$(srow apis-40000 "gen_quadratic apis 40000" apis-10000 4)
EOT
)
echo "$report"
# The raw measurements, for a second look (the temporary folder goes).
cp "$W/log" $B/main_job.log
cat "$W/sizes" >>$B/main_job.log
if [ $write -eq 1 ]; then
	begin='<!-- main-job results -->'
	end='<!-- end main-job results -->'
	grep -qx "$begin" bench/RESULTS.md && grep -qx "$end" bench/RESULTS.md || {
		echo "main_job.sh: bench/RESULTS.md lacks the $begin ... $end block" >&2
		exit 1
	}
	{
		sed -n "1,/^$begin\$/p" bench/RESULTS.md
		echo
		echo "$report"
		echo
		sed -n "/^$end\$/,\$p" bench/RESULTS.md
	} >"$W/results.md"
	mv "$W/results.md" bench/RESULTS.md
fi
