#!/usr/bin/env python3
"""Build the real-sentence casualty gold sets from data/dev/casreal.tsv (issue 11).

Writes casreal.jsonl (the train part: rules may be tuned on it) and casreal_test.jsonl
(the test part, fixed by article before any tuning). Format: the JSONL gold that
`marsad eval events --gold` reads, several events per sentence allowed, plus per event
"reported_by" (the party whose claim the toll is) and "vague" (the figures that are
floors: at least / more than / about), and per sentence "doc" and "split".
Run from anywhere: python3 make_casreal.py"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold_tsv import event  # noqa: E402

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "dev")

rows = []
for line in open(os.path.join(here, "casreal.tsv"), encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    id_, doc, split, lang, evs, text = line.rstrip("\n").split("\t")
    events = [] if evs == "-" else [event(s.strip(), text, id_) for s in evs.split("|")]
    cat = events[0]["plover"] if events else "NONE"
    date = "20160601"
    rows.append({"id": id_, "doc": doc, "split": split, "date": date, "lang": lang,
                 "category": cat, "text": text, "events": events})

for name, part in (("casreal.jsonl", "train"), ("casreal_test.jsonl", "test")):
    sel = [o for o in rows if o["split"] == part]
    with open(os.path.join(here, name), "w", encoding="utf-8") as fh:
        for o in sel:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    ar = sum(o["lang"] == "ar" for o in sel)
    print(name, len(sel), "sentences:", ar, "ar,", len(sel) - ar, "en")
