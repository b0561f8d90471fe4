#!/usr/bin/env python3
"""Round 7's train draw (issue 11): every unused sentence of the train-side news articles in
which marsad keeps an ASSAULT event, for reading and labelling (labels/args/gold.ar.actors7.jsonl).

The pattern pools of sample_assault_actors.py were spent (rounds 3-5 read them), so this draw
runs marsad itself over whole articles instead of a word pattern:
  1. the corpus articles of the train side (FNV-1a 32-bit of the id mod 5 != 0) in the news
     sections (not sport, culture, economy, technology), skipping every article that a test
     part, an assault_test* file or a dev set (crates/events/data/dev) uses;
  2. `marsad extract -q -j 1` over them;
  3. each sentence with an ASSAULT event, unless its text (normalised) is already in any file
     of crates/detect/labels or crates/events/data/dev; printed as TSV: doc, sentence index,
     E (an event that happened: not generic, background, hypothetical or negated) or G,
     the highest confidence, the triggers, the sentence, ordered by
     md5("assault-train7|" + doc + "|" + sentence index).

    python3 crates/detect/scripts/screen_assault_train.py target/release/marsad > pool.tsv

Round 7 read the 334 E lines with confidence >= 0.5, then the other 315 (lower confidence
or G), and the ASSAULT `event` labels of labels.ar.r3.jsonl whose sentences no argument
file held (28); the ones reporting an assault that happened were labelled with GUIDE.md.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from labeltext import fnv1a, norm as _norm

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..")
corpus = os.path.join(root, "..", "shared", "corpus", "ant-v1.1-jawharafm.jsonl")
if not os.path.exists(corpus):
    corpus = "/work/shared/corpus/ant-v1.1-jawharafm.jsonl"


def norm(s):
    return _norm(s).strip()


def main():
    binary = sys.argv[1]
    skip_docs, used_text = set(), set()
    for d in [os.path.join(root, "crates", "detect", "labels"), os.path.join(root, "crates", "events", "data", "dev")]:
        for dirpath, _, files in os.walk(d):
            for f in files:
                if not f.endswith(".jsonl"):
                    continue
                for line in open(os.path.join(dirpath, f), encoding="utf-8"):
                    r = json.loads(line)
                    doc = str(r.get("doc") or r.get("id") or "")
                    doc = doc[len("jawhara-"):] if doc.startswith("jawhara-") else doc
                    if f.startswith("assault_test") or d.endswith("dev") or r.get("split") == "test":
                        skip_docs.add(doc)
                    used_text.add(norm(r.get("text") or r.get("sentence") or ""))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "articles.jsonl")
        with open(path, "w", encoding="utf-8") as out:
            for line in open(corpus, encoding="utf-8"):
                a = json.loads(line)
                if a["id"] in skip_docs or fnv1a(a["id"]) % 5 == 0 or a.get("section", "") in ("sport", "culture", "economy", "technology"):
                    continue
                out.write(json.dumps({"id": a["id"], "title": a.get("title", ""), "text": a["text"], "date": a.get("date", "")}, ensure_ascii=False) + "\n")
        ex = subprocess.run([binary, "extract", "-q", "-j", "1", path], capture_output=True, text=True, check=True).stdout
    for line in ex.splitlines():
        d = json.loads(line)
        by = {}
        for e in d["events"]:
            if e["type"] == "ASSAULT":
                by.setdefault(e["sentence"], []).append(e)
        for si, evs in by.items():
            s = d["sentences"][si]
            text = d["text"][s["start"]:s["end"]]
            if norm(text) in used_text:
                continue
            happened = any(not (e["generic"] or e["background"] or e["hypothetical"] or e["negated"]) for e in evs)
            conf = max(e["confidence"] for e in evs)
            h = hashlib.md5(f"assault-train7|{d['id']}|{si}".encode()).hexdigest()
            rows.append((h, d["id"], si, "E" if happened else "G", conf, " | ".join(e["trigger"]["text"] for e in evs), text))
    for r in sorted(rows):
        print("\t".join(map(str, r[1:])))


if __name__ == "__main__":
    main()
