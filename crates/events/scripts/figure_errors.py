#!/usr/bin/env python3
"""Usage: figure_errors.py MARSAD_BINARY GOLD.jsonl [SPLIT] [--dump OUT.jsonl]

Casualty figures per gold event, with "event missing" kept apart from "figure wrong"
(issue 11, session casualty6). Each gold line is run through `marsad extract` (one
document, the gold date as published). For each gold event and class (killed / injured /
arrested) whose figure is stated, it is `right` when some predicted event of the gold type
carries that figure, `no event` when the document has no event of the type, `no figure`
when such events carry none, `wrong` otherwise; a class labelled "none stated" (null) is
`invented` when an event of the type carries a figure. Looser than `eval events` (any
event of the type may match, not one to one), so its counts can differ by a few.
--dump writes one line per scored (event, class) with the text and both figures."""
import json, subprocess, sys
args = [a for a in sys.argv[1:] if not a.startswith("--")]
binp, gold = args[0], args[1]
split = args[2] if len(args) > 2 else None
dump = sys.argv[sys.argv.index("--dump") + 1] if "--dump" in sys.argv else None
if dump:
    args = [a for a in args if a != dump]
    split = args[2] if len(args) > 2 else None
lines = [json.loads(l) for l in open(gold) if l.strip()]
lines = [g for g in lines if split is None or g.get("split") == split]
inp = "".join(json.dumps({"id": str(k), "text": g["text"], "date": g.get("date", "")}, ensure_ascii=False) + "\n" for k, g in enumerate(lines))
out = subprocess.run([binp, "extract", "--threads", "1", "-"], input=inp, capture_output=True, text=True).stdout
docs = {}
for l in out.splitlines():
    d = json.loads(l)
    docs[int(d["id"])] = d.get("events", [])
KEYS = {"killed": "fatalities", "injured": "injured", "arrested": "arrested"}
counts = {c: dict(right=0, no_event=0, no_figure=0, wrong=0, stated=0, invented=0, not_stated=0) for c in KEYS}
rows = []
for k, g in enumerate(lines):
    evs = docs.get(k, [])
    for ge in g["events"]:
        typ = ge.get("plover")
        same = [e for e in evs if (e.get("type") or e.get("kind")) == typ]
        for c, key in KEYS.items():
            if key not in ge:
                continue
            want = ge[key]
            got = [e.get(key) for e in same if e.get(key) is not None]
            n = counts[c]
            if want is None:
                n["not_stated"] += 1
                verdict = "invented" if got else "ok_none"
                n["invented"] += bool(got)
            else:
                n["stated"] += 1
                verdict = "right" if want in got else "no_event" if not same else "no_figure" if not got else "wrong"
                n[verdict] += 1
            rows.append(dict(line=k, id=g.get("id"), cls=c, type=typ, want=want, got=got, verdict=verdict, text=g["text"]))
name = gold.split("/")[-1] + (f" [{split}]" if split else "")
for c, n in counts.items():
    if n["stated"] or n["invented"]:
        print(f"{name} {c:8s} right {n['right']}/{n['stated']}  no event {n['no_event']}  no figure {n['no_figure']}  wrong {n['wrong']}  invented {n['invented']}/{n['not_stated']}")
if dump:
    with open(dump, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
