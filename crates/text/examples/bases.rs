//! `cargo run -p marsad-text --example bases FILE...`: print each distinct
//! Arabic word with a clitic split as word → prefix+base+suffix (for review).
fn main() {
    let mut seen = std::collections::BTreeMap::new();
    for f in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&f).expect("readable UTF-8 file");
        let text: String = text.lines().map(|l| l.split('\t').next().unwrap_or("")).collect::<Vec<_>>().join(" ");
        for t in marsad_text::tokenize::tokenize(&text) {
            if t.kind == marsad_core::TokenKind::Arabic && (!t.prefix.is_empty() || !t.suffix.is_empty()) {
                *seen.entry(format!("{} → {}+{}+{}", t.norm, t.prefix, t.base, t.suffix)).or_insert(0) += 1;
            }
        }
    }
    for (k, v) in seen {
        println!("{v}\t{k}");
    }
}
