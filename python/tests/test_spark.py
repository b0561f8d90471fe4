"""The Spark job on local[2] over 2,000 corpus articles: documents, events
and incidents equal the command line's (extract; ingest + events)."""

import json
import os
import sys

import pyarrow.dataset as ds
import pytest

from conftest import cli_extract, cli_incidents

N = int(os.environ.get("MARSAD_SPARK_ARTICLES", "2000"))


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("marsad-test")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def table(path):
    return ds.dataset(path, partitioning="hive").to_table()


def test_spark_job_equals_the_cli(spark, cli, corpus_lines, tmp_path):
    from marsad import spark as ms

    lines = corpus_lines[:N]
    assert len(lines) >= 2000 or N < 2000
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    ms.run(spark, str(tmp_path / "corpus.jsonl"), str(out), threads=1)

    # documents: the JSON marsad extract prints, row for row
    want_docs, _ = cli_extract(cli, ["corpus.jsonl"], tmp_path)
    docs = table(out / "documents").sort_by("row")
    assert docs.num_rows == len(want_docs) == len(lines)
    assert [json.loads(j) for j in docs.column("document").to_pylist()] == want_docs

    # events: one flat row per event of those documents
    ev = table(out / "events").to_pylist()
    want_ev = sorted((d["id"], i, e["type"], e["trigger"]["start"]) for d in want_docs for i, e in enumerate(d["events"]))
    got_ev = sorted((e["doc_id"], e["event_index"], e["event_type"], e["trigger_start"]) for e in ev)
    assert got_ev == want_ev and len(got_ev) > 1000
    assert any(p.startswith("country=") for p in os.listdir(out / "events"))

    # incidents: marsad ingest + marsad events, ids included
    want = cli_incidents(cli, ["corpus.jsonl"], tmp_path)
    inc = table(out / "incidents")
    got = sorted((json.loads(j) for j in inc.column("incident").to_pylist()), key=lambda i: i["id"])
    assert len(want) > 300
    assert got == want
    assert inc.column("id").to_pylist() and sorted(inc.column("id").to_pylist()) == list(range(1, len(want) + 1))
    assert any(p.startswith("country=") for p in os.listdir(out / "incidents"))
