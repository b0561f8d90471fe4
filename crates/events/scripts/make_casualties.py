#!/usr/bin/env python3
"""Build the casualty-grammar gold sets from data/dev/casualties.tsv.

The first 60% of the sentences go to casualties.jsonl (dev: rules may be tuned
on them), the rest to casualties_test.jsonl (test: run, never inspected while
tuning). Format: the JSONL gold that `marsad eval events --gold` reads, with
several events per sentence allowed and an extra per-event "reported_by" (the
party whose claim the toll is; eval ignores it, crates/cli/tests/casualties.rs
scores it). Run from anywhere: python3 make_casualties.py"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold_tsv import event  # noqa: E402

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "dev")
DATE = "20120315"


rows = []
for line in open(os.path.join(here, "casualties.tsv"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    id_, lang, evs, text = line.rstrip("\n").split("\t")
    events = [] if evs == "-" else [event(s.strip(), text, id_) for s in evs.split("|")]
    cat = events[0]["plover"] if events else "NONE"
    rows.append({"id": id_, "date": DATE, "lang": lang, "category": cat, "text": text, "events": events})

cut = (len(rows) * 6 + 9) // 10
for name, part in (("casualties.jsonl", rows[:cut]), ("casualties_test.jsonl", rows[cut:])):
    with open(os.path.join(here, name), "w", encoding="utf-8") as fh:
        for o in part:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    ar = sum(o["lang"] == "ar" for o in part)
    print(name, len(part), "sentences:", ar, "ar,", len(part) - ar, "en")
