//! One module per command group. Each returns the process exit code.
pub mod actors;
pub mod analyze;
pub mod bench;
pub mod clusters;
pub mod dataset;
pub mod detect;
pub mod events;
pub mod extract;
pub mod ner;
pub mod places;
pub mod review;
pub mod serve;
pub mod store;
pub mod time;
