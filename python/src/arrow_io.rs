//! Arrow in, Arrow out: `extract_batch` reads a pyarrow `RecordBatch`
//! through the Arrow C data interface (its string columns are read in
//! place, not copied into Python objects), annotates its rows as JSON Lines
//! records, and hands back two batches built in Rust (their buffers move to
//! pyarrow without a copy):
//!
//! - documents: one row per input row (failed rows too, with `error`), with
//!   the document's JSON exactly as `marsad extract` prints it;
//! - events: one row per event, flat, with the PLOVER/ACLED columns of the
//!   exports and the spans that point back into the text.

use crate::records::{Input, Kind};
use crate::Outcome;
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{Array, ArrayRef, LargeStringArray, RecordBatch, StringArray, StringViewArray};
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::{DataType, Field, Schema};
use marsad_core::{ActorRef, Document};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use std::sync::Arc;

/// The string value of row `i` of a string column (None when null).
fn cell(col: &ArrayRef, i: usize) -> Option<&str> {
    if col.is_null(i) {
        return None;
    }
    if let Some(a) = col.as_any().downcast_ref::<StringArray>() {
        return Some(a.value(i));
    }
    if let Some(a) = col.as_any().downcast_ref::<LargeStringArray>() {
        return Some(a.value(i));
    }
    col.as_any().downcast_ref::<StringViewArray>().map(|a| a.value(i))
}

/// Rows of the batch as JSON records (one object per row, one field per
/// string column; nulls are JSON nulls, as pandas writes them). Row `i` is
/// record `rows[i]` when `rows` is given, else `row_offset + i`.
fn inputs(batch: &RecordBatch, name: &str, row_offset: usize, rows: Option<&[i64]>, json_lines: bool) -> PyResult<Vec<Input>> {
    if let Some(r) = rows {
        if r.len() != batch.num_rows() {
            return Err(PyTypeError::new_err(format!("marsad: {} row numbers for {} rows", r.len(), batch.num_rows())));
        }
    }
    let schema = batch.schema();
    let mut cols = Vec::new();
    for (f, c) in schema.fields().iter().zip(batch.columns()) {
        if json_lines {
            break;
        }
        match f.data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => cols.push((f.name().clone(), c.clone())),
            DataType::Null => {}
            t => {
                return Err(PyTypeError::new_err(format!(
                    "marsad: column {:?} is {t}; cast the record columns to strings first (marsad.extract_arrow does)",
                    f.name()
                )))
            }
        }
    }
    let mut out = Vec::with_capacity(batch.num_rows());
    if json_lines {
        // one JSON Lines line per row, in a column `value` (Spark's text
        // reader): parsed here, so a broken line is that row's error
        let col = batch.column_by_name("value").ok_or_else(|| PyTypeError::new_err("marsad: json_lines needs a `value` column"))?;
        for i in 0..batch.num_rows() {
            let index = rows.map_or(row_offset + i, |r| r[i].max(0) as usize);
            let kind = match cell(col, i).map(serde_json::from_str::<serde_json::Value>) {
                Some(Ok(v)) => Kind::Json(v),
                Some(Err(e)) => Kind::Bad(format!("invalid JSON: {e}")),
                None => Kind::Bad("empty line".into()),
            };
            out.push(Input { index, name: name.to_string(), kind });
        }
        return Ok(out);
    }
    for i in 0..batch.num_rows() {
        let mut m = serde_json::Map::with_capacity(cols.len());
        for (k, c) in &cols {
            let v = cell(c, i).map_or(serde_json::Value::Null, |s| serde_json::Value::String(s.to_string()));
            m.insert(k.clone(), v);
        }
        let index = rows.map_or(row_offset + i, |r| r[i].max(0) as usize);
        out.push(Input { index, name: name.to_string(), kind: Kind::Json(serde_json::Value::Object(m)) });
    }
    Ok(out)
}

struct Docs {
    row: Int64Builder,
    id: StringBuilder,
    title: StringBuilder,
    published: StringBuilder,
    source: StringBuilder,
    lang: StringBuilder,
    topic: StringBuilder,
    topic_score: Float64Builder,
    n_entities: Int64Builder,
    n_places: Int64Builder,
    n_events: Int64Builder,
    content_hash: StringBuilder,
    document: StringBuilder,
    error: StringBuilder,
}

macro_rules! batch {
    ($($name:ident : $ty:expr),* $(,)?) => {{
        let fields = vec![$(Field::new(stringify!($name), $ty, true)),*];
        fields
    }};
}

impl Docs {
    fn new() -> Self {
        Docs {
            row: Int64Builder::new(),
            id: StringBuilder::new(),
            title: StringBuilder::new(),
            published: StringBuilder::new(),
            source: StringBuilder::new(),
            lang: StringBuilder::new(),
            topic: StringBuilder::new(),
            topic_score: Float64Builder::new(),
            n_entities: Int64Builder::new(),
            n_places: Int64Builder::new(),
            n_events: Int64Builder::new(),
            content_hash: StringBuilder::new(),
            document: StringBuilder::new(),
            error: StringBuilder::new(),
        }
    }

    fn push(&mut self, row: usize, doc: Option<&Document>, json: Option<&[u8]>, error: Option<&str>) {
        self.row.append_value(row as i64);
        self.id.append_option(doc.map(|d| d.id.as_str()));
        self.title.append_option(doc.and_then(|d| d.title.as_deref()));
        self.published.append_option(doc.and_then(|d| d.published.as_deref()));
        self.source.append_option(doc.and_then(|d| d.source.as_deref()));
        self.lang.append_option(doc.map(|d| d.lang.code()));
        self.topic.append_option(doc.and_then(|d| d.topic.as_ref()).map(|t| t.label.as_str()));
        self.topic_score.append_option(doc.and_then(|d| d.topic.as_ref()).map(|t| t.score as f64));
        self.n_entities.append_option(doc.map(|d| d.entities.len() as i64));
        self.n_places.append_option(doc.map(|d| d.places.len() as i64));
        self.n_events.append_option(doc.map(|d| d.events.len() as i64));
        self.content_hash.append_option(doc.map(marsad_store::content_hash));
        self.document.append_option(json.map(|j| std::str::from_utf8(j).expect("serde_json writes UTF-8")));
        self.error.append_option(error);
    }

    fn finish(mut self) -> RecordBatch {
        let fields = batch![
            row: DataType::Int64, id: DataType::Utf8, title: DataType::Utf8, published: DataType::Utf8,
            source: DataType::Utf8, lang: DataType::Utf8, topic: DataType::Utf8, topic_score: DataType::Float64,
            n_entities: DataType::Int64, n_places: DataType::Int64, n_events: DataType::Int64,
            content_hash: DataType::Utf8, document: DataType::Utf8, error: DataType::Utf8,
        ];
        let cols: Vec<ArrayRef> = vec![
            Arc::new(self.row.finish()),
            Arc::new(self.id.finish()),
            Arc::new(self.title.finish()),
            Arc::new(self.published.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.lang.finish()),
            Arc::new(self.topic.finish()),
            Arc::new(self.topic_score.finish()),
            Arc::new(self.n_entities.finish()),
            Arc::new(self.n_places.finish()),
            Arc::new(self.n_events.finish()),
            Arc::new(self.content_hash.finish()),
            Arc::new(self.document.finish()),
            Arc::new(self.error.finish()),
        ];
        RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).expect("columns match the schema")
    }
}

/// The events table's columns, in order, with their types: the PLOVER
/// export's names (`event_type`, `actor`, `recipient`, `location`…), the
/// ACLED types, and the spans (code points) that point into the text.
pub const EVENT_COLUMNS: &[(&str, DataType)] = &[
    ("row", DataType::Int64),
    ("doc_id", DataType::Utf8),
    ("event_index", DataType::Int64),
    ("published", DataType::Utf8),
    ("source", DataType::Utf8),
    ("lang", DataType::Utf8),
    ("event_type", DataType::Utf8),
    ("mode", DataType::Utf8),
    ("quad", DataType::Utf8),
    ("acled_event_type", DataType::Utf8),
    ("acled_sub_event_type", DataType::Utf8),
    ("actor", DataType::Utf8),
    ("actor_id", DataType::Utf8),
    ("actor_name", DataType::Utf8),
    ("actor_country", DataType::Utf8),
    ("actor_sector", DataType::Utf8),
    ("actor_type", DataType::Utf8),
    ("actor_start", DataType::Int64),
    ("actor_end", DataType::Int64),
    ("recipient", DataType::Utf8),
    ("recipient_id", DataType::Utf8),
    ("recipient_name", DataType::Utf8),
    ("recipient_country", DataType::Utf8),
    ("recipient_sector", DataType::Utf8),
    ("recipient_type", DataType::Utf8),
    ("recipient_start", DataType::Int64),
    ("recipient_end", DataType::Int64),
    ("location", DataType::Utf8),
    ("location_name", DataType::Utf8),
    ("geonameid", DataType::Int64),
    ("latitude", DataType::Float64),
    ("longitude", DataType::Float64),
    ("country", DataType::Utf8),
    ("admin1", DataType::Utf8),
    ("geo_precision", DataType::Utf8),
    ("location_start", DataType::Int64),
    ("location_end", DataType::Int64),
    ("date_text", DataType::Utf8),
    ("date", DataType::Utf8),
    ("date_precision", DataType::Utf8),
    ("date_start", DataType::Int64),
    ("date_end", DataType::Int64),
    ("window_lo", DataType::Int64),
    ("window_hi", DataType::Int64),
    ("day", DataType::Utf8),
    ("fatalities", DataType::Int64),
    ("injured", DataType::Int64),
    ("arrested", DataType::Int64),
    ("negated", DataType::Boolean),
    ("hypothetical", DataType::Boolean),
    ("generic", DataType::Boolean),
    ("background", DataType::Boolean),
    ("reported_by", DataType::Utf8),
    ("reported_by_id", DataType::Utf8),
    ("trigger", DataType::Utf8),
    ("trigger_start", DataType::Int64),
    ("trigger_end", DataType::Int64),
    ("evidence_start", DataType::Int64),
    ("evidence_end", DataType::Int64),
    ("sentence", DataType::Int64),
    ("confidence", DataType::Float64),
];

/// A column under construction.
enum Col {
    S(StringBuilder),
    I(Int64Builder),
    F(Float64Builder),
    B(BooleanBuilder),
}

/// One cell value.
enum V<'a> {
    S(Option<&'a str>),
    Str(Option<String>),
    I(Option<i64>),
    F(Option<f64>),
    B(bool),
}

fn actor_cells<'a>(a: Option<&'a ActorRef>) -> [V<'a>; 8] {
    [
        V::S(a.map(|x| x.text.as_str())),
        V::S(a.and_then(|x| x.actor_id.as_deref())),
        V::S(a.and_then(|x| x.name.as_deref())),
        V::S(a.and_then(|x| x.country.as_deref())),
        V::S(a.and_then(|x| x.sector.as_deref())),
        V::S(a.and_then(|x| x.actor_type.as_deref())),
        V::I(a.map(|x| x.start as i64)),
        V::I(a.map(|x| x.end as i64)),
    ]
}

struct Events {
    cols: Vec<Col>,
}

impl Events {
    fn new() -> Self {
        let cols = EVENT_COLUMNS
            .iter()
            .map(|(_, t)| match t {
                DataType::Int64 => Col::I(Int64Builder::new()),
                DataType::Float64 => Col::F(Float64Builder::new()),
                DataType::Boolean => Col::B(BooleanBuilder::new()),
                _ => Col::S(StringBuilder::new()),
            })
            .collect();
        Events { cols }
    }

    fn push_doc(&mut self, row: usize, d: &Document) {
        for (i, e) in d.events.iter().enumerate() {
            let p = e.place.as_ref();
            let t = e.date.as_ref();
            let window = crate::merge::report_window(t.and_then(|t| t.value.as_deref()), d.published.as_deref());
            let mut cells: Vec<V> = vec![
                V::I(Some(row as i64)),
                V::S(Some(&d.id)),
                V::I(Some(i as i64)),
                V::S(d.published.as_deref()),
                V::S(d.source.as_deref()),
                V::S(Some(d.lang.code())),
                V::S(Some(e.kind.as_str())),
                V::S(e.mode.as_deref()),
                V::S(e.quad.as_deref()),
                V::S(e.acled.as_ref().map(|a| a.event_type.as_str())),
                V::S(e.acled.as_ref().map(|a| a.sub_event_type.as_str())),
            ];
            cells.extend(actor_cells(e.actor.as_ref()));
            cells.extend(actor_cells(e.recipient.as_ref()));
            cells.extend([
                V::S(p.map(|x| x.text.as_str())),
                V::S(p.and_then(|x| x.name.as_deref())),
                V::I(p.and_then(|x| x.geonameid.map(|g| g as i64))),
                V::F(p.and_then(|x| x.lat)),
                V::F(p.and_then(|x| x.lon)),
                V::S(p.and_then(|x| x.country.as_deref())),
                V::S(p.and_then(|x| x.admin1.as_deref())),
                V::S(p.and_then(|x| x.precision.as_deref())),
                V::I(p.map(|x| x.start as i64)),
                V::I(p.map(|x| x.end as i64)),
                V::S(t.map(|x| x.text.as_str())),
                V::S(t.and_then(|x| x.value.as_deref())),
                V::S(t.map(|x| x.precision.as_str())),
                V::I(t.map(|x| x.start as i64)),
                V::I(t.map(|x| x.end as i64)),
                V::I(window.map(|w| w.0)),
                V::I(window.map(|w| w.1)),
                V::Str(window.map(|w| marsad_dataset::dates::iso(w.0))),
                V::I(e.fatalities.map(i64::from)),
                V::I(e.injured.map(i64::from)),
                V::I(e.arrested.map(i64::from)),
                V::B(e.negated),
                V::B(e.hypothetical),
                V::B(e.generic),
                V::B(e.background),
                V::S(e.reported_by.as_ref().map(|x| x.text.as_str())),
                V::S(e.reported_by.as_ref().and_then(|x| x.actor_id.as_deref())),
                V::S(Some(&e.trigger.text)),
                V::I(Some(e.trigger.start as i64)),
                V::I(Some(e.trigger.end as i64)),
                V::I(Some(e.evidence.start as i64)),
                V::I(Some(e.evidence.end as i64)),
                V::I(Some(e.sentence as i64)),
                V::F(Some(e.confidence as f64)),
            ]);
            debug_assert_eq!(cells.len(), self.cols.len());
            for (c, v) in self.cols.iter_mut().zip(cells) {
                match (c, v) {
                    (Col::S(b), V::S(x)) => b.append_option(x),
                    (Col::S(b), V::Str(x)) => b.append_option(x),
                    (Col::I(b), V::I(x)) => b.append_option(x),
                    (Col::F(b), V::F(x)) => b.append_option(x),
                    (Col::B(b), V::B(x)) => b.append_value(x),
                    _ => unreachable!("EVENT_COLUMNS and push_doc disagree"),
                }
            }
        }
    }

    fn finish(self) -> RecordBatch {
        let fields: Vec<Field> = EVENT_COLUMNS.iter().map(|(n, t)| Field::new(*n, t.clone(), true)).collect();
        let cols: Vec<ArrayRef> = self
            .cols
            .into_iter()
            .map(|c| -> ArrayRef {
                match c {
                    Col::S(mut b) => Arc::new(b.finish()),
                    Col::I(mut b) => Arc::new(b.finish()),
                    Col::F(mut b) => Arc::new(b.finish()),
                    Col::B(mut b) => Arc::new(b.finish()),
                }
            })
            .collect();
        RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).expect("columns match the schema")
    }
}

/// Annotate the rows of a pyarrow RecordBatch (string columns, read as
/// JSON Lines records named `name`, rows numbered from `row_offset` or
/// given by `rows`; with `json_lines`, a `value` column of JSON Lines
/// lines); returns `(documents, events)` as pyarrow RecordBatches.
#[pyfunction]
#[pyo3(signature = (batch, threads=0, name="arrow", row_offset=0, tokens=false, text_field="text", id_field="id", date_field=None, title_field="title", rows=None, json_lines=false))]
#[allow(clippy::too_many_arguments)]
pub fn extract_batch<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    threads: usize,
    name: &str,
    row_offset: usize,
    tokens: bool,
    text_field: &str,
    id_field: &str,
    date_field: Option<&str>,
    title_field: &str,
    rows: Option<Vec<i64>>,
    json_lines: bool,
) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
    let opts = crate::input_options(None, text_field, id_field, date_field, title_field)?;
    let rb = RecordBatch::from_pyarrow_bound(batch)?;
    let p = crate::pipeline()?;
    let (docs, events) = py.detach(move || -> PyResult<(RecordBatch, RecordBatch)> {
        let inputs = inputs(&rb, name, row_offset, rows.as_deref(), json_lines)?;
        drop(rb);
        let items = inputs.into_iter().flat_map(move |inp| {
            let index = inp.index;
            inp.read(&opts).into_iter().map(move |item| (index, item))
        });
        let results = marsad_pipeline::ordered_map(items, threads, move |(index, item)| {
            let mut doc = match item {
                Ok(raw) => raw.into_document(),
                Err(e) => return ((index, Err(e.to_string())), None),
            };
            if let Err(e) = p.annotate(&mut doc) {
                let place = doc.source.as_deref().unwrap_or(&doc.id).to_string();
                return ((index, Err(format!("{place}: {e}"))), None);
            }
            if !tokens {
                doc.tokens.clear();
            }
            let json = serde_json::to_vec(&doc).expect("a document always serialises");
            ((index, Ok(json)) as Outcome, Some(doc))
        });
        let (mut d, mut ev) = (Docs::new(), Events::new());
        for ((index, r), doc) in results {
            match (r, doc) {
                (Ok(json), Some(doc)) => {
                    d.push(index, Some(&doc), Some(&json), None);
                    ev.push_doc(index, &doc);
                }
                (Err(e), _) => d.push(index, None, None, Some(&e)),
                (Ok(_), None) => unreachable!(),
            }
        }
        Ok((d.finish(), ev.finish()))
    })?;
    Ok((docs.to_pyarrow(py)?, events.to_pyarrow(py)?))
}

/// The flat events table of annotated documents: a pyarrow RecordBatch
/// with a `document` column (the JSON `extract` gives) and a `row` column
/// (Int64, copied to the events' `row`).
#[pyfunction]
pub fn events_batch<'py>(py: Python<'py>, batch: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let rb = RecordBatch::from_pyarrow_bound(batch)?;
    let out = py.detach(move || -> PyResult<RecordBatch> {
        let docs = rb.column_by_name("document").ok_or_else(|| PyTypeError::new_err("marsad: no `document` column"))?;
        let rows = rb.column_by_name("row").and_then(|c| c.as_any().downcast_ref::<arrow_array::Int64Array>().cloned());
        let mut ev = Events::new();
        for i in 0..rb.num_rows() {
            let Some(j) = cell(docs, i) else { continue };
            let doc: Document = serde_json::from_str(j)
                .map_err(|e| PyTypeError::new_err(format!("marsad: row {i}: not a marsad document ({e})")))?;
            let row = rows.as_ref().map_or(i as i64, |r| r.value(i));
            ev.push_doc(row.max(0) as usize, &doc);
        }
        Ok(ev.finish())
    })?;
    out.to_pyarrow(py)
}
