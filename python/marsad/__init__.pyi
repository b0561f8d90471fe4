from typing import Any, Iterable, List, Literal, NamedTuple, Optional, Union

import pyarrow

MAX_DOC_BYTES: int

Record = Union[str, bytes, bytearray, dict]

class MarsadError(Exception): ...

class RecordError(NamedTuple):
    index: int
    message: str

class ExtractError(MarsadError, ValueError):
    errors: List[RecordError]
    documents: List[dict]
    def __init__(self, errors: List[RecordError], documents: List[dict]) -> None: ...

class ArrowExtract(NamedTuple):
    documents: pyarrow.Table
    events: pyarrow.Table

def load() -> None: ...
def extract(
    records: Union[Record, Iterable[Any]],
    threads: Optional[int] = ...,
    *,
    errors: Literal["raise", "skip", "keep"] = ...,
    name: str = ...,
    tokens: bool = ...,
    input_format: Optional[Literal["text", "html", "jsonl", "rss"]] = ...,
    text_field: str = ...,
    id_field: str = ...,
    date_field: Optional[str] = ...,
    title_field: str = ...,
) -> List[dict]: ...
def extract_arrow(
    data: Any,
    threads: Optional[int] = ...,
    *,
    name: str = ...,
    tokens: bool = ...,
    text_field: str = ...,
    id_field: str = ...,
    date_field: Optional[str] = ...,
    title_field: str = ...,
) -> ArrowExtract: ...
def merge_incidents(documents: Iterable[Union[dict, str]]) -> List[dict]: ...
