//! `marsad ner`, `train ner`, `eval ner`.
use anyhow::{Context, Result};
use clap::Args;
use marsad_entities::{conll, Tagger, TrainOptions};
use std::io::{Read, Write};

#[derive(Args)]
pub struct NerArgs {
    /// Read and write CoNLL (one token a line, first column; blank line between sentences).
    #[arg(long)]
    pub conll: bool,
    /// Input file (`-` or nothing: standard input).
    pub file: Option<String>,
    /// Use this model file instead of the embedded one.
    #[arg(long)]
    pub model: Option<String>,
    /// Language of CoNLL input: `ar` (the trained tagger) or `en` (English rules).
    #[arg(long, default_value = "ar")]
    pub lang: String,
}
#[derive(Args)]
pub struct TrainArgs {
    #[arg(long)]
    pub train: String,
    /// Dev file: scored after every epoch (information only).
    #[arg(long)]
    pub dev: Option<String>,
    #[arg(short = 'o', long)]
    pub output: String,
    /// Folds of jackknifed first-stage predictions for the second stage (0 = one stage).
    #[arg(long, default_value_t = TrainOptions::default().folds)]
    pub folds: usize,
    /// Sentences either side treated as one document by the second stage.
    #[arg(long, default_value_t = TrainOptions::default().window)]
    pub window: usize,
    /// Average this many perceptrons trained with different shuffles.
    #[arg(long, default_value_t = TrainOptions::default().ensemble)]
    pub ensemble: usize,
    /// Extra training files (e.g. train on train+dev for the shipped model).
    #[arg(long)]
    pub also: Vec<String>,
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
    /// Keep only features seen at least this many times.
    #[arg(long, default_value_t = TrainOptions::default().min_count)]
    pub min_count: u32,
}
#[derive(Args)]
pub struct EvalArgs {
    #[arg(long)]
    pub gold: String,
    /// Use this model file instead of the embedded one.
    #[arg(long)]
    pub model: Option<String>,
    /// Language of the gold file: `ar` (the trained tagger) or `en` (English rules).
    #[arg(long, default_value = "ar")]
    pub lang: String,
}

fn tagger(model: &Option<String>) -> Result<&'static Tagger> {
    match model {
        Some(p) => Ok(Box::leak(Box::new(Tagger::load_file(p).with_context(|| format!("loading model {p}"))?))),
        None => marsad_entities::embedded_tagger(),
    }
}

fn read_input(file: &Option<String>) -> Result<String> {
    match file.as_deref() {
        None | Some("-") => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b)?;
            Ok(String::from_utf8_lossy(&b).into_owned())
        }
        Some(p) => {
            let b = std::fs::read(p).with_context(|| format!("reading {p}"))?;
            Ok(String::from_utf8_lossy(&b).into_owned())
        }
    }
}

pub fn run(a: NerArgs) -> Result<i32> {
    let t = tagger(&a.model)?;
    let text = read_input(&a.file)?;
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    if a.conll {
        // the whole input is one document stream; blank lines are kept
        let mut sents: Vec<Vec<String>> = Vec::new();
        let mut layout: Vec<Option<(usize, usize)>> = Vec::new(); // per line: (sentence, token) or blank
        let mut cur: Vec<String> = Vec::new();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() {
                if !cur.is_empty() {
                    sents.push(std::mem::take(&mut cur));
                }
                layout.push(None);
            } else {
                let tok = if line.contains('\t') { line.split('\t').next() } else { line.split(' ').next() };
                layout.push(Some((sents.len(), cur.len())));
                cur.push(tok.unwrap_or("").to_string());
            }
        }
        if !cur.is_empty() {
            sents.push(cur);
        }
        let tags = if a.lang == "en" {
            sents.iter().map(|s| marsad_entities::english::bio_tags(s)).collect()
        } else {
            t.tag_doc_strings(&sents)
        };
        for l in layout {
            match l {
                None => writeln!(out)?,
                Some((s, i)) => writeln!(out, "{}\t{}", sents[s][i], tags[s][i])?,
            }
        }
    } else {
        // plain text: run the text and entities stages, print entities as JSON lines
        let mut doc = marsad_core::Document::new("stdin", text);
        marsad_pipeline::Pipeline::ner(t)?.annotate(&mut doc)?;
        for e in &doc.entities {
            writeln!(out, "{}", serde_json::to_string(e)?)?;
        }
    }
    Ok(0)
}

pub fn train(a: TrainArgs) -> Result<i32> {
    let mut train = conll::parse(&std::fs::read_to_string(&a.train).with_context(|| format!("reading {}", a.train))?);
    for p in &a.also {
        train.extend(conll::parse(&std::fs::read_to_string(p).with_context(|| format!("reading {p}"))?));
    }
    let dev = match &a.dev {
        Some(p) => Some(conll::parse(&std::fs::read_to_string(p).with_context(|| format!("reading {p}"))?)),
        None => None,
    };
    let opt = TrainOptions { epochs: a.epochs, seed: a.seed, min_count: a.min_count, folds: a.folds, window: a.window, ensemble: a.ensemble };
    let t0 = std::time::Instant::now();
    eprintln!("training on {} sentences, {} tokens ({opt:?})", train.len(), train.iter().map(|s| s.tokens.len()).sum::<usize>());
    let m = marsad_entities::train_conll(&train, dev.as_deref(), &opt);
    let bytes = m.to_bytes();
    std::fs::write(&a.output, &bytes).with_context(|| format!("writing {}", a.output))?;
    eprintln!("wrote {} ({} bytes) in {:.1}s", a.output, bytes.len(), t0.elapsed().as_secs_f64());
    if let Some(dev) = &dev {
        let t = Tagger::from_bytes(&bytes)?;
        let sc = marsad_entities::evaluate(&t, dev);
        eprintln!("dev (quantised model):\n{}", sc.report());
    }
    Ok(0)
}

pub fn eval(a: EvalArgs) -> Result<i32> {
    let t = tagger(&a.model)?;
    let gold = conll::parse(&std::fs::read_to_string(&a.gold).with_context(|| format!("reading {}", a.gold))?);
    let sc = if a.lang == "en" {
        let mut sc = conll::Score::default();
        for s in &gold {
            sc.add(&s.tags, &marsad_entities::english::bio_tags(&s.tokens));
        }
        sc
    } else {
        marsad_entities::evaluate(t, &gold)
    };
    print!("{}", sc.report());
    Ok(0)
}
