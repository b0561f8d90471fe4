#!/usr/bin/env python3
"""Build the real-sentence casualty gold sets from data/dev/casreal.tsv (issue 11).

Writes casreal.jsonl (the train part: rules may be tuned on it) and casreal_test.jsonl
(the test part, fixed by article before any tuning). Format: the JSONL gold that
`marsad eval events --gold` reads, several events per sentence allowed, plus per event
"reported_by" (the party whose claim the toll is) and "vague" (the figures that are
floors: at least / more than / about), and per sentence "doc" and "split".
Run from anywhere: python3 make_casreal.py"""
import json, os

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "dev")
FIELDS = {"k": "fatalities", "i": "injured", "a": "arrested"}
KEYS = ("k", "i", "a", "v", "place", "by")


def event(spec, text, id_):
    parts = spec.split()
    ev = {"plover": parts[0], "source_code": "None None", "target_code": "None None",
          "source_text": "", "target_text": ""}
    items, cur = [], None
    for tok in parts[1:]:
        if "=" in tok and tok.split("=", 1)[0] in KEYS:
            cur = tok.split("=", 1)
            items.append(cur)
        elif cur is not None:
            cur[1] += " " + tok
        else:
            raise SystemExit(f"{id_}: cannot read {spec!r}")
    for key, val in items:
        if key in FIELDS:
            ev[FIELDS[key]] = None if val == "null" else int(val)
        elif key == "v":
            ev["vague"] = [FIELDS[k] for k in val.split(",")]
        elif key == "place":
            assert val in text, (id_, val)
            ev["place"] = val
        elif key == "by":
            assert val in text, (id_, val)
            ev["reported_by"] = val
    return ev


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
