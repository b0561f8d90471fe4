//! `marsad bench`: throughput of the text layer, CPU cost of each pipeline
//! stage (per document and per 1,000 characters), and the whole pipeline
//! on 1 and N threads, on real articles: the shared corpus
//! (`../shared/corpus/ant-v1.1-jawharafm.jsonl`) when it is there, a given
//! `--corpus`, else the bundled examples.
use crate::examples::EXAMPLES;
use anyhow::Result;
use clap::Args;
use marsad_core::Document;
use marsad_pipeline::bench::{self as pb, Run, StageProfile};
use marsad_pipeline::Pipeline;
use serde_json::json;
use std::fmt::Write as _;
use std::io::Write as _;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct BenchArgs {
    /// Documents to run: the first N of the corpus (cycled when it has fewer).
    #[arg(long, default_value_t = 3600)]
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
    /// reads) [default: ../shared/corpus/ant-v1.1-jawharafm.jsonl when it
    /// exists, else the bundled examples].
    #[arg(long, value_name = "PATH")]
    corpus: Vec<String>,
    /// The bundled examples even when the shared corpus is there.
    #[arg(long, conflicts_with = "corpus")]
    examples: bool,
    /// Threads of the parallel run [default: one per core].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
}

/// One benchmark document: text and publication date.
type Text = (String, Option<String>);

/// Texts and publication dates of the documents in `paths` (unreadable
/// items are skipped).
fn read_corpus(paths: &[String]) -> Result<Vec<Text>> {
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

/// Print without panicking when stdout is closed (`marsad bench | head`).
fn emit(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// The benchmark's documents, built afresh for each run.
fn documents<'a>(texts: &'a [&'a str], dates: &'a [Option<&'a str>]) -> impl Iterator<Item = Document> + 'a {
    texts.iter().zip(dates).enumerate().map(|(i, (t, d))| {
        let mut doc = Document::new(format!("bench-{i}"), *t);
        doc.published = Some(d.unwrap_or("2018-01-15").into());
        doc
    })
}

pub fn run(a: BenchArgs) -> Result<i32> {
    // where the documents come from
    let (given, origin): (Vec<Text>, String) = if !a.corpus.is_empty() {
        (read_corpus(&a.corpus)?, a.corpus.join(", "))
    } else if let Some(p) = pb::shared_corpus().filter(|_| !a.examples) {
        let name = p.display().to_string();
        (read_corpus(std::slice::from_ref(&name))?, name)
    } else {
        (Vec::new(), "the bundled plain-text examples".into())
    };
    let n = a.docs.max(1);
    let (texts, dates): (Vec<&str>, Vec<Option<&str>>) = if given.is_empty() {
        corpus(n).into_iter().map(|t| (t, None)).unzip()
    } else {
        (0..n).map(|i| &given[i % given.len()]).map(|(t, d)| (t.as_str(), d.as_deref())).unzip()
    };
    let available = if given.is_empty() { EXAMPLES.iter().filter(|e| e.is_plain()).count() } else { given.len() };
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let mut o = String::new();
    if !a.json {
        let _ = writeln!(
            o,
            "corpus: {} documents from {origin} ({} there{}), {:.2} M characters ({:.0} per document), {:.2} MB",
            texts.len(),
            available,
            if available < texts.len() { ", cycled" } else { "" },
            chars as f64 / 1e6,
            chars as f64 / texts.len() as f64,
            bytes as f64 / 1e6,
        );
    }
    if a.text_only {
        let (line, text_json) = text_layer(&texts, a.seconds);
        if a.json {
            o = serde_json::to_string_pretty(&json!({ "text": text_json }))? + "\n";
        } else {
            o.push_str(&line);
        }
        emit(&o);
        return Ok(0);
    }

    let load_start = Instant::now();
    let pipeline = Pipeline::load()?;
    let load_secs = load_start.elapsed().as_secs_f64();
    // one document through every stage first: lazily built tables
    let _ = pipeline.annotate(&mut documents(&texts[..1], &dates[..1]).next().unwrap_or_default());

    // the whole pipeline streamed as `extract` runs it, 1 thread then N;
    // first, so that the peak memory is that of streaming
    let threads = a.threads.filter(|&n| n > 0).unwrap_or_else(marsad_pipeline::default_threads);
    let mut runs: Vec<Run> = vec![pb::run(&pipeline, documents(&texts, &dates), 1)];
    if threads > 1 {
        runs.push(pb::run(&pipeline, documents(&texts, &dates), threads));
    }
    let streamed_peak_kb = pb::memory_kb().1;
    let (line, text_json) = text_layer(&texts, a.seconds);
    o.push_str(&line);

    // each stage's CPU time, one document at a time through every stage
    let prof = pb::stage_profile(&pipeline, documents(&texts, &dates));
    let (_, peak_kb) = pb::memory_kb();

    if a.json {
        emit(&(serde_json::to_string_pretty(&json_report(&text_json, &prof, &runs, load_secs, streamed_peak_kb, peak_kb, &origin))? + "\n"));
        return Ok(0);
    }
    let _ = writeln!(o, "stages on one thread, CPU time ({} documents, {} tokens; stages loaded in {load_secs:.2} s):", prof.docs, prof.tokens);
    let _ = writeln!(o, "  {:<10} {:>10} {:>14} {:>7} {:>14}", "stage", "µs/doc", "µs/1k chars", "share", "docs/CPU-s");
    let total = prof.total();
    let line = |o: &mut String, name: &str, d: Duration| {
        let _ = writeln!(
            o,
            "  {:<10} {:>10.1} {:>14.1} {:>6.1}% {:>14.0}",
            name,
            prof.us_per_doc(d),
            prof.us_per_kchar(d),
            100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9),
            rate(prof.docs as f64, d.as_secs_f64())
        );
    };
    for (name, &d) in prof.names.iter().zip(&prof.cpu) {
        line(&mut o, name, d);
    }
    line(&mut o, "all", total);
    let [ents, places, times, events, actors] = prof.found;
    let _ = writeln!(o, "found: {ents} entities, {places} places, {times} dates, {events} events, {actors} actors");
    let _ = writeln!(o, "whole pipeline, documents streamed through Pipeline::annotate_many as `marsad extract` runs it:");
    for r in &runs {
        let _ = writeln!(
            o,
            "  {} thread{:<2} {:>7.0} articles per CPU-second, {:>7.0} articles/s by the wall clock ({:.2} s wall, {:.2} s CPU){}",
            r.threads,
            if r.threads == 1 { "" } else { "s" },
            r.docs_per_cpu_s(),
            r.docs_per_wall_s(),
            r.wall.as_secs_f64(),
            r.cpu.as_secs_f64(),
            if r.threads > 1 { format!(", wall speed-up {:.2}x", r.docs_per_wall_s() / runs[0].docs_per_wall_s().max(1e-9)) } else { String::new() }
        );
    }
    let _ = writeln!(
        o,
        "peak memory (VmHWM): {} MB after the streamed runs; {} MB at the end (the text layer and stage profile hold their documents)",
        streamed_peak_kb / 1024,
        peak_kb / 1024
    );
    emit(&o);
    Ok(0)
}

/// The text stage alone, repeated for at least `seconds`: a line for the
/// report, and the figures as JSON.
fn text_layer(texts: &[&str], seconds: f64) -> (String, serde_json::Value) {
    // warm up lazily built lexicons before timing
    marsad_text::annotate(&mut Document::new("warm-up", texts[0]));
    let t = marsad_text::bench::measure(texts, Duration::from_secs_f64(seconds.max(0.0)));
    let line = format!(
        "text layer (one thread): {:.1} MB/s, {:.0} tokens/s, {:.0} docs/s per {} ({} docs, {} tokens; {:.1} MB/s by the wall clock)\n",
        t.mb_per_s(),
        t.tokens_per_s(),
        t.docs_per_s(),
        if t.cpu_seconds.is_some() { "CPU-second" } else { "wall-clock second" },
        t.docs,
        t.tokens,
        t.wall_mb_per_s()
    );
    let json = json!({
        "docs": t.docs, "bytes": t.bytes, "tokens": t.tokens, "sentences": t.sentences,
        "seconds": t.busy_seconds(), "wall_seconds": t.seconds, "cpu_time": t.cpu_seconds.is_some(),
        "mb_per_s": t.mb_per_s(), "tokens_per_s": t.tokens_per_s(), "docs_per_s": t.docs_per_s(),
    });
    (line, json)
}

fn json_report(text: &serde_json::Value, prof: &StageProfile, runs: &[Run], load_secs: f64, streamed_peak_kb: u64, peak_kb: u64, origin: &str) -> serde_json::Value {
    let total = prof.total();
    let stages: Vec<_> = prof
        .names
        .iter()
        .zip(&prof.cpu)
        .map(|(name, &d)| {
            json!({ "stage": name, "cpu_seconds": d.as_secs_f64(), "us_per_doc": prof.us_per_doc(d),
                    "us_per_1k_chars": prof.us_per_kchar(d), "docs_per_cpu_s": rate(prof.docs as f64, d.as_secs_f64()) })
        })
        .collect();
    let runs: Vec<_> = runs
        .iter()
        .map(|r| {
            json!({ "threads": r.threads, "docs": r.docs, "wall_seconds": r.wall.as_secs_f64(), "cpu_seconds": r.cpu.as_secs_f64(),
                    "docs_per_cpu_s": r.docs_per_cpu_s(), "docs_per_wall_s": r.docs_per_wall_s() })
        })
        .collect();
    let [ents, places, times, events, actors] = prof.found;
    json!({
        "corpus": origin,
        "text": text,
        "pipeline": {
            "docs": prof.docs, "chars": prof.chars, "bytes": prof.bytes, "tokens": prof.tokens, "load_seconds": load_secs,
            "cpu_seconds": total.as_secs_f64(), "docs_per_cpu_s": prof.docs_per_cpu_s(),
            "us_per_doc": prof.us_per_doc(total), "us_per_1k_chars": prof.us_per_kchar(total),
            "stages": stages,
            "counts": { "entities": ents, "places": places, "times": times, "events": events, "actors": actors },
        },
        "runs": runs,
        "peak_memory_kb": { "streaming": streamed_peak_kb, "end": peak_kb },
    })
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

    fn args(docs: usize, text_only: bool) -> BenchArgs {
        BenchArgs { docs, seconds: 0.0, text_only, json: true, corpus: vec![], examples: true, threads: Some(2) }
    }

    #[test]
    fn text_only_run_measures_something() {
        let t = marsad_text::bench::measure(&corpus(4), Duration::ZERO);
        assert_eq!(t.docs, 4);
        assert!(t.tokens > 100 && t.bytes > 1000 && t.mb_per_s() > 0.0);
        assert_eq!(run(args(2, true)).unwrap(), 0);
    }

    #[test]
    fn pipeline_run_reports_stages_and_threads() {
        let p = Pipeline::global().unwrap();
        let texts = corpus(6);
        let dates = vec![None; texts.len()];
        let prof = pb::stage_profile(p, documents(&texts, &dates));
        assert_eq!(prof.docs, 6);
        assert_eq!(prof.names.len(), p.stages().len());
        assert!(prof.chars > 1000 && prof.us_per_kchar(prof.total()) > 0.0);
        let r = pb::run(p, documents(&texts, &dates), 2);
        assert_eq!((r.docs, r.threads), (6, 2));
        assert!(r.docs_per_cpu_s() > 0.0 && r.peak_kb > 0);
        assert_eq!(run(args(3, false)).unwrap(), 0);
    }
}
