#!/usr/bin/env python3
"""Draw candidate sentences for the fresh Arabic assault-actor test set (issue 11).

Reads ../shared/corpus/ant-v1.1-jawharafm.jsonl, splits articles into sentences and
keeps those with an attack verb form or an attack noun with an agent (see ATTACK),
in the news sections (not sport, culture, economy, technology). Articles already used anywhere in
crates/detect/labels/ or crates/events/data/dev/ are skipped (by article id and by
sentence text). The draw is fixed by a hash, not a seed: each candidate sentence gets
md5("assault-actor|" + article id + "|" + sentence index); the sentences are taken in
ascending hash order, at most two per article, the first N (default 260) printed as
TSV: n, doc id, text. These are candidates only: the gold (labels/args/assault_test.jsonl)
is what a careful reading of each kept sentence says.

`--train N` draws the *training* sentences of round 2 (labels/args/gold.ar.assault.jsonl)
instead: salt "assault-train|", the fresh test set's articles and sentences skipped too,
and only articles of the train part of the fixed split (FNV-1a 32-bit of the id modulo 5
is not 0, as `labels::is_test_article`), so no test part ever shares an article with them.

`--salt S` (round 3, labels/args/gold.ar.assault2.jsonl: `--train 3000 --salt "assault-train3|"
--per-article 99`) orders the draw by another hash, so the sentences read and set aside in round 2
do not come back first; `--per-article K` raises the cap of sentences per article (the four-per-
article pool was down to 570 sentences); `--reuse-train-articles` also draws the unused sentences
of train-side articles that other label files already used (only the fresh test set's, the dev
sets' and test-split articles stay skipped whole; every used sentence is still skipped).
Round 3 drew `--train 5000 --salt "assault-train3|" --per-article 4 --reuse-train-articles`.

Round 4's fresh test set (labels/args/assault_test4.ar.jsonl) is a test draw with a new salt:
`--salt "assault-test4|" --broad --self assault_test4 400` (`--broad`: attack and casualty
nouns qualify too, as in the train draws; the verb pattern alone left 114 unused sentences). Without `--train` but with
`--salt`, the earlier fresh test set's articles and sentences are skipped too (only the file named
by `--self`, the set being drawn, is not read, so the draw can be repeated); train draws skip
every `assault_test*` article whole, so no train label ever shares an article with it.
`--test-side` would keep only test-side articles (FNV-1a mod 5 = 0): 41 sentences, too few.

Round 4's train file (labels/args/gold.ar.assault3.jsonl) read two pools, in this order, keeping
the sentences where `marsad explain` shows an ASSAULT candidate: `--train 9000 --salt
"assault-train4|" --per-article 4 --reuse-train-articles` (868 sentences, 416 with a candidate),
then every other unused sentence of the same articles, `--train 30000 --salt "assault-train4x|"
--any --all-sections --max-len 1000 --per-article 999 --reuse-train-articles` less the first pool
(460 with a candidate); the ones `explain` called EVENT were read first."""
import hashlib, json, os, re, sys
from labeltext import fnv1a, norm

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..", "..", "..")
corpus = os.path.join(root, "..", "shared", "corpus", "ant-v1.1-jawharafm.jsonl")
if not os.path.exists(corpus):
    corpus = "/work/shared/corpus/ant-v1.1-jawharafm.jsonl"
argv = sys.argv[1:]
salt_arg, per_article_arg = None, None
if "--salt" in argv:  # round 3: a new salt draws new sentences (--train 3000 --salt assault-train3|)
    k = argv.index("--salt")
    salt_arg = argv[k + 1]
    del argv[k:k + 2]
reuse = "--reuse-train-articles" in argv  # round 3: see the docstring
if reuse:
    argv.remove("--reuse-train-articles")
if "--per-article" in argv:  # round 3: more sentences of the same (train-side) articles
    k = argv.index("--per-article")
    per_article_arg = int(argv[k + 1])
    del argv[k:k + 2]
self_name = None
if "--self" in argv:  # round 4: the test file being drawn is not a used file
    k = argv.index("--self")
    self_name = argv[k + 1]
    del argv[k:k + 2]
test_side = "--test-side" in argv  # round 4: test-side articles only
if test_side:
    argv.remove("--test-side")
broad = "--broad" in argv  # round 4: the test draw also takes attack/casualty nouns (BROAD)
if broad:
    argv.remove("--broad")
max_len = 420
if "--max-len" in argv:  # round 4: longer sentences too (the test pool was short)
    k = argv.index("--max-len")
    max_len = int(argv[k + 1])
    del argv[k:k + 2]
any_sentence = "--any" in argv  # round 4: every sentence (the pipeline's candidates then filter)
if any_sentence:
    argv.remove("--any")
all_sections = "--all-sections" in argv  # round 4: sport, culture, economy and technology too
if all_sections:
    argv.remove("--all-sections")
train = len(argv) > 0 and argv[0] == "--train"
args = argv[1:] if train else argv
n_out = int(args[0]) if args else 260
salt = salt_arg or ("assault-train|" if train else "assault-actor|")
per_article = 4 if train else 2
if per_article_arg:
    per_article = per_article_arg


used_docs, used_text = set(), set()
for d in [os.path.join(root, "crates", "detect", "labels"),
          os.path.join(root, "crates", "events", "data", "dev")]:
    for dirpath, _, files in os.walk(d):
        for f in files:
            if not f.endswith(".jsonl"):
                continue
            if self_name and f.startswith(self_name):
                continue
            # the first test draw (no --salt) did not skip itself; later test draws skip it
            if f.startswith("assault_test") and not train and not salt_arg:
                continue
            for line in open(os.path.join(dirpath, f), encoding="utf-8"):
                r = json.loads(line)
                doc = str(r.get("doc") or r.get("id") or "")
                # --reuse-train-articles: a train-side article already labelled elsewhere may
                # give other sentences; the fresh test set's, the dev sets' and any article with
                # a test line stay skipped whole.
                if not reuse or f.startswith("assault_test") or d.endswith("dev") or r.get("split") == "test":
                    used_docs.add(doc[len("jawhara-"):] if doc.startswith("jawhara-") else doc)
                t = r.get("text") or r.get("sentence") or ""
                used_text.add(norm(t).strip())

# A sentence qualifies when it has an attack verb form (perfect, with its clitics) or an
# attack noun with an agent phrase, a claim, or an "exposed to" construction: the broad
# word list of a first try drew nine off-topic sentences (sport "hits", cyber attacks,
# metaphors, court cases) for each attack report.
ATTACK = re.compile(
    r"(^|\s)(و|ف)?(اغتال|استهدف|هاجم|اعتدي|اعتدت|اعتدوا|قصف|طعن|ذبح|نحر|اختطف|خطف|قتل|"
    r"اعدم|احرق|رشق|داهم)(ت|وا|ا|تا)?(ه|ها|هم|هما)?(\s|$)|"
    r"فجر(ت|وا)? (نفس|عبوه|سياره|حزام)|"
    r"اطلق(ت|وا)? (النار|الرصاص|عيارات|قذيف|صاروخ)|"
    r"(شن|شنت|شنوا|نفذ|نفذت|نفذوا) .{0,25}(هجوم|غاره|غارات|هجمات|ضربه|ضربات|عمليه ارهابيه|تفجير)|"
    r"تعرض\S* .{0,40}(اعتداء|لاعتداء|للاعتداء|الاعتداء|هجوم|لهجوم|للهجوم|الطعن|للطعن|اطلاق|للعنف|الي العنف|للضرب|اختطاف)|"
    r"(هجوم|اعتداء|الاعتداء|اغتيال|تفجير|قصف|غاره|غارات|طعن|اختطاف|قتل|مقتل).{0,60}(من قبل|من طرف|علي يد)|"
    r"تبن\S* .{0,40}(هجوم|الهجوم|تفجير|الاعتداء|اعتداء|عمليه|مسؤوليه)|"
    r"(مسلحون|مسلحين|مجهولون|مجهولين|ارهابيون|ارهابيين|مجموعه ارهابيه|عناصر ارهابيه).{0,40}(هاجم|اطلق|قتل|اغتال|استهدف|اختطف|فجر|اعتد|ذبح|نحر)")
# For the train draw (--train) the verb list alone leaves ~120 unused sentences, so an
# attack or casualty noun also qualifies; the pipeline's ASSAULT candidates then filter.
BROAD = re.compile(r"(مقتل|اصابه|اصيب|اصيبوا|جرح|قتلي|جرحي|هجوم|الهجوم|اعتداء|الاعتداء|تفجير|انفجار|غاره|اشتباك|اغتيال|الطعن|اختطاف|العنف|قذيف|رصاص)")
# round 4's test draw (--broad): the attack nouns of BROAD without the injury, explosion and
# violence words, which drew road accidents, illnesses and surveys (5 assaults in 90 read)
BROAD_TEST = re.compile(r"(مقتل|قتلي|هجوم|الهجوم|اعتداء|الاعتداء|تفجير|غاره|اشتباك|اغتيال|الطعن|اختطاف|قذيف|رصاص)")
SECTIONS = {"localNews", "internationalNews", "society", "diverse", "politic", ""}

cands = []
for line in open(corpus, encoding="utf-8"):
    a = json.loads(line)
    if a["id"] in used_docs or (a.get("section", "") not in SECTIONS and not all_sections):
        continue
    if train and fnv1a(a["id"]) % 5 == 0:
        continue
    if test_side and fnv1a(a["id"]) % 5 != 0:
        continue
    for i, s in enumerate(re.split(r"(?<=[.!؟?])\s+|\n+", a.get("text", ""))):
        s = s.strip()
        if not (40 <= len(s) <= max_len) or norm(s) in used_text:
            continue
        wide = (train and BROAD.search(norm(s))) or (broad and not train and BROAD_TEST.search(norm(s)))
        if not ATTACK.search(norm(s)) and not wide and not any_sentence:
            continue
        h = hashlib.md5(f"{salt}{a['id']}|{i}".encode()).hexdigest()
        cands.append((h, a["id"], s))
cands.sort()
per_doc, n = {}, 0
for h, doc, s in cands:
    if per_doc.get(doc, 0) >= per_article:
        continue
    per_doc[doc] = per_doc.get(doc, 0) + 1
    n += 1
    print(f"{n}\t{doc}\t{s}")
    if n >= n_out:
        break
