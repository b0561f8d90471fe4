#!/usr/bin/env python3
"""Build crates/events/data/dev/dev.jsonl from the hand-written TSV files
noevent.tsv + events.tsv, and fresh.jsonl from fresh_noevent.tsv +
fresh_events.tsv, in the format of shared/eval/events/*.jsonl, with
the extra gold fields marsad's `eval events` reads (fatalities, injured,
arrested, trigger, place). Run from anywhere: python3 make_dev.py"""
import json, os

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "dev")
AI = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

def num(v):
    if v == "-":
        return None, False  # not annotated
    if v == "null":
        return None, True
    return int(v.translate(AI)), True

def build(noevent, events, target, date):
    out = []
    for line in open(os.path.join(here, noevent), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        id_, lang, cat, text = line.rstrip("\n").split("\t")
        out.append({"id": id_, "date": date, "lang": lang, "category": cat, "text": text, "events": []})
    for line in open(os.path.join(here, events), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        id_, lang, plover, src, tgt, scode, k, i, a, trig, place, text = f
        ev = {"plover": plover, "source_code": scode, "target_code": "None None",
              "source_text": "" if src == "-" else src, "target_text": "" if tgt == "-" else tgt}
        for name, v in (("fatalities", k), ("injured", i), ("arrested", a)):
            val, present = num(v)
            if present:
                ev[name] = val
        if trig != "-":
            assert trig in text, (id_, trig)
            ev["trigger"] = trig
        ev["place"] = "" if place == "-" else place
        if place != "-":
            assert place in text, (id_, place)
        out.append({"id": id_, "date": date, "lang": lang, "category": plover, "text": text, "events": [ev]})
    with open(os.path.join(here, target), "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(target, len(out), "sentences")


# Each set: its name (files <name>_events.tsv, <name>_noevent.tsv -> <name>.jsonl;
# "dev" has no prefix) and the date its sentences are dated with.
SETS = [
    ("dev", "20240101"),
    ("fresh", "20080601"),
    ("fresh2", "20100601"),
    ("fresh3", "20260101"),
    ("precision", "20260101"),
    ("othertypes", "20080701"),
    ("precision2", "20260101"),
    ("english", "20260101"),
    ("heldlike", "20080701"),
    ("precision3", "20080701"),
    ("trial", "20240212"),
    ("precision4", "20260101"),
]

for stem, date in SETS:
    prefix = "" if stem == "dev" else stem + "_"
    build(prefix + "noevent.tsv", prefix + "events.tsv", stem + ".jsonl", date)
