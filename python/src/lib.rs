//! `marsad._marsad`: the native half of the Python package `marsad`.
//!
//! Python objects are turned into owned inputs while the GIL is held
//! ([`records`]); everything after that (reading, annotation, JSON) runs with
//! the GIL released, on the process-wide pipeline (`Pipeline::global`: models
//! load once per process) and on `threads` threads with results in input
//! order (`marsad_pipeline::ordered_map`, as `marsad extract`). The pure
//! Python layer (`marsad/__init__.py`) turns the outcomes into dicts and
//! applies the error policy.
//!
//! - [`extract_json`]: records → the CLI's document JSON, one outcome per
//!   output document (or per failed record), in order;
//! - [`extract_batch`] (module [`arrow_io`]): an Arrow record batch →
//!   a documents batch and a flat events batch;
//! - [`merge_incidents`] (module [`merge`]): annotated documents → incidents,
//!   through the CLI's own store and merge (`marsad ingest` + `marsad events`);
//! - [`content_hash`], [`report_window`]: what the Spark job needs to
//!   deduplicate documents and to group reports as the merge requires.

mod arrow_io;
mod merge;
mod records;

use marsad_input::{InputOptions, Item};
use marsad_pipeline::Pipeline;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use records::Input;

/// The process-wide pipeline (loaded on first use, then shared).
pub(crate) fn pipeline() -> PyResult<Pipeline> {
    Pipeline::global()
        .cloned()
        .map_err(|e| PyRuntimeError::new_err(format!("marsad: the pipeline could not be loaded: {e:#}")))
}

/// Reading options, as `marsad extract`'s `--input-format`, `--text-field`…
pub(crate) fn input_options(
    input_format: Option<&str>,
    text_field: &str,
    id_field: &str,
    date_field: Option<&str>,
    title_field: &str,
) -> PyResult<InputOptions> {
    let format = match input_format {
        None => None,
        Some(f) => Some(f.parse().map_err(PyValueError::new_err)?),
    };
    Ok(InputOptions {
        format,
        text_field: text_field.to_string(),
        id_field: id_field.to_string(),
        date_field: date_field.map(str::to_string),
        title_field: title_field.to_string(),
    })
}

/// One output: the index of the record it came from, and the document's JSON
/// or the error that stopped it (already with its record's name and line).
pub(crate) type Outcome = (usize, Result<Vec<u8>, String>);

/// Annotate the documents of `inputs` on `threads` threads (0: one per core)
/// and serialise each as `marsad extract` does (tokens only when asked).
/// Called without the GIL.
pub(crate) fn run(pipeline: Pipeline, inputs: Vec<Input>, opts: InputOptions, threads: usize, tokens: bool) -> Vec<Outcome> {
    let items = inputs.into_iter().flat_map(move |inp| {
        let index = inp.index;
        inp.read(&opts).into_iter().map(move |item: Item| (index, item))
    });
    marsad_pipeline::ordered_map(items, threads, move |(index, item)| {
        let mut doc = match item {
            Ok(raw) => raw.into_document(),
            Err(e) => return (index, Err(e.to_string())),
        };
        if let Err(e) = pipeline.annotate(&mut doc) {
            let place = doc.source.as_deref().unwrap_or(&doc.id).to_string();
            return (index, Err(format!("{place}: {e}")));
        }
        if !tokens {
            doc.tokens.clear();
        }
        (index, Ok(serde_json::to_vec(&doc).expect("a document always serialises")))
    })
    .collect()
}

/// Annotate `records` (str, bytes, or dicts with the JSON Lines fields) and
/// return `[(record_index, json_bytes | None, error | None), …]` in input
/// order. Record `n` (1-based) is named `name:n` in ids and messages.
#[pyfunction]
#[pyo3(signature = (records, threads=0, name="python", tokens=false, input_format=None, text_field="text", id_field="id", date_field=None, title_field="title"))]
#[allow(clippy::too_many_arguments)]
fn extract_json<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    threads: usize,
    name: &str,
    tokens: bool,
    input_format: Option<&str>,
    text_field: &str,
    id_field: &str,
    date_field: Option<&str>,
    title_field: &str,
) -> PyResult<Bound<'py, PyList>> {
    let opts = input_options(input_format, text_field, id_field, date_field, title_field)?;
    let inputs = records::collect(records, name)?;
    let p = pipeline()?;
    let outcomes = py.detach(move || run(p, inputs, opts, threads, tokens));
    let out = PyList::empty(py);
    for (index, r) in outcomes {
        let t = match r {
            Ok(json) => PyTuple::new(py, [index.into_pyobject(py)?.into_any(), PyBytes::new(py, &json).into_any(), py.None().into_bound(py)])?,
            Err(e) => PyTuple::new(py, [index.into_pyobject(py)?.into_any(), py.None().into_bound(py), e.into_pyobject(py)?.into_any()])?,
        };
        out.append(t)?;
    }
    Ok(out)
}

/// Load the models now (they load on first use otherwise).
#[pyfunction]
fn load(py: Python<'_>) -> PyResult<()> {
    py.detach(|| Pipeline::global().map(|_| ()))
        .map_err(|e| PyRuntimeError::new_err(format!("marsad: the pipeline could not be loaded: {e:#}")))
}

/// The store's content hash of a document (title, publication date, text):
/// what `marsad ingest` uses to skip copies.
#[pyfunction]
#[pyo3(signature = (text, title=None, published=None))]
fn content_hash(text: &str, title: Option<&str>, published: Option<&str>) -> String {
    let mut d = marsad_core::Document::new("", text);
    d.title = title.map(str::to_string);
    d.published = published.map(str::to_string);
    marsad_store::content_hash(&d)
}

/// The day window `(lo, hi)` (days since 1970-01-01) the merge gives a
/// report with this normalised date value and publication date, or None.
#[pyfunction]
#[pyo3(signature = (date_value, published))]
fn report_window(date_value: Option<&str>, published: Option<&str>) -> Option<(i64, i64)> {
    merge::report_window(date_value, published)
}

/// Merge annotated documents (the JSON `extract` gives, in input order)
/// into incidents as `marsad ingest` + `marsad events --json` do; returns
/// `[(incident_json, [(doc_id, event_index), …]), …]` by id (the reports
/// in merge order).
#[pyfunction]
#[allow(clippy::type_complexity)]
fn merge_incidents(py: Python<'_>, documents: Vec<String>) -> PyResult<Vec<(String, Vec<(String, i64)>)>> {
    py.detach(move || merge::merge(documents)).map_err(|e| PyRuntimeError::new_err(format!("marsad: merge failed: {e:#}")))
}

#[pymodule]
fn _marsad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(arrow_io::extract_batch, m)?)?;
    m.add_function(wrap_pyfunction!(arrow_io::events_batch, m)?)?;
    m.add_function(wrap_pyfunction!(load, m)?)?;
    m.add_function(wrap_pyfunction!(content_hash, m)?)?;
    m.add_function(wrap_pyfunction!(report_window, m)?)?;
    m.add_function(wrap_pyfunction!(merge_incidents, m)?)?;
    m.add("MAX_DOC_BYTES", marsad_input::MAX_DOC_BYTES)?;
    m.add("default_threads", marsad_pipeline::default_threads())?;
    Ok(())
}
