#!/usr/bin/env python3
"""Build the real-sentence casualty gold sets from data/dev/casreal.tsv and casreal2.tsv
(issue 11).

Writes casreal.jsonl / casreal2.jsonl (the train part: rules may be tuned on it) and casreal_test.jsonl / casreal2_test.jsonl
(the test part, fixed by article before any tuning). Format: the JSONL gold that
`marsad eval events --gold` reads, several events per sentence allowed, plus per event
"reported_by" (the party whose claim the toll is) and "vague" (the figures that are
floors: at least / more than / about), and per sentence "doc" and "split".
Run from anywhere: python3 make_casreal.py"""
import json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gold_tsv import event  # noqa: E402

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "dev")


def read(tsv, dated):
    """The rows of one TSV as gold sentences."""
    rows = []
    for line in open(os.path.join(here, tsv), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        id_, doc, split, lang, evs, text = line.rstrip("\n").split("\t")
        events = [] if evs == "-" else [event(s.strip(), text, id_) for s in evs.split("|")]
        cat = events[0]["plover"] if events else "NONE"
        date = doc[-8:] if dated else "20160601"
        if dated and date[:2] not in ("19", "20"):
            date = date[4:] + date[2:4] + date[:2]  # a few ids end in DDMMYYYY
        rows.append({"id": id_, "doc": doc, "split": split, "date": date, "lang": lang,
                     "category": cat, "text": text, "events": events})
    return rows


def write(name, sel):
    with open(os.path.join(here, name), "w", encoding="utf-8") as fh:
        for o in sel:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    ar = sum(o["lang"] == "ar" for o in sel)
    print(name, len(sel), "sentences:", ar, "ar,", len(sel) - ar, "en")


def build_part(tsv, name):
    """A TSV that is one split whole (casreal3: the test part was written first, the
    train part after it, in separate files)."""
    write(name, read(tsv, False))


def build(tsv, train_name, test_name, dated):
    """One TSV into its train and test JSONL; `dated`: the gold date is the article's
    (the 8 digits ending its id) instead of the fixed 20160601 of the first set."""
    rows = read(tsv, dated)
    for name, part in ((train_name, "train"), (test_name, "test")):
        write(name, [o for o in rows if o["split"] == part])


build("casreal.tsv", "casreal.jsonl", "casreal_test.jsonl", False)
build("casreal2.tsv", "casreal2.jsonl", "casreal2_test.jsonl", True)
build_part("casreal3_test.tsv", "casreal3_test.jsonl")
if os.path.exists(os.path.join(here, "casreal3_train.tsv")):
    build_part("casreal3_train.tsv", "casreal3.jsonl")
build_part("casreal4_test.tsv", "casreal4_test.jsonl")
