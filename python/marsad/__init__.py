"""marsad: conflict events from Arabic and English news, in Python.

The marsad pipeline (text, topic, entities, places, time, actors, events,
detection) runs in Rust, inside this process: no server, no downloads.

- :func:`extract` annotates texts or records and returns the documents
  ``marsad extract`` prints, as dicts (the same JSON, parsed).
- :func:`extract_arrow` annotates an Arrow table (or pandas/polars frame,
  or record batches) and returns a documents table and a flat events table.
- :func:`merge_incidents` merges annotated documents into incidents as
  ``marsad ingest`` + ``marsad events`` do.
- :mod:`marsad.spark` runs all of it on PySpark (``python -m marsad.spark``).

Models load once per process, on first use (or :func:`load`). Annotation
releases the GIL and runs on ``threads`` threads; results keep input order
whatever the number. The default is one thread per core, but one inside a
Spark task (Spark runs one task per core already) or ``MARSAD_THREADS``.
"""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Iterable, List, NamedTuple, Optional

from . import _marsad

__all__ = [
    "extract",
    "extract_arrow",
    "merge_incidents",
    "load",
    "ArrowExtract",
    "MarsadError",
    "ExtractError",
    "RecordError",
    "MAX_DOC_BYTES",
]

#: Largest document text accepted (bytes of UTF-8), as the command line.
MAX_DOC_BYTES: int = _marsad.MAX_DOC_BYTES


class MarsadError(Exception):
    """Base class of marsad's errors."""


class RecordError(NamedTuple):
    """One record that could not be read or annotated.

    ``index`` is its 0-based position in the input; ``message`` names it as
    the command line would (``python:3: invalid UTF-8 (byte 0xFF at offset
    0); ...``: record 3, 1-based, of input ``python``).
    """

    index: int
    message: str


class ExtractError(MarsadError, ValueError):
    """Some records failed (``errors="raise"``).

    Every other record was still annotated: ``documents`` holds their
    documents in input order and ``errors`` every failure.
    """

    def __init__(self, errors: List[RecordError], documents: List[dict]):
        self.errors = errors
        self.documents = documents
        first = errors[0].message
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}; {len(documents)} document(s) annotated, in .documents")


def _fields(text_field, id_field, date_field, title_field) -> dict:
    """The record field names, as every native call takes them."""
    return dict(text_field=text_field, id_field=id_field, date_field=date_field, title_field=title_field)


def _threads(threads: Optional[int]) -> int:
    """0 means one per core (the command line's default)."""
    if threads is not None:
        if int(threads) < 0:
            raise ValueError("threads must be 0 (one per core) or more")
        return int(threads)
    env = os.environ.get("MARSAD_THREADS")
    if env:
        return int(env)
    try:  # inside a Spark task: Spark already runs a task per core
        from pyspark import TaskContext  # type: ignore

        if TaskContext.get() is not None:
            return 1
    except Exception:
        pass
    return 0


def load() -> None:
    """Load the models now (otherwise the first call does, once per process)."""
    _marsad.load()


def extract(
    records: Any,
    threads: Optional[int] = None,
    *,
    errors: str = "raise",
    name: str = "python",
    tokens: bool = False,
    input_format: Optional[str] = None,
    text_field: str = "text",
    id_field: str = "id",
    date_field: Optional[str] = None,
    title_field: str = "title",
) -> List[dict]:
    """Annotate texts or records; return the documents as ``marsad extract``.

    ``records`` is one record or an iterable of them. A record is:

    - a ``str`` (or UTF-8 ``bytes``): read as the command line reads a file
      named ``NAME:N`` (N its 1-based position): format detected (text, HTML,
      JSON, RSS) unless ``input_format`` says; a text's title and date come
      from its first lines; id and source ``NAME:N``;
    - a ``dict`` with the JSON Lines fields (``id``, ``title``, ``text``,
      ``date``/``published``, ``source``/``url``…): read as line N of a JSON
      Lines file named ``NAME``; ``*_field`` choose other fields, as
      ``--text-field`` etc. do.

    Returns the documents in input order, each the dict of the JSON line
    that ``marsad extract`` prints for the same input.

    Bad records (``None``, a number, invalid UTF-8, an empty text, a text
    over :data:`MAX_DOC_BYTES`) never stop the others. ``errors`` says what
    happens to them: ``"raise"`` (after annotating everything else, raise
    :class:`ExtractError` carrying the good documents and every error),
    ``"skip"`` (a warning each, as the command line prints an error and goes
    on) or ``"keep"`` (``{"error": message, "record": index}`` in place).
    """
    if errors not in ("raise", "skip", "keep"):
        raise ValueError('errors must be "raise", "skip" or "keep"')
    out = _marsad.extract_json(
        records,
        threads=_threads(threads),
        name=name,
        tokens=tokens,
        input_format=input_format,
        **_fields(text_field, id_field, date_field, title_field),
    )
    docs: List[dict] = []
    failed: List[RecordError] = []
    for index, js, err in out:
        if js is not None:
            docs.append(json.loads(js))
        else:
            failed.append(RecordError(index, err))
            if errors == "keep":
                docs.append({"error": err, "record": index})
            elif errors == "skip":
                warnings.warn(f"marsad: {err}", RuntimeWarning, stacklevel=2)
    if failed and errors == "raise":
        raise ExtractError(failed, docs)
    return docs


class ArrowExtract(NamedTuple):
    """What :func:`extract_arrow` returns (a tuple: ``docs, events = ...``)."""

    documents: Any  # pyarrow.Table
    events: Any  # pyarrow.Table


#: Columns of the input read as record fields (the JSON Lines reader's).
_SOURCE_FIELDS = ("source", "site", "outlet", "publisher", "source_name", "url", "link")


def _record_columns(schema, text_field, id_field, date_field, title_field) -> List[str]:
    wanted = [text_field, id_field, title_field]
    wanted += [date_field] if date_field else ["date", "published"]
    wanted += list(_SOURCE_FIELDS)
    names = set(schema.names)
    if text_field not in names:
        raise MarsadError(f"marsad: the input has no {text_field!r} column (columns: {', '.join(schema.names)}); choose one with text_field=")
    seen: List[str] = []
    for w in wanted:
        if w in names and w not in seen:
            seen.append(w)
    return seen


def _as_strings(batch, columns):
    """The record columns as strings (dates as YYYY-MM-DD), a RecordBatch."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arrays, fields = [], []
    for c in columns:
        a = batch.column(c)
        t = a.type
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            pass
        elif pa.types.is_timestamp(t):
            a = pc.strftime(a, format="%Y-%m-%dT%H:%M:%S")
        elif pa.types.is_binary(t) or pa.types.is_large_binary(t):
            a = a.cast(pa.string())  # raises on invalid UTF-8: a schema problem, not a record's
        else:
            a = a.cast(pa.string())
        arrays.append(a)
        fields.append(c)
    return pa.RecordBatch.from_arrays(arrays, names=fields)


def _batches(data):
    """Record batches of a Table, RecordBatch, reader, pandas/polars frame or iterable."""
    import pyarrow as pa

    if isinstance(data, pa.Table):
        return data.to_batches()
    if isinstance(data, pa.RecordBatch):
        return [data]
    if isinstance(data, pa.RecordBatchReader):
        return data
    mod = type(data).__module__
    if mod.startswith("pandas"):
        return pa.Table.from_pandas(data, preserve_index=False).to_batches()
    if mod.startswith("polars"):
        return data.to_arrow().to_batches()
    if hasattr(data, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(data)
    return iter(data)


def extract_arrow(
    data: Any,
    threads: Optional[int] = None,
    *,
    name: str = "arrow",
    tokens: bool = False,
    text_field: str = "text",
    id_field: str = "id",
    date_field: Optional[str] = None,
    title_field: str = "title",
) -> ArrowExtract:
    """Annotate a table of records; return ``(documents, events)`` tables.

    ``data``: a ``pyarrow.Table``, ``RecordBatch``, ``RecordBatchReader``,
    an iterable of record batches, or a pandas or polars DataFrame. Its
    columns are the JSON Lines fields (``text``, ``id``, ``title``,
    ``date``/``published``, ``source``/``url``…; other columns are ignored);
    row N (1-based, over all batches) is line N of a JSON Lines file named
    ``name``. Date and timestamp columns are read as ISO dates.

    ``documents``: one row per input row, failed ones included (``error``
    set, the others null), with ``row`` (0-based input row), id, title,
    published, source, lang, topic, counts, ``content_hash`` and
    ``document``, the JSON ``marsad extract`` prints. ``events``: one row per
    event, with ``row`` and ``doc_id`` to join on, the PLOVER and ACLED
    columns of the exports, and code-point spans into the text.

    The input's string columns are read in place through the Arrow C data
    interface, and the output columns are built in Rust and handed to
    pyarrow without a copy.
    """
    import pyarrow as pa

    n = _threads(threads)
    docs, events = [], []
    offset = 0
    columns = None
    options = dict(threads=n, name=name, tokens=tokens, **_fields(text_field, id_field, date_field, title_field))
    for batch in _batches(data):
        if columns is None:
            columns = _record_columns(batch.schema, text_field, id_field, date_field, title_field)
        d, e = _marsad.extract_batch(_as_strings(batch, columns), row_offset=offset, **options)
        docs.append(d)
        events.append(e)
        offset += batch.num_rows
    if not docs:  # no batch at all: empty tables with the right columns
        d, e = _marsad.extract_batch(pa.RecordBatch.from_pydict({text_field: pa.array([], pa.string())}), threads=1, text_field=text_field)
        docs, events = [d], [e]
    return ArrowExtract(pa.Table.from_batches(docs), pa.Table.from_batches(events))


def merge_incidents(documents: Iterable[Any]) -> List[dict]:
    """Merge annotated documents into incidents, as ``marsad ingest`` then
    ``marsad events --json`` do.

    ``documents``: in input order, each a dict (from :func:`extract`) or its
    JSON string. Returns the incidents by id, each the dict ``marsad events
    --json`` prints (without ``updated_at``) plus ``reports``: the
    ``[doc_id, event_index]`` of its reports in merge order.
    """
    docs = [d if isinstance(d, str) else json.dumps(d, ensure_ascii=False) for d in documents]
    out = []
    for js, reports in _marsad.merge_incidents(docs):
        inc = json.loads(js)
        inc.pop("updated_at", None)
        inc["reports"] = [[d, i] for d, i in reports]
        out.append(inc)
    return out
