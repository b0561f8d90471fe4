//! `cargo run --release -p marsad-text --example speed [FILES...]`: text
//! stage throughput on the given files (or a built-in sample).
use std::time::Duration;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = if files.is_empty() {
        vec![marsad_text::bench::SAMPLE.to_string()]
    } else {
        files.iter().map(|f| std::fs::read_to_string(f).expect("readable UTF-8 file")).collect()
    };
    let refs: Vec<&str> = texts.iter().map(|s| s.as_str()).collect();
    let t = marsad_text::bench::measure(&refs, Duration::from_secs(3));
    println!(
        "{} docs, {:.1} MB in {:.2}s wall, {:.2}s CPU: {:.1} MB/s per core ({:.1} by the wall clock), {:.0} tokens/s, {:.0} docs/s",
        t.docs,
        t.bytes as f64 / 1e6,
        t.seconds,
        t.busy_seconds(),
        t.mb_per_s(),
        t.wall_mb_per_s(),
        t.tokens_per_s(),
        t.docs_per_s()
    );
}
