//! Development helper (the real interface is `marsad train ner` / `marsad ner` / `marsad eval ner`):
//! `nertool train TRAIN DEV EPOCHS [OUT]` and `nertool tag MODEL FILE` (prints gold + predicted tag).
use marsad_entities::{conll, evaluate, train_conll, Tagger, TrainOptions};

/// Articles of a JSON Lines corpus (title, then text) as documents of
/// sentences of tokens; at most `limit` articles (0 = all).
fn corpus_docs(text: &str, limit: usize) -> anyhow::Result<Vec<Vec<Vec<String>>>> {
    let mut docs = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if limit > 0 && docs.len() >= limit {
            break;
        }
        let v: serde_json::Value = serde_json::from_str(line)?;
        let mut doc = Vec::new();
        for field in ["title", "text"] {
            let Some(t) = v.get(field).and_then(|x| x.as_str()) else { continue };
            let mut d = marsad_core::Document::new("c", t.to_string());
            marsad_text::annotate(&mut d);
            for si in 0..d.sentences.len() {
                let s: Vec<String> = d.sentence_tokens(si).iter().map(|t| d.text.get(t.byte_start..t.byte_end).unwrap_or("").to_string()).collect();
                if !s.is_empty() {
                    doc.push(s);
                }
            }
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// Self-training data: the corpus tagged by `t`, keeping the sentences of
/// 4–60 tokens with at least one entity where every token's confidence is
/// at least `min_conf` (so that a missed name is unlikely), at most `max`
/// sentences, most confident first (then in corpus order).
fn silver(t: &Tagger, docs: &[Vec<Vec<String>>], min_conf: f32, max: usize) -> Vec<conll::Sent> {
    let mut cand: Vec<(f32, usize, conll::Sent)> = Vec::new();
    for doc in docs {
        for (s, (tags, conf)) in doc.iter().zip(t.tag_doc(doc)) {
            if s.len() < 4 || s.len() > 60 || tags.iter().all(|&x| x == 0) {
                continue;
            }
            let m = conf.iter().cloned().fold(1.0f32, f32::min);
            if m >= min_conf {
                let tags = tags.iter().map(|&x| marsad_entities::model::TAGS[x as usize].to_string()).collect();
                cand.push((m, cand.len(), conll::Sent { tokens: s.clone(), tags }));
            }
        }
    }
    cand.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    cand.truncate(max);
    // back to corpus order (stage 2 reads neighbouring sentences)
    cand.sort_by_key(|c| c.1);
    cand.into_iter().map(|c| c.2).collect()
}

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
            for (ty, c) in sc.per_type.iter().map(|(t, c)| (Some(t), c)).chain([(None, &sc.micro)]) {
                let e = match ty {
                    Some(t) => pooled.per_type.entry(t.clone()).or_default(),
                    None => &mut pooled.micro,
                };
                e.gold += c.gold;
                e.pred += c.pred;
                e.tp += c.tp;
            }
        }
        println!("\ncv micro P {:.2} R {:.2} F1 {:.2}", pooled.micro.p(), pooled.micro.r(), pooled.micro.f());
        for (ty, c) in &pooled.per_type {
            println!("cv {ty} P {:.2} R {:.2} F1 {:.2}", c.p(), c.r(), c.f());
        }
        for (k, &(o2, org, misc)) in grid.iter().enumerate() {
            let (g, p, tp) = gp[k];
            let (pr, rc) = (tp as f64 / p.max(1) as f64, tp as f64 / g.max(1) as f64);
            println!("bias O2 {o2} ORG {org} MISC {misc}: P {:.2} R {:.2} F1 {:.2}", 100.0 * pr, 100.0 * rc, 200.0 * pr * rc / (pr + rc).max(1e-9));
        }
        return Ok(());
    }
    if a[1] == "selfcv" || a[1] == "selfdev" {
        // nertool selfcv K CORPUS.jsonl FILES… / nertool selfdev TRAIN DEV CORPUS.jsonl:
        // self-training (train, tag the corpus, add its confident sentences, retrain)
        // inside each fold; SELF_ARTICLES (3000), SELF_CONF (0.9), SELF_MAX (3000)
        let env = |k: &str, d: f64| std::env::var(k).ok().map(|s| s.parse().unwrap()).unwrap_or(d);
        let (narts, min_conf, max) = (env("SELF_ARTICLES", 3000.0) as usize, env("SELF_CONF", 0.9) as f32, env("SELF_MAX", 3000.0) as usize);
        let seed: u64 = std::env::var("SEED").ok().map(|s| s.parse().unwrap()).unwrap_or(TrainOptions::default().seed);
        let opt = TrainOptions { folds: 10, seed, ..Default::default() };
        let run = |train: &[conll::Sent], test: &[conll::Sent], docs: &[Vec<Vec<String>>]| -> (conll::Score, conll::Score, usize) {
            let t = train_conll(train, None, &opt);
            let base = evaluate(&t, test);
            let sil = silver(&t, docs, min_conf, max);
            let n = sil.len();
            let aug: Vec<conll::Sent> = train.iter().cloned().chain(sil).collect();
            let t2 = train_conll(&aug, None, &opt);
            (base, evaluate(&t2, test), n)
        };
        let show = |name: &str, sc: &conll::Score| {
            println!("{name} micro P {:.2} R {:.2} F1 {:.2}", sc.micro.p(), sc.micro.r(), sc.micro.f());
            for (ty, c) in &sc.per_type {
                println!("{name} {ty} P {:.2} R {:.2} F1 {:.2}", c.p(), c.r(), c.f());
            }
        };
        if a[1] == "selfdev" {
            let train = conll::parse(&std::fs::read_to_string(&a[2])?);
            let dev = conll::parse(&std::fs::read_to_string(&a[3])?);
            let docs = corpus_docs(&std::fs::read_to_string(&a[4])?, narts)?;
            let (b, s, n) = run(&train, &dev, &docs);
            println!("{n} silver sentences");
            show("base", &b);
            show("self", &s);
            return Ok(());
        }
        let k: usize = a[2].parse()?;
        let docs = corpus_docs(&std::fs::read_to_string(&a[3])?, narts)?;
        let mut all = Vec::new();
        for f in &a[4..] {
            all.extend(conll::parse(&std::fs::read_to_string(f)?));
        }
        let n = all.len();
        let (mut pb, mut ps) = (conll::Score::default(), conll::Score::default());
        for f in 0..k {
            let (x, y) = (f * n / k, (f + 1) * n / k);
            let train: Vec<conll::Sent> = all[..x].iter().chain(&all[y..]).cloned().collect();
            let (b, s, ns) = run(&train, &all[x..y], &docs);
            eprintln!("fold {f}: {ns} silver, base {:.2} self {:.2}", b.micro.f(), s.micro.f());
            for (dst, src) in [(&mut pb, &b), (&mut ps, &s)] {
                for (ty, c) in src.per_type.iter().map(|(t, c)| (Some(t), c)).chain([(None, &src.micro)]) {
                    let e = match ty {
                        Some(t) => dst.per_type.entry(t.clone()).or_default(),
                        None => &mut dst.micro,
                    };
                    e.gold += c.gold;
                    e.pred += c.pred;
                    e.tp += c.tp;
                }
            }
        }
        show("cv base", &pb);
        show("cv self", &ps);
        return Ok(());
    }
    if a[1] == "load" {
        let t0 = std::time::Instant::now();
        let t = marsad_entities::embedded_tagger()?;
        println!("embedded model loaded in {:.3}s ({} + {} features)", t0.elapsed().as_secs_f64(), t.model().index.len(), t.stage2().map_or(0, |m| m.index.len()));
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
