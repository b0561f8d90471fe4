//! Python records → owned inputs, under the GIL; read later without it.
//!
//! Record `n` (1-based) of a call named `name`:
//! - `str`, `bytes`, `bytearray`: read as `marsad extract` reads a file
//!   named `name:n` (format detected, or `input_format`; text: title and date
//!   from the first lines; id and source `name:n`). Bytes are decoded as the
//!   CLI decodes a file: invalid UTF-8 is that record's error, with the byte
//!   and its offset;
//! - a mapping (`dict`…): read as line `n` of a JSON Lines file named `name`
//!   (`marsad_input::read_json_value`): the same fields, fallbacks and errors;
//!   values that JSON lacks are converted (bytes decoded as UTF-8, dates and
//!   timestamps by `isoformat()`);
//! - anything else (None, numbers…): that record's error, naming its type.

use marsad_input::{InputError, InputOptions, Item};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::Value;

pub(crate) enum Kind {
    Bytes(Vec<u8>),
    Json(Value),
    Bad(String),
}

pub(crate) struct Input {
    pub index: usize,
    pub name: String,
    pub kind: Kind,
}

impl Input {
    /// The documents of this record (or its error), as the CLI's readers give them.
    pub fn read(self, opts: &InputOptions) -> Vec<Item> {
        let line = self.index + 1;
        match self.kind {
            Kind::Bytes(b) => marsad_input::read_named(&format!("{}:{line}", self.name), &b, opts),
            Kind::Json(v) => vec![marsad_input::read_json_value(&self.name, Some(line), v, opts)],
            Kind::Bad(message) => vec![Err(InputError { source: self.name, line: Some(line), message })],
        }
    }
}

fn type_name(o: &Bound<'_, PyAny>) -> String {
    o.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// One record.
pub(crate) fn input(o: &Bound<'_, PyAny>, index: usize, name: &str) -> Input {
    let kind = if let Ok(s) = o.cast::<PyString>() {
        match s.to_cow() {
            Ok(t) => Kind::Bytes(t.as_bytes().to_vec()),
            Err(_) => Kind::Bad("text is not valid Unicode (a lone surrogate); skipped".into()),
        }
    } else if let Ok(b) = o.cast::<PyBytes>() {
        Kind::Bytes(b.as_bytes().to_vec())
    } else if let Ok(b) = o.cast::<PyByteArray>() {
        Kind::Bytes(b.to_vec())
    } else if o.cast::<PyDict>().is_ok() || o.cast::<PyMapping>().is_ok() {
        match json_value(o, 0) {
            Ok(v) => Kind::Json(v),
            Err(m) => Kind::Bad(m),
        }
    } else {
        Kind::Bad(format!("expected a str, bytes or dict record, got {}", type_name(o)))
    };
    Input { index, name: name.to_string(), kind }
}

/// Every record of an iterable (a list, a generator, a pandas Series…).
pub(crate) fn collect(records: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<Input>> {
    if records.cast::<PyString>().is_ok()
        || records.cast::<PyBytes>().is_ok()
        || records.cast::<PyByteArray>().is_ok()
        || records.cast::<PyDict>().is_ok()
    {
        // one record given bare
        return Ok(vec![input(records, 0, name)]);
    }
    let it = records
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("marsad: expected records (an iterable of str, bytes or dict), got {}", type_name(records))))?;
    let mut out = Vec::new();
    for (i, o) in it.enumerate() {
        out.push(input(&o?, i, name));
    }
    Ok(out)
}

/// A Python value as JSON, for the fields of a mapping record.
fn json_value(o: &Bound<'_, PyAny>, depth: usize) -> Result<Value, String> {
    if depth > 64 {
        return Err("record nested too deep".into());
    }
    if o.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = o.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = o.cast::<PyString>() {
        return s.to_cow().map(|t| Value::String(t.to_string())).map_err(|_| "a string is not valid Unicode (a lone surrogate)".into());
    }
    if o.cast::<PyInt>().is_ok() {
        if let Ok(i) = o.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = o.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Ok(Value::String(o.str().map(|s| s.to_string()).unwrap_or_default()));
    }
    if let Ok(f) = o.cast::<PyFloat>() {
        // NaN (pandas' missing value) is JSON null
        return Ok(serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number));
    }
    if let Ok(b) = o.cast::<PyBytes>() {
        return bytes_value(b.as_bytes());
    }
    if let Ok(b) = o.cast::<PyByteArray>() {
        return bytes_value(&b.to_vec());
    }
    if let Ok(m) = o.cast::<PyMapping>() {
        let mut map = serde_json::Map::new();
        let items = m.items().map_err(|e| e.to_string())?;
        for kv in items.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = kv.extract().map_err(|e: PyErr| e.to_string())?;
            let key = match k.cast::<PyString>() {
                Ok(s) => s.to_cow().map_err(|_| "a field name is not valid Unicode".to_string())?.to_string(),
                Err(_) => k.str().map(|s| s.to_string()).map_err(|e| e.to_string())?,
            };
            let val = json_value(&v, depth + 1).map_err(|e| format!("field {key:?}: {e}"))?;
            map.insert(key, val);
        }
        return Ok(Value::Object(map));
    }
    if o.cast::<PyList>().is_ok() || o.cast::<PyTuple>().is_ok() {
        let mut v = Vec::new();
        for x in o.try_iter().map_err(|e| e.to_string())? {
            v.push(json_value(&x.map_err(|e| e.to_string())?, depth + 1)?);
        }
        return Ok(Value::Array(v));
    }
    // datetime.date / datetime / pandas.Timestamp / numpy scalars
    if o.hasattr("isoformat").unwrap_or(false) {
        if let Ok(s) = o.call_method0("isoformat").and_then(|s| s.extract::<String>()) {
            return Ok(Value::String(s));
        }
    }
    if o.hasattr("item").unwrap_or(false) {
        if let Ok(x) = o.call_method0("item") {
            if !x.get_type().is(&o.get_type()) {
                return json_value(&x, depth + 1);
            }
        }
    }
    Err(format!("unsupported value of type {}", type_name(o)))
}

fn bytes_value(b: &[u8]) -> Result<Value, String> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(Value::String(s.to_string())),
        Err(e) => {
            let p = e.valid_up_to();
            Err(format!("invalid UTF-8 (byte 0x{:02X} at offset {p}); decode it first", b[p]))
        }
    }
}
