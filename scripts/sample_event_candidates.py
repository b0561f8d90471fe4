#!/usr/bin/env python3
"""Draw event candidates from the shared corpus for hand labelling.

Runs `marsad extract` over ANT v1.1 (Jawhara FM), keeps every event the rules
produce as a candidate, and samples a stratified set: per section a quota, in
each section about 70% ASSAULT/COERCE/PROTEST and 30% other types, at most two
candidates per article. Writes the candidates (without labels) and the
articles they come from. The split (test = numeric id divisible by 5) is the
one described in crates/detect/labels/GUIDE.md: FNV-1a (32-bit) of the article
id, modulo 5, equal to 0 is test.

usage: scripts/sample_event_candidates.py CORPUS.jsonl MARSAD_BIN|EXTRACTED.jsonl OUT_DIR [ROUND]

MARSAD_BIN must propose candidates without the learned detection stage (a
build before it, or `marsad extract` output of such a build given as a .jsonl
file). ROUND 2 draws a second, disjoint sample (other seed, 85% ASSAULT/
COERCE/PROTEST, articles already labelled excluded) into candidates.ar.r2.jsonl.
"""
import json, random, subprocess, sys, collections

corpus, marsad, out = sys.argv[1:4]
ROUND = int(sys.argv[4]) if len(sys.argv) > 4 else 1
QUOTA = {"sport": 360, "technology": 80, "culture": 160, "economy": 200, "society": 200,
         "diverse": 150, "politic": 200, "localNews": 360, "internationalNews": 260}
ACP = {"ASSAULT", "COERCE", "PROTEST"}


def split_of(doc_id):
    h = 0x811C9DC5
    for b in doc_id.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return "test" if h % 5 == 0 else "train"


arts = {}
for line in open(corpus, encoding="utf-8"):
    d = json.loads(line)
    if d.get("section") and d.get("text", "").strip():
        arts[d["id"]] = d

if marsad.endswith(".jsonl"):
    lines = open(marsad, encoding="utf-8").read().splitlines()
else:
    lines = subprocess.run([marsad, "extract", corpus], capture_output=True, text=True).stdout.splitlines()
seen_docs = set()
if ROUND > 1:
    for f in ("labels.ar.jsonl",):
        for line in open(f"{out}/{f}", encoding="utf-8"):
            seen_docs.add(json.loads(line)["doc"])
    QUOTA = {"sport": 40, "technology": 20, "culture": 50, "economy": 60, "society": 220,
             "diverse": 120, "politic": 60, "localNews": 360, "internationalNews": 260}
cands = collections.defaultdict(list)
for line in lines:
    doc = json.loads(line)
    a = arts.get(doc["id"])
    if not a or doc["id"] in seen_docs:
        continue
    text = doc["text"]
    for e in doc["events"]:
        s = doc["sentences"][e["sentence"]]
        cands[a["section"]].append({
            "doc": doc["id"], "lang": "ar", "section": a["section"], "date": a.get("date"),
            "split": split_of(doc["id"]),
            "title": a.get("title"), "sentence": text[s["start"]:s["end"]],
            "trigger": e["trigger"]["text"], "start": e["trigger"]["start"], "end": e["trigger"]["end"],
            "type": e["type"], "mode": e["mode"],
            "rule": [m for m in ("negated", "hypothetical", "generic") if e[m]],
        })

rng = random.Random(20261204 + ROUND - 1)
ACP_SHARE = 0.7 if ROUND == 1 else 0.85
picked = []
for sec, quota in QUOTA.items():
    pool = cands.get(sec, [])
    rng.shuffle(pool)
    per_doc = collections.Counter()
    acp = [c for c in pool if c["type"] in ACP]
    other = [c for c in pool if c["type"] not in ACP]
    take = []
    for group, n in ((acp, int(quota * ACP_SHARE)), (other, quota)):
        for c in group:
            if len(take) >= n:
                break
            if per_doc[c["doc"]] >= 2 or c in take:
                continue
            per_doc[c["doc"]] += 1
            take.append(c)
    print(f"{sec}: {len(pool)} candidates, {len(acp)} A/C/P, picked {len(take)}", file=sys.stderr)
    picked.extend(take)

picked.sort(key=lambda c: (c["section"], int(c["doc"]) if c["doc"].isdigit() else 0, c["start"]))
prefix = "ar" if ROUND == 1 else f"ar{ROUND}"
for i, c in enumerate(picked):
    c["id"] = f"{prefix}-{i + 1:04d}"
suffix = "" if ROUND == 1 else f".r{ROUND}"
with open(f"{out}/candidates.ar{suffix}.jsonl", "w", encoding="utf-8") as f:
    for c in picked:
        f.write(json.dumps({"id": c.pop("id"), **c}, ensure_ascii=False) + "\n")
docs = sorted({c["doc"] for c in picked}, key=lambda x: int(x) if x.isdigit() else 0)
with open(f"{out}/articles.ar{suffix}.jsonl", "w", encoding="utf-8") as f:
    for d in docs:
        a = arts[d]
        f.write(json.dumps({k: a.get(k) for k in ("id", "title", "text", "date", "section", "url", "source")}, ensure_ascii=False) + "\n")
print(f"{len(picked)} candidates from {len(docs)} articles", file=sys.stderr)
