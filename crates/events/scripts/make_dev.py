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


def add_wire_line(rows, cols, date, split):
    """One line of a wire-style TSV (columns id, type, actor, recipient, killed, injured,
    arrested, trigger, place, text; "-" for none): a new sentence, or with text "^" one more
    event of the sentence above; type "-" is a sentence without an event."""
    id_, plover, s, t, k, i, a, trig, place, text = cols
    if text == "^":
        o = rows[-1]
        assert o["id"] == id_, id_
        text = o["text"]
    else:
        o = {"id": id_, "date": date, "lang": "en", "category": plover, "split": split,
             "text": text, "events": []}
        rows.append(o)
    if plover == "-":
        return
    o["category"] = o["events"][0]["plover"] if o["events"] else plover
    ev = {"plover": plover, "source_code": "None None", "target_code": "None None",
          "source_text": "" if s == "-" else s, "target_text": "" if t == "-" else t}
    for v in (s, t, trig, place):
        assert v == "-" or v in text, (id_, v)
    for name, v in (("fatalities", k), ("injured", i), ("arrested", a)):
        val, present = num(v)
        if present:
            ev[name] = val
    ev["trigger"] = trig
    ev["place"] = "" if place == "-" else place
    o["events"].append(ev)


def build_wire(src, target, date):
    """wire_en.tsv (issue 11): one file, event-free rows have type "-", a "^" text adds an
    event to the sentence above; split by group (the id's letters) in file order, groups
    0, 3, 5, 8, 10, 13, 15, 18, 20 (i % 5 in {0, 3}) are test."""
    rows, groups = [], []
    for line in open(os.path.join(here, src), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        grp = cols[0].rstrip("0123456789")
        if grp not in groups:
            groups.append(grp)
        add_wire_line(rows, cols, date, "test" if groups.index(grp) % 5 in (0, 3) else "train")
    with open(os.path.join(here, target), "w", encoding="utf-8") as fh:
        for o in rows:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    test = sum(o["split"] == "test" for o in rows)
    print(target, len(rows), "sentences,", test, "test")


build_wire("wire_en.tsv", "wire_en.jsonl", "20250601")


def build_parts(parts, target, date):
    """wire_en2 (issue 11, second English set): one TSV per split, columns as wire_en.tsv;
    every line of a part gets that part's split."""
    rows = []
    for src, split in parts:
        path = os.path.join(here, src)
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            add_wire_line(rows, line.rstrip("\n").split("\t"), date, split)
    with open(os.path.join(here, target), "w", encoding="utf-8") as fh:
        for o in rows:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(target, len(rows), "sentences,", sum(o["split"] == "test" for o in rows), "test")


build_parts([("wire_en2_test.tsv", "test"), ("wire_en2_train.tsv", "train")], "wire_en2.jsonl", "20260301")
build_parts([("wire_en3_test.tsv", "test"), ("wire_en3_train.tsv", "train")], "wire_en3.jsonl", "20260401")
build_parts([("wire_en4_test.tsv", "test"), ("wire_en4_train.tsv", "train")], "wire_en4.jsonl", "20260501")
build_parts([("wire_en5_test.tsv", "test"), ("wire_en5_train.tsv", "train")], "wire_en5.jsonl", "20261201")
build_parts([("wire_en6_test.tsv", "test"), ("wire_en6_train.tsv", "train")], "wire_en6.jsonl", "20261207")
build_parts([("wire_en7_test.tsv", "test"), ("wire_en7_train.tsv", "train")], "wire_en7.jsonl", "20261207")


def build_args_labels(sources, target):
    """The train parts of the English wire sets as place labels of the argument ranker (issue 11):
    crates/detect/labels/args/place.en.wire.jsonl, read by `marsad train args` for the English place ranker; every line
    is `split: train` and its `doc` is the set and id (the test parts are never written)."""
    out = []
    for src in sources:
        for line in open(os.path.join(here, src), encoding="utf-8"):
            o = json.loads(line)
            if o["split"] != "train" or not o["events"]:
                continue
            # places only: actors and recipients of these sentences stay out of the ranker's
            # training, so its Arabic actor and recipient weights do not move with them
            evs = [{k: v for k, v in e.items() if k not in ("source_text", "target_text", "source_code", "target_code")} for e in o["events"]]
            o = dict(o, doc=src.split(".")[0] + ":" + o["id"], events=evs)
            out.append(o)
    path = os.path.join(here, "..", "..", "..", "detect", "labels", "args", target)
    with open(path, "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(target, len(out), "train sentences")


build_args_labels(["wire_en.jsonl", "wire_en2.jsonl", "wire_en3.jsonl", "wire_en5.jsonl", "wire_en6.jsonl", "wire_en7.jsonl", "wire_en8.jsonl"], "place.en.wire.jsonl")
