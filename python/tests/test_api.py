"""marsad.extract and marsad.merge_incidents against the command line."""

import json
import threading
import time

import pytest

import marsad
from conftest import cli_extract, cli_incidents

TEXTS = [
    "Gunmen killed three policemen at a checkpoint near Kirkuk on Monday, police said.",
    "قتل ثلاثة من عناصر الشرطة في هجوم مسلح على نقطة تفتيش قرب كركوك يوم الاثنين.",
    "<html><head><title>Clashes in Aden</title></head><body><article><p>Clashes between government forces "
    "and separatists in Aden killed 12 people on 3 March 2023.</p></article></body></html>",
]


def test_records_equal_the_cli(cli, corpus_lines, tmp_path):
    recs = [json.loads(l) for l in corpus_lines[:120]]
    for i in (3, 7):  # no id: both fall back to NAME:LINE
        del recs[i]["id"]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    want, _ = cli_extract(cli, ["c.jsonl"], tmp_path)
    got = marsad.extract(recs, threads=2, name="c.jsonl")
    assert len(got) == len(want) == 120
    assert got[3]["id"] == "c.jsonl:4"
    assert got == want
    assert any(d["events"] for d in got)


def test_texts_and_bytes_equal_the_cli(cli, tmp_path):
    names = []
    for i, t in enumerate(TEXTS, 1):
        (tmp_path / f"t:{i}").write_text(t, encoding="utf-8")
        names.append(f"t:{i}")
    want, _ = cli_extract(cli, names, tmp_path)
    assert marsad.extract(TEXTS, name="t") == want
    assert marsad.extract([t.encode() for t in TEXTS], name="t", threads=1) == want
    # one record given bare (str, bytes, bytearray) is one record, not an iterable
    assert marsad.extract(bytearray(TEXTS[0].encode()), name="t") == want[:1]
    assert want[0]["events"] and want[0]["events"][0]["type"] == "ASSAULT"


def test_thread_count_does_not_change_output(corpus_lines):
    recs = [json.loads(l) for l in corpus_lines[:60]]
    assert marsad.extract(recs, threads=1) == marsad.extract(recs, threads=3)


def test_invalid_utf8_names_the_record_as_the_cli_does(cli, tmp_path):
    bad = b"Gunmen attacked a checkpoint \xff in Mosul."
    (tmp_path / "python:2").write_bytes(bad)
    _, err = cli_extract(cli, ["python:2"], tmp_path)
    cli_msg = [l for l in err.splitlines() if "invalid UTF-8" in l][0].split("marsad: error: ", 1)[1]
    with pytest.raises(marsad.ExtractError) as e:
        marsad.extract([TEXTS[0], bad, TEXTS[1]])
    assert [x.index for x in e.value.errors] == [1]
    assert e.value.errors[0].message == cli_msg
    assert "python:2" in str(e.value) and "0xFF" in str(e.value)
    # the other records were annotated all the same
    assert [d["id"] for d in e.value.documents] == ["python:1", "python:3"]


def test_non_strings_and_none_are_record_errors():
    with pytest.raises(marsad.ExtractError) as e:
        marsad.extract([None, TEXTS[0], 42, {"text": 5}, {"title": "no text"}])
    msgs = {x.index: x.message for x in e.value.errors}
    assert set(msgs) == {0, 2, 3, 4}
    assert "got NoneType" in msgs[0] and "got int" in msgs[2]
    assert msgs[3] == 'python:4: field "text" is not a string'
    assert msgs[4].startswith('python:5: no "text" field')
    assert len(e.value.documents) == 1
    with pytest.warns(RuntimeWarning, match="NoneType"):
        assert len(marsad.extract([None, TEXTS[0]], errors="skip")) == 1
    kept = marsad.extract([None, TEXTS[0]], errors="keep")
    assert kept[0] == {"error": kept[0]["error"], "record": 0} and kept[1]["id"] == "python:2"
    with pytest.raises(TypeError):
        marsad.extract(12)
    with pytest.raises(ValueError):
        marsad.extract(TEXTS, errors="ignore")


def test_a_50_mb_text_is_refused_and_the_rest_kept():
    big = "ا" * (25 * 1024 * 1024)  # 25 M characters, 50 MB of UTF-8
    assert len(big.encode()) == 50 * 1024 * 1024
    out = marsad.extract([TEXTS[0], big, TEXTS[1]], errors="keep")
    assert out[1]["record"] == 1 and "too large" in out[1]["error"] and "50.0 MiB" in out[1]["error"]
    assert out[0]["id"] == "python:1" and out[2]["id"] == "python:3"
    # in a record's field, the JSON Lines limit applies
    with pytest.raises(marsad.ExtractError, match="over the 2.0 MiB limit"):
        marsad.extract([{"id": "big", "text": big}])


def test_dict_values_beyond_json():
    import datetime

    d = marsad.extract({"id": 7, "text": TEXTS[0].encode(), "date": datetime.date(2023, 3, 13)})
    assert d[0]["id"] == "7" and d[0]["published"] == "2023-03-13"
    with pytest.raises(marsad.ExtractError, match="invalid UTF-8"):
        marsad.extract([{"id": "x", "text": b"\xc3\x28"}])


def test_the_gil_is_released_while_annotating(corpus_lines):
    recs = [json.loads(l) for l in corpus_lines[:300]]
    marsad.load()
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1

    t = threading.Thread(target=count)
    t.start()
    t0 = time.perf_counter()
    marsad.extract(recs, threads=1)
    spent = time.perf_counter() - t0
    done.set()
    t.join()
    # a thread blocked on the GIL could not count at all while Rust works
    assert spent > 0.05
    assert ticks > 10_000, (ticks, spent)


def test_merge_equals_ingest_and_events(cli, corpus_lines, tmp_path):
    lines = corpus_lines[:400]
    (tmp_path / "m.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    want = cli_incidents(cli, ["m.jsonl"], tmp_path)
    docs = marsad.extract([json.loads(l) for l in lines], name="m.jsonl")
    got = marsad.merge_incidents(docs)
    reports = [g.pop("reports") for g in got]
    assert len(want) > 50
    assert got == want
    assert all(r and isinstance(r[0][1], int) for r in reports)
