#!/usr/bin/env python3
"""Usage: free_figures.py MARSAD_BINARY GOLD.jsonl [SPLIT] [-v]

Figures on event-free sentences (issue 11, casreal2): every gold line with no event, run through
`marsad extract` (one document each, the gold date as published), counted when any
event of the document carries a killed / injured / arrested figure."""
import json, subprocess, sys
binp, gold = sys.argv[1], sys.argv[2]
split = sys.argv[3] if len(sys.argv) > 3 else None
lines = [json.loads(l) for l in open(gold) if l.strip()]
free = [g for g in lines if not g["events"] and (split is None or g.get("split") == split)]
inp = "".join(json.dumps({"id": g["id"], "text": g["text"], "date": g["date"]}, ensure_ascii=False) + "\n" for g in free)
out = subprocess.run([binp, "extract", "--threads", "1", "-"], input=inp, capture_output=True, text=True).stdout
n = hit = 0
for l in out.splitlines():
    d = json.loads(l)
    n += 1
    figs = [(e["type"] if "type" in e else e.get("kind"), e.get("fatalities"), e.get("injured"), e.get("arrested")) for e in d.get("events", [])]
    bad = [f for f in figs if any(x is not None for x in f[1:])]
    if bad:
        hit += 1
        if "-v" in sys.argv: print(d["id"], bad, file=sys.stderr)
print(f"{gold.split('/')[-1]}: event-free sentences with a figure {hit}/{n} ({100*hit/max(n,1):.1f}%)")
