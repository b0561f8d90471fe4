#!/usr/bin/env python3
"""Where the actor errors of the argument ranker come from, as counts (issue 11, round 6).

For the TRAIN lines of the Arabic argument gold files only (never a test part), each gold
event with a named actor that `marsad eval events` gets wrong is put in one class:

  a  type       the event is not found with its type at all
  b  unreachable the gold actor is not among the ranker's candidates
                (`marsad train args --show-unreachable`, same sentence id)
  c0 none       a candidate matches the gold, but the ranker said "no one"
  c1 other      a candidate matches the gold, but the ranker chose another span

and the actors invented (gold "no actor", one given) are the `actor invented` line of the
evaluation. Span extent is not a class of its own: `eval events` matches a gold and a
predicted span by containment or a shared content word, so تنظيم داعش and داعش, قوات
الأمن and الأمن match; what is left of extent (an attacker noun for the name in apposition,
التنظيم for داعش) is among c1 and is listed with -v.

    python3 crates/detect/scripts/actor_errors.py target/release/marsad [-v]
"""
import collections
import re
import subprocess
import sys
import tempfile

FILES = ["gold.ar.assault", "gold.ar.assault2", "gold.ar.assault3", "gold.ar.actors7", "gold.ar"]
DIR = "crates/detect/labels/args/"


def main():
    binary = sys.argv[1]
    verbose = "-v" in sys.argv[2:]
    with tempfile.TemporaryDirectory() as tmp:
        err = subprocess.run(
            [binary, "train", "args", "-o", f"{tmp}/a.model", "--en-place-output", f"{tmp}/e.model", "--show-unreachable", "100000"],
            capture_output=True, text=True, check=True).stderr
    unreachable = set(re.findall(r"^UNREACHABLE Actor «.*?» \[(.*?)\]", err, re.M))
    total = collections.Counter()
    for f in FILES:
        r = subprocess.run([binary, "eval", "events", "--split", "train", "--gold", DIR + f + ".jsonl", "--misses", "100000"],
                           capture_output=True, text=True, check=True)
        inv = re.search(r"actor invented\s+\S+\s+\((\d+)/(\d+)\)", r.stdout)
        c = collections.Counter()
        for kind, sid, det in re.findall(r"^MISS (type|actor) \[(.*?)\] .*?\n    (.*?)$", r.stderr, re.M):
            if kind == "type":
                c["a type"] += 1
                continue
            m = re.search(r"gold actor «(.*?)» ; got (.*)", det)
            picks = re.findall(r"actor=(.*?) rec=", m.group(2))
            cls = "b unreachable" if sid in unreachable else "c0 none" if all(p == "-" for p in picks) else "c1 other"
            c[cls] += 1
            if verbose:
                print(f"  {cls:14} {f} {sid} gold «{m.group(1)}» picked {picks}")
        if inv:
            c["d invented"] += int(inv.group(1))
        print(f, dict(sorted(c.items())))
        total += c
    print("total", dict(sorted(total.items())))


if __name__ == "__main__":
    main()
