#!/usr/bin/env python3
"""How many unconverted TensorFlow uses carry a specific next step.

Runs tfms-rewrite (dry run, JSON report) on each repository given and counts,
over all findings: those with a construct-specific hint (a hints.yaml entry
for the API, or a difference page from the mapping table) and those with at
least a category. Issue 11's bar: >= 85 % specific, 100 % categorised.

  bench/hint_coverage.py [--tool build/tfms-rewrite] [--rules-dir rules] REPO...
Exit status 1 when the bar is not met.
"""
import argparse, json, os, subprocess, sys, tempfile

try:
    import yaml
except ImportError:
    sys.exit("hint_coverage.py needs PyYAML (apt-get install python3-yaml)")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", default=os.path.join(here, "..", "build", "tfms-rewrite"))
    ap.add_argument("--hints", default=os.path.join(here, "..", "rules", "hints.yaml"))
    ap.add_argument("--min-specific", type=float, default=85.0)
    ap.add_argument("repos", nargs="+")
    a = ap.parse_args()
    cat_hints = {c["hint"] for c in yaml.safe_load(open(a.hints))["categories"]}
    total = specific = categorised = converted = 0
    print(f"{'repository':40} {'uses':>6} {'conv':>6} {'left':>6} {'specific':>9} {'category':>9}")
    for repo in a.repos:
        with tempfile.TemporaryDirectory() as tmp:
            rep = os.path.join(tmp, "r.json")
            subprocess.run([a.tool, "-q", "--report", rep, "."], cwd=repo,
                           stdout=subprocess.DEVNULL, check=False)
            d = json.load(open(rep))
        f = d["findings"]
        spec = sum(1 for x in f if x.get("doc_url") or (x.get("hint") and x["hint"] not in cat_hints))
        cat = sum(1 for x in f if x.get("category"))
        conv = d["summary"]["converted"]
        total += len(f); specific += spec; categorised += cat; converted += conv
        pct = lambda n, m: 100.0 * n / m if m else 100.0
        print(f"{os.path.basename(os.path.normpath(repo)):40} {len(f)+conv:6} {conv:6} {len(f):6} "
              f"{pct(spec, len(f)):8.1f}% {pct(cat, len(f)):8.1f}%")
    ps = 100.0 * specific / total if total else 100.0
    pc = 100.0 * categorised / total if total else 100.0
    print(f"{'all':40} {total+converted:6} {converted:6} {total:6} {ps:8.1f}% {pc:8.1f}%")
    print(f"converted share of all uses: {100.0*converted/(total+converted):.1f}%")
    return 0 if ps >= a.min_specific and pc == 100.0 else 1


if __name__ == "__main__":
    sys.exit(main())
