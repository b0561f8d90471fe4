//! Parquet output with the `parquet` crate's column writers (no Arrow, no
//! compression codecs: light to build, read by pandas/pyarrow and polars).

use crate::export::{acled_row, acled_row_full, Cell, ACLED_COLUMNS, PARQUET_ROW_GROUP};
use crate::query::{for_each_event, EventFilter};
use anyhow::Result;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use marsad_store::db::Connection;
use std::io::Write;
use std::sync::Arc;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Int,
    Float,
}

fn kinds() -> Vec<Kind> {
    acled_row(&Default::default())
        .iter()
        .map(|c| match c {
            Cell::Text(_) => Kind::Text,
            Cell::Int(_) => Kind::Int,
            Cell::Float(_) => Kind::Float,
        })
        .collect()
}

/// The Parquet schema of the export.
pub fn message_type() -> String {
    let mut m = String::from("message acled {\n");
    for (name, k) in ACLED_COLUMNS.iter().zip(kinds()) {
        let t = match k {
            Kind::Text => "BYTE_ARRAY",
            Kind::Int => "INT64",
            Kind::Float => "DOUBLE",
        };
        let ann = if k == Kind::Text { " (UTF8)" } else { "" };
        m.push_str(&format!("  OPTIONAL {t} {name}{ann};\n"));
    }
    m.push('}');
    m
}

fn flush<W: Write + Send>(w: &mut SerializedFileWriter<W>, rows: &[Vec<Cell>]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut rg = w.next_row_group()?;
    let mut i = 0;
    while let Some(mut col) = rg.next_column()? {
        let mut defs = Vec::with_capacity(rows.len());
        match rows[0][i] {
            Cell::Text(_) => {
                let mut vals = Vec::with_capacity(rows.len());
                for r in rows {
                    if let Cell::Text(s) = &r[i] {
                        vals.push(ByteArray::from(s.as_str()));
                        defs.push(1);
                    } else {
                        defs.push(0);
                    }
                }
                col.typed::<ByteArrayType>().write_batch(&vals, Some(&defs), None)?;
            }
            Cell::Int(_) => {
                let mut vals = Vec::new();
                for r in rows {
                    match &r[i] {
                        Cell::Int(Some(v)) => {
                            vals.push(*v);
                            defs.push(1);
                        }
                        _ => defs.push(0),
                    }
                }
                col.typed::<Int64Type>().write_batch(&vals, Some(&defs), None)?;
            }
            Cell::Float(_) => {
                let mut vals = Vec::new();
                for r in rows {
                    match &r[i] {
                        Cell::Float(Some(v)) => {
                            vals.push(*v);
                            defs.push(1);
                        }
                        _ => defs.push(0),
                    }
                }
                col.typed::<DoubleType>().write_batch(&vals, Some(&defs), None)?;
            }
        }
        col.close()?;
        i += 1;
    }
    rg.close()?;
    Ok(())
}

pub fn write<W: Write + Send>(conn: &Connection, f: &EventFilter, out: W) -> Result<u64> {
    let schema = Arc::new(parse_message_type(&message_type())?);
    let props = Arc::new(WriterProperties::builder().set_created_by("marsad".into()).build());
    let mut w = SerializedFileWriter::new(out, schema, props)?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut f = f.clone();
    f.ascending = true;
    let n = for_each_event(conn, &f, |s| {
        rows.push(acled_row_full(conn, &s)?);
        if rows.len() >= PARQUET_ROW_GROUP {
            flush(&mut w, &rows)?;
            rows.clear();
        }
        Ok(())
    })?;
    flush(&mut w, &rows)?;
    w.close()?;
    Ok(n)
}
