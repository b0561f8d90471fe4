//! `cargo run -p marsad-text --example sents FILE`: print the sentences and
//! their language, one a line (for eyeballing the splitter).
fn main() {
    for f in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&f).expect("readable UTF-8 file");
        let mut doc = marsad_core::Document::new(f.clone(), text);
        marsad_text::annotate(&mut doc);
        println!("== {f}: {} ({} sentences, {} tokens)", doc.lang.code(), doc.sentences.len(), doc.tokens.len());
        for s in &doc.sentences {
            println!("[{}] {}", s.lang.code(), doc.slice(s.start, s.end).replace('\n', "⏎"));
        }
    }
}
