//! Redo near-duplicate links and incidents of a database from scratch
//! (to compare merging rules): `cargo run --example resync -- marsad.db`.
fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "marsad.db".into());
    let mut store = marsad_dataset::open(&path)?;
    store.conn().execute_batch(
        "DELETE FROM incident_reports; DELETE FROM incidents; DELETE FROM doc_state; DELETE FROM doc_lsh; DELETE FROM doc_links;",
    )?;
    let t = std::time::Instant::now();
    let st = marsad_dataset::sync(&mut store)?;
    println!("{} in {:.2} s", serde_json::to_string(&st)?, t.elapsed().as_secs_f64());
    Ok(())
}
