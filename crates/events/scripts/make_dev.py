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


build("noevent.tsv", "events.tsv", "dev.jsonl", "20240101")
build("fresh_noevent.tsv", "fresh_events.tsv", "fresh.jsonl", "20080601")
build("fresh2_noevent.tsv", "fresh2_events.tsv", "fresh2.jsonl", "20100601")
build("fresh3_noevent.tsv", "fresh3_events.tsv", "fresh3.jsonl", "20260101")
build("precision_noevent.tsv", "precision_events.tsv", "precision.jsonl", "20260101")
build("othertypes_noevent.tsv", "othertypes_events.tsv", "othertypes.jsonl", "20080701")
build("precision2_noevent.tsv", "precision2_events.tsv", "precision2.jsonl", "20260101")
build("english_noevent.tsv", "english_events.tsv", "english.jsonl", "20260101")
build("heldlike_noevent.tsv", "heldlike_events.tsv", "heldlike.jsonl", "20080701")
build("precision3_noevent.tsv", "precision3_events.tsv", "precision3.jsonl", "20080701")
build("trial_noevent.tsv", "trial_events.tsv", "trial.jsonl", "20240212")
build("precision4_noevent.tsv", "precision4_events.tsv", "precision4.jsonl", "20260101")
