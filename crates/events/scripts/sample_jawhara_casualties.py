#!/usr/bin/env python3
"""Draw candidate sentences for the Jawhara casualty dev set (issue 11).

Reads ../shared/corpus/ant-v1.1-jawharafm.jsonl, splits articles into sentences,
drops every sentence already in crates/detect/labels/ (by text), and draws, with a
fixed seed, sentences of several kinds: killing, injury, arrest, assassination /
execution, bodies, tolls and claims, vague quantities, duals and number words, and
sentences whose numbers are not casualty figures (ages, money, years, scores).
At most two sentences per article. Prints TSV: kind, doc id, split, text.
The split is by article: test when md5(doc id) mod 100 < 40, else train.
These are candidates only: the gold (data/dev/jawhara_casualties.tsv) is what a
careful reading of each kept sentence says."""
import hashlib, json, os, random, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "detect", "scripts"))
from labeltext import norm  # noqa: E402

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
corpus = os.path.join(root, "..", "shared", "corpus", "ant-v1.1-jawharafm.jsonl")
if len(sys.argv) > 1:
    corpus = sys.argv[1]
elif not os.path.exists(corpus):
    corpus = "/work/shared/corpus/ant-v1.1-jawharafm.jsonl"


seen = set()
labels = os.path.join(root, "crates", "detect", "labels")
for dirpath, _, files in os.walk(labels):
    for f in files:
        if f.endswith(".jsonl"):
            for line in open(os.path.join(dirpath, f), encoding="utf-8"):
                d = json.loads(line)
                t = d.get("text") or d.get("sentence") or ""
                seen.add(norm(t).strip())

KINDS = [
    ("assassinate", r"اغتال|اغتيال|اعدم|اعدام|ذبح|نحر"),
    ("bodies", r"جثه|جثث|جثمان"),
    ("claim", r"(تبن|اعلن|زعم|قال|اكد).{0,60}(قتل|مقتل|قتلي|استشهاد|اسر)"),
    ("vague", r"(علي الاقل|اكثر من|ما لا يقل|ما يزيد|نحو|حوالي|قرابه|عشرات|مئات).{0,25}(قتيل|قتلي|جريح|جرحي|شخص|مدني|عنصر|جندي|مسلح|مصاب)"),
    ("dual", r"\b\w+(ان|ين)\b.{0,6}(قتل|مقتل|اصيب|اصابه|جرح|القبض|ايقاف|اعتقال)|(قتل|مقتل|اصيب|اصابه|القبض علي|ايقاف|اعتقال) \w+(ين|ان) "),
    ("numword", r"(ثلاث|اربع|خمس|ست|سبع|ثماني|تسع|عشر|اثن|احد|واحد)\S* .{0,20}(قتل|قتيل|قتلي|جرحي|جريح|مصاب|اصيب|شخص|عنصر)"),
    ("killed", r"قتل|مقتل|قتيل|قتلي|استشهد|شهيد|مصرع|حتفه|حتفهم|لقي"),
    ("injured", r"اصيب|اصابه|اصابات|جرحي|جريح|مصاب|بجروح"),
    ("arrested", r"القبض|اعتقال|اعتقل|ايقاف|اوقف|احتجاز|احتجز|ايداع"),
    ("nonfig", r"\d+ ?(سنه|سنوات|عاما|دينار|مليون|الف دينار|هدف|اهداف|دقيقه|بالمائه|%)|العمر|عمره"),
]
ACCIDENT = re.compile(r"حادث مرور|اصطدام|انقلاب|غرق|حريق|صعق|حوادث الطرقات|الطرقات")
N = {"assassinate": 35, "bodies": 20, "claim": 30, "vague": 35, "dual": 30, "numword": 40,
     "killed": 60, "injured": 45, "arrested": 60, "nonfig": 45}

rng = random.Random(11)
pool = {k: [] for k, _ in KINDS}
for line in open(corpus, encoding="utf-8"):
    a = json.loads(line)
    doc = "jawhara-" + a["id"]
    for s in re.split(r"(?<=[.!؟?])\s+|\n+", a.get("text", "")):
        s = s.strip()
        if not (40 <= len(s) <= 420):
            continue
        n = norm(s)
        if n in seen:
            continue
        for kind, rx in KINDS:
            if re.search(rx, n):
                if kind != "nonfig" and ACCIDENT.search(n):
                    break
                if kind == "nonfig" and re.search(KINDS[6][1] + "|" + KINDS[7][1] + "|" + KINDS[8][1], n):
                    # a non-figure sentence that also has an event word: keep it, it measures
                    # invented figures where it matters
                    pass
                pool[kind].append((doc, s))
                break

per_doc = {}
out = []


def draw(kinds, pools, quota):
    """Shuffle each kind's pool (one shared random stream, kinds in order) and take
    up to its quota, at most two sentences an article over both rounds; the split is
    the article's: md5 of its id mod 100 below 40 is test."""
    for kind, _ in kinds:
        cands = pools[kind]
        rng.shuffle(cands)
        taken = 0
        for doc, s in cands:
            if taken >= quota[kind]:
                break
            if per_doc.get(doc, 0) >= 2:
                continue
            per_doc[doc] = per_doc.get(doc, 0) + 1
            split = "test" if int(hashlib.md5(doc.encode()).hexdigest(), 16) % 100 < 40 else "train"
            out.append((kind, doc, split, s))
            taken += 1


draw(KINDS, pool, N)
# Round 2 (drawn after round 1's reading showed half its draws were off topic: "لقي"
# inside "القيام", disease "إصابات", sport "إيقاف"): stricter patterns, same seed
# stream, same per-article cap.
KINDS2 = [
    ("killed2", r"(\b(قتل|مقتل|قتلي|قتيل\w*|استشهاد|استشهد|مصرع\w*|حتفه\w*|اغتيال|اغتال\w*|القضاء علي|اودي بحياه|اعدم\w*)\b)"),
    ("injured2", r"\b(اصيب\w*|اصابه|اصابات|جرحي|جريح\w*|مصاب\w*|بجروح|بجراح)\b"),
    ("arrested2", r"\b(القبض|اعتقال|اعتقل\w*|ايقاف|اوقف\w*|احتجاز|احتجز\w*)\b"),
]
NOTCAS = re.compile(r"فيروس|مرض|التهاب|سرطان|بوصفير|عدوي|تسمم|الملاعب|مباراه|اللاعب|عن العمل|عن النشاط|انفلونزا|كوليرا")
N2 = {"killed2": 110, "injured2": 55, "arrested2": 45}
pool2 = {k: [] for k, _ in KINDS2}
taken_text = {r[3] for r in out}
for line in open(corpus, encoding="utf-8"):
    a = json.loads(line)
    doc = "jawhara-" + a["id"]
    for s in re.split(r"(?<=[.!؟?])\s+|\n+", a.get("text", "")):
        s = s.strip()
        if not (40 <= len(s) <= 420) or s in taken_text:
            continue
        n = norm(s)
        if n in seen or ACCIDENT.search(n) or NOTCAS.search(n):
            continue
        for kind, rx in KINDS2:
            if re.search(rx, n):
                pool2[kind].append((doc, s))
                break
draw(KINDS2, pool2, N2)
for row in out:
    print("\t".join(row))
print(len(out), "candidates", file=sys.stderr)
