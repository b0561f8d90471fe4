//! `marsad actors`: look a name up in the actors knowledge base, list it,
//! code a phrase, show the actors of a text, or measure actor coverage on
//! protest-style gold (`--gold`).
use anyhow::{Context, Result};
use clap::Args;
use marsad_actors::{code_phrase, Kb, KbActor};
use marsad_core::Document;
use std::io::Read;

/// println! that does not panic when stdout is closed (`| head`).
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

#[derive(Args)]
pub struct ActorsArgs {
    /// A name or alias to look up (Arabic or English), or a phrase to code.
    pub name: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// List every actor of the knowledge base.
    #[arg(long)]
    pub list: bool,
    /// Run the actors stage on a text file ("-" for stdin) and print the actors found.
    #[arg(long, value_name = "FILE")]
    pub text: Option<String>,
    /// Measure actor coverage on JSON Lines gold with `text` and `events[].source_text/source_code`.
    #[arg(long, value_name = "FILE")]
    pub gold: Option<String>,
    /// With --gold: print the sentences where no mention matches.
    #[arg(long)]
    pub misses: bool,
    /// With --gold: run the whole pipeline (entities, places… feed the actors stage), not just text + actors.
    #[arg(long)]
    pub pipeline: bool,
}

fn kb_json(a: &KbActor) -> serde_json::Value {
    serde_json::json!({
        "actor_id": format!("kb:{}", a.id),
        "name": a.name,
        "name_ar": a.name_ar(),
        "actor_type": a.actor_type,
        "country": a.country,
        "sector": a.sector,
        "aliases_ar": a.aliases_ar,
        "aliases_en": a.aliases_en,
        "note": a.note,
    })
}

fn kb_text(a: &KbActor) -> String {
    format!(
        "kb:{}\t{}\t{}\t{}\t{}\n  ar: {}\n  en: {}{}",
        a.id,
        a.name,
        a.actor_type,
        a.country.as_deref().unwrap_or("-"),
        a.sector,
        a.aliases_ar.join("، "),
        a.aliases_en.join(", "),
        if a.note.is_empty() { String::new() } else { format!("\n  note: {}", a.note) }
    )
}

pub fn run(a: ActorsArgs) -> Result<i32> {
    let kb = Kb::global();
    if let Some(g) = &a.gold {
        return gold(g, a.misses, a.json, a.pipeline);
    }
    if let Some(path) = &a.text {
        let mut text = String::new();
        if path == "-" {
            std::io::stdin().read_to_string(&mut text)?;
        } else {
            text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
        }
        let mut doc = Document::new(path.clone(), text);
        marsad_pipeline::Pipeline::global()?.annotate(&mut doc)?;
        if a.json {
            say!("{}", serde_json::to_string_pretty(&doc.actors)?);
        } else {
            for act in &doc.actors {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{} mention(s): {}",
                    act.actor_id,
                    act.name,
                    act.actor_type.as_deref().unwrap_or("-"),
                    act.country.as_deref().unwrap_or("-"),
                    act.sector.as_deref().unwrap_or("-"),
                    act.mentions.len(),
                    act.aliases.join(" | ")
                );
                for r in &act.relations {
                    say!("    {} → {}", r.relation, r.target);
                }
            }
        }
        return Ok(0);
    }
    if a.list {
        if a.json {
            let v: Vec<_> = kb.actors.iter().map(kb_json).collect();
            say!("{}", serde_json::to_string_pretty(&v)?);
        } else {
            for x in &kb.actors {
                say!("{}", kb_text(x));
            }
            say!("{} actors, {} countries, {} generic agents", kb.actors.len(), kb.countries.len(), kb.agents.len());
        }
        return Ok(0);
    }
    let Some(name) = &a.name else {
        anyhow::bail!("give a NAME, --list, --text FILE or --gold FILE");
    };
    let hits = kb.lookup(name);
    let code = code_phrase(name);
    if a.json {
        let v = serde_json::json!({
            "query": name,
            "actors": hits.iter().map(|x| kb_json(x)).collect::<Vec<_>>(),
            "code": code.as_ref().map(|c| serde_json::json!({
                "name": c.name, "country": c.country, "sector": c.sector, "actor_type": c.actor_type, "actor_id": c.actor_id,
            })),
        });
        say!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        for h in &hits {
            say!("{}", kb_text(h));
        }
        match &code {
            Some(c) => say!(
                "code: {} ({}) country={} sector={}",
                c.name,
                c.actor_type.as_deref().unwrap_or("-"),
                c.country.as_deref().unwrap_or("-"),
                c.sector.as_deref().unwrap_or("-")
            ),
            None if hits.is_empty() => say!("not found: {name}"),
            None => {}
        }
    }
    Ok(if hits.is_empty() && code.is_none() { 1 } else { 0 })
}

/// Word keys of a phrase: normalised, clitic-free, order-free.
fn words(s: &str) -> Vec<String> {
    let k = marsad_text::key(s);
    let mut v: Vec<String> = k.split(' ').filter(|w| !w.is_empty()).map(|w| w.to_string()).collect();
    v.sort();
    v
}

fn gold(path: &str, misses: bool, json: bool, full: bool) -> Result<i32> {
    let data = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    let kb = Kb::global();
    let (mut n, mut with_src, mut exact, mut overlap, mut with_cty, mut cty_ok, mut cty_any) = (0, 0, 0, 0, 0, 0, 0);
    let (mut with_tgt, mut tgt_exact, mut tgt_overlap) = (0, 0, 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().unwrap_or("");
        let ev = &v["events"][0];
        let src = ev["source_text"].as_str().unwrap_or("");
        let code = ev["source_code"].as_str().unwrap_or("None None");
        let gc = code.split(' ').next().unwrap_or("None");
        n += 1;
        let mut doc = Document::new(v["id"].as_str().unwrap_or(""), text);
        if full {
            marsad_pipeline::Pipeline::global()?.annotate(&mut doc)?;
        } else {
            marsad_text::annotate(&mut doc);
            marsad_actors::annotate(kb, &mut doc);
        }
        let ms = marsad_actors::mentions_in(&doc, 0, doc.char_len());
        let gw = words(src);
        let mut hit_exact = None;
        let mut hit_overlap = None;
        for (ai, m) in &ms {
            let mw = words(&m.text);
            if !gw.is_empty() && mw == gw {
                hit_exact = Some(*ai);
            }
            if !gw.is_empty() && mw.iter().any(|w| gw.contains(w)) && hit_overlap.is_none() {
                hit_overlap = Some(*ai);
            }
        }
        if !src.is_empty() {
            with_src += 1;
            if hit_exact.is_some() {
                exact += 1;
            }
            if hit_overlap.is_some() || hit_exact.is_some() {
                overlap += 1;
            } else if misses {
                say!("MISS src={src:?} [{code}] :: {text}");
            }
        }
        let tgt = ev["target_text"].as_str().unwrap_or("");
        if !tgt.is_empty() {
            with_tgt += 1;
            let tw = words(tgt);
            if ms.iter().any(|(_, m)| words(&m.text) == tw) {
                tgt_exact += 1;
            }
            if ms.iter().any(|(_, m)| words(&m.text).iter().any(|w| tw.contains(w))) {
                tgt_overlap += 1;
            } else if misses {
                say!("TGT-MISS tgt={tgt:?} :: {text}");
            }
        }
        if gc != "None" && gc.len() == 3 {
            with_cty += 1;
            // the country of the mention matching the gold source, else of any mention
            let chosen = hit_exact.or(hit_overlap);
            if let Some(ai) = chosen {
                let m = ms.iter().find(|(a, _)| *a == ai).map(|(_, m)| m.clone()).unwrap_or_default();
                let r = marsad_actors::actor_ref_in(&doc, ai, &m);
                if r.and_then(|r| r.country).as_deref() == Some(gc) {
                    cty_ok += 1;
                } else if misses {
                    say!("WRONG-CTY gold {gc} ours {:?} src={src:?} :: {text}", doc.actors[ai].country);
                }
            } else if misses {
                say!("NO-SRC-MENTION gold country {gc} src={src:?} :: {text}");
            }
            if ms.iter().any(|(ai, _)| doc.actors[*ai].country.as_deref() == Some(gc)) {
                cty_any += 1;
            }
        }
    }
    let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    if json {
        say!(
            "{}",
            serde_json::json!({
                "sentences": n, "with_source": with_src,
                "source_exact": exact, "source_overlap": overlap,
                "with_target": with_tgt, "target_exact": tgt_exact, "target_overlap": tgt_overlap,
                "with_country": with_cty, "country_of_source_mention": cty_ok, "country_any_mention": cty_any,
            })
        );
    } else {
        say!("sentences: {n}; with a gold source text: {with_src}");
        say!("  some mention = gold source (same words, any order): {exact} ({:.1}%)", pct(exact, with_src));
        say!("  some mention shares a word with gold source:        {overlap} ({:.1}%)", pct(overlap, with_src));
        say!("sentences with a gold target text: {with_tgt}");
        say!("  some mention = gold target (same words, any order): {tgt_exact} ({:.1}%)", pct(tgt_exact, with_tgt));
        say!("  some mention shares a word with gold target:        {tgt_overlap} ({:.1}%)", pct(tgt_overlap, with_tgt));
        say!("sentences whose gold source has a country: {with_cty}");
        say!("  country of the matching mention right:  {cty_ok} ({:.1}%)", pct(cty_ok, with_cty));
        say!("  some mention in the sentence has it:     {cty_any} ({:.1}%)", pct(cty_any, with_cty));
    }
    Ok(0)
}
