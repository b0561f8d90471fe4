//! `cargo run --release -p marsad-time --example bench [FILES…]`: dates per
//! second of the time stage (tokenisation excluded) on the given texts, or
//! on the built-in sample sentences.
fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let b = marsad_time::bench(&refs, Some("2018-02-15"), 2.0);
    println!("{}", serde_json::to_string_pretty(&b).unwrap());
    // one big document, to catch anything quadratic
    let big = "وقع الهجوم أمس في 3 كانون الأول 2017، ".repeat(2000);
    let t0 = std::time::Instant::now();
    let mut d = marsad_core::Document::new("big", big);
    marsad_text::annotate(&mut d);
    let t1 = t0.elapsed();
    marsad_time::tag(&mut d);
    println!("big doc: {} chars, text stage {:?}, time stage {:?}, {} dates", d.char_len(), t1, t0.elapsed() - t1, d.times.len());
}
