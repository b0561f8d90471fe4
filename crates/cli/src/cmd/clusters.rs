//! `marsad train clusters`: Brown word clusters for the Arabic NER tagger,
//! learned from unlabelled text (`marsad_entities::clusters`).

use anyhow::{bail, Context, Result};
use clap::Args;

#[derive(Args)]
pub struct TrainClustersArgs {
    /// JSON Lines of articles with `title` and `text`
    /// (e.g. ../shared/corpus/ant-v1.1-jawharafm.jsonl). Repeatable.
    #[arg(long)]
    pub corpus: Vec<String>,
    /// CoNLL files used as plain text too (first column; labels ignored). Repeatable.
    #[arg(long)]
    pub conll: Vec<String>,
    /// Where to write the clusters.
    #[arg(short, long, default_value = "crates/entities/data/clusters.txt")]
    pub output: String,
    /// Number of classes (the algorithm's window).
    #[arg(long, default_value_t = marsad_entities::clusters::Options::default().classes)]
    pub classes: usize,
    /// Leave out words seen fewer times.
    #[arg(long, default_value_t = marsad_entities::clusters::Options::default().min_count)]
    pub min_count: u32,
    /// Cluster at most this many words (the most frequent).
    #[arg(long, default_value_t = marsad_entities::clusters::Options::default().max_words)]
    pub max_words: usize,
    /// Write only the words seen at least this often (rarer words still
    /// take part in the clustering).
    #[arg(long, default_value_t = marsad_entities::clusters::Options::default().write_min)]
    pub write_min: u32,
    /// Use only the first N articles of each corpus (0 = all): for quick runs.
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
}

/// Sentences (tokens as written) of a JSON Lines corpus, title then text.
fn corpus_sentences(path: &str, limit: usize, out: &mut Vec<Vec<String>>) -> Result<usize> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if limit > 0 && n >= limit {
            break;
        }
        let v: serde_json::Value = serde_json::from_str(line).with_context(|| format!("{path}:{}: not JSON", i + 1))?;
        for field in ["title", "text"] {
            let Some(t) = v.get(field).and_then(|x| x.as_str()) else { continue };
            let mut d = marsad_core::Document::new("c", t.to_string());
            marsad_text::annotate(&mut d);
            for si in 0..d.sentences.len() {
                let s: Vec<String> = d.sentence_tokens(si).iter().map(|t| d.text.get(t.byte_start..t.byte_end).unwrap_or("").to_string()).collect();
                if !s.is_empty() {
                    out.push(s);
                }
            }
        }
        n += 1;
    }
    Ok(n)
}

pub fn train(a: TrainClustersArgs) -> Result<i32> {
    if a.corpus.is_empty() && a.conll.is_empty() {
        bail!("give at least one --corpus or --conll file");
    }
    if a.classes < 2 {
        bail!("--classes must be at least 2");
    }
    let t0 = std::time::Instant::now();
    let mut sents: Vec<Vec<String>> = Vec::new();
    for p in &a.corpus {
        let n = corpus_sentences(p, a.limit, &mut sents)?;
        eprintln!("{p}: {n} articles");
    }
    for p in &a.conll {
        let text = std::fs::read_to_string(p).with_context(|| format!("reading {p}"))?;
        let s = marsad_entities::conll::parse(&text);
        eprintln!("{p}: {} sentences", s.len());
        sents.extend(s.into_iter().map(|x| x.tokens));
    }
    let opt = marsad_entities::clusters::Options { classes: a.classes, min_count: a.min_count, max_words: a.max_words, write_min: a.write_min };
    let files: Vec<String> = a.corpus.iter().chain(&a.conll).map(|p| p.rsplit('/').next().unwrap_or(p).to_string()).collect();
    let header = format!(
        "Brown clusters of clitic-free word bases for the marsad NER tagger (word, path, count).\n\
         Made by: marsad train clusters{} --classes {} --min-count {} --max-words {} --write-min {}{}\n\
         From: {}",
        a.corpus.iter().map(|p| format!(" --corpus {p}")).collect::<String>() + &a.conll.iter().map(|p| format!(" --conll {p}")).collect::<String>(),
        a.classes,
        a.min_count,
        a.max_words,
        a.write_min,
        if a.limit > 0 { format!(" --limit {}", a.limit) } else { String::new() },
        files.join(", ")
    );
    let out = marsad_entities::clusters::train(&sents, &opt, &header, &mut |l| eprintln!("{l}"));
    std::fs::write(&a.output, &out).with_context(|| format!("writing {}", a.output))?;
    eprintln!("wrote {} ({} bytes) in {:.1}s", a.output, out.len(), t0.elapsed().as_secs_f64());
    Ok(0)
}
