//! Development helper (the real interface is `marsad train ner` / `marsad eval ner`):
//! `cargo run --release -p marsad-entities --example nertool -- TRAIN DEV EPOCHS [OUT]`
use marsad_entities::{conll, evaluate, train_conll, Tagger, TrainOptions};

fn main() -> anyhow::Result<()> {
    let a: Vec<String> = std::env::args().collect();
    let train = conll::parse(&std::fs::read_to_string(&a[1])?);
    let dev = conll::parse(&std::fs::read_to_string(&a[2])?);
    let epochs: usize = a.get(3).map(|s| s.parse().unwrap()).unwrap_or(12);
    let opt = TrainOptions { epochs, ..Default::default() };
    let t0 = std::time::Instant::now();
    let m = train_conll(&train, Some(&dev), &opt);
    let bytes = m.to_bytes();
    eprintln!("trained in {:.1}s, model {} bytes", t0.elapsed().as_secs_f64(), bytes.len());
    let t = Tagger::from_bytes(&bytes)?;
    print!("{}", evaluate(&t, &dev).report());
    if let Some(out) = a.get(4) {
        std::fs::write(out, &bytes)?;
    }
    Ok(())
}
