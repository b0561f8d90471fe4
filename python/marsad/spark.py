"""marsad on PySpark: annotate a corpus, write events, merge incidents.

    python -m marsad.spark --input corpus.jsonl --output out/
    spark-submit --master yarn -m marsad.spark ...   (see the README)

Steps (each output is Parquet under ``--output``):

1. ``documents/`` (partitioned by ``month`` of publication): the input's
   rows annotated through ``DataFrame.mapInArrow``: each Python worker loads
   the models once and annotates its Arrow batches with the GIL released, on
   ``--threads`` threads (default 1: Spark already runs one task per core).
   JSON Lines are read as lines and parsed in Rust, exactly as ``marsad
   extract`` reads them (a broken line is that row's ``error``).
2. ``events/`` (partitioned by ``country`` and ``month``): the flat events
   table, from the stored documents (another ``mapInArrow``).
3. ``incidents/`` (partitioned by ``country`` and ``month``): reports merged
   into incidents by ``groupBy(block).applyInArrow``, each group merged by
   the command line's own code (``marsad_dataset::sync`` on an in-memory
   store), then numbered as ``marsad ingest`` numbers them. A *block* is a
   set of reports that no merge can cross: same type family (PLOVER types
   and ACLED types that the merge lets meet) and a chain of date windows
   that overlap within a day. The README explains why the blocks are not
   (country, admin1, week) cells: the merge crosses those.

The documents kept for merging are those ``marsad ingest`` stores: a row
whose content hash (title, date, text) an earlier row has is a copy and is
skipped; a later row with an earlier row's id replaces it in place. Row
order is the input's (Spark's ``monotonically_increasing_id`` right after
reading one file, which follows the file's order).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Dict, Iterator, List, Optional, Tuple

DOCS_SCHEMA = (
    "row long, id string, title string, published string, source string, lang string, topic string, "
    "topic_score double, n_entities long, n_places long, n_events long, content_hash string, "
    "document string, error string"
)

EVENTS_SCHEMA = (
    "row long, doc_id string, event_index long, published string, source string, lang string, "
    "event_type string, mode string, quad string, acled_event_type string, acled_sub_event_type string, "
    "actor string, actor_id string, actor_name string, actor_country string, actor_sector string, "
    "actor_type string, actor_start long, actor_end long, "
    "recipient string, recipient_id string, recipient_name string, recipient_country string, "
    "recipient_sector string, recipient_type string, recipient_start long, recipient_end long, "
    "location string, location_name string, geonameid long, latitude double, longitude double, "
    "country string, admin1 string, geo_precision string, location_start long, location_end long, "
    "date_text string, date string, date_precision string, date_start long, date_end long, "
    "window_lo long, window_hi long, day string, fatalities long, injured long, arrested long, "
    "negated boolean, hypothetical boolean, generic boolean, background boolean, "
    "reported_by string, reported_by_id string, trigger string, trigger_start long, trigger_end long, "
    "evidence_start long, evidence_end long, sentence long, confidence double"
)

INCIDENTS_SCHEMA = (
    "first_order long, first_idx long, type string, acled_event_type string, acled_sub_event_type string, "
    "date string, date_precision string, country string, admin1 string, place string, geonameid long, "
    "latitude double, longitude double, geo_precision string, fatalities long, injured long, arrested long, "
    "actor_id string, actor_name string, recipient_id string, recipient_name string, "
    "n_reports long, n_documents long, sources array<string>, documents array<string>, "
    "reports array<string>, incident string"
)


def _annotator(threads: int, name: str, json_lines: bool, text_field: str, id_field: str, date_field, title_field: str):
    """The mapInArrow function: record batches in, document batches out."""

    def annotate(batches):
        from marsad import _marsad, _fields

        options = dict(threads=threads, name=name, json_lines=json_lines, **_fields(text_field, id_field, date_field, title_field))
        for b in batches:
            if b.num_rows == 0:
                continue
            rows = b.column("_order").to_pylist()
            cols = [c for c in b.schema.names if c != "_order"]
            docs, _events = _marsad.extract_batch(b.select(cols), rows=rows, **options)
            yield docs

    return annotate


def _events_of(batches):
    from marsad import _marsad

    for b in batches:
        if b.num_rows:
            yield _marsad.events_batch(b)


def _merge_group(table):
    """applyInArrow: one block's documents → its incidents."""
    import pyarrow as pa

    from marsad import _marsad

    t = table.sort_by("order")
    docs = t.column("document").to_pylist()
    orders = t.column("order").to_pylist()
    ids = t.column("id").to_pylist()
    wanted = set()
    for doc_id, idxs in zip(ids, t.column("idxs").to_pylist()):
        for i in idxs:
            wanted.add((doc_id, i))
    order_of = dict(zip(ids, orders))
    rows: Dict[str, list] = {k: [] for k in INCIDENT_COLUMNS}
    for js, reports in _marsad.merge_incidents(docs):
        first = tuple(reports[0]) if reports else None
        # incidents of other reports of these documents belong to other blocks
        if first not in wanted:
            continue
        inc = json.loads(js)
        inc.pop("updated_at", None)
        js = json.dumps(inc, ensure_ascii=False)
        actor = inc.get("actor") or {}
        recipient = inc.get("recipient") or {}
        vals = {
            "first_order": order_of[first[0]],
            "first_idx": first[1],
            "type": inc.get("type"),
            "acled_event_type": inc.get("acled_event_type"),
            "acled_sub_event_type": inc.get("acled_sub_event_type"),
            "date": inc.get("date"),
            "date_precision": inc.get("date_precision"),
            "country": inc.get("country"),
            "admin1": inc.get("admin1"),
            "place": inc.get("place"),
            "geonameid": inc.get("geonameid"),
            "latitude": inc.get("lat"),
            "longitude": inc.get("lon"),
            "geo_precision": inc.get("geo_precision"),
            "fatalities": inc.get("fatalities"),
            "injured": inc.get("injured"),
            "arrested": inc.get("arrested"),
            "actor_id": actor.get("id"),
            "actor_name": actor.get("name"),
            "recipient_id": recipient.get("id"),
            "recipient_name": recipient.get("name"),
            "n_reports": inc.get("n_reports"),
            "n_documents": inc.get("n_documents"),
            "sources": inc.get("sources") or [],
            "documents": inc.get("documents") or [],
            "reports": [f"{d}#{i}" for d, i in reports],
            "incident": js,
        }
        for k in INCIDENT_COLUMNS:
            rows[k].append(vals[k])
    return pa.table(rows, schema=_incidents_arrow_schema())


INCIDENT_COLUMNS = [c.strip().split(" ")[0] for c in INCIDENTS_SCHEMA.split(", ")]


def _incidents_arrow_schema(final=False):
    import pyarrow as pa

    types = {"long": pa.int64(), "string": pa.string(), "double": pa.float64(), "array<string>": pa.list_(pa.string())}
    fields = [pa.field("id", pa.int64())] if final else []
    for c in INCIDENTS_SCHEMA.split(", "):
        n, t = c.strip().split(" ", 1)
        if final and n in ("first_order", "first_idx"):
            continue
        fields.append(pa.field(n, types[t]))
    return pa.schema(fields)


def _families(pairs: List[Tuple[str, Optional[str]]]) -> Dict[Tuple[str, Optional[str]], int]:
    """Union-find over PLOVER types and ACLED types: a report can join an
    incident only through a shared PLOVER type or a shared ACLED type."""
    parent: Dict[str, str] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for kind, acled in pairs:
        a, b = find("p:" + kind), find("a:" + str(acled))
        if a != b:
            parent[a] = b
    roots = sorted({find("p:" + k) for k, _ in pairs})
    num = {r: i for i, r in enumerate(roots)}
    return {(k, a): num[find("p:" + k)] for k, a in pairs}


def read_input(spark, path: str, input_format: Optional[str] = None):
    """(DataFrame with `_order`, json_lines?) for a JSON Lines or Parquet input."""
    from pyspark.sql import functions as F

    fmt = input_format or ("parquet" if path.rstrip("/").endswith(".parquet") or os.path.isdir(path) else "jsonl")
    if fmt == "parquet":
        df = spark.read.parquet(path)
        cols = [c for c in df.columns]
        # record fields as strings (dates as ISO days), as extract_arrow reads them
        sel = []
        for f in df.schema.fields:
            t = f.dataType.simpleString()
            if t == "string":
                sel.append(F.col(f.name))
            elif t.startswith("timestamp"):
                sel.append(F.date_format(F.col(f.name), "yyyy-MM-dd'T'HH:mm:ss").alias(f.name))
            elif t in ("date", "int", "bigint", "smallint", "double", "float", "boolean") or t.startswith("decimal"):
                sel.append(F.col(f.name).cast("string").alias(f.name))
        df = df.select(*sel) if sel else df.select(*cols)
        json_lines = False
    else:
        df = spark.read.text(path).where(F.trim(F.col("value")) != "")
        json_lines = True
    return df.withColumn("_order", F.monotonically_increasing_id()), json_lines


def annotate(spark, path: str, output: str, threads: int = 1, input_format: Optional[str] = None,
             text_field: str = "text", id_field: str = "id", date_field: Optional[str] = None,
             title_field: str = "title"):
    """Steps 1 and 2: write ``documents/`` and ``events/``; return both DataFrames (read back)."""
    from pyspark.sql import functions as F

    df, json_lines = read_input(spark, path, input_format)
    name = os.path.basename(path.rstrip("/"))
    docs = df.mapInArrow(_annotator(threads, name, json_lines, text_field, id_field, date_field, title_field), DOCS_SCHEMA)
    docs = docs.withColumn("month", F.substring("published", 1, 7))
    docs.write.mode("overwrite").partitionBy("month").parquet(os.path.join(output, "documents"))
    docs = spark.read.parquet(os.path.join(output, "documents"))
    events = docs.where(F.col("error").isNull()).select("row", "document").mapInArrow(_events_of, EVENTS_SCHEMA)
    events = events.withColumn("month", F.substring("day", 1, 7))
    events.write.mode("overwrite").partitionBy("country", "month").parquet(os.path.join(output, "events"))
    events = spark.read.parquet(os.path.join(output, "events"))
    return docs, events


def stored_documents(docs):
    """The documents ``marsad ingest`` would store, with their merge order:
    later versions of an id replace it in place; copies (same content hash
    as an earlier document) are skipped."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    ok = docs.where(F.col("error").isNull())
    by_id = Window.partitionBy("id")
    ok = ok.withColumn("order", F.min("row").over(by_id)).withColumn("_last", F.max("row").over(by_id))
    ok = ok.where(F.col("row") == F.col("_last"))
    by_hash = Window.partitionBy("content_hash").orderBy("order")
    ok = ok.withColumn("_n", F.row_number().over(by_hash)).where(F.col("_n") == 1)
    return ok.select("order", "row", "id", "document")


def merge(spark, docs, events):
    """Step 3: incidents (DataFrame), numbered as ``marsad ingest`` numbers them."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    stored = stored_documents(docs)
    reports = events.where(F.col("acled_event_type").isNotNull()).join(stored.select("row", "order", "id"), "row")
    pairs = [(r["event_type"], r["acled_event_type"]) for r in reports.select("event_type", "acled_event_type").distinct().collect()]
    fam = _families(pairs)
    fam_df = spark.createDataFrame([(k, a, f) for (k, a), f in fam.items()], "event_type string, acled_event_type string, family int")
    reports = reports.join(F.broadcast(fam_df), ["event_type", "acled_event_type"])
    dated = reports.where(F.col("window_lo").isNotNull())
    w = Window.partitionBy("family").orderBy("window_lo", "window_hi", "order", "event_index")
    prev_hi = F.max("window_hi").over(w.rowsBetween(Window.unboundedPreceding, -1))
    dated = dated.withColumn("_new", F.when(prev_hi.isNull() | (F.col("window_lo") > prev_hi + 1), 1).otherwise(0))
    dated = dated.withColumn("island", F.sum("_new").over(w.rowsBetween(Window.unboundedPreceding, 0)))
    dated = dated.withColumn("block", F.concat_ws(":", F.lit("f"), F.col("family").cast("string"), F.col("island").cast("string")))
    undated = reports.where(F.col("window_lo").isNull()).withColumn(
        "block", F.concat_ws(":", F.lit("u"), F.col("order").cast("string"), F.col("event_index").cast("string"))
    )
    blocks = dated.select("block", "row", "event_index").unionByName(undated.select("block", "row", "event_index"))
    groups = (
        blocks.groupBy("block", "row")
        .agg(F.collect_list("event_index").alias("idxs"))
        .join(stored, "row")
        .select("block", "order", "id", "document", "idxs")
    )
    inc = groups.groupBy("block").applyInArrow(_merge_group, INCIDENTS_SCHEMA)
    numbered = inc.withColumn("id", F.row_number().over(Window.orderBy("first_order", "first_idx")).cast("long"))
    # The actor and recipient briefs (type, sector, country) come from the
    # store's `actors` table, which every stored document updates in turn
    # (last value that is not null wins): a corpus-wide fact, computed here
    # over all stored documents in order, not per block.
    acts = actors_table(stored)
    a = acts.select(F.col("actor_id"), *[F.col(c).alias("a_" + c) for c in ("actor_type", "sector", "country")])
    r = acts.select(F.col("actor_id").alias("recipient_id"), *[F.col(c).alias("r_" + c) for c in ("actor_type", "sector", "country")])
    numbered = numbered.join(a, "actor_id", "left").join(r, "recipient_id", "left")
    out_schema = ", ".join(c for c in INCIDENTS_SCHEMA.split(", ") if not c.startswith(("first_order", "first_idx")))
    out = numbered.select("id", *[c for c in INCIDENT_COLUMNS if c not in ("first_order", "first_idx")],
                          *["a_" + c for c in ("actor_type", "sector", "country")],
                          *["r_" + c for c in ("actor_type", "sector", "country")])
    out = out.mapInArrow(_finish, "id long, " + out_schema)
    return out.withColumn("month", F.substring("date", 1, 7))


def actors_table(stored):
    """The store's `actors` table after ingesting `stored` in order: per
    actor id, the last type, sector and country that is not null. A
    document writes its actors, then the event participants that the
    events stage placed in a country (`gen:X-…` stored as `gen:TUR-…`)."""
    from pyspark.sql import functions as F

    ref = "struct<actor_id: string, actor_type: string, sector: string, country: string>"
    schema = f"struct<actors: array<{ref}>, events: array<struct<actor: {ref}, recipient: {ref}>>>"
    parsed = stored.select("order", F.from_json("document", schema).alias("d"))
    own = parsed.select("order", F.posexplode("d.actors").alias("pos", "a")).select("order", "pos", "a.*")
    ev = parsed.select("order", F.posexplode("d.events").alias("e", "x"))
    parts = ev.select("order", (F.lit(10_000_000) + F.col("e") * 2).alias("pos"), "x.actor.*").unionByName(
        ev.select("order", (F.lit(10_000_001) + F.col("e") * 2).alias("pos"), "x.recipient.*")
    )
    placed = (
        F.col("actor_id").startswith("gen:X-") & F.col("country").isNotNull()
        & (F.col("country") != "") & (F.col("country") != "X")
    )
    parts = parts.where(placed).withColumn("actor_id", F.concat(F.lit("gen:"), F.col("country"), F.lit("-"), F.expr("substring(actor_id, 7)")))
    acts = own.unionByName(parts).where(F.col("actor_id").isNotNull() & (F.col("actor_id") != ""))
    at = F.struct("order", "pos")
    last = lambda c: F.max_by(F.col(c), F.when(F.col(c).isNotNull(), at)).alias(c)  # noqa: E731
    return acts.groupBy("actor_id").agg(last("actor_type"), last("sector"), last("country"))


def _finish(batches):
    """The final id and the corpus-wide actor briefs, written into each incident's JSON."""
    import pyarrow as pa

    for b in batches:
        d = b.to_pydict()
        for i in range(b.num_rows):
            inc = json.loads(d["incident"][i])
            inc["id"] = d["id"][i]
            for role, p in (("actor", "a_"), ("recipient", "r_")):
                if inc.get(role) is not None:
                    for f in ("actor_type", "sector", "country"):
                        inc[role][f] = d[p + f][i]
            d["incident"][i] = json.dumps(inc, ensure_ascii=False)
        keep = ["id"] + [c for c in INCIDENT_COLUMNS if c not in ("first_order", "first_idx")]
        yield pa.RecordBatch.from_pydict({k: d[k] for k in keep}, schema=_incidents_arrow_schema(final=True))


def run(spark, path: str, output: str, threads: int = 1, input_format: Optional[str] = None, **fields):
    docs, events = annotate(spark, path, output, threads=threads, input_format=input_format, **fields)
    incidents = merge(spark, docs, events)
    incidents.write.mode("overwrite").partitionBy("country", "month").parquet(os.path.join(output, "incidents"))
    return spark.read.parquet(os.path.join(output, "incidents"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m marsad.spark", description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="JSON Lines file or Parquet file/directory of records")
    ap.add_argument("--output", required=True, help="output directory: documents/, events/, incidents/")
    ap.add_argument("--input-format", choices=["jsonl", "parquet"], help="default: from the path")
    ap.add_argument("--threads", type=int, default=int(os.environ.get("MARSAD_THREADS", "1")),
                    help="annotation threads per task (default 1: Spark runs a task per core)")
    ap.add_argument("--master", default=None, help="Spark master when not given by spark-submit (e.g. local[2])")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--id-field", default="id")
    ap.add_argument("--date-field", default=None)
    ap.add_argument("--title-field", default="title")
    a = ap.parse_args(argv)
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("marsad")
    if a.master:
        b = b.master(a.master)
    spark = b.getOrCreate()
    docs, events = annotate(spark, a.input, a.output, threads=a.threads, input_format=a.input_format,
                            text_field=a.text_field, id_field=a.id_field, date_field=a.date_field,
                            title_field=a.title_field)
    incidents = merge(spark, docs, events)
    incidents.write.mode("overwrite").partitionBy("country", "month").parquet(os.path.join(a.output, "incidents"))
    n_docs = docs.count()
    n_err = docs.where("error is not null").count()
    n_ev = events.count()
    n_inc = spark.read.parquet(os.path.join(a.output, "incidents")).count()
    print(f"marsad.spark: {n_docs} rows ({n_err} errors), {n_ev} events, {n_inc} incidents -> {a.output}", file=sys.stderr)
    spark.stop()
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
