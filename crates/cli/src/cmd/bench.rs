//! `marsad bench`: throughput of the text layer and of each pipeline stage,
//! on a corpus built from the bundled example articles (single thread).
use crate::examples::EXAMPLES;
use anyhow::Result;
use clap::Args;
use marsad_core::{Document, Stage};
use serde_json::json;
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
}

/// The corpus: `n` documents cycling through the plain-text examples.
fn corpus(n: usize) -> Vec<&'static str> {
    let plain: Vec<&'static str> = EXAMPLES.iter().filter(|e| e.is_plain()).map(|e| e.text).collect();
    (0..n.max(1)).map(|i| plain[i % plain.len()]).collect()
}

/// The stages in pipeline order, loaded as `Pipeline::load` does, so each
/// can be timed on its own.
fn stages() -> Result<Vec<Box<dyn Stage>>> {
    Ok(vec![
        Box::new(marsad_text::TextStage),
        Box::new(marsad_entities::EntityStage::load()?),
        Box::new(marsad_places::PlaceStage::load()?),
        Box::new(marsad_time::TimeStage::load()?),
        Box::new(marsad_actors::ActorStage::load()?),
        Box::new(marsad_events::EventStage::load()?),
    ])
}

fn rate(x: f64, secs: f64) -> f64 {
    x / secs.max(1e-9)
}

pub fn run(a: BenchArgs) -> Result<i32> {
    let texts = corpus(a.docs);
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    // warm up lazily built lexicons before timing
    marsad_text::annotate(&mut Document::new("warm-up", texts[0]));
    let t = marsad_text::bench::measure(&texts, Duration::from_secs_f64(a.seconds.max(0.0)));
    let text_json = json!({
        "docs": t.docs, "bytes": t.bytes, "tokens": t.tokens, "sentences": t.sentences, "seconds": t.seconds,
        "mb_per_s": t.mb_per_s(), "tokens_per_s": t.tokens_per_s(), "docs_per_s": t.docs_per_s(),
    });
    if !a.json {
        println!(
            "corpus: {} documents from {} bundled examples, {:.2} MB, single thread",
            texts.len(),
            EXAMPLES.iter().filter(|e| e.is_plain()).count(),
            bytes as f64 / 1e6
        );
        println!(
            "text layer: {:.1} MB/s, {:.0} tokens/s, {:.0} docs/s ({} docs, {} tokens in {:.2}s)",
            t.mb_per_s(),
            t.tokens_per_s(),
            t.docs_per_s(),
            t.docs,
            t.tokens,
            t.seconds
        );
    }
    if a.text_only {
        if a.json {
            println!("{}", serde_json::to_string_pretty(&json!({ "text": text_json }))?);
        }
        return Ok(0);
    }

    let load_start = Instant::now();
    let stages = stages()?;
    let load_secs = load_start.elapsed().as_secs_f64();
    let mut docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = Document::new(format!("bench-{i}"), *t);
            d.published = Some("2018-01-15".into());
            d
        })
        .collect();
    // one warm-up document through every stage
    let mut warm = Document::new("warm-up", texts[0]);
    for s in &stages {
        s.annotate(&mut warm);
    }
    let mut secs = vec![0f64; stages.len()];
    for d in docs.iter_mut() {
        for (k, s) in stages.iter().enumerate() {
            let start = Instant::now();
            s.annotate(d);
            secs[k] += start.elapsed().as_secs_f64();
        }
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
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(0);
    }
    println!("pipeline: {} documents, {} tokens (stages loaded in {:.2}s)", docs.len(), tokens, load_secs);
    println!("  {:<10} {:>10} {:>12} {:>14} {:>10}", "stage", "seconds", "docs/s", "tokens/s", "MB/s");
    for (s, &x) in stages.iter().zip(&secs) {
        println!(
            "  {:<10} {:>10.3} {:>12.0} {:>14.0} {:>10.1}",
            s.name(),
            x,
            rate(n, x),
            rate(tokens as f64, x),
            rate(bytes as f64 / 1e6, x)
        );
    }
    println!(
        "  {:<10} {:>10.3} {:>12.0} {:>14.0} {:>10.1}",
        "all",
        total,
        rate(n, total),
        rate(tokens as f64, total),
        rate(bytes as f64 / 1e6, total)
    );
    println!(
        "found: {ents} entities ({:.0}/s), {places} places ({:.0}/s), {times} dates ({:.0}/s), {events} events ({:.0}/s), {actors} actors ({:.0}/s)",
        rate(ents as f64, total),
        rate(places as f64, total),
        rate(times as f64, total),
        rate(events as f64, total),
        rate(actors as f64, total)
    );
    Ok(0)
}
