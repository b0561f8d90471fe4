//! Time the actors stage alone on a file: `cargo run --release -p marsad-actors --example timing -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let mut doc = marsad_core::Document::new("t", text);
    let t0 = std::time::Instant::now();
    marsad_text::annotate(&mut doc);
    let t1 = std::time::Instant::now();
    marsad_actors::annotate(marsad_actors::Kb::global(), &mut doc);
    let t2 = std::time::Instant::now();
    println!(
        "{} chars, {} tokens: text {:.2}s, actors {:.2}s ({} actors, {} mentions)",
        doc.char_len(),
        doc.tokens.len(),
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        doc.actors.len(),
        doc.actors.iter().map(|a| a.mentions.len()).sum::<usize>()
    );
}
