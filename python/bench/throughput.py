"""Throughput per core: marsad.extract (Python, one thread) against
`marsad extract --threads 1` on the same corpus articles.

    python bench/throughput.py [--docs 3000] [--cli target/release/marsad] [--corpus FILE]

Prints articles per CPU-second of each (process CPU time, user + system,
so a loaded machine does not distort it much) and their ratio. Model
loading is left out of both: Python loads before timing; the CLI's run on
one article is subtracted. Python's figure includes converting the records
and json.loads of every document into dicts.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cli_cpu(cli, path):
    t0 = child_cpu()
    subprocess.run([cli, "extract", "-q", "--threads", "1", path], stdout=subprocess.DEVNULL, check=False)
    return child_cpu() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "ant-v1.1-jawharafm.jsonl"))
    ap.add_argument("--cli", default=os.environ.get("MARSAD_BIN", str(REPO / "target" / "release" / "marsad")))
    ap.add_argument("--repeat", type=int, default=2, help="best of N runs each")
    a = ap.parse_args()
    import marsad

    lines = [l for l in open(a.corpus, encoding="utf-8").read().split("\n") if l.strip()][: a.docs]
    recs = [json.loads(l) for l in lines]
    chars = sum(len(r.get("text", "")) for r in recs)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "c.jsonl")
        one = os.path.join(d, "one.jsonl")
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        Path(one).write_text(lines[0] + "\n", encoding="utf-8")
        load = min(cli_cpu(a.cli, one) for _ in range(a.repeat))
        cli = min(cli_cpu(a.cli, path) for _ in range(a.repeat)) - load
    marsad.load()
    py = []
    for _ in range(a.repeat):
        t0 = time.process_time()
        docs = marsad.extract(recs, threads=1)
        py.append(time.process_time() - t0)
    py = min(py)
    assert len(docs) == len(recs)
    n = len(recs)
    print(f"{n} articles, {chars / n:.0f} characters each on average, one thread, best of {a.repeat}")
    print(f"  marsad extract (CLI):   {cli:6.2f} CPU s = {n / cli:7.0f} articles per CPU-second (model loading, {load:.2f} s, left out)")
    print(f"  marsad.extract (Python): {py:6.2f} CPU s = {n / py:7.0f} articles per CPU-second (records in, dicts out)")
    print(f"  Python / CLI: {cli / py:.2f}")


if __name__ == "__main__":
    sys.exit(main())
