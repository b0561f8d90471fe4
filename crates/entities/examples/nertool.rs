//! Development helper (the real interface is `marsad train ner` / `marsad ner` / `marsad eval ner`):
//! `nertool train TRAIN DEV EPOCHS [OUT]` and `nertool tag MODEL FILE` (prints gold + predicted tag).
use marsad_entities::{conll, evaluate, train_conll, Tagger, TrainOptions};

fn main() -> anyhow::Result<()> {
    let a: Vec<String> = std::env::args().collect();
    if a[1] == "bench" {
        let t = Tagger::load_file(&a[2])?;
        let (n, dt) = marsad_entities::bench_tagger(&t, &a[3])?;
        println!("{n} tokens in {dt:.3}s CPU: {:.0} tokens/s", n as f64 / dt);
        return Ok(());
    }
    if a[1] == "cv" {
        // k-fold cross-validation over contiguous blocks of the given files
        let mut all = Vec::new();
        for f in &a[3..] {
            all.extend(conll::parse(&std::fs::read_to_string(f)?));
        }
        let k: usize = a[2].parse()?;
        let folds: usize = std::env::var("FOLDS").ok().map(|s| s.parse().unwrap()).unwrap_or(0);
        let epochs: usize = std::env::var("EPOCHS").ok().map(|s| s.parse().unwrap()).unwrap_or(12);
        let min_count: u32 = std::env::var("MINC").ok().map(|s| s.parse().unwrap()).unwrap_or(1);
        let window: usize = std::env::var("WINDOW").ok().map(|s| s.parse().unwrap()).unwrap_or(10);
        let seed: u64 = std::env::var("SEED").ok().map(|s| s.parse().unwrap()).unwrap_or(TrainOptions::default().seed);
        let opt = TrainOptions { epochs, folds, min_count, window, seed, ..Default::default() };
        // BIASGRID="o2:org:misc,…": score every fold model under each stage-2 bias setting
        let grid: Vec<(f32, f32, f32)> = std::env::var("BIASGRID").ok().map(|g| g.split(',').map(|p| {
            let mut it = p.split(':');
            let mut f = || it.next().map_or(0.0, |x| x.parse().unwrap());
            (f(), f(), f())
        }).collect()).unwrap_or_default();
        let mut gp = vec![(0usize, 0usize, 0usize); grid.len()];
        let mut pooled = conll::Score::default();
        let n = all.len();
        for f in 0..k {
            let (x, y) = (f * n / k, (f + 1) * n / k);
            let train: Vec<conll::Sent> = all[..x].iter().chain(&all[y..]).cloned().collect();
            let mut t = train_conll(&train, None, &opt);
            for (k, &(o2, org, misc)) in grid.iter().enumerate() {
                let b = t.bias;
                t.bias = [b[0], o2, org, misc];
                let sc = evaluate(&t, &all[x..y]);
                gp[k].0 += sc.micro.gold;
                gp[k].1 += sc.micro.pred;
                gp[k].2 += sc.micro.tp;
                t.bias = b;
            }
            let sc = evaluate(&t, &all[x..y]);
            eprint!("{:.2} ", sc.micro.f());
            for (g, p) in [(sc.micro.gold, sc.micro.pred)].iter() {
                pooled.micro.gold += g;
                pooled.micro.pred += p;
            }
            pooled.micro.tp += sc.micro.tp;
        }
        println!("\ncv micro P {:.2} R {:.2} F1 {:.2}", pooled.micro.p(), pooled.micro.r(), pooled.micro.f());
        for (k, &(o2, org, misc)) in grid.iter().enumerate() {
            let (g, p, tp) = gp[k];
            let (pr, rc) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
            println!("bias O2 {o2} ORG {org} MISC {misc}: P {:.2} R {:.2} F1 {:.2}", 100.0 * pr, 100.0 * rc, 200.0 * pr * rc / (pr + rc).max(1e-9));
        }
        return Ok(());
    }
    if a[1] == "load" {
        let t0 = std::time::Instant::now();
        let t = marsad_entities::embedded_tagger()?;
        println!("embedded model loaded in {:.3}s ({} + {} features)", t0.elapsed().as_secs_f64(), t.model.index.len(), t.stage2.as_ref().map_or(0, |m| m.index.len()));
        return Ok(());
    }
    if a[1] == "doc" {
        use marsad_core::Stage;
        let t: &'static Tagger = Box::leak(Box::new(Tagger::load_file(&a[2])?));
        let mut d = marsad_core::Document::new("x", std::fs::read_to_string(&a[3])?);
        marsad_text::TextStage.annotate(&mut d);
        marsad_entities::EntityStage::with_tagger(t).annotate(&mut d);
        for e in &d.entities {
            println!("{}\t{}\t{:.2}\t{}", e.kind.as_str(), e.text, e.confidence, e.source);
        }
        return Ok(());
    }
    if a[1] == "calib" {
        // confidence calibration: mean confidence of predicted entities vs their precision, by bins
        let t = Tagger::load_file(&a[2])?;
        let sents = conll::parse(&std::fs::read_to_string(&a[3])?);
        let toks: Vec<Vec<&str>> = sents.iter().map(|s| s.tokens.iter().map(|x| x.as_str()).collect()).collect();
        let out = t.tag_doc(&toks);
        let mut bins = [(0usize, 0usize, 0f32); 5];
        for (s, (tags, conf)) in sents.iter().zip(&out) {
            let ts: Vec<&str> = tags.iter().map(|&x| marsad_entities::model::TAGS[x as usize]).collect();
            let gold = conll::chunks(&s.tags);
            for c in conll::chunks(&ts) {
                let cf = conf[c.1..c.2].iter().sum::<f32>() / (c.2 - c.1) as f32;
                let b = ((cf * 5.0) as usize).min(4);
                bins[b].0 += 1;
                bins[b].1 += gold.contains(&c) as usize;
                bins[b].2 += cf;
            }
        }
        for (i, (n, ok, sum)) in bins.iter().enumerate() {
            println!("bin {i}: n {n} precision {:.2} mean conf {:.2}", *ok as f32 / (*n).max(1) as f32, sum / (*n).max(1) as f32);
        }
        return Ok(());
    }
    if a[1] == "tag" {
        let t = Tagger::load_file(&a[2])?;
        let sents = conll::parse(&std::fs::read_to_string(&a[3])?);
        let toks: Vec<Vec<&str>> = sents.iter().map(|s| s.tokens.iter().map(|x| x.as_str()).collect()).collect();
        let preds = t.tag_doc_strings(&toks);
        for (s, p) in sents.iter().zip(preds) {
            for i in 0..s.tokens.len() {
                println!("{}\t{}\t{}", s.tokens[i], s.tags[i], p[i]);
            }
            println!();
        }
        return Ok(());
    }
    let train = conll::parse(&std::fs::read_to_string(&a[2])?);
    let dev = conll::parse(&std::fs::read_to_string(&a[3])?);
    let epochs: usize = a.get(4).map(|s| s.parse().unwrap()).unwrap_or(12);
    let folds: usize = std::env::var("FOLDS").ok().map(|s| s.parse().unwrap()).unwrap_or(10);
    let window: usize = std::env::var("WINDOW").ok().map(|s| s.parse().unwrap()).unwrap_or(10);
    let ensemble: usize = std::env::var("ENS").ok().map(|s| s.parse().unwrap()).unwrap_or(1);
    let opt = TrainOptions { epochs, folds, window, ensemble, ..Default::default() };
    let t0 = std::time::Instant::now();
    let m = train_conll(&train, Some(&dev), &opt);
    let bytes = m.to_bytes();
    eprintln!("trained in {:.1}s, model {} bytes", t0.elapsed().as_secs_f64(), bytes.len());
    let t = Tagger::from_bytes(&bytes)?;
    print!("{}", evaluate(&t, &dev).report());
    if let Some(out) = a.get(5) {
        std::fs::write(out, &bytes)?;
    }
    Ok(())
}
