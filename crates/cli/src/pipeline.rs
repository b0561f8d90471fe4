//! The pipeline lives in the `marsad-pipeline` crate (crates/pipeline): the
//! stage list, its order check, panics turned into errors, parallel
//! annotation and ingest. This name is kept for the commands that say
//! `crate::pipeline::Pipeline`.

pub use marsad_pipeline::Pipeline;
