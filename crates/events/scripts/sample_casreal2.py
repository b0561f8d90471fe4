#!/usr/bin/env python3
"""Draw candidate sentences for casreal2, the second real-text casualty set (issue 11).

Reads ../shared/corpus/ant-v1.1-jawharafm.jsonl and skips, whole, every article that any
file of crates/detect/labels/ or crates/events/data/dev/ names (a "doc" or "id" field, or
the article id written anywhere in a TSV/JSONL line), and every sentence whose text is in
one of them. Sentences are drawn (fixed seed) by kind: killings, injuries, arrests,
number words and duals, implicit singletons, vague floors, claims, and numbers that are no
casualty figures next to an event word (ages, prison terms, money, seized things, dates).
At most two sentences an article. The split is by article: test when
md5("casreal2|" + article id) mod 2 == 0, else train. Prints TSV: kind, doc, split, text.
These are candidates only; the gold is what a careful reading of each kept one says."""
import hashlib, json, os, random, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "detect", "scripts"))
from labeltext import norm  # noqa: E402

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
corpus = os.path.join(root, "..", "shared", "corpus", "ant-v1.1-jawharafm.jsonl")
if not os.path.exists(corpus):
    corpus = "/work/shared/corpus/ant-v1.1-jawharafm.jsonl"


ARTID = re.compile(r"JA-[A-Za-z]+-\d+-\d{8}")
used_docs, used_text = set(), set()
for d in (os.path.join(root, "crates", "detect", "labels"),
          os.path.join(root, "crates", "events", "data", "dev")):
    for dirpath, _, files in os.walk(d):
        for f in files:
            if not (f.endswith(".jsonl") or f.endswith(".tsv")) or f.startswith("casreal2"):
                continue  # (casreal2's own files are what this script drew)
            for line in open(os.path.join(dirpath, f), encoding="utf-8"):
                used_docs.update(ARTID.findall(line))
                if f.endswith(".jsonl"):
                    try:
                        o = json.loads(line)
                    except ValueError:
                        continue
                    t = o.get("text") or o.get("sentence") or ""
                    if f.startswith("articles"):
                        continue  # whole articles: their ids are skipped above
                    used_text.add(norm(t).strip())
                else:
                    cols = line.rstrip("\n").split("\t")
                    used_text.add(norm(cols[-1]).strip())

KINDS = [
    ("implicit", r"\b(اغتيال|اغتال\w*|اعدام|اعدم\w*|مقتله|اغتياله|ايقافه|القبض عليه|ذبح\w*)\b"),
    ("vague", r"(علي الاقل|اكثر من|ما لا يقل|ما يزيد|نحو|حوالي|قرابه|عشرات|مئات|عدد من).{0,25}(قتيل|قتلي|جريح|جرحي|شخص|مدني|عنصر|جندي|مسلح|مصاب)"),
    ("claim", r"(تبن|اعلن|زعم|قال|اكد|افاد|ذكر).{0,60}(قتل|مقتل|قتلي|استشهاد|اصابه|جرحي)"),
    ("numword", r"\b(ثلاث|اربع|خمس|ست|سبع|ثماني|تسع|عشر|اثن|احد|واحد|اثنين|اثنان|شخصين|عنصرين)\w* .{0,25}(قتل|قتيل|قتلي|جرحي|جريح|مصاب|اصيب|شخص|عنصر|ايقاف|القبض)"),
    ("digits", r"\d+ .{0,20}(قتيل|قتلي|جريح|جرحي|شخص|اشخاص|عنصر|عناصر|مصاب|شهيد|مدني|جندي)"),
    ("killed", r"\b(قتل|مقتل|قتلي|قتيل\w*|استشهاد|استشهد\w*|مصرع\w*|حتفه\w*|القضاء علي|اودي بحياه)\b"),
    ("injured", r"\b(اصيب\w*|اصابه|اصابات|جرحي|جريح\w*|مصاب\w*|بجروح|بجراح)\b"),
    ("arrested", r"\b(القبض|اعتقال|اعتقل\w*|ايقاف|اوقف\w*|احتجاز|احتجز\w*)\b"),
]
NONFIG = re.compile(r"\d+ ?(سنه|سنوات|عاما|دينار|مليون|الف|كلغ|كغ|غرام|قطعه|علبه|سياره|بالمائه|%)|العمر|عمره|بالسجن")
EVWORD = re.compile(KINDS[5][1] + "|" + KINDS[6][1] + "|" + KINDS[7][1])
NOTCAS = re.compile(r"فيروس|مرض|التهاب|سرطان|عدوي|تسمم|الملاعب|مباراه|اللاعب|عن العمل|عن النشاط|انفلونزا|كوليرا")

def unused_sentences():
    """Every sentence (40-420 characters) of an article no repo file uses, whose
    normalised text no label file holds and which names no illness or sport: (doc, s, n)."""
    for line in open(corpus, encoding="utf-8"):
        a = json.loads(line)
        if a["id"] in used_docs:
            continue
        doc = "jawhara-" + a["id"]
        for s in re.split(r"(?<=[.!؟?])\s+|\n+", a.get("text", "")):
            s = s.strip()
            if not (40 <= len(s) <= 420):
                continue
            n = norm(s)
            if n in used_text or NOTCAS.search(n):
                continue
            yield doc, s, n


pool = {k: [] for k, _ in KINDS}
pool["nonfig"] = []
for doc, s, n in unused_sentences():
    if NONFIG.search(n) and EVWORD.search(n):
        pool["nonfig"].append((doc, s))
        continue
    for kind, rx in KINDS:
        if re.search(rx, n):
            pool[kind].append((doc, s))
            break

N = {"implicit": 40, "vague": 30, "claim": 30, "numword": 50, "digits": 50, "killed": 50,
     "injured": 40, "arrested": 40, "nonfig": 60}
rng = random.Random(2026)
per_doc, out = {}, []
for kind in N:
    cands = pool[kind]
    rng.shuffle(cands)
    taken = 0
    for doc, s in cands:
        if taken >= N[kind]:
            break
        if per_doc.get(doc, 0) >= 2:
            continue
        per_doc[doc] = per_doc.get(doc, 0) + 1
        h = int(hashlib.md5(("casreal2|" + doc).encode()).hexdigest(), 16)
        out.append((kind, doc, "test" if h % 2 == 0 else "train", s))
        taken += 1
for row in out:
    print("\t".join(row))
print(len(out), "candidates;", len(used_docs), "used articles skipped;",
      {k: len(v) for k, v in pool.items()}, file=sys.stderr)

# Second draw (the first gave few killings: the corpus's killings are mostly in used
# articles): every other sentence of the same unused articles with a killing word, no
# accident, disaster or animal word, shuffled with its own seed; kind "killx". In the TSV
# the first draw's rows are numbered T/R (test/train, in this order), the second's K/Q.
KILL = re.compile(r"\b(قتل\w*|مقتل|قتلي|قتيل\w*|استشهاد|استشهد\w*|مصرع\w*|حتف\w*|اغتيال|اغتال\w*|اعدم\w*|اعدام|القضاء علي|اودي بحياه|ذبح\w*|نحر\w*|جثه|جثث|ضحيه|ضحايا)\b")
ACC = re.compile(r"حادث|مرور|اصطدام|انقلاب|غرق|حريق|صعق|الطرقات|اعصار|زلزال|فيضان|الكلاب|كلب|المواشي|قرش|ثعبان|طائره|قطار")
taken = {r[3] for r in out}
second = []
for doc, s, n in unused_sentences():
    if s in taken or ACC.search(n) or not KILL.search(n):
        continue
    h = int(hashlib.md5(("casreal2|" + doc).encode()).hexdigest(), 16)
    second.append(("killx", doc, "test" if h % 2 == 0 else "train", s))
random.Random(7).shuffle(second)
seen2 = set()
for row in second:
    if row[3] not in seen2:
        seen2.add(row[3])
        print("\t".join(row))
