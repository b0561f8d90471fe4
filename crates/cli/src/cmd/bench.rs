//! `marsad bench`: throughput of the text layer and of each pipeline stage,
//! on a corpus built from the bundled example articles (single thread).
use crate::examples::EXAMPLES;
use anyhow::Result;
use clap::Args;
use marsad_core::Document;
use serde_json::json;
use std::fmt::Write as _;
use std::io::Write as _;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct BenchArgs {
    /// Documents in the corpus (the plain-text examples, cycled).
    #[arg(long, default_value_t = 1000)]
    docs: usize,
    /// Minimum seconds to run the text layer for (repeating the corpus).
    #[arg(long, default_value_t = 2.0)]
    seconds: f64,
    /// Only the text layer, not the whole pipeline.
    #[arg(long)]
    text_only: bool,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
    /// Benchmark on these files or directories (any input format `extract`
    /// reads) instead of the bundled examples; their documents are cycled
    /// up to `--docs`.
    #[arg(long, value_name = "PATH")]
    corpus: Vec<String>,
}

/// Texts and publication dates of the documents in `paths` (unreadable
/// items are skipped).
fn read_corpus(paths: &[String]) -> Result<Vec<(String, Option<String>)>> {
    let opts = marsad_input::InputOptions::default();
    let mut out = Vec::new();
    for p in marsad_input::expand(paths) {
        let p = p?;
        for item in marsad_input::read_file(&p, &opts).flatten() {
            if !item.text.trim().is_empty() {
                out.push((item.text, item.published));
            }
        }
    }
    if out.is_empty() {
        anyhow::bail!("no documents in {}", paths.join(", "));
    }
    Ok(out)
}

/// The corpus: `n` documents cycling through the plain-text examples.
fn corpus(n: usize) -> Vec<&'static str> {
    let plain: Vec<&'static str> = EXAMPLES.iter().filter(|e| e.is_plain()).map(|e| e.text).collect();
    (0..n.max(1)).map(|i| plain[i % plain.len()]).collect()
}

fn rate(x: f64, secs: f64) -> f64 {
    x / secs.max(1e-9)
}

/// Seconds of CPU time of this thread where the platform tells it (so other
/// processes sharing the core do not count), else wall-clock seconds.
fn clock() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    marsad_text::bench::thread_cpu_seconds().unwrap_or_else(|| START.get_or_init(Instant::now).elapsed().as_secs_f64())
}

/// Print without panicking when stdout is closed (`marsad bench | head`).
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

pub fn run(a: BenchArgs) -> Result<i32> {
    let given = if a.corpus.is_empty() { Vec::new() } else { read_corpus(&a.corpus)? };
    let (texts, dates): (Vec<&str>, Vec<Option<&str>>) = if given.is_empty() {
        corpus(a.docs).into_iter().map(|t| (t, None)).unzip()
    } else {
        (0..a.docs.max(1)).map(|i| &given[i % given.len()]).map(|(t, d)| (t.as_str(), d.as_deref())).unzip()
    };
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    // warm up lazily built lexicons before timing
    marsad_text::annotate(&mut Document::new("warm-up", texts[0]));
    let t = marsad_text::bench::measure(&texts, Duration::from_secs_f64(a.seconds.max(0.0)));
    let text_json = json!({
        "docs": t.docs, "bytes": t.bytes, "tokens": t.tokens, "sentences": t.sentences,
        "seconds": t.busy_seconds(), "wall_seconds": t.seconds, "cpu_time": t.cpu_seconds.is_some(),
        "mb_per_s": t.mb_per_s(), "tokens_per_s": t.tokens_per_s(), "docs_per_s": t.docs_per_s(),
    });
    let mut o = String::new();
    if !a.json {
        let _ = writeln!(
            o,
            "corpus: {} documents cycling through the {} {}, {:.2} MB; single thread, {}",
            texts.len(),
            if given.is_empty() { EXAMPLES.iter().filter(|e| e.is_plain()).count() } else { given.len() },
            if given.is_empty() { "bundled plain-text examples" } else { "documents read from --corpus" },
            bytes as f64 / 1e6,
            if t.cpu_seconds.is_some() { "rates per second of CPU time" } else { "rates per wall-clock second" }
        );
        let _ = writeln!(
            o,
            "text layer: {:.1} MB/s, {:.0} tokens/s, {:.0} docs/s ({} docs, {} tokens; {:.1} MB/s by the wall clock)",
            t.mb_per_s(),
            t.tokens_per_s(),
            t.docs_per_s(),
            t.docs,
            t.tokens,
            t.wall_mb_per_s()
        );
    }
    if a.text_only {
        if a.json {
            o = serde_json::to_string_pretty(&json!({ "text": text_json }))? + "\n";
        }
        emit(&o);
        return Ok(0);
    }

    let load_start = Instant::now();
    let pipeline = marsad_pipeline::Pipeline::load()?;
    let stages = pipeline.stages();
    let load_secs = load_start.elapsed().as_secs_f64();
    let mut docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = Document::new(format!("bench-{i}"), *t);
            d.published = Some(dates[i].unwrap_or("2018-01-15").into());
            d
        })
        .collect();
    // one warm-up document through every stage
    let mut warm = Document::new("warm-up", texts[0]);
    for s in stages {
        s.annotate(&mut warm);
    }
    let mut secs = vec![0f64; stages.len()];
    // stage by stage over the whole corpus (each document has been through
    // the earlier stages, as in the pipeline), so each stage is timed with
    // its own data warm in the caches
    for (k, s) in stages.iter().enumerate() {
        let start = clock();
        for d in docs.iter_mut() {
            s.annotate(d);
        }
        secs[k] = clock() - start;
    }
    let total: f64 = secs.iter().sum();
    let n = docs.len() as f64;
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let count = |f: fn(&Document) -> usize| docs.iter().map(f).sum::<usize>();
    let (ents, places, times, events, actors) = (
        count(|d| d.entities.len()),
        count(|d| d.places.len()),
        count(|d| d.times.len()),
        count(|d| d.events.len()),
        count(|d| d.actors.len()),
    );
    let stage_json: Vec<_> = stages
        .iter()
        .zip(&secs)
        .map(|(s, &x)| {
            json!({ "stage": s.name(), "seconds": x, "docs_per_s": rate(n, x), "tokens_per_s": rate(tokens as f64, x),
                    "mb_per_s": rate(bytes as f64 / 1e6, x) })
        })
        .collect();
    if a.json {
        let out = json!({
            "text": text_json,
            "pipeline": {
                "docs": docs.len(), "bytes": bytes, "tokens": tokens, "load_seconds": load_secs, "seconds": total,
                "docs_per_s": rate(n, total), "tokens_per_s": rate(tokens as f64, total), "mb_per_s": rate(bytes as f64 / 1e6, total),
                "stages": stage_json,
                "counts": { "entities": ents, "places": places, "times": times, "events": events, "actors": actors },
                "per_second": { "entities": rate(ents as f64, total), "places": rate(places as f64, total),
                                "times": rate(times as f64, total), "events": rate(events as f64, total),
                                "actors": rate(actors as f64, total) },
            }
        });
        emit(&(serde_json::to_string_pretty(&out)? + "\n"));
        return Ok(0);
    }
    let _ = writeln!(o, "pipeline: {} documents, {} tokens (stages loaded in {:.2}s)", docs.len(), tokens, load_secs);
    let _ = writeln!(o, "  {:<10} {:>10} {:>12} {:>14} {:>10}", "stage", "seconds", "docs/s", "tokens/s", "MB/s");
    for (s, &x) in stages.iter().zip(&secs) {
        let _ = writeln!(
            o,
            "  {:<10} {:>10.3} {:>12.0} {:>14.0} {:>10.1}",
            s.name(),
            x,
            rate(n, x),
            rate(tokens as f64, x),
            rate(bytes as f64 / 1e6, x)
        );
    }
    let _ = writeln!(
        o,
        "  {:<10} {:>10.3} {:>12.0} {:>14.0} {:>10.1}",
        "all",
        total,
        rate(n, total),
        rate(tokens as f64, total),
        rate(bytes as f64 / 1e6, total)
    );
    let _ = writeln!(
        o,
        "found: {ents} entities ({:.0}/s), {places} places ({:.0}/s), {times} dates ({:.0}/s), {events} events ({:.0}/s), {actors} actors ({:.0}/s)",
        rate(ents as f64, total),
        rate(places as f64, total),
        rate(times as f64, total),
        rate(events as f64, total),
        rate(actors as f64, total)
    );
    emit(&o);
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_files_are_read_and_missing_ones_fail() {
        let dir = std::env::temp_dir().join(format!("marsad-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("c.jsonl");
        std::fs::write(&f, "{\"id\":\"a\",\"date\":\"2020-05-01\",\"text\":\"قتل جندي في كركوك\"}\n{\"id\":\"b\",\"text\":\"  \"}\n").unwrap();
        let docs = read_corpus(&[f.display().to_string()]).unwrap();
        assert_eq!(docs, vec![("قتل جندي في كركوك".to_string(), Some("2020-05-01".to_string()))]);
        assert!(read_corpus(&[dir.join("missing.txt").display().to_string()]).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn corpus_cycles_through_plain_examples() {
        let c = corpus(7);
        assert_eq!(c.len(), 7);
        assert!(c.iter().all(|t| !t.trim_start().starts_with('<') && !t.trim_start().starts_with('{')));
        assert_eq!(corpus(0).len(), 1);
    }

    #[test]
    fn text_only_run_measures_something() {
        let t = marsad_text::bench::measure(&corpus(4), Duration::ZERO);
        assert_eq!(t.docs, 4);
        assert!(t.tokens > 100 && t.bytes > 1000 && t.mb_per_s() > 0.0);
        let code = run(BenchArgs { docs: 2, seconds: 0.0, text_only: true, json: true, corpus: vec![] }).unwrap();
        assert_eq!(code, 0);
    }
}
