//! Compiled forms of embedded data, written to `$OUT_DIR` at build time so
//! that a process does not parse them:
//! - `ner_table.bin`: the tagger's weight table of `data/ner.model`,
//!   filled by the crate's own code (`src/tableimg.rs`);
//! - `wordfreq.bin`: the Arramooz classes (`data/wordfreq.txt`) and
//!   ANERGazet (`data/anergazet.txt`) by normalised word, parsed by
//!   `src/wfparse.rs` (≈ 32 M instructions per process before).
//! Both modules are compiled into this script as they are.

#[allow(dead_code)]
#[path = "src/tableimg.rs"]
mod tableimg;
#[allow(dead_code)]
#[path = "src/wfparse.rs"]
mod wfparse;

fn main() {
    for f in ["build.rs", "src/tableimg.rs", "src/wfparse.rs", "data/ner.model", "data/wordfreq.txt", "data/anergazet.txt"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let model = std::fs::read("data/ner.model").expect("data/ner.model");
    let (b1, b2) = match tableimg::split(&model).expect("data/ner.model: a model file") {
        Some((_, b1, b2)) => (b1, Some(b2)),
        None => (&model[..], None),
    };
    let t = tableimg::fill(b1, b2).expect("data/ner.model: a model file");
    std::fs::write(out.join("ner_table.bin"), tableimg::image(&t, model.len())).expect("write ner_table.bin");
    let wf = wfparse::parse_wordfreq(&std::fs::read_to_string("data/wordfreq.txt").expect("data/wordfreq.txt"));
    let ag = wfparse::parse_anergazet(&std::fs::read_to_string("data/anergazet.txt").expect("data/anergazet.txt"));
    std::fs::write(out.join("wordfreq.bin"), wfparse::write_compiled(&wf, &ag)).expect("write wordfreq.bin");
}
