"""marsad.extract_arrow: Arrow in, documents and flat events out."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import marsad


@pytest.fixture(scope="module")
def records(corpus_lines):
    return [json.loads(l) for l in corpus_lines[:150]]


def test_documents_equal_extract_and_events_are_flat(records):
    table = pa.Table.from_pylist(records)
    docs, events = marsad.extract_arrow(table, threads=2, name="c.jsonl")
    want = marsad.extract(records, name="c.jsonl")
    assert docs.num_rows == len(records)
    assert [json.loads(j) for j in docs.column("document").to_pylist()] == want
    assert docs.column("error").null_count == len(records)
    assert events.num_rows == sum(len(d["events"]) for d in want) > 0
    for col in ("event_type", "mode", "acled_event_type", "acled_sub_event_type", "actor", "recipient", "location",
                "latitude", "longitude", "country", "admin1", "fatalities", "injured", "arrested", "trigger"):
        assert col in events.column_names
    # every event row points back into its document's text
    texts = {d["id"]: d["text"] for d in want}
    for e in events.to_pylist():
        assert texts[e["doc_id"]][e["trigger_start"]:e["trigger_end"]] == e["trigger"]
        src = want[e["row"]]["events"][e["event_index"]]
        assert (e["event_type"], e["fatalities"]) == (src["type"], src["fatalities"])


def test_pandas_polars_batches_and_dates(records):
    import pandas as pd
    import polars as pl

    base = marsad.extract_arrow(pa.Table.from_pylist(records[:40])).documents.column("document")
    df = pd.DataFrame(records[:40])
    assert marsad.extract_arrow(df).documents.column("document") == base
    assert marsad.extract_arrow(pl.DataFrame(records[:40])).documents.column("document") == base
    batches = pa.Table.from_pylist(records[:40]).to_batches(max_chunksize=7)
    out = marsad.extract_arrow(iter(batches))
    assert out.documents.column("document") == base
    assert out.documents.column("row").to_pylist() == list(range(40))
    # a date32 column reads as the ISO date
    t = pa.table({"id": ["a"], "text": [records[0]["text"]], "date": pa.array([19430], pa.date32())})
    assert marsad.extract_arrow(t).documents.column("published").to_pylist() == ["2023-03-14"]


def test_bad_rows_are_kept_with_their_error():
    t = pa.table({"id": ["a", "b", "c"], "text": ["Gunmen killed two soldiers in Mosul.", None, "  "]})
    docs, _ = marsad.extract_arrow(t)
    assert docs.column("id").to_pylist() == ["a", None, None]
    errs = docs.column("error").to_pylist()
    assert errs[0] is None and 'arrow:2: field "text" is not a string' == errs[1] and "arrow:3" in errs[2]
    with pytest.raises(marsad.MarsadError, match="no 'text' column"):
        marsad.extract_arrow(pa.table({"body": ["x"]}))


def test_parquet_round_trip(records, tmp_path):
    docs, events = marsad.extract_arrow(pa.Table.from_pylist(records[:60]))
    pq.write_table(events, tmp_path / "e.parquet")
    pq.write_table(docs, tmp_path / "d.parquet")
    assert pq.read_table(tmp_path / "e.parquet").equals(events)
    assert pq.read_table(tmp_path / "d.parquet").equals(docs)
    assert events.schema.field("latitude").type == pa.float64()
    assert events.schema.field("negated").type == pa.bool_()
