"""Memory of a Spark task annotating 10,000 articles: the Python worker's
resident memory (where marsad runs) as the task goes.

    python bench/spark_memory.py [--docs 10000] [--batch 500]

One task (local[1], one partition) annotates the articles through
mapInArrow in Arrow batches of --batch rows, as the Spark job does, and
reports after each batch its worker's VmRSS and VmHWM (/proc/self/status).
Prints them at every 10 % of the articles.
"""

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def status_kb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


def probe(batches):
    import pyarrow as pa

    from marsad import _marsad

    done = 0
    for b in batches:
        rows = b.column("_order").to_pylist()
        docs, events = _marsad.extract_batch(b.select(["value"]), threads=1, rows=rows, json_lines=True)
        done += b.num_rows
        yield pa.RecordBatch.from_pydict(
            {"done": [done], "events": [events.num_rows], "rss_kb": [status_kb("VmRSS")], "hwm_kb": [status_kb("VmHWM")], "pid": [os.getpid()]}
        )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "ant-v1.1-jawharafm.jsonl"))
    a = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = (
        SparkSession.builder.master("local[1]").appName("marsad-memory")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(a.batch))
        .config("spark.ui.enabled", "false").getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.read.text(a.corpus).limit(a.docs).coalesce(1).withColumn("_order", F.monotonically_increasing_id())
    rows = df.mapInArrow(probe, "done long, events long, rss_kb long, hwm_kb long, pid long").collect()
    spark.stop()
    total = rows[-1]["done"]
    print(f"one Spark task, {total} articles in batches of {a.batch}, Python worker {rows[0]['pid']}:")
    step = max(1, total // 10)
    mark = step
    for r in rows:
        if r["done"] >= mark or r is rows[-1]:
            print(f"  {r['done']:6d} articles: VmRSS {r['rss_kb'] / 1024:6.1f} MB, peak {r['hwm_kb'] / 1024:6.1f} MB")
            while mark <= r["done"]:
                mark += step
    first = next(r for r in rows if r["done"] >= total // 10)
    print(f"growth from 10 % to 100 %: {(rows[-1]['rss_kb'] - first['rss_kb']) / 1024:+.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
